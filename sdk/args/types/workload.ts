/**
 * What runs and how big: the Tempo components, the receivers, the query cache, search settings and the gateway.
 */
import type * as pulumi from "@pulumi/pulumi";

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
