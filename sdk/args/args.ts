/**
 * Public argument types of {@link TempoCluster}.
 *
 * These are plain interfaces and enums so that Pulumi's schema inference (`pulumi package add`) can turn them into a
 * multi-language schema: no unions, no anonymous object types. Enums are declared the way Pulumi's generated SDKs
 * declare them — a constant object plus the union of its values — so `cloud: Cloud.Aws` and `cloud: "aws"` both
 * type-check, and schema inference still sees an enum.
 *
 * Fields that name something outside the component — cluster names, OIDC providers and issuers, account ids,
 * projects, resource groups, an existing bucket, keys, Kafka brokers and user, the remote-write target, Grafana's
 * namespace and uids, the gateway's host and TLS secret — are `pulumi.Input`s, so programs wire them from other
 * resources and stack references. They are validated at construction when they are plain and when they resolve when
 * they are outputs, with the same field-named messages; the Helm release waits for those checks. Fields that shape the
 * resource graph — cloud, architecture, profile, toggles, counts, sizes, zones, regions and locations — are plain
 * values: the component needs them at construction to decide what to create. Secrets are inputs too, so they stay
 * Pulumi secrets end to end.
 */
import type * as pulumi from "@pulumi/pulumi";

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

/** How Tempo's pods obtain AWS credentials. */
export const AwsIdentityMode = {
    /**
     * IAM Roles for Service Accounts: the role trusts the cluster's OIDC provider for this one ServiceAccount.
     * @see https://docs.aws.amazon.com/eks/latest/userguide/iam-roles-for-service-accounts.html
     */
    Irsa: "irsa",
    /**
     * EKS Pod Identity: the role trusts `pods.eks.amazonaws.com` and an association binds it to the ServiceAccount.
     * Needs the `eks-pod-identity-agent` add-on on the cluster.
     * @see https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html
     */
    PodIdentity: "pod-identity",
} as const;
/** A value of {@link AwsIdentityMode}: one of its constants, or the string itself (e.g. from stack config). */
export type AwsIdentityMode = (typeof AwsIdentityMode)[keyof typeof AwsIdentityMode];

/** Where Tempo 3's Kafka comes from. */
export const KafkaMode = {
    /** Kafka in the cluster, managed through the Strimzi operator. */
    Strimzi: "strimzi",
    /** A broker you already run (plaintext or SASL/PLAIN; Tempo 3.0.3 cannot speak TLS to Kafka). */
    External: "external",
} as const;
/** A value of {@link KafkaMode}: one of its constants, or the string itself (e.g. from stack config). */
export type KafkaMode = (typeof KafkaMode)[keyof typeof KafkaMode];

/** How the Helm chart is installed. */
export const ChartInstallMethod = {
    /** `kubernetes:helm.sh/v3:Release`: a real Helm release (hooks run, `helm ls` shows it). */
    Release: "release",
    /** `kubernetes:helm.sh/v4:Chart`: every rendered object is a Pulumi resource (object-level preview diffs). */
    Chart: "chart",
} as const;
/** A value of {@link ChartInstallMethod}: one of its constants, or the string itself (e.g. from stack config). */
export type ChartInstallMethod = (typeof ChartInstallMethod)[keyof typeof ChartInstallMethod];

/** The trace bucket. */
export interface StorageArgs {
    /**
     * Name of the bucket (the blob container on Azure) to create. Defaults to `<project>-<stack>-<name>-traces`,
     * lower-cased and shortened with a stable hash when longer than the cloud allows. Deterministic, so previews show
     * the final name.
     */
    bucketName?: string;
    /**
     * Use this existing bucket instead of creating one; the identity is still created and scoped to it. May be an
     * output (e.g. the name of a bucket another stack manages).
     */
    existingBucket?: pulumi.Input<string>;
    /**
     * Customer-managed encryption key: a KMS key ARN on AWS, a Cloud KMS key name
     * (`projects/…/locations/…/keyRings/…/cryptoKeys/…`) on GCP, a Key Vault key URL on Azure. Without it the
     * cloud's own keys encrypt the data.
     * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html
     * @see https://cloud.google.com/storage/docs/encryption/customer-managed-keys
     * @see https://learn.microsoft.com/azure/storage/common/customer-managed-keys-overview
     */
    encryptionKey?: pulumi.Input<string>;
    /** Let `pulumi destroy` delete a bucket that still holds traces. Defaults to `true` for `profile: dev`, else `false`. */
    forceDestroy?: boolean;
    /**
     * Protect the bucket: Pulumi refuses to delete it. Defaults to `true` for `profile: production`, else `false`.
     * Production buckets are also always retained on delete, so turning protection off (e.g. to hand the bucket over
     * during a migration) and then removing the component leaves the bucket and its traces in place.
     */
    protect?: boolean;
}

