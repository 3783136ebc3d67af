/**
 * The resolved spec: every default applied, every name derived. Everything downstream of the args (chart values,
 * manifests, endpoints, the resources the shell creates) reads this shape; `resolution/` builds it.
 */
import type * as pulumi from "@pulumi/pulumi";
import type {
    Architecture,
    AwsIdentityMode,
    CacheRole,
    ChartInstallMethod,
    Cloud,
    DatasourceMode,
    KafkaMode,
    MetricsGeneratorProcessor,
    Profile,
} from "./types";
import type { TempoComponent } from "./defaults";
import type { ResolvedOverrides } from "./overrides";
import type { ChartTarget, StrimziTarget } from "./targets";

/** Everything the core derives from; plain data apart from secret inputs. */
export interface ResolvedSpec {
    readonly name: string;
    readonly project: string;
    readonly stack: string;
    readonly cloud: Cloud;
    readonly architecture: Architecture;
    readonly profile: Profile;
    readonly namespace: string;
    readonly createNamespace: boolean;
    readonly clusterDomain: string;
    /** Helm release name and chart `fullnameOverride`: every Service is `<releaseName>-<component>`. */
    readonly releaseName: string;
    /** The one ServiceAccount every Tempo pod runs as; created by the component, named in the trust policy. */
    readonly serviceAccountName: string;
    readonly retentionMinutes: number;
    /** Retention as a Go duration (`336h`). */
    readonly retention: string;
    /** Expected peak ingest, MB/s. */
    readonly ingestMBps: number;
    /** Zones to pin and spread pods across; empty for no constraint. */
    readonly zones: readonly string[];
    readonly storage: ResolvedStorage;
    readonly aws?: ResolvedAws;
    readonly gcp?: ResolvedGcp;
    readonly azure?: ResolvedAzure;
    readonly local?: ResolvedLocal;
    /** Kafka (Tempo 3 distributed only). */
    readonly kafka?: ResolvedKafka;
    /** Tempo 2 distributed: ingesters and compactor. */
    readonly classic?: ResolvedClassic;
    /** The single binary. */
    readonly monolithic?: ResolvedMonolithic;
    readonly components: Readonly<Record<TempoComponent, ResolvedComponent>>;
    readonly receivers: ResolvedReceivers;
    readonly chart: ResolvedChart;
    readonly overrides: ResolvedOverrides;
    readonly multitenancy: boolean;
    readonly tenants: readonly string[];
    readonly metricsGenerator?: ResolvedMetricsGenerator;
    readonly gateway?: ResolvedGateway;
    readonly cache: ResolvedCache;
    readonly query: ResolvedQuery;
    readonly monitoring: ResolvedMonitoring;
    readonly grafana: ResolvedGrafana;
    /** Tempo Vulture, when it runs. */
    readonly vulture?: ResolvedVulture;
    /** Escape hatches, merged last. */
    readonly values: Readonly<Record<string, unknown>>;
    readonly tempoConfig: Readonly<Record<string, unknown>>;
}

/** The bucket, resolved. */
export interface ResolvedStorage {
    /** Name of the bucket Tempo uses (created or existing); an existing bucket's name may be an output. */
    readonly bucketName: pulumi.Input<string>;
    /** Whether the bucket already exists (nothing is created for storage). */
    readonly existing: boolean;
    /** Customer-managed key, when SSE with a customer key is wanted. */
    readonly encryptionKey?: pulumi.Input<string>;
    readonly forceDestroy: boolean;
    /** `protect`: Pulumi refuses to delete the bucket. */
    readonly protect: boolean;
    /** `retainOnDelete`: removing the bucket from the program leaves it (and its data) in the cloud. Production always retains. */
    readonly retainOnDelete: boolean;
    /** Objects older than this are expired by the bucket lifecycle: retention (whole days, rounded up) + margin. */
    readonly expirationDays: number;
    /** The storage preflight Job; absent when it is off or blocks stay on a volume. */
    readonly preflight?: ResolvedStoragePreflight;
}

/** The storage preflight, resolved. */
export interface ResolvedStoragePreflight {
    /** Job name: `<name>-storage-preflight`, shortened to a valid name. */
    readonly jobName: string;
    /** The probe object's key: one per install, at the top of the bucket. */
    readonly objectKey: string;
    /** An image given in the args; each cloud's probe has its own default. */
    readonly image?: string;
    /** How long the probe retries a failure before it reports it (permissions take time to apply). */
    readonly retrySeconds: number;
    /** The Job's `activeDeadlineSeconds`: the retries plus time to pull the image and run the last attempt. */
    readonly deadlineSeconds: number;
    /** Where the failure message sends the reader. */
    readonly docsUrl: string;
}

/** AWS, resolved. */
export interface ResolvedAws {
    readonly region?: string;
    readonly accountId?: pulumi.Input<string>;
    readonly identityMode: AwsIdentityMode;
    readonly clusterName?: pulumi.Input<string>;
    readonly oidc: ResolvedOidc;
    readonly roleName: string;
    readonly tags: Readonly<Record<string, string>>;
}

