/**
 * Adapters from the resolved spec to the monitoring builders' contexts (pure). They sit with the shell that uses
 * them (`observability.ts`), so `monitoring/` stays plain data in, plain data out, independent of the args.
 */
import { datasourceUid, tempoEndpoints } from "../endpoints";
import type { ResolvedSpec } from "../args/resolved";
import { componentsFor } from "../monitoring/context";
import { withThresholds } from "../monitoring/thresholds";
import type { DatasourceContext, MonitoringArchitecture, MonitoringContext, ThresholdOverrides } from "../monitoring/types";

/** The monitoring context of an install, for its architecture (`spec.architecture`, the enum's string values). */
export function monitoringContext(spec: ResolvedSpec): MonitoringContext {
    const architecture = spec.architecture as MonitoringArchitecture;
    return {
        architecture,
        namespace: spec.namespace,
        releaseName: spec.releaseName,
        tempoVersion: spec.chart.tempoVersion,
        components: componentsFor(architecture, { metricsGenerator: spec.metricsGenerator !== undefined }),
        clusterLabel: spec.monitoring.clusterLabel,
        selectorLabels: spec.monitoring.labels,
        metricsGenerator: spec.metricsGenerator !== undefined,
        memcached: spec.cache.enabled,
        ...(spec.vulture !== undefined ? { vulture: { releaseName: spec.vulture.releaseName } } : {}),
        runbookUrl: spec.monitoring.runbookUrl,
        thresholds: withThresholds(spec.monitoring.thresholds as ThresholdOverrides),
    };
}

/** A Grafana reference as the builders need it: plain (the shell resolves outputs before building). */
function plainRef(value: unknown, field: string): string | undefined {
    if (value !== undefined && typeof value !== "string") {
        throw new Error(`datasourceContext: grafana.${field} must be resolved before the datasource is built`);
    }
    return value;
}

/**
 * The datasource context: the query URL (the gateway when enabled), tenants, links to other datasources. Grafana's
 * uids must be plain here; `k8s/observability.ts` resolves them first when they are outputs.
 */
export function datasourceContext(spec: ResolvedSpec): DatasourceContext {
    return {
        name: "Tempo",
        uid: datasourceUid(spec),
        url: tempoEndpoints(spec).queryUrl,
        tenants: spec.multitenancy ? spec.tenants : [],
        streaming: spec.query.streaming,
        lokiUid: plainRef(spec.grafana.lokiUid, "lokiUid"),
        prometheusUid: plainRef(spec.grafana.prometheusUid, "prometheusUid"),
        pyroscopeUid: plainRef(spec.grafana.pyroscopeUid, "pyroscopeUid"),
        serviceMap: spec.metricsGenerator !== undefined && spec.grafana.prometheusUid !== undefined,
        basicAuthUser: spec.gateway?.basicAuth ? spec.gateway.username : undefined,
    };
}
