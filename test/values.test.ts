import assert from "node:assert/strict";
import fc from "fast-check";
import { parse } from "yaml";
import { distributedValues } from "../sdk/charts/tempoDistributed";
import { chartContract, checkChartValues, passThroughRules, tempoContract } from "../sdk/contracts";
import { datasourceUid, tempoEndpoints } from "../sdk/endpoints";
import { KafkaMode, Profile } from "../sdk/args/types";
import { planTempoCluster } from "../sdk/args";
import type { KafkaBinding, StorageBinding } from "../sdk/bindings";
import { awsArgs } from "./support/harness";

const ctx = { name: "tempo", project: "tempo", stack: "prod" };
const storage: StorageBinding = {
    backendValues: { backend: "s3", s3: { bucket: "tempo-prod-tempo-traces", endpoint: "s3.eu-west-1.amazonaws.com", region: "eu-west-1" } },
    serviceAccountAnnotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/tempo" },
    podLabels: {},
    secretEnv: [],
    bucketName: "tempo-prod-tempo-traces",
    identity: "arn:aws:iam::123456789012:role/tempo",
};

function kafkaBinding(partitions: number, saslSecretName?: string): KafkaBinding {
    return { address: "kafka.internal:9092", topic: "tempo-traces", partitions, autoCreateTopic: true, saslSecretName };
}

function contractProblems(values: object) {
    return checkChartValues(
        chartContract("tempo-distributed", "3.3.0"),
        values,
        passThroughRules("tempo-distributed", "3.3.0"),
        tempoContract("3.0.3"),
    );
}

