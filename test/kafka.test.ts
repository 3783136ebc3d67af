import assert from "node:assert/strict";
import fc from "fast-check";
import {
    kafkaBootstrapAddress,
    kafkaCluster,
    kafkaManifests,
    kafkaNetworkPolicy,
    kafkaTopic,
    nodePools,
    topicObjectName,
} from "../sdk/manifests/strimzi";
import { planTempoCluster } from "../sdk/args";
import { Profile, type TempoClusterArgs } from "../sdk/args/types";
import { awsArgs } from "./support/harness";

const ctx = { name: "tempo", project: "tempo", stack: "prod" };
const strimziArgs = (overrides: Partial<TempoClusterArgs> = {}) => awsArgs({ kafka: undefined, ...overrides });
const specOf = (overrides: Partial<TempoClusterArgs> = {}) => planTempoCluster(strimziArgs(overrides), ctx).spec;

describe("in-cluster Kafka (Strimzi v1)", () => {
    it("is the default for Tempo 3 and binds Tempo to its plaintext bootstrap Service", () => {
        const spec = specOf();
        assert.equal(spec.kafka!.mode, "strimzi");
        assert.equal(kafkaBootstrapAddress(spec), "tempo-kafka-kafka-bootstrap.tempo.svc.cluster.local:9092");
    });

    it("runs KRaft with replication 3 and min ISR 2 in production, and no topic auto-creation", () => {
        const kafka = kafkaCluster(specOf()) as any;
        assert.equal(kafka.apiVersion, "kafka.strimzi.io/v1");
        assert.equal(kafka.metadata.annotations["pulumi.com/waitFor"], "condition=Ready");
        assert.equal(kafka.metadata.annotations["strimzi.io/kraft"], undefined, "the KRaft annotations are obsolete in v1");
        assert.equal(kafka.spec.kafka!.version, "4.3.1");
        assert.equal(kafka.spec.kafka!.metadataVersion, "4.3-IV0");
        assert.deepEqual(kafka.spec.kafka!.config, {
            "auto.create.topics.enable": false,
            "default.replication.factor": 3,
            "min.insync.replicas": 2,
            "offsets.topic.replication.factor": 3,
            "transaction.state.log.replication.factor": 3,
            "transaction.state.log.min.isr": 2,
            "message.max.bytes": 16_000_000,
        });
        assert.deepEqual(kafka.spec.kafka!.template, { podDisruptionBudget: { maxUnavailable: 1 } });
        assert.deepEqual(kafka.spec.entityOperator, { topicOperator: {} });
    });

    it("opens the plaintext listener to Tempo's pods only", () => {
        const kafka = kafkaCluster(specOf()) as any;
        assert.deepEqual(kafka.spec.kafka!.listeners, [
            {
                name: "plain",
                port: 9092,
                type: "internal",
                tls: false,
                networkPolicyPeers: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "tempo", "app.kubernetes.io/instance": "tempo" } } }],
            },
        ]);
        const policy = kafkaNetworkPolicy(specOf()) as any;
        assert.equal(policy.kind, "NetworkPolicy");
        assert.deepEqual(policy.spec.podSelector.matchLabels, { "strimzi.io/cluster": "tempo-kafka", "strimzi.io/kind": "Kafka" });
        const clientRule = policy.spec.ingress.find((rule: any) => rule.ports.some((p: any) => p.port === 9092));
        assert.deepEqual(clientRule.from, [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "tempo", "app.kubernetes.io/instance": "tempo" } } }]);
        for (const rule of policy.spec.ingress) {
            for (const peer of rule.from) {
                assert.ok(peer.podSelector, "every peer is selected by pod labels, never the whole cluster");
            }
        }
    });

    it("runs dedicated controllers and persistent, zone-spread brokers in production", () => {
        const pools = nodePools(specOf({ zones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"], kafka: { strimzi: { storageClass: "gp3" } } } as never)) as any[];
        assert.deepEqual(pools.map((p) => [p.metadata.name, p.spec.roles, p.spec.replicas]), [
            ["controller", ["controller"], 3],
            ["broker", ["broker"], 3],
        ]);
        const broker = pools[1];
        assert.equal(broker.metadata.labels["strimzi.io/cluster"], "tempo-kafka");
        assert.deepEqual(broker.spec.storage.volumes[0], {
            id: 0,
            type: "persistent-claim",
            size: "528Gi",
            class: "gp3",
            deleteClaim: false,
            kraftMetadata: "shared",
        });
        const spread = broker.spec.template.pod.topologySpreadConstraints[0];
        assert.equal(spread.whenUnsatisfiable, "DoNotSchedule");
        assert.equal(spread.labelSelector.matchLabels["strimzi.io/broker-role"], "true");
        assert.deepEqual(
            broker.spec.template.pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values,
            ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
        );
        assert.deepEqual((kafkaCluster(specOf({ zones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"] })) as any).spec.kafka!.rack, {
            type: "topology-label",
            topologyKey: "topology.kubernetes.io/zone",
        });
        assert.equal((kafkaCluster(specOf()) as any).spec.kafka!.rack, undefined);
    });

    it("runs one combined, ephemeral node in dev", () => {
        const spec = specOf({ profile: Profile.Dev });
        const pools = nodePools(spec) as any[];
        assert.equal(pools.length, 1);
        assert.deepEqual(pools[0].spec.roles, ["controller", "broker"]);
        assert.equal(pools[0].spec.replicas, 1);
        assert.deepEqual(pools[0].spec.storage.volumes[0], { id: 0, type: "ephemeral", kraftMetadata: "shared" });
        const kafka = kafkaCluster(spec) as any;
        assert.equal(kafka.spec.kafka!.config["default.replication.factor"], 1);
        assert.equal(kafka.spec.kafka!.config["min.insync.replicas"], 1);
        assert.equal(kafka.spec.kafka!.template, undefined, "no disruption budget for a single node");
        const persistent = nodePools(specOf({ profile: Profile.Dev, kafka: { strimzi: { storageSize: "20Gi" } } } as never)) as any[];
        assert.equal(persistent[0].spec.storage.volumes[0].type, "persistent-claim");
        assert.equal(persistent[0].spec.storage.volumes[0].size, "20Gi");
    });

    it("creates a topic with one partition per live-store and retention for catching up", () => {
        fc.assert(
            fc.property(fc.integer({ min: 1, max: 200 }), (rate) => {
                const spec = specOf({ ingestMBps: rate });
                const topic = kafkaTopic(spec) as any;
                assert.equal(topic.spec.partitions, spec.components.liveStore.replicas);
                assert.equal(topic.spec.partitions, spec.components.blockBuilder.replicas);
                assert.equal(topic.spec.partitions, Math.max(3, Math.ceil(rate / 10)));
            }),
            { numRuns: 40 },
        );
        const topic = kafkaTopic(specOf()) as any;
        assert.equal(topic.metadata.labels["strimzi.io/cluster"], "tempo-kafka");
        assert.deepEqual(topic.spec.config, {
            "cleanup.policy": "delete",
            "retention.ms": 24 * 3600 * 1000,
            "min.insync.replicas": 2,
            "max.message.bytes": 16_000_000,
        });
        assert.equal(topic.spec.replicas, 3);
        assert.equal((kafkaTopic(specOf({ kafka: { strimzi: { topicRetention: "6h" } } } as never)) as any).spec.config["retention.ms"], 6 * 3600 * 1000);
    });

    it("names topic objects validly", () => {
        assert.equal(topicObjectName("tempo-traces"), "tempo-traces");
        assert.equal(topicObjectName("Tempo_Traces.v1"), "tempo-traces.v1");
        fc.assert(
            fc.property(fc.stringMatching(/^[a-zA-Z0-9._-]{1,60}[a-zA-Z0-9]$/), (topic) => {
                const name = topicObjectName(topic);
                if (name !== "") {
                    assert.match(name, /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/);
                }
            }),
        );
    });

    it("puts every object in Tempo's namespace with an explicit name", () => {
        const manifests = kafkaManifests(specOf({ namespace: "tracing" }));
        for (const manifest of [manifests.kafka, ...manifests.nodePools, manifests.topic, manifests.networkPolicy]) {
            assert.equal(manifest.metadata.namespace, "tracing");
            assert.ok(manifest.metadata.name.length > 0);
        }
    });
});
