/**
 * Kafka for the Tempo 3 write path: in the cluster through Strimzi, or a broker you already run.
 */
import type * as pulumi from "@pulumi/pulumi";

/** Where Tempo 3's Kafka comes from. */
export const KafkaMode = {
    /** Kafka in the cluster, managed through the Strimzi operator. */
    Strimzi: "strimzi",
    /** A broker you already run (plaintext or SASL/PLAIN; Tempo 3.0.3 cannot speak TLS to Kafka). */
    External: "external",
} as const;
/** A value of {@link KafkaMode}: one of its constants, or the string itself (e.g. from stack config). */
export type KafkaMode = (typeof KafkaMode)[keyof typeof KafkaMode];

/** Kafka for the Tempo 3 write path. */
export interface KafkaArgs {
    /** Defaults to `strimzi` (in-cluster); `external` needs `brokers`. */
    mode?: KafkaMode;
    /**
     * External broker addresses, `host:port` each (plaintext listener; Tempo 3.0.3 has no Kafka TLS). The list is
     * plain; each address may be an output (e.g. a managed cluster's bootstrap address), checked when it resolves.
     */
    brokers?: pulumi.Input<string>[];
    /**
     * Topic Tempo writes to. Defaults to `tempo-traces`.
     * @see https://grafana.com/docs/tempo/latest/configuration/#ingest
     */
    topic?: string;
    /**
     * Partitions of the topic; block-builder and live-store replicas always equal it. Defaults to
     * ceil(`ingestMBps` ÷ 10), at least 3 in production and 1 in dev.
     * @see https://grafana.com/docs/tempo/latest/set-up-for-tracing/setup-tempo/plan/size/
     */
    partitions?: number;
    /** SASL/PLAIN user name (set together with `saslPassword`). May be an output. */
    saslUsername?: pulumi.Input<string>;
    /** SASL/PLAIN password; kept secret and delivered to pods through a Kubernetes Secret. */
    saslPassword?: pulumi.Input<string>;
    /** In-cluster Kafka settings (`mode: strimzi`). */
    strimzi?: StrimziArgs;
}

/**
 * In-cluster Kafka through the Strimzi operator (KRaft, `kafka.strimzi.io/v1`).
 * @see https://strimzi.io/docs/operators/latest/deploying
 */
export interface StrimziArgs {
    /** Install the Strimzi operator (Helm release in Tempo's namespace). Defaults to `true`; set `false` when the cluster already runs one that watches Tempo's namespace. */
    installOperator?: boolean;
    /** Kafka brokers. Defaults to 3 (production: replication factor 3, `min.insync.replicas` 2) or 1 (dev). */
    brokers?: number;
    /** Disk per broker, e.g. `500Gi`. Defaults to the retained bytes at the expected ingest rate (see docs/sizing.md); dev uses ephemeral storage unless set. */
    storageSize?: string;
    /** StorageClass of the broker and controller volumes. Defaults to the cluster's default class. */
    storageClass?: string;
    /** How long the topic keeps records, at least 40m (twice Tempo's block completion timeout). Defaults to `24h` (production) or `2h` (dev). */
    topicRetention?: string;
}
