/**
 * Args + context → ResolvedSpec: every default applied, every name derived. Pure; call only on validated args.
 *
 * This file assembles the spec and resolves what belongs to the install as a whole (retention, receivers, chart,
 * search, monitoring, Grafana); each area's resolution lives beside it: `clouds.ts`, `kafka.ts`, `workload.ts` and
 * `vulture.ts`. The scoped overrides come from `../overrides.ts`, which validation uses too.
 */
import { releasedDocUrl } from "../../version";
import type { SpecContext } from "../context";
import { DEFAULT_CHART_TIMEOUT_SECONDS, DEFAULT_CLUSTER_DOMAIN, DEFAULT_NAMESPACE, DEFAULT_RETENTION } from "../defaults";
import { formatGoDuration, parseDurationMinutes } from "../duration";
import { limitDuration, resolveOverrides } from "../overrides";
import type { ResolvedSpec } from "../resolved";
import { DEFAULT_INGEST_MBPS, partitionsFor, sizeCluster } from "../sizing";
import { CHART_TARGETS } from "../targets";
import { Architecture, ChartInstallMethod, Cloud, DatasourceMode, Profile, type TempoClusterArgs } from "../types";
import { resolveAws, resolveAzure, resolveGcp, resolveLocal, resolveStorage } from "./clouds";
import { resolveKafka } from "./kafka";
import { resolveVulture } from "./vulture";
import {
    resolveCache,
    resolveClassic,
    resolveComponents,
    resolveGateway,
    resolveMetricsGenerator,
    resolveMonolithic,
} from "./workload";

/** Where the runbooks linked from alerts are published. */
export const DEFAULT_RUNBOOK_URL = releasedDocUrl("docs/runbooks.md");

/** Applies defaults and derives names. `args` must have passed {@link validateArgs}. */
export function resolveSpec(args: TempoClusterArgs, ctx: SpecContext): ResolvedSpec {
    const architecture = args.architecture ?? Architecture.Distributed;
    const profile = args.profile ?? Profile.Production;
    const retentionMinutes = parseDurationMinutes(args.retention ?? DEFAULT_RETENTION) as number;
    const ingestMBps = args.ingestMBps ?? DEFAULT_INGEST_MBPS[profile];
    const partitions = args.kafka?.partitions ?? partitionsFor(ingestMBps, profile);
    const size = sizeCluster(ingestMBps, profile, partitions);
    const metricsGenerator = resolveMetricsGenerator(args, ctx, size);
    const overrides = resolveOverrides(
        args.limits ?? {},
        retentionMinutes,
        metricsGenerator?.processors ?? [],
        args.tenants ?? {},
        args.migration?.disableCompaction ?? false,
    );
    const multitenancy = args.multitenancy ?? Object.keys(args.tenants ?? {}).length > 0;
    const tenants = Object.keys(args.tenants ?? {}).filter((id) => id !== "*").sort();

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
        kafka: architecture !== Architecture.Distributed ? undefined : resolveKafka(args, ctx, profile, ingestMBps, partitions),
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
            ...(args.chart?.packageDirectory !== undefined ? { packageDirectory: args.chart.packageDirectory } : {}),
            skipAwait: args.chart?.skipAwait ?? false,
        },
        overrides,
        multitenancy,
        tenants,
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
        vulture: resolveVulture(args, ctx, architecture, profile, multitenancy, tenants, retentionMinutes),
        values: args.values ?? {},
        tempoConfig: args.tempoConfig ?? {},
    };
}
