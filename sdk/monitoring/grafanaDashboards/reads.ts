/**
 * The Reads dashboard: queries through the query-frontend and queriers, the cache, and Tempo Vulture's end-to-end
 * check of writes and reads when it runs.
 */
import { MONOLITHIC_JOB, chartMemcached } from "../context";
import type { MonitoringContext } from "../types";
import { jobSel, panel, quantile, sel, sumRate, type DashboardSpec, type SectionSpec } from "./panels";

/** Tempo Vulture's row: the traces it inspects and what was wrong with them (only when it runs). */
function vultureSection(ctx: MonitoringContext): SectionSpec[] {
    if (ctx.vulture === undefined) {
        return [];
    }
    const vulture = sel("tempo-vulture");
    return [
        {
            title: "Vulture (end-to-end check)",
            panels: [
                panel(
                    "Traces inspected",
                    "Synthetic traces the vulture wrote and read back per second, by id and by search.",
                    "short",
                    sumRate("tempo_vulture_trace_total", vulture),
                    "inspected",
                ),
                panel(
                    "Trace errors by kind",
                    "Inspected traces that were missing, incomplete or different from what was written, per error kind.",
                    "short",
                    sumRate("tempo_vulture_trace_error_total", vulture, "error"),
                    "{{error}}",
                ),
            ],
        },
    ];
}

/** Reads: query-frontend traffic, errors and latency per route; queriers; cache; the vulture when it runs. */
export function readsDashboard(ctx: MonitoringContext): DashboardSpec {
    const api = jobSel(ctx, "query-frontend", `route=~"api_.*"`);
    return {
        uid: "tempo-cluster-reads",
        title: "Tempo Cluster / Reads",
        description: "Query-frontend request rate, errors and latency by API route; querier and cache traffic.",
        sections: [
            {
                title: "Query-frontend",
                panels: [
                    panel("Requests by route", "HTTP API requests to the query-frontend.", "reqps", sumRate("tempo_request_duration_seconds_count", api, "route"), "{{route}}"),
                    panel(
                        "5xx by route",
                        "HTTP API requests that failed with a server error.",
                        "reqps",
                        sumRate("tempo_request_duration_seconds_count", `${api}, status_code=~"5.."`, "route"),
                        "{{route}}",
                    ),
                    panel("p99 latency by route", "99th percentile of request duration.", "s", quantile(0.99, "tempo_request_duration_seconds", api, "route"), "{{route}}"),
                    panel("p50 latency by route", "Median request duration.", "s", quantile(0.5, "tempo_request_duration_seconds", api, "route"), "{{route}}"),
                    panel(
                        "Queries by operation and result",
                        "Queries counted by the query-frontend, per operation (traces, search, metadata, metrics) and result.",
                        "reqps",
                        sumRate("tempo_query_frontend_queries_total", jobSel(ctx, "query-frontend"), "op, result"),
                        "{{op}} {{result}}",
                    ),
                    panel(
                        "Querier requests by route",
                        "Requests reaching the queriers (jobs sharded by the query-frontend).",
                        "reqps",
                        sumRate(
                            "tempo_request_duration_seconds_count",
                            ctx.architecture === "monolithic" ? sel(MONOLITHIC_JOB, `route=~"querier_.*"`) : sel("querier"),
                            "route",
                        ),
                        "{{route}}",
                    ),
                ],
            },
            ...(chartMemcached(ctx)
                ? [
                      {
                          title: "Cache",
                          panels: [
                              panel(
                                  "Memcached requests by role and status",
                                  "Requests from Tempo to memcached, per cache role and status code.",
                                  "reqps",
                                  sumRate("tempo_memcache_request_duration_seconds_count", sel(), "name, status_code"),
                                  "{{name}} {{status_code}}",
                              ),
                          ],
                      },
                  ]
                : []),
            ...vultureSection(ctx),
        ],
    };
}
