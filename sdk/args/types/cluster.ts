/**
 * The top of {@link TempoClusterArgs}: where Tempo runs (cloud), which Tempo (architecture), how much protection and
 * size by default (profile), and the chart to install. The other sections live beside this file, one per area.
 */
import type { KafkaArgs } from "./kafka";
import type { GrafanaArgs, MonitoringArgs, VultureArgs } from "./observability";
import type { LimitsArgs, TenantArgs } from "./limits";
import type { MetricsGeneratorArgs } from "./metricsGenerator";
import type { AwsArgs, AzureArgs, GcpArgs, LocalStorageArgs, StorageArgs } from "./storage";
import type { CacheArgs, ComponentsArgs, GatewayArgs, QueryArgs, ReceiversArgs } from "./workload";

/** Where the trace bucket and the workload identity live. */
export const Cloud = {
    /** S3 + IRSA or EKS Pod Identity. */
    Aws: "aws",
    /** GCS + GKE Workload Identity. */
    Gcp: "gcp",
    /** Azure Blob + Azure Workload Identity. */
    Azure: "azure",
    /** An in-cluster S3-compatible object store, for local and development clusters. */
    Local: "local",
} as const;
/** A value of {@link Cloud}: one of its constants, or the string itself (e.g. from stack config). */
export type Cloud = (typeof Cloud)[keyof typeof Cloud];

/** Which Tempo architecture and chart line to install. */
export const Architecture = {
    /** Tempo 3 microservices (`tempo-distributed` 3.3.0, Tempo 3.0.3) with the Kafka write path. */
    Distributed: "distributed",
    /** Single binary (`tempo` chart 2.2.4). */
    Monolithic: "monolithic",
    /** Tempo 2 microservices with ingesters and a compactor (`tempo-distributed` 1.61.3, Tempo 2.9.0). */
    Classic: "classic",
} as const;
/** A value of {@link Architecture}: one of its constants, or the string itself (e.g. from stack config). */
export type Architecture = (typeof Architecture)[keyof typeof Architecture];

/** A bundle of defaults: protection of data, high availability and sizes. */
export const Profile = {
    /** Small, disposable: single replicas, the bucket may be force-destroyed, nothing protected. */
    Dev: "dev",
    /** Highly available and protected: the bucket is protected and retained on delete, never force-destroyed. */
    Production: "production",
} as const;
/** A value of {@link Profile}: one of its constants, or the string itself (e.g. from stack config). */
export type Profile = (typeof Profile)[keyof typeof Profile];

/** How the Helm chart is installed. */
export const ChartInstallMethod = {
    /** `kubernetes:helm.sh/v3:Release`: a real Helm release (hooks run, `helm ls` shows it). */
    Release: "release",
    /** `kubernetes:helm.sh/v4:Chart`: every rendered object is a Pulumi resource (object-level preview diffs). */
    Chart: "chart",
} as const;
/** A value of {@link ChartInstallMethod}: one of its constants, or the string itself (e.g. from stack config). */
export type ChartInstallMethod = (typeof ChartInstallMethod)[keyof typeof ChartInstallMethod];

/** Which chart to install and how. */
export interface ChartArgs {
    /** Helm repository URL. Defaults to the pinned repository of the architecture's chart line. */
    repository?: string;
    /** Chart version. Defaults to the pinned version (3.3.0 for `distributed`); a different version is your responsibility. */
    version?: string;
    /** `release` (default) or `chart`. */
    install?: ChartInstallMethod;
    /** How long Helm waits for the release, in seconds. Defaults to 600. */
    timeoutSeconds?: number;
    /**
     * A folder holding the chart packages as `helm pull` saves them (`<chart>-<version>.tgz`). When set, every chart
     * the component installs (Tempo, and the RustFS or Strimzi chart when used) is read from it at its pinned version
     * instead of from a repository: clusters without access to the chart repositories, and CI. Defaults to none.
     * @see https://helm.sh/docs/helm/helm_pull/
     */
    packageDirectory?: string;
    /**
     * Do not wait for what is installed to become ready: Helm releases are installed without waiting and the
     * provider's readiness checks are off for the component's own Jobs and Kafka objects, so `pulumi up` finishes once
     * the API server has stored every object. For API servers without nodes (tests, dry environments) and rollouts
     * that another tool watches. Defaults to `false`.
     * @see https://www.pulumi.com/registry/packages/kubernetes/api-docs/helm/v3/release/#skipawait_nodejs
     */
    skipAwait?: boolean;
}

