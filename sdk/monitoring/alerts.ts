/**
 * Alerts per architecture, written for this package:
 * - `distributed`: Tempo 3.0.3 metric names (Kafka write path, live-store, block-builder, backend-scheduler/worker);
 * - `classic` and `monolithic`: Tempo 2 metric names (2.9.0 and 2.10.8: ingesters, compactor), no Kafka, live-store,
 *   block-builder or backend-scheduler alerts. The monolithic binary runs every role, so its alerts are the classic ones
 *   minus the compactor ring and memcached, with every series on the single job `<namespace>/tempo`.
 *
 * The Tempo mixin (v3.0.3 for Tempo 3, v2.9.0 for Tempo 2) is the reference for which signals matter and their default
 * thresholds; the expressions, texts and runbooks are our own. Differences from the mixin worth knowing:
 * - every selector is scoped to `cluster="<clusterLabel>", namespace="<namespace>"`, so several installs can share one
 *   Prometheus without cross-talk;
 * - every alert has `for`, `summary`, `description` and a `runbook_url` into `docs/runbooks.md`;
 * - all numbers come from {@link AlertThresholds};
 * - the write-path alerts of the seed guide are re-expressed on metrics that exist in Tempo 3 (refused receiver spans,
 *   Kafka produce failures, block-builder / live-store failures, backend-worker compaction errors, query-frontend p99);
 * - partition-ownership alerts also fire when *no* block-builder or live-store reports at all;
 * - Tempo 2 adds two alerts of ours on distributor fan-out (ingester appends, metrics-generator pushes).
 * @see https://github.com/grafana/tempo/blob/v3.0.3/operations/tempo-mixin-compiled/alerts.yaml
 * @see https://github.com/grafana/tempo/blob/v2.9.0/operations/tempo-mixin-compiled/alerts.yaml
 * @see https://grafana.com/docs/tempo/latest/operations/monitor/
 */
import {
    chartMemcached,
    containerOf,
    hasComponent,
    isTempo2,
    jobOf,
    promString,
    scope,
    type AlertThresholds,
    type MonitoringContext,
    type Threshold,
    type Timing,
} from "./context";
import { P99_LATENCY_SERIES, type RuleGroup } from "./recordingRules";

/** Alert severities used (the mixin's two levels). */
export type Severity = "warning" | "critical";

/** One alerting rule as it appears in a PrometheusRule group. */
export interface AlertRule {
    /** Alert name (CamelCase, `Tempo` prefix); also the heading of its section in `docs/runbooks.md`. */
    readonly alert: string;
    /** PromQL expression. */
    readonly expr: string;
    /** Prometheus duration the condition must hold. */
    readonly for: string;
    /** Labels added to the alert. */
    readonly labels: { readonly severity: Severity };
    /** Texts for humans and the runbook link. */
    readonly annotations: { readonly summary: string; readonly description: string; readonly runbook_url: string };
}

/** Name of the alert group (the mixin's group name). */
export const ALERT_GROUP = "tempo_alerts";

/** Path of the runbook document in this repository; `MonitoringContext.runbookUrl` should point at it. */
export const RUNBOOK_DOCUMENT = "docs/runbooks.md";

/** Partition ring that live-stores and block-builders share (`livestore-partitions`). */
export const PARTITION_RING = "livestore-partitions";

/** An alert before the context-derived parts (runbook link, `for`) are filled in. */
interface AlertSpec {
    readonly name: string;
    readonly severity: Severity;
    readonly timing: Timing;
    readonly expr: string;
    readonly summary: string;
    readonly description: string;
}

/**
 * GitHub's anchor for a Markdown heading: lower-cased, characters other than letters, digits, spaces, `-` and `_`
 * removed, spaces turned into `-`. Alert headings are the alert name, so the anchor is the lower-cased name.
 */
export function githubAnchor(heading: string): string {
    return heading
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, "")
        .replace(/ /g, "-");
}

