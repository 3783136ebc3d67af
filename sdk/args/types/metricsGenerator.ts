/**
 * The metrics generator: service graphs and span metrics from traces, remote-written to Prometheus or Mimir.
 */
import type * as pulumi from "@pulumi/pulumi";

/**
 * The metrics generator: service graphs and span metrics from traces, remote-written to Prometheus/Mimir.
 * @see https://grafana.com/docs/tempo/latest/metrics-from-traces/metrics-generator/
 */
export interface MetricsGeneratorArgs {
    /** Run the generator. Defaults to `true` when this section is given. */
    enabled?: boolean;
    /**
     * Prometheus remote-write URL (required when enabled), e.g. `http://prometheus.monitoring:9090/api/v1/write`; the
     * receiver must accept remote write. May be an output.
     */
    remoteWriteUrl?: pulumi.Input<string>;
    /** Extra HTTP headers on remote writes (not secret). */
    remoteWriteHeaders?: { [name: string]: string };
    /** Basic-auth user for remote writes. May be an output. */
    remoteWriteUsername?: pulumi.Input<string>;
    /** Basic-auth password for remote writes; stays secret (delivered through a Kubernetes Secret). */
    remoteWritePassword?: pulumi.Input<string>;
    /** Labels added to every generated series, e.g. `{ cluster: "prod" }`. */
    externalLabels?: { [name: string]: string };
    /** Service graph processor. */
    serviceGraphs?: ServiceGraphsArgs;
    /** Span metrics processor. */
    spanMetrics?: SpanMetricsArgs;
}

/** Metrics-generator processors Tempo 3 knows. */
export const MetricsGeneratorProcessor = {
    /** Service graph edges (`traces_service_graph_*`). */
    ServiceGraphs: "service-graphs",
    /** RED metrics per span (`traces_spanmetrics_*`). */
    SpanMetrics: "span-metrics",
    /** Host info (`traces_host_info`). */
    HostInfo: "host-info",
} as const;
/** A value of {@link MetricsGeneratorProcessor}: one of its constants, or the string itself (e.g. from stack config). */
export type MetricsGeneratorProcessor = (typeof MetricsGeneratorProcessor)[keyof typeof MetricsGeneratorProcessor];

/** Service graph processor settings. */
export interface ServiceGraphsArgs {
    /** Run the processor. Defaults to `true` when the generator is enabled. */
    enabled?: boolean;
    /** Span attributes added as labels, e.g. `["http.method"]`. */
    dimensions?: string[];
    /** Latency histogram buckets, seconds. Defaults to the chart's (0.1 … 12.8). */
    histogramBuckets?: number[];
    /** Attributes that name a peer (virtual node) when only one side is instrumented, e.g. `["db.name"]`. */
    peerAttributes?: string[];
}

/** Span metrics processor settings. */
export interface SpanMetricsArgs {
    /** Run the processor. Defaults to `true` when the generator is enabled. */
    enabled?: boolean;
    /** Span attributes added as labels. */
    dimensions?: string[];
    /** Latency histogram buckets, seconds. Defaults to the chart's (0.002 … 4.1). */
    histogramBuckets?: number[];
}
