/**
 * Google Cloud access for Tempo, as pure data: the exact bucket permissions Tempo's GCS backend uses and the
 * Workload Identity member of its Kubernetes ServiceAccount.
 *
 * Permissions: https://grafana.com/docs/tempo/latest/configuration/hosted-storage/gcs/
 * Workload Identity: https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity
 */

/**
 * Exactly what Tempo calls: list, read, write and delete objects, plus `storage.buckets.get` (Tempo reads the
 * bucket's attributes at startup; `roles/storage.objectAdmin` alone lacks it).
 */
export const GCS_PERMISSIONS = [
    "storage.buckets.get",
    "storage.objects.create",
    "storage.objects.delete",
    "storage.objects.get",
    "storage.objects.list",
] as const;

/** Role that lets a Kubernetes ServiceAccount act as the Google service account. */
export const WORKLOAD_IDENTITY_USER_ROLE = "roles/iam.workloadIdentityUser";
/** Role the Cloud Storage service agent needs on a customer-managed key. */
export const KMS_ENCRYPTER_DECRYPTER_ROLE = "roles/cloudkms.cryptoKeyEncrypterDecrypter";
/** ServiceAccount annotation GKE reads to map the pod to the Google service account. */
export const GKE_SERVICE_ACCOUNT_ANNOTATION = "iam.gke.io/gcp-service-account";

/** The IAM member of a Kubernetes ServiceAccount in a GKE workload identity pool. */
export function workloadIdentityMember(clusterProject: string, namespace: string, serviceAccount: string): string {
    return `serviceAccount:${clusterProject}.svc.id.goog[${namespace}/${serviceAccount}]`;
}

/** The IAM member of a Google service account. */
export function serviceAccountMember(email: string): string {
    return `serviceAccount:${email}`;
}

/** Full name of a project-level custom role. */
export function customRoleName(project: string, roleId: string): string {
    return `projects/${project}/roles/${roleId}`;
}
