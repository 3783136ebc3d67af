/**
 * Validation of the bucket and the cloud it lives in: bucket names and keys per cloud, each cloud's settings block,
 * and the rules of AWS, Google Cloud, Azure and the in-cluster store of `cloud: local`.
 */
import { AwsIdentityMode, Cloud, Profile, type TempoClusterArgs } from "../types";
import {
    azureContainerNameProblems,
    gcsBucketNameProblems,
    isDnsSubdomain,
    isIamRoleName,
    s3BucketNameProblems,
} from "../names";
import { joinPath } from "../problems";
import { asObject, BYTES_QUANTITY, type Report } from "./guards";
import { brokerAddressProblem } from "./kafka";

const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
const OIDC_PROVIDER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/(.+)$/;
/** An AWS region name such as `eu-west-1`; zones are matched only against a region that passes it. */
export const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** Bucket (container) naming rules per cloud. */
const BUCKET_NAME_RULES: Partial<Record<Cloud, { kind: string; problems: (name: string) => string[] }>> = {
    [Cloud.Aws]: { kind: "S3 bucket", problems: s3BucketNameProblems },
    [Cloud.Gcp]: { kind: "GCS bucket", problems: gcsBucketNameProblems },
    [Cloud.Azure]: { kind: "blob container", problems: azureContainerNameProblems },
    [Cloud.Local]: { kind: "S3 bucket", problems: s3BucketNameProblems },
};

/** What a customer-managed key looks like on each cloud. */
const ENCRYPTION_KEY_RULES: Partial<Record<Cloud, { pattern: RegExp; message: string }>> = {
    [Cloud.Aws]: {
        pattern: KMS_KEY_ARN,
        message: "must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key-id>); aliases cannot be granted in IAM policies",
    },
    [Cloud.Gcp]: {
        pattern: /^projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/,
        message: "must be a Cloud KMS key name: projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>",
    },
    [Cloud.Azure]: {
        pattern: /^https:\/\/[a-zA-Z0-9-]+\.vault\.azure\.net\/keys\/[^/]+(\/[^/]+)?$/,
        message: "must be a Key Vault key URL: https://<vault>.vault.azure.net/keys/<key>[/<version>]",
    },
};

/** The bucket: create or use (not both), its name per cloud, the customer-managed key, protection of a created bucket. */
export function checkStorage(a: Partial<TempoClusterArgs>, report: Report): void {
    const storage = asObject(a.storage);
    if (!storage) {
        return;
    }
    if (storage.bucketName !== undefined && storage.existingBucket !== undefined) {
        report("storage", "set either bucketName (a bucket to create) or existingBucket (a bucket to use), not both");
    }
    const naming = BUCKET_NAME_RULES[a.cloud as Cloud];
    for (const field of ["bucketName", "existingBucket"] as const) {
        const value = storage[field];
        const problems = naming && typeof value === "string" ? naming.problems(value) : [];
        if (problems.length > 0) {
            report(joinPath("storage", field), `"${value}" is not a valid ${naming?.kind} name: it ${problems.join("; it ")}`);
        }
    }
    const keyRule = ENCRYPTION_KEY_RULES[a.cloud as Cloud];
    if (storage.encryptionKey !== undefined && a.cloud === Cloud.Local) {
        report("storage.encryptionKey", "is not supported by the in-cluster object store; remove it for cloud local");
    } else if (keyRule && typeof storage.encryptionKey === "string" && !keyRule.pattern.test(storage.encryptionKey)) {
        report("storage.encryptionKey", keyRule.message);
    }
    if (storage.existingBucket !== undefined) {
        for (const field of ["forceDestroy", "protect"] as const) {
            if (storage[field] !== undefined) {
                report(joinPath("storage", field), "applies only to a bucket this component creates; remove it when existingBucket is set");
            }
        }
    }
    checkStoragePreflight(a, asObject(storage.preflight), report);
}

