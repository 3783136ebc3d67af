/**
 * The input of every monitoring builder, and the small helpers they share (label sets, PromQL scoping, thresholds).
 *
 * This module is deliberately decoupled from the rest of the package: the shell maps its resolved spec onto a
 * {@link MonitoringContext} / {@link DatasourceContext}, and everything under `sdk/monitoring/` is plain data in,
 * plain data out (no Pulumi, no I/O).
 *
 * Label conventions follow the Tempo mixin: every scraped series carries `cluster`, `namespace`,
 * `job = <namespace>/<component>`, `pod` and `container`. The monolithic single binary has no component: its one job is
 * `<namespace>/tempo` ({@link MONOLITHIC_JOB}), which is also its container name.
 * @see https://github.com/grafana/tempo/tree/main/operations/tempo-mixin
 */

/**
 * The Tempo architecture the builders target; the same strings as the spec's `Architecture` enum.
 * - `distributed`: Tempo 3 (chart tempo-distributed 3.3.0): Kafka write path, live-store, block-builder, backend-scheduler/worker.
 * - `classic`: Tempo 2.9 microservices (chart tempo-distributed 1.61.3): ingesters, compactor.
 * - `monolithic`: Tempo 2.10 single binary (chart tempo 2.2.4): one pod running every Tempo 2 role.
 */
export type MonitoringArchitecture = "distributed" | "monolithic" | "classic";

/** Every {@link MonitoringArchitecture}, in a stable order. */
export const MONITORING_ARCHITECTURES: readonly MonitoringArchitecture[] = ["distributed", "classic", "monolithic"];

/** `app.kubernetes.io/component` values of the Tempo 3 components (tempo-distributed 3.3.0), generator excluded. */
export const DISTRIBUTED_COMPONENTS: readonly string[] = [
    "distributor",
    "querier",
    "query-frontend",
    "live-store",
    "block-builder",
    "backend-scheduler",
    "backend-worker",
];

/**
 * `app.kubernetes.io/component` values of the Tempo 2 components (tempo-distributed 1.61.3), generator excluded.
 * Zone-aware ingesters (`F-ingester-<zone>` Services and StatefulSets) still carry the component value `ingester`
 * (the chart renders their Service labels with `tempo.labels` and component `ingester`); only their names, and the pod
 * labels `zone`/`rollout-group`, differ.
 */
export const CLASSIC_COMPONENTS: readonly string[] = ["distributor", "ingester", "querier", "query-frontend", "compactor"];

/**
 * The job suffix (and container name) of the monolithic single binary: its series carry `job="<namespace>/tempo"` and
 * `container="tempo"`. The monolithic chart's Service has no component label, so the ServiceMonitor writes this value.
 */
export const MONOLITHIC_JOB = "tempo";

/** Tempo 2 roles the monolithic binary runs internally (`-target=all`), generator excluded (it follows `metricsGenerator`). */
export const MONOLITHIC_ROLES: readonly string[] = ["distributor", "ingester", "querier", "query-frontend", "compactor"];

/** What {@link componentsFor} needs besides the architecture. */
export interface ComponentOptions {
    /** Whether the metrics generator runs (adds `metrics-generator` to the microservice architectures). */
    readonly metricsGenerator: boolean;
}

/**
 * The `components` of a {@link MonitoringContext} for an architecture: the `app.kubernetes.io/component` values of the
 * chart's Tempo Services (distributed, classic; plus `metrics-generator` when on), or the single job `tempo` for the
 * monolithic chart, whose Service has no component label. The gateway and memcached are never listed (never scraped
 * as Tempo; memcached follows `MonitoringContext.memcached`). Zone-aware ingesters need nothing extra (see
 * {@link CLASSIC_COMPONENTS}).
 */
export function componentsFor(architecture: MonitoringArchitecture, options: ComponentOptions): string[] {
    const generator = options.metricsGenerator ? ["metrics-generator"] : [];
    switch (architecture) {
        case "distributed":
            return [...DISTRIBUTED_COMPONENTS, ...generator];
        case "classic":
            return [...CLASSIC_COMPONENTS, ...generator];
        case "monolithic":
            return [MONOLITHIC_JOB];
    }
}

