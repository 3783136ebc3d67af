/**
 * The per-environment program: stack config → TempoCluster. Used by `stacks/index.ts` (`pulumi up`) and by the
 * offline `render`, so both run exactly the same code.
 *
 * Stack config keys (namespace `tempo`):
 * - `tempo:cluster`: the whole {@link TempoClusterArgs} object (structured config).
 * - `tempo:clusters`: instead, several TempoClusters by component name (side-by-side migrations, docs/upgrading.md).
 * - `tempo:name`: the component name (default `tempo`), which is also the Helm release name.
 * - `tempo:kubeconfig`: kubeconfig contents or path for an explicit Kubernetes provider.
 * - `tempo:kafkaSaslPassword` (secret): Kafka SASL/PLAIN password; secrets never live inside `tempo:cluster`.
 * - `tempo:localSecretAccessKey` (secret): secret key of the S3-compatible store (`cloud: local`; generated for the
 *   in-cluster store when absent).
 * - `tempo:remoteWritePassword` (secret): basic-auth password of the metrics generator's remote write.
 */
import * as pulumi from "@pulumi/pulumi";
import { TempoCluster } from "./tempoCluster";
import { argsProblems, TempoClusterArgsError, type Problem } from "./args";
import { DEFAULT_NAMESPACE } from "./args/defaults";
import { peerInstalled } from "./util/peer";

/** Root under which stack-config problems are reported. */
export const STACK_CONFIG_ROOT = "tempo:cluster";
/** Default component name. */
export const DEFAULT_COMPONENT_NAME = "tempo";

/** Secret config keys and where they go in the args. */
const SECRET_KEYS: readonly { key: string; path: readonly [string, string] }[] = [
    { key: "kafkaSaslPassword", path: ["kafka", "saslPassword"] },
    { key: "localSecretAccessKey", path: ["local", "secretAccessKey"] },
    { key: "remoteWritePassword", path: ["metricsGenerator", "remoteWritePassword"] },
];

/** Config keys whose values are credentials: stored in plain text in the stack file, they would leak. */
const CREDENTIAL_KEYS: readonly string[] = ["kubeconfig", ...SECRET_KEYS.map(({ key }) => key)];

/**
 * Credentials set without `--secret`. Pulumi.yaml cannot declare them `secret: true` (the CLI would then require
 * every stack to set them), so the program refuses plain-text ones itself.
 */
export function plaintextCredentialProblems(config: pulumi.Config, isSecret: (key: string) => boolean): Problem[] {
    return CREDENTIAL_KEYS.filter((key) => config.get(key) !== undefined && !isSecret(`${config.name}:${key}`)).map((key) => ({
        path: key,
        message: `is stored in plain text in the stack file; run \`pulumi config set --secret ${config.name}:${key} <value>\``,
    }));
}

/** Reads the stack config (`tempo:cluster`, or `tempo:clusters`), validates it all, and creates the TempoCluster(s). */
export function clustersFromStackConfig(): NamedCluster[] {
    const config = new pulumi.Config("tempo");
    const plaintext = plaintextCredentialProblems(config, isConfigSecret);
    if (plaintext.length > 0) {
        throw new TempoClusterArgsError(plaintext, "tempo");
    }
    const single = structuredConfig(config, "cluster");
    const several = structuredConfig(config, "clusters") as Record<string, unknown> | undefined;
    if (several !== undefined && (typeof several !== "object" || several === null || Array.isArray(several))) {
        throw new TempoClusterArgsError([{ path: "", message: "must map component names to TempoCluster args" }], "tempo:clusters");
    }
    if ((single === undefined) === (several === undefined)) {
        const message =
            single === undefined
                ? "is required: put the TempoCluster args under tempo:cluster (or several under tempo:clusters) in the stack file"
                : "set tempo:cluster or tempo:clusters, not both";
        throw new TempoClusterArgsError([{ path: "", message }], STACK_CONFIG_ROOT);
    }
    const root = several === undefined ? STACK_CONFIG_ROOT : "tempo:clusters";
    const entries: [string, unknown][] =
        several === undefined
            ? [[config.get("name") ?? DEFAULT_COMPONENT_NAME, single]]
            : Object.keys(several).sort().map((name) => [name, several[name]]);
    // Every cluster's problems are reported together; with several clusters each path starts with the cluster's name.
    const problems = [
        ...entries.flatMap(([name, raw]) =>
            planProblems(name, raw, config).map((problem) =>
                several === undefined ? problem : { ...problem, path: problem.path === "" ? name : `${name}.${problem.path}` },
            ),
        ),
        ...sharedNamespaceProblems(entries),
    ];
    if (problems.length > 0) {
        throw new TempoClusterArgsError(problems, root);
    }
    const kubeconfig = config.getSecret("kubeconfig");
    const providers = kubeconfig === undefined ? undefined : { kubernetes: kubernetesProvider(entries[0][0], kubeconfig) };
    return entries.map(([name, raw]) => ({
        name,
        cluster: new TempoCluster(name, withSecretConfig(raw, config) as never, providers ? { providers } : undefined),
    }));
}