/** The runbook link of an alert: `${ctx.runbookUrl}#<anchor of the alert name>`. */
export function runbookLink(ctx: Pick<MonitoringContext, "runbookUrl">, alertName: string): string {
    return `${ctx.runbookUrl}#${githubAnchor(alertName)}`;
}

/** Formats a number for PromQL and texts without float noise (`0.001`, `1200`). */
function num(value: number): string {
    return String(Number(value.toPrecision(12)));
}

/** Formats a ratio as a percentage for texts (`0.01` → `1%`). */
function pct(ratio: number): string {
    return `${num(ratio * 100)}%`;
}

/** `sum by (<by>) (<fn>(<metric>{<scope, extra>}[<range>]))`. */
function sumOver(ctx: MonitoringContext, fn: string, metric: string, range: string, by: string, ...extra: string[]): string {
    return `sum by (${by}) (${fn}(${metric}{${scope(ctx, ...extra)}}[${range}]))`;
}

/** "More than N in the last hour, and at least one in the last 5 minutes" on an error counter (the mixin's pattern). */
function errorsPerHour(ctx: MonitoringContext, metric: string, threshold: Threshold): string {
    return [
        `${sumOver(ctx, "increase", metric, "1h", "cluster, namespace")} > ${num(threshold.value)}`,
        "and",
        `${sumOver(ctx, "increase", metric, "5m", "cluster, namespace")} > 0`,
    ].join("\n");
}

/** Lag of a Kafka consumer group, averaged over 6m, aggregated with `agg` by `by`. */
function lagExpr(ctx: MonitoringContext, container: string, agg: "max" | "min", by: string, value: number): string {
    const lag = `tempo_ingest_group_partition_lag_seconds{${scope(ctx, `container=${promString(container)}`)}}`;
    return `${agg} by (${by}) (avg_over_time(${lag}[6m])) > ${num(value)}`;
}

