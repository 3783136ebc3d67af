/**
 * Helm values for `tempo-distributed` 3.3.0 (Tempo 3.0.3): Kafka write path, block-builder, live-store,
 * backend-scheduler and backend-worker. Every value here is derived from the ResolvedSpec and the bindings; the
 * function that sets a key is the one place to look for why it has its value.
 *
 * Chart keys: https://github.com/grafana-community/helm-charts/blob/main/charts/tempo-distributed/values.yaml
 */
import { KAFKA_SASL_ENV, type KafkaBinding, type StorageBinding, type ValuesTree } from "../bindings";
import type { TempoComponent } from "../args/defaults";
import { deepMergeAll } from "../util/merge";
import type { ResolvedComponent, ResolvedSpec } from "../args/resolved";
import {
    cacheValues,
    gatewayValues,
    metricsGeneratorValues,
    namingValues,
    overridesValues,
    placementValues,
    podIdentityValues,
    queryValues,
    receiverValues,
    replicaValues,
    resourceValues,
    serviceAccountValues,
    storageValues,
    tempoConfigValues,
} from "./shared";
import { componentSecretEnvValues, DISTRIBUTED_SECRET_USERS, tempoSecretVariables, tempoSections, withSecretEnvKept } from "./secretEnv";

/** Chart values section names of each Tempo 3 component. */
const CHART_SECTION: Readonly<Record<TempoComponent | "metricsGenerator", string>> = {
    metricsGenerator: "metricsGenerator",
    distributor: "distributor",
    querier: "querier",
    queryFrontend: "queryFrontend",
    liveStore: "liveStore",
    blockBuilder: "blockBuilder",
    backendScheduler: "backendScheduler",
    backendWorker: "backendWorker",
};

/** Inputs of the values builder. */
export interface DistributedBindings {
    readonly storage: StorageBinding;
    readonly kafka: KafkaBinding;
}

/** All values for the chart, merged from one builder per concern; the `values` escape hatch comes last. */
export function distributedValues(spec: ResolvedSpec, bindings: DistributedBindings): ValuesTree {
    const sections = tempoSections(spec, Object.keys(spec.components).map((component) => CHART_SECTION[component as TempoComponent]));
    const secretEnv = componentSecretEnvValues(tempoSecretVariables(spec, bindings.storage, bindings.kafka), DISTRIBUTED_SECRET_USERS, sections);
    const merged = deepMergeAll([
        namingValues(spec),
        serviceAccountValues(spec),
        podIdentityValues(bindings.storage),
        storageValues(bindings.storage),
        kafkaValues(bindings.kafka),
        secretEnv,
        componentValues(spec),
        retentionValues(spec),
        overridesValues(spec),
        receiverValues(spec),
        metricsGeneratorValues(spec),
        gatewayValues(spec),
        cacheValues(spec),
        queryValues(spec),
        tempoConfigValues(spec),
        spec.values as ValuesTree,
    ]);
    return withSecretEnvKept(merged, secretEnv);
}


/**
 * Kafka: the chart renders address, topic and auto-creation; SASL goes through `tempo.structuredConfig` as `${VAR}`
 * references that Tempo expands from the environment of the components that use Kafka (see {@link componentSecretEnvValues}), so the ConfigMap holds
 * no secret.
 */
export function kafkaValues(kafka: KafkaBinding): ValuesTree {
    const values: ValuesTree = {
        ingest: {
            kafka: {
                address: kafka.address,
                topic: kafka.topic,
                auto_create_topic_enabled: kafka.autoCreateTopic,
                auto_create_topic_default_partitions: kafka.partitions,
            },
        },
    };
    if (kafka.saslSecretName === undefined) {
        return values;
    }
    return {
        ...values,
        tempo: {
            structuredConfig: {
                ingest: {
                    kafka: {
                        sasl_username: `\${${KAFKA_SASL_ENV.username}}`,
                        sasl_password: `\${${KAFKA_SASL_ENV.password}}`,
                    },
                },
            },
        },
    };
}

/** `app.kubernetes.io/component` label value of each component's pods (the chart's naming). */
export const COMPONENT_LABEL: Readonly<Record<TempoComponent | "metricsGenerator", string>> = {
    metricsGenerator: "metrics-generator",
    distributor: "distributor",
    querier: "querier",
    queryFrontend: "query-frontend",
    liveStore: "live-store",
    blockBuilder: "block-builder",
    backendScheduler: "backend-scheduler",
    backendWorker: "backend-worker",
};

/** Components whose chart section takes the flat HPA layout; the backend-worker's is nested. */
const FLAT_AUTOSCALING: readonly TempoComponent[] = ["distributor", "querier", "queryFrontend"];
/** Components the chart can give a PodDisruptionBudget. */
const WITH_PDB: readonly TempoComponent[] = ["distributor", "querier", "queryFrontend", "liveStore", "blockBuilder", "backendWorker"];

/**
 * The disruption budget of one component. The chart's backend-worker template reads
 * `backendWorker.podDisruptionBudget.enabled` and `backendWorker.maxUnavailable` whenever it runs more than one
 * worker, but its defaults declare neither, so both are always set here (a missing map stops `helm install`).
 */
function disruptionBudgetValues(component: TempoComponent): ValuesTree {
    if (!WITH_PDB.includes(component)) {
        return {};
    }
    const budget: ValuesTree = { podDisruptionBudget: { enabled: true } };
    return component === "backendWorker" ? { ...budget, maxUnavailable: 1 } : budget;
}

/**
 * Replicas (or autoscaling), resources, disruption budgets and zone placement of every component. Live-store and
 * block-builder replicas equal the partitions (validated); the backend-scheduler has no replica key (always one).
 */
export function componentValues(spec: ResolvedSpec): ValuesTree {
    const values: ValuesTree = {};
    for (const [component, resolved] of Object.entries(spec.components) as [TempoComponent, ResolvedComponent][]) {
        values[CHART_SECTION[component]] = {
            // The backend-scheduler has no replica key: the chart always runs exactly one.
            ...(component === "backendScheduler" ? {} : replicaValues(resolved, FLAT_AUTOSCALING.includes(component) ? "flat" : "nested")),
            resources: resourceValues(resolved),
            ...disruptionBudgetValues(component),
            ...placementValues(spec, COMPONENT_LABEL[component]),
        };
    }
    return values;
}

/**
 * Retention: the backend-scheduler's compaction block is rendered by the chart into both Tempo 3 locations
 * (`backend_scheduler.provider.compaction.compaction` and `backend_worker.compaction`); the overrides carry it too.
 */
export function retentionValues(spec: ResolvedSpec): ValuesTree {
    return { backendScheduler: { config: { provider: { compaction: { compaction: { block_retention: spec.retention } } } } } };
}
