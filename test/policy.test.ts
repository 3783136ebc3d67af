/**
 * The policy pack (sdk/policy): every rule with passing and failing hand-built cases, and the whole pack over the
 * golden render of every committed stack.
 *
 * The policies are called directly with hand-built `ResourceValidationArgs` / `StackValidationArgs`, as the policy
 * SDK's own tests do; no `PolicyPack` is constructed (its constructor starts a gRPC server).
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type {
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { unknownCheckingProxy } from "@pulumi/policy";
import {
    bucketEncryption,
    bucketPublicAccessBlocked,
    bucketTlsOnly,
    checkChartVersion,
    checkConfigMapData,
    checkSelectorLabels,
    credentialsInValues,
    globMatch,
    helmChartVersionPinned,
    helmValuesNoCredentials,
    iamLeastPrivilege,
    isCredentialReference,
    isExactChartVersion,
    isProductionStack,
    isSecretKey,
    isStackPolicy,
    kafkaReplicationProduction,
    kubernetesExplicitNames,
    monitoringSelectorLabels,
    noSecretsInConfigMaps,
    policies,
    productionStorageProtected,
    stackOfUrn,
    tryRead,
    workloadIdentityTrustScoped,
    type TempoPolicy,
} from "../sdk/policy/policies";

// ---------------------------------------------------------------------------------------------------------------------
// Hand-built policy arguments
// ---------------------------------------------------------------------------------------------------------------------

class NotApplicable extends Error {
    constructor(readonly reason?: string) {
        super(`not applicable: ${reason ?? ""}`);
    }
}

type Config = Record<string, unknown>;
type ExtraOptions = Partial<PolicyResourceOptions> & { retainOnDelete?: boolean };

interface Outcome {
    readonly violations: string[];
    readonly urns: Array<string | undefined>;
    readonly notApplicable?: string;
}

const typeOfClass = (resourceClass: unknown) => (resourceClass as { __pulumiType?: string }).__pulumiType;

function urnOf(stack: string, qualifiedType: string, name: string): string {
    return `urn:pulumi:${stack}::tempo::${qualifiedType}::${name}`;
}

function options(extra: ExtraOptions = {}): PolicyResourceOptions {
    return {
        protect: false,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        ...extra,
    } as PolicyResourceOptions;
}

function resourceArgs(
    type: string,
    props: Record<string, unknown>,
    { stack = "prod", name = "r", opts = {}, config = {}, urn }: { stack?: string; name?: string; opts?: ExtraOptions; config?: Config; urn?: string } = {},
): ResourceValidationArgs {
    return {
        type,
        props,
        urn: urn ?? urnOf(stack, type, name),
        name,
        opts: options(opts),
        stackTags: new Map(),
        isType: (resourceClass) => typeOfClass(resourceClass) === type,
        asType: ((resourceClass: unknown) => (typeOfClass(resourceClass) === type ? props : undefined)) as ResourceValidationArgs["asType"],
        getConfig: <T extends object>() => config as T,
        notApplicable: (reason?: string): never => {
            throw new NotApplicable(reason);
        },
    };
}

async function runResource(policy: ResourceValidationPolicy, args: ResourceValidationArgs): Promise<Outcome> {
    const violations: string[] = [];
    const urns: Array<string | undefined> = [];
    const validations = Array.isArray(policy.validateResource)
        ? policy.validateResource
        : policy.validateResource
          ? [policy.validateResource]
          : [];
    try {
        for (const validate of validations) {
            await validate(args, (message, urn) => {
                violations.push(message);
                urns.push(urn);
            });
        }
    } catch (error) {
        if (error instanceof NotApplicable) {
            return { violations, urns, notApplicable: error.reason ?? "" };
        }
        throw error;
    }
    return { violations, urns };
}

/** A stack resource for stack policies. */
interface Res {
    type: string;
    name: string;
    props: Record<string, unknown>;
    opts?: ExtraOptions;
    parent?: string; // name
    dependsOn?: string[];
}

function stackArgs(stack: string, resources: Res[], config: Config = {}): StackValidationArgs {
    const byName = new Map<string, PolicyResource>();
    const qualified = (r: Res): string => {
        const parent = r.parent ? resources.find((p) => p.name === r.parent) : undefined;
        return parent ? `${qualified(parent)}$${r.type}` : r.type;
    };
    const built = resources.map((r) => {
        const resource = {
            type: r.type,
            name: r.name,
            props: r.props,
            urn: urnOf(stack, qualified(r), r.name),
            opts: options(r.opts),
            dependencies: [] as PolicyResource[],
            propertyDependencies: {} as Record<string, PolicyResource[]>,
            isType: (resourceClass: unknown) => typeOfClass(resourceClass) === r.type,
            asType: (resourceClass: unknown) => (typeOfClass(resourceClass) === r.type ? r.props : undefined),
        } as unknown as PolicyResource & { parent?: PolicyResource };
        byName.set(r.name, resource);
        return resource;
    });
    resources.forEach((r, i) => {
        const resource = built[i] as { parent?: PolicyResource; dependencies: PolicyResource[]; opts: PolicyResourceOptions };
        if (r.parent && byName.has(r.parent)) {
            resource.parent = byName.get(r.parent);
            resource.opts.parent = byName.get(r.parent)!.urn;
        }
        resource.dependencies = (r.dependsOn ?? []).map((d) => byName.get(d)).filter((d): d is PolicyResource => !!d);
    });
    return {
        resources: built,
        stackTags: new Map(),
        getConfig: <T extends object>() => config as T,
        notApplicable: (reason?: string): never => {
            throw new NotApplicable(reason);
        },
    };
}

async function runStack(policy: StackValidationPolicy, args: StackValidationArgs): Promise<Outcome> {
    const violations: string[] = [];
    const urns: Array<string | undefined> = [];
    try {
        await policy.validateStack(args, (message, urn) => {
            violations.push(message);
            urns.push(urn);
        });
    } catch (error) {
        if (error instanceof NotApplicable) {
            return { violations, urns, notApplicable: error.reason ?? "" };
        }
        throw error;
    }
    return { violations, urns };
}

