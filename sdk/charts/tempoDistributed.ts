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
import { stringify } from "yaml";
import { ZONE_LABEL } from "../k8s/labels";
import { Profile } from "../spec/args";
import type { ResolvedComponent, ResolvedSpec } from "../spec/resolve";

/** Chart values section names of each Tempo 3 component. */
const CHART_SECTION: Readonly<Record<TempoComponent | "metricsGenerator", string>> = {
    metricsGenerator: "metricsGenerator",
    distributor: "distributor",
    querier: "querier",
    queryFrontend: "queryFrontend",
    liveStore: "liveStore",
    blockBuilder: "blockBuilder",
    backendScheduler: "backendScheduler",
    backendWorker: "backendWorker",
};

/** Inputs of the values builder. */
export interface DistributedBindings {
    readonly storage: StorageBinding;
    readonly kafka: KafkaBinding;
}

/** All values for the chart, merged from one builder per concern; the `values` escape hatch comes last. */
export function distributedValues(spec: ResolvedSpec, bindings: DistributedBindings): ValuesTree {
    return deepMergeAll([
        namingValues(spec),
        serviceAccountValues(spec),
        podIdentityValues(bindings.storage),
        storageValues(bindings.storage),
        kafkaValues(bindings.kafka),
        secretEnvValues(secretEnvSources(spec, bindings)),
        componentValues(spec),
        retentionValues(spec),
        overridesValues(spec),
        receiverValues(spec),
        metricsGeneratorValues(spec),
        gatewayValues(spec),
        cacheValues(spec),
        queryValues(spec),
        tempoConfigValues(spec),
        spec.values as ValuesTree,
    ]);
}

/** Secrets Tempo's pods read as environment: store credentials, Kafka SASL, remote-write password. */
function secretEnvSources(spec: ResolvedSpec, bindings: DistributedBindings): string[] {
    return [
        ...bindings.storage.envFromSecrets,
        ...(bindings.kafka.saslSecretName ? [bindings.kafka.saslSecretName] : []),
        ...(spec.metricsGenerator?.secretName ? [spec.metricsGenerator.secretName] : []),
    ];
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
    return Object.keys(storage.podLabels).length === 0 ? {} : { tempo: { podLabels: { ...storage.podLabels } } };
}

/** The trace backend block (`storage.trace.backend` + `storage.trace.<backend>`). */
export function storageValues(storage: StorageBinding): ValuesTree {
    return { storage: { trace: { ...storage.backendValues } } };
}

/**
 * Kafka: the chart renders address, topic and auto-creation; SASL goes through `tempo.structuredConfig` as `${VAR}`
 * references that Tempo expands from the Secret's environment (see {@link secretEnvValues}), so the ConfigMap holds
 * no secret.
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
    return {
        ...values,
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
    };
}

/**
 * Secrets every Tempo pod reads as environment variables, and `-config.expand-env=true` so `${VAR}` references in
 * Tempo's config resolve. One list, because Helm replaces lists rather than merging them.
 */
export function secretEnvValues(secretNames: readonly string[]): ValuesTree {
    if (secretNames.length === 0) {
        return {};
    }
    return {
        global: {
            extraArgs: ["-config.expand-env=true"],
            extraEnvFrom: secretNames.map((name) => ({ secretRef: { name } })),
        },
    };
}

/** `app.kubernetes.io/component` label value of each component's pods (the chart's naming). */
export const COMPONENT_LABEL: Readonly<Record<TempoComponent | "metricsGenerator", string>> = {
    metricsGenerator: "metrics-generator",
    distributor: "distributor",
    querier: "querier",
    queryFrontend: "query-frontend",
    liveStore: "live-store",
    blockBuilder: "block-builder",
    backendScheduler: "backend-scheduler",
    backendWorker: "backend-worker",
};

/** Components whose chart section takes the flat HPA layout; the backend-worker's is nested. */
const FLAT_AUTOSCALING: readonly TempoComponent[] = ["distributor", "querier", "queryFrontend"];
/** Components the chart can give a PodDisruptionBudget. */
const WITH_PDB: readonly TempoComponent[] = ["distributor", "querier", "queryFrontend", "liveStore", "blockBuilder"];

/**
 * Replicas (or autoscaling), resources, disruption budgets and zone placement of every component. Live-store and
 * block-builder replicas equal the partitions (validated); the backend-scheduler has no replica key (always one).
 */
