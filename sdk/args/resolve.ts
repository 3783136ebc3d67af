/**
 * Args + context → ResolvedSpec: every default applied, every name derived. Pure; call only on validated args.
 */
import type * as pulumi from "@pulumi/pulumi";
import { mapInput } from "../util/input";
import { releasedDocUrl } from "../version";
import {
    Architecture,
    AwsIdentityMode,
    ChartInstallMethod,
    CacheRole,
    Cloud,
    DatasourceMode,
    KafkaMode,
    MetricsGeneratorProcessor,
    Profile,
    type TempoClusterArgs,
} from "./args";
import { limitDuration, resolveOverrides, type ResolvedOverrides } from "./overrides";
import {
    DEFAULT_CHART_TIMEOUT_SECONDS,
    DEFAULT_CLUSTER_DOMAIN,
    DEFAULT_KAFKA_TOPIC,
    DEFAULT_NAMESPACE,
    DEFAULT_RETENTION,
    DEFAULT_TARGET_CPU_PERCENT,
    LIFECYCLE_MARGIN_DAYS,
    PARTITION_BOUND_COMPONENTS,
    PROFILE_DEFAULTS,
    TEMPO_COMPONENTS,
    type TempoComponent,
} from "./defaults";
import { ceilDays, formatGoDuration, parseDurationMinutes } from "./duration";
import {
    deriveBucketName,
    deriveContainerName,
    deriveGcsBucketName,
    deriveRoleName,
    deriveServiceAccountId,
    deriveStorageAccountName,
    fitName,
    shortHash,
} from "./names";
import { CHART_TARGETS, STRIMZI_TARGET, type ChartTarget, type StrimziTarget } from "./targets";
import {
    DEFAULT_INGEST_MBPS,
    DEFAULT_TOPIC_RETENTION_HOURS,
    partitionsFor,
    sizeClassic,
    sizeCluster,
    sizeKafka,
    sizeMonolithic,
    type ClusterSize,
} from "../sizing";
import type { SpecContext } from "./validate";

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

