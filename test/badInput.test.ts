/**
 * Bad input, table-driven: every case is an invalid configuration with the exact set of field paths it must be
 * reported at. Each case is checked three ways:
 *
 * - in code (`new TempoCluster`): one TempoClusterArgsError listing every problem under `args.<path>`, thrown before
 *   anything registers (the mock monitor records nothing, not even the component);
 * - as stack config (`tempo:cluster`, what `pulumi up` and the render CLI read): the same paths under
 *   `tempo:cluster.<path>`, again with nothing registered;
 * - through the compiled render CLI, for a sample of cases and one config that is wrong in every area at once:
 *   exit 1, every path on stderr, nothing written (no output directory, no staging directory).
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { stringify } from "yaml";
import { clusterFromStackConfig } from "../sdk/program";
import { TempoCluster } from "../sdk/tempoCluster";
import { TempoClusterArgsError } from "../sdk/args/problems";
import { tempoClusterArgsSchema } from "../sdk/args/validation/schema";
import { resetMocks, settle } from "./support/harness";

const ROOT = join(__dirname, "..");
const CLI = join(ROOT, "bin", "sdk", "render", "cli.js");

const externalKafka = { mode: "external", brokers: ["kafka.internal:9092"] };
/** Valid AWS args (external Kafka) the cases break one area of. */
const aws = (overrides: Record<string, unknown> = {}) => ({
    cloud: "aws",
    aws: { region: "eu-west-1", clusterName: "prod-eks" },
    kafka: externalKafka,
    ...overrides,
});
const gcp = (settings: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}) => ({
    cloud: "gcp",
    gcp: { project: "acme-observability", location: "europe-west1", ...settings },
    kafka: externalKafka,
    ...overrides,
});
const azure = (settings: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}) => ({
    cloud: "azure",
    azure: { resourceGroupName: "observability", location: "westeurope", oidcIssuerUrl: "https://westeurope.oic.prod-aks.azure.com/t/abc/", ...settings },
    kafka: externalKafka,
    ...overrides,
});
const local = (overrides: Record<string, unknown> = {}) => ({ cloud: "local", profile: "dev", kafka: externalKafka, ...overrides });

/** One invalid configuration. */
interface Case {
    /** The args area it breaks (every area of TempoClusterArgs appears at least once). */
    readonly area: string;
    readonly title: string;
    readonly args: unknown;
    /** Exactly the field paths the error must name ("" is the args root). */
    readonly paths: readonly string[];
    /** Component name (default `tempo`). */
    readonly name?: string;
    /** Secret fields that stack config takes from their own secret keys (`tempo:<key>`), not from `tempo:cluster`. */
    readonly secretConfig?: Readonly<Record<string, readonly [string, string]>>;
}

