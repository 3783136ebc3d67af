/**
 * TempoCluster: a production Grafana Tempo on Kubernetes in one resource. The constructor reads like a table of
 * contents; each step is a function in the pure core (args/, charts/, endpoints) or the thin shell (clouds/, kafka/,
 * k8s/).
 */
import * as pulumi from "@pulumi/pulumi";
import type { KafkaBinding, StorageBinding } from "./bindings";
import { REMOTE_WRITE_PASSWORD_ENV } from "./charts/shared";
import { chartValues } from "./charts";
import { vultureValues } from "./charts/vulture";
import { createAwsStorage } from "./clouds/aws";
import { createAzureStorage } from "./clouds/azure";
import { createGcpStorage } from "./clouds/gcp";
import { createLocalStorage, filesystemStorage } from "./clouds/local";
import { datasourceUid, tempoEndpoints } from "./endpoints";
import { createNamespace, createSecret, createServiceAccount } from "./k8s/core";
import { createGatewayAuth } from "./k8s/gatewayAuth";
import { createObservability, type GatewayCredentials } from "./k8s/observability";
import { installChart } from "./k8s/helm";
import { createStoragePreflight } from "./k8s/storagePreflight";
import { bindExternalKafka } from "./kafka/external";
import { createStrimziKafka } from "./kafka/strimzi";
import { Cloud, KafkaMode, type TempoClusterArgs } from "./args/types";
import { planTempoCluster, type ResolvedSpec } from "./args";
import { chartInstallOptions, requireKafka } from "./args/resolved";
import { peerInstalled } from "./util/peer";

/** The values, once `checked` settled (as they are when nothing needs checking later). */
function afterChecks(checked: pulumi.Output<void> | undefined, values: pulumi.Inputs): pulumi.Inputs {
    return checked === undefined ? values : (pulumi.all([checked, values]).apply(([, resolved]) => resolved) as unknown as pulumi.Inputs);
}

/** Pulumi type token: `<package name>:index:<class name>`. */
export const TEMPO_CLUSTER_TYPE = "tempo-cluster:index:TempoCluster";

/** Shell results: a binding plus the resources Tempo must wait for. */
type Bound<T> = T & { dependencies: pulumi.Resource[] };

/**
 * Grafana Tempo with its bucket, workload identity, Kafka binding and Helm install.
 *
 * Invalid args throw a single error listing every problem (with field paths) before any resource is registered.
 *
 * @example
 * const tempo = new TempoCluster("tempo", {
 *     cloud: Cloud.Aws,
 *     aws: { region: "eu-west-1", clusterName: "prod-eks" },
 *     kafka: { mode: KafkaMode.External, brokers: ["kafka.internal:9092"] },
 * });
 */
export class TempoCluster extends pulumi.ComponentResource {
    /** Namespace Tempo runs in. */
    public readonly namespace!: pulumi.Output<string>;
    /** Helm release name; every chart Service is `<releaseName>-<component>`. */
    public readonly releaseName!: pulumi.Output<string>;
    /** The trace bucket. */
    public readonly bucketName!: pulumi.Output<string>;
    /** The ServiceAccount every Tempo pod runs as. */
    public readonly serviceAccountName!: pulumi.Output<string>;
    /** The identity Tempo uses: IAM role ARN (AWS), Google service account e-mail (GCP), managed identity client id (Azure), access key id (local). */
    public readonly identity!: pulumi.Output<string>;
    /** Tempo's query API (the Grafana datasource URL), e.g. `http://tempo-query-frontend.tempo.svc.cluster.local:3200`. */
    public readonly queryUrl!: pulumi.Output<string>;
    /** OTLP gRPC `host:port`; empty when the receiver is off. */
    public readonly otlpGrpcEndpoint!: pulumi.Output<string>;
    /** OTLP HTTP base URL (exporters append `/v1/traces`); empty when the receiver is off. */
    public readonly otlpHttpEndpoint!: pulumi.Output<string>;
    /** Zipkin endpoint; empty when the receiver is off. */
    public readonly zipkinEndpoint!: pulumi.Output<string>;
    /** The uid of Tempo's Grafana datasource (the first tenant's with multi-tenancy), stable across deployments. */
    public readonly datasourceUid!: pulumi.Output<string>;
    /** Installed chart version. */
    public readonly chartVersion!: pulumi.Output<string>;
    /** Tempo version the chart installs (`unknown` when the chart version is overridden). */
    public readonly tempoVersion!: pulumi.Output<string>;
    /** Kafka bootstrap address Tempo uses (empty for the Tempo 2 architectures, which have no Kafka). */
    public readonly kafkaBootstrap!: pulumi.Output<string>;
    /** The gateway's basic-auth password (secret; empty without gateway basic auth). The user name is `gateway.basicAuthUsername`. */
    public readonly gatewayPassword!: pulumi.Output<string>;

