/**
 * Structural validation of {@link TempoClusterArgs}: types, enums and unknown fields, with field paths.
 * Semantic rules (cross-field, naming, quorum) live in `validate.ts`.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
    Architecture,
    AwsIdentityMode,
    CacheRole,
    ChartInstallMethod,
    Cloud,
    DatasourceMode,
    KafkaMode,
    MetricsGeneratorProcessor,
    Profile,
    type TempoClusterArgs,
} from "./args";
import { joinPath, type Problem } from "./problems";

/** A string, or a Pulumi output/promise of one (secrets arrive this way). */
const stringInput = z.custom<pulumi.Input<string>>(
    (value) => typeof value === "string" || pulumi.Output.isInstance(value) || value instanceof Promise,
    { message: "expected a string or a Pulumi output of a string" },
);

const componentSchema = z.strictObject({
    replicas: z.number().int().min(0).optional(),
    cpu: z.string().optional(),
    memory: z.string().optional(),
    autoscaling: z
        .strictObject({
            minReplicas: z.number().int().optional(),
            maxReplicas: z.number().int(),
            targetCpuPercent: z.number().int().optional(),
        })
        .optional(),
    storageSize: z.string().optional(),
    storageClass: z.string().optional(),
});

const limitsSchema = z.strictObject({
    ingestionRateLimitBytes: z.number().int().optional(),
    ingestionBurstSizeBytes: z.number().int().optional(),
    maxTracesPerUser: z.number().int().optional(),
    maxBytesPerTrace: z.number().int().optional(),
    maxSearchDuration: z.string().optional(),
});
const stringMap = z.record(z.string(), z.string());