const T = {
    bucket: "aws:s3/bucket:Bucket",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    pab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    bucketAcl: "aws:s3/bucketAcl:BucketAcl",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    policy: "aws:iam/policy:Policy",
    role: "aws:iam/role:Role",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    podIdentity: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
    gcsBucket: "gcp:storage/bucket:Bucket",
    gcsMember: "gcp:storage/bucketIAMMember:BucketIAMMember",
    gcpProjectMember: "gcp:projects/iAMMember:IAMMember",
    gcpSaMember: "gcp:serviceaccount/iAMMember:IAMMember",
    gcpSaBinding: "gcp:serviceaccount/iAMBinding:IAMBinding",
    gcpCustomRole: "gcp:projects/iAMCustomRole:IAMCustomRole",
    azAccount: "azure-native:storage:StorageAccount",
    azContainer: "azure-native:storage:BlobContainer",
    azRole: "azure-native:authorization:RoleAssignment",
    azRoleDef: "azure-native:authorization:RoleDefinition",
    azFic: "azure-native:managedidentity:FederatedIdentityCredential",
    release: "kubernetes:helm.sh/v3:Release",
    chartV4: "kubernetes:helm.sh/v4:Chart",
    configMap: "kubernetes:core/v1:ConfigMap",
    serviceMonitor: "kubernetes:monitoring.coreos.com/v1:ServiceMonitor",
    prometheusRule: "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
    kafka: "kubernetes:kafka.strimzi.io/v1:Kafka",
    pool: "kubernetes:kafka.strimzi.io/v1:KafkaNodePool",
    topic: "kubernetes:kafka.strimzi.io/v1:KafkaTopic",
    serviceAccount: "kubernetes:core/v1:ServiceAccount",
};

const BUCKET = "tempo-prod-tempo-traces";
const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const denyInsecure = (bucket = BUCKET) => ({
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: { AWS: "*" },
    Action: "s3:*",
    Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
});

/** A hardened S3 bucket as TempoCluster creates it, with `omit` leaving out some of its children. */
function s3Stack(omit: string[] = [], overrides: Partial<Record<string, Record<string, unknown>>> = {}): Res[] {
    const all: Res[] = [
        { type: T.bucket, name: "tempo-bucket", props: { bucket: BUCKET, forceDestroy: false }, opts: { protect: true } },
        {
            type: T.sse,
            name: "tempo-bucket-encryption",
            parent: "tempo-bucket",
            props: { bucket: BUCKET, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
        },
        {
            type: T.pab,
            name: "tempo-bucket-public-access",
            parent: "tempo-bucket",
            props: { bucket: BUCKET, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
        },
        { type: T.bucketPolicy, name: "tempo-bucket-policy", parent: "tempo-bucket", props: { bucket: BUCKET, policy: doc(denyInsecure()) } },
    ];
    return all
        .filter((r) => !omit.includes(r.name))
        .map((r) => (overrides[r.name] ? { ...r, props: { ...r.props, ...overrides[r.name] } } : r));
}

const irsaTrust = (condition: object) =>
    doc({
        Effect: "Allow",
        Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC" },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: condition,
    });
const ISSUER = "oidc.eks.eu-west-1.amazonaws.com/id/ABC";

// ---------------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------------

describe("policy pack: shared helpers (sdk/policy/shared.ts)", () => {
    it("reads the stack from a URN and matches stack globs", () => {
        assert.equal(stackOfUrn("urn:pulumi:prod-eu::tempo::aws:s3/bucket:Bucket::b"), "prod-eu");
        assert.equal(stackOfUrn("not-a-urn"), undefined);
        assert.ok(globMatch("dev-*", "dev-alice"));
        assert.ok(!globMatch("dev-*", "prod-dev"));
        assert.ok(globMatch("pr-???", "pr-123"));
    });

    it("treats every stack as production unless it is listed as non-production (fail closed)", () => {
        for (const stack of ["prod", "prod-azure", "staging", "seed", "eu-1"]) {
            assert.ok(isProductionStack(stack), stack);
        }
        for (const stack of ["dev", "dev-alice", "local"]) {
            assert.ok(!isProductionStack(stack), stack);
        }
        const onlyProd = { nonProductionStacks: [], productionStacks: ["prod", "prod-*"] };
        assert.ok(isProductionStack("prod-gcp", onlyProd));
        assert.ok(!isProductionStack("staging", onlyProd));
    });

    it("skips values that are unknown during preview and rethrows other errors", () => {
        const props = unknownCheckingProxy({ known: "a", later: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }) as Record<string, unknown>;
        assert.equal(tryRead(() => props.known), "a");
        assert.equal(tryRead(() => props.later), undefined);
        assert.throws(() => tryRead(() => JSON.parse("{")));
    });

    it("every policy has a unique name, a description and an enforcement level", () => {
        const names = policies.map((p) => p.name);
        assert.equal(new Set(names).size, names.length);
        assert.ok(policies.length >= 10);
        for (const policy of policies) {
            assert.match(policy.name, /^[a-z0-9-]+$/);
            assert.ok(policy.description.length > 40, policy.name);
            assert.ok(policy.enforcementLevel === "mandatory" || policy.enforcementLevel === "advisory", policy.name);
        }
    });
});

// ---------------------------------------------------------------------------------------------------------------------
// Rules, family by family (one describe per file of sdk/policy)
// ---------------------------------------------------------------------------------------------------------------------

describe("policy family storageEncryption (sdk/policy/storageEncryption.ts)", () => {
    describe("policy: bucket-encryption", () => {
        it("passes a bucket with an SSE configuration (by parent, by name, or inline)", async () => {
            assert.deepEqual((await runStack(bucketEncryption, stackArgs("prod", s3Stack()))).violations, []);
            const byName = s3Stack().map((r) => ({ ...r, parent: undefined }));
            assert.deepEqual((await runStack(bucketEncryption, stackArgs("prod", byName))).violations, []);
            const inline: Res[] = [
                {
                    type: T.bucket,
                    name: "b",
                    props: { bucket: "x", serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } } } },
                },
            ];
            assert.deepEqual((await runStack(bucketEncryption, stackArgs("prod", inline))).violations, []);
        });

        it("fails a bucket without one, and an invalid algorithm", async () => {
            const missing = await runStack(bucketEncryption, stackArgs("prod", s3Stack(["tempo-bucket-encryption"])));
            assert.equal(missing.violations.length, 1);
            assert.match(missing.violations[0], /"tempo-bucket" has no default encryption.*BucketServerSideEncryptionConfiguration/);
            assert.match(missing.urns[0]!, /::tempo-bucket$/);
            const wrong = await runStack(
                bucketEncryption,
                stackArgs("prod", s3Stack([], { "tempo-bucket-encryption": { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "none" } }] } })),
            );
            assert.match(wrong.violations.join("\n"), /sseAlgorithm "none"; use one of AES256, aws:kms/);
        });

        it("does not match an encryption configuration of another bucket", async () => {
            const other = s3Stack().map((r) => (r.type === T.sse ? { ...r, parent: undefined, props: { ...r.props, bucket: "other" } } : r));
            assert.equal((await runStack(bucketEncryption, stackArgs("prod", other))).violations.length, 1);
        });
    });
});