describe("tempo-distributed 3.3.0 values", () => {
    it("names everything after the release and uses the component's ServiceAccount", () => {
        const { spec } = planTempoCluster(awsArgs(), ctx);
        const values = distributedValues(spec, { storage, kafka: kafkaBinding(3) }) as any;
        assert.equal(values.fullnameOverride, "tempo");
        assert.deepEqual(values.serviceAccount, { create: false, name: "tempo" });
    });

    it("sets block-builder and live-store replicas to the topic partitions, for any partition count", () => {
        fc.assert(
            fc.property(fc.integer({ min: 1, max: 200 }), (partitions) => {
                const { spec } = planTempoCluster(
                    awsArgs({ kafka: { mode: KafkaMode.External, brokers: ["k:9092"], partitions } }),
                    ctx,
                );
                const values = distributedValues(spec, { storage, kafka: kafkaBinding(spec.kafka!.partitions) }) as any;
                assert.equal(values.blockBuilder.replicas, partitions);
                assert.equal(values.liveStore.replicas, partitions);
                assert.equal(values.ingest.kafka.auto_create_topic_default_partitions, partitions);
                assert.equal(values.backendScheduler.replicas, undefined, "the scheduler is a singleton without a replica key");
            }),
            { numRuns: 50 },
        );
    });

    it("puts retention where Tempo 3 reads it and into the tenant defaults", () => {
        const { spec } = planTempoCluster(awsArgs({ retention: "7d" }), ctx);
        const values = distributedValues(spec, { storage, kafka: kafkaBinding(3) }) as any;
        assert.equal(values.backendScheduler.config.provider.compaction.compaction.block_retention, "168h");
        assert.equal(values.overrides.defaults.compaction.block_retention, "168h");
        assert.equal(values.compactor, undefined, "Tempo 3 has no compactor");
    });

    it("wires the S3 backend from the storage binding", () => {
        const { spec } = planTempoCluster(awsArgs(), ctx);
        const values = distributedValues(spec, { storage, kafka: kafkaBinding(3) }) as any;
        assert.deepEqual(values.storage.trace, storage.backendValues);
        assert.equal(values.storage.trace.s3.role_arn, undefined, "identity never goes into Tempo's S3 config");
    });

    it("enables OTLP by default and Jaeger/Zipkin only on request", () => {
        const plain = distributedValues(planTempoCluster(awsArgs(), ctx).spec, { storage, kafka: kafkaBinding(3) }) as any;
        assert.equal(plain.traces.otlp.grpc.enabled, true);
        assert.equal(plain.traces.otlp.http.enabled, true);
        assert.equal(plain.traces.jaeger.thriftHttp.enabled, false);
        assert.equal(plain.traces.zipkin.enabled, false);
        const all = distributedValues(
            planTempoCluster(awsArgs({ receivers: { jaegerGrpc: true, jaegerThriftHttp: true, zipkin: true } }), ctx).spec,
            { storage, kafka: kafkaBinding(3) },
        ) as any;
        assert.equal(all.traces.jaeger.grpc.enabled, true);
        assert.equal(all.traces.jaeger.thriftHttp.enabled, true);
        assert.equal(all.traces.zipkin.enabled, true);
    });

    it("delivers SASL credentials through environment variables from a Secret, never inline", () => {
        const { spec } = planTempoCluster(
            awsArgs({ kafka: { mode: KafkaMode.External, brokers: ["k:9092"], saslUsername: "tempo", saslPassword: "hunter2" } }),
            ctx,
        );
        const values = distributedValues(spec, { storage, kafka: kafkaBinding(3, "tempo-kafka-sasl") }) as any;
        const sasl = (key: string) => ({ name: key, valueFrom: { secretKeyRef: { name: "tempo-kafka-sasl", key } } });
        // Only the Kafka clients get the credentials; every Tempo component expands ${VAR}; nothing goes to global.
        for (const section of ["distributor", "liveStore", "blockBuilder"]) {
            assert.deepEqual(values[section].extraEnv, [sasl("TEMPO_KAFKA_SASL_PASSWORD"), sasl("TEMPO_KAFKA_SASL_USERNAME")], section);
        }
        for (const section of ["querier", "queryFrontend", "backendScheduler", "backendWorker", "distributor"]) {
            assert.deepEqual(values[section].extraArgs, ["-config.expand-env=true"], section);
        }
        for (const section of ["querier", "queryFrontend", "backendScheduler", "backendWorker"]) {
            assert.equal(values[section].extraEnv, undefined, section);
        }
        assert.equal(values.global, undefined, "global.extraEnvFrom and global.extraArgs reach memcached and the gateway");
        assert.equal(values.tempo.structuredConfig.ingest.kafka.sasl_password, "${TEMPO_KAFKA_SASL_PASSWORD}");
        assert.ok(!JSON.stringify(values).includes("hunter2"));
        assert.deepEqual(contractProblems(values), []);
    });

    it("sets sized requests and a memory limit for every component, explicit sizes winning", () => {
        const { spec } = planTempoCluster(awsArgs({ components: { querier: { cpu: "3", memory: "12Gi" }, distributor: { cpu: "500m" } } }), ctx);
        const values = distributedValues(spec, { storage, kafka: kafkaBinding(3) }) as any;
        assert.deepEqual(values.querier.resources, { requests: { cpu: "3", memory: "12Gi" }, limits: { memory: "12Gi" } });
        assert.deepEqual(values.distributor.resources, { requests: { cpu: "500m", memory: "2Gi" }, limits: { memory: "2Gi" } });
        assert.deepEqual(values.liveStore.resources, { requests: { cpu: "1", memory: "4Gi" }, limits: { memory: "4Gi" } });
        assert.equal(values.liveStore.resources.limits.cpu, undefined, "no CPU limits: throttling hurts latency");
    });

    it("renders HPAs in the chart's flat and nested layouts instead of fixed replicas", () => {
        const { spec } = planTempoCluster(
            awsArgs({
                components: {
                    distributor: { autoscaling: { minReplicas: 2, maxReplicas: 10, targetCpuPercent: 70 } },
                    backendWorker: { autoscaling: { maxReplicas: 8 } },
                },
            }),
            ctx,
        );
        const values = distributedValues(spec, { storage, kafka: kafkaBinding(3) }) as any;
        assert.deepEqual(values.distributor.autoscaling, { enabled: true, minReplicas: 2, maxReplicas: 10, targetCPUUtilizationPercentage: 70 });
        assert.equal(values.distributor.replicas, undefined);
        assert.deepEqual(values.backendWorker.autoscaling, {
            enabled: true,
            minReplicas: 2,
            maxReplicas: 8,
            hpa: { enabled: true, targetCPUUtilizationPercentage: 60 },
        });
        assert.deepEqual(contractProblems(values), []);
    });

    it("pins pods to the zones and spreads them, as the YAML strings the chart expects", () => {
        const zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
        const values = distributedValues(planTempoCluster(awsArgs({ zones }), ctx).spec, { storage, kafka: kafkaBinding(3) }) as any;
        for (const section of ["distributor", "querier", "queryFrontend", "liveStore", "blockBuilder", "backendScheduler", "backendWorker"]) {
            assert.equal(typeof values[section].affinity, "string", section);
            const affinity = parse(values[section].affinity);
            assert.deepEqual(affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0], {
                key: "topology.kubernetes.io/zone",
                operator: "In",
                values: zones,
            });
            assert.equal(affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey, "kubernetes.io/hostname");
            const [spread] = parse(values[section].topologySpreadConstraints);
            assert.equal(spread.topologyKey, "topology.kubernetes.io/zone");
            assert.equal(spread.labelSelector.matchLabels["app.kubernetes.io/instance"], "tempo");
        }
        assert.equal(parse(values.liveStore.topologySpreadConstraints)[0].labelSelector.matchLabels["app.kubernetes.io/component"], "live-store");
        const withoutZones = distributedValues(planTempoCluster(awsArgs(), ctx).spec, { storage, kafka: kafkaBinding(3) }) as any;
        assert.equal(withoutZones.distributor.affinity, undefined, "without zones the chart's own spread applies");
        assert.deepEqual(contractProblems(values), []);
    });

    it("keeps disruption budgets on for every component the chart can give one", () => {
        const values = distributedValues(planTempoCluster(awsArgs(), ctx).spec, { storage, kafka: kafkaBinding(3) }) as any;
        for (const section of ["distributor", "querier", "queryFrontend", "liveStore", "blockBuilder", "backendWorker"]) {
            assert.deepEqual(values[section].podDisruptionBudget, { enabled: true }, section);
        }
    });

    it("keeps a component's secret variables and expand-env flag when the values escape hatch replaces its lists", () => {
        const { spec } = planTempoCluster(
            awsArgs({
                kafka: { mode: KafkaMode.External, brokers: ["k:9092"], saslUsername: "tempo", saslPassword: "pw" },
                values: {
                    distributor: { extraArgs: ["-log.level=debug"], extraEnv: [{ name: "GOGC", value: "50" }] },
                    liveStore: { extraEnv: [{ name: "TEMPO_KAFKA_SASL_USERNAME", value: "override" }] },
                },
            }),
            ctx,
        );
        const values = distributedValues(spec, { storage, kafka: kafkaBinding(3, "tempo-kafka-sasl") }) as any;
        // Helm replaces lists: the user's entries first, then what Tempo needs and the user did not set.
        assert.deepEqual(values.distributor.extraArgs, ["-log.level=debug", "-config.expand-env=true"]);
        assert.deepEqual(values.distributor.extraEnv.map((e: any) => e.name), ["GOGC", "TEMPO_KAFKA_SASL_PASSWORD", "TEMPO_KAFKA_SASL_USERNAME"]);
        assert.deepEqual(values.liveStore.extraEnv, [
            { name: "TEMPO_KAFKA_SASL_USERNAME", value: "override" },
            { name: "TEMPO_KAFKA_SASL_PASSWORD", valueFrom: { secretKeyRef: { name: "tempo-kafka-sasl", key: "TEMPO_KAFKA_SASL_PASSWORD" } } },
        ], "a variable the user sets under the same name is theirs");
    });

    it("sets the backend-worker budget the chart reads but does not default, whatever the replicas", () => {
        // tempo-distributed 3.3.0 evaluates backendWorker.podDisruptionBudget.enabled and backendWorker.maxUnavailable
        // whenever replicas > 1; without them `helm install` stops with a nil pointer.
        for (const replicas of [1, 2, 5]) {
            const values = distributedValues(planTempoCluster(awsArgs({ components: { backendWorker: { replicas } } }), ctx).spec, { storage, kafka: kafkaBinding(3) }) as any;
            assert.deepEqual(values.backendWorker.podDisruptionBudget, { enabled: true }, `replicas ${replicas}`);
            assert.equal(values.backendWorker.maxUnavailable, 1, `replicas ${replicas}`);
        }
    });

    it("uses only keys that exist in the chart's published values and in Tempo 3.0.3's config", () => {
        for (const profile of [Profile.Dev, Profile.Production]) {
            const { spec } = planTempoCluster(
                awsArgs({
                    profile,
                    receivers: { jaegerGrpc: true, jaegerThriftHttp: true, zipkin: true },
                    components: { querier: { cpu: "1", memory: "4Gi" } },
                }),
                ctx,
            );
            assert.deepEqual(contractProblems(distributedValues(spec, { storage, kafka: kafkaBinding(spec.kafka!.partitions, "s") })), []);
        }
    });

    it("has a contract check that catches a wrong key", () => {
        assert.ok(contractProblems({ blockBuilder: { replica: 3 } }).some((p) => p.path === "blockBuilder.replica"));
        assert.ok(contractProblems({ overrides: { defaults: { compaction: { block_retension: "1h" } } } }).length > 0);
    });
});