/** Whether the architecture runs Tempo 2 (ingesters and compactor) rather than Tempo 3. */
export function isTempo2(ctx: Pick<MonitoringContext, "architecture">): boolean {
    return ctx.architecture !== "distributed";
}

/** Everything the ServiceMonitor, PrometheusRule and dashboard builders need to know about one Tempo install. */
export interface MonitoringContext {
    /**
     * Which Tempo the builders target (metric names, components, jobs, alerts and dashboards differ); see
     * {@link MonitoringArchitecture}.
     */
    readonly architecture: MonitoringArchitecture;
    /** Tempo's namespace. */
    readonly namespace: string;
    /**
     * Helm release name, equal to the chart fullname `F`; the microservice charts' Services are `${F}-${component}`,
     * the monolithic chart's single Service is `${F}`.
     */
    readonly releaseName: string;
    /** Tempo version deployed, e.g. `"3.0.3"`, `"2.9.0"`, `"2.10.8"` (recorded on the PrometheusRule and dashboards). */
    readonly tempoVersion: string;
    /**
     * `app.kubernetes.io/component` values deployed; build it with {@link componentsFor}. Distributed:
     * `["distributor", "querier", "query-frontend", "live-store", "block-builder", "backend-scheduler",
     * "backend-worker"]`; classic: `["distributor", "ingester", "querier", "query-frontend", "compactor"]` (both plus
     * `"metrics-generator"` when it is on); monolithic: `["tempo"]`, the single job.
     */
    readonly components: readonly string[];
    /** Value of the `cluster` label written by relabeling (mixin convention). */
    readonly clusterLabel: string;
    /**
     * Labels put on ServiceMonitor / PrometheusRule metadata so the Prometheus operator selects them.
     * Defaults to {@link DEFAULT_SELECTOR_LABELS} (kube-prometheus-stack's `release` selector).
     */
    readonly selectorLabels: Readonly<Record<string, string>>;
    /** Whether the metrics generator runs (adds its alerts, lag panels and the service-graph recording rules). */
    readonly metricsGenerator: boolean;
    /**
     * Whether the chart's memcached runs (adds the cache alert, panel and the exporter ServiceMonitor). Ignored for
     * `monolithic`: the tempo chart has no memcached.
     */
    readonly memcached: boolean;
    /** Base URL of `docs/runbooks.md`; alerts link `${runbookUrl}#<anchor>`. */
    readonly runbookUrl: string;
    /** Alert thresholds and `for` durations; start from {@link DEFAULT_THRESHOLDS}. */
    readonly thresholds: AlertThresholds;
}

/**
 * Input of the Grafana datasource builders.
 * @see https://grafana.com/docs/grafana/latest/datasources/tempo/configure-tempo-data-source/
 */
export interface DatasourceContext {
    /** Display name; per-tenant datasources append ` (<tenant>)`. */
    readonly name: string;
    /** Stable uid (at most 40 characters of `[a-zA-Z0-9-_]`); per-tenant uids are derived from it. */
    readonly uid: string;
    /** Query URL, e.g. `http://<F>-query-frontend.<ns>.svc.cluster.local:3200` (never port 3100). */
    readonly url: string;
    /** Tenants to create one datasource each for (with `X-Scope-OrgID`); empty = single tenant, no header. */
    readonly tenants: readonly string[];
    /** Whether Tempo has `stream_over_http_enabled` (turns on Grafana's streaming search and metrics). */
    readonly streaming: boolean;
    /** Loki datasource uid for trace-to-logs links. */
    readonly lokiUid?: string;
    /** Prometheus datasource uid holding the generator's span metrics (trace-to-metrics, service map). */
    readonly prometheusUid?: string;
    /** Pyroscope datasource uid for trace-to-profiles links. */
    readonly pyroscopeUid?: string;
    /** Emit the service map; only meaningful when the metrics generator remote-writes to `prometheusUid`. */
    readonly serviceMap: boolean;
    /** Basic-auth user when the URL is the gateway with basic auth on. */
    readonly basicAuthUser?: string;
}