/** The preflight needs a bucket to probe, and an image reference when one is given. */
function checkStoragePreflight(a: Partial<TempoClusterArgs>, preflight: Record<string, unknown> | undefined, report: Report): void {
    if (!preflight) {
        return;
    }
    if (preflight.enabled === true && asObject(a.local)?.filesystem === true) {
        report("storage.preflight.enabled", "probes a bucket, and local.filesystem keeps blocks on the pod's volume: remove storage.preflight.enabled");
    }
    if (typeof preflight.image === "string" && !IMAGE_REFERENCE.test(preflight.image)) {
        report("storage.preflight.image", `"${preflight.image}" is not an image reference such as registry.example.com/aws-cli:2.17.0`);
    }
}

/** An image reference: no spaces, no scheme, an optional tag or digest. */
const IMAGE_REFERENCE = /^[a-z0-9]+([._\/:@-][A-Za-z0-9_]+)*$/;

/** Each cloud's settings block must be present for that cloud and absent otherwise. */
export function checkCloudBlocks(a: Partial<TempoClusterArgs>, report: Report): void {
    const blocks: [Cloud, "aws" | "gcp" | "azure", string][] = [
        [Cloud.Aws, "aws", "aws.clusterName (or aws.oidcProviderArn with aws.oidcIssuerUrl)"],
        [Cloud.Gcp, "gcp", "gcp.project and gcp.location"],
        [Cloud.Azure, "azure", "azure.resourceGroupName, azure.location and azure.oidcIssuerUrl (or azure.clusterName)"],
    ];
    for (const [cloud, field, hint] of blocks) {
        const present = asObject(a[field]) !== undefined;
        if (a.cloud === cloud && !present) {
            report(field, `is required when cloud is "${cloud}": set ${hint}`);
        } else if (a.cloud !== cloud && present) {
            report(field, `is only used when cloud is "${cloud}" (cloud is ${JSON.stringify(a.cloud)})`);
        }
    }
}

const GCP_PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

/** Google Cloud: project ids, the bucket location, the service account id. */
export function checkGcp(a: Partial<TempoClusterArgs>, report: Report): void {
    const gcp = asObject(a.gcp);
    if (a.cloud !== Cloud.Gcp || !gcp) {
        return;
    }
    for (const field of ["project", "clusterProject"] as const) {
        if (typeof gcp[field] === "string" && !GCP_PROJECT_ID.test(gcp[field])) {
            report(joinPath("gcp", field), `"${gcp[field]}" is not a project id (6-30 lower-case letters, digits and hyphens, starting with a letter)`);
        }
    }
    if (typeof gcp.location === "string" && !/^[A-Za-z]+[A-Za-z0-9-]*[A-Za-z0-9]$/.test(gcp.location)) {
        report("gcp.location", `"${gcp.location}" is not a bucket location such as europe-west1 or EU`);
    }
    if (typeof gcp.serviceAccountId === "string" && !GCP_PROJECT_ID.test(gcp.serviceAccountId)) {
        report("gcp.serviceAccountId", "must be 6-30 lower-case letters, digits and hyphens, starting with a letter");
    }
}

