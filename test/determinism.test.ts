/**
 * Determinism and idempotency: the same config always yields the same registrations and the same render, byte for
 * byte, in the same process and in another process with another clock, time zone and locale; nothing the component
 * registers is named by a provider's random auto-naming; no timestamp or random value reaches a render.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { clusterFromStackConfig } from "../sdk/program";
import { renderProgram, writeRender, type Render } from "../sdk/render/render";
import { readStackConfig } from "../sdk/render/stackFile";
import { TempoCluster } from "../sdk/tempoCluster";
import { Cloud, DatasourceMode, KafkaMode, type TempoClusterArgs } from "../sdk/args/types";
import { resetMocks, settle, valueOf } from "./support/harness";
import { committedStackNames, tree } from "./support/files";

const ROOT = join(__dirname, "..");
const CLI = join(ROOT, "bin", "sdk", "render", "cli.js");
const STACKS = committedStackNames(join(ROOT, "stacks"));


function assertSameTree(actual: Map<string, string>, expected: Map<string, string>, label: string): void {
    assert.deepEqual([...actual.keys()], [...expected.keys()], `${label}: file list differs`);
    for (const [file, contents] of expected) {
        assert.ok(actual.get(file) === contents, `${label}: ${file} differs between renders`);
    }
}

/** Renders a committed stack in this process, as the CLI does (fresh mock runtime each time). */
function renderStack(stack: string): Promise<Render> {
    return renderProgram(readStackConfig(join(ROOT, "stacks", `Pulumi.${stack}.yaml`)), "tempo", stack, clusterFromStackConfig);
}

const KMS_KEY = "arn:aws:kms:eu-west-1:123456789012:key/0d9e5c2a-6f41-4b7e-9a53-2f1c8e7b6a10";
const features: Partial<TempoClusterArgs> = {
    multitenancy: true,
    tenants: { team_a: { retention: "30d" }, team_b: { limits: { maxBytesPerTrace: 10_000_000 } } },
    metricsGenerator: {
        remoteWriteUrl: "http://prometheus.monitoring:9090/api/v1/write",
        remoteWriteUsername: "tempo",
        remoteWritePassword: "rw-password",
    },
    gateway: { host: "tempo.example.com", ingressClassName: "nginx", tlsSecretName: "tempo-tls" },
};

/** One feature-rich configuration per cloud, each exercising its identity, encryption and secrets paths. */
const RICH: Readonly<Record<string, TempoClusterArgs>> = {
    aws: {
        cloud: Cloud.Aws,
        ...features,
        zones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
        aws: { region: "eu-west-1", accountId: "123456789012", clusterName: "prod-eks", identityMode: "pod-identity" as never, tags: { team: "obs" } },
        storage: { encryptionKey: KMS_KEY },
        kafka: { mode: KafkaMode.External, brokers: ["kafka.internal:9092"], saslUsername: "tempo", saslPassword: "sasl-password" },
    },
    gcp: {
        cloud: Cloud.Gcp,
        ...features,
        zones: ["europe-west1-b", "europe-west1-c", "europe-west1-d"],
        gcp: { project: "acme-observability", location: "europe-west1", labels: { team: "obs" } },
        storage: { encryptionKey: "projects/acme-observability/locations/europe-west1/keyRings/tempo/cryptoKeys/traces" },
        grafana: { datasource: DatasourceMode.GrafanaOperator, instanceSelector: { dashboards: "grafana" } },
    },
    azure: {
        cloud: Cloud.Azure,
        ...features,
        zones: ["westeurope-1", "westeurope-2", "westeurope-3"],
        azure: {
            resourceGroupName: "observability",
            location: "westeurope",
            clusterName: "prod-aks",
            keyVaultId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/tempo-kv",
        },
        storage: { encryptionKey: "https://tempo-kv.vault.azure.net/keys/traces/0a1b2c" },
        grafana: { datasource: DatasourceMode.GrafanaApi, prometheusUid: "prometheus" },
    },
    local: { cloud: Cloud.Local, profile: "dev" as never, ...features, zones: ["zone-a", "zone-b", "zone-c"], local: { storageSize: "5Gi" } },
};

