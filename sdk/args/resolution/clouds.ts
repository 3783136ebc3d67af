/**
 * Resolution of the bucket and the cloud it lives in: bucket name and protection, and the AWS, Google Cloud, Azure
 * and in-cluster store settings with their derived names.
 */
import { mapInput } from "../../util/input";
import type { SpecContext } from "../context";
import { DEFAULT_CLUSTER_DOMAIN, DEFAULT_NAMESPACE, LIFECYCLE_MARGIN_DAYS, PROFILE_DEFAULTS } from "../defaults";
import { ceilDays } from "../duration";
import {
    deriveBucketName,
    deriveContainerName,
    deriveGcsBucketName,
    deriveRoleName,
    deriveServiceAccountId,
    deriveStorageAccountName,
    fitName,
    shortHash,
} from "../names";
import type { ResolvedAws, ResolvedAzure, ResolvedGcp, ResolvedLocal, ResolvedStorage, ResolvedStoragePreflight } from "../resolved";
import { releasedDocUrl } from "../../version";
import { AwsIdentityMode, Cloud, Profile, type TempoClusterArgs } from "../types";

/** The bucket: its name (given, existing or derived per cloud), protection by profile, and lifecycle expiry. */
export function resolveStorage(args: TempoClusterArgs, ctx: SpecContext, retentionMinutes: number, profile: Profile): ResolvedStorage {
    const storage = args.storage ?? {};
    const defaults = PROFILE_DEFAULTS[profile];
    const preflight = resolveStoragePreflight(args, ctx);
    return {
        bucketName: storage.existingBucket ?? storage.bucketName ?? DERIVE_BUCKET_NAME[args.cloud](ctx.project, ctx.stack, ctx.name),
        existing: storage.existingBucket !== undefined,
        encryptionKey: storage.encryptionKey,
        forceDestroy: storage.forceDestroy ?? defaults.forceDestroy,
        protect: storage.protect ?? defaults.protect,
        retainOnDelete: profile === Profile.Production || (storage.protect ?? defaults.protect),
        expirationDays: ceilDays(retentionMinutes) + LIFECYCLE_MARGIN_DAYS,
        ...(preflight !== undefined ? { preflight } : {}),
    };
}

/**
 * How long the preflight retries on each cloud before it reports: about as long as a permission just granted takes to
 * apply there (IAM on AWS within seconds to a minute, Google Cloud IAM up to a few minutes, Azure role assignments up
 * to ten).
 */
export const PREFLIGHT_RETRY_SECONDS: Record<Cloud, number> = {
    [Cloud.Local]: 60,
    [Cloud.Aws]: 120,
    [Cloud.Gcp]: 300,
    [Cloud.Azure]: 480,
};
/** A Job's name is also the value of its pods' `job-name` label: at most 63 characters. */
const JOB_NAME_MAX = 63;
/** Time for pulling the probe image and running the last attempt after the retries. */
const PREFLIGHT_SLACK_SECONDS = 180;

/** The storage preflight, on by default wherever Tempo keeps blocks in a bucket. */
export function resolveStoragePreflight(args: TempoClusterArgs, ctx: SpecContext): ResolvedStoragePreflight | undefined {
    const preflight = args.storage?.preflight ?? {};
    if (args.local?.filesystem === true || !(preflight.enabled ?? true)) {
        return undefined;
    }
    const retrySeconds = PREFLIGHT_RETRY_SECONDS[args.cloud];
    return {
        jobName: fitName(`${ctx.name}-storage-preflight`, JOB_NAME_MAX),
        objectKey: `tempo-cluster-preflight-${ctx.name}`,
        ...(preflight.image !== undefined ? { image: preflight.image } : {}),
        retrySeconds,
        deadlineSeconds: retrySeconds + PREFLIGHT_SLACK_SECONDS,
        docsUrl: releasedDocUrl("docs/storage-preflight.md"),
    };
}

/** Default bucket (container) name per cloud. */
const DERIVE_BUCKET_NAME: Record<Cloud, (project: string, stack: string, name: string) => string> = {
    [Cloud.Aws]: deriveBucketName,
    [Cloud.Gcp]: deriveGcsBucketName,
    [Cloud.Azure]: deriveContainerName,
    [Cloud.Local]: deriveBucketName,
};

