/**
 * Secrets audit: every registered resource's inputs (and the component's own outputs) are walked in the wire form the
 * engine receives, where a Pulumi secret is a marked envelope. Every known secret — object-store credentials, the
 * Kafka SASL password, the gateway password (and its bcrypt hash), remote-write credentials, the kubeconfig — must
 * appear only inside such an envelope, only in resources meant to hold it (Kubernetes Secrets, the Grafana API
 * datasource's secure JSON, the Kubernetes provider), never in a ConfigMap and never in Helm values (the charts
 * write their config into ConfigMaps). Each secret must also appear at least once, so the audit cannot pass by
 * looking at nothing.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { clusterFromStackConfig } from "../sdk/program";
import { TempoCluster } from "../sdk/tempoCluster";
import { ChartInstallMethod, Cloud, DatasourceMode, KafkaMode, Profile, type TempoClusterArgs } from "../sdk/args/types";
import { resetMocks, settle } from "./support/harness";

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Secret values fed to the component (as plain strings, the least protected way a caller can pass them). */
const SASL_PASSWORD = "sasl-password-S3NTINEL";
const REMOTE_WRITE_PASSWORD = "remote-write-password-S3NTINEL";
const STORE_SECRET_KEY = "store-secret-key-S3NTINEL";
/** What the offline mocks answer for generated passwords (their value and bcrypt hash). */
const GATEWAY_PASSWORD = "RandomPassword tempo-gateway-password.result";
const GATEWAY_HASH = "RandomPassword tempo-gateway-password.bcryptHash";
const GENERATED_STORE_KEY = "RandomPassword tempo-object-store-secret-key.result";

/** Resource types allowed to hold a secret (always marked). */
const SECRET_HOLDERS = new Set(["kubernetes:core/v1:Secret", "grafana:oss/dataSource:DataSource", "pulumi:providers:kubernetes"]);
const HELM_TYPES = new Set(["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart"]);

interface Sighting {
    readonly resource: string;
    readonly type: string;
    readonly path: string;
    readonly secret: string;
    readonly marked: boolean;
}

/** Every place a known secret occurs in `value`, and whether a secret envelope encloses it. */
function sightings(value: unknown, secrets: readonly string[], at: { resource: string; type: string }, path = "", marked = false): Sighting[] {
    if (typeof value === "string") {
        return secrets.filter((s) => value.includes(s)).map((secret) => ({ ...at, path, secret, marked }));
    }
    if (Array.isArray(value)) {
        return value.flatMap((item, index) => sightings(item, secrets, at, `${path}[${index}]`, marked));
    }
    if (typeof value === "object" && value !== null) {
        const record = value as Record<string, unknown>;
        if (record[SIG_KEY] === SECRET_SIG) {
            return sightings(record.value, secrets, at, path, true);
        }
        return Object.entries(record).flatMap(([key, item]) => sightings(item, secrets, at, path === "" ? key : `${path}.${key}`, marked));
    }
    return [];
}

/** Runs `program` under fresh mocks and returns every sighting in inputs and in registered outputs. */
async function audit(program: () => unknown, secrets: readonly string[], config?: { values: Record<string, string>; secretKeys: string[] }) {
    const registrations = await resetMocks();
    if (config) {
        pulumi.runtime.setAllConfig(config.values, config.secretKeys);
    }
    const outputs: { urn: string; outputs: unknown }[] = [];
    const monitor = pulumi.runtime.getMonitor() as any;
    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req: any, callback: (err: unknown, res: unknown) => void) => {
        outputs.push({ urn: req.getUrn(), outputs: req.getOutputs()?.toJavaScript() ?? {} });
        return registerOutputs(req, callback);
    };
    const cluster = program();
    await settle();
    const found: Sighting[] = [];
    for (const r of registrations) {
        found.push(...sightings(r.inputs, secrets, { resource: r.name, type: r.type }));
    }
    for (const o of outputs) {
        found.push(...sightings(o.outputs, secrets, { resource: `${o.urn} (outputs)`, type: "outputs" }));
    }
    return { registrations, outputs, found, cluster };
}

function assertSecretsContained(found: readonly Sighting[], secrets: readonly string[]): void {
    const unmarked = found.filter((s) => !s.marked);
    assert.deepEqual(unmarked, [], "a secret sits in plain text");
    const misplaced = found.filter((s) => s.type !== "outputs" && !SECRET_HOLDERS.has(s.type));
    assert.deepEqual(misplaced, [], "a secret sits outside a Secret (ConfigMaps, Helm values and other resources must not hold one)");
    for (const secret of secrets) {
        assert.ok(
            found.some((s) => s.secret === secret && s.type !== "outputs"),
            `${secret} was not delivered to any resource: the audit would be vacuous`,
        );
    }
}

