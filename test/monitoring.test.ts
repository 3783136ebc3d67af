/**
 * Tests of the pure monitoring core (sdk/monitoring): PromQL validity, Kubernetes object validity, label scoping,
 * metric-name provenance, runbook anchors, datasource documents per delivery mode and feature gating, for each
 * architecture (distributed = Tempo 3; classic and monolithic = Tempo 2).
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { parser } from "@prometheus-io/lezer-promql";
import type { SyntaxNode } from "@lezer/common";
import { parse } from "yaml";
import {
    ALERT_GROUP,
    CLASSIC_COMPONENTS,
    DATASOURCE_SIDECAR_LABEL,
    DATASOURCE_UID_PATTERN,
    DEFAULT_SELECTOR_LABELS,
    DEFAULT_THRESHOLDS,
    DISTRIBUTED_COMPONENTS,
    MEMCACHED_EXPORTER_VALUE,
    MONITORING_ARCHITECTURES,
    MONOLITHIC_JOB,
    MONOLITHIC_METRICS_PORT,
    PROMETHEUS_DURATION,
    SPAN_METRICS_QUERIES,
    TENANT_HEADER,
    alertRules,
    componentsFor,
    dashboardConfigMaps,
    dashboards,
    datasourceProvisioning,
    datasourceSidecarManifest,
    datasourceUids,
    githubAnchor,
    grafanaApiDatasources,
    grafanaOperatorDatasources,
    prometheusRule,
    recordingRuleGroups,
    serviceMonitors,
    sidecarWarning,
    tenantDatasourceUid,
    thresholdProblems,
    withThresholds,
    type AlertRule,
    type DatasourceContext,
    type Manifest,
    type MonitoringArchitecture,
    type MonitoringContext,
    type RecordingRule,
    type RuleGroup,
} from "../sdk/monitoring";

// ---------------------------------------------------------------------------------------------------------------------
// Fixtures

const RUNBOOK_URL = "https://github.com/example/tempo-cluster/blob/main/docs/runbooks.md";

const TEMPO3_COMPONENTS = [
    "distributor",
    "querier",
    "query-frontend",
    "live-store",
    "block-builder",
    "backend-scheduler",
    "backend-worker",
];

/** Tempo version per architecture (the charts' appVersions). */
const TEMPO_VERSION: Readonly<Record<MonitoringArchitecture, string>> = { distributed: "3.0.3", classic: "2.9.0", monolithic: "2.10.8" };

/** A production-like distributed (Tempo 3) context; override any field. */
function context(overrides: Partial<MonitoringContext> = {}): MonitoringContext {
    return {
        architecture: "distributed",
        namespace: "tempo",
        releaseName: "tempo",
        tempoVersion: "3.0.3",
        components: [...TEMPO3_COMPONENTS, "gateway"],
        clusterLabel: "prod-eu",
        selectorLabels: DEFAULT_SELECTOR_LABELS,
        metricsGenerator: true,
        memcached: true,
        runbookUrl: RUNBOOK_URL,
        thresholds: DEFAULT_THRESHOLDS,
        ...overrides,
    };
}

/**
 * A production-like context of an architecture, its components from {@link componentsFor} (the gateway listed too,
 * where the chart has one, to prove it is never scraped); override any field.
 */
function contextFor(architecture: MonitoringArchitecture, overrides: Partial<MonitoringContext> = {}): MonitoringContext {
    const metricsGenerator = overrides.metricsGenerator ?? true;
    const gateway = architecture === "monolithic" ? [] : ["gateway"];
    return context({
        architecture,
        tempoVersion: TEMPO_VERSION[architecture],
        components: [...componentsFor(architecture, { metricsGenerator }), ...gateway],
        ...overrides,
    });
}

/** Tempo Vulture's release, for the variants where it runs (with the metrics generator, to keep the matrix small). */
const vultureWith = (on: boolean): Partial<MonitoringContext> => (on ? { vulture: { releaseName: "tempo-vulture" } } : {});

/** Every feature combination that changes the output, distributed (Tempo 3). */
const VARIANTS: MonitoringContext[] = [true, false].flatMap((metricsGenerator) =>
    [true, false].map((memcached) => context({ metricsGenerator, memcached, ...vultureWith(metricsGenerator) })),
);

/** Every architecture with every feature combination. */
const ALL_VARIANTS: MonitoringContext[] = MONITORING_ARCHITECTURES.flatMap((architecture) =>
    [true, false].flatMap((metricsGenerator) =>
        [true, false].map((memcached) => contextFor(architecture, { metricsGenerator, memcached, ...vultureWith(metricsGenerator) })),
    ),
);

/** The Tempo 2 variants (classic and monolithic). */
const TEMPO2_VARIANTS: MonitoringContext[] = ALL_VARIANTS.filter((ctx) => ctx.architecture !== "distributed");

function datasourceContext(overrides: Partial<DatasourceContext> = {}): DatasourceContext {
    return {
        name: "Tempo",
        uid: "tempo-tempo-tempo",
        url: "http://tempo-query-frontend.tempo.svc.cluster.local:3200",
        tenants: [],
        streaming: true,
        lokiUid: "loki",
        prometheusUid: "prometheus",
        pyroscopeUid: "pyroscope",
        serviceMap: true,
        ...overrides,
    };
}

function ruleGroups(ctx: MonitoringContext): RuleGroup<AlertRule | RecordingRule>[] {
    const spec = prometheusRule(ctx).spec as { groups: RuleGroup<AlertRule | RecordingRule>[] };
    return spec.groups;
}

function isAlert(rule: AlertRule | RecordingRule): rule is AlertRule {
    return "alert" in rule;
}

// ---------------------------------------------------------------------------------------------------------------------
// PromQL helpers (lezer)

/** Positions of error nodes (`⚠`) in the parse tree of an expression; empty when it parses cleanly. */
function promqlErrors(expr: string): number[] {
    const errors: number[] = [];
    parser.parse(expr).iterate({
        enter: (node) => {
            if (node.type.isError) {
                errors.push(node.from);
            }
        },
    });
    return errors;
}

function assertParses(expr: string, where: string): void {
    const errors = promqlErrors(expr);
    assert.deepEqual(errors, [], `${where}: PromQL error at ${errors.join(",")} in:\n${expr}`);
}

/** A vector selector: metric name and its label matchers. */
interface Selector {
    readonly metric: string;
    readonly matchers: { readonly label: string; readonly op: string; readonly value: string }[];
}

/** Decodes a PromQL double-quoted string literal (our builders only emit JSON-compatible escapes). */
function decodeString(literal: string): string {
    return JSON.parse(literal) as string;
}

/** Every vector selector of an expression. */
function selectors(expr: string): Selector[] {
    const found: Selector[] = [];
    const text = (node: SyntaxNode) => expr.slice(node.from, node.to);
    parser.parse(expr).iterate({
        enter: (ref) => {
            if (ref.name !== "VectorSelector") {
                return;
            }
            const node = ref.node;
            const id = node.getChild("Identifier");
            const matchers = (node.getChild("LabelMatchers")?.getChildren("UnquotedLabelMatcher") ?? []).map((m) => ({
                label: text(m.getChild("LabelName")!),
                op: text(m.getChild("MatchOp")!),
                value: decodeString(text(m.getChild("StringLiteral")!)),
            }));
            found.push({ metric: id ? text(id) : "", matchers });
        },
    });
    return found;
}

function metricNames(expr: string): string[] {
    return selectors(expr).map((selector) => selector.metric);
}

/** Replaces Grafana variables with sample values so dashboard queries become plain PromQL. */
function substituteGrafanaVariables(expr: string): string {
    return expr
        .replace(/\$__rate_interval|\$__interval/g, "5m")
        .replace(/\$cluster/g, "prod-eu")
        .replace(/\$namespace/g, "tempo");
}

/** Replaces the trace-to-metrics `$__tags` placeholder as Grafana does for a span with `service.name = checkout`. */
function substituteTags(query: string): string {
    return query.replace(/\$__tags/g, 'service="checkout"');
}

// ---------------------------------------------------------------------------------------------------------------------
// Reference facts

/**
 * Metric and recorded-series names used by the Tempo mixin's compiled alerts and rules at tag v3.0.3
 * (operations/tempo-mixin-compiled/{alerts,rules}.yaml), extracted with the same lezer walk as below. When the
 * reference copy is present (../shared/reference), a test re-derives this list from it.
 */
const MIXIN_V303_NAMES: readonly string[] = [
    "cluster_namespace_job_route:tempo_request_duration_seconds:50quantile",
    "cluster_namespace_job_route:tempo_request_duration_seconds:99quantile",
    "cluster_namespace_job_route:tempo_request_duration_seconds:avg",
    "cluster_namespace_job_route:tempo_request_duration_seconds_bucket:sum_rate",
    "cluster_namespace_job_route:tempo_request_duration_seconds_count:sum_rate",
    "cluster_namespace_job_route:tempo_request_duration_seconds_sum:sum_rate",
    "tempo_backend_scheduler_compaction_tenant_empty_job_total",
    "tempo_backend_scheduler_jobs_created_total",
    "tempo_backend_scheduler_jobs_failed_total",
    "tempo_backend_scheduler_jobs_retry_total",
    "tempo_backend_worker_bad_jobs_received_total",
    "tempo_backend_worker_call_retries_total",
    "tempo_block_builder_owned_partitions",
    "tempo_build_info",
    "tempo_distributor_usage_tracker_errors_total",
    "tempo_ingest_group_partition_lag_seconds",
    "tempo_live_store_partition_owned",
    "tempo_memcache_request_duration_seconds_count",
    "tempo_metrics_generator_active_processors_update_failed_total",
    "tempo_metrics_generator_processor_service_graphs_dropped_spans",
    "tempo_metrics_generator_registry_collections_failed_total",
    "tempo_metrics_generator_spans_received_total",
    "tempo_overrides_user_configurable_overrides_reload_failed_total",
    "tempo_partition_ring_partitions",
    "tempo_request_duration_seconds_bucket",
    "tempo_request_duration_seconds_count",
    "tempo_request_duration_seconds_sum",
    "tempo_ring_members",
    "tempo_runtime_config_last_reload_successful",
    "tempo_vulture_trace_error_total",
    "tempo_vulture_trace_total",
    "tempodb_blocklist_length",
    "tempodb_blocklist_poll_errors_total",
    "tempodb_blocklist_tenant_index_age_seconds",
    "tempodb_blocklist_tenant_index_builder",
    "tempodb_blocklist_tenant_index_errors_total",
    "tempodb_compaction_errors_total",
    "tempodb_compaction_outstanding_blocks",
];

