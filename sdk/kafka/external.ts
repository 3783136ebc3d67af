/**
 * External Kafka: a broker the user runs. Only SASL credentials need a resource (a Secret).
 * Tempo 3.0.3 speaks plaintext Kafka, optionally with SASL/PLAIN; TLS listeners cannot be used.
 */
import type * as pulumi from "@pulumi/pulumi";
import { KAFKA_SASL_ENV, type KafkaBinding } from "../bindings";
import { createSecret } from "../k8s/core";
import { requireKafka, type ResolvedSpec } from "../args/resolved";

/** Binds Tempo to the external broker; creates the SASL Secret when credentials are given. */
export function bindExternalKafka(
    spec: ResolvedSpec,
    parent: pulumi.Resource,
    dependsOn: pulumi.Resource[],
): KafkaBinding & { dependencies: pulumi.Resource[] } {
    const kafka = requireKafka(spec);
    const binding = {
        address: kafka.brokers[0],
        topic: kafka.topic,
        partitions: kafka.partitions,
        autoCreateTopic: true,
    };
    if (kafka.sasl === undefined) {
        return { ...binding, dependencies: [] };
    }
    const secretName = `${spec.releaseName}-kafka-sasl`;
    const secret = createSecret(
        spec,
        "kafka-sasl",
        secretName,
        { [KAFKA_SASL_ENV.username]: kafka.sasl.username, [KAFKA_SASL_ENV.password]: kafka.sasl.password },
        parent,
        dependsOn,
    );
    return { ...binding, saslSecretName: secretName, dependencies: [secret] };
}
