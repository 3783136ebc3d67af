/**
 * Our own Grafana dashboards, generated in TypeScript (not copies of the mixin's JSON): Writes, Reads, Kafka &
 * partitions (Tempo 3 only), Backend work and Resources. The Tempo 2 architectures get ingester panels on Writes and the
 * compactor on Backend work; the monolithic binary's panels all select its single job `<namespace>/tempo`.
 *
 * Every query selects `cluster="$cluster", namespace="$namespace"` and, per component, `job=~"$namespace/<component>"`
 * (the labels our ServiceMonitor writes), with template variables whose defaults are this install's values. cAdvisor
 * series (`container_*`) come from the kubelet, which usually does not add `cluster`; they match `cluster=~"$cluster|"`
 * (the cluster, or no cluster label). uids are stable and the same for every install: the dashboards are generic and
 * switch installs through the variables.
 * @see https://grafana.com/docs/grafana/latest/dashboards/build-dashboards/view-dashboard-json-model/
 * @see https://github.com/grafana/helm-charts/tree/main/charts/grafana#sidecar-for-dashboards
 */
import {
    MONOLITHIC_JOB,
    appLabels,
    chartMemcached,
    containerOf,
    hasComponent,
    isTempo2,
    jobComponent,
    sortedRecord,
    type MonitoringContext,
} from "./context";
import type { Manifest } from "./index";
import { scrapedComponents } from "./serviceMonitors";

/** Label (and value) the kube-prometheus-stack dashboards sidecar selects ConfigMaps by (it searches all namespaces). */
export const DASHBOARD_SIDECAR_LABEL: Readonly<Record<string, string>> = { grafana_dashboard: "1" };

/** Folder annotation understood by the Grafana chart's dashboards sidecar when `folderAnnotation` is configured. */
export const DASHBOARD_FOLDER_ANNOTATION = { grafana_folder: "Tempo" } as const;

/** Tags on every dashboard. */
export const DASHBOARD_TAGS: readonly string[] = ["tempo", "tempo-cluster"];

/** A query of a panel, with its legend. */
export interface PanelQuery {
    /** PromQL; may use Grafana variables (`$cluster`, `$namespace`, `$__rate_interval`). */
    readonly expr: string;
    /** Legend format, e.g. `{{route}}`. */
    readonly legend: string;
}

/** A time-series panel before layout. */
export interface PanelSpec {
    readonly title: string;
    readonly description: string;
    /** Grafana unit id (`short`, `s`, `bytes`, `Bps`, `reqps`, `percentunit`). */
    readonly unit: string;
    readonly queries: readonly PanelQuery[];
}

/** A titled group of panels (rendered as a row). */
export interface SectionSpec {
    readonly title: string;
    readonly panels: readonly PanelSpec[];
}

/** A dashboard before layout. */
export interface DashboardSpec {
    /** Stable uid (also the ConfigMap data key, `<uid>.json`). */
    readonly uid: string;
    readonly title: string;
    readonly description: string;
    readonly sections: readonly SectionSpec[];
}

/** Grafana dashboard JSON (the subset we emit). */
export type DashboardJson = Record<string, unknown> & { readonly uid: string; readonly title: string };

const DATASOURCE = { type: "prometheus", uid: "${datasource}" } as const;
const RATE = "[$__rate_interval]";
const PANEL_WIDTH = 12;
const PANEL_HEIGHT = 8;

/** Matchers selecting this install's series, optionally one component's job. */
function sel(component?: string, ...extra: string[]): string {
    return [
        `cluster="$cluster"`,
        `namespace="$namespace"`,
        ...(component !== undefined ? [`job=~"$namespace/${component}"`] : []),
        ...extra,
    ].join(", ");
}

/** `sum by (<by>) (rate(<metric>{<matchers>}[$__rate_interval]))`, or `sum (...)` when `by` is empty. */
function sumRate(metric: string, matchers: string, by = ""): string {
    return `sum${by === "" ? "" : ` by (${by})`} (rate(${metric}{${matchers}}${RATE}))`;
}

/** `histogram_quantile(q, sum by (le[, by]) (rate(<metric>_bucket{...}[$__rate_interval])))`. */
function quantile(q: number, histogram: string, matchers: string, by = ""): string {
    return `histogram_quantile(${q}, ${sumRate(`${histogram}_bucket`, matchers, by === "" ? "le" : `le, ${by}`)})`;
}