/** A `for` duration in Prometheus syntax, e.g. `"15m"`. */
export interface Timing {
    /** How long the condition must hold before the alert fires (Prometheus duration, e.g. `"10m"`). */
    readonly for: string;
}

/** A numeric threshold plus its `for` duration. The unit of `value` is given on each field of {@link AlertThresholds}. */
export interface Threshold extends Timing {
    /** The value the expression is compared with. */
    readonly value: number;
}

/**
 * Every configurable number of the alerts. Units are in the field docs; defaults are in {@link DEFAULT_THRESHOLDS}
 * (mostly the Tempo mixin's values at v3.0.3, and at v2.9.0 for the Tempo 2 alerts). A field only matters for the
 * architectures that have its alert (see docs/monitoring.md).
 */
export interface AlertThresholds {
    /** Unhealthy distributors in the ring (count, `>`). */
    readonly distributorUnhealthy: Threshold;
    /** Unhealthy live-stores in the ring (count, `>`; distributed). */
    readonly liveStoreUnhealthy: Threshold;
    /** Unhealthy ingesters in the ring (count, `>`; classic, monolithic). */
    readonly ingesterUnhealthy: Threshold;
    /** Unhealthy compactors in the compactor ring (count, `>`; classic). */
    readonly compactorUnhealthy: Threshold;
    /** Unhealthy metrics-generators in the ring (count, `>`). */
    readonly metricsGeneratorUnhealthy: Threshold;
    /** Spans refused by the receivers / all spans offered (ratio, `>`). */
    readonly distributorRefusedRatio: Threshold;
    /** Kafka produce failures / records produced (ratio, `>`). */
    readonly kafkaProduceFailureRatio: Threshold;
    /** Spans discarded for one tenant and reason / spans received for that tenant (ratio, `>`). */
    readonly discardedSpansRatio: Threshold;
    /** Failed distributor → ingester appends / all appends (ratio, `>`; classic, monolithic). */
    readonly ingesterAppendFailureRatio: Threshold;
    /** Failed ingester flush operations in the last hour (count, `>`; also one in the last 5m; classic, monolithic). */
    readonly ingesterFlushFailuresPerHour: Threshold;
    /** Ingester flush retries that failed again, in the last hour (count, `>`; also one in the last 5m; classic, monolithic). */
    readonly ingesterFlushFailedRetriesPerHour: Threshold;
    /** Ingester WAL replay errors per tenant in 5m (count, `>`; classic, monolithic). */
    readonly ingesterReplayErrors: Threshold;
    /** Failed distributor → metrics-generator pushes / all pushes (ratio, `>`; classic, monolithic, generator on). */
    readonly generatorPushFailureRatio: Threshold;
    /** Block-builder partition lag, averaged over 6m, warning (seconds, `>`). */
    readonly blockBuilderLagWarning: Threshold;
    /** Block-builder partition lag, averaged over 6m, critical (seconds, `>`). */
    readonly blockBuilderLagCritical: Threshold;
    /** Block-builder Kafka fetch errors in 5m (count, `>`). */
    readonly blockBuilderFetchErrors: Threshold;
    /** Live-store partition lag, averaged over 6m, warning (seconds, `>`). */
    readonly liveStoreLagWarning: Threshold;
    /** Lag of the worst live-store owner of a partition (seconds, `>`). */
    readonly liveStoreSingleMemberLag: Threshold;
    /** Lag of the best live-store owner of a partition, i.e. all owners lag (seconds, `>`). */
    readonly liveStoreAllMembersLag: Threshold;
    /** Live-store failed block completions in 15m (count, `>`). */
    readonly liveStoreCompletionFailures: Threshold;
    /** Live-store failed local block flushes in 15m (count, `>`). */
    readonly liveStoreFlushFailures: Threshold;
    /** Relative shortfall of one zone's owned live-store partitions versus the best zone (ratio 0..1, `>`). */
    readonly liveStoreZoneImbalance: Threshold;
    /** Active/inactive partitions minus partitions owned by block-builders (count, `>`). */
    readonly blockBuilderPartitionsMismatch: Threshold;
    /** Active/inactive partitions minus partitions owned by at least one live-store (count, `>`). */
    readonly liveStorePartitionsUnowned: Threshold;
    /** Metrics-generator partition lag (seconds, `>`). */
    readonly metricsGeneratorLag: Threshold;
    /** Backend-scheduler failed jobs / created jobs over 5m (ratio, `>`). */
    readonly schedulerJobFailureRatio: Threshold;
    /** Backend-scheduler job retries (per minute, `>`). */
    readonly schedulerRetriesPerMinute: Threshold;
    /** Backend-scheduler empty compaction jobs (per minute, `>`). */
    readonly schedulerEmptyJobsPerMinute: Threshold;
    /** Backend-worker bad jobs received (per minute, `>`). */
    readonly workerBadJobsPerMinute: Threshold;
    /** Backend-worker call retries to the scheduler (per minute, `>`). */
    readonly workerCallRetriesPerMinute: Threshold;
    /** Compaction errors in the last hour (count, `>`; also requires an error in the last 5m). */
    readonly compactionErrorsPerHour: Threshold;
    /** Outstanding blocks per tenant per backend-worker (distributed) or per compactor (classic, monolithic), warning (count, `>`). */
    readonly outstandingBlocksWarning: Threshold;
    /** Outstanding blocks per tenant per backend-worker or per compactor, critical (count, `>`). */
    readonly outstandingBlocksCritical: Threshold;
    /** Blocklist poll errors in the last hour (count, `>`; also requires an error in the last 5m). */
    readonly pollErrorsPerHour: Threshold;
    /** Tenant index build errors in the last hour (count, `>`; also requires an error in the last 5m). */
    readonly tenantIndexErrorsPerHour: Threshold;
    /** Age of the tenant index (seconds, `>`). */
    readonly tenantIndexAge: Threshold;
    /** Tenant index builders (count, `<=`). */
    readonly tenantIndexBuilders: Threshold;
    /** Failed runtime-config (overrides) reloads: fires while the last reload failed. */
    readonly badOverrides: Timing;
    /** Failed user-configurable overrides reloads in the last hour (count, `>`). */
    readonly userOverridesReloadFailuresPerHour: Threshold;
    /** p99 latency of a query-frontend API route (seconds, `>`). */
    readonly queryLatencyP99: Threshold;
    /** 5xx responses / requests on a query-frontend API route (ratio, `>`). */
    readonly queryErrorRatio: Threshold;
    /** Memcached requests failing / all memcached requests, per cache role (ratio, `>`). */
    readonly memcachedErrorRatio: Threshold;
    /** Metrics-generator processor update failures in 5m (count, `>`). */
    readonly generatorProcessorUpdateFailures: Threshold;
    /** Service-graph spans dropped / spans received by the generator over 1h (ratio, `>`). */
    readonly generatorServiceGraphDropRatio: Threshold;
    /** Metrics-generator registry collection failures in 5m (count, `>`). */
    readonly generatorCollectionFailures: Threshold;
}

