/**
 * Validation of Kafka for the Tempo 3 write path: external brokers or the in-cluster Strimzi Kafka, topic,
 * partitions and SASL.
 */
import { Architecture, KafkaMode, Profile, type TempoClusterArgs } from "../types";
import { MIN_TOPIC_RETENTION_MINUTES } from "../defaults";
import { parseDurationMinutes } from "../duration";
import { isDnsSubdomain } from "../names";
import { joinPath } from "../problems";
import { MBPS_PER_PARTITION } from "../sizing";
import { asObject, BYTES_QUANTITY, isMember, type Report } from "./guards";

const KAFKA_TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;

/** Kafka of the distributed architecture (none elsewhere): mode, topic, partitions against the ingest rate, SASL. */
export function checkKafka(a: Partial<TempoClusterArgs>, report: Report, warn: Report): void {
    const architecture = a.architecture ?? Architecture.Distributed;
    if (!isMember(Architecture, architecture)) {
        return;
    }
    const kafka = asObject(a.kafka);
    if (architecture !== Architecture.Distributed) {
        if (kafka) {
            report("kafka", `is only used by architecture "distributed" (Tempo 3); ${architecture} has no Kafka`);
        }
        return;
    }
    const mode = kafka?.mode ?? KafkaMode.Strimzi;
    if (mode === KafkaMode.External) {
        checkExternalKafka(kafka, report, warn);
    } else if (mode === KafkaMode.Strimzi) {
        checkStrimzi(a, kafka, report);
    }
    if (kafka && typeof kafka.topic === "string" && !KAFKA_TOPIC.test(kafka.topic)) {
        report("kafka.topic", "must be 1 to 249 characters of letters, digits, '.', '_' and '-'");
    }
    if (kafka && typeof kafka.partitions === "number") {
        if (kafka.partitions < 1) {
            report("kafka.partitions", `must be at least 1 (got ${kafka.partitions}); each partition gets one live-store and one block-builder`);
        } else if (typeof a.ingestMBps === "number" && a.ingestMBps > 0 && kafka.partitions * MBPS_PER_PARTITION < a.ingestMBps) {
            warn(
                "kafka.partitions",
                `${kafka.partitions} partitions carry about ${kafka.partitions * MBPS_PER_PARTITION} MB/s, less than ingestMBps ` +
                    `${a.ingestMBps}; Tempo sizes one partition per 10 MB/s`,
            );
        }
    }
    if (kafka && (kafka.saslUsername === undefined) !== (kafka.saslPassword === undefined)) {
        report(
            kafka.saslUsername === undefined ? "kafka.saslUsername" : "kafka.saslPassword",
            "set saslUsername and saslPassword together (SASL/PLAIN) or neither (plaintext)",
        );
    }
}

function checkExternalKafka(kafka: Record<string, any> | undefined, report: Report, warn: Report): void {
    const brokers = kafka?.brokers;
    if (!Array.isArray(brokers) || brokers.length === 0) {
        report("kafka.brokers", 'is required with kafka.mode external: list at least one "host:port"');
    } else {
        brokers.forEach((broker, index) => {
            const problem = typeof broker === "string" ? brokerAddressProblem(broker) : undefined;
            if (problem) {
                report(joinPath("kafka.brokers", index), problem);
            }
        });
        if (brokers.length > 1) {
            warn(
                "kafka.brokers",
                "Tempo 3.0.3 takes a single seed address and discovers the other brokers from it; only the first " +
                    "entry is used, so prefer a bootstrap DNS name that resolves to several brokers",
            );
        }
    }
    if (kafka?.strimzi !== undefined) {
        report("kafka.strimzi", "is only used with kafka.mode strimzi");
    }
}

function checkStrimzi(a: Partial<TempoClusterArgs>, kafka: Record<string, any> | undefined, report: Report): void {
    if (kafka?.brokers !== undefined) {
        report("kafka.brokers", "is only used with kafka.mode external; the in-cluster Kafka's address is derived");
    }
    if (kafka?.saslUsername !== undefined || kafka?.saslPassword !== undefined) {
        report(
            kafka?.saslUsername !== undefined ? "kafka.saslUsername" : "kafka.saslPassword",
            "Strimzi offers no SASL/PLAIN listener (the only mechanism Tempo 3.0.3 speaks); the in-cluster listener is " +
                "plaintext and reachable only from Tempo's pods through a NetworkPolicy",
        );
    }
    const strimzi = asObject(kafka?.strimzi);
    if (!strimzi) {
        return;
    }
    const profile = a.profile ?? Profile.Production;
    if (typeof strimzi.brokers === "number") {
        if (strimzi.brokers < 1) {
            report("kafka.strimzi.brokers", `must be at least 1 (got ${strimzi.brokers})`);
        } else if (profile === Profile.Production && strimzi.brokers < 3) {
            report(
                "kafka.strimzi.brokers",
                `production needs at least 3 brokers (replication factor 3, min.insync.replicas 2); got ${strimzi.brokers}. ` +
                    "Use profile dev for a single broker",
            );
        }
    }
    if (typeof strimzi.storageSize === "string" && !BYTES_QUANTITY.test(strimzi.storageSize)) {
        report("kafka.strimzi.storageSize", `"${strimzi.storageSize}" is not a storage quantity such as "100Gi"`);
    }
    if (typeof strimzi.storageClass === "string" && !isDnsSubdomain(strimzi.storageClass)) {
        report("kafka.strimzi.storageClass", `"${strimzi.storageClass}" is not a StorageClass name`);
    }
    if (typeof strimzi.topicRetention === "string") {
        const minutes = parseDurationMinutes(strimzi.topicRetention);
        if (minutes === undefined) {
            report("kafka.strimzi.topicRetention", `"${strimzi.topicRetention}" is not a duration such as "24h"`);
        } else if (minutes < MIN_TOPIC_RETENTION_MINUTES) {
            report(
                "kafka.strimzi.topicRetention",
                `must be at least 40m: a restarting live-store replays up to twice its 20m block completion timeout`,
            );
        }
    }
}

/** Why `host:port` is not a plaintext broker (or store) address, or `undefined` when it is one. */
export function brokerAddressProblem(broker: string): string | undefined {
    if (/^[a-z][a-z0-9+_-]*:\/\//i.test(broker)) {
        return `"${broker}": give host:port without a scheme (Tempo 3.0.3 speaks plaintext Kafka only, no TLS)`;
    }
    const match = /^(\[[0-9a-f:]+\]|[A-Za-z0-9.-]+):(\d+)$/i.exec(broker);
    if (!match) {
        return `"${broker}" must be host:port, e.g. kafka.example.internal:9092`;
    }
    const port = Number(match[2]);
    if (port < 1 || port > 65535) {
        return `"${broker}": port ${port} is outside 1-65535`;
    }
    return undefined;
}