/** Constructs under fresh mocks and returns the raw registrations (secret markers and options kept) and outputs. */
async function constructRaw(args: TempoClusterArgs, preview = false) {
    const registrations = await resetMocks("test", preview);
    const cluster = new TempoCluster("tempo", args);
    await settle();
    const outputs: Record<string, unknown> = {};
    if (!preview) {
        for (const key of ["namespace", "releaseName", "bucketName", "serviceAccountName", "identity", "queryUrl", "datasourceUid", "kafkaBootstrap"] as const) {
            outputs[key] = await valueOf(cluster[key]);
        }
    }
    // Registration order follows the event loop; the set of registrations and each one's content are what must not vary.
    const sorted = structuredClone(registrations).sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
    return { registrations: sorted, outputs };
}

/**
 * Where each registered custom type takes its physical name. A type missing here fails the test: decide whether
 * the provider would auto-name it (a random suffix) and give it an explicit name, or list it as nameless.
 */
const NAME_FIELD: Readonly<Record<string, string | null>> = {
    "aws:s3/bucket:Bucket": "bucket",
    "aws:iam/role:Role": "name",
    "aws:iam/rolePolicy:RolePolicy": "name",
    "gcp:storage/bucket:Bucket": "name",
    "gcp:serviceaccount/account:Account": "accountId",
    "gcp:projects/iAMCustomRole:IAMCustomRole": "roleId",
    "azure-native:storage:StorageAccount": "accountName",
    "azure-native:storage:BlobContainer": "containerName",
    "azure-native:storage:ManagementPolicy": "managementPolicyName",
    "azure-native:managedidentity:UserAssignedIdentity": "resourceName",
    "azure-native:managedidentity:FederatedIdentityCredential": "federatedIdentityCredentialResourceName",
    "azure-native:authorization:RoleAssignment": "roleAssignmentName",
    "kubernetes:helm.sh/v3:Release": "name",
    "grafana:oss/dataSource:DataSource": "name",
    // Attached to a named resource, or an IAM binding: no name of their own.
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": null,
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": null,
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": null,
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": null,
    "aws:s3/bucketPolicy:BucketPolicy": null,
    "aws:eks/podIdentityAssociation:PodIdentityAssociation": null,
    "gcp:storage/bucketIAMMember:BucketIAMMember": null,
    "gcp:serviceaccount/iAMMember:IAMMember": null,
    "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember": null,
    // Random by design, generated once and kept in state; its value is never part of a name.
    "random:index/randomPassword:RandomPassword": null,
};

/** ISO or RFC date-times, and epoch seconds or milliseconds within a year of now. */
function timestampsIn(text: string): string[] {
    const found = [...text.matchAll(/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} [A-Z][a-z]{2} \d{4}/g)].map((m) => m[0]);
    const now = Date.now();
    const year = 365 * 24 * 3600 * 1000;
    for (const [digits] of text.matchAll(/\b\d{10}(\d{3})?\b/g)) {
        const ms = digits.length === 13 ? Number(digits) : Number(digits) * 1000;
        if (Math.abs(ms - now) < year) {
            found.push(digits);
        }
    }
    return found;
}