/** The schema of the whole args object; the compile-time check below keeps it in step with the interfaces. */
export const tempoClusterArgsSchema = z.strictObject({
    cloud: z.enum(Cloud),
    architecture: z.enum(Architecture).optional(),
    profile: z.enum(Profile).optional(),
    namespace: z.string().optional(),
    createNamespace: z.boolean().optional(),
    clusterDomain: z.string().optional(),
    retention: z.string().optional(),
    ingestMBps: z.number().optional(),
    zones: z.array(z.string()).optional(),
    storage: z
        .strictObject({
            bucketName: z.string().optional(),
            existingBucket: z.string().optional(),
            encryptionKey: stringInput.optional(),
            forceDestroy: z.boolean().optional(),
            protect: z.boolean().optional(),
        })
        .optional(),
    aws: z
        .strictObject({
            region: z.string().optional(),
            accountId: z.string().optional(),
            clusterName: z.string().optional(),
            oidcProviderArn: z.string().optional(),
            oidcIssuerUrl: z.string().optional(),
            identityMode: z.enum(AwsIdentityMode).optional(),
            roleName: z.string().optional(),
            tags: z.record(z.string(), z.string()).optional(),
        })
        .optional(),
    gcp: z
        .strictObject({
            project: z.string(),
            location: z.string(),
            clusterProject: z.string().optional(),
            serviceAccountId: z.string().optional(),
            labels: z.record(z.string(), z.string()).optional(),
        })
        .optional(),
    azure: z
        .strictObject({
            resourceGroupName: z.string(),
            location: z.string(),
            oidcIssuerUrl: z.string().optional(),
            clusterName: z.string().optional(),
            clusterResourceGroupName: z.string().optional(),
            storageAccountName: z.string().optional(),
            keyVaultId: z.string().optional(),
            tags: z.record(z.string(), z.string()).optional(),
        })
        .optional(),
    local: z
        .strictObject({
            storageSize: z.string().optional(),
            storageClass: z.string().optional(),
            endpoint: z.string().optional(),
            accessKeyId: z.string().optional(),
            secretAccessKey: stringInput.optional(),
            insecure: z.boolean().optional(),
            filesystem: z.boolean().optional(),
        })
        .optional(),
    kafka: z
        .strictObject({
            mode: z.enum(KafkaMode).optional(),
            brokers: z.array(z.string()).optional(),
            topic: z.string().optional(),
            partitions: z.number().int().optional(),
            saslUsername: z.string().optional(),
            saslPassword: stringInput.optional(),
            strimzi: z
                .strictObject({
                    installOperator: z.boolean().optional(),
                    brokers: z.number().int().optional(),
                    storageSize: z.string().optional(),
                    storageClass: z.string().optional(),
                    topicRetention: z.string().optional(),
                })
                .optional(),
        })
        .optional(),
    components: z
        .strictObject({
            distributor: componentSchema.optional(),
            querier: componentSchema.optional(),
            queryFrontend: componentSchema.optional(),
            liveStore: componentSchema.optional(),
            blockBuilder: componentSchema.optional(),
            backendScheduler: componentSchema.optional(),
            backendWorker: componentSchema.optional(),
            metricsGenerator: componentSchema.optional(),
            gateway: componentSchema.optional(),
            ingester: componentSchema.optional(),
            compactor: componentSchema.optional(),
            tempo: componentSchema.optional(),
        })
        .optional(),
    receivers: z
        .strictObject({
            otlpGrpc: z.boolean().optional(),
            otlpHttp: z.boolean().optional(),
            jaegerThriftHttp: z.boolean().optional(),
            jaegerGrpc: z.boolean().optional(),
            zipkin: z.boolean().optional(),
        })
        .optional(),
    chart: z
        .strictObject({
            repository: z.string().optional(),
            version: z.string().optional(),
            install: z.enum(ChartInstallMethod).optional(),
            timeoutSeconds: z.number().int().positive().optional(),
        })
        .optional(),
    limits: limitsSchema.optional(),
    tenants: z
        .record(
            z.string(),
            z.strictObject({
                retention: z.string().optional(),
                limits: limitsSchema.optional(),
                metricsGeneratorProcessors: z.array(z.enum(MetricsGeneratorProcessor)).optional(),
            }),
        )
        .optional(),
    multitenancy: z.boolean().optional(),
    metricsGenerator: z
        .strictObject({
            enabled: z.boolean().optional(),
            remoteWriteUrl: z.string().optional(),
            remoteWriteHeaders: stringMap.optional(),
            remoteWriteUsername: z.string().optional(),
            remoteWritePassword: stringInput.optional(),
            externalLabels: stringMap.optional(),
            serviceGraphs: z
                .strictObject({
                    enabled: z.boolean().optional(),
                    dimensions: z.array(z.string()).optional(),
                    histogramBuckets: z.array(z.number()).optional(),
                    peerAttributes: z.array(z.string()).optional(),
                })
                .optional(),
            spanMetrics: z
                .strictObject({
                    enabled: z.boolean().optional(),
                    dimensions: z.array(z.string()).optional(),
                    histogramBuckets: z.array(z.number()).optional(),
                })
                .optional(),
        })
        .optional(),
    gateway: z
        .strictObject({
            enabled: z.boolean().optional(),
            host: z.string().optional(),
            ingressClassName: z.string().optional(),
            tlsSecretName: z.string().optional(),
            annotations: stringMap.optional(),
            basicAuth: z.boolean().optional(),
            basicAuthUsername: z.string().optional(),
        })
        .optional(),
    cache: z
        .strictObject({
            enabled: z.boolean().optional(),
            replicas: z.number().int().optional(),
            cpu: z.string().optional(),
            memory: z.string().optional(),
            dedicatedPools: z.array(z.enum(CacheRole)).optional(),
        })
        .optional(),
    query: z
        .strictObject({
            defaultResultLimit: z.number().int().optional(),
            maxResultLimit: z.number().int().optional(),
            maxSearchDuration: z.string().optional(),
            streaming: z.boolean().optional(),
        })
        .optional(),
    migration: z.strictObject({ disableCompaction: z.boolean().optional() }).optional(),
    monitoring: z
        .strictObject({
            serviceMonitor: z.boolean().optional(),
            alerts: z.boolean().optional(),
            dashboards: z.boolean().optional(),
            labels: stringMap.optional(),
            clusterLabel: z.string().optional(),
            runbookUrl: z.string().optional(),
            thresholds: z.record(z.string(), z.strictObject({ value: z.number().optional(), for: z.string().optional() })).optional(),
        })
        .optional(),
    grafana: z
        .strictObject({
            datasource: z.enum(DatasourceMode).optional(),
            namespace: z.string().optional(),
            datasourceLabels: stringMap.optional(),
            instanceSelector: stringMap.optional(),
            lokiUid: z.string().optional(),
            prometheusUid: z.string().optional(),
            pyroscopeUid: z.string().optional(),
        })
        .optional(),
    values: z.record(z.string(), z.any()).optional(),
    uncheckedValuePaths: z.array(z.string()).optional(),
    tempoConfig: z.record(z.string(), z.any()).optional(),
});

