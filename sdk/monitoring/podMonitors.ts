/**
 * The PodMonitor of Tempo Vulture (the `tempo-vulture` chart 0.13.1 has no Service, only a Deployment whose pods expose
 * `/metrics` on the port `prom-metrics`, 8080). The chart can create a PodMonitor itself, but without relabelings, so
 * its series would lack the `cluster` label every alert and dashboard selects on; this one follows the ServiceMonitors'
 * conventions instead: `job = <namespace>/tempo-vulture`, constant `cluster`, and `namespace`, `pod`, `container`.
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.PodMonitor
 * @see https://github.com/grafana-community/helm-charts/tree/main/charts/tempo-vulture (templates/_helpers.tpl)
 */
import { selectableLabels } from "./context";
import { commonRelabelings } from "./serviceMonitors";
import type { Manifest, MonitoringContext } from "./types";

/** Port name of the vulture's `/metrics` on its pods (8080). */
export const VULTURE_METRICS_PORT = "prom-metrics";

/** The chart's name label on the vulture's pods (`app.kubernetes.io/name`), and the job suffix of its series. */
export const VULTURE_NAME = "tempo-vulture";

/** The vulture pods' selector labels in the chart: its name and the Helm release. */
export function vulturePodSelector(vultureRelease: string): Record<string, string> {
    return { "app.kubernetes.io/instance": vultureRelease, "app.kubernetes.io/name": VULTURE_NAME };
}

/** Relabelings of the vulture target: `job = <namespace>/tempo-vulture`, then the common labels. */
export function vultureRelabelings(ctx: MonitoringContext): Record<string, unknown>[] {
    return [
        {
            action: "replace",
            sourceLabels: ["__meta_kubernetes_namespace"],
            regex: "(.+)",
            replacement: `\${1}/${VULTURE_NAME}`,
            targetLabel: "job",
        },
        ...commonRelabelings(ctx),
    ];
}

/** The vulture's PodMonitor, named like its release; `undefined` when the vulture does not run. */
export function vulturePodMonitor(ctx: MonitoringContext): Manifest | undefined {
    if (ctx.vulture === undefined) {
        return undefined;
    }
    return {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "PodMonitor",
        metadata: {
            name: ctx.vulture.releaseName,
            namespace: ctx.namespace,
            labels: selectableLabels(ctx, "monitoring"),
        },
        spec: {
            namespaceSelector: { matchNames: [ctx.namespace] },
            selector: { matchLabels: vulturePodSelector(ctx.vulture.releaseName) },
            podMetricsEndpoints: [{ port: VULTURE_METRICS_PORT, path: "/metrics", scheme: "http", relabelings: vultureRelabelings(ctx) }],
        },
    };
}