/**
 * Default thresholds. Values and durations follow the Tempo mixin at v3.0.3 (v2.9.0 for the Tempo 2 ingester and
 * compactor alerts) where it has the alert; the rest are ours: the refused-span ratio keeps the seed guide's 1 %, query
 * latency uses Grafana's default 30 s data-proxy timeout, the append and generator-push failure ratios are 1 %.
 * @see https://github.com/grafana/tempo/blob/v3.0.3/operations/tempo-mixin/config.libsonnet
 * @see https://github.com/grafana/tempo/blob/v2.9.0/operations/tempo-mixin-compiled/alerts.yaml
 */
export const DEFAULT_THRESHOLDS: AlertThresholds = {
    distributorUnhealthy: { value: 0, for: "15m" },
    liveStoreUnhealthy: { value: 0, for: "15m" },
    ingesterUnhealthy: { value: 0, for: "15m" },
    compactorUnhealthy: { value: 0, for: "15m" },
    metricsGeneratorUnhealthy: { value: 0, for: "15m" },
    distributorRefusedRatio: { value: 0.01, for: "5m" },
    kafkaProduceFailureRatio: { value: 0.001, for: "5m" },
    discardedSpansRatio: { value: 0.01, for: "15m" },
    ingesterAppendFailureRatio: { value: 0.01, for: "15m" },
    ingesterFlushFailuresPerHour: { value: 2, for: "5m" },
    ingesterFlushFailedRetriesPerHour: { value: 2, for: "5m" },
    ingesterReplayErrors: { value: 0, for: "5m" },
    generatorPushFailureRatio: { value: 0.01, for: "15m" },
    blockBuilderLagWarning: { value: 200, for: "5m" },
    blockBuilderLagCritical: { value: 300, for: "5m" },
    blockBuilderFetchErrors: { value: 0, for: "15m" },
    liveStoreLagWarning: { value: 200, for: "5m" },
    liveStoreSingleMemberLag: { value: 1200, for: "5m" },
    liveStoreAllMembersLag: { value: 300, for: "2m" },
    liveStoreCompletionFailures: { value: 0, for: "15m" },
    liveStoreFlushFailures: { value: 0, for: "15m" },
    liveStoreZoneImbalance: { value: 0.6, for: "10m" },
    blockBuilderPartitionsMismatch: { value: 0, for: "10m" },
    liveStorePartitionsUnowned: { value: 0, for: "10m" },
    metricsGeneratorLag: { value: 900, for: "5m" },
    schedulerJobFailureRatio: { value: 0.05, for: "10m" },
    schedulerRetriesPerMinute: { value: 20, for: "10m" },
    schedulerEmptyJobsPerMinute: { value: 10, for: "10m" },
    workerBadJobsPerMinute: { value: 0, for: "10m" },
    workerCallRetriesPerMinute: { value: 5, for: "10m" },
    compactionErrorsPerHour: { value: 2, for: "1h" },
    outstandingBlocksWarning: { value: 100, for: "6h" },
    outstandingBlocksCritical: { value: 250, for: "24h" },
    pollErrorsPerHour: { value: 2, for: "5m" },
    tenantIndexErrorsPerHour: { value: 2, for: "5m" },
    tenantIndexAge: { value: 600, for: "5m" },
    tenantIndexBuilders: { value: 0, for: "5m" },
    badOverrides: { for: "15m" },
    userOverridesReloadFailuresPerHour: { value: 5, for: "15m" },
    queryLatencyP99: { value: 30, for: "10m" },
    queryErrorRatio: { value: 0.05, for: "15m" },
    memcachedErrorRatio: { value: 0.2, for: "10m" },
    generatorProcessorUpdateFailures: { value: 0, for: "15m" },
    generatorServiceGraphDropRatio: { value: 0.005, for: "15m" },
    generatorCollectionFailures: { value: 2, for: "5m" },
};

