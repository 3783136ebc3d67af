import assert from "node:assert/strict";
import { classicValues, zoneName } from "../sdk/charts/tempoClassic";
import { MONOLITHIC_CONFIG_SKELETON, monolithicValues } from "../sdk/charts/tempoMonolithic";
import { chartContract, checkChartValues, checkTempoConfig, passThroughRules, tempoContract } from "../sdk/contracts";
import { tempoEndpoints } from "../sdk/endpoints";
import { Architecture, Cloud, Profile, type TempoClusterArgs } from "../sdk/args/types";
import { planTempoCluster } from "../sdk/args";
import { validateArgs } from "../sdk/args/validation/validate";
import { awsArgs, construct, S3_BINDING, valueOf } from "./support/harness";

const ctx = { name: "tempo", project: "tempo", stack: "prod" };
const s3 = S3_BINDING;
const classicArgs = (overrides: Partial<TempoClusterArgs> = {}) => awsArgs({ architecture: Architecture.Classic, kafka: undefined, ...overrides });
const monolithicArgs = (overrides: Partial<TempoClusterArgs> = {}): TempoClusterArgs => ({
    cloud: Cloud.Local,
    architecture: Architecture.Monolithic,
    profile: Profile.Dev,
    local: { filesystem: true },
    ...overrides,
});
const problemPaths = (args: object) => validateArgs(args, ctx).problems.map((p) => p.path);