/** AWS settings (required when `cloud: aws`). */
export interface AwsArgs {
    /**
     * Region of the bucket and the EKS cluster, e.g. `eu-west-1`. Defaults to the AWS provider's region. A plain
     * value: zones are checked against it.
     */
    region?: string;
    /**
     * Account id used to build ARNs known at preview time. Defaults to the caller identity's account. May be an
     * output (e.g. `aws.getCallerIdentityOutput().accountId`); it is checked when it resolves.
     */
    accountId?: pulumi.Input<string>;
    /**
     * EKS cluster name: its OIDC issuer is looked up (IRSA) and it is the target of the pod identity association.
     * May be an output of the cluster resource or a stack reference.
     * @see https://docs.aws.amazon.com/eks/latest/userguide/enable-iam-roles-for-service-accounts.html
     */
    clusterName?: pulumi.Input<string>;
    /** ARN of the cluster's IAM OIDC provider (IRSA without a cluster lookup); needs `oidcIssuerUrl`. May be an output. */
    oidcProviderArn?: pulumi.Input<string>;
    /** The cluster's OIDC issuer URL, e.g. `https://oidc.eks.eu-west-1.amazonaws.com/id/ABC123`. May be an output. */
    oidcIssuerUrl?: pulumi.Input<string>;
    /** How pods get credentials. Defaults to `irsa`. */
    identityMode?: AwsIdentityMode;
    /** Name of the IAM role Tempo assumes. Defaults to `<name>-tempo-<stack>`, shortened to 64 characters. */
    roleName?: string;
    /** Tags added to every AWS resource. */
    tags?: { [key: string]: string };
}

/**
 * In-cluster Kafka through the Strimzi operator (KRaft, `kafka.strimzi.io/v1`).
 * @see https://strimzi.io/docs/operators/latest/deploying
 */
export interface StrimziArgs {
    /** Install the Strimzi operator (Helm release in Tempo's namespace). Defaults to `true`; set `false` when the cluster already runs one that watches Tempo's namespace. */
    installOperator?: boolean;
    /** Kafka brokers. Defaults to 3 (production: replication factor 3, `min.insync.replicas` 2) or 1 (dev). */
    brokers?: number;
    /** Disk per broker, e.g. `500Gi`. Defaults to the retained bytes at the expected ingest rate (see docs/sizing.md); dev uses ephemeral storage unless set. */
    storageSize?: string;
    /** StorageClass of the broker and controller volumes. Defaults to the cluster's default class. */
    storageClass?: string;
    /** How long the topic keeps records, at least 40m (twice Tempo's block completion timeout). Defaults to `24h` (production) or `2h` (dev). */
    topicRetention?: string;
}

/** Google Cloud settings (required when `cloud: gcp`). */
export interface GcpArgs {
    /** Project of the bucket and the Google service account. May be an output (e.g. of a `gcp.organizations.Project`). */
    project: pulumi.Input<string>;
    /**
     * Bucket location: a region (`europe-west1`), dual-region or multi-region (`EU`).
     * @see https://cloud.google.com/storage/docs/locations
     */
    location: string;
    /**
     * Project of the GKE cluster whose workload identity pool (`<project>.svc.id.goog`) the pods use. Defaults to
     * `project`. May be an output.
     */
    clusterProject?: pulumi.Input<string>;
    /** Account id of the Google service account Tempo runs as (6-30 characters). Defaults to `tempo-<hash of project/stack/name>`. */
    serviceAccountId?: string;
    /** Labels added to the bucket. */
    labels?: { [key: string]: string };
}

