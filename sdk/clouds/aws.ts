/**
 * AWS: S3 bucket with its hardening, and the IAM role Tempo's ServiceAccount assumes (IRSA or EKS Pod Identity).
 * Shell only: documents and names come from `access/aws.ts` and the ResolvedSpec.
 */
import * as pulumi from "@pulumi/pulumi";
import {
    bucketArn,
    denyInsecureTransportPolicy,
    irsaTrustPolicy,
    oidcProviderArn,
    partitionOfRegion,
    podIdentityTrustPolicy,
    roleArn,
    s3Endpoint,
    serviceAccountSubject,
    tempoBucketPolicy,
} from "../access/aws";
import type { StorageBinding } from "../bindings";
import { AwsIdentityMode } from "../args/types";
import { createdBucketName, type ResolvedAws, type ResolvedSpec } from "../args/resolved";
import { issuerHostPath } from "../args/validation/clouds";
import { PEERS } from "../args/peers";
import { invokeField } from "../util/invokeResult";
import { requirePeer } from "../util/peer";

const awsModule =
    <T>(load: () => T) =>
    (): T =>
        requirePeer(PEERS.aws, load);
// One file per resource, not the service indexes: `@pulumi/aws/s3`'s index also loads its mixins and `lambda`.
const aws = {
    bucket: awsModule(() => require("@pulumi/aws/s3/bucket") as typeof import("@pulumi/aws/s3/bucket")),
    bucketOwnershipControls: awsModule(
        () => require("@pulumi/aws/s3/bucketOwnershipControls") as typeof import("@pulumi/aws/s3/bucketOwnershipControls"),
    ),
    bucketPublicAccessBlock: awsModule(
        () => require("@pulumi/aws/s3/bucketPublicAccessBlock") as typeof import("@pulumi/aws/s3/bucketPublicAccessBlock"),
    ),
    bucketEncryption: awsModule(
        () =>
            require("@pulumi/aws/s3/bucketServerSideEncryptionConfiguration") as typeof import("@pulumi/aws/s3/bucketServerSideEncryptionConfiguration"),
    ),
    bucketLifecycle: awsModule(
        () => require("@pulumi/aws/s3/bucketLifecycleConfiguration") as typeof import("@pulumi/aws/s3/bucketLifecycleConfiguration"),
    ),
    bucketPolicy: awsModule(() => require("@pulumi/aws/s3/bucketPolicy") as typeof import("@pulumi/aws/s3/bucketPolicy")),
    role: awsModule(() => require("@pulumi/aws/iam/role") as typeof import("@pulumi/aws/iam/role")),
    rolePolicy: awsModule(() => require("@pulumi/aws/iam/rolePolicy") as typeof import("@pulumi/aws/iam/rolePolicy")),
    podIdentityAssociation: awsModule(
        () => require("@pulumi/aws/eks/podIdentityAssociation") as typeof import("@pulumi/aws/eks/podIdentityAssociation"),
    ),
    getCluster: awsModule(() => require("@pulumi/aws/eks/getCluster") as typeof import("@pulumi/aws/eks/getCluster")),
    getRegion: awsModule(() => require("@pulumi/aws/getRegion") as typeof import("@pulumi/aws/getRegion")),
    getCallerIdentity: awsModule(() => require("@pulumi/aws/getCallerIdentity") as typeof import("@pulumi/aws/getCallerIdentity")),
};

/** Creates (or adopts) the bucket and the identity on AWS and returns what the chart needs. */
export function createAwsStorage(spec: ResolvedSpec, parent: pulumi.Resource): StorageBinding & { dependencies: pulumi.Resource[] } {
    const settings = spec.aws as ResolvedAws;
    const opts = { parent };
    const region =
        settings.region !== undefined
            ? pulumi.output(settings.region)
            : invokeField(aws.getRegion().getRegionOutput({}, opts), "aws:index/getRegion:getRegion", "region", (r) => r.region);
    const partition = region.apply(partitionOfRegion);
    const accountId =
        settings.accountId !== undefined
            ? pulumi.output(settings.accountId)
            : invokeField(aws.getCallerIdentity().getCallerIdentityOutput({}, opts), "aws:index/getCallerIdentity:getCallerIdentity", "accountId", (r) => r.accountId);
    const regional = settings.region !== undefined ? { region: settings.region } : {};
    const tags = awsTags(spec);
    const bucketName = spec.storage.bucketName;
    const arn = pulumi.all([partition, bucketName]).apply(([p, name]) => bucketArn(p, name));

    const dependencies: pulumi.Resource[] = [];
    if (!spec.storage.existing) {
        dependencies.push(...createBucket(spec, createdBucketName(spec.storage), arn, regional, tags, parent));
    }

    const role = createRole(spec, settings, partition, accountId, tags, parent);
    const kmsKey = spec.storage.encryptionKey;
    const access = new (aws.rolePolicy().RolePolicy)(
        `${spec.name}-role-policy`,
        {
            name: "tempo-trace-bucket",
            role: role.name,
            policy: pulumi
                .all([arn, kmsKey])
                .apply(([bucket, key]) => JSON.stringify(tempoBucketPolicy(bucket, key))),
        },
        opts,
    );
    dependencies.push(role, access);

    if (settings.identityMode === AwsIdentityMode.PodIdentity) {
        dependencies.push(
            new (aws.podIdentityAssociation().PodIdentityAssociation)(
                `${spec.name}-pod-identity`,
                {
                    clusterName: settings.clusterName as pulumi.Input<string>,
                    namespace: spec.namespace,
                    serviceAccount: spec.serviceAccountName,
                    roleArn: role.arn,
                    tags,
                    ...regional,
                },
                opts,
            ),
        );
    }

    // Built from names known at preview (not role.arn) so the chart values are complete in the first preview.
    const knownRoleArn = pulumi.all([partition, accountId]).apply(([p, account]) => roleArn(p, account, settings.roleName));
    return {
        backendValues: {
            backend: "s3",
            s3: { bucket: bucketName, endpoint: region.apply(s3Endpoint), region },
        },
        serviceAccountAnnotations:
            settings.identityMode === AwsIdentityMode.Irsa ? { "eks.amazonaws.com/role-arn": knownRoleArn } : {},
        podLabels: {},
        secretEnv: [],
        bucketName,
        identity: knownRoleArn,
        dependencies,
    };
}

