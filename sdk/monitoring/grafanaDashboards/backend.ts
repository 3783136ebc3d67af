/**
 * The Backend work dashboard: Tempo 3's backend-scheduler and workers, or the Tempo 2 compactor, with the blocklist.
 */
import { containerOf } from "../context";
import type { MonitoringContext } from "../types";
import { jobSel, panel, sel, sumRate, type DashboardSpec, type SectionSpec } from "./panels";

/** Blocklist length, tenant index age and poll errors (every architecture). */
function blocklistSection(): SectionSpec {
    return {
        title: "Blocklist",
        panels: [
            panel("Blocklist length by tenant", "Blocks in object storage per tenant.", "short", `max by (tenant) (tempodb_blocklist_length{${sel()}})`, "{{tenant}}"),
            panel(
                "Tenant index age by tenant",
                "Age of the tenant index readers use.",
                "s",
                `max by (tenant) (tempodb_blocklist_tenant_index_age_seconds{${sel()}})`,
                "{{tenant}}",
            ),
            panel("Blocklist poll errors", "Failed polls of the blocklist.", "short", sumRate("tempodb_blocklist_poll_errors_total", sel(), "job"), "{{job}}"),
        ],
    };
}

/**
 * Backend work in Tempo 2: the compactor (classic `compactor`, or the monolithic binary) compacts and applies
 * retention; blocklist and tenant index as in Tempo 3.
 */
export function compactorDashboard(ctx: MonitoringContext): DashboardSpec {
    const compactor = jobSel(ctx, "compactor");
    return {
        uid: "tempo-cluster-backend",
        title: "Tempo Cluster / Backend work",
        description: "Compactor errors and throughput, outstanding blocks, blocklist and tenant index.",
        sections: [
            {
                title: "Compactor",
                panels: [
                    {
                        title: "Compaction errors and blocks compacted",
                        description: "Blocks compacted (all levels) and compaction errors.",
                        unit: "short",
                        queries: [
                            { expr: sumRate("tempodb_compaction_blocks_total", compactor), legend: "blocks compacted" },
                            { expr: sumRate("tempodb_compaction_errors_total", compactor), legend: "compaction errors" },
                        ],
                    },
                    panel(
                        "Outstanding blocks by tenant",
                        "Blocks waiting for compaction, summed over the compactors (each reports the blocks it owns).",
                        "short",
                        `sum by (tenant) (tempodb_compaction_outstanding_blocks{${sel(undefined, `container="${containerOf(ctx, "compactor")}"`)}})`,
                        "{{tenant}}",
                    ),
                    panel(
                        "Bytes written by compaction",
                        "Bytes the compactors write to object storage.",
                        "Bps",
                        sumRate("tempodb_compaction_bytes_written_total", compactor),
                        "bytes",
                    ),
                ],
            },
            blocklistSection(),
        ],
    };
}

/** Backend work (Tempo 3): scheduler jobs, compaction, blocklist and tenant index. */
export function backendDashboard(): DashboardSpec {
    const scheduler = sel("backend-scheduler");
    const worker = sel("backend-worker");
    return {
        uid: "tempo-cluster-backend",
        title: "Tempo Cluster / Backend work",
        description: "Backend-scheduler jobs, backend-worker compaction, outstanding blocks, blocklist and tenant index.",
        sections: [
            {
                title: "Scheduler and workers",
                panels: [
                    {
                        title: "Scheduler jobs",
                        description: "Jobs created, failed and retried by the backend-scheduler.",
                        unit: "short",
                        queries: [
                            { expr: sumRate("tempo_backend_scheduler_jobs_created_total", scheduler), legend: "created" },
                            { expr: sumRate("tempo_backend_scheduler_jobs_failed_total", scheduler), legend: "failed" },
                            { expr: sumRate("tempo_backend_scheduler_jobs_retry_total", scheduler), legend: "retried" },
                        ],
                    },
                    {
                        title: "Worker errors",
                        description: "Compaction errors, bad jobs and scheduler call retries on backend-workers.",
                        unit: "short",
                        queries: [
                            { expr: sumRate("tempodb_compaction_errors_total", worker), legend: "compaction errors" },
                            { expr: sumRate("tempo_backend_worker_bad_jobs_received_total", worker), legend: "bad jobs" },
                            { expr: sumRate("tempo_backend_worker_call_retries_total", worker), legend: "call retries" },
                        ],
                    },
                    panel(
                        "Outstanding blocks by tenant",
                        "Blocks waiting for compaction, as seen by the backend-scheduler.",
                        "short",
                        `sum by (tenant) (tempodb_compaction_outstanding_blocks{${sel(undefined, `container="backend-scheduler"`)}})`,
                        "{{tenant}}",
                    ),
                ],
            },
            blocklistSection(),
        ],
    };
}