/** A panel with a single query. */
function panel(title: string, description: string, unit: string, expr: string, legend: string): PanelSpec {
    return { title, description, unit, queries: [{ expr, legend }] };
}

/** Matchers selecting one component's job (`<namespace>/tempo` for every role of the monolithic binary). */
function jobSel(ctx: MonitoringContext, component: string, ...extra: string[]): string {
    return sel(jobComponent(ctx, component), ...extra);
}

/** Writes: what arrives at the distributors, what is refused or discarded, and where it goes (Kafka or ingesters). */
export function writesDashboard(ctx: MonitoringContext): DashboardSpec {
    const distributor = jobSel(ctx, "distributor");
    const generator = jobSel(ctx, "metrics-generator");
    const tempo2 = isTempo2(ctx);
    const pushLatency: PanelSpec = {
        title: "Push latency",
        description: tempo2
            ? "Time distributors take to handle a push, including the writes to the ingesters."
            : "Time distributors take to handle a push, including the Kafka write.",
        unit: "s",
        queries: [
            { expr: quantile(0.99, "tempo_distributor_push_duration_seconds", distributor), legend: "p99" },
            { expr: quantile(0.5, "tempo_distributor_push_duration_seconds", distributor), legend: "p50" },
        ],
    };
    const downstream: PanelSpec = tempo2
        ? {
              title: "Ingester appends",
              description: "Batches the distributors send to ingesters (each batch goes to the replication factor's ingesters), and failures per ingester.",
              unit: "short",
              queries: [
                  { expr: sumRate("tempo_distributor_ingester_appends_total", distributor), legend: "appends" },
                  {
                      expr: sumRate("tempo_distributor_ingester_append_failures_total", distributor, "ingester"),
                      legend: "failed {{ingester}}",
                  },
              ],
          }
        : {
              title: "Kafka produce",
              description: "Records the distributors produce to Kafka, and failures by reason.",
              unit: "short",
              queries: [
                  { expr: sumRate("tempo_distributor_produce_records_total", distributor), legend: "records" },
                  {
                      expr: sumRate("tempo_distributor_produce_failures_total", distributor, "reason"),
                      legend: "failed {{reason}}",
                  },
              ],
          };
    return {
        uid: "tempo-cluster-writes",
        title: "Tempo Cluster / Writes",
        description: tempo2
            ? "Spans received, refused and discarded by the distributors; ingester appends, live traces and flushes."
            : "Spans received, refused and discarded by the distributors, and their Kafka writes.",
        sections: [
            {
                title: "Distributor",
                panels: [
                    panel(
                        "Spans received by tenant",
                        "Spans accepted by the distributors, per tenant.",
                        "short",
                        sumRate("tempo_distributor_spans_received_total", distributor, "tenant"),
                        "{{tenant}}",
                    ),
                    panel(
                        "Bytes received by tenant",
                        "Trace bytes accepted by the distributors, per tenant.",
                        "Bps",
                        sumRate("tempo_distributor_bytes_received_total", distributor, "tenant"),
                        "{{tenant}}",
                    ),
                    {
                        title: "Receiver spans accepted / refused",
                        description: "Spans the OTLP/Jaeger/Zipkin receivers accepted or refused (refused spans are errors for clients).",
                        unit: "short",
                        queries: [
                            { expr: sumRate("tempo_receiver_accepted_spans", distributor, "receiver"), legend: "accepted {{receiver}}" },
                            { expr: sumRate("tempo_receiver_refused_spans", distributor, "receiver"), legend: "refused {{receiver}}" },
                        ],
                    },
                    panel(
                        "Discarded spans by reason",
                        "Spans dropped by limits (rate limit, trace too large, live traces exceeded, ...), per tenant and reason.",
                        "short",
                        sumRate("tempo_discarded_spans_total", sel(), "tenant, reason"),
                        "{{tenant}} {{reason}}",
                    ),
                    pushLatency,
                    downstream,
                ],
            },
            ...(tempo2 ? [ingesterSection(ctx)] : []),
            ...(ctx.metricsGenerator
                ? [
                      {
                          title: "Metrics generator",
                          panels: [
                              panel(
                                  "Generator spans received by tenant",
                                  tempo2
                                      ? "Spans the distributors pushed to the metrics generator, per tenant."
                                      : "Spans the metrics generator consumed from Kafka, per tenant.",
                                  "short",
                                  sumRate("tempo_metrics_generator_spans_received_total", generator, "tenant"),
                                  "{{tenant}}",
                              ),
                              panel(
                                  "Service-graph dropped spans",
                                  "Spans the service-graph processor could not pair into edges.",
                                  "short",
                                  sumRate("tempo_metrics_generator_processor_service_graphs_dropped_spans", generator, "tenant"),
                                  "{{tenant}}",
                              ),
                              ...(tempo2
                                  ? [
                                        {
                                            title: "Distributor pushes to the generator",
                                            description: "Span pushes from the distributors to the metrics generator, and failures.",
                                            unit: "short",
                                            queries: [
                                                { expr: sumRate("tempo_distributor_metrics_generator_pushes_total", distributor), legend: "pushes" },
                                                {
                                                    expr: sumRate("tempo_distributor_metrics_generator_pushes_failures_total", distributor),
                                                    legend: "failed",
                                                },
                                            ],
                                        },
                                    ]
                                  : []),
                          ],
                      },
                  ]
                : []),
        ],
    };
}

