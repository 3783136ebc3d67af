/**
 * Data safety under `profile: production`: the bucket (and everything its data depends on) is protected and retained
 * on delete and never force-destroyed; the bucket lifecycle never expires data before the longest retention; and
 * changing anything that is not storage — chart version, install method, architecture, sizing, Kafka, features,
 * namespace — neither renames nor changes the bucket, nor renames the identity. Names are compared as the engine's
 * URNs (the full parent type chain, which the mock monitor abbreviates), plus the physical names a provider replaces
 * a resource for.
 */
import assert from "node:assert/strict";
import { Cloud, type TempoClusterArgs } from "../sdk/args/types";
import type { Registration } from "../sdk/render/mocks";
import { TempoCluster } from "../sdk/tempoCluster";
import { resetMocks, settle } from "./support/harness";

const KMS_KEY = "arn:aws:kms:eu-west-1:123456789012:key/0d9e5c2a-6f41-4b7e-9a53-2f1c8e7b6a10";
const GCP_KEY = "projects/acme-observability/locations/europe-west1/keyRings/tempo/cryptoKeys/traces";
const KEY_VAULT_ID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/tempo-kv";

/** Production baselines, one per cloud that creates a bucket outside the cluster, each with a customer-managed key. */
const BASELINES: Readonly<Record<"aws" | "gcp" | "azure", TempoClusterArgs>> = {
    aws: {
        cloud: Cloud.Aws,
        profile: "production" as never,
        retention: "14d",
        ingestMBps: 20,
        zones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
        aws: { region: "eu-west-1", accountId: "123456789012", clusterName: "prod-eks" },
        storage: { encryptionKey: KMS_KEY },
    },
    gcp: {
        cloud: Cloud.Gcp,
        profile: "production" as never,
        retention: "14d",
        ingestMBps: 10,
        gcp: { project: "acme-observability", location: "europe-west1" },
        storage: { encryptionKey: GCP_KEY },
    },
    azure: {
        cloud: Cloud.Azure,
        profile: "production" as never,
        retention: "14d",
        ingestMBps: 10,
        azure: { resourceGroupName: "observability", location: "westeurope", clusterName: "prod-aks", keyVaultId: KEY_VAULT_ID },
        storage: { encryptionKey: "https://tempo-kv.vault.azure.net/keys/traces/0a1b2c" },
    },
};

/** Resources that hold the traces or that the retained data cannot be read without (bucket hardening, key grants). */
const STORAGE_TYPE = /^(aws:s3\/|gcp:storage\/bucket:Bucket$|gcp:kms\/|azure-native:storage:)/;
/** The identities Tempo runs as, by type, with the inputs a provider replaces them for. */
const IDENTITY_KEYS: Readonly<Record<string, readonly string[]>> = {
    "aws:iam/role:Role": ["name", "path"],
    "gcp:serviceaccount/account:Account": ["accountId", "project"],
    "gcp:projects/iAMCustomRole:IAMCustomRole": ["roleId", "project"],
    "azure-native:managedidentity:UserAssignedIdentity": ["resourceName", "resourceGroupName", "location"],
};

/**
 * Storage and identity URNs as the engine computes them for `new TempoCluster("tempo", …)` in project tempo, stack
 * test. A change here is a rename: the engine would delete the old resource and create a new one (for a bucket: an
 * empty one, or a failed delete of a protected one). If a rename is unavoidable, give the new resource an alias to
 * the old URN; the check accepts that.
 */
