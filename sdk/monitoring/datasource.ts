/**
 * The Tempo datasource for Grafana, as pure documents for three delivery modes:
 *
 * - **configmap**: a provisioning file (`{apiVersion: 1, datasources: [...]}`) for the Grafana Helm chart's datasource
 *   sidecar ({@link datasourceProvisioning}, {@link datasourceSidecarManifest});
 * - **grafana-operator**: `GrafanaDatasource` v1beta1 custom resources ({@link grafanaOperatorDatasources});
 * - **grafana-api**: inputs for `@pulumiverse/grafana`'s `oss.DataSource` ({@link grafanaApiDatasources}).
 *
 * Contents follow current Grafana: `tracesToLogsV2` (never the legacy `tracesToLogs`), no `lokiSearch` (removed in
 * Grafana 11), `serviceMap` only when a Prometheus datasource that receives the generator's remote write is known.
 * With multitenancy, one datasource per tenant carries `X-Scope-OrgID`.
 * @see https://grafana.com/docs/grafana/latest/datasources/tempo/configure-tempo-data-source/provision/
 * @see https://grafana.github.io/grafana-operator/docs/datasources/
 * @see https://www.pulumi.com/registry/packages/grafana/api-docs/oss/datasource/
 */
import { createHash } from "node:crypto";
import { toYamlText } from "../util/yaml";
import { sortedRecord } from "./context";
import type { DatasourceContext, Manifest } from "./types";

/** Grafana datasource uid rule (grafana-operator's CRD pattern and Grafana's limit). */
export const DATASOURCE_UID_PATTERN = /^[a-zA-Z0-9-_]{1,40}$/;

/** Header Tempo reads the tenant from. */
export const TENANT_HEADER = "X-Scope-OrgID";

/** Label (and value) the kube-prometheus-stack Grafana datasource sidecar selects ConfigMaps/Secrets by. */
export const DATASOURCE_SIDECAR_LABEL: Readonly<Record<string, string>> = { grafana_datasource: "1" };

/** Data key of the provisioning file in the sidecar ConfigMap/Secret. */
export const DATASOURCE_FILE_KEY = "tempo-datasources.yaml";

/** Span-metrics label that holds `service.name` (Tempo's span-metrics processor). */
const SERVICE_LABEL = "service";

/**
 * Trace-to-metrics queries on the generator's span metrics. `$__tags` is Grafana's placeholder for the mapped span
 * tags (`service="<name>"`); it comes last so an empty expansion leaves a valid trailing comma.
 */
export const SPAN_METRICS_QUERIES: readonly { readonly name: string; readonly query: string }[] = [
    { name: "Request rate", query: "sum by (span_name) (rate(traces_spanmetrics_calls_total{$__tags}[5m]))" },
    {
        name: "Error rate",
        query: 'sum by (span_name) (rate(traces_spanmetrics_calls_total{status_code="STATUS_CODE_ERROR", $__tags}[5m]))',
    },
    {
        name: "Latency p95",
        query: "histogram_quantile(0.95, sum by (le) (rate(traces_spanmetrics_latency_bucket{$__tags}[5m])))",
    },
];

/** One datasource to create: the whole install, or one tenant of it. */
interface Target {
    readonly name: string;
    readonly uid: string;
    readonly tenant?: string;
}

/** First 8 hex characters of the SHA-256 of a string (deterministic suffix). */
function shortHash(value: string): string {
    return createHash("sha256").update(value).digest("hex").slice(0, 8);
}

/** Whether a tenant id can be used verbatim in a uid and a Kubernetes name. */
function isPlainTenant(tenant: string): boolean {
    return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(tenant);
}

/**
 * The uid of a tenant's datasource: `<uid>-<tenant>` when that is at most 40 characters and the tenant id is
 * lower-case alphanumeric with dashes; otherwise a truncated, sanitised form with a hash of the tenant id, so that
 * distinct tenants always get distinct, valid uids.
 */
export function tenantDatasourceUid(baseUid: string, tenant: string): string {
    const plain = `${baseUid}-${tenant}`;
    if (isPlainTenant(tenant) && plain.length <= 40) {
        return plain;
    }
    const hash = shortHash(tenant);
    const cleanTenant = tenant.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "");
    const head = [baseUid, cleanTenant].filter((part) => part !== "").join("-");
    return `${head.slice(0, 40 - hash.length - 1).replace(/[-_]+$/, "")}-${hash}`;
}