/** Tempo 2 ingesters: live traces, bytes received, flushes and their failures, flush latency and queue. */
function ingesterSection(ctx: MonitoringContext): SectionSpec {
    const ingester = jobSel(ctx, "ingester");
    return {
        title: "Ingester",
        panels: [
            panel("Live traces by tenant", "Traces held in ingester memory, per tenant.", "short", `sum by (tenant) (tempo_ingester_live_traces{${ingester}})`, "{{tenant}}"),
            panel(
                "Bytes received by tenant",
                "Bytes the ingesters receive (every replica counts), per tenant.",
                "Bps",
                sumRate("tempo_ingester_bytes_received_total", ingester, "tenant"),
                "{{tenant}}",
            ),
            {
                title: "Blocks flushed and flush failures",
                description: "Blocks written to object storage, failed flush or completion operations, and retries that failed again.",
                unit: "short",
                queries: [
                    { expr: sumRate("tempo_ingester_blocks_flushed_total", ingester), legend: "blocks flushed" },
                    { expr: sumRate("tempo_ingester_failed_flushes_total", ingester), legend: "failed flushes" },
                    { expr: sumRate("tempo_ingester_flush_failed_retries_total", ingester), legend: "failed retries" },
                ],
            },
            {
                title: "Flush latency",
                description: "Time to write a block to object storage.",
                unit: "s",
                queries: [
                    { expr: quantile(0.99, "tempo_ingester_flush_duration_seconds", ingester), legend: "p99" },
                    { expr: quantile(0.5, "tempo_ingester_flush_duration_seconds", ingester), legend: "p50" },
                ],
            },
            panel(
                "Flush queue length by pod",
                "Operations waiting in each ingester's flush queue; a queue that only grows means flushes cannot keep up.",
                "short",
                `sum by (pod) (tempo_ingester_flush_queue_length{${ingester}})`,
                "{{pod}}",
            ),
        ],
    };
}

/** Reads: query-frontend traffic, errors and latency per route; queriers; cache. */
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
        ],
    };
}