const C = "urn:pulumi:test::tempo::tempo-cluster:index:TempoCluster";
const STABLE_URNS: Readonly<Record<keyof typeof BASELINES, readonly string[]>> = {
    aws: [
        `${C}$aws:s3/bucket:Bucket::tempo-bucket`,
        `${C}$aws:s3/bucket:Bucket$aws:s3/bucketOwnershipControls:BucketOwnershipControls::tempo-bucket-ownership`,
        `${C}$aws:s3/bucket:Bucket$aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock::tempo-bucket-public-access`,
        `${C}$aws:s3/bucket:Bucket$aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration::tempo-bucket-encryption`,
        `${C}$aws:s3/bucket:Bucket$aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration::tempo-bucket-lifecycle`,
        `${C}$aws:s3/bucket:Bucket$aws:s3/bucketPolicy:BucketPolicy::tempo-bucket-policy`,
        `${C}$aws:iam/role:Role::tempo-role`,
        `${C}$aws:iam/rolePolicy:RolePolicy::tempo-role-policy`,
    ],
    gcp: [
        `${C}$gcp:storage/bucket:Bucket::tempo-bucket`,
        `${C}$gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember::tempo-bucket-key-access`,
        `${C}$gcp:serviceaccount/account:Account::tempo-google-service-account`,
        `${C}$gcp:projects/iAMCustomRole:IAMCustomRole::tempo-bucket-role`,
        `${C}$gcp:storage/bucketIAMMember:BucketIAMMember::tempo-bucket-access`,
        `${C}$gcp:serviceaccount/iAMMember:IAMMember::tempo-workload-identity`,
    ],
    azure: [
        `${C}$azure-native:storage:StorageAccount::tempo-storage-account`,
        `${C}$azure-native:storage:StorageAccount$azure-native:storage:BlobContainer::tempo-container`,
        `${C}$azure-native:storage:StorageAccount$azure-native:storage:ManagementPolicy::tempo-lifecycle`,
        `${C}$azure-native:managedidentity:UserAssignedIdentity::tempo-identity`,
        `${C}$azure-native:managedidentity:UserAssignedIdentity::tempo-storage-key-identity`,
        `${C}$azure-native:authorization:RoleAssignment::tempo-storage-key-access`,
        `${C}$azure-native:managedidentity:FederatedIdentityCredential::tempo-federated-credential`,
        `${C}$azure-native:authorization:RoleAssignment::tempo-container-access`,
    ],
};

/** Changes to args that are not storage: none of them may touch the bucket or rename the identity. */
const NON_STORAGE_CHANGES: readonly { title: string; change: Partial<TempoClusterArgs> }[] = [
    { title: "a different chart version", change: { chart: { version: "3.4.0" } } },
    { title: "an OCI chart repository and a longer Helm timeout", change: { chart: { repository: "oci://ghcr.io/grafana-community/helm-charts", timeoutSeconds: 1200 } } },
    { title: "install through helm.v4.Chart", change: { chart: { install: "chart" as never } } },
    { title: "architecture classic (Tempo 2)", change: { architecture: "classic" as never } },
    { title: "architecture monolithic", change: { architecture: "monolithic" as never } },
    { title: "a higher ingest rate", change: { ingestMBps: 60 } },
    { title: "other zones", change: { zones: ["eu-west-1a", "eu-west-1b", "eu-west-1c", "eu-west-1d"] } },
    { title: "an external Kafka", change: { kafka: { mode: "external" as never, brokers: ["kafka.internal:9092"] } } },
    { title: "a larger in-cluster Kafka", change: { kafka: { strimzi: { brokers: 5, storageSize: "2Ti" } } } },
    { title: "component sizes and autoscaling", change: { components: { querier: { cpu: "2", memory: "8Gi" }, distributor: { autoscaling: { maxReplicas: 12 } } } } },
    { title: "receivers", change: { receivers: { zipkin: true, jaegerGrpc: true } } },
    { title: "limits and tenants without their own retention", change: { limits: { maxBytesPerTrace: 10_000_000 }, tenants: { team_a: {}, team_b: {} } } },
    { title: "the metrics generator", change: { metricsGenerator: { remoteWriteUrl: "http://prometheus.monitoring:9090/api/v1/write" } } },
    { title: "the gateway with an Ingress", change: { gateway: { host: "tempo.example.com" } } },
    { title: "no cache, other search limits", change: { cache: { enabled: false }, query: { defaultResultLimit: 50, maxResultLimit: 500 } } },
    { title: "monitoring off and another datasource mode", change: { monitoring: { serviceMonitor: false, alerts: false, dashboards: false }, grafana: { datasource: "none" as never } } },
    { title: "escape hatches", change: { values: { distributor: { extraArgs: ["-log.level=debug"] } }, tempoConfig: { distributor: { max_attribute_bytes: 4096 } } } },
    { title: "another namespace, not created, another cluster domain", change: { namespace: "tracing", createNamespace: false, clusterDomain: "cluster.example" } },
];

