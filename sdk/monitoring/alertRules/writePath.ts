/**
 * The write path: receivers refusing spans, Kafka produce failures (Tempo 3), spans discarded by limits, and the
 * Tempo 2 ingesters (appends, flushes, WAL replay).
 */
import { hasComponent, isTempo2 } from "../context";
import type { AlertThresholds, MonitoringContext } from "../types";
import { errorsPerHour, num, pct, sumOver, type AlertSpec } from "./expressions";

/** Write path: receivers refusing spans, Kafka produce failures (distributed), spans discarded by limits. */
export function writeAlerts(ctx: MonitoringContext, t: AlertThresholds): AlertSpec[] {
    const by = "cluster, namespace";
    const refused = sumOver(ctx, "rate", "tempo_receiver_refused_spans", "5m", by);
    const accepted = sumOver(ctx, "rate", "tempo_receiver_accepted_spans", "5m", by);
    const kafka: AlertSpec = {
        name: "TempoDistributorKafkaProduceFailing",
        severity: "critical",
        timing: t.kafkaProduceFailureRatio,
        expr: [
            sumOver(ctx, "rate", "tempo_distributor_produce_failures_total", "5m", by, `reason!="cancelled-before-producing"`),
            "/",
            sumOver(ctx, "rate", "tempo_distributor_produce_records_total", "5m", by),
            `> ${num(t.kafkaProduceFailureRatio.value)}`,
        ].join("\n"),
        summary: "Distributors cannot write to Kafka.",
        description: `{{ $value | humanizePercentage }} of the records the distributors in {{ $labels.cluster }}/{{ $labels.namespace }} produce to Kafka fail (threshold ${pct(t.kafkaProduceFailureRatio.value)}); the write path is rejecting traces.`,
    };
    return [
        {
            name: "TempoDistributorFailing",
            severity: "warning",
            timing: t.distributorRefusedRatio,
            expr: `${refused}\n/\n(${accepted} + ${refused})\n> ${num(t.distributorRefusedRatio.value)}`,
            summary: "Distributors are refusing spans.",
            description: `{{ $value | humanizePercentage }} of the spans sent to the receivers in {{ $labels.cluster }}/{{ $labels.namespace }} were refused (threshold ${pct(t.distributorRefusedRatio.value)}); clients get errors and may drop data.`,
        },
        ...(ctx.architecture === "distributed" ? [kafka] : []),
        {
            name: "TempoSpansDiscarded",
            severity: "warning",
            timing: t.discardedSpansRatio,
            expr: [
                sumOver(ctx, "rate", "tempo_discarded_spans_total", "5m", "cluster, namespace, tenant, reason"),
                "/ ignoring (reason) group_left",
                sumOver(ctx, "rate", "tempo_distributor_spans_received_total", "5m", "cluster, namespace, tenant"),
                `> ${num(t.discardedSpansRatio.value)}`,
            ].join("\n"),
            summary: "Tempo is discarding spans of a tenant.",
            description: `{{ $value | humanizePercentage }} of the spans of tenant {{ $labels.tenant }} in {{ $labels.cluster }}/{{ $labels.namespace }} are discarded with reason {{ $labels.reason }} (threshold ${pct(t.discardedSpansRatio.value)}).`,
        },
    ];
}

/**
 * Tempo 2 ingesters: distributor appends failing, flushes to object storage failing (the mixin's two flush counters),
 * WAL replay errors.
 */
export function ingesterAlerts(ctx: MonitoringContext, t: AlertThresholds): AlertSpec[] {
    if (!isTempo2(ctx) || !hasComponent(ctx, "ingester")) {
        return [];
    }
    const perIngester = "cluster, namespace, ingester";
    return [
        {
            name: "TempoDistributorIngesterAppendsFailing",
            severity: "warning",
            timing: t.ingesterAppendFailureRatio,
            expr: [
                sumOver(ctx, "rate", "tempo_distributor_ingester_append_failures_total", "5m", perIngester),
                "/",
                sumOver(ctx, "rate", "tempo_distributor_ingester_appends_total", "5m", perIngester),
                `> ${num(t.ingesterAppendFailureRatio.value)}`,
            ].join("\n"),
            summary: "Distributors fail to write to an ingester.",
            description: `{{ $value | humanizePercentage }} of the batches the distributors in {{ $labels.cluster }}/{{ $labels.namespace }} send to ingester {{ $labels.ingester }} fail (threshold ${pct(t.ingesterAppendFailureRatio.value)}); writes still succeed while a quorum of replicas accepts them, but redundancy is reduced.`,
        },
        {
            name: "TempoIngesterFlushesUnhealthy",
            severity: "warning",
            timing: t.ingesterFlushFailuresPerHour,
            expr: errorsPerHour(ctx, "tempo_ingester_failed_flushes_total", t.ingesterFlushFailuresPerHour),
            summary: "Ingester flushes fail and are being retried.",
            description: `Ingesters in {{ $labels.cluster }}/{{ $labels.namespace }} had more than ${num(t.ingesterFlushFailuresPerHour.value)} failed block completions or flushes to object storage in the last hour, and still have; they are retried with backoff.`,
        },
        {
            name: "TempoIngesterFlushesFailing",
            severity: "critical",
            timing: t.ingesterFlushFailedRetriesPerHour,
            expr: errorsPerHour(ctx, "tempo_ingester_flush_failed_retries_total", t.ingesterFlushFailedRetriesPerHour),
            summary: "Ingester flushes keep failing after retries.",
            description: `Ingesters in {{ $labels.cluster }}/{{ $labels.namespace }} had more than ${num(t.ingesterFlushFailedRetriesPerHour.value)} flush retries fail again in the last hour, and still have; blocks stay on the ingesters' disks and are lost if those volumes are.`,
        },
        {
            name: "TempoIngesterReplayErrors",
            severity: "critical",
            timing: t.ingesterReplayErrors,
            expr: `${sumOver(ctx, "increase", "tempo_ingester_replay_errors_total", "5m", "cluster, namespace, tenant")} > ${num(t.ingesterReplayErrors.value)}`,
            summary: "An ingester could not replay its WAL on startup.",
            description: `Ingesters in {{ $labels.cluster }}/{{ $labels.namespace }} hit {{ $value | humanize }} errors in 5m replaying WAL blocks of tenant {{ $labels.tenant }}; traces in those blocks may be lost.`,
        },
    ];
}