/** Kafka & partitions: consumer lag, partition ownership, block-builder and live-store progress. */
export function kafkaDashboard(ctx: MonitoringContext): DashboardSpec {
    const lag = (container: string) =>
        `max by (partition) (tempo_ingest_group_partition_lag_seconds{${sel(undefined, `container="${container}"`)}})`;
    return {
        uid: "tempo-cluster-kafka",
        title: "Tempo Cluster / Kafka & partitions",
        description: "Consumer lag of block-builders, live-stores and the metrics generator; partition ownership.",
        sections: [
            {
                title: "Lag",
                panels: [
                    panel("Block-builder lag by partition", "How far block-builders are behind Kafka.", "s", lag("block-builder"), "{{partition}}"),
                    panel("Live-store lag by partition", "How far live-stores are behind Kafka.", "s", lag("live-store"), "{{partition}}"),
                    ...(ctx.metricsGenerator
                        ? [panel("Metrics-generator lag by partition", "How far the metrics generator is behind Kafka.", "s", lag("metrics-generator"), "{{partition}}")]
                        : []),
                ],
            },
            {
                title: "Partitions",
                panels: [
                    panel(
                        "Partitions in the ring by state",
                        "Partitions of the livestore-partitions ring, by state.",
                        "short",
                        `max by (state) (tempo_partition_ring_partitions{${sel(undefined, `name="livestore-partitions"`)}})`,
                        "{{state}}",
                    ),
                    {
                        title: "Partitions owned",
                        description: "Partitions owned by block-builders and by at least one live-store; both should equal the active partitions.",
                        unit: "short",
                        queries: [
                            { expr: `sum(tempo_block_builder_owned_partitions{${sel()}})`, legend: "block-builders" },
                            { expr: `count(count by (partition) (tempo_live_store_partition_owned{${sel()}}))`, legend: "live-stores" },
                        ],
                    },
                ],
            },
            {
                title: "Block-builder and live-store",
                panels: [
                    {
                        title: "Block-builder blocks flushed and fetch errors",
                        description: "Blocks written to object storage, and Kafka fetch errors.",
                        unit: "short",
                        queries: [
                            { expr: sumRate("tempo_block_builder_flushed_blocks", sel("block-builder")), legend: "blocks flushed" },
                            { expr: sumRate("tempo_block_builder_fetch_errors_total", sel("block-builder"), "partition"), legend: "fetch errors {{partition}}" },
                        ],
                    },
                    {
                        title: "Live-store block completions",
                        description: "Blocks completed, completion failures and local flush failures.",
                        unit: "short",
                        queries: [
                            { expr: sumRate("tempo_live_store_blocks_completed_total", sel("live-store")), legend: "completed" },
                            { expr: sumRate("tempo_live_store_failed_completions_total", sel("live-store")), legend: "failed completions" },
                            { expr: sumRate("tempo_live_store_local_failed_flushes_total", sel("live-store")), legend: "failed flushes" },
                        ],
                    },
                    panel(
                        "Live-store records dropped by reason",
                        "Kafka records a live-store skipped (too old, undecodable, ...).",
                        "short",
                        sumRate("tempo_live_store_records_dropped_total", sel("live-store"), "reason"),
                        "{{reason}}",
                    ),
                ],
            },
        ],
    };
}

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

/** Resources: CPU and memory per component from cAdvisor, plus Go heap from Tempo itself. */
export function resourcesDashboard(ctx: MonitoringContext): DashboardSpec {
    const containers = [...scrapedComponents(ctx), ...(chartMemcached(ctx) ? ["memcached"] : [])].sort();
    const cadvisor = [`cluster=~"$cluster|"`, `namespace="$namespace"`, `container=~"${containers.join("|")}"`].join(", ");
    return {
        uid: "tempo-cluster-resources",
        title: "Tempo Cluster / Resources",
        description: "CPU and memory per component (cAdvisor) and Go heap per job.",
        sections: [
            {
                title: "Per component",
                panels: [
                    panel("CPU by component", "CPU cores used, summed over the component's pods.", "short", sumRate("container_cpu_usage_seconds_total", cadvisor, "container"), "{{container}}"),
                    panel(
                        "Memory working set by component",
                        "Working-set memory, summed over the component's pods.",
                        "bytes",
                        `sum by (container) (container_memory_working_set_bytes{${cadvisor}})`,
                        "{{container}}",
                    ),
                    panel(
                        "Largest pod memory by component",
                        "Working-set memory of the biggest pod of each component (compare with its limit).",
                        "bytes",
                        `max by (container) (container_memory_working_set_bytes{${cadvisor}})`,
                        "{{container}}",
                    ),
                    panel(
                        "Go heap in use by job",
                        "Heap in use as reported by Tempo's Go runtime.",
                        "bytes",
                        `sum by (job) (go_memstats_heap_inuse_bytes{${sel(undefined, `job=~"$namespace/.*"`)}})`,
                        "{{job}}",
                    ),
                ],
            },
        ],
    };
}

/**
 * The dashboard specs for an install. Distributed: Writes, Reads, Kafka & partitions, Backend work (when the backend
 * components run), Resources. Classic and monolithic (Tempo 2, no Kafka): Writes, Reads, Backend work (compactor),
 * Resources.
 */
export function dashboardSpecs(ctx: MonitoringContext): DashboardSpec[] {
    if (isTempo2(ctx)) {
        const compactor = hasComponent(ctx, "compactor");
        return [writesDashboard(ctx), readsDashboard(ctx), ...(compactor ? [compactorDashboard(ctx)] : []), resourcesDashboard(ctx)];
    }
    const backend = hasComponent(ctx, "backend-scheduler") || hasComponent(ctx, "backend-worker");
    return [writesDashboard(ctx), readsDashboard(ctx), kafkaDashboard(ctx), ...(backend ? [backendDashboard()] : []), resourcesDashboard(ctx)];
}

