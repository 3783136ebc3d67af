/**
 * The cluster the stacks deploy to: etcd, kube-apiserver and kube-controller-manager of the pinned versions (no
 * kubelet, no scheduler: pods stay Pending, which is why the stacks set `chart.skipAwait`), with what the component
 * documents as prerequisites already in place — the prometheus-operator and grafana-operator CRDs, and Grafana's
 * namespace (`monitoring`), where the dashboards and the datasource go.
 */
import { join } from "node:path";
import { LocalApiServer } from "../../engines/support/apiserver";
import type { KubeObject } from "../../engines/support/render";
import { crdFolderObjects } from "../../engines/support/schemas";
import { PULUMI_OUT } from "./workspace";

/** Where a cluster's Grafana runs (the component's default `grafana.namespace`). */
export const GRAFANA_NAMESPACE = "monitoring";

/** Starts the cluster and installs the prerequisite CRDs. */
export async function startCluster(): Promise<LocalApiServer> {
    const server = await LocalApiServer.start(join(PULUMI_OUT, "cluster"), { controllers: true });
    for (const crd of crdFolderObjects()) {
        await server.installCrd(crd);
    }
    await server.ensureNamespace(GRAFANA_NAMESPACE);
    return server;
}

/** `Kind namespace/name`, for messages. */
export function objectId(object: KubeObject): string {
    return `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ""}${object.metadata.name}`;
}

/**
 * The object as the API server stores it, or undefined when it does not exist. A namespaced object whose template
 * names no namespace is looked for in `releaseNamespace`, where Helm installs it.
 */
export async function readBack(server: LocalApiServer, object: KubeObject, releaseNamespace?: string): Promise<KubeObject | undefined> {
    const resource = await server.resourceOf(object.apiVersion, object.kind);
    if (resource === null) {
        return undefined;
    }
    const base = object.apiVersion.includes("/") ? `/apis/${object.apiVersion}` : `/api/${object.apiVersion}`;
    const scope = resource.namespaced ? `/namespaces/${object.metadata.namespace ?? releaseNamespace ?? "default"}` : "";
    const { status, body } = await server.request("GET", `${base}${scope}/${resource.plural}/${object.metadata.name}`);
    if (status === 404) {
        return undefined;
    }
    if (status !== 200) {
        throw new Error(`reading ${objectId(object)}: ${status} ${body?.message ?? body}`);
    }
    return body as KubeObject;
}
