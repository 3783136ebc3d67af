/**
 * tempo-cluster: a production Grafana Tempo on Kubernetes as one Pulumi component.
 */
export { TempoCluster, TEMPO_CLUSTER_TYPE } from "./tempoCluster";
export * from "./spec/args";
export { TempoClusterArgsError, type Problem } from "./spec/problems";
export { CHART_TARGETS, type ChartTarget } from "./spec/targets";
