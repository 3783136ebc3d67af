import assert from "node:assert/strict";
import fc from "fast-check";
import { Architecture, AwsIdentityMode, Cloud, KafkaMode, Profile, type TempoClusterArgs } from "../sdk/args/types";
import { planTempoCluster, TempoClusterArgsError } from "../sdk/args";
import { ceilDays, formatGoDuration, parseDurationMinutes } from "../sdk/args/duration";
import {
    azureContainerNameProblems,
    deriveBucketName,
    deriveContainerName,
    deriveGcsBucketName,
    deriveRoleName,
    deriveServiceAccountId,
    deriveStorageAccountName,
    deterministicUuid,
    fitName,
    gcsBucketNameProblems,
    isDnsLabel,
    isIamRoleName,
    labelValueProblem,
    qualifiedNameProblem,
    s3BucketNameProblems,
} from "../sdk/args/names";
import { validateArgs } from "../sdk/args/validation/validate";
import { awsArgs } from "./support/harness";

const ctx = { name: "tempo", project: "tempo", stack: "prod" };

/** Paths of the problems validation reports for `args`. */
function problemPaths(args: unknown, context = ctx): string[] {
    return validateArgs(args, context).problems.map((p) => p.path);
}

function messageAt(args: unknown, path: string): string {
    const problem = validateArgs(args, ctx).problems.find((p) => p.path === path);
    assert.ok(problem, `expected a problem at ${path}; got ${JSON.stringify(validateArgs(args, ctx).problems)}`);
    return problem.message;
}

describe("durations", () => {
    it("parses the units users write", () => {
        assert.equal(parseDurationMinutes("14d"), 14 * 24 * 60);
        assert.equal(parseDurationMinutes("336h"), 336 * 60);
        assert.equal(parseDurationMinutes("2w"), 14 * 24 * 60);
        assert.equal(parseDurationMinutes("1h30m"), 90);
        assert.equal(parseDurationMinutes("14 days"), undefined);
        assert.equal(parseDurationMinutes("-1h"), undefined);
        assert.equal(parseDurationMinutes(""), undefined);
    });

    it("formats Go durations Tempo accepts and round-trips", () => {
        assert.equal(formatGoDuration(336 * 60), "336h");
        assert.equal(formatGoDuration(90), "1h30m");
        assert.equal(formatGoDuration(45), "45m");
        fc.assert(
            fc.property(fc.integer({ min: 1, max: 10_000_000 }), (minutes) => {
                const text = formatGoDuration(minutes);
                assert.match(text, /^(\d+h)?(\d+m)?$/);
                assert.equal(parseDurationMinutes(text), minutes);
            }),
        );
    });

    it("rounds retention up to whole days", () => {
        assert.equal(ceilDays(24 * 60), 1);
        assert.equal(ceilDays(24 * 60 + 1), 2);
        assert.equal(ceilDays(60), 1);
    });
});

