import assert from "node:assert/strict";
import { GCS_PERMISSIONS } from "../sdk/access/gcp";
import { containerScope, parseKeyVaultKeyUrl, STORAGE_BLOB_DATA_CONTRIBUTOR } from "../sdk/access/azure";
import { S3_BUCKET_ACTIONS, S3_OBJECT_ACTIONS } from "../sdk/access/aws";
import { Cloud, KafkaMode, Profile, type TempoClusterArgs } from "../sdk/args/types";
import { awsArgs, construct, valueOf } from "./support/harness";

const external = { mode: KafkaMode.External, brokers: ["kafka.internal:9092"] };
const gcpArgs = (overrides: Partial<TempoClusterArgs> = {}): TempoClusterArgs => ({
    cloud: Cloud.Gcp,
    gcp: { project: "acme-observability", location: "europe-west1" },
    kafka: external,
    ...overrides,
});
const azureArgs = (overrides: Partial<TempoClusterArgs> = {}): TempoClusterArgs => ({
    cloud: Cloud.Azure,
    azure: { resourceGroupName: "observability", location: "westeurope", oidcIssuerUrl: "https://westeurope.oic.prod-aks.azure.com/tenant/abc/" },
    kafka: external,
    ...overrides,
});

describe("TempoCluster on GCP (under mocks)", () => {
    it("creates a private, uniform-access bucket that expires after retention", async () => {
        const { get } = await construct(gcpArgs({ retention: "7d" }));
        const bucket = get("tempo-bucket").inputs as any;
        assert.equal(bucket.name, "tempo-test-tempo-traces");
        assert.equal(bucket.uniformBucketLevelAccess, true);
        assert.equal(bucket.publicAccessPrevention, "enforced");
        assert.equal(bucket.forceDestroy, false);
        assert.deepEqual(bucket.lifecycleRules[0], { action: { type: "Delete" }, condition: { age: 8 } });
        assert.equal(bucket.encryption, undefined);
        assert.equal(get("tempo-bucket").options.protect, true);
        assert.equal(get("tempo-bucket").options.retainOnDelete, true);
    });

    it("encrypts with a customer-managed key the Cloud Storage service agent may use", async () => {
        const key = "projects/acme-observability/locations/europe-west1/keyRings/tempo/cryptoKeys/traces";
        const { get } = await construct(gcpArgs({ storage: { encryptionKey: key } }));
        assert.deepEqual((get("tempo-bucket").inputs as any).encryption, { defaultKmsKeyName: key });
        const grant = get("tempo-bucket-key-access").inputs as any;
        assert.equal(grant.cryptoKeyId, key);
        assert.equal(grant.role, "roles/cloudkms.cryptoKeyEncrypterDecrypter");
        assert.match(grant.member, /^serviceAccount:service-.*@gs-project-accounts\.iam\.gserviceaccount\.com$/);
        assert.ok(get("tempo-bucket").options.dependsOn.includes("tempo-bucket-key-access"));
    });

    it("binds a custom role with exactly Tempo's permissions on the bucket, and Workload Identity on the account", async () => {
        const { get } = await construct(gcpArgs({ namespace: "tracing" }));
        const role = get("tempo-bucket-role").inputs as any;
        assert.deepEqual(role.permissions, [...GCS_PERMISSIONS]);
        const access = get("tempo-bucket-access").inputs as any;
        assert.equal(access.bucket, "tempo-test-tempo-traces");
        assert.equal(access.role, `projects/acme-observability/roles/${role.roleId}`);
        const email = (await valueOf((await construct(gcpArgs())).cluster.identity)) as string;
        assert.match(email, /^tempo-[0-9a-f]{12}@acme-observability\.iam\.gserviceaccount\.com$/);
        const wi = get("tempo-workload-identity").inputs as any;
        assert.equal(wi.role, "roles/iam.workloadIdentityUser");
        assert.equal(wi.member, "serviceAccount:acme-observability.svc.id.goog[tracing/tempo]");
        const sa = get("tempo-service-account").inputs as any;
        assert.match(sa.metadata.annotations["iam.gke.io/gcp-service-account"], /@acme-observability\.iam\.gserviceaccount\.com$/);
        const values = get("tempo-helm").inputs.values as any;
        assert.deepEqual(values.storage.trace, { backend: "gcs", gcs: { bucket_name: "tempo-test-tempo-traces" } });
    });

    it("scopes the identity to an existing bucket without creating one", async () => {
        const { render, get } = await construct(gcpArgs({ storage: { existingBucket: "company-traces" } }));
        assert.ok(!render.resources.some((r) => r.type === "gcp:storage/bucket:Bucket"));
        assert.equal((get("tempo-bucket-access").inputs as any).bucket, "company-traces");
    });

    it("uses the cluster project's workload identity pool when it differs", async () => {
        const { get } = await construct(gcpArgs({ gcp: { project: "acme-observability", location: "EU", clusterProject: "acme-platform" } }));
        assert.equal((get("tempo-workload-identity").inputs as any).member, "serviceAccount:acme-platform.svc.id.goog[tempo/tempo]");
    });
});

