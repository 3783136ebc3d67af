/**
 * Explicit names (`kubernetes-explicit-names`, advisory): Kubernetes objects and Helm releases have explicit names, so
 * trust policies, ServiceMonitors and dashboards can refer to them and a replacement does not rename them.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { metadataOf, type Props } from "./shared";

/** Problems of a Kubernetes object without an explicit name (Pulumi would add a random suffix). */
export function checkExplicitName(type: string, props: Props): string[] {
    if (!type.startsWith("kubernetes:") || type.startsWith("kubernetes:yaml") || type.startsWith("kubernetes:kustomize")) {
        return [];
    }
    if (type === "kubernetes:helm.sh/v3:Release") {
        return typeof props.name === "string" && props.name !== ""
            ? []
            : ["the release has no name, so Pulumi generates one with a random suffix; set name"];
    }
    if (type.startsWith("kubernetes:helm.sh/") || /List$|:Provider$/.test(type) || type.startsWith("pulumi:")) {
        return [];
    }
    const name = metadataOf(props).name;
    return name !== undefined && name !== ""
        ? []
        : [
              "metadata.name is not set, so Pulumi generates a name with a random suffix that other objects and " +
                  "identity bindings cannot refer to; set metadata.name",
          ];
}

export const kubernetesExplicitNames: ResourceValidationPolicy = {
    name: "kubernetes-explicit-names",
    description:
        "Kubernetes objects and Helm releases have explicit names, so trust policies, ServiceMonitors and " +
        "dashboards can refer to them and a replacement does not rename them.",
    enforcementLevel: "advisory",
    severity: "low",
    validateResource: (args, reportViolation) => {
        for (const problem of checkExplicitName(args.type, args.props)) {
            reportViolation(`${args.name}: ${problem}.`);
        }
    },
};
