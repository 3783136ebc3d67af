/**
 * Secrets as environment variables, delivered only to the Tempo components that use them.
 *
 * The charts' `global.extraEnvFrom` and `global.extraArgs` reach every workload they render — memcached and the
 * gateway included — so secrets and Tempo's own flags never go there. Each variable is set per component with
 * `extraEnv` (`valueFrom.secretKeyRef`, one key each), and `-config.expand-env=true` goes to every Tempo component
 * (they share one config file holding the `${VAR}` references), never to the other containers.
 *
 * Which component uses what follows Tempo's module graph (`cmd/tempo/app/modules.go` of each pinned Tempo):
 * https://github.com/grafana/tempo/blob/v3.0.3/cmd/tempo/app/modules.go
 */
import { KAFKA_SASL_ENV, SecretPurpose, type KafkaBinding, type SecretEnvVar, type StorageBinding, type ValuesTree } from "../bindings";
import type { ResolvedSpec } from "../args/resolved";
import { REMOTE_WRITE_PASSWORD_ENV } from "./shared";

/** Lets Tempo expand `${VAR}` references in its config from the container's environment. */
export const EXPAND_ENV_ARG = "-config.expand-env=true";

/** Chart sections (one per Tempo component) that use each purpose. */
export type SecretUsers = Readonly<Record<SecretPurpose, readonly string[]>>;

/**
 * Tempo 3.0.3 (tempo-distributed 3.3.0): the object store is a dependency of the query-frontend, querier,
 * block-builder, backend-scheduler and backend-worker; Kafka clients run in the distributor (producer), live-store,
 * block-builder and metrics-generator (consumers); only the metrics generator remote-writes.
 */
export const DISTRIBUTED_SECRET_USERS: SecretUsers = {
    [SecretPurpose.ObjectStore]: ["queryFrontend", "querier", "blockBuilder", "backendScheduler", "backendWorker"],
    [SecretPurpose.Kafka]: ["distributor", "liveStore", "blockBuilder", "metricsGenerator"],
    [SecretPurpose.RemoteWrite]: ["metricsGenerator"],
};

/**
 * Tempo 2.9.0 (tempo-distributed 1.61.3): the object store is used by the query-frontend, querier, ingester and
 * compactor, and by the metrics generator, which opens the store whenever a trace backend is configured
 * (`initOptionalStore`). No Kafka on this line.
 */
export const CLASSIC_SECRET_USERS: SecretUsers = {
    [SecretPurpose.ObjectStore]: ["queryFrontend", "querier", "ingester", "compactor", "metricsGenerator"],
    [SecretPurpose.Kafka]: [],
    [SecretPurpose.RemoteWrite]: ["metricsGenerator"],
};

/** The chart sections of the Tempo components an install runs: `sections`, plus the metrics generator's when enabled. */
export function tempoSections(spec: ResolvedSpec, sections: readonly string[]): string[] {
    return spec.metricsGenerator !== undefined ? [...sections, "metricsGenerator"] : [...sections];
}

/** The chart's `extraEnv` entry of one variable. */
export function secretEnvEntry(variable: SecretEnvVar): ValuesTree {
    return { name: variable.name, valueFrom: { secretKeyRef: { name: variable.secretName, key: variable.key } } };
}

/**
 * Per-component `extraEnv` and `extraArgs` of a multi-component chart: every section in `tempoSections` gets
 * `-config.expand-env=true` when any variable exists, and the variables whose purpose it uses.
 */
export function componentSecretEnvValues(
    variables: readonly SecretEnvVar[],
    users: SecretUsers,
    tempoSections: readonly string[],
): ValuesTree {
    if (variables.length === 0) {
        return {};
    }
    const sorted = [...variables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const values: ValuesTree = {};
    for (const section of tempoSections) {
        const own = sorted.filter((variable) => users[variable.purpose].includes(section));
        values[section] = {
            extraArgs: [EXPAND_ENV_ARG],
            ...(own.length > 0 ? { extraEnv: own.map(secretEnvEntry) } : {}),
        };
    }
    return values;
}


/**
 * The escape hatch is merged last and replaces lists whole (as Helm does), so a `values` entry such as
 * `distributor.extraArgs` would drop the flag and variables a component needs. After the merge, every section of
 * `ours` (the output of {@link componentSecretEnvValues}) gets back the arguments and variables it lacks, after the
 * user's own; a variable the user sets under the same name is theirs.
 */
export function withSecretEnvKept(merged: ValuesTree, ours: ValuesTree): ValuesTree {
    const result: ValuesTree = { ...merged };
    for (const [section, given] of Object.entries(ours) as [string, { extraArgs?: string[]; extraEnv?: { name: string }[] }][]) {
        const current = (result[section] ?? {}) as { extraArgs?: unknown; extraEnv?: unknown };
        const args = Array.isArray(current.extraArgs) ? (current.extraArgs as unknown[]) : [];
        const env = Array.isArray(current.extraEnv) ? (current.extraEnv as { name?: string }[]) : [];
        const missingArgs = (given.extraArgs ?? []).filter((arg) => !args.includes(arg));
        const missingEnv = (given.extraEnv ?? []).filter((variable) => !env.some((entry) => entry?.name === variable.name));
        if (missingArgs.length > 0 || missingEnv.length > 0) {
            result[section] = {
                ...current,
                ...(given.extraArgs !== undefined ? { extraArgs: [...args, ...missingArgs] } : {}),
                ...(given.extraEnv !== undefined ? { extraEnv: [...env, ...missingEnv] } : {}),
            };
        }
    }
    return result;
}

/** Every secret variable of an install: store credentials, Kafka SASL (Secret keys are the variable names), remote write. */
export function tempoSecretVariables(spec: ResolvedSpec, storage: StorageBinding, kafka?: KafkaBinding): SecretEnvVar[] {
    const variables = [...storage.secretEnv];
    if (kafka?.saslSecretName !== undefined) {
        for (const name of [KAFKA_SASL_ENV.username, KAFKA_SASL_ENV.password]) {
            variables.push({ name, secretName: kafka.saslSecretName, key: name, purpose: SecretPurpose.Kafka });
        }
    }
    const remoteWriteSecret = spec.metricsGenerator?.secretName;
    if (remoteWriteSecret !== undefined) {
        variables.push({ name: REMOTE_WRITE_PASSWORD_ENV, secretName: remoteWriteSecret, key: REMOTE_WRITE_PASSWORD_ENV, purpose: SecretPurpose.RemoteWrite });
    }
    return variables;
}
