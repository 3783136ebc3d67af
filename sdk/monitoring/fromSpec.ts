/**
 * Adapters from the resolved spec to the monitoring builders' contexts (pure).
 */
import { COMPONENT_LABEL } from "../charts/tempoDistributed";
import { datasourceUid, tempoEndpoints } from "../endpoints";
import type { ResolvedSpec } from "../spec/resolve";
import { TEMPO_COMPONENTS } from "../spec/defaults";
import { withThresholds, type DatasourceContext, type MonitoringContext, type ThresholdOverrides } from "./context";

/** The monitoring context of a Tempo 3 distributed install. */
export function monitoringContext(spec: ResolvedSpec): MonitoringContext {
    return {
        namespace: spec.namespace,
        releaseName: spec.releaseName,
        tempoVersion: spec.chart.tempoVersion,
        components: [
            ...TEMPO_COMPONENTS.map((component) => COMPONENT_LABEL[component]),
            ...(spec.metricsGenerator ? [COMPONENT_LABEL.metricsGenerator] : []),
        ],
        clusterLabel: spec.monitoring.clusterLabel,
        selectorLabels: spec.monitoring.labels,
        metricsGenerator: spec.metricsGenerator !== undefined,
        memcached: spec.cache.enabled,
        runbookUrl: spec.monitoring.runbookUrl,
        thresholds: withThresholds(spec.monitoring.thresholds as ThresholdOverrides),
    };
}

/** The datasource context: the query URL (the gateway when enabled), tenants, links to other datasources. */
export function datasourceContext(spec: ResolvedSpec): DatasourceContext {
    return {
        name: "Tempo",
        uid: datasourceUid(spec),
        url: tempoEndpoints(spec).queryUrl,
        tenants: spec.multitenancy ? spec.tenants : [],
        streaming: spec.query.streaming,
        lokiUid: spec.grafana.lokiUid,
        prometheusUid: spec.grafana.prometheusUid,
        pyroscopeUid: spec.grafana.pyroscopeUid,
        serviceMap: spec.metricsGenerator !== undefined && spec.grafana.prometheusUid !== undefined,
        basicAuthUser: spec.gateway?.basicAuth ? spec.gateway.username : undefined,
    };
}
