/**
 * The trace bucket and the cloud it lives in: AWS, Google Cloud, Azure, or the in-cluster store of `cloud: local`.
 */
import type * as pulumi from "@pulumi/pulumi";

/** The trace bucket. */
export interface StorageArgs {
    /**
     * Name of the bucket (the blob container on Azure) to create. Defaults to `<project>-<stack>-<name>-traces`,
     * lower-cased and shortened with a stable hash when longer than the cloud allows. Deterministic, so previews show
     * the final name.
     */
    bucketName?: string;
    /**
     * Use this existing bucket instead of creating one; the identity is still created and scoped to it. May be an
     * output (e.g. the name of a bucket another stack manages).
     */
    existingBucket?: pulumi.Input<string>;
    /**
     * Customer-managed encryption key: a KMS key ARN on AWS, a Cloud KMS key name
     * (`projects/…/locations/…/keyRings/…/cryptoKeys/…`) on GCP, a Key Vault key URL on Azure. Without it the
     * cloud's own keys encrypt the data.
     * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html
     * @see https://cloud.google.com/storage/docs/encryption/customer-managed-keys
     * @see https://learn.microsoft.com/azure/storage/common/customer-managed-keys-overview
     */
    encryptionKey?: pulumi.Input<string>;
    /** Let `pulumi destroy` delete a bucket that still holds traces. Defaults to `true` for `profile: dev`, else `false`. */
    forceDestroy?: boolean;
    /**
     * Protect the bucket: Pulumi refuses to delete it. Defaults to `true` for `profile: production`, else `false`.
     * Production buckets are also always retained on delete, so turning protection off (e.g. to hand the bucket over
     * during a migration) and then removing the component leaves the bucket and its traces in place.
     */
    protect?: boolean;
    /** The storage preflight Job that proves Tempo's identity can use the bucket before Tempo is installed. */
    preflight?: StoragePreflightArgs;
}

/**
 * The storage preflight: before the Tempo release is installed or upgraded, a Job runs as Tempo's own ServiceAccount
 * with Tempo's own storage settings and lists the bucket, then writes, reads back and deletes one small probe object
 * (`tempo-cluster-preflight-<release>`, at the top of the bucket, where Tempo never looks for tenants). `pulumi up`
 * waits for it; when it fails, the deployment stops before Tempo with one message naming the identity, the bucket,
 * the failed operation and its most likely cause. Permissions that were just granted take time to apply, so the probe
 * retries for up to 1 minute (`cloud: local`), 2 (AWS), 5 (Google Cloud) or 8 (Azure) before it reports. With
 * `chart.skipAwait` the Job still runs, but nothing waits for it.
 * @see https://github.com/tempo-cluster/tempo-cluster/blob/main/docs/storage-preflight.md
 */
export interface StoragePreflightArgs {
    /**
     * Run the preflight. Defaults to `true` whenever Tempo keeps blocks in a bucket (not with `local.filesystem`): a
     * workload identity that cannot list or write the bucket is the most common reason a new Tempo crash-loops, and
     * the preflight reports it in the deployment instead of in the pods' logs, for the cost of one short-lived pod per
     * install or upgrade. Turn it off where no pod may run before Tempo (for example, admission policies that admit
     * only the chart's images).
     */
    enabled?: boolean;
    /**
     * Image of the probe, e.g. a copy in your own registry. It must carry `/bin/sh` and the CLI of the storage:
     * `aws` (S3 and S3-compatible stores; AWS CLI v2.15 or later for EKS Pod Identity), `gcloud` (GCS) or `az`
     * (Azure). Defaults to `amazon/aws-cli:2.17.0`, `gcr.io/google.com/cloudsdktool/google-cloud-cli:502.0.0-stable`
     * or `mcr.microsoft.com/azure-cli:2.67.0`.
     */
    image?: string;
}

/** How Tempo's pods obtain AWS credentials. */
export const AwsIdentityMode = {
    /**
     * IAM Roles for Service Accounts: the role trusts the cluster's OIDC provider for this one ServiceAccount.
     * @see https://docs.aws.amazon.com/eks/latest/userguide/iam-roles-for-service-accounts.html
     */
    Irsa: "irsa",
    /**
     * EKS Pod Identity: the role trusts `pods.eks.amazonaws.com` and an association binds it to the ServiceAccount.
     * Needs the `eks-pod-identity-agent` add-on on the cluster.
     * @see https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html
     */
    PodIdentity: "pod-identity",
} as const;
/** A value of {@link AwsIdentityMode}: one of its constants, or the string itself (e.g. from stack config). */
export type AwsIdentityMode = (typeof AwsIdentityMode)[keyof typeof AwsIdentityMode];