/** Where the IRSA trust comes from. */
export interface ResolvedOidc {
    /** Look the issuer up from this EKS cluster. */
    readonly clusterName?: pulumi.Input<string>;
    /** Or use this provider ARN … */
    readonly providerArn?: pulumi.Input<string>;
    /** … keyed by this issuer URL (the trust policy uses its host and path). */
    readonly issuerUrl?: pulumi.Input<string>;
}

/** Google Cloud, resolved. */
export interface ResolvedGcp {
    readonly project: pulumi.Input<string>;
    readonly location: string;
    readonly clusterProject: pulumi.Input<string>;
    readonly serviceAccountId: string;
    /** Deterministic e-mail of the Google service account, known at preview when the project is. */
    readonly serviceAccountEmail: pulumi.Input<string>;
    /** Id of the custom role holding exactly Tempo's bucket permissions. */
    readonly roleId: string;
    readonly labels: Readonly<Record<string, string>>;
}

/** Azure, resolved. */
export interface ResolvedAzure {
    readonly resourceGroupName: pulumi.Input<string>;
    readonly location: string;
    readonly oidcIssuerUrl?: pulumi.Input<string>;
    readonly clusterName?: pulumi.Input<string>;
    readonly clusterResourceGroupName: pulumi.Input<string>;
    readonly storageAccountName: pulumi.Input<string>;
    readonly identityName: string;
    readonly keyVaultId?: pulumi.Input<string>;
    readonly tags: Readonly<Record<string, string>>;
}

/** The S3-compatible store of `cloud: local`, resolved. */
export interface ResolvedLocal {
    /** Whether the component runs the store (false: a store the user already runs). */
    readonly inCluster: boolean;
    /** `host:port` of the S3 API. */
    readonly endpoint: string;
    readonly insecure: boolean;
    /** Helm release name of the in-cluster store; its Service is `<release>-svc`. */
    readonly releaseName: string;
    readonly storageSize: string;
    readonly storageClass?: string;
    /** Access key id; for the in-cluster store a fixed, non-secret id. */
    readonly accessKeyId: string;
    /** Secret key of an existing store (the in-cluster store's is generated). */
    readonly secretAccessKey?: pulumi.Input<string>;
    /** Kubernetes Secret holding the credentials as environment variables. */
    readonly credentialsSecretName: string;
}

/** Kafka, resolved. */
export interface ResolvedKafka {
    readonly mode: KafkaMode;
    /** External brokers as given. */
    readonly brokers: readonly pulumi.Input<string>[];
    readonly topic: string;
    readonly partitions: number;
    /** SASL/PLAIN credentials, when set. */
    readonly sasl?: { readonly username: pulumi.Input<string>; readonly password: pulumi.Input<string> };
    /** In-cluster Kafka (`mode: strimzi`). */
    readonly strimzi?: ResolvedStrimzi;
}

/** The in-cluster Kafka, resolved. */
export interface ResolvedStrimzi {
    readonly installOperator: boolean;
    /** The operator chart and the Kafka version it runs. */
    readonly target: StrimziTarget;
    /** Name of the Kafka resource (`<release>-kafka`); the bootstrap Service is `<cluster>-kafka-bootstrap`. */
    readonly clusterName: string;
    readonly brokers: number;
    /** Dedicated KRaft controllers (production), or 0 when brokers carry the controller role (dev). */
    readonly controllers: number;
    readonly replicationFactor: number;
    readonly minInSyncReplicas: number;
    readonly topicRetentionMinutes: number;
    /** Broker disk; `undefined` for ephemeral storage. */
    readonly storageSize?: string;
    readonly storageClass?: string;
}

/** Classic (Tempo 2 distributed), resolved. */
export interface ResolvedClassic {
    readonly replicationFactor: number;
    readonly ingester: ResolvedStatefulComponent;
    readonly compactor: ResolvedComponent;
}

/** Monolithic, resolved. */
export interface ResolvedMonolithic {
    readonly tempo: ResolvedStatefulComponent;
    /** Blocks on the pod's volume instead of an object store (cloud local only). */
    readonly filesystem: boolean;
}

/** Size of one component. */
export interface ResolvedComponent {
    readonly replicas: number;
    readonly cpu: string;
    readonly memory: string;
    readonly autoscaling?: ResolvedAutoscaling;
}

/** A component with a persistent volume. */
export interface ResolvedStatefulComponent extends ResolvedComponent {
    readonly storageSize: string;
    readonly storageClass?: string;
}

/** Autoscaling bounds, resolved. */
export interface ResolvedAutoscaling {
    readonly minReplicas: number;
    readonly maxReplicas: number;
    readonly targetCpuPercent: number;
}

/** Receivers, every flag decided. */
export interface ResolvedReceivers {
    readonly otlpGrpc: boolean;
    readonly otlpHttp: boolean;
    readonly jaegerThriftHttp: boolean;
    readonly jaegerGrpc: boolean;
    readonly zipkin: boolean;
}

/** The chart to install, resolved. */
export interface ResolvedChart extends ChartTarget, ChartInstallOptions {}

