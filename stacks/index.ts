// The per-environment program: `pulumi up -s <env>` reads stacks/Pulumi.<env>.yaml (see sdk/program.ts).
import { clustersFromStackConfig } from "../sdk/program";

const clusters = clustersFromStackConfig();
const tempo = clusters[0].cluster;

export const namespace = tempo.namespace;
export const releaseName = tempo.releaseName;
export const bucketName = tempo.bucketName;
export const serviceAccountName = tempo.serviceAccountName;
export const identity = tempo.identity;
export const queryUrl = tempo.queryUrl;
export const otlpGrpcEndpoint = tempo.otlpGrpcEndpoint;
export const otlpHttpEndpoint = tempo.otlpHttpEndpoint;
export const zipkinEndpoint = tempo.zipkinEndpoint;
export const datasourceUid = tempo.datasourceUid;
export const chartVersion = tempo.chartVersion;
export const tempoVersion = tempo.tempoVersion;
export const kafkaBootstrap = tempo.kafkaBootstrap;
export const gatewayPassword = tempo.gatewayPassword;
/** Query URL of every TempoCluster of the stack, by name (several during a side-by-side migration). */
export const queryUrls = Object.fromEntries(clusters.map(({ name, cluster }) => [name, cluster.queryUrl]));