/** The datasources to create, in tenant order: one per tenant, or one without a tenant. */
function targets(ctx: DatasourceContext): Target[] {
    if (ctx.tenants.length === 0) {
        return [{ name: ctx.name, uid: ctx.uid }];
    }
    return ctx.tenants.map((tenant) => ({
        name: `${ctx.name} (${tenant})`,
        uid: tenantDatasourceUid(ctx.uid, tenant),
        tenant,
    }));
}

/** The uids that will exist, in order (the first is the natural "default" to export). */
export function datasourceUids(ctx: DatasourceContext): string[] {
    return targets(ctx).map((target) => target.uid);
}

/** `jsonData.tracesToLogsV2`: jump from a span to its logs in Loki (by trace id, within ±5m of the span). */
function tracesToLogs(lokiUid: string): Record<string, unknown> {
    return {
        datasourceUid: lokiUid,
        spanStartTimeShift: "-5m",
        spanEndTimeShift: "5m",
        tags: [{ key: "service.name", value: "service_name" }],
        filterByTraceID: true,
        filterBySpanID: false,
        customQuery: false,
    };
}

/** `jsonData.tracesToMetrics`: span-metrics queries for the span's service. */
function tracesToMetrics(prometheusUid: string): Record<string, unknown> {
    return {
        datasourceUid: prometheusUid,
        spanStartTimeShift: "-5m",
        spanEndTimeShift: "5m",
        tags: [{ key: "service.name", value: SERVICE_LABEL }],
        queries: SPAN_METRICS_QUERIES.map((query) => ({ ...query })),
    };
}

/** `jsonData.tracesToProfiles`: CPU profiles of the span's service in Pyroscope. */
function tracesToProfiles(pyroscopeUid: string): Record<string, unknown> {
    return {
        datasourceUid: pyroscopeUid,
        tags: [{ key: "service.name", value: "service_name" }],
        profileTypeId: "process_cpu:cpu:nanoseconds:cpu:nanoseconds",
        customQuery: false,
    };
}

/**
 * The datasource's `jsonData`, without tenant headers. Optional links appear only when their target uid is known;
 * `serviceMap` only when `ctx.serviceMap` and a Prometheus uid are both set.
 */
export function tempoJsonData(ctx: DatasourceContext): Record<string, unknown> {
    return {
        ...(ctx.lokiUid ? { tracesToLogsV2: tracesToLogs(ctx.lokiUid) } : {}),
        ...(ctx.prometheusUid ? { tracesToMetrics: tracesToMetrics(ctx.prometheusUid) } : {}),
        ...(ctx.pyroscopeUid ? { tracesToProfiles: tracesToProfiles(ctx.pyroscopeUid) } : {}),
        ...(ctx.serviceMap && ctx.prometheusUid ? { serviceMap: { datasourceUid: ctx.prometheusUid } } : {}),
        nodeGraph: { enabled: true },
        search: { hide: false },
        traceQuery: { timeShiftEnabled: false },
        streamingEnabled: { search: ctx.streaming, metrics: ctx.streaming },
    };
}

/** `jsonData` plus the tenant header name, for the modes that configure headers through jsonData. */
function jsonDataWithHeader(ctx: DatasourceContext, target: Target): Record<string, unknown> {
    return { ...tempoJsonData(ctx), ...(target.tenant !== undefined ? { httpHeaderName1: TENANT_HEADER } : {}) };
}

/** `secureJsonData` for jsonData-configured modes: tenant header value and, when given, the basic-auth password. */
function secureJsonData(target: Target, basicAuthPassword?: string): Record<string, string> | undefined {
    const data = {
        ...(target.tenant !== undefined ? { httpHeaderValue1: target.tenant } : {}),
        ...(basicAuthPassword !== undefined ? { basicAuthPassword } : {}),
    };
    return Object.keys(data).length > 0 ? data : undefined;
}

/** Basic-auth fields (provisioning and operator field names). */
function basicAuthFields(ctx: DatasourceContext): Record<string, unknown> {
    return ctx.basicAuthUser !== undefined ? { basicAuth: true, basicAuthUser: ctx.basicAuthUser } : {};
}

/**
 * Escapes every `$` of every string as `$$`: Grafana expands `$VAR` / `${VAR}` from its environment in provisioning
 * files, so literal dollars (such as `$__tags`) must be doubled there, and only there.
 */
export function escapeProvisioning<T>(value: T): T {
    if (typeof value === "string") {
        return value.replace(/\$/g, "$$$$") as T;
    }
    if (Array.isArray(value)) {
        return value.map((item) => escapeProvisioning(item)) as T;
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, escapeProvisioning(item)])) as T;
    }
    return value;
}