const CASES: readonly Case[] = [
    // The args object and the component name.
    { area: "root", title: "args that are not an object", args: "aws", paths: [""] },
    { area: "root", title: "a component name that cannot be a Helm release name", args: aws(), name: "Tempo_Cluster", paths: [""] },
    { area: "root", title: "no cloud and a misspelt field", args: { retension: "14d" }, paths: ["cloud", "retension"] },
    { area: "cloud", title: "an unknown cloud", args: { cloud: "ibm", kafka: externalKafka }, paths: ["cloud"] },
    { area: "cloud", title: "the aws block missing and the gcp block given on cloud aws", args: { cloud: "aws", gcp: { project: "acme-observability", location: "EU" }, kafka: externalKafka }, paths: ["aws", "gcp"] },
    // Architecture and profile.
    { area: "architecture", title: "a Kafka block on an architecture without Kafka", args: aws({ architecture: "monolithic" }), paths: ["kafka"] },
    { area: "architecture", title: "a replicated single binary, distributed components and a gateway on monolithic", args: aws({ architecture: "monolithic", kafka: undefined, components: { tempo: { replicas: 2 }, distributor: { replicas: 2 } }, gateway: {} }), paths: ["components.tempo.replicas", "components.distributor", "gateway"] },
    { area: "architecture", title: "classic ingesters below the write quorum, too few zones, a Tempo 3 component", args: aws({ architecture: "classic", kafka: undefined, zones: ["eu-west-1a", "eu-west-1b"], components: { ingester: { replicas: 2 }, liveStore: { replicas: 3 } } }), paths: ["zones", "components.ingester.replicas", "components.liveStore"] },
    { area: "architecture/profile", title: "unknown architecture and profile", args: aws({ architecture: "serverless", profile: "staging", kafka: undefined }), paths: ["architecture", "profile"] },
    // Kubernetes placement.
    { area: "namespace", title: "a namespace, cluster domain and createNamespace of the wrong shape", args: aws({ namespace: "Tempo_NS", clusterDomain: "cluster..local", createNamespace: "yes" }), paths: ["namespace", "clusterDomain", "createNamespace"] },
    // Retention and sizing.
    { area: "retention/ingest", title: "an unparsable retention and a negative ingest rate", args: aws({ retention: "forever", ingestMBps: -5 }), paths: ["retention", "ingestMBps"] },
    { area: "retention/ingest", title: "a retention under an hour and an ingest rate that is text", args: aws({ retention: "30m", ingestMBps: "20" }), paths: ["retention", "ingestMBps"] },
    { area: "zones", title: "a zone listed twice and an empty zone", args: aws({ zones: ["eu-west-1a", "eu-west-1a", " "] }), paths: ["zones[1]", "zones[2]"] },
    { area: "zones", title: "an empty zone list and a zero ingest rate", args: aws({ zones: [], ingestMBps: 0 }), paths: ["zones", "ingestMBps"] },
    { area: "zones", title: "zones that are not strings", args: aws({ zones: ["eu-west-1a", 2] }), paths: ["zones[1]"] },
    { area: "zones", title: "Azure zone numbers instead of the node label values, and a zone no label can hold", args: azure({}, { zones: ["1", "2", "westeurope 3"] }), paths: ["zones[0]", "zones[1]", "zones[2]"] },
    { area: "zones", title: "AWS zones of another region, and one that is no zone name", args: aws({ zones: ["us-east-1a", "eu-west-1b", "eu-west-1"] }), paths: ["zones[0]", "zones[2]"] },
    { area: "zones", title: "GCP zones of another region and in AWS form", args: gcp({}, { zones: ["europe-west4-a", "europe-west1-b", "europe-west1b"] }), paths: ["zones[0]", "zones[2]"] },
    { area: "zones", title: "AKS zone labels of another region", args: azure({}, { zones: ["northeurope-1", "westeurope-2"] }), paths: ["zones[0]"] },
    { area: "retention/ingest", title: "an ingest rate past the sizing tables", args: aws({ ingestMBps: 2000 }), paths: ["ingestMBps"] },
    // Storage.
    { area: "storage", title: "both bucket fields, both invalid S3 names", args: aws({ storage: { bucketName: "Bad_Bucket", existingBucket: "x" } }), paths: ["storage", "storage.bucketName", "storage.existingBucket"] },
    { area: "storage", title: "bucket lifecycle flags on an existing bucket", args: aws({ storage: { existingBucket: "company-traces", forceDestroy: false, protect: true } }), paths: ["storage.forceDestroy", "storage.protect"] },
    { area: "storage", title: "a KMS alias instead of a key ARN and a flag that is text", args: aws({ storage: { encryptionKey: "alias/tempo", forceDestroy: "yes", retain: true } }), paths: ["storage.encryptionKey", "storage.forceDestroy", "storage.retain"] },
    // AWS.
    { area: "aws", title: "an unknown identity mode and malformed region, account and role", args: aws({ aws: { clusterName: "prod-eks", identityMode: "iam", region: "Ireland", accountId: "12345", roleName: "tempo role" } }), paths: ["aws.identityMode", "aws.region", "aws.accountId", "aws.roleName"] },
    { area: "aws", title: "IRSA without an OIDC source, and a tag that is a number", args: aws({ aws: { region: "eu-west-1", tags: { team: 5 } } }), paths: ["aws", "aws.tags.team"] },
    { area: "aws", title: "pod identity without a cluster, with an OIDC provider", args: aws({ aws: { identityMode: "pod-identity", oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC", oidcIssuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC" } }), paths: ["aws.clusterName", "aws.oidcProviderArn"] },
    { area: "aws", title: "a cluster and a malformed provider ARN, with an http issuer", args: aws({ aws: { clusterName: "prod-eks", oidcProviderArn: "arn:aws:iam::1:role/x", oidcIssuerUrl: "http://issuer" } }), paths: ["aws.oidcProviderArn", "aws.oidcIssuerUrl"] },
    // Google Cloud.
    { area: "gcp", title: "malformed project, cluster project, location and service account id", args: gcp({ project: "Acme", clusterProject: "X", location: "europe west", serviceAccountId: "ab" }), paths: ["gcp.project", "gcp.clusterProject", "gcp.location", "gcp.serviceAccountId"] },
    { area: "gcp", title: "no location, a reserved bucket name and an AWS key", args: gcp({ location: undefined }, { storage: { bucketName: "google-traces", encryptionKey: "arn:aws:kms:eu-west-1:123456789012:key/abc" } }), paths: ["gcp.location", "storage.bucketName", "storage.encryptionKey"] },
    // Azure.
    { area: "azure", title: "no issuer, a malformed account and region, a cluster resource group without a cluster", args: azure({ oidcIssuerUrl: undefined, storageAccountName: "Tempo-Traces", location: "West Europe", clusterResourceGroupName: "aks-rg" }), paths: ["azure.oidcIssuerUrl", "azure.storageAccountName", "azure.location", "azure.clusterResourceGroupName"] },
    { area: "azure", title: "an existing container without its account, a key without its vault", args: azure({}, { storage: { existingBucket: "traces", encryptionKey: "https://tempo-kv.vault.azure.net/keys/traces" } }), paths: ["azure.storageAccountName", "azure.keyVaultId"] },
    { area: "azure", title: "a malformed vault id with no key, and both issuer sources", args: azure({ clusterName: "prod-aks", keyVaultId: "tempo-kv" }, { storage: { bucketName: "traces--x" } }), paths: ["azure.oidcIssuerUrl", "azure.keyVaultId", "storage.bucketName"] },
    // Local object store.
    { area: "local", title: "external-store fields for the in-cluster store, a bad size and a key", args: local({ local: { endpoint: "minio:9000", accessKeyId: "tempo", storageSize: "lots" }, storage: { encryptionKey: "k" } }), paths: ["local.endpoint", "local.accessKeyId", "local.storageSize", "storage.encryptionKey"] },
    { area: "local", title: "an existing store without its endpoint and credentials, sized anyway", args: local({ local: { storageClass: "standard", insecure: "yes" }, storage: { existingBucket: "traces" } }), paths: ["local.endpoint", "local.accessKeyId", "local.secretAccessKey", "local.storageClass", "local.insecure"] },
    { area: "local", title: "a store endpoint with a scheme", args: local({ local: { endpoint: "http://minio:9000", accessKeyId: "tempo", secretAccessKey: "s3cr3t-store-key" }, storage: { existingBucket: "traces" } }), paths: ["local.endpoint"], secretConfig: { localSecretAccessKey: ["local", "secretAccessKey"] } },
    { area: "local", title: "a local block on another cloud", args: aws({ local: { storageSize: "5Gi" } }), paths: ["local"] },
    // Kafka.
    { area: "kafka", title: "external Kafka without brokers, with a bad topic and no partitions", args: aws({ kafka: { mode: "external", topic: "bad topic", partitions: 0 } }), paths: ["kafka.brokers", "kafka.topic", "kafka.partitions"] },
    { area: "kafka", title: "broker addresses with a scheme, without a port, with a port out of range, and half of SASL", args: aws({ kafka: { mode: "external", brokers: ["SASL_SSL://k:9093", "kafka.internal", "k:70000"], saslUsername: "tempo" } }), paths: ["kafka.brokers[0]", "kafka.brokers[1]", "kafka.brokers[2]", "kafka.saslPassword"] },
    { area: "kafka", title: "an unknown Kafka mode and fractional partitions", args: aws({ kafka: { mode: "confluent", partitions: 1.5 } }), paths: ["kafka.mode", "kafka.partitions"] },
    { area: "kafka", title: "external Kafka with Strimzi settings", args: aws({ kafka: { ...externalKafka, strimzi: { brokers: 3 } } }), paths: ["kafka.strimzi"] },
    { area: "kafka.strimzi", title: "too few production brokers, bad disk size, class and topic retention", args: aws({ kafka: { strimzi: { brokers: 1, storageSize: "lots", storageClass: "GP3_fast", topicRetention: "30m" } } }), paths: ["kafka.strimzi.brokers", "kafka.strimzi.storageSize", "kafka.strimzi.storageClass", "kafka.strimzi.topicRetention"] },
    { area: "kafka.strimzi", title: "broker addresses and SASL for the in-cluster Kafka", args: aws({ kafka: { brokers: ["k:9092"], saslUsername: "tempo", saslPassword: "kafka-sasl-s3cr3t" } }), paths: ["kafka.brokers", "kafka.saslUsername"], secretConfig: { kafkaSaslPassword: ["kafka", "saslPassword"] } },
    // Components.
    { area: "components", title: "partition-bound replicas, a second scheduler, bad quantities", args: aws({ components: { liveStore: { replicas: 2 }, backendScheduler: { replicas: 2 }, distributor: { cpu: "two cores" }, querier: { memory: "lots" } } }), paths: ["components.liveStore.replicas", "components.backendScheduler.replicas", "components.distributor.cpu", "components.querier.memory"] },
    { area: "components", title: "autoscaling where it cannot be, and inverted bounds", args: aws({ components: { blockBuilder: { autoscaling: { maxReplicas: 6 } }, querier: { replicas: 3, autoscaling: { minReplicas: 4, maxReplicas: 2, targetCpuPercent: 150 } } } }), paths: ["components.blockBuilder.autoscaling", "components.querier.replicas", "components.querier.autoscaling.maxReplicas", "components.querier.autoscaling.targetCpuPercent"] },
    { area: "components", title: "an unknown component, negative and fractional replicas, autoscaling without a maximum", args: aws({ components: { ingester: { replicas: 3 }, distributor: { replicas: -1 }, querier: { replicas: 1.5 }, queryFrontend: { autoscaling: { minReplicas: 2 } } } }), paths: ["components.ingester", "components.distributor.replicas", "components.querier.replicas", "components.queryFrontend.autoscaling.maxReplicas"] },
    // Receivers and chart.
    { area: "receivers", title: "every receiver off, and an unknown receiver", args: aws({ receivers: { otlpGrpc: false, otlpHttp: false, otlp: true } }), paths: ["receivers", "receivers.otlp"] },
    { area: "chart", title: "a bad repository, a version range, an unknown install method and a negative timeout", args: aws({ chart: { repository: "ftp://charts.example", version: "^3.3.0", install: "kustomize", timeoutSeconds: -1 } }), paths: ["chart.repository", "chart.version", "chart.install", "chart.timeoutSeconds"] },
    { area: "chart", title: "an empty package directory, a package directory with a repository, skipAwait not a boolean", args: aws({ chart: { packageDirectory: " ", skipAwait: "yes" } }), paths: ["chart.packageDirectory", "chart.skipAwait"] },
    { area: "chart", title: "a package directory and a repository together", args: aws({ chart: { packageDirectory: "/charts", repository: "https://charts.example" } }), paths: ["chart.repository"] },
    // Limits and tenants.
    { area: "limits", title: "a burst below the rate, no traces allowed, an unparsable search duration", args: aws({ limits: { ingestionRateLimitBytes: 10, ingestionBurstSizeBytes: 5, maxTracesPerUser: 0, maxSearchDuration: "a week", maxBytesPerTrace: 1.5 } }), paths: ["limits.ingestionBurstSizeBytes", "limits.maxTracesPerUser", "limits.maxSearchDuration", "limits.maxBytesPerTrace"] },
    { area: "tenants", title: "a bad tenant id, a short retention, generator processors without a generator, multitenancy off", args: aws({ multitenancy: false, tenants: { "team a": {}, audit: { retention: "10m", metricsGeneratorProcessors: ["span-metrics"], limits: { maxBytesPerTrace: -1 } } } }), paths: ["multitenancy", "tenants.team a", "tenants.audit.retention", "tenants.audit.metricsGeneratorProcessors", "tenants.audit.limits.maxBytesPerTrace"] },
    { area: "tenants", title: "an unknown processor and an unknown tenant field", args: aws({ metricsGenerator: { remoteWriteUrl: "http://prometheus.monitoring:9090/api/v1/write" }, tenants: { audit: { metricsGeneratorProcessors: ["red-metrics"], retain: "30d" } } }), paths: ["tenants.audit.metricsGeneratorProcessors[0]", "tenants.audit.retain"] },
    // Metrics generator.
    { area: "metricsGenerator", title: "no remote-write URL, half of basic auth, no processor, decreasing buckets", args: aws({ metricsGenerator: { remoteWriteUsername: "tempo", serviceGraphs: { enabled: false, histogramBuckets: [1, 0.5] }, spanMetrics: { enabled: false } } }), paths: ["metricsGenerator.remoteWriteUrl", "metricsGenerator.remoteWritePassword", "metricsGenerator", "metricsGenerator.serviceGraphs.histogramBuckets"] },
    { area: "metricsGenerator", title: "a remote-write URL without a scheme and an autoscaled generator", args: aws({ metricsGenerator: { remoteWriteUrl: "prometheus:9090/api/v1/write", externalLabels: { cluster: 1 } }, components: { metricsGenerator: { autoscaling: { maxReplicas: 3 } } } }), paths: ["metricsGenerator.remoteWriteUrl", "metricsGenerator.externalLabels.cluster", "components.metricsGenerator.autoscaling"] },
    // Gateway.
    { area: "gateway", title: "an Ingress without basic auth, a bad host and user name, an autoscaled gateway", args: aws({ gateway: { host: "Tempo Example", basicAuth: false, basicAuthUsername: "a:b" }, components: { gateway: { autoscaling: { maxReplicas: 3 } } } }), paths: ["gateway.host", "gateway.basicAuth", "gateway.basicAuthUsername", "components.gateway.autoscaling"] },
    { area: "gateway", title: "Ingress settings without a host", args: aws({ gateway: { ingressClassName: "nginx", tlsSecretName: "Tempo_TLS" } }), paths: ["gateway.ingressClassName", "gateway.tlsSecretName"] },
    // Cache and query.
    { area: "cache", title: "no cache replicas and bad quantities", args: aws({ cache: { replicas: 0, cpu: "fast", memory: "big" } }), paths: ["cache.replicas", "cache.cpu", "cache.memory"] },
    { area: "query", title: "a maximum below the default, an unparsable search duration, streaming as text", args: aws({ query: { defaultResultLimit: 50, maxResultLimit: 10, maxSearchDuration: "long", streaming: "on" } }), paths: ["query.maxResultLimit", "query.maxSearchDuration", "query.streaming"] },
    { area: "query", title: "a default result limit below one", args: aws({ query: { defaultResultLimit: 0 } }), paths: ["query.defaultResultLimit"] },
    // Escape hatches.
    { area: "values", title: "a misspelt chart value and an unchecked path that is not a string", args: aws({ values: { queryFrontend: { replicsa: 2 } }, uncheckedValuePaths: ["extraObjects", 3] }), paths: ["values.queryFrontend.replicsa", "uncheckedValuePaths[1]"] },
    { area: "migration", title: "a migration flag that is text and an unknown migration field", args: aws({ migration: { disableCompaction: "yes", drain: true } }), paths: ["migration.disableCompaction", "migration.drain"] },
    { area: "tempoConfig", title: "Tempo config keys the pinned Tempo does not know", args: aws({ tempoConfig: { distributor: { max_atribute_bytes: 4096 } } }), paths: ["tempoConfig.distributor.max_atribute_bytes"] },
    // Monitoring and Grafana.
    { area: "monitoring", title: "a relative runbook URL, an empty cluster label, unknown and malformed thresholds", args: aws({ monitoring: { runbookUrl: "docs/runbooks.md", clusterLabel: " ", thresholds: { queryLatency: { value: 3 }, queryLatencyP99: { for: "ten minutes" } } } }), paths: ["monitoring.runbookUrl", "monitoring.clusterLabel", "monitoring.thresholds.queryLatency", "monitoring.thresholds.queryLatencyP99.for"] },
    { area: "grafana", title: "the operator mode without a selector, a bad namespace and a bad uid", args: aws({ grafana: { datasource: "grafana-operator", namespace: "Monitoring", lokiUid: "loki logs" } }), paths: ["grafana.instanceSelector", "grafana.namespace", "grafana.lokiUid"] },
    { area: "monitoring", title: "selector labels the API server refuses", args: aws({ monitoring: { labels: { "bad key": "x", release: "kube prometheus", "example.com/team": "obs" } } }), paths: ["monitoring.labels.bad key", "monitoring.labels.release"] },
    { area: "grafana", title: "datasource labels and an instance selector the API server refuses", args: aws({ grafana: { datasource: "grafana-operator", instanceSelector: { "-dashboards": "grafana" }, datasourceLabels: { grafana_datasource: "1/2" } } }), paths: ["grafana.instanceSelector.-dashboards", "grafana.datasourceLabels.grafana_datasource"] },
    { area: "gateway", title: "an annotation key the API server refuses", args: aws({ gateway: { host: "tempo.example.com", annotations: { "nginx.ingress.kubernetes.io/proxy-body-size": "10m", "a/b/c": "x" } } }), paths: ["gateway.annotations.a/b/c"] },
    { area: "grafana", title: "an unknown datasource mode", args: aws({ grafana: { datasource: "sidecar" } }), paths: ["grafana.datasource"] },
    { area: "vulture", title: "a vulture tenant without multi-tenancy", args: aws({ vulture: { tenant: "team-a" } }), paths: ["vulture.tenant"] },
    { area: "vulture", title: "a vulture tenant Tempo refuses, and the vulture on without the OTLP gRPC receiver", args: aws({ tenants: { "team-a": {} }, receivers: { otlpGrpc: false }, vulture: { enabled: true, tenant: "team a" } }), paths: ["vulture.tenant", "vulture.enabled"] },
    { area: "vulture", title: "the wildcard tenant as the vulture's tenant", args: aws({ multitenancy: true, vulture: { tenant: "*" } }), paths: ["vulture.tenant"] },
    { area: "vulture", title: "a misspelled field and a flag that is not a boolean", args: aws({ vulture: { enabled: "yes", tennant: "team-a" } }), paths: ["vulture.enabled", "vulture.tennant"] },
];

