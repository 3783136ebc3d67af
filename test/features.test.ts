import assert from "node:assert/strict";
import { distributedValues } from "../sdk/charts/tempoDistributed";
import { chartContract, checkChartValues, passThroughRules, tempoContract } from "../sdk/contracts";
import { tempoEndpoints } from "../sdk/endpoints";
import { CacheRole, MetricsGeneratorProcessor, Profile, type TempoClusterArgs } from "../sdk/args/types";
import { planTempoCluster, TempoClusterArgsError } from "../sdk/args";
import { validateArgs } from "../sdk/args/validation/validate";
import type { KafkaBinding } from "../sdk/bindings";
import { awsArgs, construct, S3_BINDING, valueOf } from "./support/harness";

const ctx = { name: "tempo", project: "tempo", stack: "prod" };
const storage = S3_BINDING;
const kafka: KafkaBinding = { address: "k:9092", topic: "tempo-traces", partitions: 3, autoCreateTopic: true };

function valuesFor(overrides: Partial<TempoClusterArgs>): any {
    return distributedValues(planTempoCluster(awsArgs(overrides), ctx).spec, { storage, kafka });
}
function contractProblems(values: object) {
    return checkChartValues(chartContract("tempo-distributed", "3.3.0"), values, passThroughRules("tempo-distributed", "3.3.0"), tempoContract("3.0.3"));
}
function problemsOf(overrides: Partial<TempoClusterArgs>) {
    return validateArgs(awsArgs(overrides), ctx).problems;
}
function messageAt(overrides: Partial<TempoClusterArgs>, path: string): string {
    const problem = problemsOf(overrides).find((p) => p.path === path);
    assert.ok(problem, `no problem at ${path}: ${JSON.stringify(problemsOf(overrides))}`);
    return problem.message;
}

const generator = {
    remoteWriteUrl: "http://prometheus.monitoring:9090/api/v1/write",
    externalLabels: { source: "tempo" },
    serviceGraphs: { dimensions: ["http.method"], histogramBuckets: [0.1, 0.2, 0.4], peerAttributes: ["db.name"] },
    spanMetrics: { dimensions: ["http.status_code"] },
};

describe("limits and tenants", () => {
    it("renders global limits in the scoped overrides format", () => {
        const values = valuesFor({
            retention: "7d",
            limits: { ingestionRateLimitBytes: 20_000_000, ingestionBurstSizeBytes: 25_000_000, maxTracesPerUser: 50_000, maxBytesPerTrace: 8_000_000, maxSearchDuration: "7d" },
        });
        assert.deepEqual(values.overrides.defaults, {
            ingestion: { rate_limit_bytes: 20_000_000, burst_size_bytes: 25_000_000, max_traces_per_user: 50_000 },
            global: { max_bytes_per_trace: 8_000_000 },
            read: { max_search_duration: "168h" },
            compaction: { block_retention: "168h" },
        });
        assert.equal(values.overrides.ingestion_rate_limit_bytes, undefined, "no legacy flat keys");
        assert.deepEqual(contractProblems(values), []);
    });

    it("raises the burst to the rate when only a high rate is given", () => {
        const values = valuesFor({ limits: { ingestionRateLimitBytes: 50_000_000 } });
        assert.equal(values.overrides.defaults.ingestion.burst_size_bytes, 50_000_000);
    });

    it("writes one complete block per tenant, inheriting every global value it does not set", () => {
        const values = valuesFor({
            limits: { maxBytesPerTrace: 8_000_000 },
            tenants: { team_a: { limits: { ingestionRateLimitBytes: 40_000_000 }, retention: "30d" }, team_b: {} },
        });
        assert.equal(values.multitenancyEnabled, true, "tenants turn multi-tenancy on");
        assert.deepEqual(values.per_tenant_overrides.team_a, {
            ingestion: { rate_limit_bytes: 40_000_000, burst_size_bytes: 40_000_000, max_traces_per_user: 10_000 },
            global: { max_bytes_per_trace: 8_000_000 },
            compaction: { block_retention: "720h" },
        });
        assert.equal(values.per_tenant_overrides.team_b.ingestion.rate_limit_bytes, 30_000_000);
        assert.equal(values.per_tenant_overrides.team_b.compaction.block_retention, "336h");
        assert.equal(values.overrides.team_a, undefined, "tenant ids never sit under overrides");
        assert.deepEqual(contractProblems(values), []);
    });

    it("keeps the bucket lifecycle behind the longest tenant retention", () => {
        const { spec } = planTempoCluster(awsArgs({ retention: "7d", tenants: { audit: { retention: "90d" } } }), ctx);
        assert.equal(spec.storage.expirationDays, 91);
    });

    it("rejects insane limits, bad tenant ids and tenants without multi-tenancy", () => {
        assert.match(messageAt({ limits: { ingestionRateLimitBytes: 10, ingestionBurstSizeBytes: 5 } }, "limits.ingestionBurstSizeBytes"), /at least ingestionRateLimitBytes/);
        assert.match(messageAt({ limits: { maxTracesPerUser: 0 } }, "limits.maxTracesPerUser"), /positive/);
        assert.match(messageAt({ tenants: { "team a": {} } }, "tenants.team a"), /tenant id/);
        assert.match(messageAt({ tenants: { a: {} }, multitenancy: false }, "multitenancy"), /never apply/);
        assert.match(messageAt({ tenants: { a: { retention: "10m" } } }, "tenants.a.retention"), /at least 1h/);
        assert.match(
            messageAt({ tenants: { a: { metricsGeneratorProcessors: [MetricsGeneratorProcessor.SpanMetrics] } } }, "tenants.a.metricsGeneratorProcessors"),
            /needs the metrics generator/,
        );
    });
});