/** Options for the provisioning document. */
export interface ProvisioningOptions {
    /**
     * Gateway basic-auth password (plain text). When set, the document is secret material: deliver it in a Secret
     * (see {@link datasourceSidecarManifest}), never a ConfigMap.
     */
    readonly basicAuthPassword?: string;
}

/**
 * The Grafana provisioning document (`apiVersion: 1`) with one read-only datasource per tenant (or one), every `$`
 * escaped as `$$`.
 */
export function datasourceProvisioning(ctx: DatasourceContext, options: ProvisioningOptions = {}): Record<string, unknown> {
    const datasources = targets(ctx).map((target) => {
        const secure = secureJsonData(target, options.basicAuthPassword);
        return {
            name: target.name,
            type: "tempo",
            uid: target.uid,
            access: "proxy",
            url: ctx.url,
            isDefault: false,
            editable: false,
            ...basicAuthFields(ctx),
            jsonData: jsonDataWithHeader(ctx, target),
            ...(secure !== undefined ? { secureJsonData: secure } : {}),
        };
    });
    return escapeProvisioning({ apiVersion: 1, datasources });
}

/**
 * The object the Grafana datasource sidecar picks up, in `namespace` (Grafana's), labelled `grafana_datasource: "1"`
 * and named `<first uid>-datasource` (lower-cased). A ConfigMap, or a Secret (`stringData`) when a basic-auth password
 * is included, so credentials never land in a ConfigMap.
 */
export function datasourceSidecarManifest(
    ctx: DatasourceContext,
    namespace: string,
    options: ProvisioningOptions & { readonly labels?: Readonly<Record<string, string>> } = {},
): Manifest {
    const file = toYamlText(datasourceProvisioning(ctx, options));
    const metadata = {
        name: `${kubernetesName(ctx.uid)}-datasource`,
        namespace,
        labels: sortedRecord({ ...(options.labels ?? {}), ...DATASOURCE_SIDECAR_LABEL }),
    };
    if (options.basicAuthPassword !== undefined) {
        return { apiVersion: "v1", kind: "Secret", metadata, type: "Opaque", stringData: { [DATASOURCE_FILE_KEY]: file } };
    }
    return { apiVersion: "v1", kind: "ConfigMap", metadata, data: { [DATASOURCE_FILE_KEY]: file } };
}

/** A DNS-1123 name derived from a uid (lower case, `_` → `-`). */
function kubernetesName(uid: string): string {
    return uid
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, "-")
        .replace(/^-+|-+$/g, "")
        .slice(0, 63);
}

/** A Kubernetes label selector, as grafana-operator's `instanceSelector` takes. */
export interface LabelSelector {
    readonly matchLabels?: Readonly<Record<string, string>>;
    readonly matchExpressions?: readonly { readonly key: string; readonly operator: string; readonly values?: readonly string[] }[];
}

/** Options for the grafana-operator mode. */
export interface OperatorOptions {
    /** Secret (in the CR's namespace) holding the gateway basic-auth password, injected through `valuesFrom`. */
    readonly basicAuthPasswordSecret?: { readonly name: string; readonly key: string };
    /** Extra metadata labels. */
    readonly labels?: Readonly<Record<string, string>>;
}

/**
 * `GrafanaDatasource` (grafana.integreatly.org/v1beta1) custom resources, one per tenant (or one), in `namespace`,
 * with `allowCrossNamespaceImport: true` so a Grafana in another namespace can import them. `uid` and
 * `instanceSelector` are immutable in the CRD: changing them replaces the object. No `$` escaping (the operator sends
 * the JSON through Grafana's API).
 */