/** Partial overrides of {@link AlertThresholds}: any field, and within it `value` and/or `for`. */
export type ThresholdOverrides = { readonly [K in keyof AlertThresholds]?: Partial<AlertThresholds[K]> };

/** Labels kube-prometheus-stack's Prometheus selects ServiceMonitors and PrometheusRules by (its release name). */
export const DEFAULT_SELECTOR_LABELS: Readonly<Record<string, string>> = { release: "kube-prometheus-stack" };

/** Value of `app.kubernetes.io/part-of` on every object this package creates itself. */
export const PART_OF = "tempo-cluster";

/** Prometheus duration syntax accepted by the prometheus-operator CRDs (`for`, intervals). */
export const PROMETHEUS_DURATION = /^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/;

/** Merges overrides onto {@link DEFAULT_THRESHOLDS} (or onto `base`), field by field. */
export function withThresholds(overrides: ThresholdOverrides = {}, base: AlertThresholds = DEFAULT_THRESHOLDS): AlertThresholds {
    const merged: Record<string, unknown> = {};
    for (const key of Object.keys(base) as (keyof AlertThresholds)[]) {
        merged[key] = { ...base[key], ...(overrides[key] ?? {}) };
    }
    return merged as unknown as AlertThresholds;
}

/**
 * Problems with a thresholds object, as `[path, message]` pairs (empty when valid): `for` must be a non-empty
 * Prometheus duration and `value` a finite, non-negative number.
 */
