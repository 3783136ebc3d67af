/**
 * Which resources a rule looks at, by type token (no provider SDK is loaded), and how rules relate resources to each
 * other: an S3 bucket and the sub-resources that configure it, the grants of a GCP IAM member/binding/policy.
 */
import { asArray, asStrings, isRecord, record, tryRead, type Props, type StackResource } from "./shared";

/** A resource type token matcher. Azure Native types may carry an API version module (`storage/v20230101`). */
export function azureNative(module: string, name: string): RegExp {
    return new RegExp(`^azure-native:${module}(/v[0-9a-z]+)?:${name}$`);
}

export function typeIs(type: string, ...matchers: ReadonlyArray<string | RegExp>): boolean {
    return matchers.some((m) => (typeof m === "string" ? m === type : m.test(type)));
}

export const Types = {
    s3Bucket: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
    s3Encryption: [
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    ],
    s3PublicAccessBlock: ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
    s3BucketPolicy: ["aws:s3/bucketPolicy:BucketPolicy"],
    s3BucketAcl: ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"],
    iamPolicyDocuments: [
        "aws:iam/rolePolicy:RolePolicy",
        "aws:iam/policy:Policy",
        "aws:iam/userPolicy:UserPolicy",
        "aws:iam/groupPolicy:GroupPolicy",
    ],
    iamRole: ["aws:iam/role:Role"],
    iamAttachments: [
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        "aws:iam/userPolicyAttachment:UserPolicyAttachment",
        "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
        "aws:iam/policyAttachment:PolicyAttachment",
    ],
    eksPodIdentityAssociation: ["aws:eks/podIdentityAssociation:PodIdentityAssociation"],
    gcsBucket: ["gcp:storage/bucket:Bucket"],
    gcsAccessControl: [
        "gcp:storage/bucketAccessControl:BucketAccessControl",
        "gcp:storage/defaultObjectAccessControl:DefaultObjectAccessControl",
        "gcp:storage/objectAccessControl:ObjectAccessControl",
    ],
    gcpCustomRole: ["gcp:projects/iAMCustomRole:IAMCustomRole", "gcp:organizations/iAMCustomRole:IAMCustomRole"],
    azureStorageAccount: [azureNative("storage", "StorageAccount")],
    azureBlobContainer: [azureNative("storage", "BlobContainer")],
    azureRoleAssignment: [azureNative("authorization", "RoleAssignment"), "azure:authorization/assignment:Assignment"],
    azureRoleDefinition: [azureNative("authorization", "RoleDefinition")],
    azureFederatedCredential: [
        azureNative("managedidentity", "FederatedIdentityCredential"),
        "azure:armmsi/federatedIdentityCredential:FederatedIdentityCredential",
        "azuread:index/applicationFederatedIdentityCredential:ApplicationFederatedIdentityCredential",
    ],
    helmInstalls: ["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart", "kubernetes:helm.sh/v3:Chart"],
    configMap: ["kubernetes:core/v1:ConfigMap", "kubernetes:core/v1:ConfigMapPatch"],
    monitoring: [/^kubernetes:monitoring\.coreos\.com\/v1(alpha1)?:(ServiceMonitor|PodMonitor|PrometheusRule|Probe|ScrapeConfig)$/],
    strimziKafka: [/^kubernetes:kafka\.strimzi\.io\/(v1|v1beta2):Kafka$/],
    strimziNodePool: [/^kubernetes:kafka\.strimzi\.io\/(v1|v1beta2):KafkaNodePool$/],
    strimziTopic: [/^kubernetes:kafka\.strimzi\.io\/(v1|v1beta2):KafkaTopic$/],
} as const;

/** GCP IAM member/binding/policy resources: `gcp:<module>/<x>IAMMember:<X>IAMMember` and friends. */
export function isGcpIamGrant(type: string): "member" | "binding" | "policy" | undefined {
    if (!type.startsWith("gcp:")) {
        return undefined;
    }
    const name = type.slice(type.lastIndexOf(":") + 1);
    if (/IAMMember$/i.test(name)) {
        return "member";
    }
    if (/IAMBinding$/i.test(name)) {
        return "binding";
    }
    if (/IAMPolicy$/i.test(name)) {
        return "policy";
    }
    return undefined;
}

/** `(role, members)` pairs granted by a GCP IAM member/binding/policy resource. */
export function gcpGrants(type: string, props: Props): Array<{ role: string; members: string[] }> {
    switch (isGcpIamGrant(type)) {
        case "member":
            return [{ role: String(props.role ?? ""), members: asStrings(props.member) }];
        case "binding":
            return [{ role: String(props.role ?? ""), members: asStrings(props.members) }];
        case "policy": {
            let data: unknown = props.policyData;
            if (typeof data === "string") {
                try {
                    data = JSON.parse(data);
                } catch {
                    return [];
                }
            }
            return asArray(record(data).bindings)
                .filter(isRecord)
                .map((b) => ({ role: String(b.role ?? ""), members: asStrings(b.members) }));
        }
        default:
            return [];
    }
}

/** The names an S3 bucket is referred to by (bucket name, id, ARN suffix), as far as they are known. */
export function s3BucketNames(bucket: StackResource): Set<string> {
    const names = new Set<string>();
    for (const key of ["bucket", "id", "arn"]) {
        const value = tryRead(() => bucket.props[key]);
        if (typeof value === "string" && value !== "") {
            names.add(key === "arn" ? value.replace(/^arn:[^:]*:s3:::/, "") : value);
        }
    }
    return names;
}

/** Whether `attachment` (an S3 bucket sub-resource) configures `bucket`: by name, by parent or by dependency. */
export function targetsBucket(attachment: StackResource, bucket: StackResource): boolean {
    if (attachment.parent?.urn === bucket.urn) {
        return true;
    }
    if ((attachment.propertyDependencies?.bucket ?? []).some((d) => d.urn === bucket.urn)) {
        return true;
    }
    const target = tryRead(() => attachment.props.bucket);
    return typeof target === "string" && s3BucketNames(bucket).has(target.replace(/^arn:[^:]*:s3:::/, ""));
}
