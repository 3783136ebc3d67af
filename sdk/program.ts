/**
 * The per-environment program: stack config → TempoCluster. Used by `stacks/index.ts` (`pulumi up`) and by the
 * offline `render`, so both run exactly the same code.
 *
 * Stack config keys (namespace `tempo`):
 * - `tempo:cluster`: the whole {@link TempoClusterArgs} object (structured config).
 * - `tempo:name`: the component name (default `tempo`), which is also the Helm release name.
 * - `tempo:kubeconfig`: kubeconfig contents or path for an explicit Kubernetes provider.
 * - `tempo:kafkaSaslPassword` (secret): Kafka SASL/PLAIN password; secrets never live inside `tempo:cluster`.
 * - `tempo:localSecretAccessKey` (secret): secret key of an existing S3-compatible store (`cloud: local`).
 */
import * as pulumi from "@pulumi/pulumi";
import { TempoCluster } from "./tempoCluster";
import { planTempoCluster, TempoClusterArgsError, type Problem } from "./spec";

/** Root under which stack-config problems are reported. */
export const STACK_CONFIG_ROOT = "tempo:cluster";
/** Default component name. */
export const DEFAULT_COMPONENT_NAME = "tempo";

/** Secret config keys and where they go in the args. */
const SECRET_KEYS: readonly { key: string; path: readonly [string, string] }[] = [
    { key: "kafkaSaslPassword", path: ["kafka", "saslPassword"] },
    { key: "localSecretAccessKey", path: ["local", "secretAccessKey"] },
];

/** Reads the stack config, validates it under `tempo:cluster`, and creates the TempoCluster. */
export function clusterFromStackConfig(): TempoCluster {
    const config = new pulumi.Config("tempo");
    const name = config.get("name") ?? DEFAULT_COMPONENT_NAME;
    const raw = config.getObject<unknown>("cluster");
    const problems = secretPlacementProblems(raw);
    if (raw === undefined) {
        problems.push({ path: "", message: "is required: put the TempoCluster args under tempo:cluster in the stack file" });
    }
    const args = withSecretConfig(raw, config);
    try {
        planTempoCluster(args, { name, project: pulumi.getProject(), stack: pulumi.getStack() }, STACK_CONFIG_ROOT);
    } catch (error) {
        if (!(error instanceof TempoClusterArgsError)) {
            throw error;
        }
        problems.push(...error.problems);
    }
    if (problems.length > 0) {
        throw new TempoClusterArgsError(problems, STACK_CONFIG_ROOT);
    }
    const kubeconfig = config.getSecret("kubeconfig");
    const providers = kubeconfig === undefined ? undefined : { kubernetes: kubernetesProvider(name, kubeconfig) };
    return new TempoCluster(name, args as never, providers ? { providers } : undefined);
}

function kubernetesProvider(name: string, kubeconfig: pulumi.Input<string>): pulumi.ProviderResource {
    const { Provider } = require("@pulumi/kubernetes/provider") as typeof import("@pulumi/kubernetes/provider");
    return new Provider(`${name}-kubernetes`, { kubeconfig });
}

/** Secrets typed into `tempo:cluster` would be stored in plain text; they belong in their own secret keys. */
function secretPlacementProblems(raw: unknown): Problem[] {
    return SECRET_KEYS.filter(({ path }) => getPath(raw, path) !== undefined).map(({ key, path }) => ({
        path: path.join("."),
        message: `keep secrets out of tempo:cluster; run \`pulumi config set --secret tempo:${key} <value>\` instead`,
    }));
}

function withSecretConfig(raw: unknown, config: pulumi.Config): unknown {
    if (typeof raw !== "object" || raw === null) {
        return raw;
    }
    let args = raw as Record<string, any>;
    for (const { key, path } of SECRET_KEYS) {
        const value = config.getSecret(key);
        if (value !== undefined) {
            const [section, field] = path;
            args = { ...args, [section]: { ...(args[section] ?? {}), [field]: value } };
        }
    }
    return args;
}

function getPath(value: unknown, path: readonly string[]): unknown {
    return path.reduce<unknown>((node, key) => (typeof node === "object" && node !== null ? (node as any)[key] : undefined), value);
}