describe("metrics generator", () => {
    it("configures processors, remote write at the key the chart reads, and switches processors on in the overrides", () => {
        const values = valuesFor({ metricsGenerator: generator, tenants: { a: {}, b: { metricsGeneratorProcessors: [MetricsGeneratorProcessor.ServiceGraphs] } } });
        const config = values.metricsGenerator.config;
        assert.equal(values.metricsGenerator.enabled, true);
        assert.deepEqual(config.processor.service_graphs, { dimensions: ["http.method"], histogram_buckets: [0.1, 0.2, 0.4], peer_attributes: ["db.name"] });
        assert.deepEqual(config.processor.span_metrics, { dimensions: ["http.status_code"] });
        assert.deepEqual(config.storage.remote_write, [{ url: generator.remoteWriteUrl, send_exemplars: true }]);
        assert.equal(values.metricsGenerator.config.remote_write, undefined, "the silently ignored key is never used");
        assert.deepEqual(config.registry.external_labels, { cluster: "prod", source: "tempo" });
        assert.deepEqual(values.overrides.defaults.metrics_generator, { processors: ["service-graphs", "span-metrics"] });
        assert.deepEqual(values.per_tenant_overrides.a.metrics_generator, { processors: ["service-graphs", "span-metrics"] });
        assert.deepEqual(values.per_tenant_overrides.b.metrics_generator, { processors: ["service-graphs"] });
        assert.deepEqual(contractProblems(values), []);
    });

    it("keeps the remote-write password in a Secret, referenced from the config", async () => {
        const { get, render } = await construct(
            awsArgs({ metricsGenerator: { ...generator, remoteWriteUsername: "tempo", remoteWritePassword: "pa55" } }),
        );
        const values = get("tempo-helm").inputs.values as any;
        assert.deepEqual(values.metricsGenerator.config.storage.remote_write[0].basic_auth, { username: "tempo", password: "${TEMPO_REMOTE_WRITE_PASSWORD}" });
        assert.deepEqual(values.metricsGenerator.extraEnv, [
            { name: "TEMPO_REMOTE_WRITE_PASSWORD", valueFrom: { secretKeyRef: { name: "tempo-remote-write", key: "TEMPO_REMOTE_WRITE_PASSWORD" } } },
        ]);
        assert.ok(["distributor", "querier", "queryFrontend"].every((section) => values[section].extraEnv === undefined), "only the generator remote-writes");
        assert.equal(get("tempo-remote-write").inputs.stringData, "[secret]");
        assert.ok(!JSON.stringify(render.resources).includes("pa55"));
    });

    it("requires a remote-write URL and sane buckets", () => {
        assert.match(messageAt({ metricsGenerator: {} }, "metricsGenerator.remoteWriteUrl"), /is required/);
        assert.match(messageAt({ metricsGenerator: { remoteWriteUrl: "prometheus:9090" } }, "metricsGenerator.remoteWriteUrl"), /http/);
        assert.match(
            messageAt({ metricsGenerator: { ...generator, spanMetrics: { histogramBuckets: [1, 0.5] } } }, "metricsGenerator.spanMetrics.histogramBuckets"),
            /increasing/,
        );
        assert.deepEqual(problemsOf({ metricsGenerator: { enabled: false } }), []);
        assert.equal(valuesFor({}).metricsGenerator.enabled, false);
    });
});