describe("determinism and idempotency", function () {
    this.timeout(120_000);
    const scratch = mkdtempSync(join(tmpdir(), "tempo-determinism-"));
    after(() => rmSync(scratch, { recursive: true, force: true }));

    /** First render of each stack and first registrations of each rich config, reused by the naming check. */
    const rendered = new Map<string, Render>();
    const constructed = new Map<string, { type: string; name: string; custom: boolean; inputs: Record<string, any> }[]>();

    for (const stack of STACKS) {
        it(`renders committed stack ${stack} byte-identically twice`, async () => {
            const [a, b] = [join(scratch, `${stack}-a`), join(scratch, `${stack}-b`)];
            const render = await renderStack(stack);
            rendered.set(stack, render);
            writeRender(render, a);
            writeRender(await renderStack(stack), b);
            const first = tree(a);
            assert.ok(first.has("resources.json"));
            assertSameTree(tree(b), first, stack);
            for (const [file, contents] of first) {
                assert.deepEqual(timestampsIn(contents), [], `${stack}/${file} carries a timestamp`);
            }
        });
    }

    it("renders the same bytes in another process with another clock, time zone and locale", async () => {
        assert.ok(existsSync(CLI), "the render CLI is not built: run `npm run build` (npm test does)");
        // The stacks with the most derived names (hashes, GUIDs, generated credentials) and features.
        const stacks = ["seed", "prod-azure"].filter((s) => STACKS.includes(s));
        assert.ok(stacks.length > 0);
        const env = { ...process.env, TZ: "Pacific/Kiritimati", LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8" };
        await Promise.all(
            stacks.map(
                (stack) =>
                    new Promise<void>((resolve, reject) => {
                        const out = join(scratch, `${stack}-cli`);
                        const child = spawn(process.execPath, [CLI, "render", "--stack", stack, "--out", out], { cwd: ROOT, env, stdio: "pipe" });
                        let stderr = "";
                        child.stderr.on("data", (chunk) => (stderr += chunk));
                        child.on("error", reject);
                        child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`render ${stack} exited ${code}: ${stderr}`))));
                    }),
            ),
        );
        for (const stack of stacks) {
            const inProcess = join(scratch, `${stack}-in-process`);
            writeRender(await renderStack(stack), inProcess);
            assertSameTree(tree(join(scratch, `${stack}-cli`)), tree(inProcess), `${stack} (compiled CLI vs in-process; if bin/ is stale, run npm run build)`);
        }
    });

    for (const [cloud, args] of Object.entries(RICH)) {
        it(`constructs a feature-rich ${cloud} cluster twice with identical registrations, inputs, options and outputs`, async () => {
            const first = await constructRaw(args);
            constructed.set(cloud, first.registrations);
            const second = await constructRaw(args);
            assert.ok(first.registrations.length > 10);
            assert.deepEqual(second.registrations, first.registrations);
            assert.deepEqual(second.outputs, first.outputs);
        });
    }

    it("previews identically twice, and a preview registers the same resources as an update", async () => {
        for (const args of Object.values(RICH)) {
            const first = await constructRaw(args, true);
            const second = await constructRaw(args, true);
            assert.deepEqual(second.registrations, first.registrations);
            const update = await constructRaw(args);
            assert.deepEqual(
                first.registrations.map((r) => r.urn),
                update.registrations.map((r) => r.urn),
                "the same URNs in preview and update",
            );
        }
    });

    it("names every resource explicitly, so no provider adds a random suffix", async () => {
        const seen = new Set<string>();
        const renders = [];
        for (const [cloud, args] of Object.entries(RICH)) {
            renders.push(constructed.get(cloud) ?? (await constructRaw(args)).registrations);
        }
        for (const stack of STACKS) {
            renders.push((rendered.get(stack) ?? (await renderStack(stack))).resources);
        }
        for (const registrations of renders) {
            for (const resource of registrations as { type: string; name: string; custom: boolean; inputs: Record<string, any> }[]) {
                if (!resource.custom) {
                    continue;
                }
                seen.add(resource.type);
                if (resource.type.startsWith("kubernetes:") && resource.type !== "kubernetes:helm.sh/v3:Release") {
                    const metadata = resource.inputs.metadata ?? {};
                    assert.equal(typeof metadata.name, "string", `${resource.type} ${resource.name} has no metadata.name (the provider would add a random suffix)`);
                    assert.equal(metadata.generateName, undefined, `${resource.type} ${resource.name} uses generateName`);
                    continue;
                }
                assert.ok(resource.type in NAME_FIELD, `${resource.type} (${resource.name}) is new: say where its physical name comes from in NAME_FIELD`);
                const field = NAME_FIELD[resource.type];
                if (field !== null) {
                    const value = resource.inputs[field];
                    assert.ok(typeof value === "string" && value.length > 0, `${resource.type} ${resource.name} has no explicit ${field}`);
                }
            }
        }
        for (const type of ["aws:s3/bucket:Bucket", "gcp:storage/bucket:Bucket", "azure-native:storage:StorageAccount", "kubernetes:core/v1:Secret"]) {
            assert.ok(seen.has(type), `the check saw no ${type}`);
        }
    });

    it("uses no clock or random source in the component's code", () => {
        const offenders: string[] = [];
        const walk = (dir: string) => {
            for (const entry of readdirSync(dir)) {
                const path = join(dir, entry);
                if (statSync(path).isDirectory()) {
                    walk(path);
                } else if (path.endsWith(".ts")) {
                    readFileSync(path, "utf8")
                        .split("\n")
                        .forEach((line, index) => {
                            const code = line.replace(/\/\/.*$/, "");
                            if (/Math\.random|Date\.now|new Date\(|randomUUID|randomBytes|getRandomValues|performance\.now|process\.hrtime/.test(code)) {
                                offenders.push(`${relative(ROOT, path)}:${index + 1}: ${line.trim()}`);
                            }
                        });
                }
            }
        };
        walk(join(ROOT, "sdk"));
        walk(join(ROOT, "stacks"));
        assert.deepEqual(offenders, []);
    });
});
