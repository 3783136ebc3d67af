/**
 * Day-2 wiring: ServiceMonitors, alerts, recording rules and dashboards, and Tempo's Grafana datasource.
 */
import type * as pulumi from "@pulumi/pulumi";

/**
 * ServiceMonitors, alerts with runbooks, recording rules and dashboards for the Prometheus operator and Grafana.
 * @see https://prometheus-operator.dev/docs/developer/getting-started/
 */
export interface MonitoringArgs {
    /** ServiceMonitors for every Tempo component (and memcached). Defaults to `true`. */
    serviceMonitor?: boolean;
    /** A PrometheusRule with alerts and recording rules. Defaults to `true`. */
    alerts?: boolean;
    /** Dashboards as ConfigMaps for the Grafana dashboard sidecar. Defaults to `true`. */
    dashboards?: boolean;
    /** Labels your Prometheus selects ServiceMonitors and rules by. Defaults to `{ release: "kube-prometheus-stack" }`. */
    labels?: { [name: string]: string };
    /** Value of the `cluster` label on Tempo's series (the Tempo mixin's convention). Defaults to the stack name. */
    clusterLabel?: string;
    /**
     * Base URL of the runbooks (`docs/runbooks.md`); alerts link `<url>#<alert>`. Defaults to the runbooks of the
     * installed release (`https://github.com/tempo-cluster/tempo-cluster/blob/v<version>/docs/runbooks.md`), so links
     * match the alerts this version creates.
     */
    runbookUrl?: string;
    /** Per-alert threshold overrides by threshold name (see docs/monitoring.md), e.g. `{ queryLatencyP99: { value: 10 } }`. */
    thresholds?: { [name: string]: AlertThresholdArgs };
}

/** One alert threshold override. */
export interface AlertThresholdArgs {
    /** The threshold value the alert compares against. */
    value?: number;
    /** How long the condition must hold before the alert fires, e.g. `10m`. */
    for?: string;
}

/**
 * Where Tempo's Grafana datasource goes and what it links to.
 * @see https://grafana.com/docs/grafana/latest/datasources/tempo/configure-tempo-data-source/
 */
export interface GrafanaArgs {
    /** Delivery. Defaults to `configmap`. */
    datasource?: DatasourceMode;
    /** Grafana's namespace (where a default sidecar looks). Defaults to `monitoring`. May be an output. */
    namespace?: pulumi.Input<string>;
    /** Labels of the datasource ConfigMap. Defaults to `{ grafana_datasource: "1" }` (kube-prometheus-stack's sidecar). */
    datasourceLabels?: { [name: string]: string };
    /** grafana-operator: labels selecting the Grafana instance(s) (required for that mode). */
    instanceSelector?: { [name: string]: string };
    /** Loki datasource uid, for trace → logs links. May be an output (e.g. of a `grafana.oss.DataSource`). */
    lokiUid?: pulumi.Input<string>;
    /** Prometheus/Mimir datasource uid, for trace → metrics links and the service map (with the metrics generator). May be an output. */
    prometheusUid?: pulumi.Input<string>;
    /** Pyroscope datasource uid, for trace → profiles links. May be an output. */
    pyroscopeUid?: pulumi.Input<string>;
}

/** How Grafana gets Tempo's datasource. */
export const DatasourceMode = {
    /** A ConfigMap (a Secret when it carries credentials) for the Grafana datasource sidecar. */
    ConfigMap: "configmap",
    /** `GrafanaDatasource` objects for the grafana-operator. */
    GrafanaOperator: "grafana-operator",
    /** Through Grafana's HTTP API with `@pulumiverse/grafana` (pass its provider in `opts.providers`). */
    GrafanaApi: "grafana-api",
    /** No datasource. */
    None: "none",
} as const;
/** A value of {@link DatasourceMode}: one of its constants, or the string itself (e.g. from stack config). */
export type DatasourceMode = (typeof DatasourceMode)[keyof typeof DatasourceMode];

/**
 * Tempo Vulture: a small program that writes a synthetic trace every few seconds through Tempo's own OTLP gRPC
 * receiver and reads it back by id and by search through the query-frontend, counting what it could not find or found
 * wrong. It proves, continuously and in your cluster, that Tempo stores and returns traces; its error metrics feed the
 * `TempoVulture*` alerts. Installed from the `tempo-vulture` chart as the release `<name>-vulture`, beside Tempo.
 *
 * One vulture writes and reads as one tenant: it proves the write and read path every tenant shares. Per-tenant
 * limits and overrides are watched by the overrides alerts, not by one vulture per tenant.
 * @see https://grafana.com/docs/tempo/latest/operations/monitor/vulture/
 */
export interface VultureArgs {
    /**
     * Run the vulture. Defaults to `true` for the `production` profile and `false` for `dev`: in production it is the
     * one signal that shows end to end that traces written are traces returned, for the cost of one small pod and a
     * trickle of synthetic traces; a dev install rarely needs that proof. Needs the OTLP gRPC receiver (the default is
     * `false` when `receivers.otlpGrpc` is off).
     * @see https://grafana.com/docs/tempo/latest/operations/monitor/vulture/
     */
    enabled?: boolean;
    /**
     * With multi-tenancy, the tenant whose traces the vulture writes and reads (sent as its `-tempo-org-id`). Defaults
     * to the first tenant of `tenants` in sorted order, else `tempo-vulture`. Only valid with multi-tenancy.
     * @see https://grafana.com/docs/tempo/latest/operations/monitor/vulture/
     */
    tenant?: string;
}
