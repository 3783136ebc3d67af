/**
 * The stacks the suite deploys: every committed stack that needs no cloud account, and local variants of each
 * architecture and feature. Each is the stack file's config plus what this cluster needs — the kubeconfig (a secret),
 * the chart packages folder (no chart repository is reachable) and `chart.skipAwait` (no kubelet) — and, for the
 * in-cluster store, its secret key (the `@pulumi/random` provider cannot be built here, see docs/testing.md).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dump, load } from "js-yaml";
import { chartCacheDir, REPO_ROOT } from "../../engines/support/engines";

/** A stack the suite deploys. */
export interface PulumiCase {
    readonly name: string;
    /** Stack config as a stack file holds it (`tempo:cluster` or `tempo:clusters`, other keys). */
    readonly config: Record<string, unknown>;
    /** Secret config values, set with `pulumi config set --secret`. */
    readonly secrets: Record<string, string>;
    /** Arg changes previewed after `up`, each with the resources it must update (and nothing else). */
    readonly changes: readonly ArgChange[];
}

/** A change to the stack's config and what its preview must show. */
export interface ArgChange {
    readonly title: string;
    /** Edits the stack file's `config` in place. */
    readonly edit: (config: Record<string, any>) => void;
    /** Names of the resources the preview updates (sorted by the test). */
    readonly updates: readonly string[];
}

/** Applies `edit` to a stack file's config; returns what puts the file back. */
export function editStackFile(stackFile: string, edit: (config: Record<string, any>) => void): () => void {
    const original = readFileSync(stackFile, "utf8");
    const document = load(original) as { config: Record<string, any> };
    edit(document.config);
    writeFileSync(stackFile, dump(document, { noRefs: true, sortKeys: true }));
    return () => writeFileSync(stackFile, original);
}

/** The names of the resources a `preview --diff` output shows as updated (`~ <type>: (update)` blocks). */
export function updatedResources(previewText: string): string[] {
    const names = [...previewText.matchAll(/~ [^\n]+: \(update\)\n(?:\s+\[[^\n]*\n)*?\s+\[urn=urn:pulumi:[^\n]*::([^:\]\n]+)\]/g)].map((m) => m[1]);
    return [...new Set(names)].sort();
}

/** The secret key the suite gives the in-cluster store (test data only). */
export const TEST_STORE_SECRET_KEY = "local-store-secret-key-for-the-test-suite";

function committed(name: string): Record<string, unknown> {
    const file = join(REPO_ROOT, "stacks", `Pulumi.${name}.yaml`);
    return ((load(readFileSync(file, "utf8")) as { config: Record<string, unknown> }).config ?? {}) as Record<string, unknown>;
}

/** What every TempoCluster of a suite stack gets on top of its config. */
function forThisCluster(cluster: Record<string, unknown>): Record<string, unknown> {
    const chart = (cluster.chart ?? {}) as Record<string, unknown>;
    return { ...cluster, chart: { ...chart, packageDirectory: chartCacheDir(), skipAwait: true } };
}

function needsStoreKey(cluster: Record<string, unknown>): boolean {
    const local = (cluster.local ?? {}) as Record<string, unknown>;
    return cluster.cloud === "local" && local.filesystem !== true && (cluster.storage as Record<string, unknown> | undefined)?.existingBucket === undefined;
}

/** A suite case from stack config: the cluster(s) adapted, the store key added where the in-cluster store is used. */
export function pulumiCase(name: string, config: Record<string, unknown>, changes: readonly ArgChange[] = []): PulumiCase {
    const adapted: Record<string, unknown> = { ...config };
    const clusters: Record<string, unknown>[] = [];
    if (config["tempo:cluster"] !== undefined) {
        adapted["tempo:cluster"] = forThisCluster(config["tempo:cluster"] as Record<string, unknown>);
        clusters.push(config["tempo:cluster"] as Record<string, unknown>);
    }
    if (config["tempo:clusters"] !== undefined) {
        const several = config["tempo:clusters"] as Record<string, Record<string, unknown>>;
        adapted["tempo:clusters"] = Object.fromEntries(Object.entries(several).map(([key, cluster]) => [key, forThisCluster(cluster)]));
        clusters.push(...Object.values(several));
    }
    const secrets: Record<string, string> = {};
    if (clusters.some(needsStoreKey)) {
        secrets["tempo:localSecretAccessKey"] = TEST_STORE_SECRET_KEY;
    }
    return { name, config: adapted, secrets, changes };
}

const LOCAL = { cloud: "local", profile: "dev", retention: "1d", ingestMBps: 1 };
const TENANTS = { "team-a": { retention: "72h", limits: { ingestionRateLimitBytes: 20000000 } }, "team-b": { limits: { maxBytesPerTrace: 2000000 } } };
const NO_AMBIENT_PROVIDER = { "pulumi:disable-default-providers": ["kubernetes"] };

/**
 * Every stack the suite deploys, in the order it runs them. The variants are named `local-*`, which the policy pack
 * counts as non-production (its default `nonProductionStacks`), as a user's local stacks would be.
 */
export function pulumiCases(): PulumiCase[] {
    return [
        pulumiCase("local", committed("local"), [
            { title: "a longer retention", edit: (config) => void (config["tempo:cluster"].retention = "2d"), updates: ["tempo-helm"] },
            {
                title: "more querier replicas",
                edit: (config) => void (config["tempo:cluster"].components = { querier: { replicas: 2 } }),
                updates: ["tempo-helm"],
            },
        ]),
        pulumiCase("dev-monolithic", committed("dev-monolithic")),
        pulumiCase("local-classic", { ...NO_AMBIENT_PROVIDER, "tempo:cluster": { ...LOCAL, architecture: "classic", vulture: { enabled: true } } }),
        pulumiCase("local-monolithic-store", {
            ...NO_AMBIENT_PROVIDER,
            "tempo:cluster": { ...LOCAL, architecture: "monolithic", grafana: { datasource: "grafana-operator", instanceSelector: { dashboards: "grafana" } } },
        }),
        pulumiCase(
            "local-multitenancy",
            { ...NO_AMBIENT_PROVIDER, "tempo:cluster": { ...LOCAL, multitenancy: true, tenants: TENANTS, grafana: { datasource: "none" } } },
            [{ title: "a new tenant", edit: (config) => void (config["tempo:cluster"].tenants["team-c"] = { retention: "48h" }), updates: ["tempo-helm"] }],
        ),
        pulumiCase("local-gateway", {
            ...NO_AMBIENT_PROVIDER,
            "tempo:cluster": { ...LOCAL, gateway: { enabled: true, basicAuth: false }, kafka: { mode: "external", brokers: ["kafka.streaming.svc:9092"] } },
        }),
        pulumiCase("local-migration", {
            ...NO_AMBIENT_PROVIDER,
            "tempo:clusters": {
                "tempo-old": { ...LOCAL, architecture: "classic", namespace: "tempo-old" },
                tempo: { ...LOCAL },
            },
        }),
    ];
}
