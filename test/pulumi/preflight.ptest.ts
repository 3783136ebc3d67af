/**
 * The storage preflight under the real `pulumi up`: a stack whose Tempo keeps blocks in a real S3-compatible store
 * (engine `versitygw`) on loopback, deployed to the suite's cluster while a kubelet stand-in runs the preflight pod's
 * own command (the AWS CLI of engine `aws-cli` in place of the image) with the Secret the API server holds. The Job
 * controller and the Kubernetes provider act on the pod's status as in any cluster: with Tempo's keys the Job
 * completes and only then is the Tempo release installed; with a wrong key `pulumi up` fails with the probe's message
 * and no Tempo release exists.
 *
 * The cluster has no kubelet, so every stack of the suite sets `chart.skipAwait`; here a stack transform removes the
 * skip from the preflight Job alone, so the provider waits for it as it would without `chart.skipAwait`.
 */
import { strict as assert } from "node:assert";
import { join } from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import type { LocalApiServer } from "../engines/support/apiserver";
import { LocalObjectStore, type StoreAccount } from "../engines/support/objectStore";
import { caseStack, pulumiFixture, repositoryProgram } from "./support/fixture";
import { KubeletStandIn } from "./support/kubelet";
import { pulumiCase } from "./support/stacks";
import { PULUMI_OUT, type TestStack } from "./support/workspace";

const ROOT: StoreAccount = { accessKeyId: "store-root", secretAccessKey: "store-root-secret-key" };
const TEMPO: StoreAccount = { accessKeyId: "tempo", secretAccessKey: "tempo-secret-key-for-the-preflight" };
const BUCKET = "traces";
const JOB_TYPE = "kubernetes:batch/v1:Job";
const RELEASE_TYPE = "kubernetes:helm.sh/v3:Release";

/** The repository's program, with the storage preflight Job waited for although the stack sets `chart.skipAwait`. */
function programAwaitingPreflight(): () => Promise<Record<string, unknown>> {
    const program = repositoryProgram();
    return async () => {
        const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
        pulumi.runtime.registerResourceTransform((resource) => {
            if (resource.type !== JOB_TYPE || !resource.name.endsWith("-storage-preflight")) {
                return undefined;
            }
            const metadata = { ...(resource.props.metadata as Record<string, unknown>) };
            delete metadata.annotations;
            return { props: { ...resource.props, metadata }, opts: resource.opts };
        });
        return program();
    };
}

