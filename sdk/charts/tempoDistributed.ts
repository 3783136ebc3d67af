/**
 * Helm values for `tempo-distributed` 3.3.0 (Tempo 3.0.3): Kafka write path, block-builder, live-store,
 * backend-scheduler and backend-worker. Every value here is derived from the ResolvedSpec and the bindings; the
 * function that sets a key is the one place to look for why it has its value.
 *
 * Chart keys: https://github.com/grafana-community/helm-charts/blob/main/charts/tempo-distributed/values.yaml
 */
import { KAFKA_SASL_ENV, type KafkaBinding, type StorageBinding, type ValuesTree } from "../bindings";
import type { TempoComponent } from "../spec/defaults";
import { deepMergeAll } from "../util/merge";
import type { ResolvedComponent, ResolvedSpec } from "../spec/resolve";

/** Inputs of the values builder. */
export interface DistributedBindings {
    readonly storage: StorageBinding;
    readonly kafka: KafkaBinding;
}

/** Chart values section names of each Tempo 3 component. */
const CHART_SECTION: Readonly<Record<TempoComponent, string>> = {
    distributor: "distributor",
    querier: "querier",
    queryFrontend: "queryFrontend",
    liveStore: "liveStore",
    blockBuilder: "blockBuilder",
    backendScheduler: "backendScheduler",
    backendWorker: "backendWorker",
};

/** All values for the chart, merged from one builder per concern. */
export function distributedValues(spec: ResolvedSpec, bindings: DistributedBindings): ValuesTree {
    return deepMergeAll([
        namingValues(spec),
        serviceAccountValues(spec),
        podIdentityValues(bindings.storage),
        storageValues(bindings.storage),
        kafkaValues(bindings.kafka),
        componentValues(spec),
        retentionValues(spec),
        receiverValues(spec),
    ]);
}

/** Stable names: every Service is `<release>-<component>`, whatever the release is called. */
export function namingValues(spec: ResolvedSpec): ValuesTree {
    return { fullnameOverride: spec.releaseName };
}

/** The component creates the ServiceAccount (so the trust policy and the pods name the same one). */
export function serviceAccountValues(spec: ResolvedSpec): ValuesTree {
    return { serviceAccount: { create: false, name: spec.serviceAccountName } };
}

/** Pod labels some workload identities need on every Tempo pod. */
export function podIdentityValues(storage: StorageBinding): ValuesTree {
    return Object.keys(storage.podLabels).length === 0 ? {} : { global: { podLabels: { ...storage.podLabels } } };
}

/** The trace backend block (`storage.trace.backend` + `storage.trace.<backend>`). */
export function storageValues(storage: StorageBinding): ValuesTree {
    return { storage: { trace: { ...storage.backendValues } } };
}

/**
 * Kafka: the chart renders address, topic and auto-creation; SASL goes through `tempo.structuredConfig` with
 * `${VAR}` references expanded by Tempo (`-config.expand-env=true`) from a Secret, so the ConfigMap holds no secret.
 */
export function kafkaValues(kafka: KafkaBinding): ValuesTree {
    const values: ValuesTree = {
        ingest: {
            kafka: {
                address: kafka.address,
                topic: kafka.topic,
                auto_create_topic_enabled: kafka.autoCreateTopic,
                auto_create_topic_default_partitions: kafka.partitions,
            },
        },
    };
    if (kafka.saslSecretName === undefined) {
        return values;
    }
    return deepMergeAll([
        values,
        {
            global: {
                extraArgs: ["-config.expand-env=true"],
                extraEnvFrom: [{ secretRef: { name: kafka.saslSecretName } }],
            },
            tempo: {
                structuredConfig: {
                    ingest: {
                        kafka: {
                            sasl_username: `\${${KAFKA_SASL_ENV.username}}`,
                            sasl_password: `\${${KAFKA_SASL_ENV.password}}`,
                        },
                    },
                },
            },
        },
    ]);
}

/**
 * Replicas and resources. Live-store and block-builder replicas equal the partitions (validated); the
 * backend-scheduler has no replica key (the chart runs exactly one).
 */
export function componentValues(spec: ResolvedSpec): ValuesTree {
    const values: ValuesTree = {};
    for (const [component, resolved] of Object.entries(spec.components) as [TempoComponent, ResolvedComponent][]) {
        const section: Record<string, unknown> = {};
        if (component !== "backendScheduler") {
            section.replicas = resolved.replicas;
        }
        const resources = resourceValues(resolved);
        if (resources) {
            section.resources = resources;
        }
        values[CHART_SECTION[component]] = section;
    }
    return values;
}

/** Requests for CPU and memory; a memory limit equal to the request (the chart derives GOMEMLIMIT from it), no CPU limit. */
export function resourceValues(component: ResolvedComponent): ValuesTree | undefined {
    if (component.cpu === undefined && component.memory === undefined) {
        return undefined;
    }
    const requests: Record<string, string> = {};
    if (component.cpu !== undefined) {
        requests.cpu = component.cpu;
    }
    if (component.memory !== undefined) {
        requests.memory = component.memory;
    }
    return component.memory === undefined ? { requests } : { requests, limits: { memory: component.memory } };
}

/**
 * Retention: the backend-scheduler's compaction block is rendered by the chart into both Tempo 3 locations
 * (`backend_scheduler.provider.compaction.compaction` and `backend_worker.compaction`); `overrides.defaults` carries
 * the same value so per-tenant overrides start from it.
 */
export function retentionValues(spec: ResolvedSpec): ValuesTree {
    return {
        backendScheduler: { config: { provider: { compaction: { compaction: { block_retention: spec.retention } } } } },
        overrides: { defaults: { compaction: { block_retention: spec.retention } } },
    };
}

/** Receivers; the chart binds each to 0.0.0.0 on its standard port. */
export function receiverValues(spec: ResolvedSpec): ValuesTree {
    const r = spec.receivers;
    return {
        traces: {
            otlp: { grpc: { enabled: r.otlpGrpc }, http: { enabled: r.otlpHttp } },
            jaeger: { thriftHttp: { enabled: r.jaegerThriftHttp }, grpc: { enabled: r.jaegerGrpc } },
            zipkin: { enabled: r.zipkin },
        },
    };
}