/** The error thrown by `run`, which must be the only outcome. */
function captureError(run: () => unknown): TempoClusterArgsError {
    let thrown: unknown;
    try {
        run();
    } catch (error) {
        thrown = error;
    }
    assert.ok(thrown instanceof TempoClusterArgsError, `expected a TempoClusterArgsError, got ${String(thrown)}`);
    return thrown;
}

/** One error, one line per problem, each naming its path under `root`, and exactly the expected paths. */
function assertListsEveryProblem(error: TempoClusterArgsError, root: string, expected: readonly string[]): void {
    const paths = [...new Set(error.problems.map((p) => p.path))].sort();
    assert.deepEqual(paths, [...new Set(expected)].sort(), `problems reported:\n${error.message}`);
    assert.equal(error.root, root);
    const lines = error.message.split("\n");
    const count = error.problems.length;
    assert.equal(lines[0], `Invalid TempoCluster configuration (${count} problem${count === 1 ? "" : "s"}):`);
    assert.equal(lines.length, count + 1, "one line per problem");
    error.problems.forEach((problem, index) => {
        const qualified = problem.path === "" ? root : `${root}.${problem.path}`;
        assert.ok(lines[index + 1].startsWith(`  - ${qualified}: `), lines[index + 1]);
        assert.ok(problem.message.trim().length > 10, `problem at ${qualified} says what is wrong`);
    });
}

