/**
 * Labels and annotations on the Kubernetes objects the component creates itself (not the chart's), and the zone
 * label and node affinity that pin pods to zones (used by the chart values and the Strimzi objects alike).
 */
import type { ResolvedSpec } from "../args/resolved";

/** Well-known node label of a node's availability zone. */
export const ZONE_LABEL = "topology.kubernetes.io/zone";

/** Node affinity that requires one of the given zones. */
export function zoneNodeAffinity(zones: readonly string[]): Record<string, unknown> {
    return {
        requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: ZONE_LABEL, operator: "In", values: [...zones] }] }],
        },
    };
}

/** Recommended labels identifying objects of this TempoCluster. */
export function componentLabels(spec: ResolvedSpec, component: string): Record<string, string> {
    return {
        "app.kubernetes.io/name": "tempo",
        "app.kubernetes.io/instance": spec.releaseName,
        "app.kubernetes.io/component": component,
        "app.kubernetes.io/part-of": "tempo-cluster",
        "app.kubernetes.io/managed-by": "pulumi",
    };
}

/** The Kubernetes provider's per-object switch for its readiness checks. */
export const SKIP_AWAIT_ANNOTATION = "pulumi.com/skipAwait";
/** Tells the Kubernetes provider to wait for a custom resource's Ready condition. */
export const WAIT_FOR_READY = { "pulumi.com/waitFor": "condition=Ready" } as const;

/**
 * What the provider waits for on an object the component creates: nothing with `chart.skipAwait`, else `waitFor`
 * (its own readiness checks when none is given).
 */
export function awaitAnnotations(spec: ResolvedSpec, waitFor: Readonly<Record<string, string>> = {}): Record<string, string> {
    return spec.chart.skipAwait ? { [SKIP_AWAIT_ANNOTATION]: "true" } : { ...waitFor };
}
