/**
 * ServiceMonitors for each architecture and, optionally, the chart's memcached exporter:
 * - `distributed` (tempo-distributed 3.3.0) and `classic` (tempo-distributed 1.61.3): the chart's per-component Services,
 *   port `http-metrics`, `job` from the component label;
 * - `monolithic` (tempo 2.2.4): the single Service `${F}` (no component label), port `tempo-prom-metrics`, `job`
 *   written as `<namespace>/tempo`.
 *
 * Choice: **one** ServiceMonitor selects the Services of every deployed Tempo component, instead of one per component
 * as the chart's `metaMonitoring` does. Every component exposes the same port (`http-metrics`, 3200) and path
 * (`/metrics`), and the per-component `job` label is derived by relabeling from the Service's component label, so
 * one object gives the same series with less to review; the component list is a single `In` expression that changes
 * when a component is switched on or off. The memcached exporter gets its own ServiceMonitor because it is a different
 * program on a different port behind a value (`memcachedExporter.enabled`) that must be switched on in the chart.
 *
 * Never scraped: the gateway (nginx, no `/metrics`), the `*-discovery` Services (duplicates, `F-ingester-discovery`
 * included; excluded through `prometheus.io/service-monitor NotIn ["false"]`, and `F-query-frontend-discovery` names
 * its port `http`), the monolithic chart's tempo-query sidecar (`jaeger-metrics`). Zone-aware ingesters of 1.61.3
 * (`F-ingester-<zone>`) keep the component value `ingester`, so they are selected and labelled `job=<ns>/ingester`
 * like the others.
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ServiceMonitor
 * @see https://github.com/grafana-community/helm-charts/tree/main/charts/tempo-distributed (templates/lib/service-monitor.tpl)
 * @see https://github.com/grafana/helm-charts/tree/main/charts/tempo-distributed (1.61.3, templates/ingester/service-ingester.yaml)
 * @see https://github.com/grafana-community/helm-charts/tree/main/charts/tempo (templates/service.yaml)
 */
import { MONOLITHIC_JOB, chartMemcached, hasComponent, selectableLabels } from "./context";
import type { Manifest, MonitoringContext } from "./types";

/** Port name of Tempo's HTTP API and `/metrics` on every tempo-distributed Service, 3.3.0 and 1.61.3 alike (3200). */
export const TEMPO_METRICS_PORT = "http-metrics";

/** Port name of the HTTP API and `/metrics` on the monolithic tempo chart's single Service (3200). */
export const MONOLITHIC_METRICS_PORT = "tempo-prom-metrics";

/**
 * Port name of the memcached exporter on the chart's memcached Services (9150). The target exists only when the
 * exporter sidecar is enabled: see {@link MEMCACHED_EXPORTER_VALUE}.
 */
export const MEMCACHED_EXPORTER_PORT = "http-metrics";

/**
 * Chart value that must be `true` for the memcached exporter ServiceMonitor to find a target
 * (`memcachedExporter.enabled`, default `false` in tempo-distributed 3.3.0 and 1.61.3).
 */
export const MEMCACHED_EXPORTER_VALUE = { path: "memcachedExporter.enabled", value: true } as const;

/** Component label values of the chart's memcached Services (shared cache plus the optional per-role caches of 3.3.0). */
export const MEMCACHED_COMPONENTS: readonly string[] = [
    "memcached",
    "memcached-bloom",
    "memcached-frontend-search",
    "memcached-parquet-footer",
];

/** Memcached Services per architecture: 1.61.3 has only the shared `memcached`; the monolithic chart has none. */
export function memcachedComponents(ctx: Pick<MonitoringContext, "architecture">): string[] {
    switch (ctx.architecture) {
        case "distributed":
            return [...MEMCACHED_COMPONENTS];
        case "classic":
            return ["memcached"];
        case "monolithic":
            return [];
    }
}

/** Components that are never scraped through the Tempo ServiceMonitor. */
export const UNSCRAPED_COMPONENTS: readonly string[] = ["gateway", "tempo-query", ...MEMCACHED_COMPONENTS];

/** The chart label that opts a Service out of ServiceMonitors (set to `"false"` on `*-discovery` Services). */
export const SERVICE_MONITOR_OPT_OUT_LABEL = "prometheus.io/service-monitor";

