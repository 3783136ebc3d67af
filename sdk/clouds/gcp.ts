/**
 * Google Cloud: a GCS bucket with uniform access, public access prevention and a lifecycle; a Google service account
 * with a custom role holding exactly Tempo's permissions, bound on the bucket only; GKE Workload Identity.
 */
import * as pulumi from "@pulumi/pulumi";
import {
    GCS_PERMISSIONS,
    GKE_SERVICE_ACCOUNT_ANNOTATION,
    KMS_ENCRYPTER_DECRYPTER_ROLE,
    serviceAccountMember,
    WORKLOAD_IDENTITY_USER_ROLE,
    workloadIdentityMember,
} from "../access/gcp";
import type { StorageBinding } from "../bindings";
import { createdBucketName, type ResolvedGcp, type ResolvedSpec } from "../args/resolved";
import { PEERS } from "../args/peers";
import { mapInput } from "../util/input";
import { invokeField } from "../util/invokeResult";
import { requirePeer } from "../util/peer";

const gcp = {
    storage: () => requirePeer(PEERS.gcp, () => require("@pulumi/gcp/storage") as typeof import("@pulumi/gcp/storage")),
    serviceaccount: () =>
        requirePeer(PEERS.gcp, () => require("@pulumi/gcp/serviceaccount") as typeof import("@pulumi/gcp/serviceaccount")),
    projects: () => requirePeer(PEERS.gcp, () => require("@pulumi/gcp/projects") as typeof import("@pulumi/gcp/projects")),
    kms: () => requirePeer(PEERS.gcp, () => require("@pulumi/gcp/kms") as typeof import("@pulumi/gcp/kms")),
};

/** Creates (or adopts) the bucket and the identity on Google Cloud. */
export function createGcpStorage(spec: ResolvedSpec, parent: pulumi.Resource): StorageBinding & { dependencies: pulumi.Resource[] } {
    const settings = spec.gcp as ResolvedGcp;
    const opts = { parent };
    const bucketName = spec.storage.bucketName;
    const dependencies: pulumi.Resource[] = [];

    const account = new (gcp.serviceaccount().Account)(
        `${spec.name}-google-service-account`,
        {
            project: settings.project,
            accountId: settings.serviceAccountId,
            displayName: `Grafana Tempo ${spec.namespace}/${spec.releaseName}`,
            description: "Reads and writes the Tempo trace bucket (managed by TempoCluster)",
        },
        opts,
    );
    if (!spec.storage.existing) {
        dependencies.push(...createBucket(spec, settings, parent));
    }
    const role = new (gcp.projects().IAMCustomRole)(
        `${spec.name}-bucket-role`,
        {
            project: settings.project,
            roleId: settings.roleId,
            title: `Tempo trace bucket access (${spec.project}/${spec.stack}/${spec.name})`,
            description: "Exactly the Cloud Storage permissions Grafana Tempo uses",
            permissions: [...GCS_PERMISSIONS],
            stage: "GA",
        },
        opts,
    );
    const binding = new (gcp.storage().BucketIAMMember)(
        `${spec.name}-bucket-access`,
        { bucket: bucketName, role: role.name, member: mapInput(settings.serviceAccountEmail, serviceAccountMember) },
        { parent, dependsOn: [account, ...dependencies] },
    );
    const workloadIdentity = new (gcp.serviceaccount().IAMMember)(
        `${spec.name}-workload-identity`,
        {
            serviceAccountId: account.name,
            role: WORKLOAD_IDENTITY_USER_ROLE,
            member: mapInput(settings.clusterProject, (project) => workloadIdentityMember(project, spec.namespace, spec.serviceAccountName)),
        },
        opts,
    );
    dependencies.push(account, role, binding, workloadIdentity);
    return {
        backendValues: { backend: "gcs", gcs: { bucket_name: bucketName } },
        serviceAccountAnnotations: { [GKE_SERVICE_ACCOUNT_ANNOTATION]: settings.serviceAccountEmail },
        podLabels: {},
        secretEnv: [],
        bucketName,
        identity: settings.serviceAccountEmail,
        dependencies,
    };
}

/** The bucket: uniform access, no public access, expiring after retention, CMEK when a key is given. */
function createBucket(spec: ResolvedSpec, settings: ResolvedGcp, parent: pulumi.Resource): pulumi.Resource[] {
    const keep = { protect: spec.storage.protect, retainOnDelete: spec.storage.retainOnDelete };
    const key = spec.storage.encryptionKey;
    const keyGrant =
        key === undefined
            ? []
            : [
                  new (gcp.kms().CryptoKeyIAMMember)(
                      `${spec.name}-bucket-key-access`,
                      {
                          cryptoKeyId: key,
                          role: KMS_ENCRYPTER_DECRYPTER_ROLE,
                          // The Cloud Storage service agent encrypts objects with the key, not Tempo's account.
                          member: invokeField(
                              gcp.storage().getProjectServiceAccountOutput({ project: settings.project }, { parent }),
                              "gcp:storage/getProjectServiceAccount:getProjectServiceAccount",
                              "emailAddress (the Cloud Storage service agent)",
                              (account) => account.emailAddress,
                          ).apply(serviceAccountMember),
                      },
                      { parent, ...keep },
                  ),
              ];
    const bucket = new (gcp.storage().Bucket)(
        `${spec.name}-bucket`,
        {
            name: createdBucketName(spec.storage),
            project: settings.project,
            location: settings.location,
            uniformBucketLevelAccess: true,
            publicAccessPrevention: "enforced",
            forceDestroy: spec.storage.forceDestroy,
            lifecycleRules: [
                { action: { type: "Delete" }, condition: { age: spec.storage.expirationDays } },
                { action: { type: "AbortIncompleteMultipartUpload" }, condition: { age: 1 } },
            ],
            ...(key !== undefined ? { encryption: { defaultKmsKeyName: key } } : {}),
            labels: { ...settings.labels },
        },
        { parent, dependsOn: keyGrant, ...keep },
    );
    return [...keyGrant, bucket];
}