/**
 * Names our alerts use that the v3.0.3 mixin does not, each with its source in
 * grafana/tempo's metric registrations (the source file is named where noted).
 */
const ALLOWED_EXTRA_NAMES: Readonly<Record<string, string>> = {
    tempo_receiver_refused_spans: "modules/distributor/receiver: a counter without _total; replaces the non-existent tempo_distributor_push_errors_total",
    tempo_receiver_accepted_spans: "modules/distributor/receiver: a counter without _total; replaces the non-existent tempo_distributor_push_total",
    tempo_distributor_produce_failures_total: "pkg/ingest/writer_client.go {reason}; used by the mixin's TempoDistributorKafkaProduceFailing, present in 3.0.3",
    tempo_distributor_produce_records_total: "pkg/ingest writer metrics, present in 3.0.3",
    tempo_discarded_spans_total: "modules/overrides discards {reason,tenant}: limit drops",
    tempo_distributor_spans_received_total: "modules/distributor {tenant}; replaces the non-existent tempo_distributor_push_total",
    tempo_block_builder_fetch_errors_total: "modules/blockbuilder; replaces the Tempo 2 ingester flush metrics",
    tempo_live_store_failed_completions_total: "modules/livestore; replaces the Tempo 2 ingester flush metrics",
    tempo_live_store_local_failed_flushes_total: "modules/livestore; replaces the Tempo 2 ingester flush metrics",
    tempo_vulture_error_total: "cmd/tempo-vulture/metrics.go (namespace tempo_vulture, counter error_total), at v3.0.3",
};

/** Names that exist in no Tempo version we target (checked against grafana/tempo's metric registrations; includes the classic Helm guide's names). */
const NEVER_NAMES: readonly string[] = [
    "tempo_distributor_push_errors_total",
    "tempo_distributor_push_total",
    "tempo_ingester_flush_failed_total",
    "tempo_query_frontend_queries_bucket",
    "traces_service_graph_dropped_spans_total",
    "traces_service_graph_unpaired_spans_total",
    "traces_spanmetrics_call_total",
    "traces_spanmetrics_duration_seconds_bucket",
];

/** Names known not to exist in Tempo 3 (checked against grafana/tempo's metric registrations). */
function isKnownWrongName(name: string): boolean {
    return /^(tempo_ingester_|tempo_compactor_|cortex_)/.test(name) || NEVER_NAMES.includes(name);
}

/** Names known not to exist in Tempo 2 (2.9.0, 2.10.8): the seed's wrong names, `cortex_*`, `tempo_compactor_*`. */
function isKnownWrongTempo2Name(name: string): boolean {
    return /^(tempo_compactor_|cortex_)/.test(name) || NEVER_NAMES.includes(name);
}

/**
 * Tempo-3-only subsystems (Kafka write path, live-store, block-builder, backend scheduler/worker, partition ring): none
 * of their metrics may appear in a Tempo 2 rule. (Tempo 2.9 has experimental versions of some; the classic and
 * monolithic installs never run them.)
 */
function isTempo3OnlyName(name: string): boolean {
    return /^tempo_(ingest_|live_store_|block_builder_|backend_scheduler_|backend_worker_|distributor_produce_|partition_ring_)/.test(name);
}

/** Tempo-2-only selectors: ingester metrics, and the ingester and compactor rings of `tempo_ring_members`. */
function isTempo2OnlySelector(selector: Selector): boolean {
    if (selector.metric.startsWith("tempo_ingester_")) {
        return true;
    }
    return (
        selector.metric === "tempo_ring_members" &&
        selector.matchers.some((m) => m.label === "name" && ["ingester", "compactor"].includes(m.value))
    );
}

const REFERENCE_DIR = join(__dirname, "..", "..", "shared", "reference", "tempo", "mixin-compiled-v3.0.3");
const REFERENCE_DIR_V290 = join(__dirname, "..", "..", "shared", "reference", "tempo", "mixin-compiled-v2.9.0");

/**
 * Metric and recorded-series names used by the Tempo mixin's compiled alerts and rules at tag v2.9.0 (the classic
 * chart's Tempo), extracted like {@link MIXIN_V303_NAMES}. A test re-derives it from the reference copy when present.
 */
const MIXIN_V290_NAMES: readonly string[] = [
    "cluster_namespace_job_route:tempo_request_duration_seconds:50quantile",
    "cluster_namespace_job_route:tempo_request_duration_seconds:99quantile",
    "cluster_namespace_job_route:tempo_request_duration_seconds:avg",
    "cluster_namespace_job_route:tempo_request_duration_seconds_bucket:sum_rate",
    "cluster_namespace_job_route:tempo_request_duration_seconds_count:sum_rate",
    "cluster_namespace_job_route:tempo_request_duration_seconds_sum:sum_rate",
    "tempo_backend_scheduler_compaction_tenant_empty_job_total",
    "tempo_backend_scheduler_jobs_created_total",
    "tempo_backend_scheduler_jobs_failed_total",
    "tempo_backend_scheduler_jobs_retry_total",
    "tempo_backend_worker_bad_jobs_received_total",
    "tempo_backend_worker_call_retries_total",
    "tempo_build_info",
    "tempo_ingest_group_partition_lag_seconds",
    "tempo_ingester_bytes_received_total",
    "tempo_ingester_failed_flushes_total",
    "tempo_ingester_flush_failed_retries_total",
    "tempo_ingester_replay_errors_total",
    "tempo_overrides_user_configurable_overrides_reload_failed_total",
    "tempo_request_duration_seconds_bucket",
    "tempo_request_duration_seconds_count",
    "tempo_request_duration_seconds_sum",
    "tempo_ring_members",
    "tempo_runtime_config_last_reload_successful",
    "tempo_vulture_trace_error_total",
    "tempo_vulture_trace_total",
    "tempodb_blocklist_length",
    "tempodb_blocklist_poll_errors_total",
    "tempodb_blocklist_tenant_index_age_seconds",
    "tempodb_blocklist_tenant_index_builder",
    "tempodb_blocklist_tenant_index_errors_total",
    "tempodb_compaction_errors_total",
    "tempodb_compaction_outstanding_blocks",
];

/**
 * Names the Tempo 2 alerts use that the v2.9.0 mixin does not, each with the file of grafana/tempo that registers it
 * at both v2.9.0 (classic) and v2.10.8 (monolithic).
 */
const ALLOWED_V2_EXTRA_NAMES: Readonly<Record<string, string>> = {
    tempo_receiver_accepted_spans: "modules/distributor/receiver/metrics_provider.go {receiver,transport}; no _total",
    tempo_receiver_refused_spans: "modules/distributor/receiver/metrics_provider.go {receiver,transport}; no _total",
    tempo_discarded_spans_total: "modules/overrides/discarded_spans.go {reason,tenant}",
    tempo_distributor_spans_received_total: "modules/distributor/distributor.go {tenant}",
    tempo_distributor_ingester_appends_total: "modules/distributor/distributor.go {ingester}",
    tempo_distributor_ingester_append_failures_total: "modules/distributor/distributor.go {ingester}",
    tempo_distributor_metrics_generator_pushes_total: "modules/distributor/distributor.go {metrics_generator}",
    tempo_distributor_metrics_generator_pushes_failures_total: "modules/distributor/distributor.go {metrics_generator}",
    tempo_memcache_request_duration_seconds_count: "pkg/cache/memcached.go histogram {name,method,status_code}, status 500 on errors",
    tempo_metrics_generator_active_processors_update_failed_total: "modules/generator/instance.go {tenant}",
    tempo_metrics_generator_spans_received_total: "modules/generator/instance.go {tenant}",
    tempo_metrics_generator_processor_service_graphs_dropped_spans: "modules/generator/processor/servicegraphs/servicegraphs.go {tenant}; no _total",
    tempo_metrics_generator_registry_collections_failed_total: "modules/generator/registry/registry.go {tenant}",
    tempo_vulture_error_total: "cmd/tempo-vulture/metrics.go (namespace tempo_vulture, counter error_total), at v2.9.0 and v2.10.8",
};

// ---------------------------------------------------------------------------------------------------------------------
// Model validation (the models are ESM-only; load them once)

type Validatable = { validate(): void };
type ModelClass = new (data: unknown) => Validatable;
let models: { ServiceMonitor: ModelClass; PrometheusRule: ModelClass; ConfigMap: ModelClass; Secret: ModelClass } | undefined;

/** Loads the models once (a `before` hook of the suites that validate). */
async function loadModels(): Promise<void> {
    if (models !== undefined) {
        return;
    }
    const prometheusOperator = await import("@kubernetes-models/prometheus-operator");
    const kubernetes = await import("kubernetes-models");
    models = {
        ServiceMonitor: prometheusOperator.monitoringCoreosCom.v1.ServiceMonitor as unknown as ModelClass,
        PrometheusRule: prometheusOperator.monitoringCoreosCom.v1.PrometheusRule as unknown as ModelClass,
        ConfigMap: kubernetes.v1.ConfigMap as unknown as ModelClass,
        Secret: kubernetes.v1.Secret as unknown as ModelClass,
    };
}

function validate(manifest: Manifest): void {
    assert.ok(models, "loadModels() must run first");
    const model = models[manifest.kind as keyof typeof models];
    assert.ok(model, `no model for ${manifest.kind}`);
    new model(JSON.parse(JSON.stringify(manifest))).validate();
}

// ---------------------------------------------------------------------------------------------------------------------