/** Partitions in the partition ring (active or inactive) minus `owned`, treating an absent `owned` as 0. */
function unownedPartitions(ctx: MonitoringContext, owned: string, threshold: Threshold): string {
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
function ringAlerts(ctx: MonitoringContext, t: AlertThresholds): AlertSpec[] {
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

/** Write path: receivers refusing spans, Kafka produce failures (distributed), spans discarded by limits. */
function writeAlerts(ctx: MonitoringContext, t: AlertThresholds): AlertSpec[] {
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
function ingesterAlerts(ctx: MonitoringContext, t: AlertThresholds): AlertSpec[] {
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

/** Block-builder: lag, fetch errors, partition ownership. */
function blockBuilderAlerts(ctx: MonitoringContext, t: AlertThresholds): AlertSpec[] {
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
function liveStoreAlerts(ctx: MonitoringContext, t: AlertThresholds): AlertSpec[] {
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

/** Compaction errors in the last hour (the mixin's pattern); `who` names what compacts. */
function compactionsFailing(ctx: MonitoringContext, t: AlertThresholds, who: string): AlertSpec {
    return {
        name: "TempoCompactionsFailing",
        severity: "critical",
        timing: t.compactionErrorsPerHour,
        expr: errorsPerHour(ctx, "tempodb_compaction_errors_total", t.compactionErrorsPerHour),
        summary: "Compactions are failing.",
        description: `${who} in {{ $labels.cluster }}/{{ $labels.namespace }} failed more than ${num(t.compactionErrorsPerHour.value)} compactions in the last hour and are still failing.`,
    };
}

/**
 * Tempo 2 compactor (classic `compactor`, or the monolithic binary): compaction errors and outstanding blocks per
 * compactor (v2 semantics: each compactor reports the blocks of the tenants and jobs it owns).
 */
function compactorAlerts(ctx: MonitoringContext, t: AlertThresholds): AlertSpec[] {
    if (!isTempo2(ctx) || !hasComponent(ctx, "compactor")) {
        return [];
    }
    const container = `container=${promString(containerOf(ctx, "compactor"))}`;
    const outstanding = [
        `sum by (cluster, namespace, tenant) (tempodb_compaction_outstanding_blocks{${scope(ctx, container)}})`,
        "/ ignoring (tenant) group_left",
        `count by (cluster, namespace) (tempo_build_info{${scope(ctx, container)}})`,
    ].join("\n");
    const outstandingAlert = (severity: Severity, threshold: Threshold): AlertSpec => ({
        name: "TempoCompactorsTooManyOutstandingBlocks",
        severity,
        timing: threshold,
        expr: `${outstanding}\n> ${num(threshold.value)}`,
        summary: "Compactors are not keeping up.",
        description: `Tenant {{ $labels.tenant }} in {{ $labels.cluster }}/{{ $labels.namespace }} has {{ $value | humanize }} blocks awaiting compaction per compactor (threshold ${num(threshold.value)}) for ${threshold.for}; queries slow down as the blocklist grows. Add compactor CPU or compactors.`,
    });
    const who = ctx.architecture === "monolithic" ? "The compactor of the Tempo pod" : "Compactors";
    return [
        compactionsFailing(ctx, t, who),
        outstandingAlert("warning", t.outstandingBlocksWarning),
        outstandingAlert("critical", t.outstandingBlocksCritical),
    ];
}

/** Backend scheduler / worker: compaction and job health. */
function backendAlerts(ctx: MonitoringContext, t: AlertThresholds): AlertSpec[] {
    if (ctx.architecture !== "distributed" || (!hasComponent(ctx, "backend-scheduler") && !hasComponent(ctx, "backend-worker"))) {
        return [];
    }
    const by = "cluster, namespace";
    const perMinute = (metric: string, threshold: Threshold) =>
        `${sumOver(ctx, "increase", metric, "1m", by)} > ${num(threshold.value)}`;
    const outstanding = [
        `sum by (cluster, namespace, tenant) (tempodb_compaction_outstanding_blocks{${scope(ctx, `container="backend-scheduler"`)}})`,
        "/ ignoring (tenant) group_left",
        `count by (cluster, namespace) (tempo_build_info{${scope(ctx, `container="backend-worker"`)}})`,
    ].join("\n");
    const outstandingAlert = (severity: Severity, threshold: Threshold): AlertSpec => ({
        name: "TempoCompactionTooManyOutstandingBlocks",
        severity,
        timing: threshold,
        expr: `${outstanding}\n> ${num(threshold.value)}`,
        summary: "Compaction is not keeping up.",
        description: `Tenant {{ $labels.tenant }} in {{ $labels.cluster }}/{{ $labels.namespace }} has {{ $value | humanize }} blocks awaiting compaction per backend-worker (threshold ${num(threshold.value)}) for ${threshold.for}; queries slow down as the blocklist grows.`,
    });
    return [
        compactionsFailing(ctx, t, "Backend-workers"),
        {
            name: "TempoBackendSchedulerJobsFailureRateHigh",
            severity: "critical",
            timing: t.schedulerJobFailureRatio,
            expr: [
                sumOver(ctx, "increase", "tempo_backend_scheduler_jobs_failed_total", "5m", by),
                "/",
                sumOver(ctx, "increase", "tempo_backend_scheduler_jobs_created_total", "5m", by),
                `> ${num(t.schedulerJobFailureRatio.value)}`,
            ].join("\n"),
            summary: "Backend jobs (compaction, retention) are failing.",
            description: `{{ $value | humanizePercentage }} of the jobs the backend-scheduler in {{ $labels.cluster }}/{{ $labels.namespace }} created in 5m failed (threshold ${pct(t.schedulerJobFailureRatio.value)}).`,
        },
        {
            name: "TempoBackendSchedulerRetryRateHigh",
            severity: "warning",
            timing: t.schedulerRetriesPerMinute,
            expr: perMinute("tempo_backend_scheduler_jobs_retry_total", t.schedulerRetriesPerMinute),
            summary: "The backend-scheduler retries many jobs.",
            description: `The backend-scheduler in {{ $labels.cluster }}/{{ $labels.namespace }} retries {{ $value | humanize }} jobs per minute (threshold ${num(t.schedulerRetriesPerMinute.value)}).`,
        },
        {
            name: "TempoBackendSchedulerCompactionEmptyJobRateHigh",
            severity: "warning",
            timing: t.schedulerEmptyJobsPerMinute,
            expr: perMinute("tempo_backend_scheduler_compaction_tenant_empty_job_total", t.schedulerEmptyJobsPerMinute),
            summary: "The backend-scheduler creates many empty compaction jobs.",
            description: `The backend-scheduler in {{ $labels.cluster }}/{{ $labels.namespace }} finds nothing to compact {{ $value | humanize }} times per minute (threshold ${num(t.schedulerEmptyJobsPerMinute.value)}).`,
        },
        {
            name: "TempoBackendWorkerBadJobsRateHigh",
            severity: "warning",
            timing: t.workerBadJobsPerMinute,
            expr: perMinute("tempo_backend_worker_bad_jobs_received_total", t.workerBadJobsPerMinute),
            summary: "Backend-workers receive jobs they cannot run.",
            description: `Backend-workers in {{ $labels.cluster }}/{{ $labels.namespace }} received {{ $value | humanize }} malformed jobs per minute.`,
        },
        {
            name: "TempoBackendWorkerCallRetriesHigh",
            severity: "warning",
            timing: t.workerCallRetriesPerMinute,
            expr: perMinute("tempo_backend_worker_call_retries_total", t.workerCallRetriesPerMinute),
            summary: "Backend-workers struggle to reach the backend-scheduler.",
            description: `Backend-workers in {{ $labels.cluster }}/{{ $labels.namespace }} retry {{ $value | humanize }} calls to the backend-scheduler per minute (threshold ${num(t.workerCallRetriesPerMinute.value)}).`,
        },
        outstandingAlert("warning", t.outstandingBlocksWarning),
        outstandingAlert("critical", t.outstandingBlocksCritical),
    ];
}

/** Blocklist polling and tenant index (object storage health as seen by readers and the scheduler). */
function blocklistAlerts(ctx: MonitoringContext, t: AlertThresholds): AlertSpec[] {
    return [
        {
            name: "TempoPollsFailing",
            severity: "critical",
            timing: t.pollErrorsPerHour,
            expr: errorsPerHour(ctx, "tempodb_blocklist_poll_errors_total", t.pollErrorsPerHour),
            summary: "Polling the blocklist from object storage fails.",
            description: `Tempo in {{ $labels.cluster }}/{{ $labels.namespace }} failed to poll the blocklist more than ${num(t.pollErrorsPerHour.value)} times in the last hour and is still failing; new blocks become invisible to queries.`,
        },
        {
            name: "TempoTenantIndexFailures",
            severity: "critical",
            timing: t.tenantIndexErrorsPerHour,
            expr: errorsPerHour(ctx, "tempodb_blocklist_tenant_index_errors_total", t.tenantIndexErrorsPerHour),
            summary: "Building or reading the tenant index fails.",
            description: `Tempo in {{ $labels.cluster }}/{{ $labels.namespace }} hit more than ${num(t.tenantIndexErrorsPerHour.value)} tenant index errors in the last hour and is still hitting them.`,
        },
        {
            name: "TempoNoTenantIndexBuilders",
            severity: "critical",
            timing: t.tenantIndexBuilders,
            expr: [
                `sum by (cluster, namespace, tenant) (tempodb_blocklist_tenant_index_builder{${scope(ctx)}}) <= ${num(t.tenantIndexBuilders.value)}`,
                "and on (cluster, namespace)",
                `max by (cluster, namespace) (tempodb_blocklist_length{${scope(ctx)}}) > 0`,
            ].join("\n"),
            summary: "Nobody builds the tenant index.",
            description: `No component in {{ $labels.cluster }}/{{ $labels.namespace }} builds the tenant index of tenant {{ $labels.tenant }}; it will go stale and queries will miss new blocks.`,
        },
        {
            name: "TempoTenantIndexTooOld",
            severity: "critical",
            timing: t.tenantIndexAge,
            expr: `max by (cluster, namespace, tenant) (tempodb_blocklist_tenant_index_age_seconds{${scope(ctx)}}) > ${num(t.tenantIndexAge.value)}`,
            summary: "The tenant index is stale.",
            description: `The tenant index of tenant {{ $labels.tenant }} in {{ $labels.cluster }}/{{ $labels.namespace }} is {{ $value | humanizeDuration }} old (threshold ${num(t.tenantIndexAge.value)}s).`,
        },
    ];
}

/** Runtime overrides reloads. */
function overridesAlerts(ctx: MonitoringContext, t: AlertThresholds): AlertSpec[] {
    return [
        {
            name: "TempoBadOverrides",
            severity: "critical",
            timing: t.badOverrides,
            expr: `min by (cluster, namespace, job) (tempo_runtime_config_last_reload_successful{${scope(ctx)}}) == 0`,
            summary: "Tempo cannot load its runtime overrides.",
            description: `{{ $labels.job }} in {{ $labels.cluster }} fails to reload the overrides file; it keeps running with the last good overrides and ignores changes.`,
        },
        {
            name: "TempoUserConfigurableOverridesReloadFailing",
            severity: "critical",
            timing: t.userOverridesReloadFailuresPerHour,
            expr: errorsPerHour(
                ctx,
                "tempo_overrides_user_configurable_overrides_reload_failed_total",
                t.userOverridesReloadFailuresPerHour,
            ),
            summary: "Reloading user-configurable overrides fails.",
            description: `Tempo in {{ $labels.cluster }}/{{ $labels.namespace }} failed to reload user-configurable overrides from object storage more than ${num(t.userOverridesReloadFailuresPerHour.value)} times in the last hour.`,
        },
    ];
}

/** Read path: query-frontend latency and errors on the HTTP API routes. */
function readAlerts(ctx: MonitoringContext, t: AlertThresholds): AlertSpec[] {
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
function cacheAlerts(ctx: MonitoringContext, t: AlertThresholds): AlertSpec[] {
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

/** Metrics generator (only when it runs). */
function generatorAlerts(ctx: MonitoringContext, t: AlertThresholds): AlertSpec[] {
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

/** All alert specs for the context, in a stable order (by area, then as listed). */
function alertSpecs(ctx: MonitoringContext): AlertSpec[] {
    const t = ctx.thresholds;
    return [
        ...ringAlerts(ctx, t),
        ...writeAlerts(ctx, t),
        ...ingesterAlerts(ctx, t),
        ...blockBuilderAlerts(ctx, t),
        ...liveStoreAlerts(ctx, t),
        ...generatorAlerts(ctx, t),
        ...compactorAlerts(ctx, t),
        ...backendAlerts(ctx, t),
        ...blocklistAlerts(ctx, t),
        ...overridesAlerts(ctx, t),
        ...readAlerts(ctx, t),
        ...cacheAlerts(ctx, t),
    ];
}

/** Turns a spec into a PrometheusRule alerting rule. */
function toRule(ctx: MonitoringContext, spec: AlertSpec): AlertRule {
    return {
        alert: spec.name,
        expr: spec.expr,
        for: spec.timing.for,
        labels: { severity: spec.severity },
        annotations: { summary: spec.summary, description: spec.description, runbook_url: runbookLink(ctx, spec.name) },
    };
}

/**
 * The alerting rules for an install. Distributed (Tempo 3): ring health, write path (Kafka), block-builder, live-store,
 * metrics generator (when on), backend scheduler/worker, blocklist, overrides, read path and memcached (when on).
 * Classic and monolithic (Tempo 2): ring health (ingester; compactor in classic), write path, ingesters, metrics
 * generator (when on), compactor, blocklist, overrides, read path and memcached (classic, when on).
 */
export function alertRules(ctx: MonitoringContext): AlertRule[] {
    return alertSpecs(ctx).map((spec) => toRule(ctx, spec));
}

/** The alert group, `tempo_alerts`. */
export function alertGroup(ctx: MonitoringContext): RuleGroup<AlertRule> {
    return { name: ALERT_GROUP, rules: alertRules(ctx) };
}
