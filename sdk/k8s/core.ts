/**
 * Namespace, ServiceAccount and Secrets the component owns. Every object has an explicit name and namespace, so
 * previews never show random suffixes.
 */
import * as pulumi from "@pulumi/pulumi";
import * as core from "@pulumi/kubernetes/core/v1";
import type { ResolvedSpec } from "../args/resolved";
import { componentLabels } from "../manifests/labels";

/** The namespace, unless the user said it exists. */
export function createNamespace(spec: ResolvedSpec, parent: pulumi.Resource): core.Namespace | undefined {
    if (!spec.createNamespace) {
        return undefined;
    }
    return new core.Namespace(
        `${spec.name}-namespace`,
        { metadata: { name: spec.namespace, labels: componentLabels(spec, "namespace") } },
        { parent },
    );
}

/**
 * The one ServiceAccount every Tempo pod uses. Created here rather than by the chart so that its name, the IAM
 * trust subject and the pod identity association are derived from the same value.
 */
export function createServiceAccount(
    spec: ResolvedSpec,
    annotations: Readonly<Record<string, pulumi.Input<string>>>,
    parent: pulumi.Resource,
    dependsOn: pulumi.Resource[],
): core.ServiceAccount {
    return new core.ServiceAccount(
        `${spec.name}-service-account`,
        {
            metadata: {
                name: spec.serviceAccountName,
                namespace: spec.namespace,
                labels: componentLabels(spec, "service-account"),
                // Only when there are some: an empty map is dropped by the API server and would show as a change.
                ...(Object.keys(annotations).length > 0 ? { annotations: { ...annotations } } : {}),
            },
            automountServiceAccountToken: false,
        },
        { parent, dependsOn },
    );
}

/** An Opaque Secret whose values stay Pulumi secrets (they reach pods as environment variables). */
export function createSecret(
    spec: ResolvedSpec,
    resourceSuffix: string,
    secretName: string,
    data: Record<string, pulumi.Input<string>>,
    parent: pulumi.Resource,
    dependsOn: pulumi.Resource[],
): core.Secret {
    const stringData = Object.fromEntries(Object.entries(data).map(([key, value]) => [key, pulumi.secret(value)]));
    return new core.Secret(
        `${spec.name}-${resourceSuffix}`,
        {
            metadata: { name: secretName, namespace: spec.namespace, labels: componentLabels(spec, resourceSuffix) },
            type: "Opaque",
            stringData,
        },
        { parent, dependsOn },
    );
}
