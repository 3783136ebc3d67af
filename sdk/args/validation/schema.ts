/**
 * Structural validation of {@link TempoClusterArgs}: types, enums and unknown fields, with field paths.
 * Semantic rules (cross-field, naming, quorum) live in `validate.ts` and the area files beside it.
 */
import * as pulumi from "@pulumi/pulumi";
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
} from "../types";
import type { Problem } from "../problems";
import { anything, array, boolean, custom, type Infer, number, object, oneOf, optional, problemsOf, record, string } from "./shape";

/** A string, or a Pulumi output/promise of one (secrets arrive this way). */
const stringInput = custom<pulumi.Input<string>>(
    (value) => typeof value === "string" || pulumi.Output.isInstance(value) || value instanceof Promise,
    "a string or a Pulumi output of a string",
);
const wholeNumber = number({ whole: true });
const stringMap = record(string());

const componentSchema = object({
    replicas: optional(number({ whole: true, min: 0 })),
    cpu: optional(string()),
    memory: optional(string()),
    autoscaling: optional(
        object({
            minReplicas: optional(wholeNumber),
            maxReplicas: wholeNumber,
            targetCpuPercent: optional(wholeNumber),
        }),
    ),
    storageSize: optional(string()),
    storageClass: optional(string()),
});

const limitsSchema = object({
    ingestionRateLimitBytes: optional(wholeNumber),
    ingestionBurstSizeBytes: optional(wholeNumber),
    maxTracesPerUser: optional(wholeNumber),
    maxBytesPerTrace: optional(wholeNumber),
    maxSearchDuration: optional(string()),
});