describe("endpoints", () => {
    it("derives in-cluster URLs from the release name, on port 3200", () => {
        const { spec } = planTempoCluster(awsArgs({ namespace: "tracing", receivers: { zipkin: true } }), ctx);
        assert.deepEqual(tempoEndpoints(spec), {
            queryUrl: "http://tempo-query-frontend.tracing.svc.cluster.local:3200",
            otlpGrpcEndpoint: "tempo-distributor.tracing.svc.cluster.local:4317",
            otlpHttpEndpoint: "http://tempo-distributor.tracing.svc.cluster.local:4318",
            zipkinEndpoint: "http://tempo-distributor.tracing.svc.cluster.local:9411/api/v2/spans",
        });
        const off = planTempoCluster(awsArgs({ receivers: { otlpGrpc: false } }), ctx).spec;
        assert.equal(tempoEndpoints(off).otlpGrpcEndpoint, "");
        assert.equal(tempoEndpoints(planTempoCluster(awsArgs({ clusterDomain: "k8s.example" }), ctx).spec).queryUrl, "http://tempo-query-frontend.tempo.svc.k8s.example:3200");
    });

    it("gives Grafana a stable, valid datasource uid", () => {
        fc.assert(
            fc.property(fc.stringMatching(/^[a-z][a-z0-9-]{0,40}[a-z0-9]$/), fc.stringMatching(/^[a-z][a-z0-9-]{0,40}[a-z0-9]$/), (namespace, name) => {
                const { spec } = planTempoCluster(awsArgs({ namespace }), { ...ctx, name });
                const uid = datasourceUid(spec);
                assert.match(uid, /^[a-zA-Z0-9-_]{1,40}$/);
                assert.equal(uid, datasourceUid(spec));
            }),
            { numRuns: 50 },
        );
    });
});