/** A structured config value; a value that is not JSON is returned as the text it is, for validation to report. */
function structuredConfig(config: pulumi.Config, key: string): unknown {
    const text = config.get(key);
    if (text === undefined) {
        return undefined;
    }
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

/** A TempoCluster of the stack with its component name. */
export interface NamedCluster {
    readonly name: string;
    readonly cluster: TempoCluster;
}

/** The first (or only) TempoCluster of the stack config. */
export function clusterFromStackConfig(): TempoCluster {
    return clustersFromStackConfig()[0].cluster;
}

/** Every problem of one cluster's config, paths relative to its root. */
function planProblems(name: string, raw: unknown, config: pulumi.Config): Problem[] {
    const ctx = { name, project: pulumi.getProject(), stack: pulumi.getStack(), isInstalled: peerInstalled };
    return [...secretPlacementProblems(raw), ...argsProblems(withSecretConfig(raw, config), ctx).problems];
}

function kubernetesProvider(name: string, kubeconfig: pulumi.Input<string>): pulumi.ProviderResource {
    const { Provider } = require("@pulumi/kubernetes/provider") as typeof import("@pulumi/kubernetes/provider");
    return new Provider(`${name}-kubernetes`, { kubeconfig });
}

/**
 * Two TempoClusters of one stack that both create the same namespace would fight over it (two resources, one
 * object: the API server reports a field conflict on the first `pulumi up`). Side by side, each gets its own.
 */
export function sharedNamespaceProblems(entries: readonly [string, unknown][]): Problem[] {
    const creators = new Map<string, string>();
    const problems: Problem[] = [];
    for (const [name, raw] of entries) {
        const args = (typeof raw === "object" && raw !== null ? raw : {}) as { namespace?: unknown; createNamespace?: unknown };
        if (args.createNamespace === false) {
            continue;
        }
        const namespace = args.namespace ?? DEFAULT_NAMESPACE;
        if (typeof namespace !== "string") {
            continue;
        }
        const first = creators.get(namespace);
        if (first === undefined) {
            creators.set(namespace, name);
        } else {
            problems.push({
                path: `${name}.namespace`,
                message:
                    `namespace "${namespace}" is also created by ${first}: give each TempoCluster its own namespace ` +
                    "(docs/upgrading.md), or set createNamespace: false on all but one of them",
            });
        }
    }
    return problems;
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

/** Whether the CLI passed a config key to the program as a secret (the SDK keeps this in its runtime module). */
function isConfigSecret(key: string): boolean {
    const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret?: (k: string) => boolean };
    return runtimeConfig.isConfigSecret?.(key) ?? true;
}

function getPath(value: unknown, path: readonly string[]): unknown {
    return path.reduce<unknown>((node, key) => (typeof node === "object" && node !== null ? (node as any)[key] : undefined), value);
}
