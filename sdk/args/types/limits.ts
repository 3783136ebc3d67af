/**
 * Ingestion and query limits, globally and per tenant (Tempo's scoped overrides).
 */
import type { MetricsGeneratorProcessor } from "./metricsGenerator";

/**
 * Ingestion and query limits, rendered into Tempo's scoped overrides (`overrides.defaults`, or a tenant's block).
 * @see https://grafana.com/docs/tempo/latest/configuration/#overrides
 */
export interface LimitsArgs {
    /** Per-tenant ingestion rate, bytes/s (`ingestion.rate_limit_bytes`). Tempo's default: 30000000. */
    ingestionRateLimitBytes?: number;
    /** Burst allowance, bytes; at least the rate (`ingestion.burst_size_bytes`). Tempo's default: 30000000. */
    ingestionBurstSizeBytes?: number;
    /** Live traces per live-store instance (`ingestion.max_traces_per_user`). Tempo's default: 10000. */
    maxTracesPerUser?: number;
    /** Largest trace, bytes (`global.max_bytes_per_trace`). Tempo's default: 5000000. */
    maxBytesPerTrace?: number;
    /** Longest time range one search may cover, e.g. `168h` (`read.max_search_duration`); `0s` = no limit. */
    maxSearchDuration?: string;
}

/** One tenant's overrides. Tempo does not merge a tenant's block with the defaults; TempoCluster does it for you. */
export interface TenantArgs {
    /** This tenant's trace retention, e.g. `30d` (the bucket lifecycle follows the longest retention). */
    retention?: string;
    /** This tenant's limits, over the global `limits`. */
    limits?: LimitsArgs;
    /** Processors the metrics generator runs for this tenant. Defaults to the generator's processors. */
    metricsGeneratorProcessors?: MetricsGeneratorProcessor[];
}
