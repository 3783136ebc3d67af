/**
 * Helm values for the monolithic `tempo` chart 2.2.4 (Tempo 2.10.8): one StatefulSet running every component, its
 * settings under `tempo.*` (not the distributed chart's top-level keys).
 *
 * Why not Tempo 3 on this chart: its config template always emits an `ingester:` and a `compactor:` block (see
 * {@link MONOLITHIC_CONFIG_SKELETON}); Tempo 3 removed both and parses its config strictly, so a Tempo 3 image would
 * refuse to start. The chart's own Tempo (2.10.8) is therefore used.
 *
 * Chart keys: https://github.com/grafana-community/helm-charts/blob/main/charts/tempo/values.yaml
 */
import type { StorageBinding, ValuesTree } from "../bindings";
import { RECEIVER_PORTS } from "../endpoints";
import type { ResolvedMonolithic, ResolvedSpec } from "../args/resolved";
import { deepMergeAll } from "../util/merge";
import { zoneNodeAffinity } from "../manifests/labels";
import { generatorExternalLabels, generatorProcessorValues, namingValues, remoteWriteEntry, resourceValues } from "./shared";
import { secretEnvEntry, tempoSecretVariables, withSecretEnvKept } from "./secretEnv";

/**
 * The top-level shape of the Tempo config the chart's `config` template renders (keys only, values as the template
 * fills them); checked against each Tempo version's config keys in the contract tests.
 */
export const MONOLITHIC_CONFIG_SKELETON = {
    stream_over_http_enabled: false,
    memberlist: { cluster_label: "tempo.tempo" },
    multitenancy_enabled: false,
    usage_report: { reporting_enabled: true },
    compactor: { compaction: { block_retention: "24h" } },
    distributor: { receivers: {} },
    ingester: {},
    server: { http_listen_port: 3200 },
    storage: { trace: { backend: "local" } },
    querier: {},
    query_frontend: {},
    overrides: { defaults: {}, per_tenant_override_config: "/conf/overrides.yaml" },
    metrics_generator: { storage: { path: "/tmp/tempo", remote_write: [] }, traces_storage: { path: "/tmp/traces" } },
} as const;

/** Where the single binary keeps its WAL and, with `local.filesystem`, its blocks. */
export const MONOLITHIC_DATA_PATH = "/var/tempo";

/** All values for the monolithic chart; the `values` escape hatch comes last. */
export function monolithicValues(spec: ResolvedSpec, storage: StorageBinding): ValuesTree {
    const monolithic = spec.monolithic as ResolvedMonolithic;
    const merged = deepMergeAll([
        namingValues(spec),
        {
            replicas: 1,
            serviceAccount: { create: false, name: spec.serviceAccountName },
            persistence: {
                enabled: true,
                size: monolithic.tempo.storageSize,
                // This chart's key is storageClassName (the distributed charts say storageClass).
                ...(monolithic.tempo.storageClass !== undefined ? { storageClassName: monolithic.tempo.storageClass } : {}),
            },
            ...(Object.keys(storage.podLabels).length > 0 ? { podLabels: { ...storage.podLabels } } : {}),
            ...monolithicPlacement(spec),
        },
        { tempo: tempoSection(spec, monolithic, storage) },
        spec.values as ValuesTree,
    ]);
    const secrets = tempoSecretVariables(spec, storage);
    return secrets.length > 0 ? withSecretEnvKept(merged, { tempo: { extraEnv: secrets.map(secretEnvEntry) } }) : merged;
}

function tempoSection(spec: ResolvedSpec, monolithic: ResolvedMonolithic, storage: StorageBinding): ValuesTree {
    // One container runs every module, so it gets every variable (and nothing else in the chart does).
    const secrets = tempoSecretVariables(spec, storage);
    const overrides = spec.overrides;
    return {
        resources: resourceValues(monolithic.tempo),
        retention: spec.retention,
        storage: {
            trace: {
                ...storage.backendValues,
                wal: { path: `${MONOLITHIC_DATA_PATH}/wal` },
                ...(monolithic.filesystem ? { local: { path: `${MONOLITHIC_DATA_PATH}/traces` } } : {}),
            },
        },
        receivers: monolithicReceivers(spec),
        overrides: { defaults: { ...overrides.defaults }, per_tenant_override_config: "/conf/overrides.yaml" },
        ...(Object.keys(overrides.tenants).length > 0 ? { per_tenant_overrides: { ...overrides.tenants } } : {}),
        multitenancyEnabled: spec.multitenancy,
        streamOverHttpEnabled: spec.query.streaming,
        metricsGenerator: monolithicGenerator(spec),
        ...(secrets.length > 0
            ? { extraArgs: { "config.expand-env": "true" }, extraEnv: secrets.map(secretEnvEntry) }
            : {}),
        ...(spec.query.defaultResultLimit !== undefined || spec.query.maxSearchDuration !== undefined
            ? {
                  queryFrontend: {
                      search: {
                          ...(spec.query.defaultResultLimit !== undefined ? { default_result_limit: spec.query.defaultResultLimit } : {}),
                          ...(spec.query.maxSearchDuration !== undefined ? { max_duration: spec.query.maxSearchDuration } : {}),
                      },
                  },
              }
            : {}),
    };
}

/** The chart's receivers map replaces the defaults whole: write exactly the enabled ones, bound to 0.0.0.0. */
export function monolithicReceivers(spec: ResolvedSpec): ValuesTree {
    const r = spec.receivers;
    const on = (port: number) => ({ endpoint: `0.0.0.0:${port}` });
    const otlp: ValuesTree = {};
    if (r.otlpGrpc) {
        otlp.grpc = on(RECEIVER_PORTS.otlpGrpc);
    }
    if (r.otlpHttp) {
        otlp.http = on(RECEIVER_PORTS.otlpHttp);
    }
    const jaeger: ValuesTree = {};
    if (r.jaegerGrpc) {
        jaeger.grpc = on(RECEIVER_PORTS.jaegerGrpc);
    }
    if (r.jaegerThriftHttp) {
        jaeger.thrift_http = on(RECEIVER_PORTS.jaegerThriftHttp);
    }
    return {
        ...(Object.keys(otlp).length > 0 ? { otlp: { protocols: otlp } } : {}),
        ...(Object.keys(jaeger).length > 0 ? { jaeger: { protocols: jaeger } } : {}),
        ...(r.zipkin ? { zipkin: on(RECEIVER_PORTS.zipkin) } : {}),
    };
}

function monolithicGenerator(spec: ResolvedSpec): ValuesTree {
    if (spec.metricsGenerator === undefined) {
        return { enabled: false };
    }
    return {
        enabled: true,
        remoteWriteUrl: spec.metricsGenerator.remoteWriteUrl,
        processor: generatorProcessorValues(spec),
        registry: { external_labels: generatorExternalLabels(spec) },
        storage: { path: `${MONOLITHIC_DATA_PATH}/generator/wal`, remote_write: [remoteWriteEntry(spec)] },
    };
}

/** With `zones`: the pod is pinned to them (the chart takes `affinity` as an object, and has no spread setting). */
export function monolithicPlacement(spec: ResolvedSpec): ValuesTree {
    if (spec.zones.length === 0) {
        return {};
    }
    return {
        affinity: {
            nodeAffinity: zoneNodeAffinity(spec.zones),
        },
    };
}
