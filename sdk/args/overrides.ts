/**
 * Tempo's scoped overrides, derived from `limits`, `tenants`, `retention` and the metrics generator: the global block
 * (`overrides.defaults`) and one complete block per tenant (Tempo does not merge a tenant's block with the defaults,
 * so each carries every value it needs).
 * @see https://grafana.com/docs/tempo/latest/configuration/#overrides
 */
import type { LimitsArgs, MetricsGeneratorProcessor, TenantArgs } from "./types";
import { formatGoDuration, parseDurationMinutes } from "./duration";

/** One scoped overrides block, as Tempo reads it. */
export interface OverridesBlock {
    readonly ingestion?: { rate_limit_bytes?: number; burst_size_bytes?: number; max_traces_per_user?: number };
    readonly global?: { max_bytes_per_trace?: number };
    readonly read?: { max_search_duration?: string };
    readonly compaction: { block_retention: string; compaction_disabled?: boolean };
    readonly metrics_generator?: { processors: string[] };
}

/** Tempo 3.0.3's own defaults for the limits (its config manifest); written into tenant blocks explicitly. */
export const TEMPO_DEFAULT_LIMITS: Required<Omit<LimitsArgs, "maxSearchDuration">> = {
    ingestionRateLimitBytes: 30_000_000,
    ingestionBurstSizeBytes: 30_000_000,
    maxTracesPerUser: 10_000,
    maxBytesPerTrace: 5_000_000,
};

/** Tempo's default burst size: a rate above it needs a burst of at least the rate. */
export const TEMPO_DEFAULT_BURST_BYTES = TEMPO_DEFAULT_LIMITS.ingestionBurstSizeBytes;

/** Parses `0`/`0s` (no limit) or a duration such as `168h`/`7d` into a Go duration string. */
export function limitDuration(text: string): string | undefined {
    if (/^0+[smhdw]?$/.test(text.trim())) {
        return "0s";
    }
    const minutes = parseDurationMinutes(text);
    return minutes === undefined ? undefined : formatGoDuration(minutes);
}

/** The overrides block for a set of limits, retention and processors. */
export function overridesBlock(
    limits: LimitsArgs,
    retention: string,
    processors: readonly MetricsGeneratorProcessor[],
    compactionDisabled = false,
): OverridesBlock {
    const ingestion: Record<string, number> = {};
    if (limits.ingestionRateLimitBytes !== undefined) {
        ingestion.rate_limit_bytes = limits.ingestionRateLimitBytes;
    }
    const burst =
        limits.ingestionBurstSizeBytes ??
        (limits.ingestionRateLimitBytes !== undefined && limits.ingestionRateLimitBytes > TEMPO_DEFAULT_BURST_BYTES
            ? limits.ingestionRateLimitBytes
            : undefined);
    if (burst !== undefined) {
        ingestion.burst_size_bytes = burst;
    }
    if (limits.maxTracesPerUser !== undefined) {
        ingestion.max_traces_per_user = limits.maxTracesPerUser;
    }
    const searchDuration = limits.maxSearchDuration !== undefined ? limitDuration(limits.maxSearchDuration) : undefined;
    return {
        ...(Object.keys(ingestion).length > 0 ? { ingestion } : {}),
        ...(limits.maxBytesPerTrace !== undefined ? { global: { max_bytes_per_trace: limits.maxBytesPerTrace } } : {}),
        ...(searchDuration !== undefined ? { read: { max_search_duration: searchDuration } } : {}),
        compaction: { block_retention: retention, ...(compactionDisabled ? { compaction_disabled: true } : {}) },
        ...(processors.length > 0 ? { metrics_generator: { processors: [...processors] } } : {}),
    };
}

/** Resolved overrides: the defaults block and a complete block per tenant. */
export interface ResolvedOverrides {
    readonly defaults: OverridesBlock;
    readonly tenants: Readonly<Record<string, OverridesBlock>>;
    /** The longest retention of any tenant (and the default), minutes: the bucket lifecycle must not undercut it. */
    readonly longestRetentionMinutes: number;
}

/** Resolves global and per-tenant overrides; tenants inherit every global value they do not set. */
export function resolveOverrides(
    limits: LimitsArgs,
    retentionMinutes: number,
    processors: readonly MetricsGeneratorProcessor[],
    tenants: Readonly<Record<string, TenantArgs>>,
    compactionDisabled = false,
): ResolvedOverrides {
    let longest = retentionMinutes;
    const tenantBlocks: Record<string, OverridesBlock> = {};
    for (const id of Object.keys(tenants).sort()) {
        const tenant = tenants[id];
        const minutes = tenant.retention !== undefined ? (parseDurationMinutes(tenant.retention) as number) : retentionMinutes;
        longest = Math.max(longest, minutes);
        // A tenant block replaces the defaults rather than merging with them: spell every limit out.
        const own = { ...limits, ...tenant.limits };
        const burst = own.ingestionBurstSizeBytes ?? Math.max(own.ingestionRateLimitBytes ?? 0, TEMPO_DEFAULT_LIMITS.ingestionBurstSizeBytes);
        tenantBlocks[id] = overridesBlock(
            { ...TEMPO_DEFAULT_LIMITS, ...own, ingestionBurstSizeBytes: burst },
            formatGoDuration(minutes),
            tenant.metricsGeneratorProcessors ?? processors,
            compactionDisabled,
        );
    }
    return {
        defaults: overridesBlock(limits, formatGoDuration(retentionMinutes), processors, compactionDisabled),
        tenants: tenantBlocks,
        longestRetentionMinutes: longest,
    };
}