/** How every chart of the component is installed (the Tempo chart's, shared by the RustFS and Strimzi charts). */
export interface ChartInstallOptions {
    readonly install: ChartInstallMethod;
    readonly timeoutSeconds: number;
    /** Folder of `<chart>-<version>.tgz` packages; charts come from repositories when absent. */
    readonly packageDirectory?: string;
    readonly skipAwait: boolean;
}

/** The install options of {@link ResolvedChart}, to install another chart the same way. */
export function chartInstallOptions(chart: ResolvedChart): ChartInstallOptions {
    const { install, timeoutSeconds, packageDirectory, skipAwait } = chart;
    return { install, timeoutSeconds, ...(packageDirectory !== undefined ? { packageDirectory } : {}), skipAwait };
}

/** The metrics generator, resolved. */
export interface ResolvedMetricsGenerator {
    readonly remoteWriteUrl: pulumi.Input<string>;
    readonly remoteWriteHeaders: Readonly<Record<string, string>>;
    readonly remoteWriteUsername?: pulumi.Input<string>;
    readonly remoteWritePassword?: pulumi.Input<string>;
    /** Secret holding the remote-write password as an environment variable, when there is one. */
    readonly secretName?: string;
    readonly externalLabels: Readonly<Record<string, string>>;
    readonly serviceGraphs?: { readonly dimensions: string[]; readonly histogramBuckets?: number[]; readonly peerAttributes: string[] };
    readonly spanMetrics?: { readonly dimensions: string[]; readonly histogramBuckets?: number[] };
    /** Processors switched on in the overrides (configuring a processor does not turn it on). */
    readonly processors: MetricsGeneratorProcessor[];
    readonly size: ResolvedComponent;
}

/** The gateway, resolved. */
export interface ResolvedGateway {
    readonly host?: pulumi.Input<string>;
    readonly ingressClassName?: string;
    readonly tlsSecretName?: pulumi.Input<string>;
    readonly annotations: Readonly<Record<string, string>>;
    readonly basicAuth: boolean;
    readonly username: string;
    /** Secret holding `.htpasswd` for the gateway (and the credentials for clients). */
    readonly secretName: string;
    readonly replicas: number;
}

/** The memcached cache, resolved. */
export interface ResolvedCache {
    readonly enabled: boolean;
    readonly dedicatedPools: readonly CacheRole[];
    readonly replicas: number;
    readonly cpu: string;
    readonly memory: string;
}

/** Search settings, resolved. */
export interface ResolvedQuery {
    readonly defaultResultLimit?: number;
    readonly maxResultLimit?: number;
    readonly maxSearchDuration?: string;
    readonly streaming: boolean;
}

/** Monitoring, resolved. */
export interface ResolvedMonitoring {
    readonly serviceMonitor: boolean;
    readonly alerts: boolean;
    readonly dashboards: boolean;
    readonly labels: Readonly<Record<string, string>>;
    readonly clusterLabel: string;
    readonly runbookUrl: string;
    readonly thresholds: Readonly<Record<string, { value?: number; for?: string }>>;
}

/** Tempo Vulture, resolved (present only when it runs). */
export interface ResolvedVulture {
    /** The `tempo-vulture` chart. */
    readonly target: ChartTarget;
    /** Helm release name, also the chart's `fullnameOverride` (`<name>-vulture`). */
    readonly releaseName: string;
    /** Image tag: the Tempo version of the architecture, so the vulture matches the Tempo it checks. */
    readonly imageTag: string;
    /** The tenant it writes and reads as (`-tempo-org-id`); only with multi-tenancy. */
    readonly tenant?: string;
    /** How far back it looks for its traces, as a Go duration (`-tempo-retention-duration`). */
    readonly retention: string;
}

/** Grafana's namespace and the uids of the datasources Tempo's datasource links to. */
export interface GrafanaRefs<T = string> {
    readonly namespace: T;
    readonly lokiUid?: T;
    readonly prometheusUid?: T;
    readonly pyroscopeUid?: T;
}

/** The Grafana datasource, resolved; the namespace and uids may be outputs (see `k8s/observability.ts`). */
export interface ResolvedGrafana extends GrafanaRefs<pulumi.Input<string>> {
    readonly datasource: DatasourceMode;
    readonly datasourceLabels: Readonly<Record<string, string>>;
    readonly instanceSelector: Readonly<Record<string, string>>;
}

/** Kafka of a spec that has it (Tempo 3 distributed). */
export function requireKafka(spec: ResolvedSpec): ResolvedKafka {
    if (spec.kafka === undefined) {
        throw new Error(`architecture ${spec.architecture} has no Kafka`);
    }
    return spec.kafka;
}

/**
 * The name of a bucket the component creates: always a plain string (`storage.bucketName` or the derived name; only
 * `storage.existingBucket` may be an output).
 */
export function createdBucketName(storage: ResolvedStorage): string {
    if (storage.existing || typeof storage.bucketName !== "string") {
        throw new Error("createdBucketName: the bucket is not one the component creates");
    }
    return storage.bucketName;
}