/** Template variables: Prometheus datasource, cluster and namespace (defaulting to this install). */
function templating(ctx: MonitoringContext): Record<string, unknown> {
    const queryVar = (name: string, label: string, query: string, current: string) => ({
        name,
        label,
        type: "query",
        datasource: DATASOURCE,
        definition: query,
        query: { query, refId: `${name}-variable` },
        current: { selected: true, text: current, value: current },
        refresh: 2,
        sort: 1,
        hide: 0,
        includeAll: false,
        multi: false,
        options: [],
        regex: "",
    });
    return {
        list: [
            { name: "datasource", label: "Data source", type: "datasource", query: "prometheus", current: {}, hide: 0, refresh: 1, regex: "", options: [] },
            queryVar("cluster", "Cluster", "label_values(tempo_build_info, cluster)", ctx.clusterLabel),
            queryVar("namespace", "Namespace", 'label_values(tempo_build_info{cluster="$cluster"}, namespace)', ctx.namespace),
        ],
    };
}

/** Grafana panel JSON for a spec at a grid position. */
function panelJson(spec: PanelSpec, id: number, x: number, y: number): Record<string, unknown> {
    return {
        id,
        type: "timeseries",
        title: spec.title,
        description: spec.description,
        datasource: DATASOURCE,
        gridPos: { h: PANEL_HEIGHT, w: PANEL_WIDTH, x, y },
        fieldConfig: { defaults: { unit: spec.unit, custom: { fillOpacity: 10, lineWidth: 1, showPoints: "never" } }, overrides: [] },
        options: { legend: { displayMode: "list", placement: "bottom", showLegend: true }, tooltip: { mode: "multi", sort: "desc" } },
        targets: spec.queries.map((query, index) => ({
            refId: String.fromCharCode(65 + index),
            datasource: DATASOURCE,
            expr: query.expr,
            legendFormat: query.legend,
            range: true,
        })),
    };
}

/** Lays out sections as rows with two panels per line; ids are sequential from 1. */
function layout(sections: readonly SectionSpec[]): Record<string, unknown>[] {
    const panels: Record<string, unknown>[] = [];
    let y = 0;
    for (const section of sections) {
        panels.push({ id: panels.length + 1, type: "row", title: section.title, collapsed: false, gridPos: { h: 1, w: 24, x: 0, y }, panels: [] });
        y += 1;
        section.panels.forEach((spec, index) => {
            const column = index % 2;
            panels.push(panelJson(spec, panels.length + 1, column * PANEL_WIDTH, y + Math.floor(index / 2) * PANEL_HEIGHT));
        });
        y += Math.ceil(section.panels.length / 2) * PANEL_HEIGHT;
    }
    return panels;
}

/** Grafana dashboard JSON for a spec. */
export function dashboardJson(ctx: MonitoringContext, spec: DashboardSpec): DashboardJson {
    return {
        uid: spec.uid,
        title: spec.title,
        description: `${spec.description} Generated by tempo-cluster for Tempo ${ctx.tempoVersion}.`,
        tags: [...DASHBOARD_TAGS],
        editable: false,
        graphTooltip: 1,
        refresh: "1m",
        schemaVersion: 39,
        version: 1,
        time: { from: "now-6h", to: "now" },
        timezone: "",
        annotations: { list: [] },
        links: [],
        templating: templating(ctx),
        panels: layout(spec.sections),
    };
}

/** All dashboards as Grafana JSON models. */
export function dashboards(ctx: MonitoringContext): DashboardJson[] {
    return dashboardSpecs(ctx).map((spec) => dashboardJson(ctx, spec));
}

/**
 * One ConfigMap per dashboard in `grafanaNamespace`, labelled `grafana_dashboard: "1"` (the kube-prometheus-stack
 * dashboards sidecar searches all namespaces for it), data key `<uid>.json`, named
 * `${F}-${namespace}-dashboard-<uid suffix>` so two installs never collide on the object name.
 */
export function dashboardConfigMaps(ctx: MonitoringContext, grafanaNamespace: string): Manifest[] {
    return dashboards(ctx).map((dashboard) => ({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: {
            name: `${ctx.releaseName}-${ctx.namespace}-dashboard-${dashboard.uid.replace(/^tempo-cluster-/, "")}`,
            namespace: grafanaNamespace,
            labels: sortedRecord({ ...appLabels(ctx, "dashboards"), ...DASHBOARD_SIDECAR_LABEL }),
            annotations: { ...DASHBOARD_FOLDER_ANNOTATION },
        },
        data: { [`${dashboard.uid}.json`]: `${JSON.stringify(dashboard, null, 2)}\n` },
    }));
}
