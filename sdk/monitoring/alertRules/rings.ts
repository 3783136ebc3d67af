/**
 * Ring health: members of the distributor, live-store or ingester, compactor and metrics-generator rings that stopped
 * heartbeating.
 */
import { hasComponent, isTempo2, promString, scope } from "../context";
import type { AlertThresholds, MonitoringContext, Severity, Threshold } from "../types";
import { num, type AlertSpec } from "./expressions";

/** Ring-membership alert for one ring (`tempo_ring_members{name=<ring>}`). */
function ringUnhealthy(ctx: MonitoringContext, name: string, ring: string, what: string, severity: Severity, t: Threshold): AlertSpec {
    return {
        name,
        severity,
        timing: t,
        expr: `max by (cluster, namespace) (tempo_ring_members{${scope(ctx, `name=${promString(ring)}`, `state="Unhealthy"`)}}) > ${num(t.value)}`,
        summary: `Unhealthy members in the ${ring} ring.`,
        description: `{{ $value }} ${what} instance(s) in {{ $labels.cluster }}/{{ $labels.namespace }} have stopped heartbeating to the ${ring} ring for ${t.for}.`,
    };
}

/**
 * Rings: distributor always; live-store (distributed) or ingester (Tempo 2) when deployed; the compactor ring in classic
 * (the monolithic binary's compactor ring is in-memory, with itself as the only member); metrics-generator when on.
 */
export function ringAlerts(ctx: MonitoringContext, t: AlertThresholds): AlertSpec[] {
    return [
        ringUnhealthy(ctx, "TempoDistributorUnhealthy", "distributor", "distributor", "warning", t.distributorUnhealthy),
        ...(ctx.architecture === "distributed" && hasComponent(ctx, "live-store")
            ? [ringUnhealthy(ctx, "TempoLiveStoreUnhealthy", "live-store", "live-store", "critical", t.liveStoreUnhealthy)]
            : []),
        ...(isTempo2(ctx) && hasComponent(ctx, "ingester")
            ? [ringUnhealthy(ctx, "TempoIngesterUnhealthy", "ingester", "ingester", "critical", t.ingesterUnhealthy)]
            : []),
        ...(ctx.architecture === "classic" && hasComponent(ctx, "compactor")
            ? [ringUnhealthy(ctx, "TempoCompactorUnhealthy", "compactor", "compactor", "critical", t.compactorUnhealthy)]
            : []),
        ...(ctx.metricsGenerator
            ? [
                  ringUnhealthy(
                      ctx,
                      "TempoMetricsGeneratorUnhealthy",
                      "metrics-generator",
                      "metrics-generator",
                      "critical",
                      t.metricsGeneratorUnhealthy,
                  ),
              ]
            : []),
    ];
}
