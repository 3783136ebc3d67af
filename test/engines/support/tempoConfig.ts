/**
 * Tempo's config as the chart renders it (the ConfigMap's `tempo.yaml` and runtime `overrides.yaml`, i.e. the chart's
 * own template merged with the component's values), checked against the key tree of the Tempo version the pods run.
 *
 * This is the component's model of Tempo (its contract data), not Tempo itself: the Tempo binaries from 2.0 on are
 * AGPL-licensed and the Go module proxy this project builds engines from refuses to serve them, so `tempo
 * -config.verify=true` cannot run here (docs/testing.md). The model still sees the whole rendered config, including
 * every key the chart's template adds.
 */
import { load } from "js-yaml";
import { checkTempoConfig, tempoContract } from "../../../sdk/contracts";
import { dataValue, describeObject, type PlacedObject, type WiringProblem } from "./wiring";

/** The Tempo version of a release: the tag of its Tempo containers' image. */
function tempoVersion(objects: readonly PlacedObject[], release: string): string | undefined {
    for (const { object, release: owner } of objects) {
        if (owner !== release) {
            continue;
        }
        const containers = [...(object.spec?.template?.spec?.containers ?? [])];
        for (const container of containers) {
            const match = /(?:^|\/)tempo:v?(\d+\.\d+\.\d+)$/.exec(String(container.image ?? ""));
            if (match) {
                return match[1];
            }
        }
    }
    return undefined;
}

/** Problems of every Tempo config and runtime overrides file in the objects. */
export function tempoConfigProblems(objects: readonly PlacedObject[]): WiringProblem[] {
    const problems: WiringProblem[] = [];
    for (const { object, release, chart } of objects) {
        if ((chart !== "tempo-distributed" && chart !== "tempo") || (object.kind !== "ConfigMap" && object.kind !== "Secret")) {
            continue;
        }
        const config = dataValue(object, "tempo.yaml");
        const overrides = dataValue(object, "overrides.yaml");
        if (config === undefined && overrides === undefined) {
            continue;
        }
        const version = tempoVersion(objects, release as string);
        if (version === undefined) {
            problems.push({ object: describeObject(object), message: `no Tempo container in release ${release} names its version` });
            continue;
        }
        const contract = tempoContract(version);
        if (config !== undefined) {
            for (const problem of checkTempoConfig(contract, (load(config) ?? {}) as object)) {
                problems.push({ object: describeObject(object), message: `tempo.yaml ${problem.path}: ${problem.message} (Tempo ${version})` });
            }
        }
        if (overrides !== undefined) {
            const tenants = ((load(overrides) ?? {}) as { overrides?: Record<string, object> }).overrides ?? {};
            for (const [tenant, settings] of Object.entries(tenants)) {
                for (const problem of checkTempoConfig(contract, settings ?? {}, "overrides.defaults")) {
                    problems.push({ object: describeObject(object), message: `overrides.yaml tenant ${tenant}: ${problem.path}: ${problem.message} (Tempo ${version})` });
                }
            }
        }
    }
    return problems;
}