describe("policy family publicAccess (sdk/policy/publicAccess.ts)", () => {
    describe("policy: bucket-public-access-blocked", () => {
        it("passes hardened S3, GCS and Azure storage", async () => {
            const resources: Res[] = [
                ...s3Stack(),
                { type: T.gcsBucket, name: "g", props: { name: "g", publicAccessPrevention: "enforced", uniformBucketLevelAccess: true } },
                { type: T.gcsMember, name: "gm", props: { bucket: "g", role: "roles/storage.objectViewer", member: "serviceAccount:t@p.iam.gserviceaccount.com" } },
                { type: T.azAccount, name: "a", props: { allowBlobPublicAccess: false } },
                { type: T.azContainer, name: "c", props: { publicAccess: "None" } },
            ];
            assert.deepEqual((await runStack(bucketPublicAccessBlocked, stackArgs("prod", resources))).violations, []);
        });

        it("fails a missing or partial S3 public access block, public ACLs and open bucket policies", async () => {
            const missing = await runStack(bucketPublicAccessBlocked, stackArgs("prod", s3Stack(["tempo-bucket-public-access"])));
            assert.match(missing.violations.join("\n"), /no BucketPublicAccessBlock targets it/);
            const partial = await runStack(
                bucketPublicAccessBlocked,
                stackArgs("prod", s3Stack([], { "tempo-bucket-public-access": { restrictPublicBuckets: false } })),
            );
            assert.match(partial.violations.join("\n"), /set restrictPublicBuckets to true/);
            const open = await runStack(
                bucketPublicAccessBlocked,
                stackArgs("prod", [
                    ...s3Stack(),
                    { type: T.bucketAcl, name: "acl", props: { bucket: BUCKET, acl: "public-read" } },
                    {
                        type: T.bucketPolicy,
                        name: "open",
                        props: { bucket: BUCKET, policy: doc({ Sid: "Public", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }) },
                    },
                ]),
            );
            assert.match(open.violations.join("\n"), /acl "public-read" makes it public/);
            assert.match(open.violations.join("\n"), /statement "Public" allows everyone/);
        });

        it("fails public GCS and Azure settings", async () => {
            const result = await runStack(
                bucketPublicAccessBlocked,
                stackArgs("prod", [
                    { type: T.gcsBucket, name: "g", props: { publicAccessPrevention: "inherited" } },
                    { type: T.gcsMember, name: "gm", props: { role: "roles/storage.objectViewer", member: "allUsers" } },
                    { type: T.azAccount, name: "a", props: {} },
                    { type: T.azContainer, name: "c", props: { publicAccess: "Blob" } },
                ]),
            );
            const text = result.violations.join("\n");
            assert.match(text, /publicAccessPrevention: "enforced"/);
            assert.match(text, /uniformBucketLevelAccess: true/);
            assert.match(text, /grants roles\/storage.objectViewer to allUsers/);
            assert.match(text, /allowBlobPublicAccess: false/);
            assert.match(text, /publicAccess: "None" \(it is "Blob"\)/);
        });
    });
});

describe("policy family tlsOnly (sdk/policy/tlsOnly.ts)", () => {
    describe("policy: bucket-tls-only", () => {
        it("passes an S3 bucket whose policy denies insecure transport, and a TLS-only Azure account", async () => {
            const resources: Res[] = [
                ...s3Stack(),
                { type: T.azAccount, name: "a", props: { enableHttpsTrafficOnly: true, minimumTlsVersion: "TLS1_2" } },
            ];
            assert.deepEqual((await runStack(bucketTlsOnly, stackArgs("prod", resources))).violations, []);
        });

        it("fails a missing, allowing or other-bucket policy, and a weak Azure account", async () => {
            for (const resources of [
                s3Stack(["tempo-bucket-policy"]),
                s3Stack([], { "tempo-bucket-policy": { policy: doc({ ...denyInsecure(), Effect: "Allow" }) } }),
                s3Stack([], { "tempo-bucket-policy": { policy: doc({ ...denyInsecure(), Condition: { Bool: { "aws:SecureTransport": "true" } } }) } }),
                s3Stack([], { "tempo-bucket-policy": { policy: doc(denyInsecure("some-other-bucket")) } }),
            ]) {
                const result = await runStack(bucketTlsOnly, stackArgs("prod", resources));
                assert.equal(result.violations.length, 1, JSON.stringify(resources.at(-1)));
                assert.match(result.violations[0], /accepts plain HTTP.*aws:SecureTransport/);
            }
            const azure = await runStack(
                bucketTlsOnly,
                stackArgs("prod", [{ type: T.azAccount, name: "a", props: { enableHttpsTrafficOnly: false, minimumTlsVersion: "TLS1_0" } }]),
            );
            assert.match(azure.violations.join("\n"), /enableHttpsTrafficOnly: true/);
            assert.match(azure.violations.join("\n"), /minimumTlsVersion: "TLS1_2" \(it is "TLS1_0"\)/);
        });
    });
});

