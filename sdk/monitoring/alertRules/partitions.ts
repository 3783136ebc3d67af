/**
 * The Kafka partition consumers of Tempo 3: block-builders (lag, fetch errors, partition ownership) and live-stores
 * (lag, completion and flush failures, partition ownership, zone balance).
 */
import { hasComponent, scope } from "../context";
import type { AlertThresholds, MonitoringContext } from "../types";
import { lagExpr, num, pct, sumOver, unownedPartitions, type AlertSpec } from "./expressions";

/** Block-builder: lag, fetch errors, partition ownership. */
export function blockBuilderAlerts(ctx: MonitoringContext, t: AlertThresholds): AlertSpec[] {
    if (ctx.architecture !== "distributed" || !hasComponent(ctx, "block-builder")) {
        return [];
    }
    const lagBy = "cluster, namespace, partition";
    const lagText = (v: number) =>
        `Block-builders in {{ $labels.cluster }}/{{ $labels.namespace }} are {{ $value | humanizeDuration }} behind on partition {{ $labels.partition }} (threshold ${num(v)}s); traces reach object storage late.`;
    return [
        {
            name: "TempoBlockBuilderPartitionLagWarning",
            severity: "warning",
            timing: t.blockBuilderLagWarning,
            expr: lagExpr(ctx, "block-builder", "max", lagBy, t.blockBuilderLagWarning.value),
            summary: "Block-builders are falling behind Kafka.",
            description: lagText(t.blockBuilderLagWarning.value),
        },
        {
            name: "TempoBlockBuilderPartitionLagCritical",
            severity: "critical",
            timing: t.blockBuilderLagCritical,
            expr: lagExpr(ctx, "block-builder", "max", lagBy, t.blockBuilderLagCritical.value),
            summary: "Block-builders are far behind Kafka.",
            description: lagText(t.blockBuilderLagCritical.value),
        },
        {
            name: "TempoBlockBuilderFetchErrors",
            severity: "warning",
            timing: t.blockBuilderFetchErrors,
            expr: `${sumOver(ctx, "increase", "tempo_block_builder_fetch_errors_total", "5m", "cluster, namespace, partition")} > ${num(t.blockBuilderFetchErrors.value)}`,
            summary: "Block-builders fail to read from Kafka.",
            description: `Block-builders in {{ $labels.cluster }}/{{ $labels.namespace }} hit {{ $value | humanize }} Kafka fetch errors in 5m on partition {{ $labels.partition }}; no blocks are flushed for it while this lasts.`,
        },
        {
            name: "TempoBlockBuildersPartitionsMismatch",
            severity: "critical",
            timing: t.blockBuilderPartitionsMismatch,
            expr: unownedPartitions(
                ctx,
                `sum by (cluster, namespace) (tempo_block_builder_owned_partitions{${scope(ctx)}})`,
                t.blockBuilderPartitionsMismatch,
            ),
            summary: "Some partitions have no block-builder.",
            description: `{{ $value }} active partition(s) in {{ $labels.cluster }}/{{ $labels.namespace }} are not consumed by any block-builder; their traces are not written to object storage.`,
        },
    ];
}

