/**
 * The storage preflight: on by default wherever blocks live in a bucket, a Job running as Tempo's ServiceAccount with
 * each cloud's probe, ordered after the identity and before the Tempo release; its scripts parse, run their whole
 * flow and map each cloud's documented errors to a cause. The S3 probe runs against a real store in the engine suite
 * (test/engines/preflight.etest.ts); the GCS and Azure probes run here against stand-in CLIs that print the errors
 * those CLIs document, the closest this machine gets without the clouds.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planTempoCluster, TempoClusterArgsError } from "../sdk/args";
import { Architecture, AwsIdentityMode, Cloud, KafkaMode, Profile, type TempoClusterArgs } from "../sdk/args/types";
import { runJobContainer } from "./engines/support/objectStore";
import { awsArgs, construct } from "./support/harness";

const external = { mode: KafkaMode.External, brokers: ["kafka.internal:9092"] };
const ARGS: Record<Cloud, TempoClusterArgs> = {
    [Cloud.Aws]: awsArgs({ aws: { region: "eu-west-1", clusterName: "prod-eks", accountId: "123456789012" } }),
    [Cloud.Gcp]: { cloud: Cloud.Gcp, gcp: { project: "acme-observability", location: "europe-west1" }, kafka: external },
    [Cloud.Azure]: {
        cloud: Cloud.Azure,
        azure: { resourceGroupName: "observability", location: "westeurope", oidcIssuerUrl: "https://westeurope.oic.prod-aks.azure.com/tenant/abc/" },
        kafka: external,
    },
    [Cloud.Local]: { cloud: Cloud.Local, profile: Profile.Dev, local: { secretAccessKey: "local-secret" } },
};
const JOB = "tempo-storage-preflight";
const ctx = { name: "tempo", project: "tempo", stack: "test" };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Job = any;
const envOf = (job: Job): Record<string, unknown> =>
    Object.fromEntries((job.spec.template.spec.containers[0].env as { name: string; value?: unknown; valueFrom?: unknown }[]).map((e) => [e.name, e.value ?? e.valueFrom]));

describe("storage preflight: when it runs", () => {
    for (const cloud of Object.values(Cloud)) {
        it(`runs on ${cloud} by default, after the ServiceAccount and the storage, before the Tempo release`, async () => {
            const { get } = await construct(ARGS[cloud]);
            const job = get(JOB);
            assert.equal(job.type, "kubernetes:batch/v1:Job");
            assert.ok(job.options.dependsOn.includes("tempo-service-account"), "runs as the ServiceAccount, so after it");
            assert.ok(get("tempo-helm").options.dependsOn.includes(JOB), "the Tempo release waits for the preflight");
        });
    }

    it("waits for the identity's permissions on each cloud: role policy, bucket grant, role assignment and federated credential", async () => {
        const expected: Partial<Record<Cloud, string[]>> = {
            [Cloud.Aws]: ["tempo-role-policy"],
            [Cloud.Gcp]: ["tempo-bucket-access", "tempo-workload-identity"],
            [Cloud.Azure]: ["tempo-container-access", "tempo-federated-credential"],
            [Cloud.Local]: ["tempo-object-store-credentials", "tempo-create-bucket"],
        };
        for (const [cloud, names] of Object.entries(expected)) {
            const { get } = await construct(ARGS[cloud as Cloud]);
            for (const name of names) {
                assert.ok(get(JOB).options.dependsOn.includes(name), `${cloud}: after ${name}`);
            }
        }
    });

    it("is off with storage.preflight.enabled false, and with blocks on the pod's volume", async () => {
        const off = await construct(awsArgs({ storage: { preflight: { enabled: false } } }));
        assert.equal(off.render.resources.some((r) => r.name === JOB), false);
        assert.equal(off.get("tempo-helm").options.dependsOn.includes(JOB), false);
        const filesystem: TempoClusterArgs = { cloud: Cloud.Local, architecture: Architecture.Monolithic, local: { filesystem: true } };
        assert.equal(planTempoCluster(filesystem, ctx).spec.storage.preflight, undefined);
    });

    it("refuses to be switched on without a bucket, and an image that is not an image reference", () => {
        const refused = (args: TempoClusterArgs) => {
            try {
                planTempoCluster(args, ctx);
            } catch (error) {
                assert.ok(error instanceof TempoClusterArgsError);
                return error.message;
            }
            return "";
        };
        assert.match(
            refused({ cloud: Cloud.Local, architecture: Architecture.Monolithic, local: { filesystem: true }, storage: { preflight: { enabled: true } } }),
            /storage\.preflight\.enabled: probes a bucket, and local\.filesystem keeps blocks on the pod's volume/,
        );
        assert.match(refused(awsArgs({ storage: { preflight: { image: "https://registry/aws cli" } } })), /storage\.preflight\.image: .* is not an image reference/);
    });
});

describe("storage preflight: the Job", () => {
    it("runs once as Tempo's ServiceAccount, hardened, and reports through its last log line", async () => {
        const job: Job = (await construct(ARGS[Cloud.Aws])).get(JOB).inputs;
        assert.equal(job.metadata.name, JOB);
        assert.equal(job.metadata.namespace, "tempo");
        assert.equal(job.spec.backoffLimit, 0);
        assert.equal(job.spec.activeDeadlineSeconds, 120 + 180);
        const pod = job.spec.template.spec;
        assert.equal(pod.serviceAccountName, "tempo");
        assert.equal(pod.restartPolicy, "Never");
        assert.equal(pod.securityContext.runAsNonRoot, true);
        const container = pod.containers[0];
        assert.equal(container.terminationMessagePolicy, "FallbackToLogsOnError");
        assert.equal(container.securityContext.readOnlyRootFilesystem, true);
        assert.deepEqual(container.command.slice(0, 2), ["/bin/sh", "-c"]);
    });

    it("gives each cloud its CLI image and Tempo's own storage settings", async () => {
        const aws: Job = (await construct(ARGS[Cloud.Aws])).get(JOB).inputs;
        assert.equal(aws.spec.template.spec.containers[0].image, "amazon/aws-cli:2.17.0");
        // Empty variables are sent without a value (set and empty in the pod), as the API server stores them.
        assert.deepEqual(
            envOf(aws),
            {
                PREFLIGHT_BUCKET: "tempo-test-tempo-traces",
                PREFLIGHT_OBJECT: "tempo-cluster-preflight-tempo",
                PREFLIGHT_IDENTITY: "arn:aws:iam::123456789012:role/tempo-test-tempo",
                PREFLIGHT_SUBJECT: "system:serviceaccount:tempo:tempo",
                PREFLIGHT_RETRY_SECONDS: "120",
                PREFLIGHT_DOCS: "https://github.com/tempo-cluster/tempo-cluster/blob/v0.1.0/docs/storage-preflight.md",
                PREFLIGHT_S3_ENDPOINT: undefined,
                PREFLIGHT_S3_CREDENTIALS: "irsa",
                PREFLIGHT_S3_SECRET: undefined,
                PREFLIGHT_S3_KMS: "false",
                AWS_REGION: "eu-west-1",
                AWS_PAGER: undefined,
                HOME: "/tmp",
            },
        );
        const podIdentity: Job = (await construct(awsArgs({ aws: { region: "eu-west-1", clusterName: "prod-eks", identityMode: AwsIdentityMode.PodIdentity } }))).get(JOB).inputs;
        assert.equal(envOf(podIdentity).PREFLIGHT_S3_CREDENTIALS, "pod-identity");

        const gcp: Job = (await construct(ARGS[Cloud.Gcp])).get(JOB).inputs;
        assert.match(gcp.spec.template.spec.containers[0].image, /^gcr\.io\/google\.com\/cloudsdktool\/google-cloud-cli:/);
        assert.equal(envOf(gcp).PREFLIGHT_RETRY_SECONDS, "300");
        assert.match(String(envOf(gcp).PREFLIGHT_IDENTITY), /@acme-observability\.iam\.gserviceaccount\.com$/);

        const azure: Job = (await construct(ARGS[Cloud.Azure])).get(JOB).inputs;
        assert.match(azure.spec.template.spec.containers[0].image, /^mcr\.microsoft\.com\/azure-cli:/);
        assert.equal(azure.spec.template.metadata.labels["azure.workload.identity/use"], "true", "the webhook injects the identity into labelled pods only");
        assert.equal(envOf(azure).PREFLIGHT_RETRY_SECONDS, "480");
        assert.ok(String(envOf(azure).PREFLIGHT_STORAGE_ACCOUNT).length > 0);

        const local: Job = (await construct(ARGS[Cloud.Local])).get(JOB).inputs;
        const env = envOf(local);
        assert.equal(env.PREFLIGHT_S3_CREDENTIALS, "static-keys");
        assert.equal(env.PREFLIGHT_S3_ENDPOINT, "http://tempo-rustfs-svc.tempo.svc.cluster.local:9000");
        assert.deepEqual(env.AWS_SECRET_ACCESS_KEY, { secretKeyRef: { name: "tempo-object-store-credentials", key: "AWS_SECRET_ACCESS_KEY" } });
    });

    it("takes an image from the args, and a custom-key flag when objects are encrypted with one", async () => {
        const key = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        const job: Job = (await construct(awsArgs({ storage: { encryptionKey: key, preflight: { image: "registry.example.com/aws-cli:2.17.0" } } }))).get(JOB).inputs;
        assert.equal(job.spec.template.spec.containers[0].image, "registry.example.com/aws-cli:2.17.0");
        assert.equal(envOf(job).PREFLIGHT_S3_KMS, "true");
    });

    it("runs again before a chart upgrade (a new pod template replaces the Job), and not for an unrelated change", async () => {
        const template = async (args: TempoClusterArgs) => JSON.stringify(((await construct(args)).get(JOB).inputs as Job).spec.template);
        const current = await template(awsArgs());
        assert.notEqual(await template(awsArgs({ chart: { version: "3.2.0" } })), current);
        assert.equal(await template(awsArgs({ retention: "30d" })), current);
    });

    it("is not waited for with chart.skipAwait, like every other object", async () => {
        const job: Job = (await construct(awsArgs({ chart: { skipAwait: true } }))).get(JOB).inputs;
        assert.deepEqual(job.metadata.annotations, { "pulumi.com/skipAwait": "true" });
        assert.equal(((await construct(awsArgs())).get(JOB).inputs as Job).metadata.annotations, undefined);
    });
});

/** Stand-in CLIs: succeed with a working object store kept in a folder, or print one documented error. */
const STAND_INS: Record<string, string> = {
    // aws sts get-caller-identity | aws ... s3api <operation> ...
    aws: String.raw`#!/bin/sh
case "$*" in *"$FAIL_ON"*) [ -n "$FAIL_ON" ] && { echo "$FAIL_WITH" >&2; exit 255; } ;; esac
case "$*" in
  *get-caller-identity*) echo "$CALLER_ARN" ;;
  *put-object*) while [ "$1" != "--body" ]; do shift; done; cp "$2" "$STORE/object" ;;
  *get-object*) for last; do :; done; cp "$STORE/object" "$last" ;;
  *delete-object*) rm "$STORE/object" ;;
esac`,
    gcloud: String.raw`#!/bin/sh
case "$*" in *"$FAIL_ON"*) [ -n "$FAIL_ON" ] && { echo "$FAIL_WITH" >&2; exit 1; } ;; esac
case "$*" in
  "auth print-access-token"*) echo token ;;
  "config list account"*) echo "$ACCOUNT" ;;
  "storage cp gs://"*) cp "$STORE/object" "$4" ;;
  "storage cp "*) cp "$3" "$STORE/object" ;;
  "storage rm"*) rm "$STORE/object" ;;
esac`,
    az: String.raw`#!/bin/sh
case "$*" in *"$FAIL_ON"*) [ -n "$FAIL_ON" ] && { echo "$FAIL_WITH" >&2; exit 1; } ;; esac
file() { while [ "$1" != "--file" ]; do shift; done; echo "$2"; }
case "$*" in
  "storage blob upload"*) cp "$(file "$@")" "$STORE/object" ;;
  "storage blob download"*) cp "$STORE/object" "$(file "$@")" ;;
  "storage blob delete"*) rm "$STORE/object" ;;
esac`,
};

