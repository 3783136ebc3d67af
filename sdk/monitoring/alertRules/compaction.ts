/**
 * Compaction: the Tempo 2 compactor (classic, or the monolithic binary) and Tempo 3's backend-scheduler and
 * backend-workers (job health, outstanding blocks).
 */
import { containerOf, hasComponent, isTempo2, promString, scope } from "../context";
import type { AlertThresholds, MonitoringContext, Severity, Threshold } from "../types";
import { errorsPerHour, num, pct, sumOver, type AlertSpec } from "./expressions";

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
export function compactorAlerts(ctx: MonitoringContext, t: AlertThresholds): AlertSpec[] {
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
export function backendAlerts(ctx: MonitoringContext, t: AlertThresholds): AlertSpec[] {
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