/** Stack config for a case: `tempo:cluster` without its secrets, which go to their own secret keys. */
function stackConfig(testCase: Case): { values: Record<string, string>; secretKeys: string[] } {
    const cluster = structuredClone(testCase.args) as Record<string, any>;
    const values: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, [section, field]] of Object.entries(testCase.secretConfig ?? {})) {
        values[`tempo:${key}`] = cluster[section][field];
        secretKeys.push(`tempo:${key}`);
        delete cluster[section][field];
    }
    values["tempo:cluster"] = JSON.stringify(cluster);
    if (testCase.name !== undefined) {
        values["tempo:name"] = testCase.name;
    }
    return { values, secretKeys };
}

describe("bad input", () => {
    it("has at least 40 cases covering every area of the args", () => {
        assert.ok(CASES.length >= 40, `${CASES.length} cases`);
        const covered = new Set(CASES.flatMap((c) => c.paths.map((p) => p.split(/[.[]/)[0])));
        // Every top-level field of the args schema: a new args area needs a bad-input case here.
        const areas = Object.keys(tempoClusterArgsSchema.fields);
        assert.ok(areas.length >= 30);
        assert.deepEqual(areas.filter((area) => !covered.has(area)), [], "args areas without a bad-input case");
        const titles = CASES.map((c) => c.title);
        assert.equal(new Set(titles).size, titles.length, "titles are unique");
    });

    describe("in code: one error listing every problem, nothing registered", () => {
        for (const testCase of CASES) {
            it(`${testCase.area}: ${testCase.title}`, async () => {
                const registrations = await resetMocks();
                const error = captureError(() => new TempoCluster(testCase.name ?? "tempo", testCase.args as never));
                await settle();
                assert.deepEqual(registrations, [], "nothing registers");
                assertListsEveryProblem(error, "args", testCase.paths);
            });
        }
    });

    describe("as stack config (tempo:cluster): the same paths, nothing registered", () => {
        for (const testCase of CASES) {
            it(`${testCase.area}: ${testCase.title}`, async () => {
                const registrations = await resetMocks();
                const { values, secretKeys } = stackConfig(testCase);
                pulumi.runtime.setAllConfig(values, secretKeys);
                const error = captureError(() => clusterFromStackConfig());
                await settle();
                assert.deepEqual(registrations, [], "nothing registers");
                assertListsEveryProblem(error, "tempo:cluster", testCase.paths);
            });
        }
    });

    describe("through the render CLI: exit 1, every path on stderr, nothing written", function () {
        this.timeout(120_000);
        const scratch = mkdtempSync(join(tmpdir(), "tempo-bad-input-"));
        after(() => rmSync(scratch, { recursive: true, force: true }));

        /** Every area broken at once in one stack file. */
        const everything: Case = {
            area: "all",
            title: "every area wrong at once",
            args: {
                cloud: "aws",
                architecture: "distributed",
                profile: "production",
                namespace: "Tempo_NS",
                clusterDomain: "cluster..local",
                retention: "forever",
                ingestMBps: -1,
                zones: ["eu-west-1a", "eu-west-1a"],
                storage: { bucketName: "Bad_Bucket", encryptionKey: "alias/tempo" },
                aws: { clusterName: "prod-eks", identityMode: "iam", region: "Ireland" },
                gcp: { project: "acme-observability", location: "EU" },
                local: { storageSize: "5Gi" },
                kafka: { mode: "external", partitions: 0, topic: "bad topic" },
                components: { backendScheduler: { replicas: 2 }, distributor: { cpu: "lots" } },
                receivers: { otlpGrpc: false, otlpHttp: false },
                chart: { version: "latest" },
                limits: { maxTracesPerUser: 0 },
                tenants: { "team a": {} },
                multitenancy: false,
                metricsGenerator: { remoteWriteUrl: "prometheus:9090" },
                gateway: { host: "Tempo Example" },
                cache: { replicas: 0 },
                query: { defaultResultLimit: 0 },
                values: { queryFrontend: { replicsa: 2 } },
                uncheckedValuePaths: [3],
                tempoConfig: { distributor: { max_atribute_bytes: 1 } },
                monitoring: { runbookUrl: "runbooks" },
                grafana: { lokiUid: "loki logs" },
            },
            paths: [
                "namespace", "clusterDomain", "retention", "ingestMBps", "zones[1]", "storage.bucketName", "storage.encryptionKey",
                "aws.identityMode", "aws.region", "gcp", "local", "kafka.brokers", "kafka.partitions", "kafka.topic",
                "components.backendScheduler.replicas", "components.distributor.cpu", "receivers", "chart.version",
                "limits.maxTracesPerUser", "tenants.team a", "multitenancy", "metricsGenerator.remoteWriteUrl", "gateway.host",
                "cache.replicas", "query.defaultResultLimit", "values.queryFrontend.replicsa", "uncheckedValuePaths[0]",
                "tempoConfig.distributor.max_atribute_bytes", "monitoring.runbookUrl", "grafana.lokiUid",
            ],
        };
        const sample = [
            everything,
            ...[
                "a component name that cannot be a Helm release name",
                "both bucket fields, both invalid S3 names",
                "broker addresses and SASL for the in-cluster Kafka",
                "an Ingress without basic auth, a bad host and user name, an autoscaled gateway",
            ].map((title) => CASES.find((c) => c.title === title) as Case),
        ];

        it("agrees with the in-code check on the all-areas config", () => {
            assertListsEveryProblem(captureError(() => new TempoCluster("tempo", everything.args as never)), "args", everything.paths);
        });

        it(`rejects ${sample.length} sample configs, each in a fresh directory, writing nothing`, async () => {
            assert.ok(existsSync(CLI), "the render CLI is not built: run `npm run build` (npm test does)");
            const runs = sample.map((testCase, index) => async () => {
                const dir = join(scratch, `case-${index}`);
                rmSync(dir, { recursive: true, force: true });
                mkdirSync(dir);
                const { values, secretKeys } = stackConfig(testCase);
                const config: Record<string, unknown> = {};
                for (const [key, value] of Object.entries(values)) {
                    config[key] = secretKeys.includes(key) ? { secure: "v1:AAAA" } : key === "tempo:cluster" ? JSON.parse(value) : value;
                }
                const file = join(dir, "Pulumi.bad.yaml");
                writeFileSync(file, stringify({ config }));
                const out = join(dir, "out");
                const result = await runCli(["render", "--config", file, "--out", out]);
                return { testCase, dir, out, ...result };
            });
            // Two at a time: each CLI run is a whole Node process.
            const results = [];
            for (let i = 0; i < runs.length; i += 2) {
                results.push(...(await Promise.all(runs.slice(i, i + 2).map((run) => run()))));
            }
            for (const { testCase, dir, out, code, stdout, stderr } of results) {
                const label = `${testCase.area}: ${testCase.title}`;
                assert.equal(code, 1, `${label}\n${stdout}${stderr}`);
                assert.equal(stdout, "", label);
                const count = (stderr.match(/^ {2}- /gm) ?? []).length;
                assert.match(stderr, new RegExp(`^Invalid TempoCluster configuration \\(${count} problems?\\):`), label);
                for (const path of testCase.paths) {
                    const qualified = path === "" ? "tempo:cluster" : `tempo:cluster.${path}`;
                    assert.ok(stderr.includes(`  - ${qualified}: `), `${label}: stderr lacks ${qualified}\n${stderr}`);
                }
                assert.ok(!existsSync(out), `${label}: an output directory was written`);
                assert.ok(!existsSync(`${out}.rendering`), `${label}: a staging directory was left behind`);
                assert.deepEqual(readdirSync(dir), ["Pulumi.bad.yaml"], `${label}: nothing else appears next to the config`);
            }
        });
    });
});

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk) => (stdout += chunk));
        child.stderr.on("data", (chunk) => (stderr += chunk));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
}
