/**
 * Alert thresholds: the defaults, overrides merged onto them, and the problems of a thresholds object.
 */
import type { AlertThresholds, ThresholdOverrides, Timing } from "./types";

/**
 * Default thresholds. Values and durations follow the Tempo mixin at v3.0.3 (v2.9.0 for the Tempo 2 ingester and
 * compactor alerts) where it has the alert; the rest are ours: the refused-span ratio keeps the seed guide's 1 %, query
 * latency uses Grafana's default 30 s data-proxy timeout, the append and generator-push failure ratios are 1 %, and
 * the vulture's trace-error ratio keeps the mixin's 10 %, measured over 30m instead of 1m.
 * @see https://github.com/grafana/tempo/blob/v3.0.3/operations/tempo-mixin/config.libsonnet
 * @see https://github.com/grafana/tempo/blob/v2.9.0/operations/tempo-mixin-compiled/alerts.yaml
 */
export const DEFAULT_THRESHOLDS: AlertThresholds = {
    distributorUnhealthy: { value: 0, for: "15m" },
    liveStoreUnhealthy: { value: 0, for: "15m" },
    ingesterUnhealthy: { value: 0, for: "15m" },
    compactorUnhealthy: { value: 0, for: "15m" },
    metricsGeneratorUnhealthy: { value: 0, for: "15m" },
    distributorRefusedRatio: { value: 0.01, for: "5m" },
    kafkaProduceFailureRatio: { value: 0.001, for: "5m" },
    discardedSpansRatio: { value: 0.01, for: "15m" },
    ingesterAppendFailureRatio: { value: 0.01, for: "15m" },
    ingesterFlushFailuresPerHour: { value: 2, for: "5m" },
    ingesterFlushFailedRetriesPerHour: { value: 2, for: "5m" },
    ingesterReplayErrors: { value: 0, for: "5m" },
    generatorPushFailureRatio: { value: 0.01, for: "15m" },
    blockBuilderLagWarning: { value: 200, for: "5m" },
    blockBuilderLagCritical: { value: 300, for: "5m" },
    blockBuilderFetchErrors: { value: 0, for: "15m" },
    liveStoreLagWarning: { value: 200, for: "5m" },
    liveStoreSingleMemberLag: { value: 1200, for: "5m" },
    liveStoreAllMembersLag: { value: 300, for: "2m" },
    liveStoreCompletionFailures: { value: 0, for: "15m" },
    liveStoreFlushFailures: { value: 0, for: "15m" },
    liveStoreZoneImbalance: { value: 0.6, for: "10m" },
    blockBuilderPartitionsMismatch: { value: 0, for: "10m" },
    liveStorePartitionsUnowned: { value: 0, for: "10m" },
    metricsGeneratorLag: { value: 900, for: "5m" },
    schedulerJobFailureRatio: { value: 0.05, for: "10m" },
    schedulerRetriesPerMinute: { value: 20, for: "10m" },
    schedulerEmptyJobsPerMinute: { value: 10, for: "10m" },
    workerBadJobsPerMinute: { value: 0, for: "10m" },
    workerCallRetriesPerMinute: { value: 5, for: "10m" },
    compactionErrorsPerHour: { value: 2, for: "1h" },
    outstandingBlocksWarning: { value: 100, for: "6h" },
    outstandingBlocksCritical: { value: 250, for: "24h" },
    pollErrorsPerHour: { value: 2, for: "5m" },
    tenantIndexErrorsPerHour: { value: 2, for: "5m" },
    tenantIndexAge: { value: 600, for: "5m" },
    tenantIndexBuilders: { value: 0, for: "5m" },
    badOverrides: { for: "15m" },
    userOverridesReloadFailuresPerHour: { value: 5, for: "15m" },
    queryLatencyP99: { value: 30, for: "10m" },
    queryErrorRatio: { value: 0.05, for: "15m" },
    memcachedErrorRatio: { value: 0.2, for: "10m" },
    generatorProcessorUpdateFailures: { value: 0, for: "15m" },
    generatorServiceGraphDropRatio: { value: 0.005, for: "15m" },
    generatorCollectionFailures: { value: 2, for: "5m" },
    vultureTraceErrorRatio: { value: 0.1, for: "15m" },
    vultureErrors: { value: 0, for: "15m" },
    vultureNoTraces: { for: "15m" },
};

/** Prometheus duration syntax accepted by the prometheus-operator CRDs (`for`, intervals). */
export const PROMETHEUS_DURATION = /^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/;

/** Merges overrides onto {@link DEFAULT_THRESHOLDS} (or onto `base`), field by field. */
export function withThresholds(overrides: ThresholdOverrides = {}, base: AlertThresholds = DEFAULT_THRESHOLDS): AlertThresholds {
    const merged: Record<string, unknown> = {};
    for (const key of Object.keys(base) as (keyof AlertThresholds)[]) {
        merged[key] = { ...base[key], ...(overrides[key] ?? {}) };
    }
    return merged as unknown as AlertThresholds;
}

/**
 * Problems with a thresholds object, as `[path, message]` pairs (empty when valid): `for` must be a non-empty
 * Prometheus duration and `value` a finite, non-negative number.
 */
export function thresholdProblems(thresholds: AlertThresholds): [string, string][] {
    return (Object.keys(thresholds) as (keyof AlertThresholds)[]).sort().flatMap((key) => {
        const entry = thresholds[key] as Timing & { value?: number };
        const problems: [string, string][] = [];
        if (entry.for === "" || !PROMETHEUS_DURATION.test(entry.for)) {
            problems.push([`${key}.for`, `must be a Prometheus duration such as "10m"; got ${JSON.stringify(entry.for)}`]);
        }
        if ("value" in entry && !(typeof entry.value === "number" && Number.isFinite(entry.value) && entry.value >= 0)) {
            problems.push([`${key}.value`, `must be a finite number >= 0; got ${JSON.stringify(entry.value)}`]);
        }
        return problems;
    });
}