    constructor(name: string, args: TempoClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validate before registering anything: invalid args must leave no trace in the stack.
        const { spec, warnings, checked } = planTempoCluster(args, { name, project: pulumi.getProject(), stack: pulumi.getStack(), isInstalled: peerInstalled });
        super(TEMPO_CLUSTER_TYPE, name, {}, opts);
        for (const warning of warnings) {
            pulumi.log.warn(`${warning.path}: ${warning.message}`, this);
        }

        const namespace = createNamespace(spec, this);
        const inNamespace = namespace ? [namespace] : [];
        const storage = createStorage(spec, this, inNamespace);
        const serviceAccount = createServiceAccount(spec, storage.serviceAccountAnnotations, this, inNamespace);
        const kafka = spec.kafka !== undefined ? bindKafka(spec, this, inNamespace) : undefined;
        const features = createFeatureSecrets(spec, this, inNamespace);
        const storageChecked = createStoragePreflight(spec, storage, this, [serviceAccount, ...features.dependencies, ...storage.dependencies]);
        const tempo = installChart(
            {
                resourceName: `${name}-helm`,
                releaseName: spec.releaseName,
                namespace: spec.namespace,
                chart: spec.chart,
                // With args that arrived as outputs, the release waits until they resolved and passed their checks.
                values: afterChecks(checked, chartValues(spec, storage, kafka)),
            },
            this,
            [...inNamespace, serviceAccount, ...storage.dependencies, ...(kafka?.dependencies ?? []), ...features.dependencies, ...storageChecked],
        );
        installVulture(spec, tempo, this);

        const observability = createObservability(spec, tempo, features.gatewayCredentials, this);

        const endpoints = tempoEndpoints(spec);
        const afterInstall = <T>(value: pulumi.Input<T>) => pulumi.all([tempo.urn, value]).apply(([, v]) => v);
        this.namespace = namespace ? namespace.metadata.name : pulumi.output(spec.namespace);
        this.releaseName = afterInstall(spec.releaseName);
        this.bucketName = pulumi.output(storage.bucketName);
        this.serviceAccountName = serviceAccount.metadata.name;
        this.identity = pulumi.output(storage.identity);
        this.queryUrl = afterInstall(endpoints.queryUrl);
        this.otlpGrpcEndpoint = afterInstall(endpoints.otlpGrpcEndpoint);
        this.otlpHttpEndpoint = afterInstall(endpoints.otlpHttpEndpoint);
        this.zipkinEndpoint = afterInstall(endpoints.zipkinEndpoint);
        this.datasourceUid = pulumi.output(observability.datasourceUids[0] ?? datasourceUid(spec));
        this.chartVersion = afterInstall(spec.chart.version);
        this.tempoVersion = pulumi.output(spec.chart.tempoVersion);
        this.kafkaBootstrap = pulumi.output(kafka?.address ?? "");
        this.gatewayPassword = features.gatewayPassword;
        this.registerOutputs({
            namespace: this.namespace,
            releaseName: this.releaseName,
            bucketName: this.bucketName,
            serviceAccountName: this.serviceAccountName,
            identity: this.identity,
            queryUrl: this.queryUrl,
            otlpGrpcEndpoint: this.otlpGrpcEndpoint,
            otlpHttpEndpoint: this.otlpHttpEndpoint,
            zipkinEndpoint: this.zipkinEndpoint,
            datasourceUid: this.datasourceUid,
            chartVersion: this.chartVersion,
            tempoVersion: this.tempoVersion,
            kafkaBootstrap: this.kafkaBootstrap,
            gatewayPassword: this.gatewayPassword,
        });
    }
}

/** Bucket + identity on the chosen cloud. */
function createStorage(spec: ResolvedSpec, parent: pulumi.Resource, inNamespace: pulumi.Resource[]): Bound<StorageBinding> {
    switch (spec.cloud) {
        case Cloud.Aws:
            return createAwsStorage(spec, parent);
        case Cloud.Gcp:
            return createGcpStorage(spec, parent);
        case Cloud.Azure:
            return createAzureStorage(spec, parent);
        case Cloud.Local:
            return spec.monolithic?.filesystem ? { ...filesystemStorage(), dependencies: [] } : createLocalStorage(spec, parent, inNamespace);
    }
}

/** Secrets the feature surface needs: the remote-write password and the gateway's basic auth. */
function createFeatureSecrets(
    spec: ResolvedSpec,
    parent: pulumi.Resource,
    dependsOn: pulumi.Resource[],
): { dependencies: pulumi.Resource[]; gatewayPassword: pulumi.Output<string>; gatewayCredentials?: GatewayCredentials } {
    const dependencies: pulumi.Resource[] = [];
    const generator = spec.metricsGenerator;
    if (generator?.secretName !== undefined && generator.remoteWritePassword !== undefined) {
        dependencies.push(
            createSecret(spec, "remote-write", generator.secretName, { [REMOTE_WRITE_PASSWORD_ENV]: generator.remoteWritePassword }, parent, dependsOn),
        );
    }
    if (spec.gateway?.basicAuth) {
        const auth = createGatewayAuth(spec, spec.gateway, parent, dependsOn);
        dependencies.push(auth.secret);
        return {
            dependencies,
            gatewayPassword: auth.password,
            gatewayCredentials: { secretName: spec.gateway.secretName, password: auth.password },
        };
    }
    return { dependencies, gatewayPassword: pulumi.secret("") };
}

/** Tempo Vulture when it runs, once Tempo is installed: a synthetic trace written and read back for as long as Tempo runs. */
function installVulture(spec: ResolvedSpec, tempo: pulumi.Resource, parent: pulumi.Resource): pulumi.Resource | undefined {
    if (spec.vulture === undefined) {
        return undefined;
    }
    return installChart(
        {
            resourceName: `${spec.name}-vulture`,
            releaseName: spec.vulture.releaseName,
            namespace: spec.namespace,
            chart: { ...spec.vulture.target, ...chartInstallOptions(spec.chart) },
            values: vultureValues(spec),
        },
        parent,
        [tempo],
    );
}

/** Kafka for the Tempo 3 write path: in the cluster through Strimzi, or a broker the user runs. */
function bindKafka(spec: ResolvedSpec, parent: pulumi.Resource, dependsOn: pulumi.Resource[]): Bound<KafkaBinding> {
    switch (requireKafka(spec).mode) {
        case KafkaMode.Strimzi:
            return createStrimziKafka(spec, parent, dependsOn);
        case KafkaMode.External:
            return bindExternalKafka(spec, parent, dependsOn);
    }
}
