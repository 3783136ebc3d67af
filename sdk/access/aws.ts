/**
 * AWS IAM documents for Tempo, as pure functions: the exact actions Tempo calls and the exact trust conditions.
 *
 * Permissions: https://grafana.com/docs/tempo/latest/configuration/hosted-storage/s3/
 * IRSA trust: https://docs.aws.amazon.com/eks/latest/userguide/iam-roles-for-service-accounts.html
 * Pod Identity trust: https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html
 */

/** An IAM policy document. */
export interface PolicyDocument {
    readonly Version: "2012-10-17";
    readonly Statement: readonly PolicyStatement[];
}

/** One statement. */
export interface PolicyStatement {
    readonly Sid: string;
    readonly Effect: "Allow" | "Deny";
    readonly Action: string | readonly string[];
    readonly Resource?: string | readonly string[];
    readonly Principal?: Record<string, string | readonly string[]>;
    readonly Condition?: Record<string, Record<string, string | readonly string[]>>;
}

/** Actions Tempo needs on the bucket itself (listing blocks and tenants). */
export const S3_BUCKET_ACTIONS = ["s3:ListBucket"] as const;
/** Actions Tempo needs on objects: write blocks, read them, delete compacted/expired ones, tag them. */
export const S3_OBJECT_ACTIONS = [
    "s3:GetObject",
    "s3:PutObject",
    "s3:DeleteObject",
    "s3:GetObjectTagging",
    "s3:PutObjectTagging",
] as const;
/** Actions needed on the customer-managed key when the bucket uses SSE-KMS. */
export const KMS_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"] as const;

/** ARN of a bucket in a partition. */
export function bucketArn(partition: string, bucket: string): string {
    return `arn:${partition}:s3:::${bucket}`;
}

/** ARN of a role, known before the role exists. */
export function roleArn(partition: string, accountId: string, roleName: string): string {
    return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

/** ARN of the IAM OIDC provider of an issuer (host and path). */
export function oidcProviderArn(partition: string, accountId: string, issuerHostPath: string): string {
    return `arn:${partition}:iam::${accountId}:oidc-provider/${issuerHostPath}`;
}

/** The subject Kubernetes puts in a ServiceAccount token. */
export function serviceAccountSubject(namespace: string, serviceAccount: string): string {
    return `system:serviceaccount:${namespace}:${serviceAccount}`;
}

/** Least-privilege access to one bucket, plus the key when SSE-KMS is used. No wildcard actions or resources. */
export function tempoBucketPolicy(bucketArnValue: string, kmsKeyArn?: string): PolicyDocument {
    const statements: PolicyStatement[] = [
        { Sid: "ListTraceBucket", Effect: "Allow", Action: [...S3_BUCKET_ACTIONS], Resource: bucketArnValue },
        { Sid: "ReadWriteTraceObjects", Effect: "Allow", Action: [...S3_OBJECT_ACTIONS], Resource: `${bucketArnValue}/*` },
    ];
    if (kmsKeyArn !== undefined) {
        statements.push({ Sid: "UseTraceBucketKey", Effect: "Allow", Action: [...KMS_ACTIONS], Resource: kmsKeyArn });
    }
    return { Version: "2012-10-17", Statement: statements };
}

/** IRSA trust: only this ServiceAccount's tokens, only for STS, from this cluster's OIDC provider. */
export function irsaTrustPolicy(providerArn: string, issuerHostPath: string, subject: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "TempoServiceAccount",
                Effect: "Allow",
                Principal: { Federated: providerArn },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                    StringEquals: {
                        [`${issuerHostPath}:sub`]: subject,
                        [`${issuerHostPath}:aud`]: "sts.amazonaws.com",
                    },
                },
            },
        ],
    };
}

/** EKS Pod Identity trust: the EKS pod identity service, which tags the session with the pod's identity. */
export function podIdentityTrustPolicy(): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "EksPodIdentity",
                Effect: "Allow",
                Principal: { Service: "pods.eks.amazonaws.com" },
                Action: ["sts:AssumeRole", "sts:TagSession"],
            },
        ],
    };
}

/** Bucket policy that refuses every request not made over TLS. */
export function denyInsecureTransportPolicy(bucketArnValue: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: { AWS: "*" },
                Action: "s3:*",
                Resource: [bucketArnValue, `${bucketArnValue}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    };
}

/** The partition of a region: `aws`, `aws-cn` or `aws-us-gov`. */
export function partitionOfRegion(region: string): string {
    if (region.startsWith("cn-")) {
        return "aws-cn";
    }
    if (region.startsWith("us-gov-")) {
        return "aws-us-gov";
    }
    return "aws";
}

/** The regional S3 endpoint Tempo talks to. */
export function s3Endpoint(region: string): string {
    return region.startsWith("cn-") ? `s3.${region}.amazonaws.com.cn` : `s3.${region}.amazonaws.com`;
}
