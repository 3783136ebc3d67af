/**
 * The in-cluster Kafka for Tempo 3, as plain Strimzi `kafka.strimzi.io/v1` objects (KRaft, node pools). Pure: the
 * shell in `kafka/strimzi.ts` turns them into resources.
 *
 * Strimzi API: https://strimzi.io/docs/operators/latest/configuring
 * Tempo's Kafka guidance: https://grafana.com/docs/tempo/latest/set-up-for-tracing/setup-tempo/configure-kafka/
 */
import { awaitAnnotations, componentLabels, WAIT_FOR_READY, ZONE_LABEL, zoneNodeAffinity } from "./labels";
import { requireKafka, type ResolvedSpec, type ResolvedStrimzi } from "../args/resolved";

/** API version of every Strimzi object. */
export const STRIMZI_API_VERSION = "kafka.strimzi.io/v1";
/** The plaintext client listener: Tempo 3.0.3 has no Kafka TLS. */
export const KAFKA_CLIENT_PORT = 9092;
/** Tempo produces record batches of up to 16,000,000 bytes. */
export const KAFKA_MAX_MESSAGE_BYTES = 16_000_000;
/** KRaft controller volumes hold only cluster metadata. */
export const CONTROLLER_STORAGE_SIZE = "10Gi";

/** A Kubernetes object as plain data. */
export interface Manifest {
    readonly apiVersion: string;
    readonly kind: string;
    readonly metadata: { readonly name: string; readonly namespace: string; readonly [key: string]: unknown };
    readonly spec: Record<string, unknown>;
}

/** All Strimzi objects for this TempoCluster, in creation order. */
export interface KafkaManifests {
    readonly kafka: Manifest;
    readonly nodePools: readonly Manifest[];
    readonly topic: Manifest;
    /** Lets only Tempo's pods reach the client listener (and Strimzi's own pods the internal ports). */
    readonly networkPolicy: Manifest;
}

/** Strimzi settings (resolved) of a spec that uses in-cluster Kafka. */
export function strimziOf(spec: ResolvedSpec): ResolvedStrimzi {
    const strimzi = requireKafka(spec).strimzi;
    if (strimzi === undefined) {
        throw new Error("the spec does not use in-cluster Kafka");
    }
    return strimzi;
}

/** `host:port` of the plaintext bootstrap Service. */
export function kafkaBootstrapAddress(spec: ResolvedSpec): string {
    const strimzi = strimziOf(spec);
    return `${strimzi.clusterName}-kafka-bootstrap.${spec.namespace}.svc.${spec.clusterDomain}:${KAFKA_CLIENT_PORT}`;
}

/** Labels that select Tempo's own pods (every chart pod carries them). */
export function tempoPodSelector(spec: ResolvedSpec): Record<string, string> {
    return { "app.kubernetes.io/name": "tempo", "app.kubernetes.io/instance": spec.releaseName };
}

/** Every object of the in-cluster Kafka. */
export function kafkaManifests(spec: ResolvedSpec): KafkaManifests {
    return {
        kafka: kafkaCluster(spec),
        nodePools: nodePools(spec),
        topic: kafkaTopic(spec),
        networkPolicy: kafkaNetworkPolicy(spec),
    };
}

/** The Kafka resource: KRaft, one plaintext internal listener for Tempo, rack-aware when zones are given. */
export function kafkaCluster(spec: ResolvedSpec): Manifest {
    const strimzi = strimziOf(spec);
    const replication = strimzi.replicationFactor;
    const kafka: Record<string, unknown> = {
        version: strimzi.target.kafkaVersion,
        metadataVersion: strimzi.target.metadataVersion,
        listeners: [
            {
                name: "plain",
                port: KAFKA_CLIENT_PORT,
                type: "internal",
                tls: false,
                networkPolicyPeers: [{ podSelector: { matchLabels: tempoPodSelector(spec) } }],
            },
        ],
        config: {
            "auto.create.topics.enable": false,
            "default.replication.factor": replication,
            "min.insync.replicas": strimzi.minInSyncReplicas,
            "offsets.topic.replication.factor": replication,
            "transaction.state.log.replication.factor": replication,
            "transaction.state.log.min.isr": strimzi.minInSyncReplicas,
            "message.max.bytes": KAFKA_MAX_MESSAGE_BYTES,
        },
        ...(spec.zones.length > 0 ? { rack: { type: "topology-label", topologyKey: ZONE_LABEL } } : {}),
        ...(strimzi.brokers > 1 ? { template: { podDisruptionBudget: { maxUnavailable: 1 } } } : {}),
    };
    return {
        apiVersion: STRIMZI_API_VERSION,
        kind: "Kafka",
        metadata: {
            name: strimzi.clusterName,
            namespace: spec.namespace,
            labels: componentLabels(spec, "kafka"),
            annotations: awaitAnnotations(spec, WAIT_FOR_READY),
        },
        spec: { kafka, entityOperator: { topicOperator: {} } },
    };
}

