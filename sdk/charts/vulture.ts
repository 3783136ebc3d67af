/**
 * Values of the `tempo-vulture` chart (0.13.1): the vulture writes to this install's distributor and reads from its
 * query-frontend (the single Service for monolithic), runs the image of the Tempo version the architecture runs, and
 * runs as a small, locked-down pod. The chart's own PodMonitor stays off: it cannot add the `cluster` and `namespace`
 * labels the alerts select on, so the component creates its own (`monitoring/podMonitors.ts`).
 *
 * The chart passes `-prometheus-listen-address=:8080`, `-tempo-push-url` and `-tempo-query-url` itself and appends
 * `extraArgs`; the vulture pushes OTLP over gRPC to the push URL's host (port 4317 when none is given) and queries the
 * HTTP API at the query URL.
 * @see https://grafana.com/docs/tempo/latest/operations/monitor/vulture/
 * @see https://github.com/grafana-community/helm-charts/tree/main/charts/tempo-vulture
 */
import type { ValuesTree } from "../bindings";
import type { ResolvedSpec, ResolvedVulture } from "../args/resolved";
import { vultureEndpoints } from "../endpoints";

/** The vulture image (the chart's default repository, named so the pin is visible here). */
export const VULTURE_IMAGE_REPOSITORY = "docker.io/grafana/tempo-vulture";

/** Requests and limits of the vulture: it sends one small trace every few seconds and reads it back. */
export const VULTURE_RESOURCES = { requests: { cpu: "10m", memory: "32Mi" }, limits: { memory: "128Mi" } } as const;

/** The vulture's command-line flags beyond the chart's own: how far back to look and, with multi-tenancy, its tenant. */
export function vultureArgs(vulture: ResolvedVulture): string[] {
    return [
        `-tempo-retention-duration=${vulture.retention}`,
        ...(vulture.tenant !== undefined ? [`-tempo-org-id=${vulture.tenant}`] : []),
    ];
}

/** Helm values of the vulture release. Call only when `spec.vulture` is set. */
export function vultureValues(spec: ResolvedSpec): ValuesTree {
    const vulture = spec.vulture;
    if (vulture === undefined) {
        throw new Error("vultureValues: the vulture is off for this install");
    }
    const endpoints = vultureEndpoints(spec);
    return {
        fullnameOverride: vulture.releaseName,
        image: { repository: VULTURE_IMAGE_REPOSITORY, tag: vulture.imageTag },
        tempoAddress: { push: endpoints.pushUrl, query: endpoints.queryUrl },
        extraArgs: vultureArgs(vulture),
        replicas: 1,
        resources: {
            requests: { ...VULTURE_RESOURCES.requests },
            limits: { ...VULTURE_RESOURCES.limits },
        },
        serviceAccount: { create: true },
        podSecurityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, seccompProfile: { type: "RuntimeDefault" } },
        securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
        podMonitor: { enabled: false },
    };
}