/** Azure settings (required when `cloud: azure`). */
export interface AzureArgs {
    /** Resource group of the storage account and the managed identity. May be an output (e.g. of a `ResourceGroup`). */
    resourceGroupName: pulumi.Input<string>;
    /** Azure region, e.g. `westeurope`. A plain value: zones are checked against it. */
    location: string;
    /**
     * The AKS cluster's OIDC issuer URL (`az aks show --query oidcIssuerProfile.issuerUrl`), e.g. the cluster
     * resource's `oidcIssuerProfile.issuerURL` output. Or give `clusterName`.
     */
    oidcIssuerUrl?: pulumi.Input<string>;
    /** AKS cluster name, to look its OIDC issuer up; with `clusterResourceGroupName` when it lives elsewhere. May be an output. */
    clusterName?: pulumi.Input<string>;
    /** Resource group of the AKS cluster. Defaults to `resourceGroupName`. May be an output. */
    clusterResourceGroupName?: pulumi.Input<string>;
    /**
     * Storage account name (3-24 lower-case letters and digits, globally unique). Defaults to `tempo` + a stable hash.
     * With `storage.existingBucket`, the existing account that holds that container. May be an output.
     */
    storageAccountName?: pulumi.Input<string>;
    /**
     * Resource id of the Key Vault holding `storage.encryptionKey` (needed to grant the storage account use of the
     * key). May be an output.
     */
    keyVaultId?: pulumi.Input<string>;
    /** Tags added to every Azure resource. */
    tags?: { [key: string]: string };
}

/**
 * The in-cluster S3-compatible object store (`cloud: local`): a RustFS release in Tempo's namespace with generated
 * credentials; or, with `storage.existingBucket`, an S3-compatible store you already run.
 * @see https://github.com/rustfs/rustfs
 */
export interface LocalStorageArgs {
    /** Volume size of the in-cluster store. Defaults to `10Gi`. */
    storageSize?: string;
    /** StorageClass of that volume. Defaults to the cluster's default class. */
    storageClass?: string;
    /** With `storage.existingBucket`: the store's S3 endpoint, `host:port` without a scheme. */
    endpoint?: string;
    /** With `storage.existingBucket`: the access key id. */
    accessKeyId?: string;
    /** With `storage.existingBucket`: the secret access key (kept secret; set `tempo:localSecretAccessKey` in stack config). */
    secretAccessKey?: pulumi.Input<string>;
    /** With `storage.existingBucket`: talk plain HTTP to the endpoint. Defaults to `false`. */
    insecure?: boolean;
    /** Monolithic only: keep blocks on the pod's persistent volume instead of an object store (development). Defaults to `false`. */
    filesystem?: boolean;
}

/** Kafka for the Tempo 3 write path. */
export interface KafkaArgs {
    /** Defaults to `strimzi` (in-cluster); `external` needs `brokers`. */
    mode?: KafkaMode;
    /**
     * External broker addresses, `host:port` each (plaintext listener; Tempo 3.0.3 has no Kafka TLS). The list is
     * plain; each address may be an output (e.g. a managed cluster's bootstrap address), checked when it resolves.
     */
    brokers?: pulumi.Input<string>[];
    /**
     * Topic Tempo writes to. Defaults to `tempo-traces`.
     * @see https://grafana.com/docs/tempo/latest/configuration/#ingest
     */
    topic?: string;
    /**
     * Partitions of the topic; block-builder and live-store replicas always equal it. Defaults to
     * ceil(`ingestMBps` ÷ 10), at least 3 in production and 1 in dev.
     * @see https://grafana.com/docs/tempo/latest/set-up-for-tracing/setup-tempo/plan/size/
     */
    partitions?: number;
    /** SASL/PLAIN user name (set together with `saslPassword`). May be an output. */
    saslUsername?: pulumi.Input<string>;
    /** SASL/PLAIN password; kept secret and delivered to pods through a Kubernetes Secret. */
    saslPassword?: pulumi.Input<string>;
    /** In-cluster Kafka settings (`mode: strimzi`). */
    strimzi?: StrimziArgs;
}

