/**
 * Recording rules.
 *
 * 1. The Tempo mixin's request-duration family (`cluster_namespace_job_route:tempo_request_duration_seconds:*`),
 *    scoped to this install's `cluster`/`namespace` so that two installs evaluated by one Prometheus never record the
 *    same output series twice. The query-latency alert reads the 99th-percentile series. The family is the same in the
 *    v2.9.0 and v3.0.3 mixins and `tempo_request_duration_seconds` exists in every architecture, so the rules are too.
 * 2. When the metrics generator is on: service-graph request and failed-request rates per client/server edge.
 *    **The `traces_service_graph_*` series are remote-written by the generator; they are never on Tempo's `/metrics`.**
 *    These rules only produce data in the Prometheus that *receives* the remote write, so put that group where that
 *    Prometheus evaluates rules. They select `cluster="<clusterLabel>"`, which the generator adds to every series when
 *    configured with {@link generatorExternalLabels}.
 * @see https://github.com/grafana/tempo/blob/v3.0.3/operations/tempo-mixin/rules.libsonnet
 * @see https://grafana.com/docs/tempo/latest/metrics-from-traces/service_graphs/
 */
import { promString, scope } from "./context";
import type { MonitoringContext, RecordingRule, RuleGroup } from "./types";

/** Name of the request-duration recording group (the mixin's group name). */
export const REQUEST_DURATION_GROUP = "tempo_rules";

/** Name of the service-graph recording group. */
export const SERVICE_GRAPH_GROUP = "tempo_service_graph_rules";

/** Prefix of the mixin's request-duration recorded series. */
export const REQUEST_DURATION_PREFIX = "cluster_namespace_job_route:tempo_request_duration_seconds";

/** Recorded p99 request latency per cluster, namespace, job and route (used by the query-latency alert). */
export const P99_LATENCY_SERIES = `${REQUEST_DURATION_PREFIX}:99quantile`;

/** Recorded service-graph request rate per client/server edge. */
export const SERVICE_GRAPH_REQUEST_RATE = "cluster_client_server:traces_service_graph_request:rate5m";

/** Recorded service-graph failed-request rate per client/server edge. */
export const SERVICE_GRAPH_FAILED_RATE = "cluster_client_server:traces_service_graph_request_failed:rate5m";

const BY_ROUTE = "cluster, namespace, job, route";

/** `sum by (<labels>) (rate(<metric>{<scope>}[1m]))`. */
function sumRate1m(ctx: MonitoringContext, metric: string, labels: string): string {
    return `sum by (${labels}) (rate(${metric}{${scope(ctx)}}[1m]))`;
}

/** The mixin's six request-duration series, computed from a 1m rate and scoped to this install. */
export function requestDurationRules(ctx: MonitoringContext): RecordingRule[] {
    const buckets = sumRate1m(ctx, "tempo_request_duration_seconds_bucket", `le, ${BY_ROUTE}`);
    const sum = sumRate1m(ctx, "tempo_request_duration_seconds_sum", BY_ROUTE);
    const count = sumRate1m(ctx, "tempo_request_duration_seconds_count", BY_ROUTE);
    return [
        { record: `${REQUEST_DURATION_PREFIX}:99quantile`, expr: `histogram_quantile(0.99, ${buckets})` },
        { record: `${REQUEST_DURATION_PREFIX}:50quantile`, expr: `histogram_quantile(0.50, ${buckets})` },
        { record: `${REQUEST_DURATION_PREFIX}:avg`, expr: `${sum} / ${count}` },
        { record: `${REQUEST_DURATION_PREFIX}_bucket:sum_rate`, expr: buckets },
        { record: `${REQUEST_DURATION_PREFIX}_sum:sum_rate`, expr: sum },
        { record: `${REQUEST_DURATION_PREFIX}_count:sum_rate`, expr: count },
    ];
}

/**
 * External labels the metrics generator should add to every remote-written series
 * (`metrics_generator.registry.external_labels`), so the service-graph rules can select this install's edges.
 */
export function generatorExternalLabels(ctx: Pick<MonitoringContext, "clusterLabel">): Record<string, string> {
    return { cluster: ctx.clusterLabel };
}

/**
 * Service-graph edge rates (5m) per `client`/`server`, from the generator's remote-written counters. Evaluate them in
 * the Prometheus that receives the generator's remote write, not in the one scraping Tempo.
 */
export function serviceGraphRules(ctx: MonitoringContext): RecordingRule[] {
    const selector = `cluster=${promString(ctx.clusterLabel)}`;
    const edgeRate = (metric: string) => `sum by (cluster, client, server) (rate(${metric}{${selector}}[5m]))`;
    return [
        { record: SERVICE_GRAPH_REQUEST_RATE, expr: edgeRate("traces_service_graph_request_total") },
        { record: SERVICE_GRAPH_FAILED_RATE, expr: edgeRate("traces_service_graph_request_failed_total") },
    ];
}

/** The recording-rule groups: request duration always; service graph when the generator is on (or forced). */
export function recordingRuleGroups(
    ctx: MonitoringContext,
    serviceGraph: boolean = ctx.metricsGenerator,
): RuleGroup<RecordingRule>[] {
    return [
        { name: REQUEST_DURATION_GROUP, rules: requestDurationRules(ctx) },
        ...(serviceGraph ? [{ name: SERVICE_GRAPH_GROUP, rules: serviceGraphRules(ctx) }] : []),
    ];
}
