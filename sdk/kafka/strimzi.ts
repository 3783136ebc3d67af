/**
 * In-cluster Kafka through Strimzi: the operator (a Helm release, unless it already runs) and the Kafka, node pool,
 * topic and NetworkPolicy objects from `manifests/strimzi.ts`. Tempo's install waits for Kafka and the topic to be
 * Ready.
 */
import * as pulumi from "@pulumi/pulumi";
import { CustomResource } from "@pulumi/kubernetes/apiextensions";
import { NetworkPolicy } from "@pulumi/kubernetes/networking/v1";
import type { KafkaBinding } from "../bindings";
import { installChart } from "../k8s/helm";
import { chartInstallOptions, requireKafka, type ResolvedSpec } from "../args/resolved";
import { kafkaBootstrapAddress, kafkaManifests, strimziOf, strimziOperatorValues } from "../manifests/strimzi";

/** Creates the in-cluster Kafka and binds Tempo to it. */
export function createStrimziKafka(
    spec: ResolvedSpec,
    parent: pulumi.Resource,
    dependsOn: pulumi.Resource[],
): KafkaBinding & { dependencies: pulumi.Resource[] } {
    const strimzi = strimziOf(spec);
    const operator = strimzi.installOperator
        ? [
              installChart(
                  {
                      resourceName: `${spec.name}-strimzi-operator`,
                      releaseName: `${spec.releaseName}-strimzi`,
                      namespace: spec.namespace,
                      chart: { ...strimzi.target, ...chartInstallOptions(spec.chart) },
                      values: strimziOperatorValues(),
                  },
                  parent,
                  dependsOn,
              ),
          ]
        : [];
    const manifests = kafkaManifests(spec);
    const afterOperator = { parent, dependsOn: [...dependsOn, ...operator] };
    const kafka = new CustomResource(`${spec.name}-kafka`, { ...manifests.kafka }, afterOperator);
    const pools = manifests.nodePools.map(
        (pool) => new CustomResource(`${spec.name}-kafka-${pool.metadata.name}`, { ...pool }, afterOperator),
    );
    const topic = new CustomResource(`${spec.name}-kafka-topic`, { ...manifests.topic }, { parent, dependsOn: [kafka, ...pools] });
    const policy = new NetworkPolicy(`${spec.name}-kafka-network-policy`, manifests.networkPolicy as never, { parent, dependsOn });
    return {
        address: kafkaBootstrapAddress(spec),
        topic: requireKafka(spec).topic,
        partitions: requireKafka(spec).partitions,
        autoCreateTopic: false,
        dependencies: [...operator, kafka, ...pools, topic, policy],
    };
}