// Compile-time guarantee that the schema and the public interfaces describe the same shape.
type SchemaArgs = z.infer<typeof tempoClusterArgsSchema>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesArgs: Same<SchemaArgs, TempoClusterArgs> = true;
void schemaMatchesArgs;

/** Structural problems of untrusted args (from code or a stack file), with field paths. */
export function structuralProblems(args: unknown): Problem[] {
    const result = tempoClusterArgsSchema.safeParse(args, { reportInput: true });
    if (result.success) {
        return [];
    }
    return result.error.issues.flatMap((issue) => describeIssue(issue));
}

function describeIssue(issue: z.core.$ZodIssue): Problem[] {
    const path = joinPath(...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)));
    switch (issue.code) {
        case "unrecognized_keys":
            return issue.keys.map((key) => ({
                path: joinPath(path, key),
                message: `unknown field${suggestion(key, knownKeysAt(issue.path))}`,
            }));
        case "invalid_value": {
            const choices = issue.values.map((v) => JSON.stringify(v)).join(", ");
            return [{ path, message: issue.input === undefined ? `is required: one of ${choices}` : `must be one of ${choices}` }];
        }
        case "invalid_type":
            return [
                {
                    path,
                    message:
                        issue.input === undefined
                            ? "is required"
                            : `must be ${article(issue.expected)} (got ${describeValue(issue.input)})`,
                },
            ];
        default:
            return [{ path, message: issue.message.replace(/^Invalid input: /, "") }];
    }
}

function article(expected: string): string {
    if (expected === "int") {
        return "a whole number";
    }
    return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function describeValue(value: unknown): string {
    if (Array.isArray(value)) {
        return "a list";
    }
    if (value === null) {
        return "null";
    }
    return typeof value === "object" ? "an object" : JSON.stringify(value);
}

/** The field names the schema allows at a path, for "did you mean" hints. */
function knownKeysAt(path: readonly PropertyKey[]): string[] {
    let schema: z.ZodType = tempoClusterArgsSchema;
    for (const segment of path) {
        schema = unwrap(schema);
        if (schema instanceof z.ZodObject) {
            schema = schema.shape[segment as string];
        } else if (schema instanceof z.ZodArray) {
            schema = schema.element as z.ZodType;
        } else {
            return [];
        }
        if (schema === undefined) {
            return [];
        }
    }
    schema = unwrap(schema);
    return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
    return schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
}

function suggestion(key: string, known: string[]): string {
    if (known.length === 0) {
        return "";
    }
    const lower = key.toLowerCase();
    const close = known.filter((k) => {
        const candidate = k.toLowerCase();
        return editDistance(candidate, lower) <= 2 || (lower.length >= 4 && (candidate.startsWith(lower) || lower.startsWith(candidate)));
    });
    if (close.length > 0) {
        return `; did you mean ${close.map((k) => `"${k}"`).join(" or ")}?`;
    }
    return `; known fields: ${known.join(", ")}`;
}

function editDistance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let previous = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const current = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
            previous = current;
        }
    }
    return row[b.length];
}
