/**
 * What the engine suite renders: every committed stack, and a generated matrix that covers every architecture ×
 * cloud and the feature switches the stacks leave out. Each case is a stack-style config (`config:` map), rendered by
 * the same CLI a user runs.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";

/** One render the suite checks. */
export interface EngineCase {
    /** Stack name the render runs as (also the folder of its output). */
    readonly name: string;
    /** A committed stack file, or a generated config. */
    readonly stackFile?: string;
    readonly config?: Record<string, unknown>;
}

/** A placeholder for a `secure:` value; the render masks it like any secret. */
const SECURE = { secure: "AAABAEngineSuitePlaceholder" };

/** Every committed stack (`stacks/Pulumi.<name>.yaml`). */
export function committedStackCases(repoRoot: string): EngineCase[] {
    return readdirSync(join(repoRoot, "stacks"))
        .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
        .filter((name): name is string => name !== undefined)
        .sort()
        .map((name) => ({ name, stackFile: join(repoRoot, "stacks", `Pulumi.${name}.yaml`) }));
}

const AWS = { region: "eu-west-1", accountId: "123456789012", clusterName: "matrix-eks" };
const GCP = { project: "matrix-project", location: "europe-west1" };
const AZURE = { resourceGroupName: "matrix-rg", location: "westeurope", clusterName: "matrix-aks" };
const CLOUDS: Record<string, Record<string, unknown>> = {
    aws: { cloud: "aws", aws: AWS },
    gcp: { cloud: "gcp", gcp: GCP },
    azure: { cloud: "azure", azure: AZURE },
    local: { cloud: "local" },
};
const ALL_RECEIVERS = { otlpGrpc: true, otlpHttp: true, jaegerThriftHttp: true, jaegerGrpc: true, zipkin: true };
const TENANTS = {
    "team-a": { retention: "72h", limits: { ingestionRateLimitBytes: 20000000, maxTracesPerUser: 20000 } },
    "team-b": { limits: { maxBytesPerTrace: 2000000 }, metricsGeneratorProcessors: ["service-graphs"] },
};
const ZONES: Record<string, string[]> = {
    aws: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
    gcp: ["europe-west1-b", "europe-west1-c", "europe-west1-d"],
    azure: ["westeurope-1", "westeurope-2", "westeurope-3"],
};

function stack(cluster: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { "pulumi:disable-default-providers": ["kubernetes"], "tempo:cluster": cluster, ...extra };
}

