// The per-environment program: `pulumi up -s <env>` reads stacks/Pulumi.<env>.yaml (see sdk/program.ts).
import { clusterFromStackConfig } from "../sdk/program";

const tempo = clusterFromStackConfig();

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
