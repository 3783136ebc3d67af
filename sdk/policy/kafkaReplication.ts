/**
 * Kafka replication (`kafka-replication-production`): in production stacks, the Strimzi Kafka that holds Tempo 3's
 * not-yet-flushed spans replicates them, and so do its topics.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { typeIs, Types } from "./resources";
import {
    asStackResources,
    asStrings,
    configOf,
    DEFAULT_STACK_SELECTION,
    isProductionStack,
    metadataOf,
    numberOf,
    record,
    report,
    STACK_SELECTION_SCHEMA,
    stackOf,
    tryRead,
    type Props,
    type StackResource,
    type StackSelection,
    type StackViolation,
} from "./shared";

export interface KafkaThresholds {
    minReplicationFactor: number;
    minInsyncReplicas: number;
    minControllers: number;
}

export const DEFAULT_KAFKA_THRESHOLDS: KafkaThresholds = { minReplicationFactor: 3, minInsyncReplicas: 2, minControllers: 3 };

/** Node counts of a Strimzi cluster by role (from KafkaNodePools, or the legacy `spec.kafka.replicas`). */
export interface KafkaNodes {
    brokers?: number;
    controllers?: number;
}

/** Problems of a Strimzi `Kafka`'s replication settings. */
export function checkKafkaCluster(props: Props, nodes: KafkaNodes, t: KafkaThresholds): string[] {
    const spec = record(props.spec);
    const config = record(record(spec.kafka).config);
    const problems: string[] = [];
    const rf = numberOf(config["default.replication.factor"]);
    const isr = numberOf(config["min.insync.replicas"]);
    if (rf === undefined || rf < t.minReplicationFactor) {
        problems.push(
            `spec.kafka.config["default.replication.factor"] is ${rf ?? "unset (Kafka's default 1)"}; set it to at least ${t.minReplicationFactor}`,
        );
    }
    if (isr === undefined || isr < t.minInsyncReplicas) {
        problems.push(
            `spec.kafka.config["min.insync.replicas"] is ${isr ?? "unset (Kafka's default 1)"}; set it to at least ${t.minInsyncReplicas}`,
        );
    }
    if (rf !== undefined && isr !== undefined && isr >= rf) {
        problems.push(`min.insync.replicas (${isr}) must be below default.replication.factor (${rf}), or losing one broker stops writes`);
    }
    for (const [key, min] of [
        ["offsets.topic.replication.factor", t.minReplicationFactor],
        ["transaction.state.log.replication.factor", t.minReplicationFactor],
        ["transaction.state.log.min.isr", t.minInsyncReplicas],
    ] as const) {
        const value = numberOf(config[key]);
        if (value !== undefined && value < min) {
            problems.push(`spec.kafka.config["${key}"] is ${value}; set it to at least ${min}`);
        }
    }
    const brokers = nodes.brokers ?? numberOf(record(spec.kafka).replicas);
    if (brokers !== undefined && brokers < Math.max(rf ?? 0, t.minReplicationFactor)) {
        problems.push(`it has ${brokers} broker(s); run at least ${Math.max(rf ?? 0, t.minReplicationFactor)} (KafkaNodePool replicas with role broker)`);
    }
    if (nodes.controllers !== undefined && nodes.controllers < t.minControllers) {
        problems.push(`it has ${nodes.controllers} KRaft controller(s); run at least ${t.minControllers} for a quorum that survives a node loss`);
    }
    return problems;
}

/** Problems of a Strimzi `KafkaTopic`; unset values inherit the cluster's defaults (`inherited`) when known. */
export function checkKafkaTopic(
    props: Props,
    inherited: { replicationFactor?: number; minInsyncReplicas?: number },
    t: KafkaThresholds,
): string[] {
    const spec = record(props.spec);
    const problems: string[] = [];
    const replicas = numberOf(spec.replicas) ?? inherited.replicationFactor;
    const isr = numberOf(record(spec.config)["min.insync.replicas"]) ?? inherited.minInsyncReplicas;
    if (replicas === undefined || replicas < t.minReplicationFactor) {
        problems.push(`spec.replicas is ${replicas ?? "unset"}; set it to at least ${t.minReplicationFactor}`);
    }
    if (isr === undefined || isr < t.minInsyncReplicas) {
        problems.push(`spec.config["min.insync.replicas"] is ${isr ?? "unset"}; set it to at least ${t.minInsyncReplicas}`);
    }
    if (replicas !== undefined && isr !== undefined && isr >= replicas) {
        problems.push(`min.insync.replicas (${isr}) must be below replicas (${replicas}), or losing one broker stops writes`);
    }
    return problems;
}