describe("TempoCluster on Azure (under mocks)", () => {
    it("creates a hardened StorageV2 account, a private container and a lifecycle policy", async () => {
        const { get } = await construct(azureArgs());
        const account = get("tempo-storage-account").inputs as any;
        assert.equal(account.kind, "StorageV2");
        assert.equal(account.enableHttpsTrafficOnly, true);
        assert.equal(account.minimumTlsVersion, "TLS1_2");
        assert.equal(account.allowBlobPublicAccess, false);
        assert.equal(account.allowSharedKeyAccess, false);
        assert.deepEqual(account.sku, { name: "Standard_ZRS" });
        assert.match(account.accountName, /^[a-z0-9]{3,24}$/);
        assert.equal((get("tempo-container").inputs as any).publicAccess, "None");
        const rule = (get("tempo-lifecycle").inputs as any).policy.rules[0];
        assert.equal(rule.definition.actions.baseBlob.delete.daysAfterModificationGreaterThan, 15);
        assert.deepEqual(rule.definition.filters.prefixMatch, ["tempo-test-tempo-traces/"]);
        for (const name of ["tempo-storage-account", "tempo-container", "tempo-lifecycle"]) {
            assert.equal(get(name).options.protect, true, name);
        }
    });

    it("federates a managed identity with exactly Tempo's ServiceAccount and grants it the container only", async () => {
        const { get } = await construct(azureArgs({ namespace: "tracing" }));
        const credential = get("tempo-federated-credential").inputs as any;
        assert.equal(credential.issuer, "https://westeurope.oic.prod-aks.azure.com/tenant/abc/");
        assert.equal(credential.subject, "system:serviceaccount:tracing:tempo");
        assert.deepEqual(credential.audiences, ["api://AzureADTokenExchange"]);
        const access = get("tempo-container-access").inputs as any;
        assert.equal(access.roleDefinitionId, `/subscriptions/<azure-subscription-id>/providers/Microsoft.Authorization/roleDefinitions/${STORAGE_BLOB_DATA_CONTRIBUTOR}`);
        const account = (get("tempo-storage-account").inputs as any).accountName;
        assert.equal(access.scope, containerScope("<azure-subscription-id>", "observability", account, "tempo-test-tempo-traces"));
        assert.equal(access.principalType, "ServicePrincipal");
        assert.match(access.roleAssignmentName, /^[0-9a-f-]{36}$/);
        const sa = get("tempo-service-account").inputs as any;
        assert.match(sa.metadata.annotations["azure.workload.identity/client-id"], /clientId/);
        const values = get("tempo-helm").inputs.values as any;
        assert.deepEqual(values.tempo.podLabels, { "azure.workload.identity/use": "true" });
        assert.deepEqual(values.storage.trace.azure, { storage_account_name: account, container_name: "tempo-test-tempo-traces", use_federated_token: true });
    });

    it("looks the issuer up from the AKS cluster", async () => {
        const { get } = await construct(
            azureArgs({ azure: { resourceGroupName: "observability", location: "westeurope", clusterName: "prod-aks" } }),
        );
        assert.equal((get("tempo-federated-credential").inputs as any).issuer, "https://<prod-aks-oidc-issuer>/");
    });

    it("encrypts with a Key Vault key through a dedicated identity granted on the vault", async () => {
        const keyVaultId = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/tempo-kv";
        const { get } = await construct(
            azureArgs({
                azure: { resourceGroupName: "observability", location: "westeurope", oidcIssuerUrl: "https://issuer/", keyVaultId },
                storage: { encryptionKey: "https://tempo-kv.vault.azure.net/keys/traces/0a1b2c" },
            }),
        );
        const encryption = (get("tempo-storage-account").inputs as any).encryption;
        assert.equal(encryption.keySource, "Microsoft.Keyvault");
        assert.deepEqual(encryption.keyVaultProperties, { keyName: "traces", keyVaultUri: "https://tempo-kv.vault.azure.net", keyVersion: "0a1b2c" });
        const grant = get("tempo-storage-key-access").inputs as any;
        assert.equal(grant.scope, keyVaultId);
        assert.match(grant.roleDefinitionId, /e147488a-f6f5-4113-8e2d-b22465e65bf6$/);
        assert.deepEqual(parseKeyVaultKeyUrl("https://v.vault.azure.net/keys/k"), { keyVaultUri: "https://v.vault.azure.net", keyName: "k" });
    });

    it("grants an existing container without creating storage", async () => {
        const { render, get } = await construct(
            azureArgs({
                azure: { resourceGroupName: "observability", location: "westeurope", oidcIssuerUrl: "https://issuer/", storageAccountName: "companytraces" },
                storage: { existingBucket: "tempo" },
            }),
        );
        assert.ok(!render.resources.some((r) => r.type.startsWith("azure-native:storage:")));
        assert.equal((get("tempo-container-access").inputs as any).scope, containerScope("<azure-subscription-id>", "observability", "companytraces", "tempo"));
    });

    it("uses locally redundant storage in dev", async () => {
        const { get } = await construct(azureArgs({ profile: Profile.Dev }));
        assert.deepEqual((get("tempo-storage-account").inputs as any).sku, { name: "Standard_LRS" });
    });
});

