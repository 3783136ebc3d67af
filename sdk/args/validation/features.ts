/**
 * Semantic validation of the feature surface: limits, tenants, metrics generator, gateway, cache, query settings and
 * the two escape hatches. Like the rest of `validation/`, every check guards the types it reads.
 */
import { chartContract, checkChartValues, checkTempoConfig, passThroughRules, tempoContract, type ChartName } from "../../contracts";
import { Architecture, type TempoClusterArgs } from "../types";
import { parseDurationMinutes } from "../duration";
import { asObject, BYTES_QUANTITY, CPU_QUANTITY, type Report } from "./guards";
import { isDnsLabel, isDnsSubdomain, labelValueProblem, qualifiedNameProblem } from "../names";
import { limitDuration } from "../overrides";
import { joinPath } from "../problems";
import { CHART_TARGETS } from "../targets";
import { DEFAULT_THRESHOLDS, PROMETHEUS_DURATION } from "../../monitoring/thresholds";
import { sidecarWarning } from "../../monitoring/datasource";


/** Tenant ids Tempo accepts: up to 150 of `[a-zA-Z0-9!-_.*'()]`, not `.` or `..`; `*` means "every other tenant". */
export const TENANT_ID = /^[a-zA-Z0-9!\-_.*'()]{1,150}$/;
/** Chart values TempoCluster derives and other parts of the component depend on; overriding them is allowed but warned. */
const OWNED_VALUE_PATHS = ["fullnameOverride", "serviceAccount", "storage.trace.backend", "ingest.kafka.address", "multitenancyEnabled"];

/** Runs every feature-surface check. */
export function checkFeatures(a: Partial<TempoClusterArgs>, report: Report, warn: Report): void {
    checkLimits(a.limits, "limits", report);
    checkTenants(a, report);
    checkMetricsGenerator(a, report);
    checkGateway(a, report);
    checkCache(a, report);
    checkQuery(a, report);
    checkEscapeHatches(a, report, warn);
    checkMonitoring(a, report);
    checkGrafana(a, report, warn);
}

const DATASOURCE_UID = /^[a-zA-Z0-9-_]{1,40}$/;

/**
 * Maps that end up as Kubernetes labels (or annotations, whose values are free text) are checked with the API
 * server's rules here, before anything is created: the API would refuse them only after the bucket, the identity
 * and the Helm releases exist.
 */
function checkKubernetesMap(map: unknown, path: string, kind: "labels" | "annotations", report: Report): void {
    for (const [key, value] of Object.entries(asObject(map) ?? {})) {
        const keyProblem = qualifiedNameProblem(key);
        if (keyProblem !== undefined) {
            report(joinPath(path, key), keyProblem);
        } else if (kind === "labels" && typeof value === "string") {
            const valueProblem = labelValueProblem(value);
            if (valueProblem !== undefined) {
                report(joinPath(path, key), valueProblem);
            }
        }
    }
}

function checkMonitoring(a: Partial<TempoClusterArgs>, report: Report): void {
    const monitoring = asObject(a.monitoring);
    if (!monitoring) {
        return;
    }
    checkKubernetesMap(monitoring.labels, "monitoring.labels", "labels", report);
    if (typeof monitoring.runbookUrl === "string" && !/^https?:\/\/\S+$/.test(monitoring.runbookUrl)) {
        report("monitoring.runbookUrl", "must be an http(s):// URL");
    }
    if (typeof monitoring.clusterLabel === "string" && monitoring.clusterLabel.trim() === "") {
        report("monitoring.clusterLabel", "must not be empty: alerts and dashboards select on it");
    }
    const thresholds = asObject(monitoring.thresholds);
    for (const [name, override] of Object.entries(thresholds ?? {})) {
        const path = joinPath("monitoring.thresholds", name);
        if (!(name in DEFAULT_THRESHOLDS)) {
            report(path, `is not a threshold; known: ${Object.keys(DEFAULT_THRESHOLDS).sort().join(", ")}`);
            continue;
        }
        const settings = asObject(override);
        if (typeof settings?.for === "string" && !PROMETHEUS_DURATION.test(settings.for)) {
            report(joinPath(path, "for"), `"${settings.for}" is not a Prometheus duration such as "10m"`);
        }
        if (settings?.value !== undefined && !("value" in (DEFAULT_THRESHOLDS as unknown as Record<string, object>)[name])) {
            report(joinPath(path, "value"), "this alert has no threshold value, only a duration");
        }
    }
}

function checkGrafana(a: Partial<TempoClusterArgs>, report: Report, warn: Report): void {
    const grafana = asObject(a.grafana);
    const mode = grafana?.datasource ?? "configmap";
    if (grafana) {
        if (typeof grafana.namespace === "string" && !isDnsLabel(grafana.namespace)) {
            report("grafana.namespace", `"${grafana.namespace}" is not a namespace name`);
        }
        checkKubernetesMap(grafana.datasourceLabels, "grafana.datasourceLabels", "labels", report);
        checkKubernetesMap(grafana.instanceSelector, "grafana.instanceSelector", "labels", report);
        const hasSelector = asObject(grafana.instanceSelector) !== undefined && Object.keys(grafana.instanceSelector).length > 0;
        if (mode === "grafana-operator" && !hasSelector) {
            report("grafana.instanceSelector", "is required with datasource grafana-operator: the labels of your Grafana resource");
        }
        if (mode !== "grafana-operator" && grafana.instanceSelector !== undefined) {
            report("grafana.instanceSelector", "is only used with datasource grafana-operator");
        }
        for (const field of ["lokiUid", "prometheusUid", "pyroscopeUid"] as const) {
            if (typeof grafana[field] === "string" && !DATASOURCE_UID.test(grafana[field])) {
                report(joinPath("grafana", field), "must be a datasource uid: 1-40 letters, digits, '-' and '_'");
            }
        }
        if (mode === "configmap") {
            const grafanaNamespace = typeof grafana.namespace === "string" ? grafana.namespace : "monitoring";
            const tempoNamespace = a.namespace ?? "tempo";
            // A ConfigMap in Tempo's own namespace is where a default sidecar does not look.
            const warning = sidecarWarning(grafanaNamespace === tempoNamespace ? undefined : grafanaNamespace, tempoNamespace);
            if (warning !== undefined) {
                warn("grafana.namespace", warning);
            }
        }
    }
    const multitenant = a.multitenancy === true || (a.multitenancy === undefined && Object.keys(asObject(a.tenants) ?? {}).length > 0);
    const tenantIds = Object.keys(asObject(a.tenants) ?? {}).filter((id) => id !== "*");
    if (multitenant && mode !== "none" && tenantIds.length === 0) {
        warn("tenants", "multi-tenancy is on but no tenant is listed, so the Grafana datasource sends no X-Scope-OrgID and queries fail; list the tenants to get one datasource each");
    }
}

function checkLimits(value: unknown, path: string, report: Report): void {
    const limits = asObject(value);
    if (!limits) {
        return;
    }
    for (const field of ["ingestionRateLimitBytes", "ingestionBurstSizeBytes", "maxTracesPerUser", "maxBytesPerTrace"] as const) {
        if (typeof limits[field] === "number" && limits[field] <= 0) {
            report(joinPath(path, field), `must be positive (got ${limits[field]})`);
        }
    }
    const { ingestionRateLimitBytes: rate, ingestionBurstSizeBytes: burst } = limits;
    if (typeof rate === "number" && typeof burst === "number" && burst < rate) {
        report(joinPath(path, "ingestionBurstSizeBytes"), `must be at least ingestionRateLimitBytes (${rate}): a burst smaller than the rate refuses steady traffic`);
    }
    if (typeof limits.maxSearchDuration === "string" && limitDuration(limits.maxSearchDuration) === undefined) {
        report(joinPath(path, "maxSearchDuration"), `"${limits.maxSearchDuration}" is not a duration such as "168h" or "0s"`);
    }
}

function checkTenants(a: Partial<TempoClusterArgs>, report: Report): void {
    const tenants = asObject(a.tenants);
    if (!tenants) {
        return;
    }
    if (a.multitenancy === false && Object.keys(tenants).length > 0) {
        report("multitenancy", "is false, so every request is tenant `single-tenant` and the per-tenant overrides never apply; enable it or remove tenants");
    }
    for (const [id, tenant] of Object.entries(tenants)) {
        const path = `tenants.${id}`;
        if (!TENANT_ID.test(id) || id === "." || id === "..") {
            report(path, `"${id}" is not a tenant id Tempo accepts: up to 150 letters, digits and !-_.*'() (not "." or "..")`);
        }
        const settings = asObject(tenant);
        if (typeof settings?.retention === "string") {
            const minutes = parseDurationMinutes(settings.retention);
            if (minutes === undefined || minutes < 60) {
                report(joinPath(path, "retention"), `"${settings.retention}" must be a duration of at least 1h, such as "30d"`);
            }
        }
        checkLimits(settings?.limits, joinPath(path, "limits"), report);
        if (settings?.metricsGeneratorProcessors !== undefined && !generatorEnabled(a)) {
            report(joinPath(path, "metricsGeneratorProcessors"), "needs the metrics generator: set metricsGenerator.remoteWriteUrl");
        }
    }
}

function generatorEnabled(a: Partial<TempoClusterArgs>): boolean {
    const generator = asObject(a.metricsGenerator);
    return generator !== undefined && generator.enabled !== false;
}

function checkMetricsGenerator(a: Partial<TempoClusterArgs>, report: Report): void {
    const generator = asObject(a.metricsGenerator);
    if (!generator || generator.enabled === false) {
        return;
    }
    if (generator.remoteWriteUrl === undefined) {
        report(
            "metricsGenerator.remoteWriteUrl",
            "is required: generated metrics are only remote-written (e.g. http://prometheus.monitoring:9090/api/v1/write; the receiver must accept remote write)",
        );
    } else if (typeof generator.remoteWriteUrl === "string" && !/^https?:\/\/\S+$/.test(generator.remoteWriteUrl)) {
        report("metricsGenerator.remoteWriteUrl", "must be an http(s):// URL");
    }
    if ((generator.remoteWriteUsername === undefined) !== (generator.remoteWritePassword === undefined)) {
        report("metricsGenerator.remoteWritePassword", "set remoteWriteUsername and remoteWritePassword together");
    }
    const graphs = asObject(generator.serviceGraphs);
    const spans = asObject(generator.spanMetrics);
    if (graphs?.enabled === false && spans?.enabled === false) {
        report("metricsGenerator", "runs no processor: enable serviceGraphs or spanMetrics, or disable the generator");
    }
    for (const [path, buckets] of [
        ["metricsGenerator.serviceGraphs.histogramBuckets", graphs?.histogramBuckets],
        ["metricsGenerator.spanMetrics.histogramBuckets", spans?.histogramBuckets],
    ] as const) {
        if (Array.isArray(buckets) && buckets.some((b, i) => typeof b !== "number" || b <= 0 || (i > 0 && b <= buckets[i - 1]))) {
            report(path, "must be positive and strictly increasing");
        }
    }
    if (asObject(a.components)?.metricsGenerator?.autoscaling !== undefined) {
        report("components.metricsGenerator.autoscaling", "the chart cannot autoscale the metrics generator");
    }
}

function checkGateway(a: Partial<TempoClusterArgs>, report: Report): void {
    const gateway = asObject(a.gateway);
    if (!gateway || gateway.enabled === false) {
        return;
    }
    if (typeof gateway.host === "string" && !isDnsSubdomain(gateway.host)) {
        report("gateway.host", `"${gateway.host}" is not a host name`);
    }
    for (const field of ["ingressClassName", "tlsSecretName"] as const) {
        if (typeof gateway[field] === "string" && !isDnsSubdomain(gateway[field])) {
            report(joinPath("gateway", field), `"${gateway[field]}" is not a Kubernetes object name`);
        }
        if (gateway[field] !== undefined && gateway.host === undefined) {
            report(joinPath("gateway", field), "is only used with gateway.host (the Ingress)");
        }
    }
    checkKubernetesMap(gateway.annotations, "gateway.annotations", "annotations", report);
    if (typeof gateway.basicAuthUsername === "string" && !/^[^:\s]{1,64}$/.test(gateway.basicAuthUsername)) {
        report("gateway.basicAuthUsername", "must be 1-64 characters without ':' or spaces");
    }
    if (gateway.host !== undefined && gateway.basicAuth === false) {
        report("gateway.basicAuth", "an Ingress without basic auth exposes every tenant's traces; keep basic auth on, or drop gateway.host");
    }
    if (asObject(a.components)?.gateway?.autoscaling !== undefined) {
        report("components.gateway.autoscaling", "is not supported for the gateway; set components.gateway.replicas");
    }
}

function checkCache(a: Partial<TempoClusterArgs>, report: Report): void {
    const cache = asObject(a.cache);
    if (!cache) {
        return;
    }
    if (typeof cache.replicas === "number" && cache.replicas < 1) {
        report("cache.replicas", "must be at least 1 (disable the cache with cache.enabled: false)");
    }
    if (typeof cache.cpu === "string" && !CPU_QUANTITY.test(cache.cpu)) {
        report("cache.cpu", `"${cache.cpu}" is not a CPU quantity`);
    }
    if (typeof cache.memory === "string" && !BYTES_QUANTITY.test(cache.memory)) {
        report("cache.memory", `"${cache.memory}" is not a memory quantity`);
    }
}

function checkQuery(a: Partial<TempoClusterArgs>, report: Report): void {
    const query = asObject(a.query);
    if (!query) {
        return;
    }
    if (typeof query.defaultResultLimit === "number" && query.defaultResultLimit < 1) {
        report("query.defaultResultLimit", "must be at least 1");
    }
    if (
        typeof query.maxResultLimit === "number" &&
        query.maxResultLimit !== 0 &&
        query.maxResultLimit < (typeof query.defaultResultLimit === "number" ? query.defaultResultLimit : 20)
    ) {
        report("query.maxResultLimit", "must be 0 (no limit) or at least defaultResultLimit");
    }
    if (typeof query.maxSearchDuration === "string" && limitDuration(query.maxSearchDuration) === undefined) {
        report("query.maxSearchDuration", `"${query.maxSearchDuration}" is not a duration such as "168h" or "0s"`);
    }
}

/** `values` is checked against the chart's key tree, `tempoConfig` against the pinned Tempo's config keys. */
function checkEscapeHatches(a: Partial<TempoClusterArgs>, report: Report, warn: Report): void {
    const architecture = (a.architecture ?? Architecture.Distributed) as Architecture;
    const target = CHART_TARGETS[architecture];
    if (target === undefined) {
        return;
    }
    const chartName = target.chart as ChartName;
    const unchecked = Array.isArray(a.uncheckedValuePaths) ? a.uncheckedValuePaths.filter((p): p is string => typeof p === "string") : [];
    const isUnchecked = (path: string) => unchecked.some((prefix) => path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`));
    const values = asObject(a.values);
    if (values) {
        const chart = chartContract(chartName, target.version);
        const tempo = tempoContract(target.tempoVersion);
        for (const problem of checkChartValues(chart, values, passThroughRules(chartName, target.version), tempo)) {
            if (!isUnchecked(problem.path)) {
                report(joinPath("values", problem.path), `${problem.message} (list the path in uncheckedValuePaths if you are sure)`);
            }
        }
        for (const owned of OWNED_VALUE_PATHS) {
            if (hasPath(values, owned)) {
                warn(joinPath("values", owned), "overrides a value TempoCluster derives; the identity, URLs and monitoring will not follow it");
            }
        }
    }
    const tempoConfig = asObject(a.tempoConfig);
    if (tempoConfig && architecture === Architecture.Monolithic) {
        report("tempoConfig", "the monolithic chart has no structured config to merge into; use values.tempo.* for the keys it templates");
    } else if (tempoConfig) {
        for (const problem of checkTempoConfig(tempoContract(target.tempoVersion), tempoConfig)) {
            report(joinPath("tempoConfig", problem.path), `${problem.message}`);
        }
    }
}

function hasPath(value: Record<string, any>, path: string): boolean {
    let node: unknown = value;
    for (const key of path.split(".")) {
        const object = asObject(node);
        if (!object || !(key in object)) {
            return false;
        }
        node = object[key];
    }
    return true;
}
