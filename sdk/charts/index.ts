/**
 * One values builder per chart line, chosen by architecture.
 */
import type { KafkaBinding, StorageBinding, ValuesTree } from "../bindings";
import { Architecture } from "../args/types";
import type { ResolvedSpec } from "../args/resolved";
import { classicValues } from "./tempoClassic";
import { distributedValues } from "./tempoDistributed";
import { monolithicValues } from "./tempoMonolithic";

/** Helm values for the spec's chart line. Kafka is required for (and only used by) Tempo 3 distributed. */
export function chartValues(spec: ResolvedSpec, storage: StorageBinding, kafka: KafkaBinding | undefined): ValuesTree {
    switch (spec.architecture) {
        case Architecture.Distributed:
            if (kafka === undefined) {
                throw new Error("Tempo 3 distributed needs a Kafka binding");
            }
            return distributedValues(spec, { storage, kafka });
        case Architecture.Classic:
            return classicValues(spec, storage);
        case Architecture.Monolithic:
            return monolithicValues(spec, storage);
    }
}