/** AWS: identity mode, where the IRSA trust comes from, and the role name. */
export function resolveAws(args: TempoClusterArgs, ctx: SpecContext): ResolvedAws {
    const aws = args.aws ?? {};
    return {
        region: aws.region,
        accountId: aws.accountId,
        identityMode: aws.identityMode ?? AwsIdentityMode.Irsa,
        clusterName: aws.clusterName,
        oidc: {
            clusterName: aws.oidcProviderArn === undefined ? aws.clusterName : undefined,
            providerArn: aws.oidcProviderArn,
            issuerUrl: aws.oidcIssuerUrl,
        },
        roleName: aws.roleName ?? deriveRoleName(ctx.project, ctx.stack, ctx.name),
        tags: aws.tags ?? {},
    };
}

/** Google Cloud: the service account, its e-mail and the custom role holding Tempo's bucket permissions. */
export function resolveGcp(args: TempoClusterArgs, ctx: SpecContext): ResolvedGcp {
    const gcp = args.gcp as NonNullable<TempoClusterArgs["gcp"]>;
    const serviceAccountId = gcp.serviceAccountId ?? deriveServiceAccountId(ctx.project, ctx.stack, ctx.name);
    return {
        project: gcp.project,
        location: gcp.location,
        clusterProject: gcp.clusterProject ?? gcp.project,
        serviceAccountId,
        serviceAccountEmail: mapInput(gcp.project, (project) => `${serviceAccountId}@${project}.iam.gserviceaccount.com`),
        roleId: `tempoBucketAccess_${shortHash(`${ctx.project}/${ctx.stack}/${ctx.name}`, 10)}`,
        labels: { "managed-by": "pulumi", ...gcp.labels },
    };
}

/** Azure: the storage account, the managed identity and the cluster the federated credential trusts. */
export function resolveAzure(args: TempoClusterArgs, ctx: SpecContext): ResolvedAzure {
    const azure = args.azure as NonNullable<TempoClusterArgs["azure"]>;
    return {
        resourceGroupName: azure.resourceGroupName,
        location: azure.location,
        oidcIssuerUrl: azure.oidcIssuerUrl,
        clusterName: azure.clusterName,
        clusterResourceGroupName: azure.clusterResourceGroupName ?? azure.resourceGroupName,
        storageAccountName: azure.storageAccountName ?? deriveStorageAccountName(ctx.project, ctx.stack, ctx.name),
        identityName: fitName(`${ctx.project}-${ctx.stack}-${ctx.name}-tempo`, 128),
        keyVaultId: azure.keyVaultId,
        tags: { "managed-by": "pulumi", "tempo-cluster": `${ctx.project}/${ctx.stack}/${ctx.name}`, ...azure.tags },
    };
}

/** Default size of the in-cluster store's volume. */
const DEFAULT_LOCAL_STORAGE_SIZE = "10Gi";

/** The S3-compatible store of `cloud: local`: the in-cluster RustFS release, or a store the user runs. */
export function resolveLocal(args: TempoClusterArgs, ctx: SpecContext): ResolvedLocal {
    const local = args.local ?? {};
    const inCluster = args.storage?.existingBucket === undefined;
    const releaseName = `${ctx.name}-rustfs`;
    const namespace = args.namespace ?? DEFAULT_NAMESPACE;
    const clusterDomain = args.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN;
    return {
        inCluster,
        endpoint: inCluster ? `${releaseName}-svc.${namespace}.svc.${clusterDomain}:9000` : (local.endpoint as string),
        insecure: inCluster ? true : (local.insecure ?? false),
        releaseName,
        storageSize: local.storageSize ?? DEFAULT_LOCAL_STORAGE_SIZE,
        storageClass: local.storageClass,
        accessKeyId: inCluster ? "tempo" : (local.accessKeyId as string),
        secretAccessKey: local.secretAccessKey,
        credentialsSecretName: `${ctx.name}-object-store-credentials`,
    };
}
