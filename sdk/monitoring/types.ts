/**
 * The types the monitoring builders share: their input ({@link MonitoringContext}, {@link DatasourceContext}, the
 * alert thresholds), the Kubernetes object they return ({@link Manifest}), and the rule shapes of a PrometheusRule.
 * Every file of `monitoring/` takes its shared types from here; `index.ts` only re-exports.
 */

/**
 * A Kubernetes object as plain data, ready for `new k8s.apiextensions.CustomResource(name, manifest)` or the typed
 * core constructors. Always carries an explicit name and namespace.
 */
export interface Manifest {
    readonly apiVersion: string;
    readonly kind: string;
    readonly metadata: {
        readonly name: string;
        readonly namespace: string;
        readonly labels?: Readonly<Record<string, string>>;
        readonly annotations?: Readonly<Record<string, string>>;
    };
    /** Custom resources. */
    readonly spec?: Readonly<Record<string, unknown>>;
    /** ConfigMaps. */
    readonly data?: Readonly<Record<string, string>>;
    /** Secrets. */
    readonly stringData?: Readonly<Record<string, string>>;
    /** Secret type. */
    readonly type?: string;
}

/**
 * The Tempo architecture the builders target; the same strings as the spec's `Architecture` enum.
 * - `distributed`: Tempo 3 (chart tempo-distributed 3.3.0): Kafka write path, live-store, block-builder, backend-scheduler/worker.
 * - `classic`: Tempo 2.9 microservices (chart tempo-distributed 1.61.3): ingesters, compactor.
 * - `monolithic`: Tempo 2.10 single binary (chart tempo 2.2.4): one pod running every Tempo 2 role.
 */
export type MonitoringArchitecture = "distributed" | "monolithic" | "classic";

/** What {@link componentsFor} needs besides the architecture. */
export interface ComponentOptions {
    /** Whether the metrics generator runs (adds `metrics-generator` to the microservice architectures). */
    readonly metricsGenerator: boolean;
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
    /**
     * Tempo Vulture, when it runs: its Helm release (the chart's fullname and `app.kubernetes.io/instance`). Adds its
     * PodMonitor, the `TempoVulture*` alerts and the vulture row of the Reads dashboard.
     */
    readonly vulture?: { readonly releaseName: string };
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
    /** Tempo Vulture: share of the traces it inspected over 30m that had an error of one kind (ratio, 0–1). */
    readonly vultureTraceErrorRatio: Threshold;
    /** Tempo Vulture: its own errors (failed writes or reads) in the last 15m (count). */
    readonly vultureErrors: Threshold;
    /** Tempo Vulture: no trace inspected in 15m (or no series at all); duration only. */
    readonly vultureNoTraces: Timing;
}

/** Partial overrides of {@link AlertThresholds}: any field, and within it `value` and/or `for`. */
export type ThresholdOverrides = { readonly [K in keyof AlertThresholds]?: Partial<AlertThresholds[K]> };

/** One Prometheus recording rule. */
export interface RecordingRule {
    /** Output series name, `level:metric:operations`. */
    readonly record: string;
    /** PromQL expression. */
    readonly expr: string;
}

/** A named group of rules, as in a PrometheusRule's `spec.groups[]`. */
export interface RuleGroup<R> {
    /** Group name (unique within one PrometheusRule). */
    readonly name: string;
    /** The rules, in evaluation order. */
    readonly rules: readonly R[];
}

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
