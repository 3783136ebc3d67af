/**
 * The in-cluster object store for `cloud: local`, as plain data: RustFS Helm values and the Job that creates the
 * bucket (the RustFS chart creates none). RustFS is Apache-2.0, ships maintained images and an official chart, and is
 * one of the two stores the Tempo chart's own CI exercises; MinIO's community edition stopped publishing images.
 * Pure: the shell in `clouds/local.ts` turns them into resources.
 * @see https://github.com/rustfs/rustfs
 */
import type { ChartTarget } from "../args/targets";
import { createdBucketName, type ResolvedLocal, type ResolvedSpec } from "../args/resolved";
import { awaitAnnotations, componentLabels } from "./labels";

/** Pinned RustFS chart. Every 1.x chart is a semver pre-release: an unpinned install would pick the older 0.x line. */
export const RUSTFS_TARGET: ChartTarget = {
    chart: "rustfs",
    version: "1.0.0-rc.3",
    repository: "https://charts.rustfs.com",
    tempoVersion: "",
};
/**
 * The AWS CLI v2 image of the bucket-creation Job and of the S3 storage preflight: it talks to any S3-compatible
 * store, and from 2.15.0 on reads EKS Pod Identity credentials.
 */
export const AWS_CLI_IMAGE = "amazon/aws-cli:2.17.0";
/** Environment variable names in the credentials Secret: RustFS reads the first pair, Tempo's S3 client the second. */
export const STORE_CREDENTIAL_KEYS = {
    storeAccessKey: "RUSTFS_ACCESS_KEY",
    storeSecretKey: "RUSTFS_SECRET_KEY",
    awsAccessKey: "AWS_ACCESS_KEY_ID",
    awsSecretKey: "AWS_SECRET_ACCESS_KEY",
} as const;

/** Values of the RustFS release: one standalone pod, no ingress, credentials from our Secret, a sized volume. */
export function rustfsValues(local: ResolvedLocal): Record<string, unknown> {
    return {
        fullnameOverride: local.releaseName,
        mode: { standalone: { enabled: true }, distributed: { enabled: false } },
        ingress: { enabled: false },
        secret: { existingSecret: local.credentialsSecretName },
        storageclass: { name: local.storageClass ?? "", dataStorageSize: local.storageSize },
        config: { rustfs: { obs_log_directory: "" } },
    };
}

/** A Job that waits for the store and creates the bucket; idempotent (an existing bucket counts as success). */
export function createBucketJob(spec: ResolvedSpec, local: ResolvedLocal): Record<string, unknown> {
    const url = `http://${local.endpoint}`;
    const bucket = createdBucketName(spec.storage);
    const script = [
        "for attempt in $(seq 1 60); do",
        `  if aws --endpoint-url "${url}" s3api head-bucket --bucket "${bucket}" 2>/dev/null; then exit 0; fi`,
        `  if aws --endpoint-url "${url}" s3api create-bucket --bucket "${bucket}"; then exit 0; fi`,
        "  sleep 5",
        "done",
        "exit 1",
    ].join("\n");
    const secretRef = (key: string) => ({ secretKeyRef: { name: local.credentialsSecretName, key } });
    return {
        apiVersion: "batch/v1",
        kind: "Job",
        metadata: {
            name: `${spec.releaseName}-create-bucket`,
            namespace: spec.namespace,
            labels: componentLabels(spec, "object-store"),
            // The provider waits for a Job to complete unless told not to (chart.skipAwait).
            ...(spec.chart.skipAwait ? { annotations: awaitAnnotations(spec) } : {}),
        },
        spec: {
            backoffLimit: 3,
            template: {
                metadata: { labels: componentLabels(spec, "object-store") },
                spec: {
                    restartPolicy: "OnFailure",
                    securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, seccompProfile: { type: "RuntimeDefault" } },
                    containers: [
                        {
                            name: "create-bucket",
                            image: AWS_CLI_IMAGE,
                            command: ["/bin/sh", "-c", script],
                            env: [
                                { name: "AWS_ACCESS_KEY_ID", valueFrom: secretRef(STORE_CREDENTIAL_KEYS.awsAccessKey) },
                                { name: "AWS_SECRET_ACCESS_KEY", valueFrom: secretRef(STORE_CREDENTIAL_KEYS.awsSecretKey) },
                                { name: "AWS_REGION", value: "us-east-1" },
                                { name: "HOME", value: "/tmp" },
                            ],
                            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                            volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
                            resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "256Mi" } },
                        },
                    ],
                    volumes: [{ name: "tmp", emptyDir: {} }],
                },
            },
        },
    };
}

/** Tempo's S3 block for the store: path-style addressing, plain HTTP in the cluster, keys from the environment. */
export function localBackendValues(spec: ResolvedSpec, local: ResolvedLocal): Record<string, unknown> {
    return {
        backend: "s3",
        s3: { bucket: spec.storage.bucketName, endpoint: local.endpoint, insecure: local.insecure, forcepathstyle: true },
    };
}