/** AWS settings (required when `cloud: aws`). */
export interface AwsArgs {
    /**
     * Region of the bucket and the EKS cluster, e.g. `eu-west-1`. Defaults to the AWS provider's region. A plain
     * value: zones are checked against it.
     */
    region?: string;
    /**
     * Account id used to build ARNs known at preview time. Defaults to the caller identity's account. May be an
     * output (e.g. `aws.getCallerIdentityOutput().accountId`); it is checked when it resolves.
     */
    accountId?: pulumi.Input<string>;
    /**
     * EKS cluster name: its OIDC issuer is looked up (IRSA) and it is the target of the pod identity association.
     * May be an output of the cluster resource or a stack reference.
     * @see https://docs.aws.amazon.com/eks/latest/userguide/enable-iam-roles-for-service-accounts.html
     */
    clusterName?: pulumi.Input<string>;
    /** ARN of the cluster's IAM OIDC provider (IRSA without a cluster lookup); needs `oidcIssuerUrl`. May be an output. */
    oidcProviderArn?: pulumi.Input<string>;
    /** The cluster's OIDC issuer URL, e.g. `https://oidc.eks.eu-west-1.amazonaws.com/id/ABC123`. May be an output. */
    oidcIssuerUrl?: pulumi.Input<string>;
    /** How pods get credentials. Defaults to `irsa`. */
    identityMode?: AwsIdentityMode;
    /** Name of the IAM role Tempo assumes. Defaults to `<name>-tempo-<stack>`, shortened to 64 characters. */
    roleName?: string;
    /** Tags added to every AWS resource. */
    tags?: { [key: string]: string };
}

/** Google Cloud settings (required when `cloud: gcp`). */
export interface GcpArgs {
    /** Project of the bucket and the Google service account. May be an output (e.g. of a `gcp.organizations.Project`). */
    project: pulumi.Input<string>;
    /**
     * Bucket location: a region (`europe-west1`), dual-region or multi-region (`EU`).
     * @see https://cloud.google.com/storage/docs/locations
     */
    location: string;
    /**
     * Project of the GKE cluster whose workload identity pool (`<project>.svc.id.goog`) the pods use. Defaults to
     * `project`. May be an output.
     */
    clusterProject?: pulumi.Input<string>;
    /** Account id of the Google service account Tempo runs as (6-30 characters). Defaults to `tempo-<hash of project/stack/name>`. */
    serviceAccountId?: string;
    /** Labels added to the bucket. */
    labels?: { [key: string]: string };
}

/** Azure settings (required when `cloud: azure`). */
export interface AzureArgs {
    /** Resource group of the storage account and the managed identity. May be an output (e.g. of a `ResourceGroup`). */
    resourceGroupName: pulumi.Input<string>;
    /** Azure region, e.g. `westeurope`. A plain value: zones are checked against it. */
    location: string;
    /**
     * The AKS cluster's OIDC issuer URL (`az aks show --query oidcIssuerProfile.issuerUrl`), e.g. the cluster
     * resource's `oidcIssuerProfile.issuerURL` output. Or give `clusterName`.
     */
    oidcIssuerUrl?: pulumi.Input<string>;
    /** AKS cluster name, to look its OIDC issuer up; with `clusterResourceGroupName` when it lives elsewhere. May be an output. */
    clusterName?: pulumi.Input<string>;
    /** Resource group of the AKS cluster. Defaults to `resourceGroupName`. May be an output. */
    clusterResourceGroupName?: pulumi.Input<string>;
    /**
     * Storage account name (3-24 lower-case letters and digits, globally unique). Defaults to `tempo` + a stable hash.
     * With `storage.existingBucket`, the existing account that holds that container. May be an output.
     */
    storageAccountName?: pulumi.Input<string>;
    /**
     * Resource id of the Key Vault holding `storage.encryptionKey` (needed to grant the storage account use of the
     * key). May be an output.
     */
    keyVaultId?: pulumi.Input<string>;
    /** Tags added to every Azure resource. */
    tags?: { [key: string]: string };
}

/**
 * The in-cluster S3-compatible object store (`cloud: local`): a RustFS release in Tempo's namespace with generated
 * credentials; or, with `storage.existingBucket`, an S3-compatible store you already run.
 * @see https://github.com/rustfs/rustfs
 */
export interface LocalStorageArgs {
    /** Volume size of the in-cluster store. Defaults to `10Gi`. */
    storageSize?: string;
    /** StorageClass of that volume. Defaults to the cluster's default class. */
    storageClass?: string;
    /** With `storage.existingBucket`: the store's S3 endpoint, `host:port` without a scheme. */
    endpoint?: string;
    /** With `storage.existingBucket`: the access key id. */
    accessKeyId?: string;
    /**
     * The secret access key (kept secret; set `tempo:localSecretAccessKey` in stack config). Required with
     * `storage.existingBucket`; for the in-cluster store, defaults to a 40-character key generated once by
     * `@pulumi/random` and kept in state (set it to bring the key from your own secret store instead).
     */
    secretAccessKey?: pulumi.Input<string>;
    /** With `storage.existingBucket`: talk plain HTTP to the endpoint. Defaults to `false`. */
    insecure?: boolean;
    /** Monolithic only: keep blocks on the pod's persistent volume instead of an object store (development). Defaults to `false`. */
    filesystem?: boolean;
}