export function thresholdProblems(thresholds: AlertThresholds): [string, string][] {
    return (Object.keys(thresholds) as (keyof AlertThresholds)[]).sort().flatMap((key) => {
        const entry = thresholds[key] as Timing & { value?: number };
        const problems: [string, string][] = [];
        if (entry.for === "" || !PROMETHEUS_DURATION.test(entry.for)) {
            problems.push([`${key}.for`, `must be a Prometheus duration such as "10m"; got ${JSON.stringify(entry.for)}`]);
        }
        if ("value" in entry && !(typeof entry.value === "number" && Number.isFinite(entry.value) && entry.value >= 0)) {
            problems.push([`${key}.value`, `must be a finite number >= 0; got ${JSON.stringify(entry.value)}`]);
        }
        return problems;
    });
}

/**
 * Whether a component (an `app.kubernetes.io/component` value, or a role of the monolithic binary) runs. The generator
 * follows `ctx.metricsGenerator`; in the monolithic architecture every role of {@link MONOLITHIC_ROLES} (and the job
 * `tempo` itself) runs.
 */
export function hasComponent(ctx: Pick<MonitoringContext, "architecture" | "components" | "metricsGenerator">, component: string): boolean {
    if (component === "metrics-generator") {
        return ctx.metricsGenerator;
    }
    if (ctx.architecture === "monolithic") {
        return component === MONOLITHIC_JOB || MONOLITHIC_ROLES.includes(component);
    }
    return ctx.components.includes(component);
}

/**
 * The job suffix (and container name) that carries a component's series: the component itself, or
 * {@link MONOLITHIC_JOB} for every role of the monolithic binary.
 */
export function jobComponent(ctx: Pick<MonitoringContext, "architecture">, component: string): string {
    return ctx.architecture === "monolithic" ? MONOLITHIC_JOB : component;
}

/**
 * `job` label value of a component under the mixin convention: `<namespace>/<component>`, or `<namespace>/tempo` for
 * any role in the monolithic architecture.
 */
export function jobOf(ctx: Pick<MonitoringContext, "namespace" | "architecture">, component: string): string {
    return `${ctx.namespace}/${jobComponent(ctx, component)}`;
}

/** `container` label value of a component's Tempo container (the chart names containers after components). */
export function containerOf(ctx: Pick<MonitoringContext, "architecture">, component: string): string {
    return jobComponent(ctx, component);
}

/** Whether the chart's memcached runs and is monitored: `ctx.memcached`, never for `monolithic`. */
export function chartMemcached(ctx: Pick<MonitoringContext, "architecture" | "memcached">): boolean {
    return ctx.memcached && ctx.architecture !== "monolithic";
}

/**
 * A PromQL string literal: double-quoted with JSON escapes (`\\`, `\"`, `\n`, `\uXXXX`), which PromQL's Go-style
 * unquoting accepts.
 */
export function promString(value: string): string {
    return JSON.stringify(value);
}

/**
 * The label matchers that scope a query to this install: `cluster="<clusterLabel>", namespace="<namespace>"`,
 * followed by any extra matchers (already in PromQL syntax).
 */
export function scope(ctx: MonitoringContext, ...extra: string[]): string {
    return [`cluster=${promString(ctx.clusterLabel)}`, `namespace=${promString(ctx.namespace)}`, ...extra].join(", ");
}

/** Sorts an object's keys, so rendered label maps are byte-stable. */
export function sortedRecord<T>(record: Readonly<Record<string, T>>): Record<string, T> {
    return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Recommended `app.kubernetes.io/*` labels of an object this package creates for a component, keys sorted. */
export function appLabels(ctx: Pick<MonitoringContext, "releaseName">, component: string): Record<string, string> {
    return sortedRecord({
        "app.kubernetes.io/name": "tempo",
        "app.kubernetes.io/instance": ctx.releaseName,
        "app.kubernetes.io/component": component,
        "app.kubernetes.io/part-of": PART_OF,
        "app.kubernetes.io/managed-by": "pulumi",
    });
}

/**
 * Metadata labels of a ServiceMonitor or PrometheusRule: {@link appLabels} plus the Prometheus selector labels
 * (which win on a clash), keys sorted.
 */
export function selectableLabels(ctx: MonitoringContext, component: string): Record<string, string> {
    return sortedRecord({ ...appLabels(ctx, component), ...ctx.selectorLabels });
}