const external = (overrides: Record<string, unknown> = {}) => ({
    mode: KafkaMode.External,
    brokers: ["kafka.internal:9092"],
    saslUsername: "tempo",
    saslPassword: SASL_PASSWORD,
    ...overrides,
});
const generator = {
    remoteWriteUrl: "https://mimir.example.com/api/v1/push",
    remoteWriteUsername: "tempo",
    remoteWritePassword: REMOTE_WRITE_PASSWORD,
};
const gateway = { host: "tempo.example.com", ingressClassName: "nginx" };
const aws = (overrides: Partial<TempoClusterArgs> = {}): TempoClusterArgs => ({
    cloud: Cloud.Aws,
    aws: { region: "eu-west-1", clusterName: "prod-eks" },
    kafka: external(),
    multitenancy: true,
    tenants: { team_a: {}, team_b: {} },
    metricsGenerator: generator,
    gateway,
    ...overrides,
});

const CASES: readonly { title: string; args: TempoClusterArgs; secrets: string[] }[] = [
    {
        title: "AWS, external Kafka with SASL, remote-write auth, gateway basic auth, sidecar datasource",
        args: aws(),
        secrets: [SASL_PASSWORD, REMOTE_WRITE_PASSWORD, GATEWAY_PASSWORD, GATEWAY_HASH],
    },
    {
        title: "the same with the grafana-operator datasource",
        args: aws({ grafana: { datasource: DatasourceMode.GrafanaOperator, instanceSelector: { dashboards: "grafana" } } }),
        secrets: [SASL_PASSWORD, REMOTE_WRITE_PASSWORD, GATEWAY_PASSWORD, GATEWAY_HASH],
    },
    {
        title: "the same with the Grafana API datasource",
        args: aws({ grafana: { datasource: DatasourceMode.GrafanaApi } }),
        secrets: [SASL_PASSWORD, REMOTE_WRITE_PASSWORD, GATEWAY_PASSWORD, GATEWAY_HASH],
    },
    {
        title: "the same installed as helm.v4.Chart",
        args: aws({ chart: { install: ChartInstallMethod.Chart } }),
        secrets: [SASL_PASSWORD, REMOTE_WRITE_PASSWORD, GATEWAY_PASSWORD, GATEWAY_HASH],
    },
    {
        title: "secrets passed as plain (unmarked) Pulumi outputs",
        args: aws({
            kafka: external({ saslPassword: pulumi.output(SASL_PASSWORD) }),
            metricsGenerator: { ...generator, remoteWritePassword: pulumi.output(REMOTE_WRITE_PASSWORD) },
        }),
        secrets: [SASL_PASSWORD, REMOTE_WRITE_PASSWORD],
    },
    {
        title: "the in-cluster object store with generated credentials, SASL and the gateway",
        args: { cloud: Cloud.Local, profile: Profile.Dev, kafka: external(), gateway, metricsGenerator: generator },
        secrets: [GENERATED_STORE_KEY, SASL_PASSWORD, REMOTE_WRITE_PASSWORD, GATEWAY_PASSWORD, GATEWAY_HASH],
    },
    {
        title: "an existing S3-compatible store with its secret key",
        args: {
            cloud: Cloud.Local,
            profile: Profile.Dev,
            storage: { existingBucket: "traces" },
            local: { endpoint: "minio.storage.svc:9000", accessKeyId: "tempo", secretAccessKey: STORE_SECRET_KEY, insecure: true },
            kafka: external(),
        },
        secrets: [STORE_SECRET_KEY, SASL_PASSWORD],
    },
    {
        title: "GCP with every secret feature",
        args: {
            cloud: Cloud.Gcp,
            gcp: { project: "acme-observability", location: "europe-west1" },
            kafka: external(),
            metricsGenerator: generator,
            gateway,
        },
        secrets: [SASL_PASSWORD, REMOTE_WRITE_PASSWORD, GATEWAY_PASSWORD, GATEWAY_HASH],
    },
    {
        title: "Azure with every secret feature",
        args: {
            cloud: Cloud.Azure,
            azure: { resourceGroupName: "observability", location: "westeurope", oidcIssuerUrl: "https://issuer.example/abc/" },
            kafka: external(),
            metricsGenerator: generator,
            gateway,
        },
        secrets: [SASL_PASSWORD, REMOTE_WRITE_PASSWORD, GATEWAY_PASSWORD, GATEWAY_HASH],
    },
];

