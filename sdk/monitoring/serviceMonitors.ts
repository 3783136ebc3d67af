/**
 * ServiceMonitors for Tempo 3 (tempo-distributed 3.3.0) and, optionally, the chart's memcached exporter.
 *
 * Choice: **one** ServiceMonitor selects the Services of every deployed Tempo component, instead of one per component
 * as the chart's `metaMonitoring` does. Every component exposes the same port (`http-metrics`, 3200) and path
 * (`/metrics`), and the per-component `job` label is derived by relabeling from the Service's component label, so
 * one object gives the same series with less to review; the component list is a single `In` expression that changes
 * when a component is switched on or off. The memcached exporter gets its own ServiceMonitor because it is a different
 * program on a different port behind a value (`memcachedExporter.enabled`) that must be switched on in the chart.
 *
 * Never scraped: the gateway (nginx, no `/metrics`), the `*-discovery` Services (duplicates; excluded through
 * `prometheus.io/service-monitor NotIn ["false"]`, and `F-query-frontend-discovery` names its port `http`).
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ServiceMonitor
 * @see https://github.com/grafana-community/helm-charts/tree/main/charts/tempo-distributed (templates/lib/service-monitor.tpl)
 */
import { hasComponent, selectableLabels, type MonitoringContext } from "./context";
import type { Manifest } from "./index";

/** Port name of Tempo's HTTP API and `/metrics` on every chart Service (3200). */
export const TEMPO_METRICS_PORT = "http-metrics";

/**
 * Port name of the memcached exporter on the chart's memcached Services (9150). The target exists only when the
 * exporter sidecar is enabled: see {@link MEMCACHED_EXPORTER_VALUE}.
 */
export const MEMCACHED_EXPORTER_PORT = "http-metrics";

/**
 * Chart value that must be `true` for the memcached exporter ServiceMonitor to find a target
 * (`memcachedExporter.enabled`, default `false` in tempo-distributed 3.3.0).
 */
export const MEMCACHED_EXPORTER_VALUE = { path: "memcachedExporter.enabled", value: true } as const;

/** Component label values of the chart's memcached Services (shared cache plus the optional per-role caches). */
export const MEMCACHED_COMPONENTS: readonly string[] = [
    "memcached",
    "memcached-bloom",
    "memcached-frontend-search",
    "memcached-parquet-footer",
];

/** Components that are never scraped through the Tempo ServiceMonitor. */
export const UNSCRAPED_COMPONENTS: readonly string[] = ["gateway", "tempo-query", ...MEMCACHED_COMPONENTS];

/** The chart label that opts a Service out of ServiceMonitors (set to `"false"` on `*-discovery` Services). */
export const SERVICE_MONITOR_OPT_OUT_LABEL = "prometheus.io/service-monitor";

/** Tempo components scraped: deployed components minus {@link UNSCRAPED_COMPONENTS}, generator only when on; sorted, unique. */
export function scrapedComponents(ctx: MonitoringContext): string[] {
    const candidates = [...ctx.components, ...(ctx.metricsGenerator ? ["metrics-generator"] : [])];
    return [...new Set(candidates)]
        .filter((component) => !UNSCRAPED_COMPONENTS.includes(component) && hasComponent(ctx, component))
        .sort();
}

/**
 * Relabelings that give every target the mixin's labels: `job = <namespace>/<component>` (from the Service's
 * component label), constant `cluster` (a `$` in it is doubled, since relabel replacements expand `$1`), and
 * `namespace`, `pod`, `container` as Kubernetes service discovery reports them (the operator adds the last three by
 * default; they are repeated so the contract is visible here).
 */
export function mixinRelabelings(ctx: MonitoringContext): Record<string, unknown>[] {
    return [
        {
            action: "replace",
            sourceLabels: ["__meta_kubernetes_namespace", "__meta_kubernetes_service_label_app_kubernetes_io_component"],
            separator: "/",
            targetLabel: "job",
        },
        { action: "replace", targetLabel: "cluster", replacement: ctx.clusterLabel.replace(/\$/g, "$$$$") },
        { action: "replace", sourceLabels: ["__meta_kubernetes_namespace"], targetLabel: "namespace" },
        { action: "replace", sourceLabels: ["__meta_kubernetes_pod_name"], targetLabel: "pod" },
        { action: "replace", sourceLabels: ["__meta_kubernetes_pod_container_name"], targetLabel: "container" },
    ];
}

/** A ServiceMonitor selecting the release's Services with the given component values, scraping one named port. */
function serviceMonitor(ctx: MonitoringContext, suffix: string, components: readonly string[], port: string): Manifest {
    return {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "ServiceMonitor",
        metadata: {
            name: `${ctx.releaseName}-${suffix}`,
            namespace: ctx.namespace,
            labels: selectableLabels(ctx, "monitoring"),
        },
        spec: {
            namespaceSelector: { matchNames: [ctx.namespace] },
            selector: {
                matchLabels: { "app.kubernetes.io/instance": ctx.releaseName, "app.kubernetes.io/name": "tempo" },
                matchExpressions: [
                    { key: "app.kubernetes.io/component", operator: "In", values: [...components] },
                    { key: SERVICE_MONITOR_OPT_OUT_LABEL, operator: "NotIn", values: ["false"] },
                ],
            },
            endpoints: [{ port, path: "/metrics", scheme: "http", relabelings: mixinRelabelings(ctx) }],
        },
    };
}

/** The ServiceMonitor of the Tempo components, named `${F}-components`. */
export function tempoServiceMonitor(ctx: MonitoringContext): Manifest {
    return serviceMonitor(ctx, "components", scrapedComponents(ctx), TEMPO_METRICS_PORT);
}

/**
 * The ServiceMonitor of the memcached exporter sidecars, named `${F}-memcached-exporter` (so it never clashes with
 * the chart's own `${F}-memcached`). Needs {@link MEMCACHED_EXPORTER_VALUE} set in the chart values.
 */
export function memcachedServiceMonitor(ctx: MonitoringContext): Manifest {
    return serviceMonitor(ctx, "memcached-exporter", MEMCACHED_COMPONENTS, MEMCACHED_EXPORTER_PORT);
}

/**
 * All ServiceMonitors for an install: the Tempo components, plus the memcached exporter when `ctx.memcached`.
 * Keep the chart's `metaMonitoring.serviceMonitor.enabled` off, or every target is scraped twice.
 */
export function serviceMonitors(ctx: MonitoringContext): Manifest[] {
    return [tempoServiceMonitor(ctx), ...(ctx.memcached ? [memcachedServiceMonitor(ctx)] : [])];
}