/** The shape of the whole args object; the compile-time check below keeps it in step with the interfaces. */
export const tempoClusterArgsSchema = object({
    cloud: oneOf(Cloud),
    architecture: optional(oneOf(Architecture)),
    profile: optional(oneOf(Profile)),
    namespace: optional(string()),
    createNamespace: optional(boolean()),
    clusterDomain: optional(string()),
    retention: optional(string()),
    ingestMBps: optional(number()),
    zones: optional(array(string())),
    storage: optional(
        object({
            bucketName: optional(string()),
            existingBucket: optional(stringInput),
            encryptionKey: optional(stringInput),
            forceDestroy: optional(boolean()),
            protect: optional(boolean()),
            preflight: optional(object({ enabled: optional(boolean()), image: optional(string()) })),
        }),
    ),
    aws: optional(
        object({
            region: optional(string()),
            accountId: optional(stringInput),
            clusterName: optional(stringInput),
            oidcProviderArn: optional(stringInput),
            oidcIssuerUrl: optional(stringInput),
            identityMode: optional(oneOf(AwsIdentityMode)),
            roleName: optional(string()),
            tags: optional(stringMap),
        }),
    ),
    gcp: optional(
        object({
            project: stringInput,
            location: string(),
            clusterProject: optional(stringInput),
            serviceAccountId: optional(string()),
            labels: optional(stringMap),
        }),
    ),
    azure: optional(
        object({
            resourceGroupName: stringInput,
            location: string(),
            oidcIssuerUrl: optional(stringInput),
            clusterName: optional(stringInput),
            clusterResourceGroupName: optional(stringInput),
            storageAccountName: optional(stringInput),
            keyVaultId: optional(stringInput),
            tags: optional(stringMap),
        }),
    ),
    local: optional(
        object({
            storageSize: optional(string()),
            storageClass: optional(string()),
            endpoint: optional(string()),
            accessKeyId: optional(string()),
            secretAccessKey: optional(stringInput),
            insecure: optional(boolean()),
            filesystem: optional(boolean()),
        }),
    ),
    kafka: optional(
        object({
            mode: optional(oneOf(KafkaMode)),
            brokers: optional(array(stringInput)),
            topic: optional(string()),
            partitions: optional(wholeNumber),
            saslUsername: optional(stringInput),
            saslPassword: optional(stringInput),
            strimzi: optional(
                object({
                    installOperator: optional(boolean()),
                    brokers: optional(wholeNumber),
                    storageSize: optional(string()),
                    storageClass: optional(string()),
                    topicRetention: optional(string()),
                }),
            ),
        }),
    ),
    components: optional(
        object({
            distributor: optional(componentSchema),
            querier: optional(componentSchema),
            queryFrontend: optional(componentSchema),
            liveStore: optional(componentSchema),
            blockBuilder: optional(componentSchema),
            backendScheduler: optional(componentSchema),
            backendWorker: optional(componentSchema),
            metricsGenerator: optional(componentSchema),
            gateway: optional(componentSchema),
            ingester: optional(componentSchema),
            compactor: optional(componentSchema),
            tempo: optional(componentSchema),
        }),
    ),
    receivers: optional(
        object({
            otlpGrpc: optional(boolean()),
            otlpHttp: optional(boolean()),
            jaegerThriftHttp: optional(boolean()),
            jaegerGrpc: optional(boolean()),
            zipkin: optional(boolean()),
        }),
    ),
    chart: optional(
        object({
            repository: optional(string()),
            version: optional(string()),
            install: optional(oneOf(ChartInstallMethod)),
            timeoutSeconds: optional(number({ whole: true, above: 0 })),
            packageDirectory: optional(string()),
            skipAwait: optional(boolean()),
        }),
    ),
    limits: optional(limitsSchema),
    tenants: optional(
        record(
            object({
                retention: optional(string()),
                limits: optional(limitsSchema),
                metricsGeneratorProcessors: optional(array(oneOf(MetricsGeneratorProcessor))),
            }),
        ),
    ),
    multitenancy: optional(boolean()),
    metricsGenerator: optional(
        object({
            enabled: optional(boolean()),
            remoteWriteUrl: optional(stringInput),
            remoteWriteHeaders: optional(stringMap),
            remoteWriteUsername: optional(stringInput),
            remoteWritePassword: optional(stringInput),
            externalLabels: optional(stringMap),
            serviceGraphs: optional(
                object({
                    enabled: optional(boolean()),
                    dimensions: optional(array(string())),
                    histogramBuckets: optional(array(number())),
                    peerAttributes: optional(array(string())),
                }),
            ),
            spanMetrics: optional(
                object({
                    enabled: optional(boolean()),
                    dimensions: optional(array(string())),
                    histogramBuckets: optional(array(number())),
                }),
            ),
        }),
    ),
    gateway: optional(
        object({
            enabled: optional(boolean()),
            host: optional(stringInput),
            ingressClassName: optional(string()),
            tlsSecretName: optional(stringInput),
            annotations: optional(stringMap),
            basicAuth: optional(boolean()),
            basicAuthUsername: optional(string()),
        }),
    ),
    cache: optional(
        object({
            enabled: optional(boolean()),
            replicas: optional(wholeNumber),
            cpu: optional(string()),
            memory: optional(string()),
            dedicatedPools: optional(array(oneOf(CacheRole))),
        }),
    ),
    query: optional(
        object({
            defaultResultLimit: optional(wholeNumber),
            maxResultLimit: optional(wholeNumber),
            maxSearchDuration: optional(string()),
            streaming: optional(boolean()),
        }),
    ),
    migration: optional(object({ disableCompaction: optional(boolean()) })),
    monitoring: optional(
        object({
            serviceMonitor: optional(boolean()),
            alerts: optional(boolean()),
            dashboards: optional(boolean()),
            labels: optional(stringMap),
            clusterLabel: optional(string()),
            runbookUrl: optional(string()),
            thresholds: optional(record(object({ value: optional(number()), for: optional(string()) }))),
        }),
    ),
    grafana: optional(
        object({
            datasource: optional(oneOf(DatasourceMode)),
            namespace: optional(stringInput),
            datasourceLabels: optional(stringMap),
            instanceSelector: optional(stringMap),
            lokiUid: optional(stringInput),
            prometheusUid: optional(stringInput),
            pyroscopeUid: optional(stringInput),
        }),
    ),
    vulture: optional(object({ enabled: optional(boolean()), tenant: optional(string()) })),
    values: optional(record(anything())),
    uncheckedValuePaths: optional(array(string())),
    tempoConfig: optional(record(anything())),
});

// Compile-time guarantee that the schema and the public interfaces describe the same shape: mutually assignable,
// and with the same field names at every level (assignability alone lets an optional field exist on one side only).
type SchemaArgs = Infer<typeof tempoClusterArgsSchema>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type SameFields<A, B> = [A] extends [readonly (infer ItemA)[]]
    ? [B] extends [readonly (infer ItemB)[]]
        ? SameFields<ItemA, ItemB>
        : false
    : [A] extends [object]
      ? Same<keyof A, keyof B> extends true
          ? false extends { [K in keyof A & keyof B]-?: SameFields<NonNullable<A[K]>, NonNullable<B[K]>> }[keyof A & keyof B]
              ? false
              : true
          : false
      : true;
const schemaMatchesArgs: Same<SchemaArgs, TempoClusterArgs> = true;
const schemaFieldsMatchArgs: SameFields<SchemaArgs, TempoClusterArgs> = true;
void schemaMatchesArgs;
void schemaFieldsMatchArgs;

/** Structural problems of untrusted args (from code or a stack file), with field paths. */
export function structuralProblems(args: unknown): Problem[] {
    return problemsOf(tempoClusterArgsSchema, args);
}