/**
 * Horizontal pod autoscaling of a stateless component (distributor, querier, queryFrontend, backendWorker).
 * @see https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
 */
export interface AutoscalingArgs {
    /** Least replicas. Defaults to the sized replica count. */
    minReplicas?: number;
    /** Most replicas (required). */
    maxReplicas: number;
    /** Average CPU utilisation to aim for, percent of requests. Defaults to 60. */
    targetCpuPercent?: number;
}

/** Size and placement of one Tempo component. */
export interface ComponentArgs {
    /** Replica count. Defaults come from `ingestMBps` (see docs/sizing.md); live-store and block-builder always equal the Kafka partitions. */
    replicas?: number;
    /** CPU request (and limit), Kubernetes quantity such as `500m` or `2`. */
    cpu?: string;
    /** Memory request and limit, Kubernetes quantity such as `4Gi`. */
    memory?: string;
    /** Scale between bounds on CPU instead of a fixed replica count (stateless components only). */
    autoscaling?: AutoscalingArgs;
    /** Persistent volume size, e.g. `20Gi` (the classic ingesters' WAL, the monolithic binary's WAL and blocks). */
    storageSize?: string;
    /** StorageClass of that volume. Defaults to the cluster's default class. */
    storageClass?: string;
}

/** Per-component settings. */
export interface ComponentsArgs {
    distributor?: ComponentArgs;
    querier?: ComponentArgs;
    queryFrontend?: ComponentArgs;
    liveStore?: ComponentArgs;
    blockBuilder?: ComponentArgs;
    backendScheduler?: ComponentArgs;
    backendWorker?: ComponentArgs;
    /** The metrics generator (when enabled). Defaults to the distributor's size. */
    metricsGenerator?: ComponentArgs;
    /** The gateway (when enabled). Defaults to 1 replica (dev) or 2 (production). */
    gateway?: ComponentArgs;
    /** Classic (Tempo 2): the ingesters; at least the replication factor (3 in production). */
    ingester?: ComponentArgs;
    /** Classic (Tempo 2): the compactor. */
    compactor?: ComponentArgs;
    /** Monolithic: the single Tempo binary (exactly one replica). */
    tempo?: ComponentArgs;
}

/**
 * Trace receivers on the distributor. All bind to `0.0.0.0` (upstream receivers default to localhost).
 * @see https://grafana.com/docs/tempo/latest/configuration/#distributor
 */
export interface ReceiversArgs {
    /** OTLP over gRPC on 4317. Defaults to `true`. */
    otlpGrpc?: boolean;
    /** OTLP over HTTP on 4318. Defaults to `true`. */
    otlpHttp?: boolean;
    /** Jaeger thrift over HTTP on 14268. Defaults to `false`. */
    jaegerThriftHttp?: boolean;
    /** Jaeger gRPC on 14250. Defaults to `false`. */
    jaegerGrpc?: boolean;
    /** Zipkin on 9411. Defaults to `false`. */
    zipkin?: boolean;
}

/**
 * Ingestion and query limits, rendered into Tempo's scoped overrides (`overrides.defaults`, or a tenant's block).
 * @see https://grafana.com/docs/tempo/latest/configuration/#overrides
 */