/** Every metric and recorded series name of a compiled mixin copy (its alerts.yaml and rules.yaml), sorted. */
function mixinMetricNames(dir: string): string[] {
    const names = new Set<string>();
    for (const file of ["alerts.yaml", "rules.yaml"]) {
        const doc = parse(readFileSync(join(dir, file), "utf8")) as { groups: { rules: { expr: string; record?: string }[] }[] };
        for (const rule of doc.groups.flatMap((group) => group.rules)) {
            metricNames(rule.expr).forEach((name) => names.add(name));
            if (rule.record) {
                names.add(rule.record);
            }
        }
    }
    return [...names].sort();
}
describe("monitoring: PromQL", () => {
    it("parses every alert and recording rule without error nodes, in every architecture", () => {
        for (const ctx of ALL_VARIANTS) {
            for (const group of ruleGroups(ctx)) {
                for (const rule of group.rules) {
                    assertParses(rule.expr, `${group.name}/${isAlert(rule) ? rule.alert : rule.record}`);
                }
            }
        }
    });

    it("detects a broken expression (the error walk works)", () => {
        assert.notDeepEqual(promqlErrors("sum(rate(foo[5m])) by (le) >"), []);
        assert.notDeepEqual(promqlErrors('rate(foo{a="b"[5m])'), []);
    });

    it("parses every dashboard query once Grafana variables are substituted, in every architecture", () => {
        for (const ctx of ALL_VARIANTS) {
            for (const dashboard of dashboards(ctx)) {
                for (const panel of dashboard.panels as { title: string; targets?: { expr: string }[] }[]) {
                    for (const target of panel.targets ?? []) {
                        assertParses(substituteGrafanaVariables(target.expr), `${dashboard.uid}/${panel.title}`);
                    }
                }
            }
        }
    });

    it("parses the trace-to-metrics queries with $__tags substituted, also when it expands to nothing", () => {
        for (const query of SPAN_METRICS_QUERIES) {
            assertParses(substituteTags(query.query), query.name);
            assertParses(query.query.replace(/\$__tags/g, ""), `${query.name} (no tags)`);
            assert.ok(query.query.includes("$__tags"), `${query.name} uses $__tags`);
        }
        assert.ok(metricNames(substituteTags(SPAN_METRICS_QUERIES[0]!.query)).includes("traces_spanmetrics_calls_total"));
    });

    it("keeps every expression valid and correctly scoped for arbitrary cluster labels and namespaces", () => {
        const labelValue = fc.string({ unit: "binary-ascii", minLength: 1, maxLength: 20 });
        const namespace = fc.stringMatching(/^[a-z]([a-z0-9-]{0,20}[a-z0-9])?$/);
        fc.assert(
            fc.property(labelValue, namespace, fc.boolean(), fc.constantFrom(...MONITORING_ARCHITECTURES), (clusterLabel, ns, metricsGenerator, architecture) => {
                const ctx = contextFor(architecture, { clusterLabel, namespace: ns, metricsGenerator });
                for (const rule of alertRules(ctx)) {
                    assert.deepEqual(promqlErrors(rule.expr), [], rule.expr);
                    for (const selector of selectors(rule.expr)) {
                        const cluster = selector.matchers.find((m) => m.label === "cluster");
                        assert.deepEqual(cluster && [cluster.op, cluster.value], ["=", clusterLabel]);
                    }
                }
            }),
            { numRuns: 150 },
        );
    });
});

