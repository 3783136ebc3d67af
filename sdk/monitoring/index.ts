/**
 * Pure monitoring core: ServiceMonitors, PrometheusRule (alerts + recording rules), Grafana datasource documents and
 * dashboards, as plain data, for each architecture: `distributed` (Tempo 3), `classic` (Tempo 2 microservices) and
 * `monolithic` (Tempo 2 single binary); see `MonitoringContext.architecture`. The shell turns these into resources (`k8s.apiextensions.CustomResource`,
 * `k8s.core.v1.ConfigMap`, `grafana.oss.DataSource`).
 * @see https://github.com/grafana/tempo/tree/main/operations/tempo-mixin
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

export {
    CLASSIC_COMPONENTS,
    DEFAULT_SELECTOR_LABELS,
    DEFAULT_THRESHOLDS,
    DISTRIBUTED_COMPONENTS,
    MONITORING_ARCHITECTURES,
    MONOLITHIC_JOB,
    MONOLITHIC_ROLES,
    PROMETHEUS_DURATION,
    componentsFor,
    isTempo2,
    thresholdProblems,
    withThresholds,
    type AlertThresholds,
    type ComponentOptions,
    type DatasourceContext,
    type MonitoringArchitecture,
    type MonitoringContext,
    type Threshold,
    type ThresholdOverrides,
    type Timing,
} from "./context";
export {
    MEMCACHED_COMPONENTS,
    MEMCACHED_EXPORTER_VALUE,
    MONOLITHIC_METRICS_PORT,
    TEMPO_METRICS_PORT,
    memcachedComponents,
    memcachedServiceMonitor,
    monolithicServiceMonitor,
    scrapedComponents,
    serviceMonitors,
    tempoServiceMonitor,
} from "./serviceMonitors";
export { ALERT_GROUP, RUNBOOK_DOCUMENT, alertGroup, alertRules, githubAnchor, runbookLink, type AlertRule, type Severity } from "./alerts";
export {
    P99_LATENCY_SERIES,
    SERVICE_GRAPH_FAILED_RATE,
    SERVICE_GRAPH_REQUEST_RATE,
    generatorExternalLabels,
    recordingRuleGroups,
    type RecordingRule,
    type RuleGroup,
} from "./recordingRules";
export { prometheusRule, type PrometheusRuleOptions } from "./prometheusRule";
export {
    DATASOURCE_SIDECAR_LABEL,
    DATASOURCE_UID_PATTERN,
    SPAN_METRICS_QUERIES,
    TENANT_HEADER,
    apiSecureJsonData,
    datasourceProvisioning,
    datasourceSidecarManifest,
    datasourceUids,
    grafanaApiDatasources,
    grafanaOperatorDatasources,
    sidecarWarning,
    tempoJsonData,
    tenantDatasourceUid,
    type GrafanaApiDatasourceInputs,
    type LabelSelector,
    type OperatorOptions,
    type ProvisioningOptions,
} from "./datasource";
export { DASHBOARD_SIDECAR_LABEL, dashboardConfigMaps, dashboards, type DashboardJson } from "./dashboards";
