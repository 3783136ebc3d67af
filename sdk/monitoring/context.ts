/**
 * The small helpers every monitoring builder shares: the components of each architecture, jobs and containers,
 * label sets, and PromQL scoping. The builders' input types live in `types.ts`, the alert thresholds in
 * `thresholds.ts`.
 *
 * Everything under `sdk/monitoring/` is deliberately decoupled from the rest of the package: the shell maps its
 * resolved spec onto a {@link MonitoringContext} / {@link DatasourceContext} (`k8s/monitoringContexts.ts`), and the
 * builders are plain data in, plain data out (no Pulumi, no I/O).
 *
 * Label conventions follow the Tempo mixin: every scraped series carries `cluster`, `namespace`,
 * `job = <namespace>/<component>`, `pod` and `container`. The monolithic single binary has no component: its one job is
 * `<namespace>/tempo` ({@link MONOLITHIC_JOB}), which is also its container name.
 * @see https://github.com/grafana/tempo/tree/main/operations/tempo-mixin
 */
import type { ComponentOptions, DatasourceContext, MonitoringArchitecture, MonitoringContext } from "./types";

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

/** Labels kube-prometheus-stack's Prometheus selects ServiceMonitors and PrometheusRules by (its release name). */
export const DEFAULT_SELECTOR_LABELS: Readonly<Record<string, string>> = { release: "kube-prometheus-stack" };

/** Value of `app.kubernetes.io/part-of` on every object this package creates itself. */
export const PART_OF = "tempo-cluster";

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