describe("secrets audit", () => {
    it("detects a plain secret, and a marked one in the wrong place (self-check)", () => {
        const at = { resource: "r", type: "kubernetes:core/v1:ConfigMap" };
        const plain = sightings({ data: { key: ["prefix-S3CRET-suffix"] } }, ["S3CRET"], at);
        assert.deepEqual(plain, [{ ...at, path: "data.key[0]", secret: "S3CRET", marked: false }]);
        const marked = sightings({ stringData: { [SIG_KEY]: SECRET_SIG, value: { key: "S3CRET" } } }, ["S3CRET"], at);
        assert.deepEqual(marked, [{ ...at, path: "stringData.key", secret: "S3CRET", marked: true }]);
        assert.throws(() => assertSecretsContained(plain, ["S3CRET"]), /plain text/);
        assert.throws(() => assertSecretsContained(marked, ["S3CRET"]), /outside a Secret/);
        assert.throws(() => assertSecretsContained([], ["S3CRET"]), /vacuous/);
        assertSecretsContained([{ ...marked[0], type: "kubernetes:core/v1:Secret" }], ["S3CRET"]);
    });

    for (const { title, args, secrets } of CASES) {
        it(`keeps every secret marked and out of ConfigMaps and Helm values: ${title}`, async () => {
            const { found, registrations } = await audit(() => new TempoCluster("tempo", args), secrets);
            assertSecretsContained(found, secrets);
            // Belt and braces: no ConfigMap and no Helm values mention a secret, even marked.
            for (const r of registrations) {
                if (r.type === "kubernetes:core/v1:ConfigMap" || HELM_TYPES.has(r.type)) {
                    const text = JSON.stringify(r.type === "kubernetes:core/v1:ConfigMap" ? r.inputs : r.inputs.values);
                    for (const secret of secrets) {
                        assert.ok(!text.includes(secret), `${r.type} ${r.name} holds ${secret}`);
                    }
                }
            }
        });
    }

    it("marks the gateway password output secret, and the component's registered outputs hold no plain secret", async () => {
        const secrets = [GATEWAY_PASSWORD, SASL_PASSWORD];
        const { found, outputs, cluster } = await audit(() => new TempoCluster("tempo", aws()), secrets);
        const component = outputs.find((o) => o.urn.endsWith("::tempo"));
        assert.ok(component, "the component registers its outputs");
        assert.ok(found.some((s) => s.type === "outputs" && s.secret === GATEWAY_PASSWORD && s.marked), "gatewayPassword is a marked output");
        assert.deepEqual(found.filter((s) => !s.marked), []);
        const password = (cluster as TempoCluster).gatewayPassword as unknown as { isSecret: Promise<boolean> };
        assert.equal(await password.isSecret, true);
    });

    it("takes secrets from secret stack config and keeps them marked, kubeconfig included", async () => {
        const placeholders = ["<secret tempo:kafkaSaslPassword>", "<secret tempo:localSecretAccessKey>", "<secret tempo:kubeconfig>"];
        const cluster = {
            cloud: "local",
            profile: "dev",
            storage: { existingBucket: "traces" },
            local: { endpoint: "minio.storage.svc:9000", accessKeyId: "tempo" },
            kafka: { mode: "external", brokers: ["kafka.internal:9092"], saslUsername: "tempo" },
        };
        const config = {
            values: {
                "tempo:cluster": JSON.stringify(cluster),
                "tempo:kafkaSaslPassword": placeholders[0],
                "tempo:localSecretAccessKey": placeholders[1],
                "tempo:kubeconfig": placeholders[2],
            },
            secretKeys: ["tempo:kafkaSaslPassword", "tempo:localSecretAccessKey", "tempo:kubeconfig"],
        };
        const { found, registrations } = await audit(() => clusterFromStackConfig(), placeholders, config);
        assert.ok(registrations.some((r) => r.type === "pulumi:providers:kubernetes"), "the explicit provider is registered");
        assertSecretsContained(found, placeholders);
    });
});

/**
 * Least privilege, where test/clouds.test.ts leaves gaps: the complete set of grants per cloud (nothing beyond the
 * documented ones, no authoritative IAM resources, no grant above bucket or vault scope), exact trust conditions in
 * every identity mode, and no Kubernetes RBAC or cluster-scoped object of the component's own.
 */