describe("names", () => {
    it("accepts exactly the label keys and values the Kubernetes API server accepts", () => {
        for (const key of ["release", "app.kubernetes.io/name", "example.com/team_a", "a", "A-b.c_d"]) {
            assert.equal(qualifiedNameProblem(key), undefined, key);
        }
        for (const key of ["bad key", "", "-lead", "trail-", "a/b/c", "Example.com/x", "/x", "x/", `${"k".repeat(64)}`, `${"d".repeat(254)}/x`]) {
            assert.notEqual(qualifiedNameProblem(key), undefined, key);
        }
        for (const value of ["", "1", "kube-prometheus-stack", "a.b_c-d", "v".repeat(63)]) {
            assert.equal(labelValueProblem(value), undefined, value);
        }
        for (const value of ["a b", "-x", "x.", "a/b", "v".repeat(64)]) {
            assert.notEqual(labelValueProblem(value), undefined, value);
        }
    });

    it("derives S3-valid bucket names for any project, stack and name", () => {
        fc.assert(
            fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 80 }), fc.string({ maxLength: 80 }), (p, s, n) => {
                const name = deriveBucketName(p, s, n);
                assert.deepEqual(s3BucketNameProblems(name), [], name);
            }),
        );
    });

    it("derives valid GCS, Azure and Google service account names for any input", () => {
        const text = fc.string({ maxLength: 80 });
        fc.assert(
            fc.property(text, text, text, (p, s, n) => {
                assert.deepEqual(gcsBucketNameProblems(deriveGcsBucketName(p, s, n)), []);
                assert.deepEqual(azureContainerNameProblems(deriveContainerName(p, s, n)), []);
                assert.match(deriveStorageAccountName(p, s, n), /^[a-z0-9]{3,24}$/);
                assert.match(deriveServiceAccountId(p, s, n), /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/);
            }),
        );
    });

    it("derives stable RFC 4122-shaped GUIDs", () => {
        const uuid = deterministicUuid("tempo/prod/tempo/container-access");
        assert.match(uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        assert.equal(uuid, deterministicUuid("tempo/prod/tempo/container-access"));
        assert.notEqual(uuid, deterministicUuid("tempo/prod/tempo/other"));
    });

    it("derives deterministic names, distinct for distinct inputs", () => {
        assert.equal(deriveBucketName("tempo", "prod", "tempo"), "tempo-prod-tempo-traces");
        assert.equal(deriveBucketName("tempo", "prod", "tempo"), deriveBucketName("tempo", "prod", "tempo"));
        const long = "x".repeat(70);
        assert.notEqual(deriveBucketName(long, "a", "tempo"), deriveBucketName(long, "b", "tempo"));
        assert.ok(deriveBucketName(long, "a", "tempo").length <= 63);
    });

    it("fits names into limits with a stable hash", () => {
        fc.assert(
            fc.property(fc.stringMatching(/^[a-z0-9-]{1,200}$/), fc.integer({ min: 16, max: 64 }), (name, max) => {
                const fitted = fitName(name, max);
                assert.ok(fitted.length <= max);
                assert.equal(fitted, fitName(name, max));
                if (name.length <= max) {
                    assert.equal(fitted, name);
                }
            }),
        );
        assert.ok(isIamRoleName(deriveRoleName("p".repeat(40), "s".repeat(40), "tempo")));
    });

    it("applies the S3 bucket naming rules", () => {
        assert.deepEqual(s3BucketNameProblems("my-traces"), []);
        assert.ok(s3BucketNameProblems("My_Traces").length > 0);
        assert.ok(s3BucketNameProblems("ab").length > 0);
        assert.ok(s3BucketNameProblems("a..b").length > 0);
        assert.ok(s3BucketNameProblems("192.168.1.1").length > 0);
        assert.ok(s3BucketNameProblems("xn--traces").length > 0);
        assert.ok(s3BucketNameProblems("traces-s3alias").length > 0);
        assert.ok(isDnsLabel("tempo"));
        assert.ok(!isDnsLabel("Tempo"));
        assert.ok(!isDnsLabel("a".repeat(64)));
    });
});