const CROSS_CLOUD_CHANGES = [
    "a different chart version",
    "install through helm.v4.Chart",
    "architecture classic (Tempo 2)",
    "architecture monolithic",
    "a higher ingest rate",
    "an external Kafka",
    "another namespace, not created, another cluster domain",
];

/** The engine's URN: every ancestor's type, not only the parent's as the mock monitor writes it. */
function engineUrns(registrations: readonly Registration[]): Map<string, Registration> {
    const byUrn = new Map(registrations.map((r) => [r.urn, r]));
    const result = new Map<string, Registration>();
    for (const r of registrations) {
        const types = [r.type];
        for (let parent = byUrn.get(r.parentUrn); parent !== undefined; parent = byUrn.get(parent.parentUrn)) {
            types.unshift(parent.type);
        }
        result.set(`urn:pulumi:test::tempo::${types.join("$")}::${r.name}`, r);
    }
    return result;
}

async function registrationsOf(args: TempoClusterArgs): Promise<Map<string, Registration>> {
    const registrations = await resetMocks();
    new TempoCluster("tempo", args);
    await settle();
    return engineUrns(structuredClone(registrations));
}

/** What must not change: storage resources whole (inputs and options), identities by URN and physical name. */
function stableView(byUrn: Map<string, Registration>): Record<string, unknown> {
    const view: Record<string, unknown> = {};
    for (const [urn, r] of [...byUrn].sort(([a], [b]) => (a < b ? -1 : 1))) {
        if (STORAGE_TYPE.test(r.type)) {
            view[urn] = { inputs: r.inputs, protect: r.protect, retainOnDelete: r.retainOnDelete };
        } else if (r.type in IDENTITY_KEYS) {
            view[urn] = Object.fromEntries(IDENTITY_KEYS[r.type].map((key) => [key, r.inputs[key]]));
        }
    }
    return view;
}

/** Expiry of the bucket lifecycle, in days, on each cloud. */
function lifecycleDays(byUrn: Map<string, Registration>): number {
    const days: number[] = [];
    for (const r of byUrn.values()) {
        const inputs = r.inputs as any;
        if (r.type === "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration") {
            days.push(...inputs.rules.filter((rule: any) => rule.expiration).map((rule: any) => rule.expiration.days));
        } else if (r.type === "gcp:storage/bucket:Bucket") {
            days.push(...inputs.lifecycleRules.filter((rule: any) => rule.action.type === "Delete").map((rule: any) => rule.condition.age));
        } else if (r.type === "azure-native:storage:ManagementPolicy") {
            days.push(...inputs.policy.rules.map((rule: any) => rule.definition.actions.baseBlob.delete.daysAfterModificationGreaterThan));
        }
    }
    assert.ok(days.length > 0, "no lifecycle rule found");
    return Math.min(...days);
}