/** The generated matrix: names say what each case switches on. */
export function matrixCases(): EngineCase[] {
    const cases: EngineCase[] = [];
    const add = (name: string, config: Record<string, unknown>) => cases.push({ name: `matrix-${name}`, config });

    // Every architecture × cloud, production profile with zones where the cloud has them.
    for (const architecture of ["distributed", "monolithic", "classic"]) {
        for (const [cloud, base] of Object.entries(CLOUDS)) {
            const zones = architecture === "monolithic" ? undefined : ZONES[cloud];
            add(`${architecture}-${cloud}`, stack({ ...base, architecture, profile: cloud === "local" ? "dev" : "production", retention: "7d", ingestMBps: 4, ...(zones ? { zones } : {}) }));
        }
    }
    add("existing-bucket-aws", stack({ ...CLOUDS.aws, profile: "production", storage: { existingBucket: "acme-existing-traces" } }));
    add("existing-bucket-gcp", stack({ ...CLOUDS.gcp, architecture: "classic", storage: { existingBucket: "acme-existing-traces" } }));
    add("local-external-store", stack(
        { cloud: "local", profile: "dev", storage: { existingBucket: "traces" }, local: { endpoint: "minio.storage.svc:9000", accessKeyId: "tempo", insecure: true } },
        { "tempo:localSecretAccessKey": SECURE },
    ));

    // Feature switches.
    const generator = { remoteWriteUrl: "http://prometheus.monitoring.svc:9090/api/v1/write" };
    add("multitenancy-distributed", stack({ ...CLOUDS.local, profile: "dev", multitenancy: true, tenants: TENANTS, metricsGenerator: generator }));
    add("multitenancy-classic", stack({ ...CLOUDS.aws, architecture: "classic", multitenancy: true, tenants: TENANTS, metricsGenerator: generator }));
    add("multitenancy-monolithic", stack({ ...CLOUDS.local, architecture: "monolithic", multitenancy: true, tenants: TENANTS, metricsGenerator: generator }));
    add("gateway-basic-auth", stack({ ...CLOUDS.local, profile: "dev", gateway: { host: "tempo.example.com", ingressClassName: "nginx", basicAuth: true } }));
    add("gateway-no-auth", stack({ ...CLOUDS.local, profile: "dev", gateway: { enabled: true, basicAuth: false } }));
    add("gateway-classic", stack({ ...CLOUDS.aws, architecture: "classic", gateway: { host: "tempo.example.com", basicAuth: true } }));
    const remoteWrite = { remoteWriteUrl: "http://prometheus.monitoring.svc:9090/api/v1/write", remoteWriteUsername: "tempo" };
    add("generator-remote-write", stack({ ...CLOUDS.local, profile: "dev", metricsGenerator: remoteWrite }, { "tempo:remoteWritePassword": SECURE }));
    add("generator-remote-write-classic", stack({ ...CLOUDS.local, architecture: "classic", metricsGenerator: remoteWrite }, { "tempo:remoteWritePassword": SECURE }));
    add("generator-remote-write-monolithic", stack({ ...CLOUDS.local, architecture: "monolithic", metricsGenerator: remoteWrite }, { "tempo:remoteWritePassword": SECURE }));
    add("dedicated-cache-pools", stack({ ...CLOUDS.aws, profile: "production", cache: { dedicatedPools: ["bloom", "parquet-footer", "frontend-search"] } }));
    add("all-receivers-classic", stack({ ...CLOUDS.local, architecture: "classic", receivers: ALL_RECEIVERS }));
    add("all-receivers-monolithic", stack({ ...CLOUDS.local, architecture: "monolithic", receivers: ALL_RECEIVERS }));
    add("autoscaling", stack({
        ...CLOUDS.gcp,
        profile: "production",
        components: {
            distributor: { autoscaling: { minReplicas: 2, maxReplicas: 8 } },
            querier: { autoscaling: { minReplicas: 2, maxReplicas: 8, targetCpuPercent: 70 } },
            queryFrontend: { autoscaling: { minReplicas: 2, maxReplicas: 4 } },
            backendWorker: { autoscaling: { minReplicas: 2, maxReplicas: 6 } },
        },
    }));
    add("external-kafka-sasl", stack(
        { ...CLOUDS.local, profile: "dev", kafka: { mode: "external", brokers: ["kafka.streaming.svc:9092"], saslUsername: "tempo", partitions: 2 } },
        { "tempo:kafkaSaslPassword": SECURE },
    ));
    add("escape-hatch-lists", stack(
        {
            ...CLOUDS.local,
            profile: "dev",
            kafka: { mode: "external", brokers: ["kafka.streaming.svc:9092"], saslUsername: "tempo" },
            values: { distributor: { extraArgs: ["-log.level=debug"] }, querier: { extraEnv: [{ name: "GOGC", value: "50" }] } },
        },
        { "tempo:kafkaSaslPassword": SECURE },
    ));
    add("monolithic-filesystem", stack({ ...CLOUDS.local, architecture: "monolithic", local: { filesystem: true }, receivers: { zipkin: true } }));
    for (const datasource of ["configmap", "grafana-operator", "grafana-api", "none"]) {
        const grafana = datasource === "grafana-operator" ? { datasource, instanceSelector: { dashboards: "grafana" } } : { datasource };
        add(`datasource-${datasource}`, stack({ ...CLOUDS.local, profile: "dev", grafana, monitoring: { labels: { release: "kube-prometheus-stack" } } }));
    }
    add("migration-side-by-side", {
        "pulumi:disable-default-providers": ["kubernetes"],
        "tempo:clusters": {
            "tempo-old": { ...CLOUDS.aws, architecture: "classic", namespace: "tempo-old", storage: { bucketName: "acme-tempo-old" } },
            "tempo": { ...CLOUDS.aws, storage: { bucketName: "acme-tempo-new" } },
        },
    });
    return cases;
}