describe("monitoring: alerts", () => {
    const all = alertRules(context());

    it("gives every alert severity, for, summary, description and runbook_url, in every architecture", () => {
        assert.ok(all.length >= 30, `expected a full alert set, got ${all.length}`);
        for (const rule of ALL_VARIANTS.flatMap((ctx) => alertRules(ctx))) {
            assert.match(rule.alert, /^Tempo[A-Za-z]+$/);
            assert.ok(["warning", "critical"].includes(rule.labels.severity), `${rule.alert} severity`);
            assert.ok(rule.for !== "" && PROMETHEUS_DURATION.test(rule.for), `${rule.alert} for=${rule.for}`);
            assert.ok(rule.annotations.summary.length > 10, `${rule.alert} summary`);
            assert.ok(rule.annotations.description.length > 20, `${rule.alert} description`);
            assert.ok(rule.annotations.runbook_url.startsWith(`${RUNBOOK_URL}#`), `${rule.alert} runbook_url`);
            assert.equal(Object.keys(rule.annotations).sort().join(","), "description,runbook_url,summary");
        }
    });

    it("scopes every selector of every alert to cluster and namespace, in every architecture", () => {
        for (const ctx of ALL_VARIANTS) {
            for (const rule of alertRules(ctx)) {
                for (const selector of selectors(rule.expr)) {
                    const matcher = (label: string) => selector.matchers.find((m) => m.label === label && m.op === "=");
                    assert.equal(matcher("cluster")?.value, ctx.clusterLabel, `${rule.alert}: ${selector.metric} cluster`);
                    assert.equal(matcher("namespace")?.value, ctx.namespace, `${rule.alert}: ${selector.metric} namespace`);
                }
                assert.match(rule.expr, /by \([^)]*cluster, namespace/, `${rule.alert} keeps cluster/namespace labels`);
            }
        }
    });

    it("uses only metric names from the v3.0.3 mixin or the cited allow-list, and none known to be wrong (distributed)", () => {
        const known = new Set([...MIXIN_V303_NAMES, ...Object.keys(ALLOWED_EXTRA_NAMES)]);
        const used = new Set<string>();
        for (const ctx of VARIANTS) {
            for (const rule of alertRules(ctx)) {
                for (const name of metricNames(rule.expr)) {
                    used.add(name);
                    assert.ok(known.has(name), `${rule.alert} uses ${name}, which is neither in the mixin nor allow-listed`);
                    assert.ok(!isKnownWrongName(name), `${rule.alert} uses the known-wrong name ${name}`);
                }
            }
        }
        for (const name of Object.keys(ALLOWED_EXTRA_NAMES)) {
            assert.ok(used.has(name), `allow-list entry ${name} is unused; remove it`);
            assert.ok(!MIXIN_V303_NAMES.includes(name), `${name} is in the mixin; no allow-list entry needed`);
        }
    });

    it("never uses a known-wrong metric name in rules, dashboards or datasource queries (distributed)", () => {
        const exprs = [
            ...VARIANTS.flatMap((ctx) => ruleGroups(ctx).flatMap((group) => group.rules.map((rule) => rule.expr))),
            ...VARIANTS.flatMap((ctx) =>
                dashboards(ctx).flatMap((dashboard) =>
                    (dashboard.panels as { targets?: { expr: string }[] }[]).flatMap((panel) =>
                        (panel.targets ?? []).map((target) => substituteGrafanaVariables(target.expr)),
                    ),
                ),
            ),
            ...SPAN_METRICS_QUERIES.map((query) => substituteTags(query.query)),
        ];
        for (const expr of exprs) {
            for (const name of metricNames(expr)) {
                assert.ok(!isKnownWrongName(name), `${name} does not exist in Tempo 3 (in ${expr})`);
            }
        }
    });

    it("matches the mixin's v3.0.3 names to the reference copy, when present", function () {
        if (!existsSync(REFERENCE_DIR)) {
            this.skip();
        }
        assert.deepEqual(mixinMetricNames(REFERENCE_DIR), [...MIXIN_V303_NAMES]);
    });

    it("links every alert to an existing heading of docs/runbooks.md, one section per alert name", () => {
        const markdown = readFileSync(join(__dirname, "..", "docs", "runbooks.md"), "utf8");
        const headings = markdown
            .split("\n")
            .filter((line) => /^#{1,6} /.test(line))
            .map((line) => line.replace(/^#+ /, "").trim());
        const seen = new Map<string, number>();
        const anchors = new Set(
            headings.map((heading) => {
                const base = githubAnchor(heading);
                const count = seen.get(base) ?? 0;
                seen.set(base, count + 1);
                return count === 0 ? base : `${base}-${count}`;
            }),
        );
        const every = ALL_VARIANTS.flatMap((ctx) => alertRules(ctx));
        const names = new Set(every.map((rule) => rule.alert));
        for (const rule of every) {
            const anchor = rule.annotations.runbook_url.slice(RUNBOOK_URL.length + 1);
            assert.equal(anchor, rule.alert.toLowerCase());
            assert.ok(anchors.has(anchor), `docs/runbooks.md has no heading for #${anchor}`);
        }
        const alertHeadings = headings.filter((heading) => /^Tempo[A-Za-z]+$/.test(heading));
        assert.deepEqual([...alertHeadings].sort(), [...names].sort(), "runbook sections and alerts (of all architectures) differ");
        assert.equal(new Set(alertHeadings).size, alertHeadings.length, "duplicate runbook sections");
        for (const match of markdown.matchAll(/\]\(#([a-z0-9-]+)\)/g)) {
            assert.ok(anchors.has(match[1]!), `broken internal link #${match[1]}`);
        }
    });

    it("implements the seed guide's four intents on Tempo 3 metrics", () => {
        const byName = new Map(all.map((rule) => [rule.alert, rule]));
        const uses = (alert: string, metric: string) =>
            assert.ok(metricNames(byName.get(alert)?.expr ?? "").includes(metric), `${alert} should use ${metric}`);
        uses("TempoDistributorFailing", "tempo_receiver_refused_spans");
        uses("TempoDistributorKafkaProduceFailing", "tempo_distributor_produce_failures_total");
        uses("TempoBlockBuilderFetchErrors", "tempo_block_builder_fetch_errors_total");
        uses("TempoLiveStoreCompletionsFailing", "tempo_live_store_failed_completions_total");
        uses("TempoLiveStoreFlushesFailing", "tempo_live_store_local_failed_flushes_total");
        uses("TempoCompactionsFailing", "tempodb_compaction_errors_total");
        uses("TempoBackendSchedulerJobsFailureRateHigh", "tempo_backend_scheduler_jobs_failed_total");
        uses("TempoQueryLatencyHigh", "cluster_namespace_job_route:tempo_request_duration_seconds:99quantile");
        const latency = selectors(byName.get("TempoQueryLatencyHigh")!.expr)[0]!;
        assert.deepEqual(
            latency.matchers.filter((m) => m.label === "job" || m.label === "route").map((m) => [m.label, m.op, m.value]),
            [
                ["job", "=", "tempo/query-frontend"],
                ["route", "=~", "api_.*"],
            ],
        );
    });

    it("covers the required areas", () => {
        const names = new Set(all.map((rule) => rule.alert));
        for (const name of [
            "TempoDistributorUnhealthy",
            "TempoLiveStoreUnhealthy",
            "TempoMetricsGeneratorUnhealthy",
            "TempoCompactionsFailing",
            "TempoPollsFailing",
            "TempoTenantIndexFailures",
            "TempoTenantIndexTooOld",
            "TempoNoTenantIndexBuilders",
            "TempoBadOverrides",
            "TempoCompactionTooManyOutstandingBlocks",
            "TempoBlockBuilderPartitionLagCritical",
            "TempoLiveStorePartitionLagWarning",
            "TempoLiveStoresPartitionsUnowned",
            "TempoBlockBuildersPartitionsMismatch",
            "TempoBackendSchedulerJobsFailureRateHigh",
            "TempoDistributorKafkaProduceFailing",
            "TempoMemcachedErrorsElevated",
            "TempoSpansDiscarded",
            "TempoMetricsGeneratorPartitionLagCritical",
        ]) {
            assert.ok(names.has(name), `missing ${name}`);
        }
        const outstanding = all.filter((rule) => rule.alert === "TempoCompactionTooManyOutstandingBlocks");
        assert.deepEqual(outstanding.map((rule) => [rule.labels.severity, rule.for]), [
            ["warning", "6h"],
            ["critical", "24h"],
        ]);
    });

    it("takes every threshold and duration from ctx.thresholds", () => {
        const thresholds = withThresholds({
            distributorRefusedRatio: { value: 0.25, for: "7m" },
            queryLatencyP99: { value: 12 },
            badOverrides: { for: "42m" },
        });
        const rules = new Map(alertRules(context({ thresholds })).map((rule) => [rule.alert, rule]));
        assert.equal(rules.get("TempoDistributorFailing")!.for, "7m");
        assert.match(rules.get("TempoDistributorFailing")!.expr, /> 0\.25$/);
        assert.match(rules.get("TempoDistributorFailing")!.annotations.description, /25%/);
        assert.match(rules.get("TempoQueryLatencyHigh")!.expr, /> 12$/);
        assert.equal(rules.get("TempoQueryLatencyHigh")!.for, DEFAULT_THRESHOLDS.queryLatencyP99.for);
        assert.equal(rules.get("TempoBadOverrides")!.for, "42m");
    });

    it("fires partition-ownership alerts also when no owner reports (absent series count as zero)", () => {
        const rule = all.find((r) => r.alert === "TempoBlockBuildersPartitionsMismatch")!;
        assert.match(rule.expr, /or on \(cluster, namespace\) 0 \*/);
    });

    it("reports invalid thresholds with field paths", () => {
        assert.deepEqual(thresholdProblems(DEFAULT_THRESHOLDS), []);
        const bad = withThresholds({ queryLatencyP99: { value: -1, for: "10 minutes" }, badOverrides: { for: "" } });
        assert.deepEqual(
            thresholdProblems(bad).map(([path]) => path),
            ["badOverrides.for", "queryLatencyP99.for", "queryLatencyP99.value"],
        );
    });
});

describe("monitoring: recording rules", () => {
    it("records the mixin's request-duration family, scoped to the install", () => {
        const ctx = context({ metricsGenerator: false });
        const groups = recordingRuleGroups(ctx);
        assert.deepEqual(groups.map((group) => group.name), ["tempo_rules"]);
        const records = groups[0]!.rules.map((rule) => rule.record);
        assert.deepEqual(
            [...records].sort(),
            MIXIN_V303_NAMES.filter((name) => name.startsWith("cluster_namespace_job_route:")),
        );
        for (const rule of groups[0]!.rules) {
            for (const selector of selectors(rule.expr)) {
                assert.ok(selector.matchers.some((m) => m.label === "cluster" && m.value === "prod-eu"));
                assert.ok(selector.matchers.some((m) => m.label === "namespace" && m.value === "tempo"));
            }
        }
    });

    it("adds service-graph edge rates only with the metrics generator", () => {
        const on = recordingRuleGroups(context({ metricsGenerator: true }));
        const graph = on.find((group) => group.name === "tempo_service_graph_rules");
        assert.ok(graph);
        const used = graph.rules.flatMap((rule) => metricNames(rule.expr));
        assert.deepEqual(used, ["traces_service_graph_request_total", "traces_service_graph_request_failed_total"]);
        for (const rule of graph.rules) {
            assert.match(rule.expr, /by \(cluster, client, server\)/);
        }
        const off = recordingRuleGroups(context({ metricsGenerator: false }));
        assert.ok(!JSON.stringify(off).includes("traces_"));
    });
});

describe("monitoring: PrometheusRule and ServiceMonitors", () => {
    before(loadModels);

    it("validate against the prometheus-operator models, in every architecture", () => {
        for (const ctx of ALL_VARIANTS) {
            validate(prometheusRule(ctx));
            for (const monitor of serviceMonitors(ctx)) {
                validate(monitor);
            }
        }
    });

    it("rejects an invalid object (the validation is real)", () => {
        const rule = prometheusRule(context());
        const broken = { ...rule, spec: { groups: [{ name: "x", rules: [{ alert: "A", expr: "up", for: "5 minutes" }] }] } };
        assert.throws(() => validate(broken as Manifest));
    });

    it("names objects explicitly, in Tempo's namespace, with the Prometheus selector labels", () => {
        const ctx = context({ releaseName: "traces", namespace: "observability", selectorLabels: { prometheus: "main" } });
        const rule = prometheusRule(ctx);
        assert.equal(rule.metadata.name, "traces-rules");
        assert.equal(rule.metadata.namespace, "observability");
        assert.equal(rule.metadata.labels?.prometheus, "main");
        assert.equal(rule.metadata.labels?.["app.kubernetes.io/instance"], "traces");
        assert.deepEqual(
            serviceMonitors(ctx).map((monitor) => [monitor.metadata.name, monitor.metadata.namespace, monitor.metadata.labels?.prometheus]),
            [
                ["traces-components", "observability", "main"],
                ["traces-memcached-exporter", "observability", "main"],
            ],
        );
    });

    it("can leave the alerts out but always keeps the recording rules the latency alert needs", () => {
        const groups = (prometheusRule(context(), { alerts: false }).spec as { groups: { name: string }[] }).groups;
        assert.deepEqual(groups.map((group) => group.name), ["tempo_rules", "tempo_service_graph_rules"]);
        const full = (prometheusRule(context()).spec as { groups: { name: string }[] }).groups;
        assert.deepEqual(full.map((group) => group.name), [ALERT_GROUP, "tempo_rules", "tempo_service_graph_rules"]);
        const noGraph = (prometheusRule(context(), { serviceGraphRules: false }).spec as { groups: { name: string }[] }).groups;
        assert.deepEqual(noGraph.map((group) => group.name), [ALERT_GROUP, "tempo_rules"]);
    });

    it("selects the deployed Tempo components, excludes discovery Services and never the gateway", () => {
        const [tempo] = serviceMonitors(context({ metricsGenerator: false }));
        const spec = tempo!.spec as {
            namespaceSelector: { matchNames: string[] };
            selector: { matchLabels: Record<string, string>; matchExpressions: { key: string; operator: string; values: string[] }[] };
            endpoints: { port: string; path: string; relabelings: { targetLabel: string; sourceLabels?: string[]; separator?: string; replacement?: string }[] }[];
        };
        assert.deepEqual(spec.namespaceSelector.matchNames, ["tempo"]);
        assert.deepEqual(spec.selector.matchLabels, { "app.kubernetes.io/instance": "tempo", "app.kubernetes.io/name": "tempo" });
        const components = spec.selector.matchExpressions.find((e) => e.key === "app.kubernetes.io/component")!;
        assert.equal(components.operator, "In");
        assert.deepEqual(components.values, [...TEMPO3_COMPONENTS].sort());
        assert.ok(!components.values.includes("gateway"));
        assert.ok(!components.values.includes("metrics-generator"));
        assert.deepEqual(
            spec.selector.matchExpressions.find((e) => e.key === "prometheus.io/service-monitor"),
            { key: "prometheus.io/service-monitor", operator: "NotIn", values: ["false"] },
        );
        const [endpoint] = spec.endpoints;
        assert.equal(endpoint!.port, "http-metrics");
        assert.equal(endpoint!.path, "/metrics");
        const relabel = (target: string) => endpoint!.relabelings.find((r) => r.targetLabel === target);
        assert.deepEqual(relabel("job")?.sourceLabels, ["__meta_kubernetes_namespace", "__meta_kubernetes_service_label_app_kubernetes_io_component"]);
        assert.equal(relabel("job")?.separator, "/");
        assert.equal(relabel("cluster")?.replacement, "prod-eu");
        assert.deepEqual(relabel("namespace")?.sourceLabels, ["__meta_kubernetes_namespace"]);
        assert.deepEqual(relabel("pod")?.sourceLabels, ["__meta_kubernetes_pod_name"]);
        assert.deepEqual(relabel("container")?.sourceLabels, ["__meta_kubernetes_pod_container_name"]);
        const dollar = serviceMonitors(context({ clusterLabel: "eu$1" }))[0]!.spec as typeof spec;
        assert.equal(dollar.endpoints[0]!.relabelings.find((r) => r.targetLabel === "cluster")?.replacement, "eu$$1");
    });

    it("scrapes the memcached exporter only with memcached on, and names the chart value to enable it", () => {
        assert.equal(serviceMonitors(context({ memcached: false })).length, 1);
        const monitors = serviceMonitors(context({ memcached: true }));
        assert.equal(monitors.length, 2);
        const spec = monitors[1]!.spec as { selector: { matchExpressions: { values: string[] }[] }; endpoints: { port: string }[] };
        assert.ok(spec.selector.matchExpressions[0]!.values.includes("memcached"));
        assert.equal(spec.endpoints[0]!.port, "http-metrics");
        assert.deepEqual(MEMCACHED_EXPORTER_VALUE, { path: "memcachedExporter.enabled", value: true });
    });
});

describe("monitoring: metrics-generator and memcached gating", () => {
    it("includes generator alerts, rules, scrape target and panels only when the generator is on", () => {
        const generatorBits = (ctx: MonitoringContext) => ({
            alerts: alertRules(ctx).filter((rule) => rule.alert.includes("MetricsGenerator")).length,
            rules: recordingRuleGroups(ctx).filter((group) => group.name === "tempo_service_graph_rules").length,
            scraped: JSON.stringify(serviceMonitors(ctx)).includes("metrics-generator"),
            panels: JSON.stringify(dashboards(ctx)).includes("metrics-generator"),
        });
        const on = generatorBits(context({ metricsGenerator: true }));
        assert.ok(on.alerts >= 4 && on.rules === 1 && on.scraped && on.panels, JSON.stringify(on));
        assert.deepEqual(generatorBits(context({ metricsGenerator: false })), { alerts: 0, rules: 0, scraped: false, panels: false });
        // listing the generator as a component does not turn it on
        const listed = context({ metricsGenerator: false, components: [...TEMPO3_COMPONENTS, "metrics-generator"] });
        assert.deepEqual(generatorBits(listed), { alerts: 0, rules: 0, scraped: false, panels: false });
    });

    it("includes the memcached alert only with memcached", () => {
        const names = (ctx: MonitoringContext) => alertRules(ctx).map((rule) => rule.alert);
        assert.ok(names(context({ memcached: true })).includes("TempoMemcachedErrorsElevated"));
        assert.ok(!names(context({ memcached: false })).includes("TempoMemcachedErrorsElevated"));
    });
});

describe("monitoring: datasource", () => {
    before(loadModels);

    const collectKeys = (value: unknown, into: string[] = []): string[] => {
        if (Array.isArray(value)) {
            value.forEach((item) => collectKeys(item, into));
        } else if (value !== null && typeof value === "object") {
            for (const [key, child] of Object.entries(value)) {
                into.push(key);
                collectKeys(child, into);
            }
        }
        return into;
    };
    const strings = (value: unknown): string[] =>
        typeof value === "string"
            ? [value]
            : Array.isArray(value)
              ? value.flatMap(strings)
              : value !== null && typeof value === "object"
                ? Object.values(value).flatMap(strings)
                : [];

    type ProvisionedDatasource = {
        name: string;
        uid: string;
        type: string;
        access: string;
        url: string;
        jsonData: Record<string, unknown> & { tracesToMetrics?: { queries: { query: string }[] } };
        secureJsonData?: Record<string, string>;
    };
    const provisioned = (ctx: DatasourceContext) =>
        (datasourceProvisioning(ctx) as { apiVersion: number; datasources: ProvisionedDatasource[] }).datasources;

    it("never emits lokiSearch or legacy tracesToLogs, in any mode", () => {
        const ctx = datasourceContext({ tenants: ["a", "b"] });
        const documents: unknown[] = [
            datasourceProvisioning(ctx),
            grafanaOperatorDatasources(ctx, { matchLabels: { dashboards: "grafana" } }, "monitoring"),
            grafanaApiDatasources(ctx).map((inputs) => JSON.parse(inputs.jsonDataEncoded)),
        ];
        for (const document of documents) {
            const keys = collectKeys(document);
            assert.ok(!keys.includes("lokiSearch"));
            assert.ok(!keys.includes("tracesToLogs"));
        }
    });

    it("provisions a tempo/proxy datasource with every link when all uids are known", () => {
        const document = datasourceProvisioning(datasourceContext()) as { apiVersion: number; datasources: ProvisionedDatasource[] };
        assert.equal(document.apiVersion, 1);
        assert.equal(document.datasources.length, 1);
        const [ds] = document.datasources;
        assert.equal(ds!.type, "tempo");
        assert.equal(ds!.access, "proxy");
        assert.equal(ds!.uid, "tempo-tempo-tempo");
        assert.match(ds!.url, /:3200$/);
        assert.deepEqual(Object.keys(ds!.jsonData).sort(), [
            "nodeGraph",
            "search",
            "serviceMap",
            "streamingEnabled",
            "traceQuery",
            "tracesToLogsV2",
            "tracesToMetrics",
            "tracesToProfiles",
        ]);
        assert.deepEqual(ds!.jsonData.nodeGraph, { enabled: true });
        assert.deepEqual(ds!.jsonData.streamingEnabled, { search: true, metrics: true });
        assert.equal(ds!.secureJsonData, undefined);
        assert.ok(!("httpHeaderName1" in ds!.jsonData));
    });

    it("adds each link only when its datasource uid is known, and the service map only when asked", () => {
        const keys = (ctx: DatasourceContext) => Object.keys(provisioned(ctx)[0]!.jsonData);
        const bare = keys(datasourceContext({ lokiUid: undefined, prometheusUid: undefined, pyroscopeUid: undefined }));
        assert.deepEqual(bare.sort(), ["nodeGraph", "search", "streamingEnabled", "traceQuery"]);
        assert.ok(!keys(datasourceContext({ serviceMap: false })).includes("serviceMap"));
        assert.ok(!keys(datasourceContext({ prometheusUid: undefined, serviceMap: true })).includes("serviceMap"));
        assert.ok(!keys(datasourceContext({ prometheusUid: undefined })).includes("tracesToMetrics"));
        assert.ok(!keys(datasourceContext({ lokiUid: undefined })).includes("tracesToLogsV2"));
        assert.ok(!keys(datasourceContext({ pyroscopeUid: undefined })).includes("tracesToProfiles"));
        assert.deepEqual(provisioned(datasourceContext({ streaming: false }))[0]!.jsonData.streamingEnabled, { search: false, metrics: false });
    });

    it("escapes $ as $$ in provisioning files only", () => {
        const ctx = datasourceContext({ tenants: ["team-a"] });
        const provisioning = datasourceProvisioning(ctx);
        for (const value of strings(provisioning)) {
            assert.ok(!/(^|[^$])\$([^$]|$)/.test(value.replace(/\$\$/g, "")), `unescaped $ in ${value}`);
        }
        const provisionedQuery = provisioned(ctx)[0]!.jsonData.tracesToMetrics!.queries[0]!.query;
        assert.ok(provisionedQuery.includes("$$__tags"));
        assertParses(substituteTags(provisionedQuery.replace(/\$\$/g, "$")), "provisioned trace-to-metrics query");

        const api = JSON.parse(grafanaApiDatasources(ctx)[0]!.jsonDataEncoded) as { tracesToMetrics: { queries: { query: string }[] } };
        const operator = grafanaOperatorDatasources(ctx, {}, "monitoring")[0]!;
        for (const document of [api, operator]) {
            assert.ok(!strings(document).some((value) => value.includes("$$")), "no $$ outside provisioning");
        }
        for (const query of api.tracesToMetrics.queries) {
            assertParses(substituteTags(query.query), "API trace-to-metrics query");
        }
    });

    it("creates one datasource per tenant with the X-Scope-OrgID header in each mode", () => {
        const ctx = datasourceContext({ tenants: ["team-a", "team-b"] });
        const files = provisioned(ctx);
        assert.deepEqual(files.map((ds) => [ds.name, ds.jsonData.httpHeaderName1, ds.secureJsonData?.httpHeaderValue1]), [
            ["Tempo (team-a)", TENANT_HEADER, "team-a"],
            ["Tempo (team-b)", TENANT_HEADER, "team-b"],
        ]);
        const operator = grafanaOperatorDatasources(ctx, { matchLabels: { dashboards: "grafana" } }, "monitoring");
        assert.deepEqual(
            operator.map((cr) => {
                const ds = (cr.spec as { datasource: ProvisionedDatasource }).datasource;
                return [ds.jsonData.httpHeaderName1, ds.secureJsonData?.httpHeaderValue1];
            }),
            [
                [TENANT_HEADER, "team-a"],
                [TENANT_HEADER, "team-b"],
            ],
        );
        const api = grafanaApiDatasources(ctx);
        assert.deepEqual(api.map((inputs) => inputs.httpHeaders), [{ [TENANT_HEADER]: "team-a" }, { [TENANT_HEADER]: "team-b" }]);
        for (const inputs of api) {
            assert.ok(!("httpHeaderName1" in JSON.parse(inputs.jsonDataEncoded)), "API mode leaves headers to httpHeaders");
        }
        assert.deepEqual(datasourceUids(ctx), ["tempo-tempo-tempo-team-a", "tempo-tempo-tempo-team-b"]);
        assert.deepEqual(api.map((inputs) => inputs.uid), datasourceUids(ctx));
    });

    it("derives valid, distinct, deterministic per-tenant uids", () => {
        const tenant = fc.string({ minLength: 1, maxLength: 60 });
        fc.assert(
            fc.property(fc.uniqueArray(tenant, { minLength: 1, maxLength: 8 }), fc.stringMatching(/^[a-zA-Z0-9_-]{1,40}$/), (tenants, base) => {
                const uids = tenants.map((t) => tenantDatasourceUid(base, t));
                for (const uid of uids) {
                    assert.match(uid, DATASOURCE_UID_PATTERN);
                }
                assert.equal(new Set(uids).size, uids.length);
                assert.equal(new Set(uids.map((uid) => uid.toLowerCase().replace(/_/g, "-"))).size, uids.length);
                assert.deepEqual(tenants.map((t) => tenantDatasourceUid(base, t)), uids);
            }),
            { numRuns: 300 },
        );
    });

    it("builds grafana-operator GrafanaDatasources with cross-namespace import and the instance selector", () => {
        const selector = { matchLabels: { dashboards: "grafana" } };
        const [cr] = grafanaOperatorDatasources(datasourceContext(), selector, "monitoring");
        assert.equal(cr!.apiVersion, "grafana.integreatly.org/v1beta1");
        assert.equal(cr!.kind, "GrafanaDatasource");
        assert.equal(cr!.metadata.namespace, "monitoring");
        assert.match(cr!.metadata.name, /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/);
        const spec = cr!.spec as { uid: string; allowCrossNamespaceImport: boolean; instanceSelector: unknown; datasource: ProvisionedDatasource };
        assert.equal(spec.allowCrossNamespaceImport, true);
        assert.deepEqual(spec.instanceSelector, selector);
        assert.match(spec.uid, DATASOURCE_UID_PATTERN);
        assert.equal(spec.datasource.type, "tempo");
        assert.equal(spec.datasource.access, "proxy");
    });

    it("injects a basic-auth password from a Secret in operator mode, never inline", () => {
        const ctx = datasourceContext({ basicAuthUser: "grafana" });
        const [cr] = grafanaOperatorDatasources(ctx, {}, "monitoring", { basicAuthPasswordSecret: { name: "tempo-gateway", key: "password" } });
        const spec = cr!.spec as { datasource: Record<string, unknown>; valuesFrom: { targetPath: string }[] };
        assert.equal(spec.datasource.basicAuth, true);
        assert.equal(spec.datasource.basicAuthUser, "grafana");
        assert.deepEqual(spec.datasource.secureJsonData, { basicAuthPassword: "${password}" });
        assert.equal(spec.valuesFrom[0]!.targetPath, "secureJsonData.basicAuthPassword");
        const [api] = grafanaApiDatasources(ctx);
        assert.equal(api!.basicAuthEnabled, true);
        assert.equal(api!.basicAuthUsername, "grafana");
    });

    it("gives the API mode the @pulumiverse/grafana input names, with stable JSON", () => {
        const [inputs] = grafanaApiDatasources(datasourceContext());
        assert.deepEqual(Object.keys(inputs!).sort(), ["accessMode", "isDefault", "jsonDataEncoded", "name", "type", "uid", "url"]);
        assert.equal(inputs!.type, "tempo");
        assert.equal(inputs!.accessMode, "proxy");
        const decoded = JSON.parse(inputs!.jsonDataEncoded) as Record<string, unknown>;
        assert.deepEqual(Object.keys(decoded), Object.keys(decoded).sort(), "keys sorted");
        assert.equal(inputs!.jsonDataEncoded, grafanaApiDatasources(datasourceContext())[0]!.jsonDataEncoded);
    });

    it("delivers the provisioning file in a sidecar ConfigMap, or a Secret when it carries a password", () => {
        const ctx = datasourceContext({ tenants: ["team-a"] });
        const configMap = datasourceSidecarManifest(ctx, "monitoring");
        validate(configMap);
        assert.equal(configMap.kind, "ConfigMap");
        assert.equal(configMap.metadata.namespace, "monitoring");
        assert.equal(configMap.metadata.labels?.grafana_datasource, DATASOURCE_SIDECAR_LABEL.grafana_datasource);
        assert.equal(configMap.metadata.labels?.grafana_datasource, "1");
        const [file] = Object.values(configMap.data ?? {});
        assert.deepEqual(parse(file!), datasourceProvisioning(ctx));

        const secret = datasourceSidecarManifest(datasourceContext({ basicAuthUser: "grafana" }), "monitoring", { basicAuthPassword: "s3cr$t" });
        validate(secret);
        assert.equal(secret.kind, "Secret");
        assert.equal(secret.data, undefined);
        const provisionedSecret = parse(Object.values(secret.stringData ?? {})[0]!) as { datasources: ProvisionedDatasource[] };
        assert.equal(provisionedSecret.datasources[0]!.secureJsonData?.basicAuthPassword, "s3cr$$t");
    });

    it("warns when the sidecar ConfigMap would land where a default kube-prometheus-stack Grafana does not look", () => {
        assert.equal(sidecarWarning("monitoring", "tempo"), undefined);
        assert.equal(sidecarWarning("tempo", "tempo"), undefined);
        const warning = sidecarWarning(undefined, "tempo");
        assert.ok(warning?.includes('"tempo"'));
        assert.ok(warning?.includes("searchNamespace"));
        assert.ok(sidecarWarning("", "tempo"));
    });
});

describe("monitoring: dashboards", () => {
    before(loadModels);

    it("has the five dashboards with stable, unique uids", () => {
        const uids = dashboards(context()).map((dashboard) => dashboard.uid);
        assert.deepEqual(uids, ["tempo-cluster-writes", "tempo-cluster-reads", "tempo-cluster-kafka", "tempo-cluster-backend", "tempo-cluster-resources"]);
        assert.deepEqual(dashboards(context({ namespace: "x", clusterLabel: "y" })).map((d) => d.uid), uids);
    });

    it("uses the cluster/namespace/job conventions in every query, in every architecture", () => {
        for (const ctx of ALL_VARIANTS) {
            for (const dashboard of dashboards(ctx)) {
                for (const panel of dashboard.panels as { title: string; targets?: { expr: string }[] }[]) {
                    for (const target of panel.targets ?? []) {
                        for (const selector of selectors(substituteGrafanaVariables(target.expr))) {
                            const where = `${dashboard.uid}/${panel.title}/${selector.metric}`;
                            const cluster = selector.matchers.find((m) => m.label === "cluster");
                            const namespace = selector.matchers.find((m) => m.label === "namespace");
                            if (selector.metric.startsWith("container_")) {
                                assert.deepEqual(cluster && [cluster.op, cluster.value], ["=~", "prod-eu|"], where);
                            } else {
                                assert.deepEqual(cluster && [cluster.op, cluster.value], ["=", "prod-eu"], where);
                            }
                            assert.deepEqual(namespace && [namespace.op, namespace.value], ["=", "tempo"], where);
                            const job = selector.matchers.find((m) => m.label === "job");
                            if (job) {
                                assert.equal(job.op, "=~", where);
                                assert.match(job.value, /^tempo\/([a-z-]+|\.\*)$/, where);
                            }
                        }
                        assert.ok(!target.expr.includes("$__rate_interval") || target.expr.includes("[$__rate_interval]"));
                    }
                }
            }
        }
    });

    it("covers writes, reads, Kafka lag, backend work and resources", () => {
        const text = (uid: string) => JSON.stringify(dashboards(context()).find((d) => d.uid === uid));
        for (const [uid, metrics] of [
            ["tempo-cluster-writes", ["tempo_distributor_spans_received_total", "tempo_receiver_refused_spans", "tempo_discarded_spans_total", "tempo_distributor_produce_records_total"]],
            ["tempo-cluster-reads", ["tempo_request_duration_seconds_bucket", "tempo_query_frontend_queries_total"]],
            ["tempo-cluster-kafka", ["tempo_ingest_group_partition_lag_seconds", "tempo_partition_ring_partitions", "tempo_block_builder_owned_partitions"]],
            ["tempo-cluster-backend", ["tempo_backend_scheduler_jobs_created_total", "tempodb_compaction_errors_total", "tempodb_compaction_outstanding_blocks"]],
            ["tempo-cluster-resources", ["container_cpu_usage_seconds_total", "container_memory_working_set_bytes"]],
        ] as const) {
            for (const metric of metrics) {
                assert.ok(text(uid).includes(metric), `${uid} shows ${metric}`);
            }
        }
    });

    it("defaults the template variables to this install and lays panels out without overlap", () => {
        for (const dashboard of MONITORING_ARCHITECTURES.flatMap((architecture) => dashboards(contextFor(architecture)))) {
            const variables = (dashboard.templating as { list: { name: string; current: { value?: string } }[] }).list;
            assert.deepEqual(variables.map((v) => v.name), ["datasource", "cluster", "namespace"]);
            assert.equal(variables[1]!.current.value, "prod-eu");
            assert.equal(variables[2]!.current.value, "tempo");
            const panels = dashboard.panels as { id: number; gridPos: { x: number; y: number; w: number; h: number } }[];
            assert.deepEqual(panels.map((p) => p.id), panels.map((_, i) => i + 1));
            const cells = new Set<string>();
            for (const { gridPos } of panels) {
                for (let x = gridPos.x; x < gridPos.x + gridPos.w; x++) {
                    for (let y = gridPos.y; y < gridPos.y + gridPos.h; y++) {
                        assert.ok(!cells.has(`${x},${y}`), `${dashboard.uid}: overlapping panels at ${x},${y}`);
                        cells.add(`${x},${y}`);
                    }
                }
            }
        }
    });

    it("ships one sidecar ConfigMap per dashboard, labelled grafana_dashboard: 1, keyed <uid>.json", () => {
        for (const architecture of MONITORING_ARCHITECTURES) {
            for (const map of dashboardConfigMaps(contextFor(architecture), "monitoring")) {
                validate(map);
            }
        }
        const ctx = context();
        const maps = dashboardConfigMaps(ctx, "monitoring");
        assert.equal(maps.length, dashboards(ctx).length);
        for (const map of maps) {
            validate(map);
            assert.equal(map.metadata.namespace, "monitoring");
            assert.equal(map.metadata.labels?.grafana_dashboard, "1");
            const [[key, json]] = Object.entries(map.data ?? {}) as [[string, string]];
            const dashboard = JSON.parse(json) as { uid: string };
            assert.equal(key, `${dashboard.uid}.json`);
            assert.match(map.metadata.name, /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/);
        }
        assert.equal(new Set(maps.map((m) => m.metadata.name)).size, maps.length);
        const other = dashboardConfigMaps(context({ namespace: "tempo-b" }), "monitoring");
        assert.ok(other.every((m) => !maps.some((n) => n.metadata.name === m.metadata.name)), "installs never collide on names");
    });
});

describe("monitoring: determinism", () => {
    it("produces byte-identical output for the same input", () => {
        const ctx = context();
        const ds = datasourceContext({ tenants: ["b", "a"] });
        const render = () =>
            JSON.stringify([
                serviceMonitors(ctx),
                prometheusRule(ctx),
                dashboardConfigMaps(ctx, "monitoring"),
                datasourceProvisioning(ds),
                grafanaOperatorDatasources(ds, {}, "monitoring"),
                grafanaApiDatasources(ds),
            ]);
        assert.equal(render(), render());
    });

    it("orders scraped components and label keys deterministically", () => {
        const shuffled = context({ components: [...TEMPO3_COMPONENTS].reverse() });
        assert.deepEqual(serviceMonitors(shuffled), serviceMonitors(context({ components: TEMPO3_COMPONENTS })));
        const labels = Object.keys(prometheusRule(context()).metadata.labels ?? {});
        assert.deepEqual(labels, [...labels].sort());
    });
});

describe("monitoring: Tempo 2 architectures (classic, monolithic)", () => {
    before(loadModels);

    const classic = contextFor("classic");
    const monolithic = contextFor("monolithic");
    type MonitorSpec = {
        namespaceSelector: { matchNames: string[] };
        selector: { matchLabels: Record<string, string>; matchExpressions: { key: string; operator: string; values?: string[] }[] };
        endpoints: {
            port: string;
            path: string;
            relabelings: { action: string; targetLabel?: string; sourceLabels?: string[]; regex?: string; replacement?: string }[];
        }[];
    };
    const ruleNames = (ctx: MonitoringContext) => alertRules(ctx).map((rule) => rule.alert);
    const byName = (ctx: MonitoringContext) => new Map(alertRules(ctx).map((rule) => [rule.alert, rule]));
    const dashboardSelectors = (ctx: MonitoringContext) =>
        dashboards(ctx).flatMap((dashboard) =>
            (dashboard.panels as { targets?: { expr: string }[] }[]).flatMap((panel) =>
                (panel.targets ?? []).flatMap((target) => selectors(substituteGrafanaVariables(target.expr))),
            ),
        );
    const ruleSelectors = (ctx: MonitoringContext) => ruleGroups(ctx).flatMap((group) => group.rules.flatMap((rule) => selectors(rule.expr)));

    it("derives the components of each architecture (zone-aware ingesters keep the component value `ingester`)", () => {
        assert.deepEqual(componentsFor("distributed", { metricsGenerator: false }), [...DISTRIBUTED_COMPONENTS]);
        assert.deepEqual(componentsFor("distributed", { metricsGenerator: true }), [...DISTRIBUTED_COMPONENTS, "metrics-generator"]);
        assert.deepEqual(componentsFor("classic", { metricsGenerator: false }), ["distributor", "ingester", "querier", "query-frontend", "compactor"]);
        assert.deepEqual(componentsFor("classic", { metricsGenerator: true }), [...CLASSIC_COMPONENTS, "metrics-generator"]);
        assert.deepEqual(componentsFor("monolithic", { metricsGenerator: true }), [MONOLITHIC_JOB]);
        assert.equal(MONOLITHIC_JOB, "tempo");
    });

    it("scrapes the classic components on http-metrics and never the gateway or discovery Services", () => {
        const [tempo, memcached] = serviceMonitors(classic);
        validate(tempo!);
        const spec = tempo!.spec as MonitorSpec;
        const components = spec.selector.matchExpressions.find((e) => e.key === "app.kubernetes.io/component")!;
        assert.equal(components.operator, "In");
        assert.deepEqual(components.values, ["compactor", "distributor", "ingester", "metrics-generator", "querier", "query-frontend"]);
        assert.deepEqual(spec.selector.matchExpressions.find((e) => e.key === "prometheus.io/service-monitor")?.values, ["false"]);
        assert.equal(spec.endpoints[0]!.port, "http-metrics");
        const job = spec.endpoints[0]!.relabelings.find((r) => r.targetLabel === "job")!;
        assert.deepEqual(job.sourceLabels, ["__meta_kubernetes_namespace", "__meta_kubernetes_service_label_app_kubernetes_io_component"]);
        const off = serviceMonitors(contextFor("classic", { metricsGenerator: false }))[0]!.spec as MonitorSpec;
        assert.ok(!off.selector.matchExpressions[0]!.values!.includes("metrics-generator"));
        // 1.61.3 has only the shared memcached (no per-role caches)
        assert.ok(memcached);
        const cache = memcached.spec as MonitorSpec;
        assert.deepEqual(cache.selector.matchExpressions[0]!.values, ["memcached"]);
        assert.equal(serviceMonitors(contextFor("classic", { memcached: false })).length, 1);
    });

    it("scrapes the monolithic Service by name and instance on tempo-prom-metrics, relabelling job to <namespace>/tempo", () => {
        const monitors = serviceMonitors(contextFor("monolithic", { memcached: true }));
        assert.equal(monitors.length, 1, "the tempo chart has no memcached");
        const [monitor] = monitors;
        validate(monitor!);
        assert.equal(monitor!.metadata.name, "tempo-components");
        const spec = monitor!.spec as MonitorSpec;
        assert.deepEqual(spec.namespaceSelector.matchNames, ["tempo"]);
        assert.deepEqual(spec.selector.matchLabels, { "app.kubernetes.io/instance": "tempo", "app.kubernetes.io/name": "tempo" });
        assert.deepEqual(spec.selector.matchExpressions, [{ key: "app.kubernetes.io/component", operator: "DoesNotExist" }]);
        const [endpoint] = spec.endpoints;
        assert.equal(endpoint!.port, MONOLITHIC_METRICS_PORT);
        assert.equal(endpoint!.port, "tempo-prom-metrics");
        assert.equal(endpoint!.path, "/metrics");
        const keep = endpoint!.relabelings[0]!;
        assert.deepEqual([keep.action, keep.sourceLabels, keep.regex], ["keep", ["__meta_kubernetes_service_name"], "tempo"]);
        const job = endpoint!.relabelings.find((r) => r.targetLabel === "job")!;
        assert.deepEqual(job.sourceLabels, ["__meta_kubernetes_namespace"]);
        // what Prometheus does with it: full-match the regex, expand the replacement
        const expanded = "observability".replace(new RegExp(`^(?:${job.regex})$`), job.replacement!.replace("${1}", "$1"));
        assert.equal(expanded, "observability/tempo");
        for (const target of ["cluster", "namespace", "pod", "container"]) {
            assert.ok(endpoint!.relabelings.some((r) => r.targetLabel === target), `relabels ${target}`);
        }
        const traces = serviceMonitors(contextFor("monolithic", { releaseName: "traces" }))[0]!.spec as MonitorSpec;
        assert.equal(traces.endpoints[0]!.relabelings[0]!.regex, "traces");
        assert.equal(traces.selector.matchLabels["app.kubernetes.io/instance"], "traces");
    });

    it("uses only names from the v2.9.0 mixin or the cited allow-list in Tempo 2 alerts, none known to be wrong", () => {
        const known = new Set([...MIXIN_V290_NAMES, ...Object.keys(ALLOWED_V2_EXTRA_NAMES)]);
        const used = new Set<string>();
        for (const ctx of TEMPO2_VARIANTS) {
            for (const rule of alertRules(ctx)) {
                for (const name of metricNames(rule.expr)) {
                    used.add(name);
                    assert.ok(known.has(name), `${ctx.architecture}: ${rule.alert} uses ${name}, neither in the v2.9.0 mixin nor allow-listed`);
                    assert.ok(!isKnownWrongTempo2Name(name), `${ctx.architecture}: ${rule.alert} uses the known-wrong name ${name}`);
                }
            }
        }
        for (const name of Object.keys(ALLOWED_V2_EXTRA_NAMES)) {
            assert.ok(used.has(name), `allow-list entry ${name} is unused; remove it`);
            assert.ok(!MIXIN_V290_NAMES.includes(name), `${name} is in the v2.9.0 mixin; no allow-list entry needed`);
        }
    });

    it("matches the mixin's v2.9.0 names to the reference copy, when present", function () {
        if (!existsSync(REFERENCE_DIR_V290)) {
            this.skip();
        }
        assert.deepEqual(mixinMetricNames(REFERENCE_DIR_V290), [...MIXIN_V290_NAMES]);
    });

    it("keeps Tempo-3-only metrics out of Tempo 2 rules and dashboards, and Tempo-2-only ones out of Tempo 3", () => {
        for (const ctx of TEMPO2_VARIANTS) {
            for (const selector of [...ruleSelectors(ctx), ...dashboardSelectors(ctx)]) {
                assert.ok(!isTempo3OnlyName(selector.metric), `${ctx.architecture} uses the Tempo 3 metric ${selector.metric}`);
                assert.ok(!isKnownWrongTempo2Name(selector.metric), `${ctx.architecture} uses the known-wrong ${selector.metric}`);
            }
        }
        for (const ctx of VARIANTS) {
            for (const selector of [...ruleSelectors(ctx), ...dashboardSelectors(ctx)]) {
                assert.ok(!isTempo2OnlySelector(selector), `distributed uses the Tempo 2 selector ${selector.metric} ${JSON.stringify(selector.matchers)}`);
            }
        }
        // the predicates work
        assert.ok(isTempo3OnlyName("tempo_distributor_produce_records_total") && isTempo3OnlyName("tempo_ingest_group_partition_lag_seconds"));
        assert.ok(!isTempo3OnlyName("tempo_ingester_failed_flushes_total"));
        assert.ok(isTempo2OnlySelector(selectors('tempo_ring_members{name="compactor"}')[0]!));
        assert.ok(!isTempo2OnlySelector(selectors('tempo_ring_members{name="distributor"}')[0]!));
    });

    it("watches the rings each architecture has", () => {
        const rings = (ctx: MonitoringContext) =>
            [
                ...new Set(
                    alertRules(ctx)
                        .flatMap((rule) => selectors(rule.expr))
                        .filter((selector) => selector.metric === "tempo_ring_members")
                        .map((selector) => selector.matchers.find((m) => m.label === "name")!.value),
                ),
            ].sort();
        assert.deepEqual(rings(contextFor("distributed")), ["distributor", "live-store", "metrics-generator"]);
        assert.deepEqual(rings(classic), ["compactor", "distributor", "ingester", "metrics-generator"]);
        assert.deepEqual(rings(monolithic), ["distributor", "ingester", "metrics-generator"]);
        assert.deepEqual(rings(contextFor("classic", { metricsGenerator: false })), ["compactor", "distributor", "ingester"]);
    });

    it("has the Tempo 2 alert set and nothing of Kafka, live-store, block-builder or the backend scheduler", () => {
        const tempo2 = [
            "TempoDistributorUnhealthy",
            "TempoIngesterUnhealthy",
            "TempoMetricsGeneratorUnhealthy",
            "TempoDistributorFailing",
            "TempoSpansDiscarded",
            "TempoDistributorIngesterAppendsFailing",
            "TempoIngesterFlushesUnhealthy",
            "TempoIngesterFlushesFailing",
            "TempoIngesterReplayErrors",
            "TempoDistributorMetricsGeneratorPushesFailing",
            "TempoMetricsGeneratorProcessorUpdatesFailing",
            "TempoMetricsGeneratorServiceGraphsDroppingSpans",
            "TempoMetricsGeneratorCollectionsFailing",
            "TempoCompactionsFailing",
            "TempoCompactorsTooManyOutstandingBlocks",
            "TempoPollsFailing",
            "TempoTenantIndexFailures",
            "TempoNoTenantIndexBuilders",
            "TempoTenantIndexTooOld",
            "TempoBadOverrides",
            "TempoUserConfigurableOverridesReloadFailing",
            "TempoQueryLatencyHigh",
            "TempoQueryErrorsHigh",
        ];
        assert.deepEqual([...new Set(ruleNames(classic))].sort(), [...tempo2, "TempoCompactorUnhealthy", "TempoMemcachedErrorsElevated"].sort());
        assert.deepEqual([...new Set(ruleNames(monolithic))].sort(), [...tempo2].sort());
        const tempo3Only = /Kafka|LiveStore|BlockBuilder|BackendScheduler|BackendWorker|PartitionLag|CompactionTooManyOutstandingBlocks/;
        for (const ctx of TEMPO2_VARIANTS) {
            for (const name of ruleNames(ctx)) {
                assert.ok(!tempo3Only.test(name), `${ctx.architecture} has the Tempo 3 alert ${name}`);
            }
        }
        const tempo2Only = /Ingester|Compactor/;
        for (const name of ruleNames(contextFor("distributed"))) {
            assert.ok(!tempo2Only.test(name), `distributed has the Tempo 2 alert ${name}`);
        }
        for (const ctx of [contextFor("classic", { metricsGenerator: false }), contextFor("monolithic", { metricsGenerator: false })]) {
            assert.ok(!ruleNames(ctx).some((name) => name.includes("MetricsGenerator")), `${ctx.architecture}: generator alerts only when on`);
        }
        assert.ok(!ruleNames(contextFor("classic", { memcached: false })).includes("TempoMemcachedErrorsElevated"));
        const outstanding = alertRules(classic).filter((rule) => rule.alert === "TempoCompactorsTooManyOutstandingBlocks");
        assert.deepEqual(outstanding.map((rule) => [rule.labels.severity, rule.for]), [
            ["warning", "6h"],
            ["critical", "24h"],
        ]);
    });

    it("implements the seed guide's four intents on Tempo 2 metrics", () => {
        for (const ctx of [classic, monolithic]) {
            const rules = byName(ctx);
            const uses = (alert: string, metric: string) =>
                assert.ok(metricNames(rules.get(alert)?.expr ?? "").includes(metric), `${ctx.architecture}: ${alert} should use ${metric}`);
            uses("TempoDistributorFailing", "tempo_receiver_refused_spans");
            uses("TempoIngesterFlushesFailing", "tempo_ingester_flush_failed_retries_total");
            uses("TempoIngesterFlushesUnhealthy", "tempo_ingester_failed_flushes_total");
            uses("TempoCompactionsFailing", "tempodb_compaction_errors_total");
            uses("TempoQueryLatencyHigh", "cluster_namespace_job_route:tempo_request_duration_seconds:99quantile");
        }
        const job = (ctx: MonitoringContext) =>
            selectors(byName(ctx).get("TempoQueryLatencyHigh")!.expr)[0]!.matchers.find((m) => m.label === "job")?.value;
        assert.equal(job(classic), "tempo/query-frontend");
        assert.equal(job(monolithic), "tempo/tempo");
    });

    it("divides outstanding blocks by the compactors: container compactor (classic) or tempo (monolithic)", () => {
        const containers = (ctx: MonitoringContext) =>
            selectors(alertRules(ctx).find((rule) => rule.alert === "TempoCompactorsTooManyOutstandingBlocks")!.expr).map((selector) => [
                selector.metric,
                selector.matchers.find((m) => m.label === "container")?.value,
            ]);
        assert.deepEqual(containers(classic), [
            ["tempodb_compaction_outstanding_blocks", "compactor"],
            ["tempo_build_info", "compactor"],
        ]);
        assert.deepEqual(containers(monolithic), [
            ["tempodb_compaction_outstanding_blocks", "tempo"],
            ["tempo_build_info", "tempo"],
        ]);
    });

    it("takes the Tempo 2 thresholds from ctx.thresholds", () => {
        const thresholds = withThresholds({
            ingesterUnhealthy: { value: 1, for: "3m" },
            compactorUnhealthy: { for: "4m" },
            ingesterAppendFailureRatio: { value: 0.2 },
            ingesterFlushFailuresPerHour: { value: 7 },
            ingesterFlushFailedRetriesPerHour: { value: 9, for: "11m" },
            ingesterReplayErrors: { value: 3 },
            generatorPushFailureRatio: { value: 0.3, for: "6m" },
            outstandingBlocksWarning: { value: 123 },
        });
        const rules = byName(contextFor("classic", { thresholds }));
        assert.match(rules.get("TempoIngesterUnhealthy")!.expr, /> 1$/);
        assert.equal(rules.get("TempoIngesterUnhealthy")!.for, "3m");
        assert.equal(rules.get("TempoCompactorUnhealthy")!.for, "4m");
        assert.match(rules.get("TempoDistributorIngesterAppendsFailing")!.expr, /> 0\.2$/);
        assert.match(rules.get("TempoDistributorIngesterAppendsFailing")!.annotations.description, /20%/);
        assert.match(rules.get("TempoIngesterFlushesUnhealthy")!.expr, /\[1h\]\)\) > 7\n/);
        assert.match(rules.get("TempoIngesterFlushesFailing")!.expr, /\[1h\]\)\) > 9\n/);
        assert.equal(rules.get("TempoIngesterFlushesFailing")!.for, "11m");
        assert.match(rules.get("TempoIngesterReplayErrors")!.expr, /> 3$/);
        assert.match(rules.get("TempoDistributorMetricsGeneratorPushesFailing")!.expr, /> 0\.3$/);
        assert.equal(rules.get("TempoDistributorMetricsGeneratorPushesFailing")!.for, "6m");
        const outstanding = alertRules(contextFor("classic", { thresholds })).filter((rule) => rule.alert === "TempoCompactorsTooManyOutstandingBlocks");
        assert.deepEqual(outstanding.map((rule) => rule.expr.split("> ").pop()), ["123", "250"]);
        for (const key of [
            "ingesterUnhealthy",
            "compactorUnhealthy",
            "ingesterAppendFailureRatio",
            "ingesterFlushFailuresPerHour",
            "ingesterFlushFailedRetriesPerHour",
            "ingesterReplayErrors",
            "generatorPushFailureRatio",
        ] as const) {
            assert.ok(PROMETHEUS_DURATION.test(DEFAULT_THRESHOLDS[key].for), key);
        }
    });

    it("records the same request-duration family in every architecture", () => {
        const records = (ctx: MonitoringContext) => recordingRuleGroups(ctx).map((group) => [group.name, group.rules.map((rule) => rule.record)]);
        assert.deepEqual(records(classic), records(contextFor("distributed")));
        assert.deepEqual(records(monolithic), records(contextFor("distributed")));
        assert.ok(MIXIN_V290_NAMES.includes("cluster_namespace_job_route:tempo_request_duration_seconds:99quantile"));
        assert.deepEqual(recordingRuleGroups(contextFor("classic", { metricsGenerator: false })).map((group) => group.name), ["tempo_rules"]);
    });

    it("ships Writes, Reads, Backend work (compactor) and Resources, no Kafka dashboard", () => {
        for (const ctx of [classic, monolithic]) {
            assert.deepEqual(
                dashboards(ctx).map((dashboard) => dashboard.uid),
                ["tempo-cluster-writes", "tempo-cluster-reads", "tempo-cluster-backend", "tempo-cluster-resources"],
            );
            const text = (uid: string) => JSON.stringify(dashboards(ctx).find((d) => d.uid === uid));
            for (const [uid, metrics] of [
                ["tempo-cluster-writes", ["tempo_distributor_spans_received_total", "tempo_distributor_ingester_appends_total", "tempo_ingester_live_traces", "tempo_ingester_failed_flushes_total"]],
                ["tempo-cluster-reads", ["tempo_request_duration_seconds_bucket", "tempo_query_frontend_queries_total"]],
                ["tempo-cluster-backend", ["tempodb_compaction_errors_total", "tempodb_compaction_outstanding_blocks", "tempodb_blocklist_length"]],
                ["tempo-cluster-resources", ["container_cpu_usage_seconds_total"]],
            ] as const) {
                for (const metric of metrics) {
                    assert.ok(text(uid).includes(metric), `${ctx.architecture}: ${uid} shows ${metric}`);
                }
            }
            assert.ok(!text("tempo-cluster-writes").includes("tempo_distributor_produce"), "no Kafka panels");
        }
    });

    it("selects the right jobs and containers: per component (classic), tempo/tempo only (monolithic)", () => {
        const jobs = (ctx: MonitoringContext) =>
            [...new Set(dashboardSelectors(ctx).flatMap((selector) => selector.matchers.filter((m) => m.label === "job").map((m) => m.value)))].sort();
        assert.deepEqual(jobs(monolithic), ["tempo/.*", "tempo/tempo"]);
        assert.deepEqual(jobs(classic), ["tempo/.*", "tempo/compactor", "tempo/distributor", "tempo/ingester", "tempo/metrics-generator", "tempo/query-frontend", "tempo/querier"].sort());
        const containers = (ctx: MonitoringContext) =>
            [...new Set(dashboardSelectors(ctx).flatMap((selector) => selector.matchers.filter((m) => m.label === "container").map((m) => m.value)))].sort();
        assert.deepEqual(containers(monolithic), ["tempo"]);
        assert.deepEqual(containers(classic), ["compactor", "compactor|distributor|ingester|memcached|metrics-generator|querier|query-frontend"]);
        const alertJobs = (ctx: MonitoringContext) =>
            [...new Set(ruleSelectors(ctx).flatMap((selector) => selector.matchers.filter((m) => m.label === "job").map((m) => m.value)))];
        assert.deepEqual(alertJobs(monolithic), ["tempo/tempo"]);
        assert.deepEqual(alertJobs(classic), ["tempo/query-frontend"]);
    });
});
