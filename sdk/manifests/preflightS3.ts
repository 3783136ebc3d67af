/**
 * The storage preflight on S3 (AWS) and S3-compatible stores (`cloud: local`): the AWS CLI, which reads the same
 * credential chain as Tempo's S3 client (IRSA's web identity token, EKS Pod Identity's container credentials, static
 * keys from the environment) and sends the same requests Tempo does (ListObjectsV2, PutObject, GetObject,
 * DeleteObject). On AWS it first asks STS who the pod is, so credentials from the wrong place (the node's role) are
 * named as such. Pure: the Job comes from `storagePreflight.ts`.
 * @see https://docs.aws.amazon.com/cli/latest/reference/s3api/
 */
import { AwsIdentityMode } from "../args/types";
import type { ResolvedSpec } from "../args/resolved";
import { AWS_CLI_IMAGE } from "./localStore";
import { probeScript, type PreflightProbe, type ProbeEnvVar } from "./preflightScript";


/** Variables of the S3 probe, beside the shared ones. */
export const S3_PROBE_ENV = {
    /** Endpoint URL of an S3-compatible store; empty on AWS. */
    endpoint: "PREFLIGHT_S3_ENDPOINT",
    /** `irsa`, `pod-identity`, or `static-keys` for an S3-compatible store. */
    credentials: "PREFLIGHT_S3_CREDENTIALS",
    /** The Kubernetes Secret holding static keys (S3-compatible stores). */
    secret: "PREFLIGHT_S3_SECRET",
    /** `true` when objects are encrypted with a customer-managed KMS key. */
    kms: "PREFLIGHT_S3_KMS",
} as const;