/**
 * Tempo components scraped: deployed components minus {@link UNSCRAPED_COMPONENTS}, generator only when on; sorted,
 * unique. For `monolithic` this is the single job, `["tempo"]`.
 */
export function scrapedComponents(ctx: MonitoringContext): string[] {
    if (ctx.architecture === "monolithic") {
        return [MONOLITHIC_JOB];
    }
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
        ...commonRelabelings(ctx),
    ];
}

/** `cluster` (constant; `$` doubled since relabel replacements expand `$1`), `namespace`, `pod`, `container`. */
export function commonRelabelings(ctx: MonitoringContext): Record<string, unknown>[] {
    return [
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

/**
 * Relabelings of the monolithic target: keep only the Service named `${F}` (belt and braces next to the label
 * selector), then `job = <namespace>/tempo` and the common labels.
 */
export function monolithicRelabelings(ctx: MonitoringContext): Record<string, unknown>[] {
    return [
        { action: "keep", sourceLabels: ["__meta_kubernetes_service_name"], regex: escapeRegex(ctx.releaseName) },
        {
            action: "replace",
            sourceLabels: ["__meta_kubernetes_namespace"],
            regex: "(.+)",
            replacement: `\${1}/${MONOLITHIC_JOB}`,
            targetLabel: "job",
        },
        ...commonRelabelings(ctx),
    ];
}

/** A regular expression matching exactly `value` (relabel regexes are anchored). */
function escapeRegex(value: string): string {
    return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The ServiceMonitor of the monolithic chart's single Service `${F}`: selected by `app.kubernetes.io/name: tempo` and
 * `app.kubernetes.io/instance: <release>` with no `app.kubernetes.io/component` label (every object this package
 * creates carries one), port `tempo-prom-metrics`. Named `${F}-components` like the other architectures'.
 */
export function monolithicServiceMonitor(ctx: MonitoringContext): Manifest {
    return {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "ServiceMonitor",
        metadata: {
            name: `${ctx.releaseName}-components`,
            namespace: ctx.namespace,
            labels: selectableLabels(ctx, "monitoring"),
        },
        spec: {
            namespaceSelector: { matchNames: [ctx.namespace] },
            selector: {
                matchLabels: { "app.kubernetes.io/instance": ctx.releaseName, "app.kubernetes.io/name": "tempo" },
                matchExpressions: [{ key: "app.kubernetes.io/component", operator: "DoesNotExist" }],
            },
            endpoints: [{ port: MONOLITHIC_METRICS_PORT, path: "/metrics", scheme: "http", relabelings: monolithicRelabelings(ctx) }],
        },
    };
}

/**
 * The ServiceMonitor of the Tempo components, named `${F}-components`: the per-component Services of
 * tempo-distributed (distributed, classic), or the single Service of the monolithic chart.
 */
export function tempoServiceMonitor(ctx: MonitoringContext): Manifest {
    if (ctx.architecture === "monolithic") {
        return monolithicServiceMonitor(ctx);
    }
    return serviceMonitor(ctx, "components", scrapedComponents(ctx), TEMPO_METRICS_PORT);
}

/**
 * The ServiceMonitor of the memcached exporter sidecars, named `${F}-memcached-exporter` (so it never clashes with
 * the chart's own `${F}-memcached`). Needs {@link MEMCACHED_EXPORTER_VALUE} set in the chart values.
 */
export function memcachedServiceMonitor(ctx: MonitoringContext): Manifest {
    return serviceMonitor(ctx, "memcached-exporter", memcachedComponents(ctx), MEMCACHED_EXPORTER_PORT);
}

/**
 * All ServiceMonitors for an install: the Tempo components, plus the memcached exporter when the chart runs memcached
 * (`ctx.memcached`; never for `monolithic`). Keep the chart's own ServiceMonitor off
 * (`metaMonitoring.serviceMonitor.enabled` in tempo-distributed, `serviceMonitor.enabled` in the tempo chart), or every
 * target is scraped twice.
 */
export function serviceMonitors(ctx: MonitoringContext): Manifest[] {
    return [tempoServiceMonitor(ctx), ...(chartMemcached(ctx) ? [memcachedServiceMonitor(ctx)] : [])];
}
