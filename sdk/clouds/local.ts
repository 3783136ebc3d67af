/**
 * `cloud: local`: an in-cluster S3-compatible store (RustFS) with credentials generated once and kept as Pulumi
 * secrets, delivered to RustFS and to Tempo through one Kubernetes Secret; or an S3-compatible store the user runs.
 */
import * as pulumi from "@pulumi/pulumi";
import { Job } from "@pulumi/kubernetes/batch/v1";
import { SecretPurpose, type StorageBinding } from "../bindings";
import { createSecret } from "../k8s/core";
import { installChart } from "../k8s/helm";
import { chartInstallOptions, type ResolvedLocal, type ResolvedSpec } from "../args/resolved";
import { PEERS } from "../args/peers";
import { requirePeer } from "../util/peer";
import { createBucketJob, localBackendValues, RUSTFS_TARGET, rustfsValues, STORE_CREDENTIAL_KEYS } from "../manifests/localStore";

const randomPassword = () =>
    requirePeer(PEERS.random, () => require("@pulumi/random/randomPassword") as typeof import("@pulumi/random/randomPassword"));

/** Creates the store (or binds an existing one) and returns what the chart needs. */
export function createLocalStorage(
    spec: ResolvedSpec,
    parent: pulumi.Resource,
    dependsOn: pulumi.Resource[],
): StorageBinding & { dependencies: pulumi.Resource[] } {
    const local = spec.local as ResolvedLocal;
    const secretKey = local.inCluster && local.secretAccessKey === undefined
        ? new (randomPassword().RandomPassword)(`${spec.name}-object-store-secret-key`, { length: 40, special: false }, { parent }).result
        : pulumi.output(local.secretAccessKey as pulumi.Input<string>);
    const credentials = createSecret(
        spec,
        "object-store-credentials",
        local.credentialsSecretName,
        {
            [STORE_CREDENTIAL_KEYS.storeAccessKey]: local.accessKeyId,
            [STORE_CREDENTIAL_KEYS.storeSecretKey]: secretKey,
            [STORE_CREDENTIAL_KEYS.awsAccessKey]: local.accessKeyId,
            [STORE_CREDENTIAL_KEYS.awsSecretKey]: secretKey,
        },
        parent,
        dependsOn,
    );
    const dependencies: pulumi.Resource[] = [credentials];
    if (local.inCluster) {
        const store = installChart(
            {
                resourceName: `${spec.name}-object-store`,
                releaseName: local.releaseName,
                namespace: spec.namespace,
                chart: { ...RUSTFS_TARGET, ...chartInstallOptions(spec.chart) },
                values: rustfsValues(local),
            },
            parent,
            [...dependsOn, credentials],
        );
        const bucket = new Job(`${spec.name}-create-bucket`, createBucketJob(spec, local) as never, {
            parent,
            dependsOn: [store],
            deleteBeforeReplace: true,
        });
        dependencies.push(store, bucket);
    }
    return {
        backendValues: localBackendValues(spec, local),
        serviceAccountAnnotations: {},
        podLabels: {},
        secretEnv: [
            { name: "AWS_ACCESS_KEY_ID", secretName: local.credentialsSecretName, key: STORE_CREDENTIAL_KEYS.awsAccessKey, purpose: SecretPurpose.ObjectStore },
            { name: "AWS_SECRET_ACCESS_KEY", secretName: local.credentialsSecretName, key: STORE_CREDENTIAL_KEYS.awsSecretKey, purpose: SecretPurpose.ObjectStore },
        ],
        bucketName: spec.storage.bucketName,
        identity: local.accessKeyId,
        dependencies,
    };
}

/** Monolithic with `local.filesystem`: blocks stay on the pod's persistent volume; nothing to create. */
export function filesystemStorage(): StorageBinding {
    return {
        backendValues: { backend: "local" },
        serviceAccountAnnotations: {},
        podLabels: {},
        secretEnv: [],
        bucketName: "",
        identity: "",
    };
}