export interface LimitsArgs {
    /** Per-tenant ingestion rate, bytes/s (`ingestion.rate_limit_bytes`). Tempo's default: 30000000. */
    ingestionRateLimitBytes?: number;
    /** Burst allowance, bytes; at least the rate (`ingestion.burst_size_bytes`). Tempo's default: 30000000. */
    ingestionBurstSizeBytes?: number;
    /** Live traces per live-store instance (`ingestion.max_traces_per_user`). Tempo's default: 10000. */
    maxTracesPerUser?: number;
    /** Largest trace, bytes (`global.max_bytes_per_trace`). Tempo's default: 5000000. */
    maxBytesPerTrace?: number;
    /** Longest time range one search may cover, e.g. `168h` (`read.max_search_duration`); `0s` = no limit. */
    maxSearchDuration?: string;
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

/** One tenant's overrides. Tempo does not merge a tenant's block with the defaults; TempoCluster does it for you. */
export interface TenantArgs {
    /** This tenant's trace retention, e.g. `30d` (the bucket lifecycle follows the longest retention). */
    retention?: string;
    /** This tenant's limits, over the global `limits`. */
    limits?: LimitsArgs;
    /** Processors the metrics generator runs for this tenant. Defaults to the generator's processors. */
    metricsGeneratorProcessors?: MetricsGeneratorProcessor[];
}

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

/** The in-cluster query cache (memcached), used for bloom filters, Parquet footers and search results. */
export interface CacheArgs {
    /** Run memcached. Defaults to `true`. */
    enabled?: boolean;
    /** Replicas. Defaults to 1 (dev) or 2 (production). */
    replicas?: number;
    /** CPU request. Defaults to `100m` (dev) or `500m` (production). */
    cpu?: string;
    /** Memory request and limit; memcached uses about 80% of it for items. Defaults to `256Mi` (dev) or `2Gi` (production). */
    memory?: string;
    /**
     * Tempo 3 only: dedicated memcached pools per cache role, each sized like the main one; the main pool keeps the
     * other roles. Defaults to none.
     * @see https://grafana.com/docs/tempo/latest/operations/caching/
     */
    dedicatedPools?: CacheRole[];
}

/** Cache roles that can get a dedicated memcached pool (tempo-distributed 3.x). */
export const CacheRole = {
    /** Bloom filters (block lookups by trace id). */
    Bloom: "bloom",
    /** Parquet footers (every block read). */
    ParquetFooter: "parquet-footer",
    /** Search results of the query-frontend. */
    FrontendSearch: "frontend-search",
} as const;
/** A value of {@link CacheRole}: one of its constants, or the string itself (e.g. from stack config). */
export type CacheRole = (typeof CacheRole)[keyof typeof CacheRole];

/** Search settings at the keys Tempo 3 reads (`query_frontend.search`). */
export interface QueryArgs {
    /** Results returned when a search does not ask for a number. Tempo's default: 20. */
    defaultResultLimit?: number;
    /** Most results one search may ask for; 0 = no limit. */
    maxResultLimit?: number;
    /** Longest time range one search may cover, e.g. `168h`; `0s` = no limit. Tempo's default: 168h. */
    maxSearchDuration?: string;
    /** Let Grafana stream search and metrics results (`stream_over_http_enabled`). Defaults to `true`. */
    streaming?: boolean;
}

/** The nginx gateway in front of Tempo: one address for writes and reads, optional basic auth and an Ingress. */
export interface GatewayArgs {
    /** Run the gateway. Defaults to `true` when this section is given. */
    enabled?: boolean;
    /** Host name of the Ingress; without it no Ingress is created. May be an output (e.g. a DNS record's name). */
    host?: pulumi.Input<string>;
    /** IngressClass, e.g. `nginx`. */
    ingressClassName?: string;
    /** Secret holding the Ingress TLS certificate (e.g. issued by cert-manager). May be an output. */
    tlsSecretName?: pulumi.Input<string>;
    /** Annotations on the Ingress, e.g. `{ "cert-manager.io/cluster-issuer": "letsencrypt" }`. */
    annotations?: { [name: string]: string };
    /** Require HTTP basic auth; the password is generated once and exported as the secret output `gatewayPassword`. Defaults to `true` with an Ingress. */
    basicAuth?: boolean;
    /** Basic-auth user name. Defaults to `tempo`. */
    basicAuthUsername?: string;
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

/** One alert threshold override. */
export interface AlertThresholdArgs {
    /** The threshold value the alert compares against. */
    value?: number;
    /** How long the condition must hold before the alert fires, e.g. `10m`. */
    for?: string;
}

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

/**
 * Settings for running a new TempoCluster beside an old one on the same bucket (see docs/upgrading.md).
 * @see https://grafana.com/docs/tempo/latest/set-up-for-tracing/setup-tempo/upgrade/
 */
export interface MigrationArgs {
    /** Stop this install from compacting or expiring blocks (the other install still does), until cutover. Defaults to `false`. */
    disableCompaction?: boolean;
}

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
    /** Escape hatch into Tempo's own config (`tempo.structuredConfig`), checked against the pinned Tempo's config keys. */
    tempoConfig?: { [key: string]: any };
}