describe("least privilege: the complete set of grants", () => {
    const KMS_KEY = "arn:aws:kms:eu-west-1:123456789012:key/0d9e5c2a-6f41-4b7e-9a53-2f1c8e7b6a10";
    const BUCKET = "arn:aws:s3:::tempo-test-tempo-traces";

    for (const identityMode of ["irsa", "pod-identity"] as const) {
        for (const encryptionKey of [undefined, KMS_KEY]) {
            it(`AWS ${identityMode}${encryptionKey ? " with a KMS key" : ""}: one role, one inline policy, exact resources and trust`, async () => {
                const { registrations } = await audit(
                    () =>
                        new TempoCluster("tempo", {
                            cloud: Cloud.Aws,
                            aws: { region: "eu-west-1", accountId: "123456789012", clusterName: "prod-eks", identityMode: identityMode as never },
                            storage: encryptionKey ? { encryptionKey } : {},
                            kafka: { mode: KafkaMode.External, brokers: ["kafka.internal:9092"] },
                        }),
                    [],
                );
                const iam = registrations.filter((r) => /^aws:(iam|eks)\//.test(r.type)).map((r) => r.type).sort();
                assert.deepEqual(iam, [
                    ...(identityMode === "pod-identity" ? ["aws:eks/podIdentityAssociation:PodIdentityAssociation"] : []),
                    "aws:iam/role:Role",
                    "aws:iam/rolePolicy:RolePolicy",
                ]);
                const policy = JSON.parse(registrations.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy")?.inputs.policy as string);
                const grants = policy.Statement.map((s: any) => {
                    assert.deepEqual(Object.keys(s).sort(), ["Action", "Effect", "Resource", "Sid"], "no NotAction, NotResource or Principal");
                    assert.equal(s.Effect, "Allow");
                    return { actions: [s.Action].flat().sort(), resource: s.Resource };
                });
                assert.deepEqual(grants, [
                    { actions: ["s3:ListBucket"], resource: BUCKET },
                    { actions: ["s3:DeleteObject", "s3:GetObject", "s3:GetObjectTagging", "s3:PutObject", "s3:PutObjectTagging"], resource: `${BUCKET}/*` },
                    ...(encryptionKey ? [{ actions: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*"], resource: KMS_KEY }] : []),
                ]);
                const trust = JSON.parse(registrations.find((r) => r.type === "aws:iam/role:Role")?.inputs.assumeRolePolicy as string);
                assert.equal(trust.Statement.length, 1);
                if (identityMode === "irsa") {
                    const issuer = "oidc.eks.<aws-region>.amazonaws.com/id/<prod-eks-oidc-id>";
                    assert.deepEqual(trust.Statement[0].Condition, {
                        StringEquals: { [`${issuer}:sub`]: "system:serviceaccount:tempo:tempo", [`${issuer}:aud`]: "sts.amazonaws.com" },
                    }, "exact match (no StringLike) on one ServiceAccount and the STS audience");
                    assert.equal(trust.Statement[0].Action, "sts:AssumeRoleWithWebIdentity");
                } else {
                    assert.deepEqual(trust.Statement[0].Principal, { Service: "pods.eks.amazonaws.com" });
                    const association = registrations.find((r) => r.type === "aws:eks/podIdentityAssociation:PodIdentityAssociation");
                    assert.deepEqual(
                        [association?.inputs.clusterName, association?.inputs.namespace, association?.inputs.serviceAccount],
                        ["prod-eks", "tempo", "tempo"],
                    );
                }
            });
        }
    }

    it("GCP with a key: only additive grants, on the bucket, the service account and the key — none at project level", async () => {
        const key = "projects/acme-observability/locations/europe-west1/keyRings/tempo/cryptoKeys/traces";
        const { registrations } = await audit(
            () =>
                new TempoCluster("tempo", {
                    cloud: Cloud.Gcp,
                    gcp: { project: "acme-observability", location: "europe-west1" },
                    storage: { encryptionKey: key },
                    kafka: { mode: KafkaMode.External, brokers: ["kafka.internal:9092"] },
                }),
            [],
        );
        const grants = registrations.filter((r) => /IAM|iAM/.test(r.type));
        // Authoritative *IAMBinding/*IAMPolicy resources would remove other members' grants; only *IAMMember is used.
        assert.deepEqual(grants.map((r) => r.type).sort(), [
            "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember",
            "gcp:projects/iAMCustomRole:IAMCustomRole",
            "gcp:serviceaccount/iAMMember:IAMMember",
            "gcp:storage/bucketIAMMember:BucketIAMMember",
        ]);
        const byType = (suffix: string) => grants.find((r) => r.type.endsWith(suffix))?.inputs as Record<string, any>;
        const email = (registrations.find((r) => r.type === "gcp:serviceaccount/account:Account")?.inputs.accountId as string) + "@acme-observability.iam.gserviceaccount.com";
        assert.deepEqual(
            { bucket: byType("BucketIAMMember").bucket, member: byType("BucketIAMMember").member },
            { bucket: "tempo-test-tempo-traces", member: `serviceAccount:${email}` },
        );
        assert.equal(byType("CryptoKeyIAMMember").cryptoKeyId, key);
        assert.equal(byType("CryptoKeyIAMMember").role, "roles/cloudkms.cryptoKeyEncrypterDecrypter");
        assert.match(byType("CryptoKeyIAMMember").member, /@gs-project-accounts\.iam\.gserviceaccount\.com$/, "the key is granted to the Cloud Storage service agent, not to Tempo");
        assert.equal(byType("serviceaccount/iAMMember:IAMMember").member, "serviceAccount:acme-observability.svc.id.goog[tempo/tempo]");
        assert.equal(byType("serviceaccount/iAMMember:IAMMember").role, "roles/iam.workloadIdentityUser");
    });

    it("Azure with a key: one assignment for Tempo on the container, one for the key identity on the vault, nothing wider", async () => {
        const keyVaultId = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/tempo-kv";
        const { registrations } = await audit(
            () =>
                new TempoCluster("tempo", {
                    cloud: Cloud.Azure,
                    azure: { resourceGroupName: "observability", location: "westeurope", oidcIssuerUrl: "https://issuer.example/abc/", keyVaultId },
                    storage: { encryptionKey: "https://tempo-kv.vault.azure.net/keys/traces" },
                    kafka: { mode: KafkaMode.External, brokers: ["kafka.internal:9092"] },
                }),
            [],
        );
        const assignments = registrations
            .filter((r) => r.type === "azure-native:authorization:RoleAssignment")
            .map((r) => ({ name: r.name, scope: r.inputs.scope as string, role: (r.inputs.roleDefinitionId as string).split("/").pop(), principalType: r.inputs.principalType }))
            .sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(assignments.map((a) => a.name), ["tempo-container-access", "tempo-storage-key-access"]);
        assert.match(assignments[0].scope, /\/storageAccounts\/[a-z0-9]+\/blobServices\/default\/containers\/tempo-test-tempo-traces$/);
        assert.equal(assignments[0].role, "ba92f5b4-2d11-453d-a403-e96b0029c9fe", "Storage Blob Data Contributor");
        assert.equal(assignments[1].scope, keyVaultId);
        assert.equal(assignments[1].role, "e147488a-f6f5-4113-8e2d-b22465e65bf6", "Key Vault Crypto Service Encryption User");
        assert.ok(assignments.every((a) => a.principalType === "ServicePrincipal"));
        const account = registrations.find((r) => r.type === "azure-native:storage:StorageAccount")?.inputs as Record<string, any>;
        assert.equal(account.allowSharedKeyAccess, false, "no account keys");
    });

    it("Kubernetes: no RBAC and no cluster-scoped object of the component's own, and no API token in Tempo's pods", async () => {
        for (const args of [aws(), { cloud: Cloud.Local, profile: Profile.Dev, kafka: external(), gateway } as TempoClusterArgs, aws({ kafka: undefined })]) {
            const { registrations } = await audit(() => new TempoCluster("tempo", args), []);
            const kinds = registrations.filter((r) => r.custom && r.type.startsWith("kubernetes:") && !r.type.startsWith("kubernetes:helm.sh/"));
            assert.deepEqual(kinds.filter((r) => /rbac\.authorization\.k8s\.io/.test(r.type)), [], "no Role, ClusterRole or binding");
            const clusterScoped = kinds.filter((r) => (r.inputs.metadata as Record<string, unknown> | undefined)?.namespace === undefined).map((r) => r.type);
            assert.deepEqual([...new Set(clusterScoped)], ["kubernetes:core/v1:Namespace"]);
            const serviceAccount = kinds.find((r) => r.type === "kubernetes:core/v1:ServiceAccount");
            assert.equal(serviceAccount?.inputs.automountServiceAccountToken, false);
            const values = registrations.find((r) => r.name === "tempo-helm")?.inputs.values as Record<string, any>;
            assert.deepEqual(values.serviceAccount, { create: false, name: "tempo" }, "the chart creates no ServiceAccount of its own");
        }
    });
});
