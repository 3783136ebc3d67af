/**
 * Helm values for `tempo-distributed` 1.61.3 (Tempo 2.9.0), the classic architecture: ingesters with replication
 * (zone-aware when `zones` are given), a compactor, no Kafka. Keys shared with the 3.x chart come from `shared.ts`.
 *
 * Chart keys: https://github.com/grafana/helm-charts/blob/main/charts/tempo-distributed/values.yaml
 */
import type { StorageBinding, ValuesTree } from "../bindings";
import { ZONE_LABEL } from "../manifests/labels";
import { slug } from "../args/names";
import type { ResolvedClassic, ResolvedSpec } from "../args/resolved";
import { deepMergeAll } from "../util/merge";
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
import { CLASSIC_SECRET_USERS, componentSecretEnvValues, tempoSecretVariables, tempoSections, withSecretEnvKept } from "./secretEnv";

/** All values for the classic chart; the `values` escape hatch comes last. */
export function classicValues(spec: ResolvedSpec, storage: StorageBinding): ValuesTree {
    const classic = spec.classic as ResolvedClassic;
    const secretEnv = componentSecretEnvValues(tempoSecretVariables(spec, storage), CLASSIC_SECRET_USERS, tempoSections(spec, CLASSIC_SECTIONS));
    const merged = deepMergeAll([
        namingValues(spec),
        serviceAccountValues(spec),
        podIdentityValues(storage),
        storageValues(storage),
        secretEnv,
        statelessValues(spec),
        ingesterValues(spec, classic),
        compactorValues(spec, classic),
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

/** Chart sections of the classic line's Tempo components (besides the metrics generator). */
const CLASSIC_SECTIONS = ["distributor", "ingester", "querier", "queryFrontend", "compactor"] as const;

/** Distributor, querier and query-frontend: the same sections and keys as in 3.x. */
export function statelessValues(spec: ResolvedSpec): ValuesTree {
    const sections = { distributor: "distributor", querier: "querier", queryFrontend: "query-frontend" } as const;
    const values: ValuesTree = {};
    for (const [section, label] of Object.entries(sections) as [keyof typeof sections, string][]) {
        const resolved = spec.components[section];
        values[section] = { ...replicaValues(resolved, "flat"), resources: resourceValues(resolved), ...placementValues(spec, label) };
    }
    return values;
}

/**
 * Ingesters: replicas (≥ the replication factor, validated), a persistent WAL (`persistence.storageClass`, the key the
 * chart reads), the replication factor, and zone-aware replication with the rollout operator when zones are given.
 */
export function ingesterValues(spec: ResolvedSpec, classic: ResolvedClassic): ValuesTree {
    const zoneAware = spec.zones.length > 0;
    return {
        ingester: {
            replicas: classic.ingester.replicas,
            resources: resourceValues(classic.ingester),
            persistence: {
                enabled: true,
                size: classic.ingester.storageSize,
                ...(classic.ingester.storageClass !== undefined ? { storageClass: classic.ingester.storageClass } : {}),
            },
            config: { replication_factor: classic.replicationFactor },
            ...(zoneAware
                ? {
                      zoneAwareReplication: {
                          enabled: true,
                          topologyKey: ZONE_LABEL,
                          zones: spec.zones.map((zone) => ({ name: zoneName(zone), nodeSelector: { [ZONE_LABEL]: zone } })),
                      },
                  }
                : placementValues(spec, "ingester")),
        },
        ...(zoneAware ? { rollout_operator: { enabled: true } } : {}),
    };
}

/** Zone names become StatefulSet suffixes (`<release>-ingester-<zone>`): DNS labels of at most 12 characters. */
export function zoneName(zone: string): string {
    return slug(zone).slice(-12).replace(/^-+/, "") || "zone";
}

/** The compactor and retention at Tempo 2's location (this chart's compactor takes affinity but no spread setting). */
export function compactorValues(spec: ResolvedSpec, classic: ResolvedClassic): ValuesTree {
    const { affinity } = placementValues(spec, "compactor");
    return {
        compactor: {
            ...replicaValues(classic.compactor, "nested"),
            resources: resourceValues(classic.compactor),
            config: { compaction: { block_retention: spec.retention } },
            ...(affinity !== undefined ? { affinity } : {}),
        },
    };
}
