/**
 * The read path: query-frontend latency and errors on the HTTP API routes, and memcached as Tempo's cache client sees
 * it.
 */
import { chartMemcached, hasComponent, jobOf, promString, scope } from "../context";
import { P99_LATENCY_SERIES } from "../recordingRules";
import type { AlertThresholds, MonitoringContext } from "../types";
import { num, pct, sumOver, type AlertSpec } from "./expressions";

/** Read path: query-frontend latency and errors on the HTTP API routes. */
export function readAlerts(ctx: MonitoringContext, t: AlertThresholds): AlertSpec[] {
    if (!hasComponent(ctx, "query-frontend")) {
        return [];
    }
    const frontend = [`job=${promString(jobOf(ctx, "query-frontend"))}`, `route=~"api_.*"`];
    const requests = (...extra: string[]) =>
        sumOver(ctx, "rate", "tempo_request_duration_seconds_count", "5m", "cluster, namespace, route", ...frontend, ...extra);
    return [
        {
            name: "TempoQueryLatencyHigh",
            severity: "warning",
            timing: t.queryLatencyP99,
            expr: `max by (cluster, namespace, route) (${P99_LATENCY_SERIES}{${scope(ctx, ...frontend)}}) > ${num(t.queryLatencyP99.value)}`,
            summary: "Tempo queries are slow.",
            description: `The p99 latency of {{ $labels.route }} on the query-frontend in {{ $labels.cluster }}/{{ $labels.namespace }} is {{ $value | humanizeDuration }} (threshold ${num(t.queryLatencyP99.value)}s).`,
        },
        {
            name: "TempoQueryErrorsHigh",
            severity: "warning",
            timing: t.queryErrorRatio,
            expr: `${requests(`status_code=~"5.."`)}\n/\n${requests()}\n> ${num(t.queryErrorRatio.value)}`,
            summary: "Tempo queries fail.",
            description: `{{ $value | humanizePercentage }} of {{ $labels.route }} requests to the query-frontend in {{ $labels.cluster }}/{{ $labels.namespace }} fail with a 5xx (threshold ${pct(t.queryErrorRatio.value)}).`,
        },
    ];
}

/** Memcached as seen by Tempo's cache client (no exporter needed). */
export function cacheAlerts(ctx: MonitoringContext, t: AlertThresholds): AlertSpec[] {
    if (!chartMemcached(ctx)) {
        return [];
    }
    const by = "cluster, namespace, name";
    return [
        {
            name: "TempoMemcachedErrorsElevated",
            severity: "warning",
            timing: t.memcachedErrorRatio,
            expr: [
                sumOver(ctx, "rate", "tempo_memcache_request_duration_seconds_count", "5m", by, `status_code="500"`),
                "/",
                sumOver(ctx, "rate", "tempo_memcache_request_duration_seconds_count", "5m", by),
                `> ${num(t.memcachedErrorRatio.value)}`,
            ].join("\n"),
            summary: "Memcached requests fail.",
            description: `{{ $value | humanizePercentage }} of the requests to cache {{ $labels.name }} in {{ $labels.cluster }}/{{ $labels.namespace }} fail (threshold ${pct(t.memcachedErrorRatio.value)}); queries fall back to object storage and slow down.`,
        },
    ];
}