/** The in-cluster store of `cloud: local`, or the S3-compatible store named with `storage.existingBucket`. */
export function checkLocal(a: Partial<TempoClusterArgs>, report: Report, warn: Report): void {
    const local = asObject(a.local);
    if (a.cloud !== Cloud.Local) {
        if (local) {
            report("local", `is only used when cloud is "local" (cloud is ${JSON.stringify(a.cloud)})`);
        }
        return;
    }
    const existing = asObject(a.storage)?.existingBucket !== undefined;
    if ((a.profile ?? Profile.Production) === Profile.Production && !existing) {
        warn(
            "cloud",
            "the in-cluster object store is a development store: one unreplicated pod whose volume and credentials are not " +
                "protected; use a cloud bucket (or storage.existingBucket) for production data",
        );
    }
    const external = ["endpoint", "accessKeyId", "insecure"] as const;
    const inCluster = ["storageSize", "storageClass"] as const;
    if (existing) {
        for (const field of ["endpoint", "accessKeyId", "secretAccessKey"] as const) {
            if (local?.[field] === undefined) {
                report(joinPath("local", field), "is required with storage.existingBucket: it names the S3-compatible store you already run");
            }
        }
        for (const field of inCluster) {
            if (local?.[field] !== undefined) {
                report(joinPath("local", field), "sizes the in-cluster store, which is not created with storage.existingBucket");
            }
        }
    } else {
        for (const field of external) {
            if (local?.[field] !== undefined) {
                report(joinPath("local", field), "is only used with storage.existingBucket; the in-cluster store's endpoint and credentials are derived");
            }
        }
    }
    if (typeof local?.endpoint === "string" && brokerAddressProblem(local.endpoint) !== undefined) {
        report("local.endpoint", `"${local.endpoint}" must be host:port without a scheme, e.g. minio.storage.svc:9000`);
    }
    if (typeof local?.storageSize === "string" && !BYTES_QUANTITY.test(local.storageSize)) {
        report("local.storageSize", `"${local.storageSize}" is not a storage quantity such as "10Gi"`);
    }
    if (typeof local?.storageClass === "string" && !isDnsSubdomain(local.storageClass)) {
        report("local.storageClass", `"${local.storageClass}" is not a StorageClass name`);
    }
}

/** Azure: names, the OIDC issuer (given or looked up), the storage account, the key vault of a customer-managed key. */
export function checkAzure(a: Partial<TempoClusterArgs>, report: Report): void {
    const azure = asObject(a.azure);
    if (a.cloud !== Cloud.Azure || !azure) {
        return;
    }
    if (typeof azure.resourceGroupName === "string" && !/^[-\w.()]{1,90}$/.test(azure.resourceGroupName)) {
        report("azure.resourceGroupName", "must be 1-90 letters, digits, '-', '_', '.', '(' and ')'");
    }
    if (typeof azure.location === "string" && !/^[a-z0-9]+$/.test(azure.location)) {
        report("azure.location", `"${azure.location}" is not an Azure region name such as westeurope`);
    }
    const hasIssuer = azure.oidcIssuerUrl !== undefined;
    const hasCluster = azure.clusterName !== undefined;
    if (hasIssuer === hasCluster) {
        report(
            "azure.oidcIssuerUrl",
            hasIssuer
                ? "set either azure.oidcIssuerUrl or azure.clusterName (to look the issuer up), not both"
                : "the federated credential needs the AKS OIDC issuer: set azure.oidcIssuerUrl or azure.clusterName",
        );
    }
    if (typeof azure.oidcIssuerUrl === "string" && !/^https:\/\/\S+$/.test(azure.oidcIssuerUrl)) {
        report("azure.oidcIssuerUrl", "must be an https:// URL");
    }
    if (azure.clusterResourceGroupName !== undefined && !hasCluster) {
        report("azure.clusterResourceGroupName", "is only used with azure.clusterName");
    }
    if (typeof azure.storageAccountName === "string" && !/^[a-z0-9]{3,24}$/.test(azure.storageAccountName)) {
        report("azure.storageAccountName", "must be 3-24 lower-case letters and digits");
    }
    const storage = asObject(a.storage);
    if (storage?.existingBucket !== undefined && azure.storageAccountName === undefined) {
        report("azure.storageAccountName", "is required with storage.existingBucket: name the account that holds the container");
    }
    const wantsKey = storage?.encryptionKey !== undefined;
    if (wantsKey && azure.keyVaultId === undefined) {
        report("azure.keyVaultId", "is required with storage.encryptionKey: the storage account must be granted use of the key's vault");
    }
    if (!wantsKey && azure.keyVaultId !== undefined) {
        report("azure.keyVaultId", "is only used with storage.encryptionKey");
    }
    if (typeof azure.keyVaultId === "string" && !/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.KeyVault\/vaults\/[^/]+$/i.test(azure.keyVaultId)) {
        report("azure.keyVaultId", "must be a Key Vault resource id: /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<name>");
    }
}