function awsTags(spec: ResolvedSpec): Record<string, string> {
    return {
        "managed-by": "pulumi",
        "tempo-cluster": `${spec.project}/${spec.stack}/${spec.name}`,
        ...spec.aws?.tags,
    };
}

/** The bucket and its hardening: owner-enforced, no public access, encrypted, TLS-only, expiring after retention. */
function createBucket(
    spec: ResolvedSpec,
    bucketName: string,
    arn: pulumi.Output<string>,
    regional: { region?: string },
    tags: Record<string, string>,
    parent: pulumi.Resource,
): pulumi.Resource[] {
    const keep = { protect: spec.storage.protect, retainOnDelete: spec.storage.retainOnDelete };
    const bucket = new (aws.bucket().Bucket)(
        `${spec.name}-bucket`,
        { bucket: bucketName, forceDestroy: spec.storage.forceDestroy, tags, ...regional },
        { parent, ...keep },
    );
    // Children share the bucket's protection: a retained bucket must keep its encryption, policy and access block.
    const child = { parent: bucket, ...keep };
    const ownership = new (aws.bucketOwnershipControls().BucketOwnershipControls)(
        `${spec.name}-bucket-ownership`,
        { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" }, ...regional },
        child,
    );
    const publicAccess = new (aws.bucketPublicAccessBlock().BucketPublicAccessBlock)(
        `${spec.name}-bucket-public-access`,
        {
            bucket: bucket.id,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
            ...regional,
        },
        child,
    );
    const kmsKey = spec.storage.encryptionKey;
    const encryption = new (aws.bucketEncryption().BucketServerSideEncryptionConfiguration)(
        `${spec.name}-bucket-encryption`,
        {
            bucket: bucket.id,
            rules: [
                kmsKey === undefined
                    ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }
                    : {
                          applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: kmsKey },
                          bucketKeyEnabled: true,
                      },
            ],
            ...regional,
        },
        child,
    );
    const lifecycle = new (aws.bucketLifecycle().BucketLifecycleConfiguration)(
        `${spec.name}-bucket-lifecycle`,
        {
            bucket: bucket.id,
            rules: [
                {
                    id: "expire-after-retention",
                    status: "Enabled",
                    filter: {},
                    expiration: { days: spec.storage.expirationDays },
                    abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
                },
            ],
            ...regional,
        },
        child,
    );
    const policy = new (aws.bucketPolicy().BucketPolicy)(
        `${spec.name}-bucket-policy`,
        { bucket: bucket.id, policy: arn.apply((a) => JSON.stringify(denyInsecureTransportPolicy(a))), ...regional },
        { ...child, dependsOn: [publicAccess] },
    );
    return [bucket, ownership, publicAccess, encryption, lifecycle, policy];
}

/** The role, trusting exactly this ServiceAccount (IRSA) or the EKS pod identity service. */
function createRole(
    spec: ResolvedSpec,
    settings: ResolvedAws,
    partition: pulumi.Output<string>,
    accountId: pulumi.Output<string>,
    tags: Record<string, string>,
    parent: pulumi.Resource,
) {
    const subject = serviceAccountSubject(spec.namespace, spec.serviceAccountName);
    const trust =
        settings.identityMode === AwsIdentityMode.PodIdentity
            ? pulumi.output(JSON.stringify(podIdentityTrustPolicy()))
            : irsaTrust(settings, partition, accountId, subject, parent);
    return new (aws.role().Role)(
        `${spec.name}-role`,
        {
            name: settings.roleName,
            description: `Grafana Tempo ${spec.namespace}/${spec.releaseName}: read and write the trace bucket`,
            assumeRolePolicy: trust,
            tags,
        },
        { parent },
    );
}

function irsaTrust(
    settings: ResolvedAws,
    partition: pulumi.Output<string>,
    accountId: pulumi.Output<string>,
    subject: string,
    parent: pulumi.Resource,
): pulumi.Output<string> {
    if (settings.oidc.providerArn !== undefined) {
        return pulumi
            .all([settings.oidc.providerArn, settings.oidc.issuerUrl as pulumi.Input<string>])
            .apply(([providerArn, issuer]) => JSON.stringify(irsaTrustPolicy(providerArn, issuerHostPath(issuer), subject)));
    }
    const cluster = aws.getCluster().getClusterOutput(
        { name: settings.oidc.clusterName as pulumi.Input<string>, ...(settings.region !== undefined ? { region: settings.region } : {}) },
        { parent },
    );
    const issuer = invokeField(cluster, "aws:eks/getCluster:getCluster", "OIDC issuer (identities[0].oidcs[0].issuer) of the cluster", (c) => c.identities[0].oidcs[0].issuer);
    const hostPath = issuer.apply(issuerHostPath);
    return pulumi
        .all([partition, accountId, hostPath])
        .apply(([p, account, host]) => JSON.stringify(irsaTrustPolicy(oidcProviderArn(p, account, host), host, subject)));
}