describe("the storage preflight under pulumi up, its pod run by a kubelet stand-in", function () {
    let server: LocalApiServer;
    let store: LocalObjectStore;

    before(async function () {
        ({ server } = await pulumiFixture());
        store = await LocalObjectStore.start(join(PULUMI_OUT, "preflight-store"), ROOT);
        await store.createUser(TEMPO);
        await store.createBucket(BUCKET, { [TEMPO.accessKeyId]: ["s3:*"] });
    });

    after(() => store?.stop());

    /** A monolithic Tempo in `namespace` on the store's bucket, its secret key as given. */
    async function storeStack(name: string, namespace: string, secretKey: string): Promise<TestStack> {
        const testCase = pulumiCase(name, {
            "pulumi:disable-default-providers": ["kubernetes"],
            "tempo:cluster": {
                cloud: "local",
                profile: "dev",
                architecture: "monolithic",
                retention: "1d",
                namespace,
                storage: { existingBucket: BUCKET },
                local: { endpoint: store.endpoint, accessKeyId: TEMPO.accessKeyId, insecure: true },
            },
        });
        const stack = await caseStack(await pulumiFixture(), { ...testCase, secrets: { "tempo:localSecretAccessKey": secretKey } });
        stack.stack.workspace.program = programAwaitingPreflight();
        return stack;
    }

    /** `pulumi up` with the stand-in running the preflight's pod; its outcome, the engine's events and the pods run. */
    async function upWithKubelet(stack: TestStack, namespace: string) {
        const events: EngineEvent[] = [];
        const kubelet = new KubeletStandIn(server, namespace, "app.kubernetes.io/component=storage-preflight", [store.awsCliDir]);
        const outcome = await stack.stack.up({ onEvent: (event) => events.push(event) }).then(
            (result) => ({ result, failure: undefined }),
            (failure: Error) => ({ result: undefined, failure }),
        );
        return { ...outcome, events, ran: await kubelet.stop() };
    }

    async function tearDown(stack: TestStack): Promise<void> {
        await stack.stack.destroy();
        await stack.stack.workspace.removeStack(stack.name);
    }

    it("with Tempo's keys: the probe passes, the Job completes, and only then is the Tempo release installed", async function () {
        const namespace = "tempo-preflight-passes";
        const stack = await storeStack("local-preflight-passes", namespace, TEMPO.secretAccessKey);
        const { result, failure, events, ran } = await upWithKubelet(stack, namespace);
        assert.equal(failure, undefined);
        assert.equal(result?.summary.result, "succeeded");
        assert.equal(ran.length, 1, "one pod, one run");
        assert.equal(ran[0].run.exitCode, 0, ran[0].run.output);
        assert.match(ran[0].run.output.trim(), /^Storage preflight passed: listed, wrote, read back and deleted tempo-cluster-preflight-tempo in bucket "traces" as access key tempo\.$/);
        assert.deepEqual(await store.keys(BUCKET), [], "the probe object is gone");

        const job = await server.request("GET", `/apis/batch/v1/namespaces/${namespace}/jobs/tempo-storage-preflight`);
        const complete = (job.body.status?.conditions ?? []).find((condition: { type: string }) => condition.type === "Complete");
        assert.equal(complete?.status, "True", JSON.stringify(job.body.status));

        const finished = events.findIndex((event) => event.resOutputsEvent?.metadata.type === JOB_TYPE && event.resOutputsEvent.metadata.urn.endsWith("::tempo-storage-preflight"));
        const releaseStarted = events.findIndex((event) => event.resourcePreEvent?.metadata.type === RELEASE_TYPE && event.resourcePreEvent.metadata.urn.endsWith("::tempo-helm"));
        assert.ok(finished >= 0 && releaseStarted >= 0, "both the Job and the release were deployed");
        assert.ok(finished < releaseStarted, "the engine finished the Job (the provider waited for it to complete) before it started the Tempo release");
        await tearDown(stack);
    });

    it("with a wrong secret key: pulumi up fails with the probe's one message, and no Tempo release exists", async function () {
        const namespace = "tempo-preflight-fails";
        const stack = await storeStack("local-preflight-fails", namespace, "not-the-secret-key");
        const { failure, events, ran } = await upWithKubelet(stack, namespace);
        assert.ok(failure !== undefined, "pulumi up fails");
        assert.equal(ran.length, 1);
        const message = ran[0].run.terminationMessage;
        assert.match(
            message,
            /^Storage preflight failed: s3:ListBucket failed on bucket "traces" as access key tempo: An error occurred \(SignatureDoesNotMatch\) .* Most likely cause: the secret access key does not belong to the access key id: correct the secret key in the Secret tempo-object-store-credentials \(local\.secretAccessKey\)\. How to act: \S+\/docs\/storage-preflight\.md$/,
        );
        assert.ok(failure.message.includes(message), `the provider reports the probe's message in the failed update:\n${failure.message}`);

        const releases = await server.request("GET", `/api/v1/namespaces/${namespace}/secrets?labelSelector=owner%3Dhelm`);
        assert.equal(releases.body.items.length, 0, "Helm installed nothing");
        const state = await stack.stack.exportStack();
        assert.equal((state.deployment.resources ?? []).filter((resource: { type: string }) => resource.type === RELEASE_TYPE).length, 0, "no Tempo release in the stack");
        assert.ok(!events.some((event) => event.resourcePreEvent?.metadata.type === RELEASE_TYPE), "the engine never started the release");
        await tearDown(stack);
    });
});
