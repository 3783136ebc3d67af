/**
 * Pure monitoring core: ServiceMonitors, PrometheusRule (alerts + recording rules), Grafana datasource documents and
 * dashboards, as plain data, for each architecture: `distributed` (Tempo 3), `classic` (Tempo 2 microservices) and
 * `monolithic` (Tempo 2 single binary); see `MonitoringContext.architecture`. The shell turns these into resources
 * (`k8s.apiextensions.CustomResource`, `k8s.core.v1.ConfigMap`, `grafana.oss.DataSource`).
 *
 * This module only re-exports. The shared types are in `types.ts`, the shared helpers in `context.ts` and the alert
 * thresholds in `thresholds.ts`; each builder has its file (`serviceMonitors.ts`, `podMonitors.ts`, `recordingRules.ts`,
 * `prometheusRule.ts`, `datasource.ts`) or folder (`alertRules/`, `grafanaDashboards/`).
 * @see https://github.com/grafana/tempo/tree/main/operations/tempo-mixin
 */
export type {
    AlertRule,
    AlertThresholds,
    ComponentOptions,
    DatasourceContext,
    Manifest,
    MonitoringArchitecture,
    MonitoringContext,
    RecordingRule,
    RuleGroup,
    Severity,
    Threshold,
    ThresholdOverrides,
    Timing,
} from "./types";
export {
    CLASSIC_COMPONENTS,
    DEFAULT_SELECTOR_LABELS,
    DISTRIBUTED_COMPONENTS,
    MONITORING_ARCHITECTURES,
    MONOLITHIC_JOB,
    MONOLITHIC_ROLES,
    componentsFor,
    isTempo2,
} from "./context";
export { DEFAULT_THRESHOLDS, PROMETHEUS_DURATION, thresholdProblems, withThresholds } from "./thresholds";
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
export { VULTURE_METRICS_PORT, VULTURE_NAME, vulturePodMonitor, vulturePodSelector } from "./podMonitors";
export { ALERT_GROUP, RUNBOOK_DOCUMENT, alertGroup, alertRules, githubAnchor, runbookLink } from "./alertRules";
export {
    P99_LATENCY_SERIES,
    SERVICE_GRAPH_FAILED_RATE,
    SERVICE_GRAPH_REQUEST_RATE,
    generatorExternalLabels,
    recordingRuleGroups,
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
export { DASHBOARD_SIDECAR_LABEL, dashboardConfigMaps, dashboards, type DashboardJson } from "./grafanaDashboards";