/** Live-store: lag, completion and flush failures, partition ownership, zone balance. */
export function liveStoreAlerts(ctx: MonitoringContext, t: AlertThresholds): AlertSpec[] {
    if (ctx.architecture !== "distributed" || !hasComponent(ctx, "live-store")) {
        return [];
    }
    const owned = `tempo_live_store_partition_owned{${scope(ctx)}}`;
    const perZone = `count by (cluster, namespace, zone) (${owned})`;
    return [
        {
            name: "TempoLiveStorePartitionLagWarning",
            severity: "warning",
            timing: t.liveStoreLagWarning,
            expr: lagExpr(ctx, "live-store", "max", "cluster, namespace, partition, group", t.liveStoreLagWarning.value),
            summary: "A live-store is falling behind Kafka.",
            description: `Live-store consumer group {{ $labels.group }} in {{ $labels.cluster }}/{{ $labels.namespace }} is {{ $value | humanizeDuration }} behind on partition {{ $labels.partition }} (threshold ${num(t.liveStoreLagWarning.value)}s); recent traces show up late in queries.`,
        },
        {
            name: "TempoLiveStoreSingleMemberLagHigh",
            severity: "critical",
            timing: t.liveStoreSingleMemberLag,
            expr: lagExpr(ctx, "live-store", "max", "cluster, namespace, partition, group", t.liveStoreSingleMemberLag.value),
            summary: "A live-store is far behind Kafka.",
            description: `Live-store consumer group {{ $labels.group }} in {{ $labels.cluster }}/{{ $labels.namespace }} is {{ $value | humanizeDuration }} behind on partition {{ $labels.partition }} (threshold ${num(t.liveStoreSingleMemberLag.value)}s).`,
        },
        {
            name: "TempoLiveStoreAllMembersLagging",
            severity: "critical",
            timing: t.liveStoreAllMembersLag,
            expr: lagExpr(ctx, "live-store", "min", "cluster, namespace, partition", t.liveStoreAllMembersLag.value),
            summary: "Every live-store owning a partition is behind.",
            description: `Even the freshest owner of partition {{ $labels.partition }} in {{ $labels.cluster }}/{{ $labels.namespace }} is {{ $value | humanizeDuration }} behind (threshold ${num(t.liveStoreAllMembersLag.value)}s): recent traces of that partition are missing from query results.`,
        },
        {
            name: "TempoLiveStoreCompletionsFailing",
            severity: "warning",
            timing: t.liveStoreCompletionFailures,
            expr: `${sumOver(ctx, "increase", "tempo_live_store_failed_completions_total", "15m", "cluster, namespace, pod")} > ${num(t.liveStoreCompletionFailures.value)}`,
            summary: "A live-store fails to complete blocks.",
            description: `{{ $labels.pod }} in {{ $labels.cluster }}/{{ $labels.namespace }} failed {{ $value | humanize }} block completion(s) in 15m; its WAL grows and recent data may be unavailable to queries.`,
        },
        {
            name: "TempoLiveStoreFlushesFailing",
            severity: "warning",
            timing: t.liveStoreFlushFailures,
            expr: `${sumOver(ctx, "increase", "tempo_live_store_local_failed_flushes_total", "15m", "cluster, namespace, pod")} > ${num(t.liveStoreFlushFailures.value)}`,
            summary: "A live-store fails to flush complete blocks to its disk.",
            description: `{{ $labels.pod }} in {{ $labels.cluster }}/{{ $labels.namespace }} failed {{ $value | humanize }} local block flush(es) in 15m; check its volume.`,
        },
        {
            name: "TempoLiveStoresPartitionsUnowned",
            severity: "critical",
            timing: t.liveStorePartitionsUnowned,
            expr: unownedPartitions(
                ctx,
                `count by (cluster, namespace) (count by (cluster, namespace, partition) (${owned}))`,
                t.liveStorePartitionsUnowned,
            ),
            summary: "Some partitions have no live-store.",
            description: `{{ $value }} active partition(s) in {{ $labels.cluster }}/{{ $labels.namespace }} are owned by no live-store; recent traces on them cannot be queried.`,
        },
        {
            name: "TempoLiveStoreZoneSeverelyDegraded",
            severity: "critical",
            timing: t.liveStoreZoneImbalance,
            expr: [
                "abs(",
                `  ${perZone}`,
                "  / on (cluster, namespace) group_left",
                `  max by (cluster, namespace) (${perZone})`,
                "  - 1",
                `) > ${num(t.liveStoreZoneImbalance.value)}`,
            ].join("\n"),
            summary: "A live-store zone owns far fewer partitions than the others.",
            description: `Zone {{ $labels.zone }} in {{ $labels.cluster }}/{{ $labels.namespace }} owns {{ $value | humanizePercentage }} fewer partitions than the best zone (threshold ${pct(t.liveStoreZoneImbalance.value)}); a zone outage would now lose query coverage.`,
        },
    ];
}
