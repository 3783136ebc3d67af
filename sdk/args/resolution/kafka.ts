/**
 * Resolution of Kafka for the Tempo 3 write path: the topic and its partitions, SASL, and the in-cluster Strimzi
 * Kafka's size and replication.
 */
import type { SpecContext } from "../context";
import { DEFAULT_KAFKA_TOPIC } from "../defaults";
import { parseDurationMinutes } from "../duration";
import type { ResolvedKafka, ResolvedStrimzi } from "../resolved";
import { DEFAULT_TOPIC_RETENTION_HOURS, sizeKafka } from "../sizing";
import { STRIMZI_TARGET } from "../targets";
import { KafkaMode, Profile, type TempoClusterArgs } from "../types";

/** Kafka of the distributed architecture: the given or in-cluster brokers, the topic and its partitions. */
export function resolveKafka(args: TempoClusterArgs, ctx: SpecContext, profile: Profile, ingestMBps: number, partitions: number): ResolvedKafka {
    const kafkaMode = args.kafka?.mode ?? KafkaMode.Strimzi;
    return {
        mode: kafkaMode,
        brokers: args.kafka?.brokers ?? [],
        topic: args.kafka?.topic ?? DEFAULT_KAFKA_TOPIC,
        partitions,
        sasl:
            args.kafka?.saslUsername !== undefined && args.kafka.saslPassword !== undefined
                ? { username: args.kafka.saslUsername, password: args.kafka.saslPassword }
                : undefined,
        strimzi: kafkaMode === KafkaMode.Strimzi ? resolveStrimzi(args, ctx, profile, ingestMBps) : undefined,
    };
}

function resolveStrimzi(args: TempoClusterArgs, ctx: SpecContext, profile: Profile, ingestMBps: number): ResolvedStrimzi {
    const given = args.kafka?.strimzi ?? {};
    const topicRetentionMinutes =
        given.topicRetention !== undefined
            ? (parseDurationMinutes(given.topicRetention) as number)
            : DEFAULT_TOPIC_RETENTION_HOURS[profile] * 60;
    const kafka = sizeKafka(ingestMBps, profile, topicRetentionMinutes / 60, given.brokers);
    const brokers = kafka.brokers;
    const persistent = profile === Profile.Production || given.storageSize !== undefined;
    return {
        installOperator: given.installOperator ?? true,
        target: STRIMZI_TARGET,
        clusterName: `${ctx.name}-kafka`,
        brokers,
        controllers: profile === Profile.Production ? 3 : 0,
        replicationFactor: kafka.replicationFactor,
        minInSyncReplicas: kafka.minInSyncReplicas,
        topicRetentionMinutes,
        storageSize: persistent ? (given.storageSize ?? `${kafka.diskPerBrokerGi}Gi`) : undefined,
        storageClass: given.storageClass,
    };
}