export function grafanaOperatorDatasources(
    ctx: DatasourceContext,
    instanceSelector: LabelSelector,
    namespace: string,
    options: OperatorOptions = {},
): Manifest[] {
    const secret = options.basicAuthPasswordSecret;
    return targets(ctx).map((target) => {
        const secure = secureJsonData(target, secret !== undefined ? `\${${secret.key}}` : undefined);
        return {
            apiVersion: "grafana.integreatly.org/v1beta1",
            kind: "GrafanaDatasource",
            // No empty label map: the API server drops it, and the provider would then show it as a change on every preview.
            metadata: { name: kubernetesName(target.uid), namespace, ...nonEmpty("labels", sortedRecord({ ...(options.labels ?? {}) })) },
            spec: {
                instanceSelector,
                allowCrossNamespaceImport: true,
                uid: target.uid,
                datasource: {
                    name: target.name,
                    type: "tempo",
                    access: "proxy",
                    url: ctx.url,
                    isDefault: false,
                    editable: false,
                    ...basicAuthFields(ctx),
                    jsonData: jsonDataWithHeader(ctx, target),
                    ...(secure !== undefined ? { secureJsonData: secure } : {}),
                },
                ...(secret !== undefined
                    ? {
                          valuesFrom: [
                              {
                                  targetPath: "secureJsonData.basicAuthPassword",
                                  valueFrom: { secretKeyRef: { name: secret.name, key: secret.key } },
                              },
                          ],
                      }
                    : {}),
            },
        };
    });
}

/** Plain inputs for `new grafana.oss.DataSource(name, inputs)` from `@pulumiverse/grafana`. */
export interface GrafanaApiDatasourceInputs {
    readonly type: "tempo";
    readonly name: string;
    readonly uid: string;
    readonly url: string;
    readonly accessMode: "proxy";
    readonly isDefault: false;
    /** `jsonData` as a JSON string with sorted keys (stable diffs). */
    readonly jsonDataEncoded: string;
    /** `{ "X-Scope-OrgID": <tenant> }` per tenant; the provider maps it onto `httpHeaderName1`/`httpHeaderValue1`. */
    readonly httpHeaders?: Readonly<Record<string, string>>;
    readonly basicAuthEnabled?: boolean;
    readonly basicAuthUsername?: string;
}

/** `JSON.stringify` with object keys sorted at every level. */
export function stableJson(value: unknown): string {
    const sortDeep = (item: unknown): unknown => {
        if (Array.isArray(item)) {
            return item.map(sortDeep);
        }
        if (item !== null && typeof item === "object") {
            return Object.fromEntries(
                Object.entries(item as Record<string, unknown>)
                    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
                    .map(([key, child]) => [key, sortDeep(child)]),
            );
        }
        return item;
    };
    return JSON.stringify(sortDeep(value));
}

/**
 * `secureJsonDataEncoded` for the API mode when basic auth is on; wrap the result in a Pulumi secret
 * (`password.apply(apiSecureJsonData)`).
 */
export function apiSecureJsonData(basicAuthPassword: string): string {
    return stableJson({ basicAuthPassword });
}

/**
 * Inputs for `@pulumiverse/grafana` `oss.DataSource`, one per tenant (or one). The tenant header goes into
 * `httpHeaders` (not `jsonData`), and nothing is `$`-escaped (the provider talks to Grafana's API directly).
 */
export function grafanaApiDatasources(ctx: DatasourceContext): GrafanaApiDatasourceInputs[] {
    return targets(ctx).map((target) => ({
        type: "tempo",
        name: target.name,
        uid: target.uid,
        url: ctx.url,
        accessMode: "proxy",
        isDefault: false,
        jsonDataEncoded: stableJson(tempoJsonData(ctx)),
        ...(target.tenant !== undefined ? { httpHeaders: { [TENANT_HEADER]: target.tenant } } : {}),
        ...(ctx.basicAuthUser !== undefined ? { basicAuthEnabled: true, basicAuthUsername: ctx.basicAuthUser } : {}),
    }));
}

/**
 * A warning when the datasource ConfigMap would sit where a default kube-prometheus-stack Grafana does not look.
 * Its datasource sidecar has no `searchNamespace`, so it reads only Grafana's own namespace: without an explicit
 * Grafana namespace the ConfigMap lands in Tempo's and is silently ignored. Returns `undefined` when fine.
 */
export function sidecarWarning(grafanaNamespace: string | undefined, tempoNamespace: string): string | undefined {
    if (grafanaNamespace !== undefined && grafanaNamespace !== "") {
        return undefined;
    }
    return (
        `the Grafana datasource ConfigMap will be created in Tempo's namespace "${tempoNamespace}". A default ` +
        `kube-prometheus-stack Grafana reads datasource ConfigMaps (label grafana_datasource: "1") only from its own ` +
        `namespace and will ignore it: set grafana.namespace to Grafana's namespace, or set ` +
        `grafana.sidecar.datasources.searchNamespace: ALL in the Grafana chart.`
    );
}

/** `{ [key]: map }`, or nothing when the map is empty. */
function nonEmpty<T extends object>(key: string, map: T): Record<string, T> {
    return Object.keys(map).length > 0 ? { [key]: map } : {};
}