/** A component with a persistent volume. */
export interface ResolvedStatefulComponent extends ResolvedComponent {
    readonly storageSize: string;
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

/** Where the runbooks linked from alerts are published. */
export const DEFAULT_RUNBOOK_URL = releasedDocUrl("docs/runbooks.md");

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

/** Autoscaling bounds, resolved. */
export interface ResolvedAutoscaling {
    readonly minReplicas: number;
    readonly maxReplicas: number;
    readonly targetCpuPercent: number;
}

/** Size of one component. */
export interface ResolvedComponent {
    readonly replicas: number;
    readonly cpu: string;
    readonly memory: string;
    readonly autoscaling?: ResolvedAutoscaling;
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
export interface ResolvedChart extends ChartTarget {
    readonly install: ChartInstallMethod;
    readonly timeoutSeconds: number;
}

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
    /** Escape hatches, merged last. */
    readonly values: Readonly<Record<string, unknown>>;
    readonly tempoConfig: Readonly<Record<string, unknown>>;
}

/** Applies defaults and derives names. `args` must have passed {@link validateArgs}. */
export function resolveSpec(args: TempoClusterArgs, ctx: SpecContext): ResolvedSpec {
    const architecture = args.architecture ?? Architecture.Distributed;
    const profile = args.profile ?? Profile.Production;
    const retentionMinutes = parseDurationMinutes(args.retention ?? DEFAULT_RETENTION) as number;
    const ingestMBps = args.ingestMBps ?? DEFAULT_INGEST_MBPS[profile];
    const partitions = args.kafka?.partitions ?? partitionsFor(ingestMBps, profile);
    const size = sizeCluster(ingestMBps, profile, partitions);
    const kafkaMode = args.kafka?.mode ?? KafkaMode.Strimzi;
    const metricsGenerator = resolveMetricsGenerator(args, ctx, size);
    const overrides = resolveOverrides(
        args.limits ?? {},
        retentionMinutes,
        metricsGenerator?.processors ?? [],
        args.tenants ?? {},
        args.migration?.disableCompaction ?? false,
    );

    return {
        name: ctx.name,
        project: ctx.project,
        stack: ctx.stack,
        cloud: args.cloud,
        architecture,
        profile,
        namespace: args.namespace ?? DEFAULT_NAMESPACE,
        createNamespace: args.createNamespace ?? true,
        clusterDomain: args.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN,
        releaseName: ctx.name,
        serviceAccountName: ctx.name,
        retentionMinutes,
        retention: formatGoDuration(retentionMinutes),
        ingestMBps,
        zones: args.zones ?? [],
        storage: resolveStorage(args, ctx, overrides.longestRetentionMinutes, profile),
        aws: args.aws ? resolveAws(args, ctx) : undefined,
        gcp: args.gcp ? resolveGcp(args, ctx) : undefined,
        azure: args.azure ? resolveAzure(args, ctx) : undefined,
        local: args.cloud === Cloud.Local ? resolveLocal(args, ctx) : undefined,
        kafka: architecture !== Architecture.Distributed ? undefined : {
            mode: kafkaMode,
            brokers: args.kafka?.brokers ?? [],
            topic: args.kafka?.topic ?? DEFAULT_KAFKA_TOPIC,
            partitions,
            sasl:
                args.kafka?.saslUsername !== undefined && args.kafka.saslPassword !== undefined
                    ? { username: args.kafka.saslUsername, password: args.kafka.saslPassword }
                    : undefined,
            strimzi: kafkaMode === KafkaMode.Strimzi ? resolveStrimzi(args, ctx, profile, ingestMBps) : undefined,
        },
        classic: architecture === Architecture.Classic ? resolveClassic(args, ingestMBps, profile) : undefined,
        monolithic: architecture === Architecture.Monolithic ? resolveMonolithic(args, profile) : undefined,
        components: resolveComponents(args, size),
        receivers: {
            otlpGrpc: args.receivers?.otlpGrpc ?? true,
            otlpHttp: args.receivers?.otlpHttp ?? true,
            jaegerThriftHttp: args.receivers?.jaegerThriftHttp ?? false,
            jaegerGrpc: args.receivers?.jaegerGrpc ?? false,
            zipkin: args.receivers?.zipkin ?? false,
        },
        chart: {
            ...CHART_TARGETS[architecture],
            ...(args.chart?.repository !== undefined ? { repository: args.chart.repository } : {}),
            ...(args.chart?.version !== undefined && args.chart.version !== CHART_TARGETS[architecture].version
                ? { version: args.chart.version, tempoVersion: "unknown" }
                : {}),
            install: args.chart?.install ?? ChartInstallMethod.Release,
            timeoutSeconds: args.chart?.timeoutSeconds ?? DEFAULT_CHART_TIMEOUT_SECONDS,
        },
        overrides,
        multitenancy: args.multitenancy ?? Object.keys(args.tenants ?? {}).length > 0,
        tenants: Object.keys(args.tenants ?? {}).filter((id) => id !== "*").sort(),
        metricsGenerator,
        gateway: resolveGateway(args, ctx, profile),
        cache: architecture === Architecture.Monolithic ? { ...resolveCache(args, profile), enabled: false } : resolveCache(args, profile),
        query: {
            defaultResultLimit: args.query?.defaultResultLimit,
            maxResultLimit: args.query?.maxResultLimit,
            maxSearchDuration: args.query?.maxSearchDuration !== undefined ? limitDuration(args.query.maxSearchDuration) : undefined,
            streaming: args.query?.streaming ?? true,
        },
        monitoring: {
            serviceMonitor: args.monitoring?.serviceMonitor ?? true,
            alerts: args.monitoring?.alerts ?? true,
            dashboards: args.monitoring?.dashboards ?? true,
            labels: args.monitoring?.labels ?? { release: "kube-prometheus-stack" },
            clusterLabel: args.monitoring?.clusterLabel ?? ctx.stack,
            runbookUrl: args.monitoring?.runbookUrl ?? DEFAULT_RUNBOOK_URL,
            thresholds: args.monitoring?.thresholds ?? {},
        },
        grafana: {
            datasource: args.grafana?.datasource ?? DatasourceMode.ConfigMap,
            namespace: args.grafana?.namespace ?? "monitoring",
            datasourceLabels: args.grafana?.datasourceLabels ?? { grafana_datasource: "1" },
            instanceSelector: args.grafana?.instanceSelector ?? {},
            lokiUid: args.grafana?.lokiUid,
            prometheusUid: args.grafana?.prometheusUid,
            pyroscopeUid: args.grafana?.pyroscopeUid,
        },
        values: args.values ?? {},
        tempoConfig: args.tempoConfig ?? {},
    };
}

function resolveClassic(args: TempoClusterArgs, ingestMBps: number, profile: Profile): ResolvedClassic {
    const sized = sizeClassic(ingestMBps, profile);
    const ingester = args.components?.ingester ?? {};
    const compactor = args.components?.compactor ?? {};
    return {
        replicationFactor: sized.replicationFactor,
        ingester: {
            replicas: ingester.replicas ?? sized.ingester.replicas,
            cpu: ingester.cpu ?? sized.ingester.cpu,
            memory: ingester.memory ?? sized.ingester.memory,
            storageSize: ingester.storageSize ?? sized.ingester.storageSize,
            storageClass: ingester.storageClass,
        },
        compactor: {
            replicas: compactor.replicas ?? sized.compactor.replicas,
            cpu: compactor.cpu ?? sized.compactor.cpu,
            memory: compactor.memory ?? sized.compactor.memory,
            autoscaling: compactor.autoscaling && {
                minReplicas: compactor.autoscaling.minReplicas ?? 1,
                maxReplicas: compactor.autoscaling.maxReplicas,
                targetCpuPercent: compactor.autoscaling.targetCpuPercent ?? DEFAULT_TARGET_CPU_PERCENT,
            },
        },
    };
}

function resolveMonolithic(args: TempoClusterArgs, profile: Profile): ResolvedMonolithic {
    const sized = sizeMonolithic(profile);
    const tempo = args.components?.tempo ?? {};
    return {
        tempo: {
            replicas: 1,
            cpu: tempo.cpu ?? sized.cpu,
            memory: tempo.memory ?? sized.memory,
            storageSize: tempo.storageSize ?? sized.storageSize,
            storageClass: tempo.storageClass,
        },
        filesystem: args.local?.filesystem ?? false,
    };
}

/** Kafka of a spec that has it (Tempo 3 distributed). */
export function requireKafka(spec: ResolvedSpec): ResolvedKafka {
    if (spec.kafka === undefined) {
        throw new Error(`architecture ${spec.architecture} has no Kafka`);
    }
    return spec.kafka;
}

function resolveMetricsGenerator(args: TempoClusterArgs, ctx: SpecContext, size: ClusterSize): ResolvedMetricsGenerator | undefined {
    const generator = args.metricsGenerator;
    if (generator === undefined || generator.enabled === false) {
        return undefined;
    }
    const serviceGraphs = generator.serviceGraphs?.enabled === false ? undefined : generator.serviceGraphs ?? {};
    const spanMetrics = generator.spanMetrics?.enabled === false ? undefined : generator.spanMetrics ?? {};
    const processors = [
        ...(serviceGraphs ? [MetricsGeneratorProcessor.ServiceGraphs] : []),
        ...(spanMetrics ? [MetricsGeneratorProcessor.SpanMetrics] : []),
    ];
    const given = args.components?.metricsGenerator ?? {};
    const distributor = size.components.distributor;
    return {
        remoteWriteUrl: generator.remoteWriteUrl as pulumi.Input<string>,
        remoteWriteHeaders: generator.remoteWriteHeaders ?? {},
        remoteWriteUsername: generator.remoteWriteUsername,
        remoteWritePassword: generator.remoteWritePassword,
        secretName: generator.remoteWritePassword !== undefined ? `${ctx.name}-remote-write` : undefined,
        externalLabels: generator.externalLabels ?? {},
        serviceGraphs: serviceGraphs && {
            dimensions: serviceGraphs.dimensions ?? [],
            histogramBuckets: serviceGraphs.histogramBuckets,
            peerAttributes: serviceGraphs.peerAttributes ?? [],
        },
        spanMetrics: spanMetrics && { dimensions: spanMetrics.dimensions ?? [], histogramBuckets: spanMetrics.histogramBuckets },
        processors,
        size: {
            replicas: given.replicas ?? distributor.replicas,
            cpu: given.cpu ?? distributor.cpu,
            memory: given.memory ?? distributor.memory,
        },
    };
}

function resolveGateway(args: TempoClusterArgs, ctx: SpecContext, profile: Profile): ResolvedGateway | undefined {
    const gateway = args.gateway;
    if (gateway === undefined || gateway.enabled === false) {
        return undefined;
    }
    return {
        host: gateway.host,
        ingressClassName: gateway.ingressClassName,
        tlsSecretName: gateway.tlsSecretName,
        annotations: gateway.annotations ?? {},
        basicAuth: gateway.basicAuth ?? gateway.host !== undefined,
        username: gateway.basicAuthUsername ?? "tempo",
        secretName: `${ctx.name}-gateway-auth`,
        replicas: args.components?.gateway?.replicas ?? (profile === Profile.Production ? 2 : 1),
    };
}

/** Memcached sizes by profile. */
const CACHE_DEFAULTS: Readonly<Record<Profile, Omit<ResolvedCache, "enabled" | "dedicatedPools">>> = {
    [Profile.Dev]: { replicas: 1, cpu: "100m", memory: "256Mi" },
    [Profile.Production]: { replicas: 2, cpu: "500m", memory: "2Gi" },
};

function resolveCache(args: TempoClusterArgs, profile: Profile): ResolvedCache {
    const cache = args.cache ?? {};
    const defaults = CACHE_DEFAULTS[profile];
    return {
        enabled: cache.enabled ?? true,
        dedicatedPools: [...new Set(cache.dedicatedPools ?? [])].sort(),
        replicas: cache.replicas ?? defaults.replicas,
        cpu: cache.cpu ?? defaults.cpu,
        memory: cache.memory ?? defaults.memory,
    };
}

function resolveStorage(args: TempoClusterArgs, ctx: SpecContext, retentionMinutes: number, profile: Profile): ResolvedStorage {
    const storage = args.storage ?? {};
    const defaults = PROFILE_DEFAULTS[profile];
    return {
        bucketName: storage.existingBucket ?? storage.bucketName ?? DERIVE_BUCKET_NAME[args.cloud](ctx.project, ctx.stack, ctx.name),
        existing: storage.existingBucket !== undefined,
        encryptionKey: storage.encryptionKey,
        forceDestroy: storage.forceDestroy ?? defaults.forceDestroy,
        protect: storage.protect ?? defaults.protect,
        retainOnDelete: profile === Profile.Production || (storage.protect ?? defaults.protect),
        expirationDays: ceilDays(retentionMinutes) + LIFECYCLE_MARGIN_DAYS,
    };
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

/** Default bucket (container) name per cloud. */
const DERIVE_BUCKET_NAME: Record<Cloud, (project: string, stack: string, name: string) => string> = {
    [Cloud.Aws]: deriveBucketName,
    [Cloud.Gcp]: deriveGcsBucketName,
    [Cloud.Azure]: deriveContainerName,
    [Cloud.Local]: deriveBucketName,
};

function resolveGcp(args: TempoClusterArgs, ctx: SpecContext): ResolvedGcp {
    const gcp = args.gcp as NonNullable<TempoClusterArgs["gcp"]>;
    const serviceAccountId = gcp.serviceAccountId ?? deriveServiceAccountId(ctx.project, ctx.stack, ctx.name);
    return {
        project: gcp.project,
        location: gcp.location,
        clusterProject: gcp.clusterProject ?? gcp.project,
        serviceAccountId,
        serviceAccountEmail: mapInput(gcp.project, (project) => `${serviceAccountId}@${project}.iam.gserviceaccount.com`),
        roleId: `tempoBucketAccess_${shortHash(`${ctx.project}/${ctx.stack}/${ctx.name}`, 10)}`,
        labels: { "managed-by": "pulumi", ...gcp.labels },
    };
}

function resolveAzure(args: TempoClusterArgs, ctx: SpecContext): ResolvedAzure {
    const azure = args.azure as NonNullable<TempoClusterArgs["azure"]>;
    return {
        resourceGroupName: azure.resourceGroupName,
        location: azure.location,
        oidcIssuerUrl: azure.oidcIssuerUrl,
        clusterName: azure.clusterName,
        clusterResourceGroupName: azure.clusterResourceGroupName ?? azure.resourceGroupName,
        storageAccountName: azure.storageAccountName ?? deriveStorageAccountName(ctx.project, ctx.stack, ctx.name),
        identityName: fitName(`${ctx.project}-${ctx.stack}-${ctx.name}-tempo`, 128),
        keyVaultId: azure.keyVaultId,
        tags: { "managed-by": "pulumi", "tempo-cluster": `${ctx.project}/${ctx.stack}/${ctx.name}`, ...azure.tags },
    };
}

/** Default size of the in-cluster store's volume. */
const DEFAULT_LOCAL_STORAGE_SIZE = "10Gi";

function resolveLocal(args: TempoClusterArgs, ctx: SpecContext): ResolvedLocal {
    const local = args.local ?? {};
    const inCluster = args.storage?.existingBucket === undefined;
    const releaseName = `${ctx.name}-rustfs`;
    const namespace = args.namespace ?? DEFAULT_NAMESPACE;
    const clusterDomain = args.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN;
    return {
        inCluster,
        endpoint: inCluster ? `${releaseName}-svc.${namespace}.svc.${clusterDomain}:9000` : (local.endpoint as string),
        insecure: inCluster ? true : (local.insecure ?? false),
        releaseName,
        storageSize: local.storageSize ?? DEFAULT_LOCAL_STORAGE_SIZE,
        storageClass: local.storageClass,
        accessKeyId: inCluster ? "tempo" : (local.accessKeyId as string),
        secretAccessKey: local.secretAccessKey,
        credentialsSecretName: `${ctx.name}-object-store-credentials`,
    };
}

function resolveAws(args: TempoClusterArgs, ctx: SpecContext): ResolvedAws {
    const aws = args.aws ?? {};
    return {
        region: aws.region,
        accountId: aws.accountId,
        identityMode: aws.identityMode ?? AwsIdentityMode.Irsa,
        clusterName: aws.clusterName,
        oidc: {
            clusterName: aws.oidcProviderArn === undefined ? aws.clusterName : undefined,
            providerArn: aws.oidcProviderArn,
            issuerUrl: aws.oidcIssuerUrl,
        },
        roleName: aws.roleName ?? deriveRoleName(ctx.project, ctx.stack, ctx.name),
        tags: aws.tags ?? {},
    };
}

function resolveComponents(args: TempoClusterArgs, size: ClusterSize): Record<TempoComponent, ResolvedComponent> {
    const entries = TEMPO_COMPONENTS.map((component): [TempoComponent, ResolvedComponent] => {
        const given = args.components?.[component] ?? {};
        const sized = size.components[component];
        const replicas = PARTITION_BOUND_COMPONENTS.includes(component) || component === "backendScheduler"
            ? sized.replicas
            : (given.replicas ?? sized.replicas);
        const autoscaling = given.autoscaling
            ? {
                  minReplicas: given.autoscaling.minReplicas ?? Math.min(sized.replicas, given.autoscaling.maxReplicas),
                  maxReplicas: given.autoscaling.maxReplicas,
                  targetCpuPercent: given.autoscaling.targetCpuPercent ?? DEFAULT_TARGET_CPU_PERCENT,
              }
            : undefined;
        return [component, { replicas, cpu: given.cpu ?? sized.cpu, memory: given.memory ?? sized.memory, autoscaling }];
    });
    return Object.fromEntries(entries) as Record<TempoComponent, ResolvedComponent>;
}

function resolveStrimzi(args: TempoClusterArgs, ctx: SpecContext, profile: Profile, ingestMBps: number): ResolvedStrimzi {
    const given = args.kafka?.strimzi ?? {};
    const topicRetentionMinutes =
        given.topicRetention !== undefined
            ? (parseDurationMinutes(given.topicRetention) as number)
            : DEFAULT_TOPIC_RETENTION_HOURS[profile] * 60;
    const kafka = sizeKafka(ingestMBps, profile, topicRetentionMinutes / 60, given.brokers);
    const brokers = kafka.brokers;
    const persistent = profile === Profile.Production || given.storageSize !== undefined;
    return {
        installOperator: given.installOperator ?? true,
        target: STRIMZI_TARGET,
        clusterName: `${ctx.name}-kafka`,
        brokers,
        controllers: profile === Profile.Production ? 3 : 0,
        replicationFactor: kafka.replicationFactor,
        minInSyncReplicas: kafka.minInSyncReplicas,
        topicRetentionMinutes,
        storageSize: persistent ? (given.storageSize ?? `${kafka.diskPerBrokerGi}Gi`) : undefined,
        storageClass: given.storageClass,
    };
}
