/**
 * The metrics generator, when it runs: how spans reach it (Kafka lag in Tempo 3, distributor pushes in Tempo 2),
 * processor updates, service-graph drops and registry collections.
 */
import { scope } from "../context";
import type { AlertThresholds, MonitoringContext } from "../types";
import { num, pct, sumOver, type AlertSpec } from "./expressions";

/** Metrics generator (only when it runs). */
export function generatorAlerts(ctx: MonitoringContext, t: AlertThresholds): AlertSpec[] {
    if (!ctx.metricsGenerator) {
        return [];
    }
    const perTenant = "cluster, namespace, tenant";
    // How spans reach the generator: Kafka in Tempo 3 (lag), distributor pushes in Tempo 2 (push failures).
    const partitionLag: AlertSpec = {
        name: "TempoMetricsGeneratorPartitionLagCritical",
        severity: "critical",
        timing: t.metricsGeneratorLag,
        expr: `max by (cluster, namespace, partition) (tempo_ingest_group_partition_lag_seconds{${scope(ctx, `container="metrics-generator"`)}}) > ${num(t.metricsGeneratorLag.value)}`,
        summary: "The metrics generator is far behind Kafka.",
        description: `The metrics generator in {{ $labels.cluster }}/{{ $labels.namespace }} is {{ $value | humanizeDuration }} behind on partition {{ $labels.partition }} (threshold ${num(t.metricsGeneratorLag.value)}s); span metrics and service graphs are late.`,
    };
    const pushesFailing: AlertSpec = {
        name: "TempoDistributorMetricsGeneratorPushesFailing",
        severity: "warning",
        timing: t.generatorPushFailureRatio,
        expr: [
            sumOver(ctx, "rate", "tempo_distributor_metrics_generator_pushes_failures_total", "5m", "cluster, namespace"),
            "/",
            sumOver(ctx, "rate", "tempo_distributor_metrics_generator_pushes_total", "5m", "cluster, namespace"),
            `> ${num(t.generatorPushFailureRatio.value)}`,
        ].join("\n"),
        summary: "Distributors fail to push spans to the metrics generator.",
        description: `{{ $value | humanizePercentage }} of the span pushes from the distributors in {{ $labels.cluster }}/{{ $labels.namespace }} to the metrics generator fail (threshold ${pct(t.generatorPushFailureRatio.value)}); span metrics and service graphs miss those spans (traces themselves are not affected).`,
    };
    return [
        ctx.architecture === "distributed" ? partitionLag : pushesFailing,
        {
            name: "TempoMetricsGeneratorProcessorUpdatesFailing",
            severity: "critical",
            timing: t.generatorProcessorUpdateFailures,
            expr: `${sumOver(ctx, "increase", "tempo_metrics_generator_active_processors_update_failed_total", "5m", perTenant)} > ${num(t.generatorProcessorUpdateFailures.value)}`,
            summary: "The metrics generator cannot apply processor changes.",
            description: `The metrics generator in {{ $labels.cluster }}/{{ $labels.namespace }} fails to update the processors of tenant {{ $labels.tenant }}; its metrics follow an outdated configuration.`,
        },
        {
            name: "TempoMetricsGeneratorServiceGraphsDroppingSpans",
            severity: "warning",
            timing: t.generatorServiceGraphDropRatio,
            expr: [
                sumOver(ctx, "increase", "tempo_metrics_generator_processor_service_graphs_dropped_spans", "1h", perTenant),
                "/",
                sumOver(ctx, "increase", "tempo_metrics_generator_spans_received_total", "1h", perTenant),
                `> ${num(t.generatorServiceGraphDropRatio.value)}`,
            ].join("\n"),
            summary: "The service-graph processor drops spans.",
            description: `The service-graph processor in {{ $labels.cluster }}/{{ $labels.namespace }} dropped {{ $value | humanizePercentage }} of the spans of tenant {{ $labels.tenant }} in the last hour (threshold ${pct(t.generatorServiceGraphDropRatio.value)}); edges go missing from the service map.`,
        },
        {
            name: "TempoMetricsGeneratorCollectionsFailing",
            severity: "critical",
            timing: t.generatorCollectionFailures,
            expr: `${sumOver(ctx, "increase", "tempo_metrics_generator_registry_collections_failed_total", "5m", `${perTenant}, pod`)} > ${num(t.generatorCollectionFailures.value)}`,
            summary: "The metrics generator fails to collect its series.",
            description: `{{ $labels.pod }} in {{ $labels.cluster }}/{{ $labels.namespace }} failed {{ $value | humanize }} registry collections for tenant {{ $labels.tenant }} in 5m; generated metrics are not being written.`,
        },
    ];
}