describe("gateway", () => {
    it("renders an Ingress with an explicit pathType, TLS and basic auth from a component-managed Secret", () => {
        const values = valuesFor({
            gateway: { host: "tempo.example.com", ingressClassName: "nginx", tlsSecretName: "tempo-tls", annotations: { "cert-manager.io/cluster-issuer": "letsencrypt" } },
        });
        assert.deepEqual(values.gateway.ingress, {
            enabled: true,
            ingressClassName: "nginx",
            annotations: { "cert-manager.io/cluster-issuer": "letsencrypt" },
            hosts: [{ host: "tempo.example.com", paths: [{ path: "/", pathType: "Prefix" }] }],
            tls: [{ secretName: "tempo-tls", hosts: ["tempo.example.com"] }],
        });
        assert.deepEqual(values.gateway.basicAuth, { enabled: true, existingSecret: "tempo-gateway-auth" });
        assert.equal(values.ingress, undefined, "the top-level ingress stays off (both at once fail the render)");
        assert.deepEqual(contractProblems(values), []);
    });

    it("creates the htpasswd Secret from a stored bcrypt hash, and switches outputs to the gateway", async () => {
        const { get, cluster } = await construct(awsArgs({ gateway: { host: "tempo.example.com" } }));
        assert.equal(get("tempo-gateway-password").type, "random:index/randomPassword:RandomPassword");
        assert.equal(get("tempo-gateway-auth").inputs.stringData, "[secret]");
        assert.ok(get("tempo-helm").options.dependsOn.includes("tempo-gateway-auth"));
        assert.equal(await valueOf(cluster.queryUrl), "http://tempo-gateway.tempo.svc.cluster.local:80");
        assert.equal(await valueOf(cluster.otlpHttpEndpoint), "http://tempo-gateway.tempo.svc.cluster.local:80");
        assert.match(await valueOf(cluster.gatewayPassword), /RandomPassword tempo-gateway-password\.result/);
        assert.equal(await (cluster.gatewayPassword as any).isSecret, true);
    });

    it("refuses an Ingress without basic auth", () => {
        assert.match(messageAt({ gateway: { host: "tempo.example.com", basicAuth: false } }, "gateway.basicAuth"), /exposes/);
        assert.match(messageAt({ gateway: { tlsSecretName: "t" } }, "gateway.tlsSecretName"), /only used with gateway.host/);
    });

    it("leaves endpoints on the services without a gateway", () => {
        const { spec } = planTempoCluster(awsArgs(), ctx);
        assert.equal(tempoEndpoints(spec).queryUrl, "http://tempo-query-frontend.tempo.svc.cluster.local:3200");
    });
});

describe("cache, query settings and escape hatches", () => {
    it("sizes memcached by profile and turns it off on request", () => {
        assert.deepEqual(valuesFor({}).memcached, {
            enabled: true,
            replicas: 2,
            resources: { requests: { cpu: "500m", memory: "2Gi" }, limits: { memory: "2Gi" } },
        });
        assert.equal(valuesFor({ profile: Profile.Dev }).memcached.replicas, 1);
        assert.deepEqual(valuesFor({ cache: { enabled: false } }).memcached, { enabled: false });
        assert.deepEqual(contractProblems(valuesFor({ cache: { replicas: 3, memory: "4Gi" } })), []);
    });

    it("gives cache roles dedicated memcached pools on request", () => {
        const values = valuesFor({ cache: { memory: "1Gi", dedicatedPools: [CacheRole.FrontendSearch, CacheRole.Bloom] } });
        for (const section of ["memcachedBloom", "memcachedFrontendSearch"]) {
            assert.deepEqual(values[section], { enabled: true, replicas: 2, resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "1Gi" } } });
        }
        assert.equal(values.memcachedParquetFooter, undefined);
        assert.deepEqual(contractProblems(values), []);
    });

    it("puts search limits at the keys Tempo 3 reads and enables streaming", () => {
        const values = valuesFor({ query: { defaultResultLimit: 50, maxResultLimit: 500, maxSearchDuration: "0s" } });
        assert.deepEqual(values.tempo.structuredConfig.query_frontend.search, { default_result_limit: 50, max_result_limit: 500, max_duration: "0s" });
        assert.equal(values.streamOverHTTPEnabled, true);
        assert.equal(values.queryFrontend.query, undefined, "queryFrontend.query is the Jaeger UI sidecar, not search");
        assert.deepEqual(contractProblems(values), []);
    });

    it("merges the values escape hatch last and checks every path", () => {
        const values = valuesFor({ values: { distributor: { replicas: 7 }, server: { logLevel: "debug" } } });
        assert.equal(values.distributor.replicas, 7);
        assert.equal(values.server.logLevel, "debug");
        assert.match(messageAt({ values: { distributor: { replica: 7 } } }, "values.distributor.replica"), /unknown|not/i);
        assert.deepEqual(problemsOf({ values: { distributor: { replica: 7 } }, uncheckedValuePaths: ["distributor.replica"] }), []);
        const warned = validateArgs(awsArgs({ values: { fullnameOverride: "x" } }), ctx).warnings;
        assert.ok(warned.some((w) => w.path === "values.fullnameOverride"));
    });

    it("merges tempoConfig into Tempo's structured config and checks it against Tempo 3.0.3", () => {
        const values = valuesFor({ tempoConfig: { distributor: { max_attribute_bytes: 4096 } } });
        assert.equal(values.tempo.structuredConfig.distributor.max_attribute_bytes, 4096);
        assert.ok(problemsOf({ tempoConfig: { ingest: { kafka: { tls_enabled: true } } } }).some((p) => p.path.startsWith("tempoConfig.ingest.kafka.tls_enabled")));
        assert.ok(problemsOf({ tempoConfig: { compactor: { compaction: { block_retention: "1h" } } } }).some((p) => p.path.startsWith("tempoConfig.compactor")));
    });

    it("fails a typo in values before anything is created, naming the path", () => {
        assert.throws(
            () => planTempoCluster(awsArgs({ values: { queryFrontend: { replicsa: 2 } } }), ctx, "tempo:cluster"),
            (error: unknown) => error instanceof TempoClusterArgsError && /tempo:cluster\.values\.queryFrontend\.replicsa/.test(error.message),
        );
    });
});