const S3_FUNCTIONS = String.raw`
s3api() {
    if [ -n "$PREFLIGHT_S3_ENDPOINT" ]; then
        aws --endpoint-url "$PREFLIGHT_S3_ENDPOINT" --cli-connect-timeout 10 --cli-read-timeout 30 s3api "$@"
    else
        aws --cli-connect-timeout 10 --cli-read-timeout 30 s3api "$@"
    fi
}

# On AWS, the role STS says the pod runs as must be the role Tempo was given.
identify() {
    if [ "$PREFLIGHT_S3_CREDENTIALS" = "static-keys" ]; then
        identity="access key $(printenv AWS_ACCESS_KEY_ID)"
        return 0
    fi
    identity="role $PREFLIGHT_IDENTITY"
    step "sts:GetCallerIdentity" aws --cli-connect-timeout 10 sts get-caller-identity --query Arn --output text || return 1
    caller="$(cat "$work/output")"
    role_name="$(echo "$PREFLIGHT_IDENTITY" | sed 's#.*/##')"
    case "$caller" in
        *":assumed-role/$role_name/"*) return 0 ;;
    esac
    echo "the pod's credentials are those of $caller, not of the role" > "$error_file"
    failed_operation="sts:GetCallerIdentity"
    return 1
}

probe() {
    step "s3:ListBucket" s3api list-objects-v2 --bucket "$PREFLIGHT_BUCKET" --prefix "$PREFLIGHT_OBJECT" --max-items 1 &&
        step "s3:PutObject" s3api put-object --bucket "$PREFLIGHT_BUCKET" --key "$PREFLIGHT_OBJECT" --body "$probe_file" &&
        step "s3:GetObject" s3api get-object --bucket "$PREFLIGHT_BUCKET" --key "$PREFLIGHT_OBJECT" "$read_file" &&
        step "s3:GetObject" same_content &&
        step "s3:DeleteObject" s3api delete-object --bucket "$PREFLIGHT_BUCKET" --key "$PREFLIGHT_OBJECT"
}

likely_cause() {
    operation="$1"
    error="$2"
    if [ "$PREFLIGHT_S3_CREDENTIALS" = "static-keys" ]; then
        store="the store at $PREFLIGHT_S3_ENDPOINT"
    else
        store="S3"
    fi
    case "$error" in
        *"Unable to locate credentials"*|*"NoCredentialProviders"*)
            if [ "$PREFLIGHT_S3_CREDENTIALS" = "pod-identity" ]; then
                echo "no credentials reached the pod: install the EKS Pod Identity Agent add-on and check that a pod identity association binds $PREFLIGHT_SUBJECT to the role"
            elif [ "$PREFLIGHT_S3_CREDENTIALS" = "irsa" ]; then
                echo "no credentials reached the pod: the EKS pod identity webhook did not inject the role; check the ServiceAccount's eks.amazonaws.com/role-arn annotation and that the pod was created after it"
            else
                echo "the access keys are missing from the environment: check the Secret $PREFLIGHT_S3_SECRET"
            fi ;;
        *"InvalidIdentityToken"*|*"No OpenIDConnect provider"*)
            echo "IAM does not know the cluster's OIDC issuer: register the cluster's OIDC provider in IAM (aws.oidcProviderArn, or let the component look it up from aws.clusterName)" ;;
        *"AssumeRoleWithWebIdentity"*)
            echo "the role's trust policy does not accept this ServiceAccount: its condition must name the subject $PREFLIGHT_SUBJECT and the audience sts.amazonaws.com, and its principal the cluster's OIDC provider" ;;
        *"not of the role"*)
            echo "the pod got credentials from elsewhere in the chain (the node's instance role, or keys in the environment) instead of the role: check the workload identity ($PREFLIGHT_S3_CREDENTIALS) of $PREFLIGHT_SUBJECT"
            ;;
        *"InvalidAccessKeyId"*)
            if [ "$PREFLIGHT_S3_CREDENTIALS" = "static-keys" ]; then
                echo "$store does not know this access key id: the access key id in the Secret $PREFLIGHT_S3_SECRET is not one of the store's"
            else
                echo "the pod signs with access keys AWS does not know (static keys in its environment take precedence over the role): remove them"
            fi ;;
        *"SignatureDoesNotMatch"*)
            echo "the secret access key does not belong to the access key id: correct the secret key in the Secret $PREFLIGHT_S3_SECRET (local.secretAccessKey)" ;;
        *"NoSuchBucket"*)
            echo "the bucket does not exist in $store: create it, or correct storage.existingBucket / storage.bucketName" ;;
        *"PermanentRedirect"*|*"AuthorizationHeaderMalformed"*|*"IllegalLocationConstraint"*)
            echo "the bucket is in another region than $AWS_REGION: set aws.region to the bucket's region" ;;
        *"KMS"*|*"kms:"*)
            echo "the identity cannot use the bucket's KMS key: allow it kms:GenerateDataKey and kms:Decrypt in the key policy (storage.encryptionKey)" ;;
        *"AccessDenied"*|*"Forbidden"*|*"403"*)
            if [ "$PREFLIGHT_S3_CREDENTIALS" = "static-keys" ]; then
                echo "the store refuses $operation for this access key: grant the key read, write, list and delete on the bucket in the store's policy (or make it the bucket's owner)"
            elif [ "$PREFLIGHT_S3_KMS" = "true" ] && [ "$operation" != "s3:ListBucket" ]; then
                echo "the role lacks $operation on the bucket, or kms:GenerateDataKey/kms:Decrypt on its KMS key; a bucket policy, an SCP or a VPC endpoint policy may also deny it"
            else
                echo "the role lacks $operation on the bucket; a bucket policy, an SCP or a VPC endpoint policy may also deny it"
            fi ;;
        *"Could not connect"*|*"Connect timeout"*|*"Read timeout"*|*"Name or service not known"*|*"Temporary failure in name resolution"*)
            if [ "$PREFLIGHT_S3_CREDENTIALS" = "static-keys" ]; then
                echo "the store's endpoint $PREFLIGHT_S3_ENDPOINT cannot be reached from the namespace: check local.endpoint, local.insecure, DNS and NetworkPolicies"
            else
                echo "S3 or STS cannot be reached from the pod: a private cluster needs VPC endpoints for S3 and STS, or a NAT gateway; check NetworkPolicies"
            fi ;;
        *)
            echo "see the error above" ;;
    esac
}
`;

/** The S3 probe: AWS (the role of IRSA or EKS Pod Identity) or an S3-compatible store (static keys). */
export function s3Probe(
    spec: ResolvedSpec,
    storage: { readonly region?: unknown; readonly secretEnv: readonly { name: string; secretName: string; key: string }[] },
): PreflightProbe {
    const local = spec.local;
    const onAws = local === undefined;
    const credentials = onAws ? (spec.aws?.identityMode ?? AwsIdentityMode.Irsa) : "static-keys";
    const endpoint = local ? `${local.insecure ? "http" : "https"}://${local.endpoint}` : "";
    const keys: ProbeEnvVar[] = storage.secretEnv.map(({ name, secretName, key }) => ({ name, valueFrom: { secretKeyRef: { name: secretName, key } } }));
    return {
        image: AWS_CLI_IMAGE,
        script: probeScript(S3_FUNCTIONS),
        env: [
            { name: S3_PROBE_ENV.endpoint, value: endpoint },
            { name: S3_PROBE_ENV.credentials, value: credentials },
            { name: S3_PROBE_ENV.secret, value: local?.credentialsSecretName ?? "" },
            { name: S3_PROBE_ENV.kms, value: spec.storage.encryptionKey !== undefined ? "true" : "false" },
            // Tempo's S3 client signs for us-east-1 when a store names no region; so does the probe.
            { name: "AWS_REGION", value: onAws ? storage.region : "us-east-1" },
            { name: "AWS_PAGER", value: "" },
            ...keys,
        ],
    };
}