/** Rule 10 over a whole stack (the caller decides whether the stack is production). */
export function checkKafkaReplication(resources: ReadonlyArray<StackResource>, t: KafkaThresholds): StackViolation[] {
    const violations: StackViolation[] = [];
    const clusterKey = (namespace: string | undefined, name: string | undefined) => `${namespace ?? ""}/${name ?? ""}`;
    const nodes = new Map<string, KafkaNodes>();
    for (const pool of resources.filter((r) => typeIs(r.type, ...Types.strimziNodePool))) {
        tryRead(() => {
            const meta = metadataOf(pool.props);
            const key = clusterKey(meta.namespace, String(meta.labels["strimzi.io/cluster"] ?? ""));
            const spec = record(pool.props.spec);
            const replicas = numberOf(spec.replicas) ?? 0;
            const roles = asStrings(spec.roles);
            const entry = nodes.get(key) ?? {};
            if (roles.includes("broker")) {
                entry.brokers = (entry.brokers ?? 0) + replicas;
            }
            if (roles.includes("controller")) {
                entry.controllers = (entry.controllers ?? 0) + replicas;
            }
            nodes.set(key, entry);
        });
    }
    const clusterDefaults = new Map<string, { replicationFactor?: number; minInsyncReplicas?: number }>();
    for (const kafka of resources.filter((r) => typeIs(r.type, ...Types.strimziKafka))) {
        tryRead(() => {
            const meta = metadataOf(kafka.props);
            const key = clusterKey(meta.namespace, meta.name);
            const config = record(record(record(kafka.props.spec).kafka).config);
            clusterDefaults.set(key, {
                replicationFactor: numberOf(config["default.replication.factor"]),
                minInsyncReplicas: numberOf(config["min.insync.replicas"]),
            });
            for (const problem of checkKafkaCluster(kafka.props, nodes.get(key) ?? {}, t)) {
                violations.push({ urn: kafka.urn, message: `Kafka "${meta.name ?? kafka.name}": ${problem}.` });
            }
        });
    }
    for (const topic of resources.filter((r) => typeIs(r.type, ...Types.strimziTopic))) {
        tryRead(() => {
            const meta = metadataOf(topic.props);
            const key = clusterKey(meta.namespace, String(meta.labels["strimzi.io/cluster"] ?? ""));
            for (const problem of checkKafkaTopic(topic.props, clusterDefaults.get(key) ?? {}, t)) {
                violations.push({ urn: topic.urn, message: `KafkaTopic "${meta.name ?? topic.name}": ${problem}.` });
            }
        });
    }
    return violations;
}

export const kafkaReplicationProduction: StackValidationPolicy = {
    name: "kafka-replication-production",
    description:
        "In production stacks, Strimzi Kafka replicates: default.replication.factor >= 3, min.insync.replicas >= 2 " +
        "(and below the replication factor), enough brokers and a KRaft quorum of 3; KafkaTopics have replicas >= 3 " +
        "and min.insync.replicas >= 2. Kafka is Tempo 3's only copy of data not yet in the bucket.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: {
        properties: {
            ...STACK_SELECTION_SCHEMA,
            minReplicationFactor: { type: "integer", minimum: 1, default: DEFAULT_KAFKA_THRESHOLDS.minReplicationFactor },
            minInsyncReplicas: { type: "integer", minimum: 1, default: DEFAULT_KAFKA_THRESHOLDS.minInsyncReplicas },
            minControllers: { type: "integer", minimum: 1, default: DEFAULT_KAFKA_THRESHOLDS.minControllers },
        },
    },
    validateStack: (args, reportViolation) => {
        const config = configOf<StackSelection & KafkaThresholds>(args, {
            ...DEFAULT_STACK_SELECTION,
            ...DEFAULT_KAFKA_THRESHOLDS,
        });
        const stack = stackOf(args);
        if (stack !== undefined && !isProductionStack(stack, config)) {
            args.notApplicable(`stack "${stack}" is not a production stack`);
        }
        report(reportViolation, checkKafkaReplication(asStackResources(args.resources), config));
    },
};
