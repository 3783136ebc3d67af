/**
 * The storage preflight on Google Cloud Storage: the gcloud CLI, which takes its credentials from the GKE metadata
 * server exactly as Tempo's GCS client does (Workload Identity: the Kubernetes ServiceAccount acts as the Google
 * service account it is annotated with). It first checks which account the metadata server hands out, so a missing
 * annotation or a node pool without the GKE metadata server is named as such. Pure: the Job comes from
 * `storagePreflight.ts`.
 * @see https://cloud.google.com/sdk/gcloud/reference/storage
 * @see https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity
 */
import { probeScript, type PreflightProbe } from "./preflightScript";

/** The Google Cloud CLI image (Debian based, `gcloud storage` included). */
export const GCLOUD_CLI_IMAGE = "gcr.io/google.com/cloudsdktool/google-cloud-cli:502.0.0-stable";

const GCS_FUNCTIONS = String.raw`
# The account the metadata server hands this pod must be Tempo's Google service account.
identify() {
    identity="service account $PREFLIGHT_IDENTITY"
    step "iam.serviceAccounts.getAccessToken" gcloud auth print-access-token --quiet || return 1
    step "iam.serviceAccounts.getAccessToken" gcloud config list account --format "value(core.account)" || return 1
    account="$(cat "$work/output")"
    [ "$account" = "$PREFLIGHT_IDENTITY" ] && return 0
    echo "the pod acts as $account, not as the service account" > "$error_file"
    failed_operation="iam.serviceAccounts.getAccessToken"
    return 1
}

probe() {
    step "storage.objects.list" gcloud storage ls "gs://$PREFLIGHT_BUCKET" &&
        step "storage.objects.create" gcloud storage cp "$probe_file" "gs://$PREFLIGHT_BUCKET/$PREFLIGHT_OBJECT" &&
        step "storage.objects.get" gcloud storage cp "gs://$PREFLIGHT_BUCKET/$PREFLIGHT_OBJECT" "$read_file" &&
        step "storage.objects.get" same_content &&
        step "storage.objects.delete" gcloud storage rm "gs://$PREFLIGHT_BUCKET/$PREFLIGHT_OBJECT"
}

likely_cause() {
    operation="$1"
    error="$2"
    case "$error" in
        *".svc.id.goog"*)
            echo "the pod acts as its Kubernetes ServiceAccount itself: the ServiceAccount lacks the iam.gke.io/gcp-service-account annotation naming $PREFLIGHT_IDENTITY" ;;
        *"not as the service account"*)
            echo "the pod acts as another account (the node's, when the node pool runs without the GKE metadata server): enable Workload Identity on the cluster and GKE_METADATA on the node pool Tempo runs on" ;;
        *"getAccessToken"*|*"Unable to generate access token"*|*"workloadIdentityUser"*)
            echo "the Workload Identity binding is missing: $PREFLIGHT_IDENTITY must grant roles/iam.workloadIdentityUser to serviceAccount:<project>.svc.id.goog[$PREFLIGHT_NAMESPACE/$PREFLIGHT_SERVICE_ACCOUNT]; IAM changes can take a few minutes" ;;
        *"metadata"*|*"Compute Engine"*|*"169.254.169.254"*)
            echo "the GKE metadata server cannot be reached: enable Workload Identity on the cluster and GKE_METADATA on the node pool; check NetworkPolicies that block 169.254.169.254" ;;
        *"BucketNotFound"*|*"bucket does not exist"*|*"404"*)
            echo "the bucket does not exist: create it, or correct storage.existingBucket / storage.bucketName" ;;
        *"cloudkms"*|*"Cloud KMS"*)
            echo "the Cloud Storage service agent cannot use the bucket's Cloud KMS key: grant it roles/cloudkms.cryptoKeyEncrypterDecrypter on storage.encryptionKey" ;;
        *"does not have"*|*"403"*|*"Permission"*|*"AccessDenied"*)
            echo "$PREFLIGHT_IDENTITY lacks $operation on the bucket: grant it Tempo's role (objects list, create, get, delete) on gs://$PREFLIGHT_BUCKET; IAM changes can take a few minutes" ;;
        *"Could not connect"*|*"Connection"*|*"timed out"*|*"Name or service not known"*)
            echo "Cloud Storage cannot be reached from the pod: a private cluster needs Private Google Access or Cloud NAT; check NetworkPolicies" ;;
        *)
            echo "see the error above" ;;
    esac
}
`;

/** The GCS probe, run as the Google service account Tempo's ServiceAccount is bound to. */
export function gcsProbe(namespace: string, serviceAccount: string): PreflightProbe {
    return {
        image: GCLOUD_CLI_IMAGE,
        script: probeScript(GCS_FUNCTIONS),
        env: [
            { name: "PREFLIGHT_NAMESPACE", value: namespace },
            { name: "PREFLIGHT_SERVICE_ACCOUNT", value: serviceAccount },
            // gcloud keeps its configuration in a writable folder (the root filesystem is read-only) and never prompts.
            { name: "CLOUDSDK_CONFIG", value: "/tmp/gcloud" },
            { name: "CLOUDSDK_CORE_DISABLE_PROMPTS", value: "1" },
        ],
    };
}