describe("classic architecture (tempo-distributed 1.61.3, Tempo 2.9.0)", () => {
    it("replicates across ingesters with a persistent WAL and keeps retention at the compactor", () => {
        const values = classicValues(planTempoCluster(classicArgs({ retention: "7d" }), ctx).spec, s3) as any;
        assert.equal(values.ingester.config.replication_factor, 3);
        assert.ok(values.ingester.replicas >= 3);
        assert.deepEqual(values.ingester.persistence, { enabled: true, size: "20Gi" });
        assert.equal(values.ingester.persistence.storageClassName, undefined, "the chart's key is storageClass");
        assert.equal(values.compactor.config.compaction.block_retention, "168h");
        assert.equal(values.ingest, undefined, "no Kafka in Tempo 2");
        assert.equal(values.liveStore, undefined);
    });

    it("puts the WAL on the requested StorageClass at the key each chart reads", () => {
        const classic = classicValues(planTempoCluster(classicArgs({ components: { ingester: { storageClass: "gp3" } } }), ctx).spec, s3) as any;
        assert.equal(classic.ingester.persistence.storageClass, "gp3");
        const mono = monolithicValues(planTempoCluster(monolithicArgs({ components: { tempo: { storageClass: "standard" } } }), ctx).spec, s3) as any;
        assert.equal(mono.persistence.storageClassName, "standard");
        assert.ok(problemPaths(classicArgs({ components: { querier: { storageClass: "gp3" } } })).includes("components.querier.storageClass"));
        assert.ok(problemPaths(classicArgs({ cache: { dedicatedPools: ["bloom" as never] } })).includes("cache.dedicatedPools"));
    });

    it("turns on zone-aware replication with the rollout operator when zones are given", () => {
        const zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
        const values = classicValues(planTempoCluster(classicArgs({ zones, components: { ingester: { replicas: 6 } } }), ctx).spec, s3) as any;
        assert.equal(values.ingester.zoneAwareReplication.enabled, true);
        assert.deepEqual(values.ingester.zoneAwareReplication.zones.map((z: any) => z.nodeSelector["topology.kubernetes.io/zone"]), zones);
        assert.equal(values.rollout_operator.enabled, true);
        assert.match(zoneName("europe-west1-b"), /^[a-z0-9-]{1,12}$/);
    });

    it("uses only keys of the 1.61.3 chart and Tempo 2.9.0", () => {
        const { spec } = planTempoCluster(
            classicArgs({
                zones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
                components: { ingester: { replicas: 3 }, compactor: { autoscaling: { maxReplicas: 3 } } },
                metricsGenerator: { remoteWriteUrl: "http://prom:9090/api/v1/write" },
                tenants: { a: {} },
                gateway: { host: "tempo.example.com" },
                query: { defaultResultLimit: 50 },
            }),
            ctx,
        );
        const problems = checkChartValues(
            chartContract("tempo-distributed", "1.61.3"),
            classicValues(spec, s3),
            passThroughRules("tempo-distributed", "1.61.3"),
            tempoContract("2.9.0"),
        );
        assert.deepEqual(problems, []);
    });

    it("validates the replication quorum and zones", () => {
        assert.ok(problemPaths(classicArgs({ components: { ingester: { replicas: 2 } } })).includes("components.ingester.replicas"));
        assert.deepEqual(problemPaths(classicArgs({ profile: Profile.Dev, components: { ingester: { replicas: 1 } } })), []);
        assert.ok(problemPaths(classicArgs({ zones: ["eu-west-1a", "eu-west-1b"] })).includes("zones"));
        assert.ok(problemPaths(classicArgs({ zones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"], components: { ingester: { replicas: 4 } } })).includes("components.ingester.replicas"));
        assert.ok(problemPaths(classicArgs({ components: { liveStore: { replicas: 3 } } })).includes("components.liveStore"));
        assert.ok(problemPaths(awsArgs({ architecture: Architecture.Classic })).includes("kafka"));
    });

    it("installs the frozen chart from its original repository, with no Kafka", async () => {
        const { get, render, cluster } = await construct(classicArgs());
        const release = get("tempo-helm");
        assert.equal(release.inputs.version, "1.61.3");
        assert.deepEqual(release.inputs.repositoryOpts, { repo: "https://grafana.github.io/helm-charts" });
        assert.ok(!render.resources.some((r) => r.type.includes("strimzi")));
        assert.equal(await valueOf(cluster.kafkaBootstrap), "");
        assert.equal(await valueOf(cluster.tempoVersion), "2.9.0");
    });
});

describe("monolithic architecture (tempo chart 2.2.4, Tempo 2.10.8)", () => {
    it("runs one binary with its settings under tempo.*", () => {
        const values = monolithicValues(planTempoCluster(monolithicArgs({ retention: "2d", receivers: { zipkin: true } }), ctx).spec, {
            ...s3,
            backendValues: { backend: "local" },
        }) as any;
        assert.equal(values.replicas, 1);
        assert.equal(values.tempo.retention, "48h");
        assert.equal(values.tempo.storage.trace.backend, "local");
        assert.deepEqual(values.tempo.receivers.zipkin, { endpoint: "0.0.0.0:9411" });
        assert.equal(values.tempo.receivers.jaeger, undefined, "the chart's Jaeger defaults are replaced by exactly the enabled receivers");
        assert.equal(values.storage, undefined, "top-level storage is the distributed chart's key");
        assert.equal(values.persistence.enabled, true);
    });

    it("uses only keys of the tempo 2.2.4 chart and Tempo 2.10.8", () => {
        const { spec } = planTempoCluster(
            monolithicArgs({ zones: ["a"], metricsGenerator: { remoteWriteUrl: "http://prom:9090/api/v1/write", remoteWriteUsername: "u", remoteWritePassword: "p" }, tenants: { t: {} }, query: { maxSearchDuration: "0s" } }),
            ctx,
        );
        const problems = checkChartValues(chartContract("tempo", "2.2.4"), monolithicValues(spec, s3), passThroughRules("tempo", "2.2.4"), tempoContract("2.10.8"));
        assert.deepEqual(problems, []);
    });

    it("cannot run Tempo 3: the chart's config template emits blocks Tempo 3 removed", () => {
        assert.deepEqual(checkTempoConfig(tempoContract("2.10.8"), MONOLITHIC_CONFIG_SKELETON), []);
        const tempo3 = checkTempoConfig(tempoContract("3.0.3"), MONOLITHIC_CONFIG_SKELETON).map((p) => p.path.split(".")[0]);
        assert.ok(tempo3.includes("compactor") && tempo3.includes("ingester"), JSON.stringify(tempo3));
    });

    it("validates its single replica and the features the chart lacks", () => {
        assert.ok(problemPaths(monolithicArgs({ components: { tempo: { replicas: 2 } } })).includes("components.tempo.replicas"));
        assert.ok(problemPaths(monolithicArgs({ gateway: {} })).includes("gateway"));
        assert.ok(problemPaths(monolithicArgs({ tempoConfig: { server: {} } })).includes("tempoConfig"));
        assert.ok(problemPaths({ ...awsArgs(), local: { filesystem: true } }).includes("local.filesystem"));
        assert.ok(problemPaths(monolithicArgs({ kafka: { brokers: ["k:9092"] } })).includes("kafka"));
    });

    it("serves queries and receivers from its one Service, with no object store for filesystem storage", async () => {
        const { render, cluster, get } = await construct(monolithicArgs());
        assert.ok(!render.resources.some((r) => r.name === "tempo-object-store"));
        assert.equal(get("tempo-helm").inputs.chart, "tempo");
        assert.equal(await valueOf(cluster.queryUrl), "http://tempo.tempo.svc.cluster.local:3200");
        assert.equal(await valueOf(cluster.otlpHttpEndpoint), "http://tempo.tempo.svc.cluster.local:4318");
        const { spec } = planTempoCluster(monolithicArgs(), ctx);
        assert.equal(tempoEndpoints(spec).otlpGrpcEndpoint, "tempo.tempo.svc.cluster.local:4317");
    });
});