describe("data safety under profile production", function () {
    this.timeout(120_000);
    const baseline = new Map<string, Map<string, Registration>>();
    before(async () => {
        for (const [cloud, args] of Object.entries(BASELINES)) {
            baseline.set(cloud, await registrationsOf(args));
        }
    });

    for (const cloud of Object.keys(BASELINES) as (keyof typeof BASELINES)[]) {
        describe(`on ${cloud}`, () => {
            it("protects and retains the bucket, its hardening and its key grants, and never force-destroys it", () => {
                const byUrn = baseline.get(cloud) as Map<string, Registration>;
                const storage = [...byUrn.values()].filter((r) => STORAGE_TYPE.test(r.type));
                assert.ok(storage.length >= 2, storage.map((r) => r.name).join(", "));
                for (const r of storage) {
                    assert.equal(r.protect, true, `${r.type} ${r.name} is protected`);
                    assert.equal(r.retainOnDelete, true, `${r.type} ${r.name} is retained on delete`);
                    if ("forceDestroy" in r.inputs) {
                        assert.equal(r.inputs.forceDestroy, false, `${r.name} is never force-destroyed`);
                    }
                }
                const bucket = storage.find((r) => /:Bucket$|:StorageAccount$/.test(r.type));
                assert.ok(bucket, "a bucket is created");
            });

            it("keeps alive everything a retained bucket needs to decrypt its data", () => {
                // A resource the bucket depends on (a key grant, the identity the account decrypts with) that is
                // deleted with the stack leaves a retained bucket whose data can no longer be read.
                const byUrn = baseline.get(cloud) as Map<string, Registration>;
                const byName = new Map([...byUrn.values()].map((r) => [r.urn, r]));
                const bucket = [...byUrn.values()].find((r) => /:Bucket$|:StorageAccount$/.test(r.type)) as Registration;
                const unprotected = bucket.dependencyUrns
                    .map((urn) => byName.get(urn))
                    .filter((r): r is Registration => r !== undefined && !(r.protect && r.retainOnDelete))
                    .map((r) => `${r.type} ${r.name}`);
                assert.deepEqual(unprotected, [], `the ${bucket.name} depends on resources a destroy would delete`);
            });

            it("keeps its storage and identity URNs (or aliases them)", () => {
                const byUrn = baseline.get(cloud) as Map<string, Registration>;
                const aliases = [...byUrn.values()].flatMap((r) => r.aliases);
                const missing = STABLE_URNS[cloud].filter(
                    (urn) => !byUrn.has(urn) && !aliases.some((alias) => alias === urn || alias.includes(`name=${urn.split("::").pop()}`)),
                );
                assert.deepEqual(missing, [], "renamed without an alias: the engine would replace these");
            });

            it("never expires data before the longest retention", async () => {
                const cases: [string, Record<string, { retention: string }>, number][] = [
                    ["1h", {}, 60],
                    ["36h30m", {}, 36 * 60 + 30],
                    ["14d", { audit: { retention: "400d" } }, 400 * 24 * 60],
                    ["2w", { short: { retention: "1d" } }, 14 * 24 * 60],
                ];
                for (const [retention, tenants, longestMinutes] of cases) {
                    const multitenant = Object.keys(tenants).length > 0 ? { multitenancy: true, tenants } : {};
                    const byUrn = await registrationsOf({ ...BASELINES[cloud], retention, ...multitenant });
                    const days = lifecycleDays(byUrn);
                    assert.ok(days * 24 * 60 >= longestMinutes, `retention ${retention} ${JSON.stringify(tenants)}: lifecycle ${days}d`);
                }
            });

            // Every change on AWS; on the other clouds the ones most likely to reach storage code paths.
            const changes = cloud === "aws" ? NON_STORAGE_CHANGES : NON_STORAGE_CHANGES.filter((c) => CROSS_CLOUD_CHANGES.includes(c.title));
            for (const { title, change } of changes) {
                it(`leaves the bucket untouched and the identity's names alone with ${title}`, async () => {
                    const changed = await registrationsOf({ ...BASELINES[cloud], ...change });
                    assert.deepEqual(stableView(changed), stableView(baseline.get(cloud) as Map<string, Registration>));
                });
            }
        });
    }
});
