/**
 * Real engines, the storage preflight's S3 probe: the Job the component renders for an S3-compatible store runs its
 * own command (the AWS CLI, engine `aws-cli`) against a real store (engine `versitygw`) with the environment the
 * kubelet would give its pod. Right keys pass and leave nothing behind; each way the keys, the bucket or the store can
 * be wrong fails with one message naming the identity, the bucket, the failed operation and its likely cause.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { LocalObjectStore, runJobContainer, type ContainerRun, type StoreAccount } from "./support/objectStore";
import { ENGINE_OUT, renderCase, type KubeObject, type RenderedCase } from "./support/render";

const ROOT: StoreAccount = { accessKeyId: "store-root", secretAccessKey: "store-root-secret-key" };
const TEMPO: StoreAccount = { accessKeyId: "tempo", secretAccessKey: "tempo-secret-key-for-the-preflight" };
const OUTSIDER: StoreAccount = { accessKeyId: "outsider", secretAccessKey: "outsider-secret-key" };
const READER: StoreAccount = { accessKeyId: "reader", secretAccessKey: "reader-secret-key" };
const BUCKET = "traces";

describe("real engines: the storage preflight's S3 probe against a real S3-compatible store", function () {
    let store: LocalObjectStore;
    let rendered: RenderedCase;
    let job: KubeObject;
    let credentialsSecret: string;

    before(async function () {
        store = await LocalObjectStore.start(join(ENGINE_OUT, "preflight-store"), ROOT);
        await store.createUser(TEMPO);
        await store.createUser(OUTSIDER);
        await store.createUser(READER);
        // Tempo's account may do everything on the bucket; the reader may list and read but not write.
        await store.createBucket(BUCKET, { [TEMPO.accessKeyId]: ["s3:*"], [READER.accessKeyId]: ["s3:ListBucket", "s3:GetObject"] });
        rendered = await renderCase({
            name: "preflight-s3",
            config: {
                "pulumi:disable-default-providers": ["kubernetes"],
                "tempo:cluster": {
                    cloud: "local",
                    profile: "dev",
                    storage: { existingBucket: BUCKET },
                    local: { endpoint: store.endpoint, accessKeyId: TEMPO.accessKeyId, insecure: true },
                },
                // The render masks secrets: the Secret's contents come from the test (see probe()).
                "tempo:localSecretAccessKey": { secure: "AAABAEngineSuitePlaceholder" },
            },
        });
        const found = Object.values(rendered.manifests).find((object) => object.kind === "Job" && object.metadata.name.endsWith("-storage-preflight"));
        assert.ok(found, "the render holds the storage preflight Job");
        job = found;
        const secret = Object.values(rendered.manifests).find((object) => object.kind === "Secret" && object.metadata.name.endsWith("object-store-credentials"));
        assert.ok(secret, "the render holds the Secret the probe reads its keys from");
        credentialsSecret = secret.metadata.name;
    });

    after(() => store?.stop());

    /** The Job's container, with `keys` in the credentials Secret and the named overrides. */
    async function probe(keys: StoreAccount, overrides: Record<string, string> = {}): Promise<ContainerRun> {
        return runJobContainer(job, {
            path: [store.awsCliDir],
            secrets: { [credentialsSecret]: { AWS_ACCESS_KEY_ID: keys.accessKeyId, AWS_SECRET_ACCESS_KEY: keys.secretAccessKey } },
            // A failure is reported at once instead of after the minute of retries a real install waits.
            overrides: { PREFLIGHT_RETRY_SECONDS: "0", ...overrides },
        });
    }

    function assertFailure(run: ContainerRun, operation: string, error: RegExp, cause: RegExp, keys: StoreAccount, bucket = BUCKET): void {
        const identity = `access key ${keys.accessKeyId}`;
        assert.equal(run.exitCode, 1, `the probe fails:\n${run.output}`);
        const message = run.terminationMessage;
        assert.equal(message.split("\n").length, 1, `the termination message is the one verdict line:\n${message}`);
        assert.match(message, /^Storage preflight failed: /);
        assert.ok(message.includes(`${operation} failed on bucket "${bucket}" as ${identity}`), `names operation, bucket and identity:\n${message}`);
        assert.match(message, error);
        assert.match(message, cause);
        assert.match(message, /How to act: https:\/\/\S+\/docs\/storage-preflight\.md$/);
    }

    it("passes with Tempo's keys: lists, writes, reads back and deletes its probe object, leaving the bucket as it was", async () => {
        const run = await probe(TEMPO);
        assert.equal(run.exitCode, 0, `the probe passes:\n${run.output}\n${store.log()}`);
        assert.match(run.output.trim(), new RegExp(`^Storage preflight passed: listed, wrote, read back and deleted tempo-cluster-preflight-\\S+ in bucket "${BUCKET}" as access key ${TEMPO.accessKeyId}\\.$`));
        assert.deepEqual(await store.keys(BUCKET), [], "the probe object is gone");
    });

    it("fails on a wrong secret key: the signature does not match", async () => {
        const keys = { ...TEMPO, secretAccessKey: "not-the-secret-key" };
        assertFailure(await probe(keys), "s3:ListBucket", /SignatureDoesNotMatch/, /the secret access key does not belong to the access key id/, keys);
    });

    it("fails on an access key the store does not know", async () => {
        const keys = { ...TEMPO, accessKeyId: "nobody" };
        assertFailure(await probe(keys), "s3:ListBucket", /InvalidAccessKeyId/, /does not know this access key id/, keys);
    });

    it("fails on keys of an account the bucket is not open to: access denied on the list", async () => {
        assertFailure(await probe(OUTSIDER), "s3:ListBucket", /AccessDenied/, /the store refuses s3:ListBucket for this access key/, OUTSIDER);
    });

    it("fails on keys that may list and read but not write: access denied on the write", async () => {
        const run = await probe(READER);
        assertFailure(run, "s3:PutObject", /AccessDenied/, /the store refuses s3:PutObject for this access key/, READER);
    });

    it("fails on a bucket that does not exist", async () => {
        assertFailure(await probe(TEMPO, { PREFLIGHT_BUCKET: "no-such-bucket" }), "s3:ListBucket", /NoSuchBucket/, /the bucket does not exist/, TEMPO, "no-such-bucket");
    });

    it("fails on a store it cannot reach", async () => {
        assertFailure(await probe(TEMPO, { PREFLIGHT_S3_ENDPOINT: "http://127.0.0.1:9" }), "s3:ListBucket", /Could not connect/, /cannot be reached from the namespace/, TEMPO);
    });

    it("retries a failure until its time is up, then reports it once", async () => {
        const started = Date.now();
        const run = await probe(OUTSIDER, { PREFLIGHT_RETRY_SECONDS: "5" });
        assertFailure(run, "s3:ListBucket", /AccessDenied/, /refuses/, OUTSIDER);
        assert.ok(Date.now() - started >= 10_000, "a second attempt ran after the 10 s pause");
        assert.equal(run.output.trim().split("\n").length, 1, `one line, however many attempts:\n${run.output}`);
    });
});
