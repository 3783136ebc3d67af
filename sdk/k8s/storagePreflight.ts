/**
 * The storage preflight Job (`manifests/storagePreflight.ts`), created after the ServiceAccount and the bucket and
 * before the Tempo release, which depends on it. The provider waits for the Job to complete and reports the probe's
 * verdict (the pod's termination message) when it fails, so the deployment stops before Tempo.
 */
import type * as pulumi from "@pulumi/pulumi";
import { Job } from "@pulumi/kubernetes/batch/v1";
import type { StorageBinding } from "../bindings";
import type { ResolvedSpec } from "../args/resolved";
import { storagePreflightJob } from "../manifests/storagePreflight";

/** The preflight Job, or nothing when it is off. */
export function createStoragePreflight(
    spec: ResolvedSpec,
    storage: StorageBinding,
    parent: pulumi.Resource,
    dependsOn: pulumi.Resource[],
): pulumi.Resource[] {
    const job = storagePreflightJob(spec, storage);
    const preflight = spec.storage.preflight;
    if (job === undefined || preflight === undefined) {
        return [];
    }
    // The provider's own wait for a Job is 10 minutes; the probe may retry longer on Azure.
    const timeout = `${preflight.deadlineSeconds + 60}s`;
    return [
        new Job(`${spec.name}-storage-preflight`, job as never, {
            parent,
            dependsOn,
            // A Job's pod template cannot change: a new check replaces the old Job, under the same name.
            deleteBeforeReplace: true,
            customTimeouts: { create: timeout, update: timeout },
        }),
    ];
}