/** Node pools: dedicated controllers and brokers in production; one combined node in dev. */
export function nodePools(spec: ResolvedSpec): Manifest[] {
    const strimzi = strimziOf(spec);
    if (strimzi.controllers === 0) {
        return [nodePool(spec, "dual", ["controller", "broker"], strimzi.brokers, strimzi.storageSize, { cpu: "250m", memory: "1Gi" })];
    }
    return [
        nodePool(spec, "controller", ["controller"], strimzi.controllers, CONTROLLER_STORAGE_SIZE, { cpu: "250m", memory: "1Gi" }),
        nodePool(spec, "broker", ["broker"], strimzi.brokers, strimzi.storageSize, { cpu: "1", memory: "4Gi" }),
    ];
}

function nodePool(
    spec: ResolvedSpec,
    name: string,
    roles: string[],
    replicas: number,
    storageSize: string | undefined,
    requests: { cpu: string; memory: string },
): Manifest {
    const strimzi = strimziOf(spec);
    const volume =
        storageSize === undefined
            ? { id: 0, type: "ephemeral", kraftMetadata: "shared" }
            : {
                  id: 0,
                  type: "persistent-claim",
                  size: storageSize,
                  ...(strimzi.storageClass !== undefined ? { class: strimzi.storageClass } : {}),
                  deleteClaim: false,
                  kraftMetadata: "shared",
              };
    const roleLabel = roles.includes("broker") ? "strimzi.io/broker-role" : "strimzi.io/controller-role";
    return {
        apiVersion: STRIMZI_API_VERSION,
        kind: "KafkaNodePool",
        metadata: {
            name,
            namespace: spec.namespace,
            labels: { ...componentLabels(spec, "kafka"), "strimzi.io/cluster": strimzi.clusterName },
        },
        spec: {
            replicas,
            roles,
            storage: { type: "jbod", volumes: [volume] },
            resources: { requests, limits: { memory: requests.memory } },
            ...(spec.zones.length > 0
                ? { template: { pod: zonePlacement(spec, { "strimzi.io/cluster": strimzi.clusterName, [roleLabel]: "true" }) } }
                : {}),
        },
    };
}

/** Pin to the zones and spread evenly across them; Kafka replicas in one zone would defeat replication. */
function zonePlacement(spec: ResolvedSpec, matchLabels: Record<string, string>): Record<string, unknown> {
    return {
        affinity: {
            nodeAffinity: zoneNodeAffinity(spec.zones),
        },
        topologySpreadConstraints: [
            { maxSkew: 1, topologyKey: ZONE_LABEL, whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels } },
        ],
    };
}

/** The topic: partitions = live-store = block-builder replicas; retention long enough for block-builders to catch up. */
export function kafkaTopic(spec: ResolvedSpec): Manifest {
    const strimzi = strimziOf(spec);
    return {
        apiVersion: STRIMZI_API_VERSION,
        kind: "KafkaTopic",
        metadata: {
            name: topicObjectName(requireKafka(spec).topic),
            namespace: spec.namespace,
            labels: { ...componentLabels(spec, "kafka"), "strimzi.io/cluster": strimzi.clusterName },
            annotations: awaitAnnotations(spec, WAIT_FOR_READY),
        },
        spec: {
            topicName: requireKafka(spec).topic,
            partitions: requireKafka(spec).partitions,
            replicas: strimzi.replicationFactor,
            config: {
                "cleanup.policy": "delete",
                "retention.ms": strimzi.topicRetentionMinutes * 60_000,
                "min.insync.replicas": strimzi.minInSyncReplicas,
                "max.message.bytes": KAFKA_MAX_MESSAGE_BYTES,
            },
        },
    };
}

/** Kubernetes object name for a topic (topic names may hold `_` and upper case; object names may not). */
export function topicObjectName(topic: string): string {
    return topic.toLowerCase().replace(/[^a-z0-9.-]/g, "-").replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "");
}

/**
 * Ingress to the Kafka pods: the client listener from Tempo's pods only; controller, replication and agent ports from
 * the cluster's own pods and the Strimzi operator. Strimzi generates an equivalent policy from the listener's
 * `networkPolicyPeers`; this one keeps the guarantee when the operator's generation is turned off.
 */
export function kafkaNetworkPolicy(spec: ResolvedSpec): Manifest {
    const strimzi = strimziOf(spec);
    const clusterPods = { podSelector: { matchLabels: { "strimzi.io/cluster": strimzi.clusterName } } };
    const operator = { namespaceSelector: {}, podSelector: { matchLabels: { "strimzi.io/kind": "cluster-operator" } } };
    return {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: { name: `${strimzi.clusterName}-tempo-only`, namespace: spec.namespace, labels: componentLabels(spec, "kafka") },
        spec: {
            podSelector: { matchLabels: { "strimzi.io/cluster": strimzi.clusterName, "strimzi.io/kind": "Kafka" } },
            policyTypes: ["Ingress"],
            ingress: [
                { from: [{ podSelector: { matchLabels: tempoPodSelector(spec) } }], ports: [{ protocol: "TCP", port: KAFKA_CLIENT_PORT }] },
                { from: [clusterPods, operator], ports: [9090, 9091].map((port) => ({ protocol: "TCP", port })) },
                { from: [operator], ports: [{ protocol: "TCP", port: 8443 }] },
            ],
        },
    };
}

/** Values of the Strimzi operator chart: watch only its own namespace (Tempo's), keep its NetworkPolicy generation. */
export function strimziOperatorValues(): Record<string, unknown> {
    return { watchAnyNamespace: false, createGlobalResources: true, generateNetworkPolicy: true };
}