describe("least privilege on every cloud", () => {
    it("grants no identity more than Tempo needs", async () => {
        // AWS: only the five object actions and ListBucket, on this bucket.
        const aws = await construct(awsArgs());
        const policy = JSON.parse(aws.get("tempo-role-policy").inputs.policy as string);
        const actions = policy.Statement.flatMap((s: any) => [s.Action].flat()).sort();
        assert.deepEqual(actions, [...S3_BUCKET_ACTIONS, ...S3_OBJECT_ACTIONS].sort());
        assert.ok(policy.Statement.every((s: any) => !/\*$/.test(s.Resource) || s.Resource.endsWith("/*")));
        // GCP: one custom role with five permissions, bound on the bucket; nothing at project level.
        const gcp = await construct(gcpArgs());
        const gcpBindings = gcp.render.resources.filter((r) => /IAMMember|IAMBinding|IAMPolicy/.test(r.type));
        assert.deepEqual(gcpBindings.map((r) => r.type).sort(), ["gcp:serviceaccount/iAMMember:IAMMember", "gcp:storage/bucketIAMMember:BucketIAMMember"]);
        assert.deepEqual((gcp.get("tempo-bucket-role").inputs as any).permissions, [...GCS_PERMISSIONS]);
        // Azure: one data-plane role, on the container.
        const azure = await construct(azureArgs());
        const assignments = azure.ofType("azure-native:authorization:RoleAssignment");
        assert.equal(assignments.length, 1);
        assert.match((assignments[0].inputs as any).scope, /\/blobServices\/default\/containers\/tempo-test-tempo-traces$/);
        assert.match((assignments[0].inputs as any).roleDefinitionId, new RegExp(`${STORAGE_BLOB_DATA_CONTRIBUTOR}$`));
    });
});

