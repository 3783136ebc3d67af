/**
 * What each supported chart does with its values beyond the extracted defaults: the subtrees it copies verbatim into
 * Tempo's config (pass-through rules) and the values its templates read without declaring a default (template-only
 * keys). Facts read off the chart templates; the checks in `chartValues.ts` use them.
 */
import type { PassThroughRule, TemplateOnlyKeys } from "./keyTree";

// Rules were read off the chart templates at the reference commits (grafana-community/helm-charts 3386a11,
// grafana/helm-charts 7a0ab96). "config" is the `config:` template string in the chart's values.yaml.
// Values that a template renders field by field (backendScheduler.config, blockBuilder.config, the 4 ingest.kafka
// keys, 1.61.3 ingester.config and compactor.config) are *not* pass-through: keys the chart does not know are
// dropped silently, so they are checked against the chart's own key tree instead.

/** Pass-through rules of tempo-distributed 3.3.0. */
export const TEMPO_DISTRIBUTED_3_3_0_PASS_THROUGH: readonly PassThroughRule[] = [
    // templates/_helpers.tpl "tempo.calculatedConfig": mergeOverwrite of the rendered config and structuredConfig.
    { chartPath: "tempo.structuredConfig", tempoPath: "" },
    // config, storage.trace: toYaml of the backend map named by storage.trace.backend, and of search.
    { chartPath: "storage.trace.s3", tempoPath: "storage.trace.s3" },
    { chartPath: "storage.trace.gcs", tempoPath: "storage.trace.gcs" },
    { chartPath: "storage.trace.azure", tempoPath: "storage.trace.azure" },
    { chartPath: "storage.trace.search", tempoPath: "storage.trace.search" },
    {
        chartPath: "storage.trace.block.dedicated_columns",
        tempoPath: "storage.trace.block.parquet_dedicated_columns",
    },
    // config: `overrides:` toYaml .Values.overrides.
    { chartPath: "overrides", tempoPath: "overrides" },
    // templates/_helpers.tpl "tempo.overridesConfig" (configmap-runtime.yaml): `overrides: {<tenant>: …}`.
    { chartPath: "per_tenant_overrides.*", tempoPath: "overrides.defaults" },
    // config: `memberlist:` toYaml .Values.memberlist, then join_members.
    { chartPath: "memberlist", tempoPath: "memberlist" },
    // config: `live_store:` toYaml .Values.liveStore.config.
    { chartPath: "liveStore.config", tempoPath: "live_store" },
    // config: metrics_generator processor / storage / registry, each toYaml.
    { chartPath: "metricsGenerator.config.processor", tempoPath: "metrics_generator.processor" },
    { chartPath: "metricsGenerator.config.storage", tempoPath: "metrics_generator.storage" },
    { chartPath: "metricsGenerator.config.registry", tempoPath: "metrics_generator.registry" },
    // config: backend_worker.compaction = mergeOverwrite(scheduler compaction, backendWorker.config.compaction).
    { chartPath: "backendWorker.config.compaction", tempoPath: "backend_worker.compaction" },
    // config: `with` backendWorker.config.backend_scheduler_client.grpc_client_config, toYaml.
    {
        chartPath: "backendWorker.config.backend_scheduler_client.grpc_client_config",
        tempoPath: "backend_scheduler_client.grpc_client_config",
    },
    // config: querier.frontend_worker.grpc_client_config, toYaml.
    {
        chartPath: "querier.config.frontend_worker.grpc_client_config",
        tempoPath: "querier.frontend_worker.grpc_client_config",
    },
    // templates/_helpers.tpl "tempo.cacheConfig": toYaml .Values.cache (only when memcached.enabled is false).
    { chartPath: "cache", tempoPath: "cache" },
];

/** Pass-through rules of tempo-distributed 1.61.3 (grafana/helm-charts, Tempo 2.9). */
export const TEMPO_DISTRIBUTED_1_61_3_PASS_THROUGH: readonly PassThroughRule[] = [
    // templates/_helpers.tpl "tempo.calculatedConfig".
    { chartPath: "tempo.structuredConfig", tempoPath: "" },
    // config, storage.trace.
    { chartPath: "storage.trace.s3", tempoPath: "storage.trace.s3" },
    { chartPath: "storage.trace.gcs", tempoPath: "storage.trace.gcs" },
    { chartPath: "storage.trace.azure", tempoPath: "storage.trace.azure" },
    { chartPath: "storage.trace.search", tempoPath: "storage.trace.search" },
    {
        chartPath: "storage.trace.block.dedicated_columns",
        tempoPath: "storage.trace.block.parquet_dedicated_columns",
    },
    // config `overrides:`, and templates/_helpers.tpl "tempo.overridesConfig".
    { chartPath: "overrides", tempoPath: "overrides" },
    { chartPath: "per_tenant_overrides.*", tempoPath: "overrides.defaults" },
    // config `memberlist:`.
    { chartPath: "memberlist", tempoPath: "memberlist" },
    // config metrics_generator: processor / storage / traces_storage / registry, each toYaml.
    { chartPath: "metricsGenerator.config.processor", tempoPath: "metrics_generator.processor" },
    { chartPath: "metricsGenerator.config.storage", tempoPath: "metrics_generator.storage" },
    { chartPath: "metricsGenerator.config.traces_storage", tempoPath: "metrics_generator.traces_storage" },
    { chartPath: "metricsGenerator.config.registry", tempoPath: "metrics_generator.registry" },
    // config querier.frontend_worker.grpc_client_config.
    {
        chartPath: "querier.config.frontend_worker.grpc_client_config",
        tempoPath: "querier.frontend_worker.grpc_client_config",
    },
    // config `cache:` toYaml .Values.cache (always).
    { chartPath: "cache", tempoPath: "cache" },
];

