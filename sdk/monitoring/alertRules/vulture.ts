/**
 * Tempo Vulture, when it runs: the end-to-end proof that traces written are traces returned. Metric names from
 * `cmd/tempo-vulture/metrics.go` (identical at v2.9.0, v2.10.8 and v3.0.3): `tempo_vulture_trace_total` (traces
 * inspected), `tempo_vulture_trace_error_total` (by `error`: what was wrong with a trace) and
 * `tempo_vulture_error_total` (the vulture's own failed requests). Its series carry `job="<namespace>/tempo-vulture"`
 * from the component's PodMonitor.
 */
import { promString, scope } from "../context";
import type { AlertThresholds, MonitoringContext } from "../types";
import { num, pct, sumOver, type AlertSpec } from "./expressions";

/** The vulture's alerts (only when it runs). */
export function vultureAlerts(ctx: MonitoringContext, t: AlertThresholds): AlertSpec[] {
    if (ctx.vulture === undefined) {
        return [];
    }
    const by = "cluster, namespace";
    const inspected = `tempo_vulture_trace_total{${scope(ctx)}}`;
    return [
        {
            name: "TempoVultureTraceErrors",
            severity: "critical",
            timing: t.vultureTraceErrorRatio,
            expr: [
                sumOver(ctx, "increase", "tempo_vulture_trace_error_total", "30m", `${by}, error`),
                `/ ignoring (error) group_left`,
                sumOver(ctx, "increase", "tempo_vulture_trace_total", "30m", by),
                `> ${num(t.vultureTraceErrorRatio.value)}`,
            ].join("\n"),
            summary: "Tempo loses or garbles the vulture's traces.",
            description: `{{ $value | humanizePercentage }} of the traces the vulture inspected in {{ $labels.cluster }}/{{ $labels.namespace }} over 30m had the error {{ $labels.error }} (threshold ${pct(t.vultureTraceErrorRatio.value)}); traces written to Tempo are not coming back as written.`,
        },
        {
            name: "TempoVultureErrors",
            severity: "warning",
            timing: t.vultureErrors,
            expr: `${sumOver(ctx, "increase", "tempo_vulture_error_total", "15m", by)} > ${num(t.vultureErrors.value)}`,
            summary: "The vulture's requests to Tempo fail.",
            description: `The vulture in {{ $labels.cluster }}/{{ $labels.namespace }} failed {{ $value | humanize }} writes or reads in 15m; it cannot reach Tempo's distributor or query-frontend, or they refuse it.`,
        },
        {
            name: "TempoVultureNoTraces",
            severity: "warning",
            timing: t.vultureNoTraces,
            expr: [
                `sum by (${by}) (increase(${inspected}[15m])) == 0`,
                "or",
                `absent(${inspected})`,
            ].join("\n"),
            summary: "The vulture inspects no traces.",
            description: `The vulture in {{ $labels.cluster }}/{{ $labels.namespace }} inspected no trace in 15m, or its metrics are not scraped (job ${promString(`${ctx.namespace}/tempo-vulture`)}); the end-to-end check of writes and reads is blind.`,
        },
    ];
}