describe("validation", () => {
    it("accepts minimal AWS args", () => {
        assert.deepEqual(validateArgs(awsArgs(), ctx).problems, []);
    });

    it("requires a known cloud", () => {
        assert.match(messageAt({ aws: {} }, "cloud"), /is required: one of "aws"/);
        assert.match(messageAt({ cloud: "ibm" }, "cloud"), /must be one of "aws", "gcp", "azure", "local"/);
    });

    it("reports unknown fields with a suggestion", () => {
        assert.match(messageAt({ ...awsArgs(), retension: "14d" }, "retension"), /unknown field; did you mean "retention"\?/);
        assert.match(messageAt(awsArgs({ aws: { clusterName: "x", identity: "irsa" } as never }), "aws.identity"), /did you mean "identityMode"/);
    });

    it("reports wrong types with the path", () => {
        assert.match(messageAt({ ...awsArgs(), kafka: { mode: "external", brokers: "a:9092" } }, "kafka.brokers"), /must be an array/);
        assert.match(messageAt({ ...awsArgs(), kafka: { mode: "external", brokers: ["a:1"], partitions: 1.5 } }, "kafka.partitions"), /whole number/);
    });

    it("needs aws settings for cloud aws, and only then", () => {
        assert.match(messageAt({ cloud: Cloud.Aws, kafka: awsArgs().kafka }, "aws"), /is required when cloud is "aws"/);
        assert.match(messageAt({ ...awsArgs(), cloud: Cloud.Gcp }, "aws"), /only used when cloud is "aws"/);
    });


    it("checks the local object store settings", () => {
        const local = (settings: object | undefined, storage: object = {}) => ({ cloud: Cloud.Local, local: settings, storage, kafka: awsArgs().kafka });
        assert.deepEqual(problemPaths(local({ storageSize: "5Gi", storageClass: "standard" })), []);
        assert.match(messageAt(local({ endpoint: "minio:9000" }), "local.endpoint"), /only used with storage.existingBucket/);
        assert.match(messageAt(local({}, { existingBucket: "traces" }), "local.secretAccessKey"), /is required/);
        assert.match(messageAt(local({ endpoint: "http://minio:9000", accessKeyId: "a", secretAccessKey: "b" }, { existingBucket: "traces" }), "local.endpoint"), /without a scheme/);
        assert.match(messageAt(local({ storageSize: "5Gi", endpoint: "m:9000", accessKeyId: "a", secretAccessKey: "b" }, { existingBucket: "traces" }), "local.storageSize"), /not created/);
        assert.match(messageAt(local({}, { encryptionKey: "k" }), "storage.encryptionKey"), /not supported/);
        assert.match(messageAt({ ...awsArgs(), local: {} }, "local"), /only used when cloud is "local"/);
    });

    it("rejects clusterName together with oidcProviderArn", () => {
        const args = awsArgs({
            aws: {
                clusterName: "prod",
                oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC",
                oidcIssuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC",
            },
        });
        assert.match(messageAt(args, "aws.oidcProviderArn"), /not both/);
    });

    it("needs the issuer URL with a provider ARN, and they must agree", () => {
        const arn = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC";
        assert.match(messageAt(awsArgs({ aws: { oidcProviderArn: arn } }), "aws.oidcIssuerUrl"), /is required/);
        assert.match(
            messageAt(awsArgs({ aws: { oidcProviderArn: arn, oidcIssuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/XYZ" } }), "aws.oidcIssuerUrl"),
            /does not match/,
        );
        assert.deepEqual(
            problemPaths(awsArgs({ aws: { oidcProviderArn: arn, oidcIssuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC/" } })),
            [],
        );
        assert.match(messageAt(awsArgs({ aws: { oidcProviderArn: "arn:aws:iam::1:role/x", oidcIssuerUrl: "https://x" } }), "aws.oidcProviderArn"), /must look like/);
    });

    it("needs an OIDC source for IRSA and a cluster for pod identity", () => {
        assert.match(messageAt(awsArgs({ aws: { region: "eu-west-1" } }), "aws"), /IRSA needs/);
        assert.match(messageAt(awsArgs({ aws: { identityMode: AwsIdentityMode.PodIdentity } }), "aws.clusterName"), /pod-identity/);
    });

    it("rejects retention that is unparsable or under an hour", () => {
        assert.match(messageAt(awsArgs({ retention: "two weeks" }), "retention"), /not a duration/);
        assert.match(messageAt(awsArgs({ retention: "30m" }), "retention"), /shorter than 1h/);
        assert.deepEqual(problemPaths(awsArgs({ retention: "1h" })), []);
    });

    it("rejects S3-invalid bucket names and both bucket fields at once", () => {
        assert.match(messageAt(awsArgs({ storage: { bucketName: "Traces_Bucket" } }), "storage.bucketName"), /not a valid S3 bucket name/);
        assert.match(messageAt(awsArgs({ storage: { bucketName: "a-bucket", existingBucket: "b-bucket" } }), "storage"), /not both/);
        assert.match(messageAt(awsArgs({ storage: { existingBucket: "b-bucket", forceDestroy: true } }), "storage.forceDestroy"), /only to a bucket this component creates/);
    });

    it("accepts only KMS key ARNs as encryption keys", () => {
        assert.match(messageAt(awsArgs({ storage: { encryptionKey: "alias/tempo" } }), "storage.encryptionKey"), /KMS key ARN/);
        assert.deepEqual(
            problemPaths(awsArgs({ storage: { encryptionKey: "arn:aws:kms:eu-west-1:123456789012:key/0d9e5c2a-6f41-4b7e-9a53-2f1c8e7b6a10" } })),
            [],
        );
    });

    it("rejects namespaces and component names that are not DNS labels", () => {
        assert.match(messageAt(awsArgs({ namespace: "Tempo_NS" }), "namespace"), /DNS-1123/);
        assert.ok(validateArgs(awsArgs(), { ...ctx, name: "Tempo" }).problems.some((p) => p.path === "" && /Helm release name/.test(p.message)));
    });

    it("ties live-store and block-builder replicas to the partitions", () => {
        const args = awsArgs({
            kafka: { mode: KafkaMode.External, brokers: ["k:9092"], partitions: 4 },
            components: { liveStore: { replicas: 3 }, blockBuilder: { replicas: 4 }, backendScheduler: { replicas: 2 } },
        });
        assert.match(messageAt(args, "components.liveStore.replicas"), /must equal the Kafka partitions \(4\)/);
        assert.ok(!problemPaths(args).includes("components.blockBuilder.replicas"));
        assert.match(messageAt(args, "components.backendScheduler.replicas"), /singleton/);
        // Without explicit partitions the profile decides: production has 3, dev has 1.
        assert.match(messageAt(awsArgs({ components: { liveStore: { replicas: 2 } } }), "components.liveStore.replicas"), /\(3\)/);
        assert.match(messageAt(awsArgs({ profile: Profile.Dev, components: { blockBuilder: { replicas: 3 } } }), "components.blockBuilder.replicas"), /\(1\)/);
    });

    it("validates Kafka: partitions, brokers, SASL pairs, mode", () => {
        assert.match(messageAt(awsArgs({ kafka: { mode: KafkaMode.External, brokers: ["k:9092"], partitions: 0 } }), "kafka.partitions"), /at least 1/);
        assert.match(messageAt(awsArgs({ kafka: { mode: KafkaMode.External } }), "kafka.brokers"), /is required/);
        assert.match(messageAt(awsArgs({ kafka: { mode: KafkaMode.External, brokers: [] } }), "kafka.brokers"), /is required/);
        assert.match(messageAt(awsArgs({ kafka: { mode: KafkaMode.External, brokers: ["kafka.internal"] } }), "kafka.brokers[0]"), /host:port/);
        assert.match(messageAt(awsArgs({ kafka: { mode: KafkaMode.External, brokers: ["k:9092", "SASL_SSL://k:9093"] } }), "kafka.brokers[1]"), /without a scheme/);
        assert.match(messageAt(awsArgs({ kafka: { mode: KafkaMode.External, brokers: ["k:70000"] } }), "kafka.brokers[0]"), /outside/);
        assert.match(messageAt(awsArgs({ kafka: { mode: KafkaMode.External, brokers: ["k:1"], saslUsername: "u" } }), "kafka.saslPassword"), /together/);
        assert.match(messageAt(awsArgs({ kafka: { brokers: ["k:1"] } }), "kafka.brokers"), /only used with kafka.mode external/);
        assert.match(messageAt(awsArgs({ kafka: { mode: KafkaMode.External, brokers: ["k:1"], topic: "bad topic" } }), "kafka.topic"), /249/);
    });

    it("validates the in-cluster Kafka", () => {
        const strimzi = (settings: object, extra: object = {}) => awsArgs({ kafka: { strimzi: settings, ...extra } as never });
        assert.deepEqual(problemPaths(strimzi({ brokers: 5, storageSize: "500Gi", storageClass: "gp3", topicRetention: "12h" })), []);
        assert.match(messageAt(strimzi({ brokers: 1 }), "kafka.strimzi.brokers"), /production needs at least 3 brokers/);
        assert.deepEqual(problemPaths(awsArgs({ profile: Profile.Dev, kafka: { strimzi: { brokers: 1 } } })), []);
        assert.match(messageAt(strimzi({ brokers: 0 }), "kafka.strimzi.brokers"), /at least 1/);
        assert.match(messageAt(strimzi({ storageSize: "lots" }), "kafka.strimzi.storageSize"), /storage quantity/);
        assert.match(messageAt(strimzi({ storageClass: "GP3_fast" }), "kafka.strimzi.storageClass"), /StorageClass/);
        assert.match(messageAt(strimzi({ topicRetention: "30m" }), "kafka.strimzi.topicRetention"), /at least 40m/);
        assert.match(messageAt(strimzi({ topicRetention: "a day" }), "kafka.strimzi.topicRetention"), /not a duration/);
        assert.match(messageAt(strimzi({}, { saslUsername: "u", saslPassword: "p" }), "kafka.saslUsername"), /no SASL\/PLAIN listener/);
        assert.match(
            messageAt(awsArgs({ kafka: { mode: KafkaMode.External, brokers: ["k:9092"], strimzi: {} } }), "kafka.strimzi"),
            /only used with kafka.mode strimzi/,
        );
    });

    it("validates sizing inputs: ingest rate, zones, autoscaling", () => {
        assert.match(messageAt(awsArgs({ ingestMBps: 0 }), "ingestMBps"), /positive/);
        assert.match(messageAt(awsArgs({ zones: ["a", "a"] }), "zones[1]"), /listed twice/);
        assert.match(messageAt(awsArgs({ zones: [] }), "zones"), /at least one/);
        // Charts write zones unquoted into pod labels and selectors, where "1" becomes the integer 1.
        assert.match(messageAt(awsArgs({ zones: ["1", "eu-west-1b"] }), "zones[0]"), /is a number.*westeurope-1/);
        assert.match(messageAt(awsArgs({ zones: ["1e3"] }), "zones[0]"), /is a number/);
        assert.match(messageAt(awsArgs({ zones: ["-eu-west-1a"] }), "zones[0]"), /not a valid label value/);
        // Zones against the cloud's node labels and the region the args name.
        assert.match(messageAt(awsArgs({ zones: ["us-east-1a"] }), "zones[0]"), /not a zone of aws.region eu-west-1 \(its zones are eu-west-1a/);
        assert.equal(validateArgs(awsArgs({ zones: ["eu-west-1a", "eu-west-1-lax-1a"] }), ctx).problems.length, 0, "Local Zones of the region are zones too");
        // A rate past the sizing tables is refused with the footprint it would derive.
        assert.match(messageAt(awsArgs({ ingestMBps: 2000 }), "ingestMBps"), /2000 MB\/s is past .*200 MB\/s.*200 Kafka partitions, 200 live-stores.*1000 queriers.*Kafka brokers/);
        assert.equal(validateArgs(awsArgs({ ingestMBps: 200 }), ctx).problems.length, 0);
        assert.match(
            messageAt(awsArgs({ components: { liveStore: { autoscaling: { maxReplicas: 6 } } } }), "components.liveStore.autoscaling"),
            /tied to the Kafka partitions/,
        );
        assert.match(
            messageAt(awsArgs({ components: { backendScheduler: { autoscaling: { maxReplicas: 2 } } } }), "components.backendScheduler.autoscaling"),
            /singleton/,
        );
        const both = awsArgs({ components: { querier: { replicas: 3, autoscaling: { minReplicas: 4, maxReplicas: 2, targetCpuPercent: 150 } } } });
        assert.match(messageAt(both, "components.querier.replicas"), /not both/);
        assert.match(messageAt(both, "components.querier.autoscaling.maxReplicas"), /at least minReplicas/);
        assert.match(messageAt(both, "components.querier.autoscaling.targetCpuPercent"), /between 1 and 100/);
        assert.deepEqual(problemPaths(awsArgs({ components: { backendWorker: { autoscaling: { maxReplicas: 8 } } } })), []);
    });

    it("derives the partitions the replicas must match from the ingest rate", () => {
        assert.match(messageAt(awsArgs({ ingestMBps: 45, components: { liveStore: { replicas: 3 } } }), "components.liveStore.replicas"), /\(5\)/);
        const warned = validateArgs(awsArgs({ ingestMBps: 45, kafka: { mode: KafkaMode.External, brokers: ["k:9092"], partitions: 2 } }), ctx);
        assert.deepEqual(warned.problems, []);
        assert.ok(warned.warnings.some((w) => w.path === "kafka.partitions" && /less than ingestMBps 45/.test(w.message)));
    });

    it("warns (not fails) about several seed brokers and an unpinned chart version", () => {
        const result = validateArgs(
            awsArgs({ kafka: { mode: KafkaMode.External, brokers: ["a:9092", "b:9092"] }, chart: { version: "3.4.0" } }),
            ctx,
        );
        assert.deepEqual(result.problems, []);
        assert.deepEqual(result.warnings.map((w) => w.path).sort(), ["chart.version", "kafka.brokers"]);
        assert.match(messageAt(awsArgs({ chart: { version: "^3.3.0" } }), "chart.version"), /exact chart version/);
    });

    it("refuses a configuration with no receiver", () => {
        const off = { otlpGrpc: false, otlpHttp: false };
        assert.match(messageAt(awsArgs({ receivers: off }), "receivers"), /no traces/);
    });

    it("lists every problem of a config with many mistakes at once", () => {
        const args = {
            cloud: Cloud.Aws,
            retention: "forever",
            namespace: "Tempo",
            storage: { bucketName: "Bad_Bucket" },
            aws: { identityMode: "iam", clusterName: "c" },
            kafka: { mode: KafkaMode.External, partitions: 0 },
        };
        const paths = problemPaths(args);
        for (const path of ["retention", "namespace", "storage.bucketName", "aws.identityMode", "kafka.brokers", "kafka.partitions"]) {
            assert.ok(paths.includes(path), `missing ${path} in ${paths.join(", ")}`);
        }
        assert.throws(
            () => planTempoCluster(args, ctx, "tempo:cluster"),
            (error: unknown) =>
                error instanceof TempoClusterArgsError &&
                error.problems.length === paths.length &&
                /tempo:cluster\.aws\.identityMode: must be one of "irsa", "pod-identity"/.test(error.message),
        );
    });
});

describe("validation of GCP and Azure settings", () => {
    const gcpArgs = (gcp: object = {}, rest: object = {}) => ({
        cloud: Cloud.Gcp,
        gcp: { project: "acme-observability", location: "europe-west1", ...gcp },
        kafka: { mode: KafkaMode.External, brokers: ["k:9092"] },
        ...rest,
    });
    const azureArgs = (azure: object = {}, rest: object = {}) => ({
        cloud: Cloud.Azure,
        azure: { resourceGroupName: "observability", location: "westeurope", oidcIssuerUrl: "https://issuer.example/abc/", ...azure },
        kafka: { mode: KafkaMode.External, brokers: ["k:9092"] },
        ...rest,
    });

    it("accepts minimal GCP and Azure args", () => {
        assert.deepEqual(problemPaths(gcpArgs()), []);
        assert.deepEqual(problemPaths(azureArgs()), []);
    });

    it("needs the cloud's block and its required fields", () => {
        assert.match(messageAt({ cloud: Cloud.Gcp }, "gcp"), /is required when cloud is "gcp"/);
        assert.match(messageAt({ cloud: Cloud.Gcp, gcp: { project: "acme-observability" } }, "gcp.location"), /is required/);
        assert.match(messageAt({ cloud: Cloud.Azure }, "azure"), /is required when cloud is "azure"/);
        assert.match(messageAt({ ...gcpArgs(), azure: { resourceGroupName: "x", location: "y" } }, "azure"), /only used when cloud is "azure"/);
    });

    it("checks GCP ids, locations, bucket names and keys", () => {
        assert.match(messageAt(gcpArgs({ project: "Acme" }), "gcp.project"), /project id/);
        assert.match(messageAt(gcpArgs({ serviceAccountId: "ab" }), "gcp.serviceAccountId"), /6-30/);
        assert.match(messageAt(gcpArgs({ location: "europe west" }), "gcp.location"), /bucket location/);
        assert.match(messageAt(gcpArgs({}, { storage: { bucketName: "google-traces" } }), "storage.bucketName"), /GCS bucket name.*google/);
        assert.match(messageAt(gcpArgs({}, { storage: { encryptionKey: "arn:aws:kms:eu-west-1:123456789012:key/abc" } }), "storage.encryptionKey"), /Cloud KMS key name/);
        assert.deepEqual(
            problemPaths(gcpArgs({}, { storage: { encryptionKey: "projects/p/locations/europe-west1/keyRings/r/cryptoKeys/k" } })),
            [],
        );
    });

    it("checks Azure issuer, account, container and key settings", () => {
        assert.match(messageAt(azureArgs({ oidcIssuerUrl: undefined }), "azure.oidcIssuerUrl"), /needs the AKS OIDC issuer/);
        assert.match(messageAt(azureArgs({ clusterName: "aks" }), "azure.oidcIssuerUrl"), /not both/);
        assert.deepEqual(problemPaths(azureArgs({ oidcIssuerUrl: undefined, clusterName: "aks", clusterResourceGroupName: "aks-rg" })), []);
        assert.match(messageAt(azureArgs({ storageAccountName: "Tempo-Traces" }), "azure.storageAccountName"), /3-24/);
        assert.match(messageAt(azureArgs({}, { storage: { bucketName: "traces--x" } }), "storage.bucketName"), /blob container name.*adjacent hyphens/);
        assert.match(messageAt(azureArgs({}, { storage: { existingBucket: "traces" } }), "azure.storageAccountName"), /existingBucket/);
        assert.match(messageAt(azureArgs({}, { storage: { encryptionKey: "https://vault.vault.azure.net/keys/tempo" } }), "azure.keyVaultId"), /is required/);
        assert.match(messageAt(azureArgs({}, { storage: { encryptionKey: "alias/x" } }), "storage.encryptionKey"), /Key Vault key URL/);
        assert.deepEqual(
            problemPaths(
                azureArgs(
                    { keyVaultId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/v" },
                    { storage: { encryptionKey: "https://v.vault.azure.net/keys/tempo/0123" } },
                ),
            ),
            [],
        );
    });
});

describe("resolution", () => {
    it("applies production defaults", () => {
        const { spec } = planTempoCluster(awsArgs(), ctx);
        assert.equal(spec.architecture, Architecture.Distributed);
        assert.equal(spec.profile, Profile.Production);
        assert.equal(spec.namespace, "tempo");
        assert.equal(spec.retention, "336h");
        assert.equal(spec.storage.expirationDays, 15);
        assert.equal(spec.storage.protect, true);
        assert.equal(spec.storage.forceDestroy, false);
        assert.equal(spec.kafka!.partitions, 3);
        assert.equal(spec.components.liveStore.replicas, 3);
        assert.equal(spec.components.blockBuilder.replicas, 3);
        assert.equal(spec.components.backendScheduler.replicas, 1);
        assert.equal(spec.components.distributor.replicas, 2);
        assert.equal(spec.chart.version, "3.3.0");
        assert.equal(spec.chart.tempoVersion, "3.0.3");
        assert.equal(spec.aws?.identityMode, AwsIdentityMode.Irsa);
        assert.equal(spec.aws?.roleName, "tempo-prod-tempo");
    });

    it("applies dev defaults", () => {
        const { spec } = planTempoCluster(awsArgs({ profile: Profile.Dev, retention: "36h30m" }), ctx);
        assert.equal(spec.storage.forceDestroy, true);
        assert.equal(spec.storage.protect, false);
        assert.equal(spec.kafka!.partitions, 1);
        assert.equal(spec.components.distributor.replicas, 1);
        assert.equal(spec.retention, "36h30m");
        assert.equal(spec.storage.expirationDays, 3);
    });

    it("never lets the bucket lifecycle expire objects before the retention", () => {
        fc.assert(
            fc.property(fc.integer({ min: 60, max: 5 * 365 * 24 * 60 }), (minutes) => {
                const { spec } = planTempoCluster(awsArgs({ retention: `${minutes}m` }), ctx);
                assert.ok(spec.storage.expirationDays * 24 * 60 >= minutes + 24 * 60);
            }),
        );
    });

    it("reports an overridden chart version's Tempo as unknown", () => {
        const { spec } = planTempoCluster(awsArgs({ chart: { version: "3.4.0" } }), ctx);
        assert.equal(spec.chart.version, "3.4.0");
        assert.equal(spec.chart.tempoVersion, "unknown");
    });
});

export type { TempoClusterArgs };