/** Pass-through rules of the monolithic `tempo` chart 2.2.4. It has no `tempo.structuredConfig`. */
export const TEMPO_2_2_4_PASS_THROUGH: readonly PassThroughRule[] = [
    // config (values.yaml) renders each of these with toYaml.
    { chartPath: "tempo.receivers", tempoPath: "distributor.receivers" },
    { chartPath: "tempo.ingester", tempoPath: "ingester" },
    { chartPath: "tempo.server", tempoPath: "server" },
    { chartPath: "tempo.storage", tempoPath: "storage" },
    { chartPath: "tempo.querier", tempoPath: "querier" },
    { chartPath: "tempo.queryFrontend", tempoPath: "query_frontend" },
    { chartPath: "tempo.overrides", tempoPath: "overrides" },
    { chartPath: "tempo.metricsGenerator.processor", tempoPath: "metrics_generator.processor" },
    { chartPath: "tempo.metricsGenerator.registry", tempoPath: "metrics_generator.registry" },
    { chartPath: "tempo.metricsGenerator.storage.remote_write", tempoPath: "metrics_generator.storage.remote_write" },
    // templates/configmap-tempo.yaml: overrides.yaml `overrides:` toYaml .Values.tempo.per_tenant_overrides.
    { chartPath: "tempo.per_tenant_overrides.*", tempoPath: "overrides.defaults" },
];

/** Template-only values of tempo-distributed 3.3.0. */
export const TEMPO_DISTRIBUTED_3_3_0_TEMPLATE_ONLY_KEYS: TemplateOnlyKeys = {
    nameOverride: "string", // _helpers.tpl tempo.name
    "tempo.resources": "map", // _pod.tpl: coalesce(component, tempo, defaults) resources
    "global.podAnnotations": "map", // _helpers.tpl pod annotations
    "global.extraVolumes": "list", // _pod.tpl volumes
    "defaults.hostAliases": "list", // _pod.tpl
    "queryFrontend.config.search.max_result_limit": "number", // config template (`with`)
    "ingress.labels": "map", // ingress.yaml
    "ingress.ingressClassName": "string",
    "ingress.tls": "list",
    "gateway.ingress.ingressClassName": "string", // gateway/ingress-gateway.yaml
    "queryFrontend.ingress.ingressClassName": "string", // query-frontend/ingress-query-frontend.yaml
    "memcached.annotations": "map", // memcached/statefulset-memcached.yaml
    "memcached.nodeSelector": "map",
    "memcached.priorityClassName": "string",
    // backend-worker/poddisruptionbudget-backend-worker.yaml reads both whenever backendWorker.replicas > 1
    "backendWorker.podDisruptionBudget.enabled": "boolean",
    "backendWorker.maxUnavailable": "number",
};

/** Template-only values of tempo-distributed 1.61.3. */
export const TEMPO_DISTRIBUTED_1_61_3_TEMPLATE_ONLY_KEYS: TemplateOnlyKeys = {
    nameOverride: "string", // _helpers.tpl tempo.name
    "global.podAnnotations": "map", // _helpers.tpl pod annotations
    "ingress.labels": "map", // ingress.yaml
    "ingress.ingressClassName": "string",
    "ingress.tls": "list",
    "gateway.ingress.ingressClassName": "string", // gateway/ingress-gateway.yaml
    "queryFrontend.ingress.ingressClassName": "string", // query-frontend/ingress-query-frontend.yaml
    "memcached.annotations": "map", // memcached/statefulset-memcached.yaml
    "memcached.nodeSelector": "map",
    "memcached.priorityClassName": "string",
};

/** Template-only values of the monolithic `tempo` chart 2.2.4. */
export const TEMPO_2_2_4_TEMPLATE_ONLY_KEYS: TemplateOnlyKeys = {
    "persistence.storageClassName": "string", // statefulset.yaml volumeClaimTemplates (commented out in the defaults)
    "persistence.annotations": "map",
    "persistence.selector": "map",
    revisionHistoryLimit: "number", // statefulset.yaml
    "tempo.pullSecrets": "list", // statefulset.yaml imagePullSecrets
    "service.loadBalancerSourceRanges": "list", // service.yaml
    "service.externalIPs": "list",
    "serviceMonitor.scrapeTimeout": "string", // servicemonitor.yaml
};