describe("TempoCluster with the in-cluster object store (under mocks)", () => {
    const localArgs = (overrides: Partial<TempoClusterArgs> = {}): TempoClusterArgs => ({
        cloud: Cloud.Local,
        profile: Profile.Dev,
        kafka: external,
        ...overrides,
    });

    it("runs RustFS with generated credentials from a Secret and creates the bucket", async () => {
        const { get } = await construct(localArgs({ local: { storageSize: "5Gi", storageClass: "standard" } }));
        const store = get("tempo-object-store");
        assert.equal(store.inputs.chart, "rustfs");
        assert.equal(store.inputs.version, "1.0.0-rc.3");
        assert.deepEqual(store.inputs.repositoryOpts, { repo: "https://charts.rustfs.com" });
        const values = store.inputs.values as any;
        assert.equal(values.secret.existingSecret, "tempo-object-store-credentials");
        assert.deepEqual(values.storageclass, { name: "standard", dataStorageSize: "5Gi" });
        assert.equal(values.ingress.enabled, false);
        assert.ok(store.options.dependsOn.includes("tempo-object-store-credentials"));
        assert.equal(get("tempo-object-store-secret-key").type, "random:index/randomPassword:RandomPassword");
        const credentials = get("tempo-object-store-credentials");
        assert.equal(credentials.type, "kubernetes:core/v1:Secret");
        assert.equal(credentials.inputs.stringData, "[secret]");
        const job = get("tempo-create-bucket");
        assert.equal(job.type, "kubernetes:batch/v1:Job");
        assert.ok(job.options.dependsOn.includes("tempo-object-store"));
        const container = (job.inputs.spec as any).template.spec.containers[0];
        assert.match(container.command[2], /create-bucket --bucket "tempo-test-tempo-traces"/);
        assert.deepEqual(container.env[1].valueFrom, { secretKeyRef: { name: "tempo-object-store-credentials", key: "AWS_SECRET_ACCESS_KEY" } });
    });

    it("points Tempo at the store with path-style plain HTTP, and keys only from the environment", async () => {
        const { get, render } = await construct(localArgs());
        const values = get("tempo-helm").inputs.values as any;
        assert.deepEqual(values.storage.trace, {
            backend: "s3",
            s3: { bucket: "tempo-test-tempo-traces", endpoint: "tempo-rustfs-svc.tempo.svc.cluster.local:9000", insecure: true, forcepathstyle: true },
        });
        const key = (name: string) => ({ name, valueFrom: { secretKeyRef: { name: "tempo-object-store-credentials", key: name } } });
        for (const section of ["queryFrontend", "querier", "blockBuilder", "backendScheduler", "backendWorker"]) {
            assert.deepEqual(values[section].extraEnv, [key("AWS_ACCESS_KEY_ID"), key("AWS_SECRET_ACCESS_KEY")], section);
        }
        for (const section of ["distributor", "liveStore"]) {
            assert.equal(values[section].extraEnv, undefined, `${section} never reads the store`);
        }
        assert.equal(values.global, undefined, "nothing through global: the chart gives it to memcached too");
        assert.ok(!JSON.stringify(values).includes("secret_key"), "no key in the values");
        for (const dependency of ["tempo-create-bucket", "tempo-object-store", "tempo-object-store-credentials"]) {
            assert.ok(get("tempo-helm").options.dependsOn.includes(dependency), dependency);
        }
        const configMaps = render.resources.filter((r) => r.type === "kubernetes:core/v1:ConfigMap");
        assert.ok(configMaps.every((c) => !/SECRET_ACCESS_KEY|object-store-credentials/.test(JSON.stringify(c.inputs))), "no ConfigMap carries store credentials");
    });

    it("gives each component only the store credentials and Kafka SASL it uses", async () => {
        const { get } = await construct(
            localArgs({ kafka: { ...external, saslUsername: "tempo", saslPassword: "pw" } }),
        );
        const values = get("tempo-helm").inputs.values as any;
        const names = (section: string) => (values[section].extraEnv ?? []).map((entry: any) => entry.name);
        const store = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"];
        const sasl = ["TEMPO_KAFKA_SASL_PASSWORD", "TEMPO_KAFKA_SASL_USERNAME"];
        assert.deepEqual(names("blockBuilder"), [...store, ...sasl]);
        assert.deepEqual(names("distributor"), sasl);
        assert.deepEqual(names("liveStore"), sasl);
        assert.deepEqual(names("querier"), store);
        assert.equal(values.memcached.extraEnv, undefined);
        assert.equal(values.global, undefined);
    });

    it("binds an S3-compatible store the user runs, creating only the credentials Secret", async () => {
        const { render, get } = await construct(
            localArgs({
                storage: { existingBucket: "traces" },
                local: { endpoint: "minio.storage.svc:9000", accessKeyId: "tempo", secretAccessKey: "s3cr3t", insecure: true },
            }),
        );
        assert.ok(!render.resources.some((r) => ["tempo-object-store", "tempo-create-bucket", "tempo-object-store-secret-key"].includes(r.name)));
        assert.equal(get("tempo-object-store-credentials").inputs.stringData, "[secret]");
        assert.ok(!JSON.stringify(render.resources).includes("s3cr3t"));
        assert.deepEqual((get("tempo-helm").inputs.values as any).storage.trace.s3, {
            bucket: "traces",
            endpoint: "minio.storage.svc:9000",
            insecure: true,
            forcepathstyle: true,
        });
    });
});