describe("policy family identityAndTrust (sdk/policy/identityAndTrust.ts)", () => {
    describe("policy: iam-no-wildcards", () => {
        const tempoPolicy = doc(
            { Sid: "List", Effect: "Allow", Action: ["s3:ListBucket"], Resource: `arn:aws:s3:::${BUCKET}` },
            { Sid: "Objects", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: `arn:aws:s3:::${BUCKET}/*` },
            { Sid: "Key", Effect: "Allow", Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"], Resource: "arn:aws:kms:eu-west-1:1:key/k" },
            { Sid: "DenyAll", Effect: "Deny", Action: "*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } },
        );

        it("passes scoped AWS, GCP and Azure grants", async () => {
            for (const [type, props] of [
                [T.rolePolicy, { policy: tempoPolicy }],
                [T.policy, { policy: JSON.parse(tempoPolicy) }],
                [T.gcsMember, { role: "projects/p/roles/tempoBucketAccess", member: "serviceAccount:t@p.iam.gserviceaccount.com" }],
                [T.gcpCustomRole, { permissions: ["storage.buckets.get", "storage.objects.create"] }],
                [
                    T.azRole,
                    {
                        roleDefinitionId: "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe",
                        scope: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a/blobServices/default/containers/c",
                    },
                ],
            ] as const) {
                const result = await runResource(iamLeastPrivilege, resourceArgs(type, props as Record<string, unknown>));
                assert.deepEqual(result.violations, [], type);
            }
        });

        it("fails wildcard actions and resources, NotAction and broad managed policies", async () => {
            const result = await runResource(
                iamLeastPrivilege,
                resourceArgs(T.rolePolicy, {
                    policy: doc(
                        { Sid: "All", Effect: "Allow", Action: "*", Resource: `arn:aws:s3:::${BUCKET}` },
                        { Sid: "S3", Effect: "Allow", Action: ["s3:*"], Resource: "arn:aws:s3:::*" },
                        { Sid: "Star", Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
                        { Sid: "Not", Effect: "Allow", NotAction: "iam:*", Resource: `arn:aws:s3:::${BUCKET}` },
                    ),
                }),
            );
            const text = result.violations.join("\n");
            assert.match(text, /statement "All" allows "\*"/);
            assert.match(text, /statement "S3" allows "s3:\*"/);
            assert.match(text, /statement "S3" applies to "arn:aws:s3:::\*"/);
            assert.match(text, /statement "Star" applies to "\*"/);
            assert.match(text, /statement "Not" uses NotAction/);
            const attached = await runResource(
                iamLeastPrivilege,
                resourceArgs(T.attachment, { role: "r", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }),
            );
            assert.match(attached.violations[0], /AdministratorAccess/);
            const inline = await runResource(
                iamLeastPrivilege,
                resourceArgs(T.role, { inlinePolicies: [{ name: "x", policy: doc({ Effect: "Allow", Action: "s3:*", Resource: "*" }) }] }),
            );
            assert.equal(inline.violations.length, 2);
            const garbage = await runResource(iamLeastPrivilege, resourceArgs(T.rolePolicy, { policy: "not json" }));
            assert.match(garbage.violations[0], /cannot be checked/);
        });

        it("fails GCP owner/editor/storage.admin and wildcard custom roles (configurable)", async () => {
            for (const role of ["roles/owner", "roles/editor", "roles/storage.admin"]) {
                const result = await runResource(iamLeastPrivilege, resourceArgs(T.gcpProjectMember, { role, member: "serviceAccount:t@p.iam.gserviceaccount.com" }));
                assert.match(result.violations[0] ?? "", new RegExp(`grants ${role.replace(".", "\\.")}`));
            }
            const custom = await runResource(iamLeastPrivilege, resourceArgs(T.gcpCustomRole, { permissions: ["storage.buckets.setIamPolicy"] }));
            assert.match(custom.violations[0], /too broad/);
            const configured = await runResource(
                iamLeastPrivilege,
                resourceArgs(T.gcsMember, { role: "roles/storage.objectAdmin", member: "serviceAccount:t@p.iam.gserviceaccount.com" }, { config: { forbiddenGcpRoles: ["roles/storage.objectAdmin"] } }),
            );
            assert.equal(configured.violations.length, 1);
        });

        it("fails Azure Owner/Contributor and subscription-wide assignments, and wildcard role definitions", async () => {
            const owner = await runResource(
                iamLeastPrivilege,
                resourceArgs(T.azRole, {
                    roleDefinitionId: "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
                    scope: "/subscriptions/0000",
                }),
            );
            assert.match(owner.violations.join("\n"), /Owner role/);
            assert.match(owner.violations.join("\n"), /whole subscription/);
            const contributor = await runResource(
                iamLeastPrivilege,
                resourceArgs(T.azRole, { roleDefinitionId: "b24988ac-6180-42a0-ab88-20f7382dd24c", scope: "/subscriptions/s/resourceGroups/rg" }),
            );
            assert.match(contributor.violations.join("\n"), /Contributor role/);
            const definition = await runResource(iamLeastPrivilege, resourceArgs(T.azRoleDef, { permissions: [{ actions: ["Microsoft.Storage/*"] }] }));
            assert.match(definition.violations[0], /"Microsoft.Storage\/\*"/);
        });
    });

    describe("policy: workload-identity-trust-scoped", () => {
        it("passes an IRSA trust with StringEquals on sub and aud, Pod Identity, GKE and Azure bindings", async () => {
            const cases: Array<[string, Record<string, unknown>]> = [
                [T.role, { assumeRolePolicy: irsaTrust({ StringEquals: { [`${ISSUER}:sub`]: "system:serviceaccount:tempo:tempo", [`${ISSUER}:aud`]: "sts.amazonaws.com" } }) }],
                [T.role, { assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }) }],
                [T.podIdentity, { clusterName: "c", namespace: "tempo", serviceAccount: "tempo", roleArn: "arn" }],
                [T.gcpSaMember, { role: "roles/iam.workloadIdentityUser", member: "serviceAccount:acme.svc.id.goog[tempo/tempo]" }],
                [T.gcpSaMember, { role: "roles/iam.workloadIdentityUser", member: "principal://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/acme.svc.id.goog/subject/ns/tempo/sa/tempo" }],
                [T.gcpSaMember, { role: "roles/iam.serviceAccountUser", member: "user:someone@example.com" }],
                [T.azFic, { subject: "system:serviceaccount:tempo:tempo", audiences: ["api://AzureADTokenExchange"], issuer: "https://oidc.example/" }],
            ];
            for (const [type, props] of cases) {
                assert.deepEqual((await runResource(workloadIdentityTrustScoped, resourceArgs(type, props))).violations, [], JSON.stringify(props));
            }
        });

        it("fails IRSA trust without sub or aud, with StringLike or a wildcard subject, or open to everyone", async () => {
            const check = async (policy: string) =>
                (await runResource(workloadIdentityTrustScoped, resourceArgs(T.role, { assumeRolePolicy: policy }))).violations.join("\n");
            assert.match(await check(irsaTrust({ StringEquals: { [`${ISSUER}:aud`]: "sts.amazonaws.com" } })), /without StringEquals on "<issuer>:sub"/);
            assert.match(await check(irsaTrust({ StringEquals: { [`${ISSUER}:sub`]: "system:serviceaccount:tempo:tempo" } })), /without StringEquals on "<issuer>:aud"/);
            assert.match(
                await check(irsaTrust({ StringLike: { [`${ISSUER}:sub`]: "system:serviceaccount:tempo:*" }, StringEquals: { [`${ISSUER}:aud`]: "sts.amazonaws.com" } })),
                /StringLike is not enough/,
            );
            assert.match(
                await check(irsaTrust({ StringEquals: { [`${ISSUER}:sub`]: "system:serviceaccount:tempo:*", [`${ISSUER}:aud`]: "sts.amazonaws.com" } })),
                /trusts subject "system:serviceaccount:tempo:\*"/,
            );
            assert.match(
                await check(irsaTrust({ StringEquals: { [`${ISSUER}:sub`]: "system:serviceaccount:tempo:tempo", [`${ISSUER}:aud`]: "other" } })),
                /require exactly "sts.amazonaws.com"/,
            );
            assert.match(await check(irsaTrust({})), /:sub/);
            assert.match(await check(doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" })), /any AWS principal/);
        });

        it("fails namespace-wide GKE members, loose Azure credentials and wildcard Pod Identity associations", async () => {
            const gke = await runResource(
                workloadIdentityTrustScoped,
                resourceArgs(T.gcpSaBinding, {
                    role: "roles/iam.workloadIdentityUser",
                    members: ["principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/acme.svc.id.goog/namespace/tempo", "serviceAccount:acme.svc.id.goog[tempo/*]"],
                }),
            );
            assert.equal(gke.violations.length, 2);
            assert.match(gke.violations[0], /exactly one Kubernetes ServiceAccount/);
            const azure = await runResource(
                workloadIdentityTrustScoped,
                resourceArgs(T.azFic, { subject: "system:serviceaccount:tempo", audiences: ["api://AzureADTokenExchange", "other"], issuer: "http://x" }),
            );
            assert.equal(azure.violations.length, 3);
            const pod = await runResource(workloadIdentityTrustScoped, resourceArgs(T.podIdentity, { namespace: "tempo", serviceAccount: "*" }));
            assert.match(pod.violations[0], /serviceAccount "\*" must name exactly one ServiceAccount/);
        });
    });
});

describe("policy family storageProtection (sdk/policy/storageProtection.ts)", () => {
    describe("policy: production-storage-protected", () => {
        const bucket = { bucket: BUCKET, forceDestroy: false };

        it("passes protected buckets in production and anything in dev stacks", async () => {
            for (const [type, props] of [
                [T.bucket, bucket],
                [T.gcsBucket, { name: "g", forceDestroy: false }],
                [T.azAccount, { accountName: "a" }],
                [T.azContainer, { containerName: "c" }],
            ] as const) {
                const result = await runResource(productionStorageProtected, resourceArgs(type, props, { opts: { protect: true, retainOnDelete: true } }));
                assert.deepEqual(result.violations, [], type);
            }
            const dev = await runResource(productionStorageProtected, resourceArgs(T.bucket, { ...bucket, forceDestroy: true }, { stack: "dev" }));
            assert.deepEqual(dev.violations, []);
            assert.match(dev.notApplicable!, /"dev" is not a production stack/);
            const configured = await runResource(
                productionStorageProtected,
                resourceArgs(T.bucket, bucket, { stack: "staging", config: { productionStacks: ["prod*"] } }),
            );
            assert.ok(configured.notApplicable !== undefined);
        });

        it("fails unprotected, not retained or force-destroyed storage in production", async () => {
            const result = await runResource(
                productionStorageProtected,
                resourceArgs(T.bucket, { ...bucket, forceDestroy: true }, { stack: "staging", opts: { protect: false, retainOnDelete: false } }),
            );
            assert.equal(result.violations.length, 3);
            assert.match(result.violations.join("\n"), /not protected.*protect: true/);
            assert.match(result.violations.join("\n"), /retainOnDelete: true/);
            assert.match(result.violations.join("\n"), /forceDestroy: false/);
            const listedDevIsProd = await runResource(
                productionStorageProtected,
                resourceArgs(T.gcsBucket, {}, { stack: "dev", config: { nonProductionStacks: [] } }),
            );
            assert.equal(listedDevIsProd.violations.length, 1);
            const other = await runResource(productionStorageProtected, resourceArgs(T.configMap, {}));
            assert.deepEqual(other.violations, []);
        });
    });
});

describe("policy family chartPins (sdk/policy/chartPins.ts)", () => {
    describe("policy: helm-chart-version-pinned", () => {
        it("accepts exact versions, pre-releases and self-pinning chart references", () => {
            for (const v of ["3.3.0", "1.0.0-rc.3", "v1.2.3", "1.2.3+build.1"]) {
                assert.ok(isExactChartVersion(v), v);
            }
            assert.deepEqual(checkChartVersion({ chart: "./charts/local" }), []);
            assert.deepEqual(checkChartVersion({ chart: "https://example.com/tempo-1.2.3.tgz" }), []);
        });

        it("rejects ranges, partial and missing versions", async () => {
            for (const v of ["^3.3.0", "~3.3", "3.x", ">=3.0.0", "3.3", "*", "", " 3.3.0", "3.3.0 || 3.4.0", undefined]) {
                assert.ok(!isExactChartVersion(v), String(v));
            }
            const release = await runResource(helmChartVersionPinned, resourceArgs(T.release, { chart: "tempo-distributed", version: "^3.3.0" }));
            assert.match(release.violations[0], /version "\^3.3.0"; set version to one exact release/);
            const chart = await runResource(helmChartVersionPinned, resourceArgs(T.chartV4, { chart: "oci://ghcr.io/x/tempo-distributed" }));
            assert.match(chart.violations[0], /has no version/);
            const pinned = await runResource(helmChartVersionPinned, resourceArgs(T.release, { chart: "tempo-distributed", version: "3.3.0" }));
            assert.deepEqual(pinned.violations, []);
        });
    });
});

describe("policy family secrets (sdk/policy/secrets.ts)", () => {
    describe("policy: no-secrets-in-configmaps", () => {
        it("classifies keys and values", () => {
            for (const key of ["password", "sasl_password", "basicAuthPassword", "secret_key", "access_key", "AWS_SECRET_ACCESS_KEY", "api-key", "client_secret", "token", "bearerToken"]) {
                assert.ok(isSecretKey(key), key);
            }
            for (const key of ["secretName", "existingSecret", "secretKeyRef", "password_file", "tokenUrl", "auth_enabled", "tls.key", "keyName", "use_federated_token_file", "grafana_dashboard"]) {
                assert.ok(!isSecretKey(key), key);
            }
            for (const value of ["${TEMPO_KAFKA_SASL_PASSWORD}", "$$__env{PW}", "$__file{/run/secrets/pw}", "", "true"]) {
                assert.ok(isCredentialReference(value), value);
            }
            assert.ok(!isCredentialReference("hunter2"));
        });

        it("passes dashboards, datasources without credentials and env references", async () => {
            const result = await runResource(
                noSecretsInConfigMaps,
                resourceArgs(T.configMap, {
                    data: {
                        "dashboard.json": JSON.stringify({ uid: "x", panels: [{ title: "Secret rotation", targets: [{ expr: "rate(x[5m])" }] }] }),
                        "datasource.yaml": "datasources:\n  - name: Tempo\n    basicAuth: true\n    secureJsonData:\n      basicAuthPassword: $__env{TEMPO_PASSWORD}\n",
                        "tempo.yaml": "ingest:\n  kafka:\n    sasl_password: ${TEMPO_KAFKA_SASL_PASSWORD}\n",
                        "secretName": "tempo-tls",
                    },
                }),
            );
            assert.deepEqual(result.violations, []);
        });

        it("fails credentials by key, inside embedded files, by shape, and masked secret values", async () => {
            const data = {
                password: "hunter2",
                "datasource.yaml": "datasources:\n  - name: Tempo\n    secureJsonData:\n      basicAuthPassword: s3cr3t\n",
                "tempo.yaml": "storage:\n  trace:\n    s3:\n      access_key: AKIAABCDEFGHIJKLMNOP\n      secret_key: abc\n",
                "app.properties": "db.url=postgres://tempo:pw@db:5432/tempo\n",
                "client.json": JSON.stringify({ auth: { headers: { Authorization: "Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc123" } } }),
                payload: "[secret]",
            };
            const result = await runResource(noSecretsInConfigMaps, resourceArgs(T.configMap, { data }, { name: "cm" }));
            const text = result.violations.join("\n");
            assert.match(text, /data\.password holds a credential/);
            assert.match(text, /data\.datasource\.yaml: line 4 sets "basicAuthPassword"/);
            assert.match(text, /data\.tempo\.yaml: line 4 sets "access_key"/);
            assert.match(text, /data\.tempo\.yaml: line 5 sets "secret_key"/);
            assert.match(text, /AWS access key id/);
            assert.match(text, /credentials in a URL/);
            assert.match(text, /a bearer token/);
            assert.match(text, /data\.payload: it contains a secret value/);
            for (const secret of ["hunter2", "s3cr3t", "AKIAABCDEFGHIJKLMNOP", "eyJhbGciOiJIUzI1NiJ9"]) {
                assert.ok(!text.includes(secret), "violation messages never echo the credential");
            }
        });

        it("checks the known parts of data whose other parts are unknown during preview", () => {
            const data = unknownCheckingProxy({ later: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", password: "x1" });
            assert.deepEqual(checkConfigMapData(data), ["data.password holds a credential"]);
        });
    });

    describe("policy: helm-values-no-plaintext-credentials", () => {
        it("passes values that reference Secrets", async () => {
            const values = {
                global: { extraEnvFrom: [{ secretRef: { name: "tempo-kafka-sasl" } }] },
                tempo: { structuredConfig: { ingest: { kafka: { sasl_password: "${TEMPO_KAFKA_SASL_PASSWORD}" } } } },
                gateway: { basicAuth: { enabled: true, existingSecret: "tempo-gateway-auth" } },
                secret: { existingSecret: "creds" },
                storage: { trace: { azure: { use_federated_token: true } } },
            };
            assert.deepEqual((await runResource(helmValuesNoCredentials, resourceArgs(T.release, { chart: "c", version: "1.0.0", values }))).violations, []);
        });

        it("fails literal credentials and masked secrets, naming the path but not the value", async () => {
            const values = {
                storage: { trace: { s3: { access_key: "minio", secret_key: "minio123" } } },
                gateway: { basicAuth: { password: "[secret]" } },
                extra: ["-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----"],
            };
            const result = await runResource(helmValuesNoCredentials, resourceArgs(T.chartV4, { chart: "c", version: "1.0.0", values }));
            const text = result.violations.join("\n");
            assert.match(text, /values\.storage\.trace\.s3\.access_key is a literal credential/);
            assert.match(text, /values\.storage\.trace\.s3\.secret_key is a literal credential/);
            assert.match(text, /values\.gateway\.basicAuth\.password is a literal credential/);
            assert.match(text, /values\.extra\[0\] contains a private key/);
            assert.ok(!text.includes("minio123"));
            assert.deepEqual(credentialsInValues({ a: { b: "ok" } }, "v"), []);
        });
    });
});

describe("policy family monitoringLabels (sdk/policy/monitoringLabels.ts)", () => {
    describe("policy: monitoring-selector-labels", () => {
        const labels = (extra: Record<string, string>) => ({ metadata: { name: "m", labels: { "app.kubernetes.io/name": "tempo", ...extra } } });

        it("passes objects carrying the selector label (default release; configurable)", async () => {
            assert.deepEqual((await runResource(monitoringSelectorLabels, resourceArgs(T.serviceMonitor, labels({ release: "kube-prometheus-stack" })))).violations, []);
            assert.deepEqual(
                (await runResource(monitoringSelectorLabels, resourceArgs(T.prometheusRule, labels({ prometheus: "main" }), { config: { selectorLabels: ["prometheus=main"] } }))).violations,
                [],
            );
            assert.deepEqual(checkSelectorLabels({ team: "obs" }, []), []);
        });

        it("fails objects with only app.kubernetes.io labels or the wrong value", async () => {
            const missing = await runResource(monitoringSelectorLabels, resourceArgs(T.prometheusRule, labels({})));
            assert.match(missing.violations[0], /none of the labels "release", so Prometheus ignores it/);
            const wrong = await runResource(
                monitoringSelectorLabels,
                resourceArgs(T.serviceMonitor, labels({ prometheus: "other" }), { config: { selectorLabels: ["prometheus=main"] } }),
            );
            assert.equal(wrong.violations.length, 1);
            assert.equal(checkSelectorLabels({ "app.kubernetes.io/name": "tempo" }, []).length, 1);
        });
    });
});

describe("policy family kafkaReplication (sdk/policy/kafkaReplication.ts)", () => {
    describe("policy: kafka-replication-production", () => {
        const meta = (name: string, labels: Record<string, string> = {}) => ({ name, namespace: "tempo", labels });
        const kafka = (config: Record<string, unknown>): Res => ({
            type: T.kafka,
            name: "tempo-kafka",
            props: { metadata: meta("tempo-kafka"), spec: { kafka: { config } } },
        });
        const pool = (name: string, roles: string[], replicas: number): Res => ({
            type: T.pool,
            name: `tempo-kafka-${name}`,
            props: { metadata: meta(name, { "strimzi.io/cluster": "tempo-kafka" }), spec: { roles, replicas } },
        });
        const topic = (spec: Record<string, unknown>): Res => ({
            type: T.topic,
            name: "tempo-kafka-topic",
            props: { metadata: meta("tempo-traces", { "strimzi.io/cluster": "tempo-kafka" }), spec },
        });
        const good = () => [
            kafka({ "default.replication.factor": 3, "min.insync.replicas": 2, "offsets.topic.replication.factor": 3 }),
            pool("broker", ["broker"], 3),
            pool("controller", ["controller"], 3),
            topic({ partitions: 3, replicas: 3, config: { "min.insync.replicas": 2 } }),
        ];

        it("passes a replicated cluster and topic, and topics that inherit the cluster defaults", async () => {
            assert.deepEqual((await runStack(kafkaReplicationProduction, stackArgs("prod", good()))).violations, []);
            const inherited = [...good().slice(0, 3), topic({ partitions: 3 })];
            assert.deepEqual((await runStack(kafkaReplicationProduction, stackArgs("prod", inherited))).violations, []);
            const stringConfig = [kafka({ "default.replication.factor": "3", "min.insync.replicas": "2" }), pool("dual", ["broker", "controller"], 3)];
            assert.deepEqual((await runStack(kafkaReplicationProduction, stackArgs("prod", stringConfig))).violations, []);
        });

        it("exempts non-production stacks", async () => {
            const dev = [kafka({ "default.replication.factor": 1, "min.insync.replicas": 1 }), pool("dual", ["broker", "controller"], 1), topic({ replicas: 1 })];
            const result = await runStack(kafkaReplicationProduction, stackArgs("dev", dev));
            assert.deepEqual(result.violations, []);
            assert.match(result.notApplicable!, /not a production stack/);
        });

        it("fails low replication, min ISR, too few brokers or controllers, and unreplicated topics", async () => {
            const resources = [
                kafka({ "default.replication.factor": 2, "offsets.topic.replication.factor": 1 }),
                pool("dual", ["broker", "controller"], 1),
                topic({ replicas: 3, config: { "min.insync.replicas": 3 } }),
            ];
            const result = await runStack(kafkaReplicationProduction, stackArgs("prod", resources));
            const text = result.violations.join("\n");
            assert.match(text, /"default.replication.factor"\] is 2; set it to at least 3/);
            assert.match(text, /"min.insync.replicas"\] is unset \(Kafka's default 1\); set it to at least 2/);
            assert.match(text, /"offsets.topic.replication.factor"\] is 1/);
            assert.match(text, /it has 1 broker\(s\)/);
            assert.match(text, /it has 1 KRaft controller\(s\)/);
            assert.match(text, /KafkaTopic "tempo-traces": min.insync.replicas \(3\) must be below replicas \(3\)/);
            const lonelyTopic = await runStack(kafkaReplicationProduction, stackArgs("prod", [topic({ partitions: 3 })]));
            assert.equal(lonelyTopic.violations.length, 2);
        });
    });
});

describe("policy family explicitNames (sdk/policy/explicitNames.ts)", () => {
    describe("policy: kubernetes-explicit-names (advisory)", () => {
        it("passes named objects and releases, fails unnamed ones", async () => {
            assert.equal(kubernetesExplicitNames.enforcementLevel, "advisory");
            assert.deepEqual((await runResource(kubernetesExplicitNames, resourceArgs(T.serviceAccount, { metadata: { name: "tempo" } }))).violations, []);
            assert.deepEqual((await runResource(kubernetesExplicitNames, resourceArgs(T.release, { name: "tempo", chart: "c" }))).violations, []);
            assert.match((await runResource(kubernetesExplicitNames, resourceArgs(T.serviceAccount, { metadata: {} }))).violations[0], /metadata\.name is not set/);
            assert.match((await runResource(kubernetesExplicitNames, resourceArgs(T.release, { chart: "c" }))).violations[0], /no name/);
            assert.deepEqual((await runResource(kubernetesExplicitNames, resourceArgs(T.bucket, {}))).violations, []);
        });
    });
});

// ---------------------------------------------------------------------------------------------------------------------
// The whole pack over the committed stacks' golden renders
// ---------------------------------------------------------------------------------------------------------------------

interface GoldenEntry {
    type: string;
    name: string;
    parent: string | null;
    custom: boolean;
    inputs: Record<string, unknown>;
    options: { protect: boolean; retainOnDelete: boolean; dependsOn: string[]; ignoreChanges: string[]; aliases: string[] };
}

const GOLDEN = join(__dirname, "golden");
const GOLDEN_STACKS = readdirSync(GOLDEN)
    .filter((stack) => existsSync(join(GOLDEN, stack, "resources.json")))
    .sort();

function goldenResources(stack: string): Res[] {
    const entries = JSON.parse(readFileSync(join(GOLDEN, stack, "resources.json"), "utf8")) as GoldenEntry[];
    return entries.map((e) => ({
        type: e.type,
        name: e.name,
        props: e.inputs,
        parent: e.parent ?? undefined,
        dependsOn: e.options.dependsOn,
        opts: {
            protect: e.options.protect,
            retainOnDelete: e.options.retainOnDelete,
            ignoreChanges: e.options.ignoreChanges,
            aliases: e.options.aliases,
        },
    }));
}

interface PackFinding {
    policy: string;
    level: string;
    resource?: string;
    message: string;
}

/** Runs every policy of the pack over a stack, as the engine would: resource policies per resource, then stack ones. */
async function runPack(stack: string, resources: Res[], config: Record<string, Config> = {}): Promise<{ findings: PackFinding[]; notApplicable: string[] }> {
    const findings: PackFinding[] = [];
    const notApplicable: string[] = [];
    const stackLevel = stackArgs(stack, resources);
    for (const policy of policies as TempoPolicy[]) {
        const level = policy.enforcementLevel ?? "advisory";
        const policyConfig = config[policy.name] ?? {};
        if (isStackPolicy(policy)) {
            const outcome = await runStack(policy, { ...stackLevel, getConfig: <T extends object>() => policyConfig as T });
            outcome.violations.forEach((message, i) =>
                findings.push({ policy: policy.name, level, resource: outcome.urns[i]?.replace(/.*::/, ""), message }),
            );
            if (outcome.notApplicable !== undefined) {
                notApplicable.push(policy.name);
            }
            continue;
        }
        for (const resource of stackLevel.resources) {
            const args = resourceArgs(resource.type, resource.props, {
                name: resource.name,
                urn: resource.urn,
                opts: resource.opts as ExtraOptions,
                config: policyConfig,
            });
            const outcome = await runResource(policy, args);
            outcome.violations.forEach((message) => findings.push({ policy: policy.name, level, resource: resource.name, message }));
            if (outcome.notApplicable !== undefined && !notApplicable.includes(policy.name)) {
                notApplicable.push(policy.name);
            }
        }
    }
    return { findings, notApplicable };
}

const format = (findings: PackFinding[]) => findings.map((f) => `  [${f.level}] ${f.policy} ${f.resource ?? ""}: ${f.message}`).join("\n");

describe("policy pack over the golden renders of the committed stacks", () => {
    it("has golden renders to check (render.test.ts keeps them in step with stacks/)", () => {
        assert.ok(GOLDEN_STACKS.includes("prod") && GOLDEN_STACKS.includes("dev"), GOLDEN_STACKS.join(", "));
    });

    for (const stack of GOLDEN_STACKS) {
        it(`${stack}: no mandatory or advisory violations`, async () => {
            const { findings, notApplicable } = await runPack(stack, goldenResources(stack));
            const mandatory = findings.filter((f) => f.level === "mandatory");
            assert.equal(mandatory.length, 0, `mandatory violations in stack ${stack}:\n${format(mandatory)}`);
            assert.deepEqual(findings, [], `advisory violations in stack ${stack}:\n${format(findings)}`);
            // dev and local (and dev-*/local-*) are non-production under the default configuration; all others are.
            const production = !/^(dev|local)(-|$)/.test(stack);
            assert.equal(isProductionStack(stack), production);
            if (!production) {
                assert.ok(notApplicable.includes("kafka-replication-production"), stack);
            }
        });
    }

    // The pack must really look at the renders: break each guarantee in a copy of a golden render and expect the
    // matching policy to fail.
    const mutate = (stack: string, change: (resources: Res[]) => Res[]) => change(structuredClone(goldenResources(stack)));
    const set = (name: string, update: (r: Res) => void) => (resources: Res[]) =>
        resources.map((r) => {
            if (r.name === name) {
                update(r);
            }
            return r;
        });
    const cases: Array<[string, string, (resources: Res[]) => Res[], string]> = [
        ["prod", "bucket-encryption", (rs) => rs.filter((r) => r.name !== "tempo-bucket-encryption"), "tempo-bucket"],
        ["prod", "bucket-public-access-blocked", set("tempo-bucket-public-access", (r) => (r.props.blockPublicPolicy = false)), "tempo-bucket-public-access"],
        ["prod", "bucket-tls-only", (rs) => rs.filter((r) => r.name !== "tempo-bucket-policy"), "tempo-bucket"],
        ["prod", "iam-no-wildcards", set("tempo-role-policy", (r) => (r.props.policy = String(r.props.policy).replace('"s3:ListBucket"', '"s3:*"'))), "tempo-role-policy"],
        ["prod", "workload-identity-trust-scoped", set("tempo-role", (r) => (r.props.assumeRolePolicy = String(r.props.assumeRolePolicy).replace(/,"[^"]*:aud":"sts.amazonaws.com"/, ""))), "tempo-role"],
        ["prod", "production-storage-protected", set("tempo-bucket", (r) => (r.props.forceDestroy = true)), "tempo-bucket"],
        ["staging", "production-storage-protected", set("tempo-bucket", (r) => (r.opts!.protect = false)), "tempo-bucket"],
        ["prod", "helm-chart-version-pinned", set("tempo-helm", (r) => (r.props.version = "^3.3.0")), "tempo-helm"],
        ["prod", "no-secrets-in-configmaps", set("tempo-datasource", (r) => ((r.props.data as Record<string, string>)["tempo-datasources.yaml"] += "    secureJsonData:\n      basicAuthPassword: [secret]\n")), "tempo-datasource"],
        ["prod", "monitoring-selector-labels", set("tempo-prometheus-rule", (r) => delete (r.props.metadata as { labels: Record<string, string> }).labels.release), "tempo-prometheus-rule"],
        ["prod", "kafka-replication-production", set("tempo-kafka-topic", (r) => ((r.props.spec as { replicas: number }).replicas = 1)), "tempo-kafka-topic"],
        ["prod-gcp", "iam-no-wildcards", set("tempo-bucket-access", (r) => (r.props.role = "roles/storage.admin")), "tempo-bucket-access"],
        ["prod-gcp", "workload-identity-trust-scoped", set("tempo-workload-identity", (r) => (r.props.member = "serviceAccount:acme-observability.svc.id.goog[tempo/*]")), "tempo-workload-identity"],
        ["prod-gcp", "bucket-public-access-blocked", set("tempo-bucket", (r) => (r.props.publicAccessPrevention = "inherited")), "tempo-bucket"],
        ["prod-azure", "bucket-tls-only", set("tempo-storage-account", (r) => (r.props.minimumTlsVersion = "TLS1_0")), "tempo-storage-account"],
        ["prod-azure", "bucket-public-access-blocked", set("tempo-container", (r) => (r.props.publicAccess = "Container")), "tempo-container"],
        ["prod-azure", "workload-identity-trust-scoped", set("tempo-federated-credential", (r) => (r.props.audiences = ["api://other"])), "tempo-federated-credential"],
        ["prod-azure", "iam-no-wildcards", set("tempo-container-access", (r) => (r.props.scope = "/subscriptions/<azure-subscription-id>")), "tempo-container-access"],
        ["staging", "helm-values-no-plaintext-credentials", set("tempo-helm", (r) => ((r.props.values as any).tempo.structuredConfig.ingest.kafka.sasl_password = "[secret]")), "tempo-helm"],
        ["seed", "kubernetes-explicit-names", set("tempo-service-account", (r) => delete (r.props.metadata as { name?: string }).name), "tempo-service-account"],
    ];
    for (const [stack, policy, change, resource] of cases) {
        it(`${stack}: ${policy} catches a broken ${resource}`, async () => {
            const resources = mutate(stack, change);
            assert.ok(resources.some((r) => r.name === resource) || policy.startsWith("bucket-"), `no ${resource} in ${stack}`);
            const { findings } = await runPack(stack, resources);
            assert.ok(findings.length > 0, "expected a violation");
            assert.deepEqual([...new Set(findings.map((f) => f.policy))], [policy], format(findings));
            assert.ok(findings.some((f) => f.resource === resource), format(findings));
        });
    }

    it("dev: the production-only rules are exempt, and apply once dev is configured as production", async () => {
        const resources = goldenResources("dev");
        assert.deepEqual((await runPack("dev", resources)).findings, []);
        const asProduction = { nonProductionStacks: [] };
        const { findings } = await runPack("dev", resources, {
            "production-storage-protected": asProduction,
            "kafka-replication-production": asProduction,
        });
        assert.deepEqual([...new Set(findings.map((f) => f.policy))].sort(), ["kafka-replication-production", "production-storage-protected"]);
    });
});
