/**
 * The building blocks of the alert expressions and texts: an alert before the context-derived parts are filled in,
 * number formatting, and the PromQL patterns several alert groups use (error counters per hour, Kafka consumer lag,
 * partitions without an owner).
 */
import { promString, scope } from "../context";
import type { MonitoringContext, Severity, Threshold, Timing } from "../types";

/** Partition ring that live-stores and block-builders share (`livestore-partitions`). */
export const PARTITION_RING = "livestore-partitions";

/** An alert before the context-derived parts (runbook link, `for`) are filled in. */
export interface AlertSpec {
    readonly name: string;
    readonly severity: Severity;
    readonly timing: Timing;
    readonly expr: string;
    readonly summary: string;
    readonly description: string;
}

/** Formats a number for PromQL and texts without float noise (`0.001`, `1200`). */
export function num(value: number): string {
    return String(Number(value.toPrecision(12)));
}

/** Formats a ratio as a percentage for texts (`0.01` → `1%`). */
export function pct(ratio: number): string {
    return `${num(ratio * 100)}%`;
}

/** `sum by (<by>) (<fn>(<metric>{<scope, extra>}[<range>]))`. */
export function sumOver(ctx: MonitoringContext, fn: string, metric: string, range: string, by: string, ...extra: string[]): string {
    return `sum by (${by}) (${fn}(${metric}{${scope(ctx, ...extra)}}[${range}]))`;
}

/** "More than N in the last hour, and at least one in the last 5 minutes" on an error counter (the mixin's pattern). */
export function errorsPerHour(ctx: MonitoringContext, metric: string, threshold: Threshold): string {
    return [
        `${sumOver(ctx, "increase", metric, "1h", "cluster, namespace")} > ${num(threshold.value)}`,
        "and",
        `${sumOver(ctx, "increase", metric, "5m", "cluster, namespace")} > 0`,
    ].join("\n");
}

/** Lag of a Kafka consumer group, averaged over 6m, aggregated with `agg` by `by`. */
export function lagExpr(ctx: MonitoringContext, container: string, agg: "max" | "min", by: string, value: number): string {
    const lag = `tempo_ingest_group_partition_lag_seconds{${scope(ctx, `container=${promString(container)}`)}}`;
    return `${agg} by (${by}) (avg_over_time(${lag}[6m])) > ${num(value)}`;
}

/** Partitions in the partition ring (active or inactive) minus `owned`, treating an absent `owned` as 0. */
export function unownedPartitions(ctx: MonitoringContext, owned: string, threshold: Threshold): string {
    const ring = `max by (cluster, namespace) (tempo_partition_ring_partitions{${scope(
        ctx,
        `name=${promString(PARTITION_RING)}`,
        `state=~"Active|Inactive"`,
    )}})`;
    return [
        ring,
        "- on (cluster, namespace)",
        `(${owned} or on (cluster, namespace) 0 * ${ring})`,
        `> ${num(threshold.value)}`,
    ].join("\n");
}