/**
 * Settings for running a new TempoCluster beside an old one on the same bucket (see docs/upgrading.md).
 * @see https://grafana.com/docs/tempo/latest/set-up-for-tracing/setup-tempo/upgrade/
 */
export interface MigrationArgs {
    /** Stop this install from compacting or expiring blocks (the other install still does), until cutover. Defaults to `false`. */
    disableCompaction?: boolean;
}

/** Everything {@link TempoCluster} needs; only `cloud` is required. */
export interface TempoClusterArgs {
    /** Where the bucket and identity live. */
    cloud: Cloud;
    /** Defaults to `distributed` (Tempo 3). */
    architecture?: Architecture;
    /** Defaults to `production`. */
    profile?: Profile;
    /** Namespace of Tempo. Defaults to `tempo`. */
    namespace?: string;
    /** Create the namespace. Defaults to `true`; set `false` when it already exists. */
    createNamespace?: boolean;
    /**
     * The cluster's DNS domain, used in the in-cluster URLs the component outputs. Defaults to `cluster.local`.
     * @see https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/
     */
    clusterDomain?: string;
    /**
     * How long traces are kept: a duration such as `14d`, `336h` or `90m` (at least 1h). Defaults to `14d`.
     * @see https://grafana.com/docs/tempo/latest/configuration/#compaction
     */
    retention?: string;
    /**
     * Expected peak ingest in MB/s; partitions, replicas, resources and Kafka disks are derived from it.
     * Defaults to 5 (production) or 1 (dev).
     * @see https://grafana.com/docs/tempo/latest/set-up-for-tracing/setup-tempo/plan/size/
     */
    ingestMBps?: number;
    /** Availability zones to run in, e.g. `["eu-west-1a", "eu-west-1b", "eu-west-1c"]`: pods are pinned to them and spread across them, and Kafka is rack-aware. */
    zones?: string[];
    /** The bucket. */
    storage?: StorageArgs;
    /** AWS settings; required when `cloud: aws`. */
    aws?: AwsArgs;
    /** Google Cloud settings; required when `cloud: gcp`. */
    gcp?: GcpArgs;
    /** Azure settings; required when `cloud: azure`. */
    azure?: AzureArgs;
    /** In-cluster object store settings (`cloud: local`). */
    local?: LocalStorageArgs;
    /** Kafka (Tempo 3 distributed only). */
    kafka?: KafkaArgs;
    /** Per-component replicas and resources. */
    components?: ComponentsArgs;
    /** Trace receivers. */
    receivers?: ReceiversArgs;
    /** Chart version, repository and install method. */
    chart?: ChartArgs;
    /** Global ingestion and query limits (`overrides.defaults`). */
    limits?: LimitsArgs;
    /** Per-tenant retention, limits and generator processors, keyed by tenant id. */
    tenants?: { [tenantId: string]: TenantArgs };
    /** Require `X-Scope-OrgID` on every read and write. Defaults to `true` when `tenants` are given. */
    multitenancy?: boolean;
    /** Service graphs and span metrics. */
    metricsGenerator?: MetricsGeneratorArgs;
    /** The nginx gateway and its Ingress. */
    gateway?: GatewayArgs;
    /** The memcached query cache. */
    cache?: CacheArgs;
    /** Search limits and streaming. */
    query?: QueryArgs;
    /**
     * Escape hatch: Helm values deep-merged over the derived ones, last. Every key path is checked against the chart's
     * published values; list paths you know are right but the check cannot see in `uncheckedValuePaths`.
     */
    values?: { [key: string]: any };
    /** Dotted value paths (prefixes) exempt from the escape-hatch key check, e.g. `["extraObjects"]`. */
    uncheckedValuePaths?: string[];
    /** Side-by-side migration settings. */
    migration?: MigrationArgs;
    /** ServiceMonitors, alerts, recording rules, dashboards. */
    monitoring?: MonitoringArgs;
    /** The Grafana datasource. */
    grafana?: GrafanaArgs;
    /** Tempo Vulture, the synthetic trace that proves writes and reads end to end. On by default in production. */
    vulture?: VultureArgs;
    /** Escape hatch into Tempo's own config (`tempo.structuredConfig`), checked against the pinned Tempo's config keys. */
    tempoConfig?: { [key: string]: any };
}
