/**
 * Resolution of what runs: each component's replicas, resources and autoscaling (sized from the ingest rate), the
 * Tempo 2 and single-binary components, the metrics generator, the gateway and the cache.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { SpecContext } from "../context";
import {
    DEFAULT_TARGET_CPU_PERCENT,
    PARTITION_BOUND_COMPONENTS,
    TEMPO_COMPONENTS,
    type TempoComponent,
} from "../defaults";
import type {
    ResolvedCache,
    ResolvedClassic,
    ResolvedComponent,
    ResolvedGateway,
    ResolvedMetricsGenerator,
    ResolvedMonolithic,
} from "../resolved";
import { sizeClassic, sizeMonolithic, type ClusterSize } from "../sizing";
import { MetricsGeneratorProcessor, Profile, type TempoClusterArgs } from "../types";

/** The Tempo 3 components: sized replicas (partition-bound ones always follow the partitions), resources, autoscaling. */
export function resolveComponents(args: TempoClusterArgs, size: ClusterSize): Record<TempoComponent, ResolvedComponent> {
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

/** Tempo 2 microservices: the ingesters' replication and volumes, and the compactor. */
export function resolveClassic(args: TempoClusterArgs, ingestMBps: number, profile: Profile): ResolvedClassic {
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

/** The single binary: one replica, its volume, and whether blocks stay on it (filesystem). */
export function resolveMonolithic(args: TempoClusterArgs, profile: Profile): ResolvedMonolithic {
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

/** The metrics generator when it runs: remote write, processors switched on, and its size (the distributor's by default). */
export function resolveMetricsGenerator(args: TempoClusterArgs, ctx: SpecContext, size: ClusterSize): ResolvedMetricsGenerator | undefined {
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

/** The gateway when it runs: Ingress, basic auth and replicas. */
export function resolveGateway(args: TempoClusterArgs, ctx: SpecContext, profile: Profile): ResolvedGateway | undefined {
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

/** The memcached cache: sizes by profile and dedicated pools. */
export function resolveCache(args: TempoClusterArgs, profile: Profile): ResolvedCache {
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
