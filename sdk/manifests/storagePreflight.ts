/**
 * The storage preflight Job, as plain data: before Tempo is installed or upgraded, a pod running as Tempo's own
 * ServiceAccount, with Tempo's own storage settings and credential chain, lists the bucket and writes, reads back and
 * deletes one probe object. The probe is the cloud's CLI (`preflightS3.ts`, `preflightGcs.ts`, `preflightAzure.ts`):
 * `tempo-cli` reads blocks but cannot write or delete an object, while each CLI reads the same workload identity as
 * Tempo's client and names the failed permission in its errors. Pure: `k8s/storagePreflight.ts` creates it.
 */
import type { StorageBinding } from "../bindings";
import type { ResolvedSpec, ResolvedStoragePreflight } from "../args/resolved";
import { awaitAnnotations, componentLabels } from "./labels";
import { azureProbe } from "./preflightAzure";
import { gcsProbe } from "./preflightGcs";
import { s3Probe } from "./preflightS3";
import { PROBE_ENV, type PreflightProbe } from "./preflightScript";

/** Pod-template annotation naming the chart release the preflight ran before: a new chart version runs it again. */
export const CHECKED_FOR_ANNOTATION = "tempo-cluster.io/checked-before";

/** The probe for the storage backend Tempo is configured with (the chart's `storage.trace.backend`). */
export function preflightProbe(spec: ResolvedSpec, storage: StorageBinding): PreflightProbe {
    const backend = storage.backendValues.backend;
    const settings = (key: string) => (storage.backendValues[key] ?? {}) as Record<string, unknown>;
    switch (backend) {
        case "s3":
            return s3Probe(spec, { region: settings("s3").region, secretEnv: storage.secretEnv });
        case "gcs":
            return gcsProbe(spec.namespace, spec.serviceAccountName);
        case "azure":
            return azureProbe(settings("azure").storage_account_name);
        default:
            throw new Error(`the storage preflight has no probe for the storage backend ${String(backend)}`);
    }
}

/** The preflight Job, or `undefined` when it is off (`storage.preflight.enabled: false`, or blocks on a volume). */
export function storagePreflightJob(spec: ResolvedSpec, storage: StorageBinding): Record<string, unknown> | undefined {
    const preflight = spec.storage.preflight;
    if (preflight === undefined) {
        return undefined;
    }
    const probe = preflightProbe(spec, storage);
    const labels = componentLabels(spec, "storage-preflight");
    return {
        apiVersion: "batch/v1",
        kind: "Job",
        metadata: {
            name: preflight.jobName,
            namespace: spec.namespace,
            labels,
            ...(spec.chart.skipAwait ? { annotations: awaitAnnotations(spec) } : {}),
        },
        spec: {
            // The probe retries inside the pod; a second pod would only repeat the same verdict later.
            backoffLimit: 0,
            activeDeadlineSeconds: preflight.deadlineSeconds,
            template: {
                metadata: {
                    labels: { ...labels, ...storage.podLabels },
                    annotations: { [CHECKED_FOR_ANNOTATION]: `${spec.chart.chart}-${spec.chart.version}` },
                },
                spec: {
                    serviceAccountName: spec.serviceAccountName,
                    restartPolicy: "Never",
                    securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, seccompProfile: { type: "RuntimeDefault" } },
                    containers: [
                        {
                            name: "storage-preflight",
                            image: preflight.image ?? probe.image,
                            command: ["/bin/sh", "-c", probe.script],
                            env: [...sharedEnv(spec, storage, preflight), ...probe.env, { name: "HOME", value: "/tmp" }].map(withoutEmptyValue),
                            // The probe's last line is its verdict; the kubelet makes it the termination message.
                            terminationMessagePolicy: "FallbackToLogsOnError",
                            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                            volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
                            resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "512Mi" } },
                        },
                    ],
                    volumes: [{ name: "tmp", emptyDir: {} }],
                },
            },
        },
    };
}

/**
 * A variable whose value is the empty string, without the value: the Kubernetes provider drops `value: ""` (so the state
 * would differ from what was sent), and a variable without a value is set, empty, in the container all the same.
 */
function withoutEmptyValue<T extends { name: string; value?: unknown }>(variable: T): T | { name: string } {
    return variable.value === "" ? { name: variable.name } : variable;
}

function sharedEnv(spec: ResolvedSpec, storage: StorageBinding, preflight: ResolvedStoragePreflight): { name: string; value: unknown }[] {
    return [
        { name: PROBE_ENV.bucket, value: storage.bucketName },
        { name: PROBE_ENV.object, value: preflight.objectKey },
        { name: PROBE_ENV.identity, value: storage.identity },
        { name: PROBE_ENV.subject, value: `system:serviceaccount:${spec.namespace}:${spec.serviceAccountName}` },
        { name: PROBE_ENV.retrySeconds, value: String(preflight.retrySeconds) },
        { name: PROBE_ENV.docs, value: preflight.docsUrl },
    ];
}
