/**
 * Bindings: what the shell hands the pure core after creating cloud and Kafka resources. Leaves may be Pulumi
 * inputs (values only the cloud knows), but their shape is plain data so the core stays testable without a runtime.
 */
import type * as pulumi from "@pulumi/pulumi";

/** A Helm values tree whose leaves may still be Pulumi inputs. */
export type ValuesTree = { [key: string]: pulumi.Input<unknown> };

/** What a secret variable is for; decides which components receive it. */
export enum SecretPurpose {
    /** Static object-store credentials (read by the S3 client's credential chain). */
    ObjectStore = "object-store",
    /** Kafka SASL username and password (`ingest.kafka.sasl_*`). */
    Kafka = "kafka",
    /** The metrics generator's remote-write password (`metrics_generator.storage.remote_write`). */
    RemoteWrite = "remote-write",
}

/** One environment variable a Tempo container reads from one key of a Kubernetes Secret. */
export interface SecretEnvVar {
    /** Environment variable name, as the config or the client library reads it. */
    readonly name: string;
    readonly secretName: string;
    readonly key: string;
    readonly purpose: SecretPurpose;
}

/** The bucket and identity, as Tempo's pods need them. */
export interface StorageBinding {
    /** Contents of the chart's `storage.trace` block: `backend` plus that backend's Tempo keys. */
    readonly backendValues: ValuesTree;
    /** Annotations the ServiceAccount needs for the workload identity (e.g. `eks.amazonaws.com/role-arn`). */
    readonly serviceAccountAnnotations: Readonly<Record<string, pulumi.Input<string>>>;
    /** Labels every Tempo pod needs for the workload identity (e.g. `azure.workload.identity/use`). */
    readonly podLabels: Readonly<Record<string, string>>;
    /** Static store credentials as environment variables, for the Tempo components that read the store. */
    readonly secretEnv: readonly SecretEnvVar[];
    /** Bucket name, for outputs. */
    readonly bucketName: pulumi.Input<string>;
    /** The identity Tempo runs as: role ARN, service account e-mail or client id. */
    readonly identity: pulumi.Input<string>;
}

/** Kafka, as Tempo 3 needs it. */
export interface KafkaBinding {
    /** Seed broker address (`host:port`). */
    readonly address: pulumi.Input<string>;
    readonly topic: string;
    readonly partitions: number;
    /** Let Tempo create the topic (external Kafka) rather than a managed topic object. */
    readonly autoCreateTopic: boolean;
    /** Kubernetes Secret holding the SASL credentials as environment variables, when SASL is used. */
    readonly saslSecretName?: string;
}

/** Environment variable names the SASL Secret provides; Tempo expands them in its config. */
export const KAFKA_SASL_ENV = { username: "TEMPO_KAFKA_SASL_USERNAME", password: "TEMPO_KAFKA_SASL_PASSWORD" } as const;
