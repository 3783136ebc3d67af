/**
 * tempo-cluster: a production Grafana Tempo on Kubernetes as one Pulumi component.
 */
export { TempoCluster, TEMPO_CLUSTER_TYPE } from "./tempoCluster";
export * from "./args/types";
export { TempoClusterArgsError, type Problem } from "./args/problems";
export { CHART_TARGETS, type ChartTarget } from "./args/targets";