/** AWS: the identity mode and its OIDC provider or cluster, region, account id and role name. */
export function checkAws(a: Partial<TempoClusterArgs>, report: Report): void {
    const aws = asObject(a.aws);
    if (a.cloud !== Cloud.Aws || !aws) {
        return;
    }
    const mode = aws.identityMode ?? AwsIdentityMode.Irsa;
    // Present (a value, or an output checked when it resolves).
    const hasCluster = aws.clusterName !== undefined;
    const hasProvider = aws.oidcProviderArn !== undefined;

    if (hasCluster && hasProvider) {
        report("aws.oidcProviderArn", "set either aws.clusterName (the OIDC provider is looked up) or aws.oidcProviderArn, not both");
    }
    if (mode === AwsIdentityMode.Irsa && !hasCluster && !hasProvider) {
        report("aws", "IRSA needs the cluster's OIDC provider: set aws.clusterName, or aws.oidcProviderArn with aws.oidcIssuerUrl");
    }
    if (mode === AwsIdentityMode.PodIdentity) {
        if (!hasCluster) {
            report("aws.clusterName", "is required with identityMode pod-identity: the association is made on that EKS cluster");
        }
        if (hasProvider) {
            report("aws.oidcProviderArn", "is only used with identityMode irsa; remove it for pod-identity");
        }
    }
    if (hasProvider && aws.oidcIssuerUrl === undefined) {
        report("aws.oidcIssuerUrl", "is required with aws.oidcProviderArn: the trust policy conditions are keyed by the issuer");
    }
    if (aws.oidcIssuerUrl !== undefined && !hasProvider) {
        report("aws.oidcIssuerUrl", "is only used together with aws.oidcProviderArn");
    }
    if (typeof aws.oidcProviderArn === "string") {
        const match = OIDC_PROVIDER_ARN.exec(aws.oidcProviderArn);
        if (!match) {
            report("aws.oidcProviderArn", "must look like arn:aws:iam::<account>:oidc-provider/<issuer host and path>");
        } else if (typeof aws.oidcIssuerUrl === "string" && issuerHostPath(aws.oidcIssuerUrl) !== match[1]) {
            report(
                "aws.oidcIssuerUrl",
                `does not match the provider ARN (provider is for "${match[1]}"); the trust policy would never match a token`,
            );
        }
    }
    if (typeof aws.oidcIssuerUrl === "string" && !/^https:\/\/[^\s/]+(\/\S*)?$/.test(aws.oidcIssuerUrl)) {
        report("aws.oidcIssuerUrl", "must be an https:// URL, e.g. https://oidc.eks.eu-west-1.amazonaws.com/id/ABC123");
    }
    if (typeof aws.region === "string" && !AWS_REGION.test(aws.region)) {
        report("aws.region", `"${aws.region}" is not an AWS region name such as eu-west-1`);
    }
    if (typeof aws.accountId === "string" && !/^\d{12}$/.test(aws.accountId)) {
        report("aws.accountId", "must be the 12-digit AWS account id");
    }
    if (typeof aws.roleName === "string" && !isIamRoleName(aws.roleName)) {
        report("aws.roleName", "must be 1 to 64 characters of letters, digits and +=,.@_-");
    }
}

/** `https://oidc.eks.x.amazonaws.com/id/ABC/` → `oidc.eks.x.amazonaws.com/id/ABC`. */
export function issuerHostPath(issuerUrl: string): string {
    return issuerUrl.replace(/^https:\/\//, "").replace(/\/+$/, "");
}
