/**
 * Values builders shared by the chart lines whose keys agree (`tempo-distributed` 3.3.0 and 1.61.3): naming, the
 * ServiceAccount, storage, secrets as environment, replicas and resources, placement, overrides, receivers, the
 * metrics generator, gateway, cache, search settings and Tempo-config passthrough. Each function sets one concern.
 */
import { toYamlText } from "../util/yaml";
import type { StorageBinding, ValuesTree } from "../bindings";
import { ZONE_LABEL, zoneNodeAffinity } from "../manifests/labels";
import { CacheRole, Profile } from "../args/types";
import type { ResolvedComponent, ResolvedSpec } from "../args/resolved";

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

/** How a chart section spells autoscaling: flat keys (distributor, querier, …) or nested under `hpa` (backend-worker, compactor). */
export type AutoscalingLayout = "flat" | "nested";

/** A fixed replica count, or the chart's HPA settings in the section's layout. */
export function replicaValues(resolved: ResolvedComponent, layout: AutoscalingLayout = "flat"): ValuesTree {
    const scaling = resolved.autoscaling;
    if (scaling === undefined) {
        return { replicas: resolved.replicas };
    }
    if (layout === "flat") {
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
export function placementValues(spec: ResolvedSpec, componentLabel: string): ValuesTree {
    if (spec.zones.length === 0) {
        return {};
    }
    const selector = {
        matchLabels: {
            "app.kubernetes.io/name": "tempo",
            "app.kubernetes.io/instance": spec.releaseName,
            "app.kubernetes.io/component": componentLabel,
        },
    };
    const nodeTerm = { labelSelector: selector, topologyKey: "kubernetes.io/hostname" };
    const antiAffinity =
        spec.profile === Profile.Production
            ? { requiredDuringSchedulingIgnoredDuringExecution: [nodeTerm] }
            : { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: nodeTerm }] };
    const affinity = {
        nodeAffinity: zoneNodeAffinity(spec.zones),
        podAntiAffinity: antiAffinity,
    };
    const spread = [{ maxSkew: 1, topologyKey: ZONE_LABEL, whenUnsatisfiable: "ScheduleAnyway", labelSelector: selector }];
    return { affinity: toYamlText(affinity), topologySpreadConstraints: toYamlText(spread) };
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
    return {
        metricsGenerator: {
            enabled: true,
            replicas: generator.size.replicas,
            resources: resourceValues(generator.size),
            config: {
                processor: generatorProcessorValues(spec),
                registry: { external_labels: generatorExternalLabels(spec) },
                storage: { remote_write: [remoteWriteEntry(spec)] },
            },
            ...placementValues(spec, "metrics-generator"),
        },
    };
}

/**
 * Processor settings (`metrics_generator.processor`) of the enabled processors. Empty lists are left out: the
 * Kubernetes provider drops them from a release's values, so they would never reach Helm (and Tempo's default for
 * each is empty anyway).
 */
export function generatorProcessorValues(spec: ResolvedSpec): ValuesTree {
    const generator = spec.metricsGenerator;
    const processor: ValuesTree = {};
    if (generator?.serviceGraphs) {
        processor.service_graphs = {
            ...(generator.serviceGraphs.dimensions.length > 0 ? { dimensions: generator.serviceGraphs.dimensions } : {}),
            ...(generator.serviceGraphs.histogramBuckets ? { histogram_buckets: generator.serviceGraphs.histogramBuckets } : {}),
            ...(generator.serviceGraphs.peerAttributes.length > 0 ? { peer_attributes: generator.serviceGraphs.peerAttributes } : {}),
        };
    }
    if (generator?.spanMetrics) {
        processor.span_metrics = {
            ...(generator.spanMetrics.dimensions.length > 0 ? { dimensions: generator.spanMetrics.dimensions } : {}),
            ...(generator.spanMetrics.histogramBuckets ? { histogram_buckets: generator.spanMetrics.histogramBuckets } : {}),
        };
    }
    return processor;
}

/** Labels on every generated series; `cluster` lets the service-graph recording rules select this install's series. */
export function generatorExternalLabels(spec: ResolvedSpec): Record<string, string> {
    return { cluster: spec.monitoring.clusterLabel, ...spec.metricsGenerator?.externalLabels };
}

/** The Prometheus remote-write entry; a password is referenced from the environment, never inlined. */
export function remoteWriteEntry(spec: ResolvedSpec): ValuesTree {
    const generator = spec.metricsGenerator;
    if (generator === undefined) {
        return {};
    }
    return {
        url: generator.remoteWriteUrl,
        send_exemplars: true,
        ...(Object.keys(generator.remoteWriteHeaders).length > 0 ? { headers: { ...generator.remoteWriteHeaders } } : {}),
        ...(generator.remoteWriteUsername !== undefined
            ? { basic_auth: { username: generator.remoteWriteUsername, password: `\${${REMOTE_WRITE_PASSWORD_ENV}}` } }
            : {}),
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

/** Chart sections of the dedicated per-role memcached pools (tempo-distributed 3.x). */
export const CACHE_POOL_SECTION: Readonly<Record<CacheRole, string>> = {
    [CacheRole.Bloom]: "memcachedBloom",
    [CacheRole.ParquetFooter]: "memcachedParquetFooter",
    [CacheRole.FrontendSearch]: "memcachedFrontendSearch",
};

/** Memcached: on/off, replicas, resources, dedicated role pools; its exporter runs when ServiceMonitors scrape it. */
export function cacheValues(spec: ResolvedSpec): ValuesTree {
    const cache = spec.cache;
    if (!cache.enabled) {
        return { memcached: { enabled: false } };
    }
    const pool = {
        enabled: true,
        replicas: cache.replicas,
        resources: { requests: { cpu: cache.cpu, memory: cache.memory }, limits: { memory: cache.memory } },
    };
    return {
        memcached: pool,
        memcachedExporter: { enabled: spec.monitoring.serviceMonitor },
        ...Object.fromEntries(cache.dedicatedPools.map((role) => [CACHE_POOL_SECTION[role], pool])),
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