export function componentValues(spec: ResolvedSpec): ValuesTree {
    const values: ValuesTree = {};
    for (const [component, resolved] of Object.entries(spec.components) as [TempoComponent, ResolvedComponent][]) {
        values[CHART_SECTION[component]] = {
            ...replicaValues(component, resolved),
            resources: resourceValues(resolved),
            ...(WITH_PDB.includes(component) ? { podDisruptionBudget: { enabled: true } } : {}),
            ...placementValues(spec, component),
        };
    }
    return values;
}

/** A fixed replica count, or the chart's HPA settings. */
export function replicaValues(component: TempoComponent, resolved: ResolvedComponent): ValuesTree {
    if (component === "backendScheduler") {
        return {};
    }
    const scaling = resolved.autoscaling;
    if (scaling === undefined) {
        return { replicas: resolved.replicas };
    }
    if (FLAT_AUTOSCALING.includes(component)) {
        return {
            autoscaling: {
                enabled: true,
                minReplicas: scaling.minReplicas,
                maxReplicas: scaling.maxReplicas,
                targetCPUUtilizationPercentage: scaling.targetCpuPercent,
            },
        };
    }
    return {
        autoscaling: {
            enabled: true,
            minReplicas: scaling.minReplicas,
            maxReplicas: scaling.maxReplicas,
            hpa: { enabled: true, targetCPUUtilizationPercentage: scaling.targetCpuPercent },
        },
    };
}

/** Requests for CPU and memory; a memory limit equal to the request (the chart derives GOMEMLIMIT from it), no CPU limit. */
export function resourceValues(component: ResolvedComponent): ValuesTree {
    return { requests: { cpu: component.cpu, memory: component.memory }, limits: { memory: component.memory } };
}

/**
 * With `zones`: pods are pinned to those zones and spread across them. Replicas of a component never share a node
 * in production (as the chart's default), and prefer not to in dev. The chart takes both settings as YAML strings.
 */
export function placementValues(spec: ResolvedSpec, component: TempoComponent | "metricsGenerator"): ValuesTree {
    if (spec.zones.length === 0) {
        return {};
    }
    const selector = {
        matchLabels: {
            "app.kubernetes.io/name": "tempo",
            "app.kubernetes.io/instance": spec.releaseName,
            "app.kubernetes.io/component": COMPONENT_LABEL[component],
        },
    };
    const nodeTerm = { labelSelector: selector, topologyKey: "kubernetes.io/hostname" };
    const antiAffinity =
        spec.profile === Profile.Production
            ? { requiredDuringSchedulingIgnoredDuringExecution: [nodeTerm] }
            : { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: nodeTerm }] };
    const affinity = {
        nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [{ matchExpressions: [{ key: ZONE_LABEL, operator: "In", values: [...spec.zones] }] }],
            },
        },
        podAntiAffinity: antiAffinity,
    };
    const spread = [{ maxSkew: 1, topologyKey: ZONE_LABEL, whenUnsatisfiable: "ScheduleAnyway", labelSelector: selector }];
    return { affinity: stringify(affinity), topologySpreadConstraints: stringify(spread) };
}

/**
 * Retention: the backend-scheduler's compaction block is rendered by the chart into both Tempo 3 locations
 * (`backend_scheduler.provider.compaction.compaction` and `backend_worker.compaction`); the overrides carry it too.
 */
export function retentionValues(spec: ResolvedSpec): ValuesTree {
    return { backendScheduler: { config: { provider: { compaction: { compaction: { block_retention: spec.retention } } } } } };
}

/**
 * Scoped overrides: the global block and one complete block per tenant (in the chart's runtime ConfigMap), plus
 * multi-tenancy. Only the current (non-legacy) format is ever emitted.
 */
export function overridesValues(spec: ResolvedSpec): ValuesTree {
    const tenants = spec.overrides.tenants;
    return {
        multitenancyEnabled: spec.multitenancy,
        overrides: { defaults: { ...spec.overrides.defaults } },
        ...(Object.keys(tenants).length > 0 ? { per_tenant_overrides: { ...tenants } } : {}),
    };
}

/** Environment variable holding the remote-write password (Tempo expands it into its config). */
export const REMOTE_WRITE_PASSWORD_ENV = "TEMPO_REMOTE_WRITE_PASSWORD";

/**
 * The metrics generator: processors configured under `metricsGenerator.config.processor`, remote write at
 * `metricsGenerator.config.storage.remote_write` (the only key the chart reads), and switched on per tenant through
 * the overrides (configuring a processor does not turn it on).
 */