describe("storage preflight: the probes' scripts", function () {
    let scratch: string;
    const jobs: Partial<Record<Cloud, Job>> = {};

    before(async function () {
        scratch = mkdtempSync(join(tmpdir(), "preflight-"));
        mkdirSync(join(scratch, "bin"));
        for (const [name, text] of Object.entries(STAND_INS)) {
            writeFileSync(join(scratch, "bin", name), `${text}\n`);
            chmodSync(join(scratch, "bin", name), 0o755);
        }
        for (const cloud of [Cloud.Aws, Cloud.Gcp, Cloud.Azure]) {
            jobs[cloud] = (await construct(ARGS[cloud])).get(JOB).inputs;
        }
    });
    after(() => rmSync(scratch, { recursive: true, force: true }));

    /** Runs a cloud's probe as its pod would, with the stand-in CLIs, and returns its exit code and verdict line. */
    async function probe(cloud: Cloud, env: Record<string, string>): Promise<{ code: number; verdict: string }> {
        const job = jobs[cloud];
        // The account the metadata server hands out, unless a case says otherwise.
        const account: Record<string, string> = cloud === Cloud.Gcp ? { ACCOUNT: String(envOf(job).PREFLIGHT_IDENTITY) } : {};
        const run = await runJobContainer(job, {
            path: [join(scratch, "bin")],
            secrets: {},
            overrides: { PREFLIGHT_RETRY_SECONDS: "0", STORE: mkdtempSync(join(scratch, "store-")), FAIL_ON: "", FAIL_WITH: "", ...account, ...env },
        });
        return { code: run.exitCode, verdict: run.terminationMessage.split("\n").pop() ?? "" };
    }

    it("parse as POSIX shell (dash) and as bash", () => {
        for (const job of Object.values(jobs)) {
            const script = job.spec.template.spec.containers[0].command[2];
            for (const shell of ["/bin/sh", "bash"]) {
                execFileSync(shell, ["-n", "-c", script]);
            }
        }
    });

    const AWS_ROLE = "arn:aws:sts::123456789012:assumed-role/tempo-test-tempo/botocore-session-1";
    const AZURE = { AZURE_CLIENT_ID: "", AZURE_TENANT_ID: "tenant", AZURE_FEDERATED_TOKEN_FILE: "/dev/null" };

    it("pass their whole flow when every call succeeds", async () => {
        assert.match((await probe(Cloud.Aws, { CALLER_ARN: AWS_ROLE })).verdict, /^Storage preflight passed: .* as role arn:aws:iam::123456789012:role\/tempo-test-tempo\.$/);
        const gcpAccount = String(envOf(jobs[Cloud.Gcp]).PREFLIGHT_IDENTITY);
        assert.match((await probe(Cloud.Gcp, { ACCOUNT: gcpAccount })).verdict, /^Storage preflight passed: /);
        const clientId = String(envOf(jobs[Cloud.Azure]).PREFLIGHT_IDENTITY);
        assert.match((await probe(Cloud.Azure, { ...AZURE, AZURE_CLIENT_ID: clientId })).verdict, /^Storage preflight passed: .* as managed identity /);
    });

    const cases: { cloud: Cloud; env: Record<string, string>; operation: string; cause: RegExp }[] = [
        {
            cloud: Cloud.Aws,
            env: { CALLER_ARN: "arn:aws:sts::123456789012:assumed-role/eks-node-group-role/i-0abc" },
            operation: "sts:GetCallerIdentity",
            cause: /credentials from elsewhere in the chain \(the node's instance role/,
        },
        {
            cloud: Cloud.Aws,
            env: { FAIL_ON: "get-caller-identity", FAIL_WITH: "An error occurred (AccessDenied) when calling the AssumeRoleWithWebIdentity operation: Not authorized to perform sts:AssumeRoleWithWebIdentity" },
            operation: "sts:GetCallerIdentity",
            cause: /trust policy does not accept this ServiceAccount: its condition must name the subject system:serviceaccount:tempo:tempo/,
        },
        {
            cloud: Cloud.Aws,
            env: { FAIL_ON: "get-caller-identity", FAIL_WITH: "An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation: No OpenIDConnect provider found in your account" },
            operation: "sts:GetCallerIdentity",
            cause: /IAM does not know the cluster's OIDC issuer/,
        },
        {
            cloud: Cloud.Aws,
            env: { FAIL_ON: "get-caller-identity", FAIL_WITH: "Unable to locate credentials. You can configure credentials by running \"aws configure\"." },
            operation: "sts:GetCallerIdentity",
            cause: /the EKS pod identity webhook did not inject the role/,
        },
        {
            cloud: Cloud.Aws,
            env: { CALLER_ARN: AWS_ROLE, FAIL_ON: "delete-object", FAIL_WITH: "An error occurred (AccessDenied) when calling the DeleteObject operation: Access Denied" },
            operation: "s3:DeleteObject",
            cause: /the role lacks s3:DeleteObject on the bucket/,
        },
        {
            cloud: Cloud.Gcp,
            env: { ACCOUNT: "acme-observability.svc.id.goog" },
            operation: "iam.serviceAccounts.getAccessToken",
            cause: /lacks the iam\.gke\.io\/gcp-service-account annotation/,
        },
        {
            cloud: Cloud.Gcp,
            env: {
                FAIL_ON: "print-access-token",
                FAIL_WITH: "ERROR: (gcloud.auth.print-access-token) Unable to generate access token; IAM returned 403 Forbidden: Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist).",
            },
            operation: "iam.serviceAccounts.getAccessToken",
            cause: /the Workload Identity binding is missing: .* roles\/iam\.workloadIdentityUser to serviceAccount:<project>\.svc\.id\.goog\[tempo\/tempo\]/,
        },
        {
            cloud: Cloud.Gcp,
            env: {
                FAIL_ON: "storage cp /",
                FAIL_WITH: "ERROR: (gcloud.storage.cp) HTTPError 403: tempo@acme-observability.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage object.",
            },
            operation: "storage.objects.create",
            cause: /lacks storage\.objects\.create on the bucket/,
        },
        {
            cloud: Cloud.Gcp,
            env: { FAIL_ON: "storage ls", FAIL_WITH: "ERROR: (gcloud.storage.ls) gs://tempo-test-tempo-traces not found: 404." },
            operation: "storage.objects.list",
            cause: /the bucket does not exist/,
        },
        {
            cloud: Cloud.Azure,
            env: { ...AZURE, AZURE_CLIENT_ID: "", AZURE_FEDERATED_TOKEN_FILE: "" },
            operation: "az login",
            cause: /the Azure Workload Identity webhook did not inject the identity/,
        },
        {
            cloud: Cloud.Azure,
            env: {
                ...AZURE,
                AZURE_CLIENT_ID: "__identity__",
                FAIL_ON: "login",
                FAIL_WITH: "AADSTS70021: No matching federated identity record found for presented assertion. Assertion Issuer: 'https://oidc.example'. Assertion Subject: 'system:serviceaccount:tempo:tempo'.",
            },
            operation: "az login",
            cause: /no federated identity credential on the identity matches this pod's token: .* subject system:serviceaccount:tempo:tempo/,
        },
        {
            cloud: Cloud.Azure,
            env: {
                ...AZURE,
                AZURE_CLIENT_ID: "__identity__",
                FAIL_ON: "blob upload",
                FAIL_WITH: "ERROR: You do not have the required permissions needed to perform this operation. ErrorCode:AuthorizationPermissionMismatch",
            },
            operation: "blob upload",
            cause: /assign it Storage Blob Data Contributor/,
        },
    ];
    for (const { cloud, env, operation, cause } of cases) {
        it(`${cloud}: ${operation} fails with ${env.FAIL_WITH?.slice(0, 60) || "a wrong identity"} → one message naming the cause`, async () => {
            const identity = String(envOf(jobs[cloud]).PREFLIGHT_IDENTITY);
            const resolved = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === "__identity__" ? identity : v]));
            const { code, verdict } = await probe(cloud, resolved);
            assert.equal(code, 1);
            assert.ok(verdict.startsWith(`Storage preflight failed: ${operation} failed on bucket "`), verdict);
            assert.match(verdict, cause);
            assert.match(verdict, /How to act: https:\/\/\S+\/docs\/storage-preflight\.md$/);
        });
    }
});