export function metricsGeneratorValues(spec: ResolvedSpec): ValuesTree {
    const generator = spec.metricsGenerator;
    if (generator === undefined) {
        return { metricsGenerator: { enabled: false } };
    }
    const processor: ValuesTree = {};
    if (generator.serviceGraphs) {
        processor.service_graphs = {
            dimensions: generator.serviceGraphs.dimensions,
            ...(generator.serviceGraphs.histogramBuckets ? { histogram_buckets: generator.serviceGraphs.histogramBuckets } : {}),
            ...(generator.serviceGraphs.peerAttributes.length > 0 ? { peer_attributes: generator.serviceGraphs.peerAttributes } : {}),
        };
    }
    if (generator.spanMetrics) {
        processor.span_metrics = {
            dimensions: generator.spanMetrics.dimensions,
            ...(generator.spanMetrics.histogramBuckets ? { histogram_buckets: generator.spanMetrics.histogramBuckets } : {}),
        };
    }
    const remoteWrite = {
        url: generator.remoteWriteUrl,
        send_exemplars: true,
        ...(Object.keys(generator.remoteWriteHeaders).length > 0 ? { headers: { ...generator.remoteWriteHeaders } } : {}),
        ...(generator.remoteWriteUsername !== undefined
            ? { basic_auth: { username: generator.remoteWriteUsername, password: `\${${REMOTE_WRITE_PASSWORD_ENV}}` } }
            : {}),
    };
    return {
        metricsGenerator: {
            enabled: true,
            replicas: generator.size.replicas,
            resources: resourceValues(generator.size),
            config: {
                processor,
                // The `cluster` label lets the service-graph recording rules select this install's series.
                registry: { external_labels: { cluster: spec.monitoring.clusterLabel, ...generator.externalLabels } },
                storage: { remote_write: [remoteWrite] },
            },
            ...placementValues(spec, "metricsGenerator"),
        },
    };
}

/** The nginx gateway, its Ingress (with an explicit pathType) and basic auth from a Secret the component manages. */
export function gatewayValues(spec: ResolvedSpec): ValuesTree {
    const gateway = spec.gateway;
    if (gateway === undefined) {
        return {};
    }
    const ingress =
        gateway.host === undefined
            ? { enabled: false }
            : {
                  enabled: true,
                  ...(gateway.ingressClassName !== undefined ? { ingressClassName: gateway.ingressClassName } : {}),
                  annotations: { ...gateway.annotations },
                  hosts: [{ host: gateway.host, paths: [{ path: "/", pathType: "Prefix" }] }],
                  ...(gateway.tlsSecretName !== undefined ? { tls: [{ secretName: gateway.tlsSecretName, hosts: [gateway.host] }] } : {}),
              };
    return {
        gateway: {
            enabled: true,
            replicas: gateway.replicas,
            ingress,
            basicAuth: gateway.basicAuth ? { enabled: true, existingSecret: gateway.secretName } : { enabled: false },
        },
    };
}

/** Memcached: on/off, replicas, resources; its exporter runs when ServiceMonitors scrape it. */
export function cacheValues(spec: ResolvedSpec): ValuesTree {
    const cache = spec.cache;
    if (!cache.enabled) {
        return { memcached: { enabled: false } };
    }
    return {
        memcached: {
            enabled: true,
            replicas: cache.replicas,
            resources: { requests: { cpu: cache.cpu, memory: cache.memory }, limits: { memory: cache.memory } },
        },
        memcachedExporter: { enabled: spec.monitoring.serviceMonitor },
    };
}

/** Search limits at `query_frontend.search` (the keys Tempo 3 reads) and streaming for Grafana. */
export function queryValues(spec: ResolvedSpec): ValuesTree {
    const search: ValuesTree = {};
    if (spec.query.defaultResultLimit !== undefined) {
        search.default_result_limit = spec.query.defaultResultLimit;
    }
    if (spec.query.maxResultLimit !== undefined) {
        search.max_result_limit = spec.query.maxResultLimit;
    }
    if (spec.query.maxSearchDuration !== undefined) {
        search.max_duration = spec.query.maxSearchDuration;
    }
    return {
        streamOverHTTPEnabled: spec.query.streaming,
        ...(Object.keys(search).length > 0 ? { tempo: { structuredConfig: { query_frontend: { search } } } } : {}),
    };
}

/** The `tempoConfig` escape hatch, merged into Tempo's structured config. */
export function tempoConfigValues(spec: ResolvedSpec): ValuesTree {
    return Object.keys(spec.tempoConfig).length === 0 ? {} : { tempo: { structuredConfig: { ...spec.tempoConfig } } };
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
