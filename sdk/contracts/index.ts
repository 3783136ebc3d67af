/**
 * Upstream contracts: the key trees of the charts' default values and of Tempo's config, loaded from the data files
 * that scripts/extract-contracts.mjs generates, and the checks that use them.
 */

// The data files (~300 KB) load on first use: most programs never check an escape hatch.
const chartTempo224 = () => require("./data/chart-tempo-2.2.4.json") as typeof import("./data/chart-tempo-2.2.4.json");
const chartTempoDistributed1613 = () =>
    require("./data/chart-tempo-distributed-1.61.3.json") as typeof import("./data/chart-tempo-distributed-1.61.3.json");
const chartTempoDistributed330 = () =>
    require("./data/chart-tempo-distributed-3.3.0.json") as typeof import("./data/chart-tempo-distributed-3.3.0.json");
const tempo2108 = () => require("./data/tempo-2.10.8.json") as typeof import("./data/tempo-2.10.8.json");
const tempo290 = () => require("./data/tempo-2.9.0.json") as typeof import("./data/tempo-2.9.0.json");
const tempo303 = () => require("./data/tempo-3.0.3.json") as typeof import("./data/tempo-3.0.3.json");
import {
    TEMPO_2_2_4_PASS_THROUGH,
    TEMPO_2_2_4_TEMPLATE_ONLY_KEYS,
    TEMPO_DISTRIBUTED_1_61_3_PASS_THROUGH,
    TEMPO_DISTRIBUTED_1_61_3_TEMPLATE_ONLY_KEYS,
    TEMPO_DISTRIBUTED_3_3_0_PASS_THROUGH,
    TEMPO_DISTRIBUTED_3_3_0_TEMPLATE_ONLY_KEYS,
} from "./chartRules";
import {
    type ChartContract,
    type ChartName,
    isKeyTree,
    type PassThroughRule,
    type TemplateOnlyKeys,
    type TempoContract,
    withKeys,
} from "./keyTree";

export {
    LIST_ITEM_KEY,
    isKeyTree,
    withKeys,
    type ChartContract,
    type ChartName,
    type KeyNode,
    type KeyTree,
    type LeafKind,
    type PassThroughRule,
    type PathProblem,
    type TemplateOnlyKeys,
    type TempoContract,
} from "./keyTree";
export * from "./chartRules";
export { checkChartValues } from "./chartValues";
export { checkTempoConfig } from "./tempoConfig";

/** What is known about one chart version besides its extracted defaults. */
interface ChartEntry {
    /** Loads the extracted defaults. */
    readonly data: () => unknown;
    readonly rules: readonly PassThroughRule[];
    readonly templateOnlyKeys: TemplateOnlyKeys;
}

const CHARTS: Readonly<Record<ChartName, Readonly<Record<string, ChartEntry>>>> = {
    "tempo-distributed": {
        "3.3.0": {
            data: chartTempoDistributed330,
            rules: TEMPO_DISTRIBUTED_3_3_0_PASS_THROUGH,
            templateOnlyKeys: TEMPO_DISTRIBUTED_3_3_0_TEMPLATE_ONLY_KEYS,
        },
        "1.61.3": {
            data: chartTempoDistributed1613,
            rules: TEMPO_DISTRIBUTED_1_61_3_PASS_THROUGH,
            templateOnlyKeys: TEMPO_DISTRIBUTED_1_61_3_TEMPLATE_ONLY_KEYS,
        },
    },
    tempo: {
        "2.2.4": {
            data: chartTempo224,
            rules: TEMPO_2_2_4_PASS_THROUGH,
            templateOnlyKeys: TEMPO_2_2_4_TEMPLATE_ONLY_KEYS,
        },
    },
};

const TEMPO: Readonly<Record<string, () => unknown>> = {
    "3.0.3": tempo303,
    "2.9.0": tempo290,
    "2.10.8": tempo2108,
};

/** Chart versions with a contract, per chart. */
export const SUPPORTED_CHART_VERSIONS: Readonly<Record<ChartName, readonly string[]>> = {
    "tempo-distributed": Object.keys(CHARTS["tempo-distributed"]),
    tempo: Object.keys(CHARTS.tempo),
};

/** Tempo versions with a contract. */
export const SUPPORTED_TEMPO_VERSIONS: readonly string[] = Object.keys(TEMPO);

const chartCache = new Map<string, ChartContract>();
const tempoCache = new Map<string, TempoContract>();

/**
 * The key tree of a chart version's default values, plus the values its templates read without declaring them.
 * @param name chart name
 * @param version chart version, e.g. "3.3.0"
 * @throws Error for a chart version without a contract
 */
export function chartContract(name: ChartName, version: string): ChartContract {
    const id = `${name}@${version}`;
    let contract = chartCache.get(id);
    if (contract === undefined) {
        const entry = chartEntry(name, version);
        const extracted = asChartContract(entry.data(), `${name} ${version}`);
        contract = { ...extracted, keys: withKeys(extracted.keys, entry.templateOnlyKeys) };
        chartCache.set(id, contract);
    }
    return contract;
}

/**
 * The pass-through rules of a chart version: the values subtrees it copies into tempo.yaml.
 * @param name chart name
 * @param version chart version, e.g. "3.3.0"
 * @throws Error for a chart version without a contract
 */
export function passThroughRules(name: ChartName, version: string): readonly PassThroughRule[] {
    return chartEntry(name, version).rules;
}

/**
 * The key tree of a Tempo version's config manifest, with its YAML key names.
 * @param version Tempo version, e.g. "3.0.3"
 * @throws Error for a Tempo version without a contract
 */
export function tempoContract(version: string): TempoContract {
    let contract = tempoCache.get(version);
    if (contract === undefined) {
        if (!Object.hasOwn(TEMPO, version)) {
            const known = SUPPORTED_TEMPO_VERSIONS.join(", ");
            throw new Error(`no Tempo config contract for version ${version}; known versions: ${known}`);
        }
        contract = asTempoContract(TEMPO[version](), version);
        tempoCache.set(version, contract);
    }
    return contract;
}

function chartEntry(name: ChartName, version: string): ChartEntry {
    if (!Object.hasOwn(CHARTS, name)) {
        throw new Error(`no contracts for chart "${name}"; known charts: ${Object.keys(CHARTS).join(", ")}`);
    }
    const versions = CHARTS[name];
    if (!Object.hasOwn(versions, version)) {
        const known = Object.keys(versions).join(", ");
        throw new Error(`no contract for chart ${name} ${version}; known versions: ${known}`);
    }
    return versions[version];
}

function asChartContract(data: unknown, label: string): ChartContract {
    const d = data as Partial<Record<keyof ChartContract, unknown>>;
    if (
        (d.chart !== "tempo-distributed" && d.chart !== "tempo") ||
        typeof d.version !== "string" ||
        typeof d.tempoVersion !== "string" ||
        typeof d.source !== "string" ||
        !isKeyTree(d.keys)
    ) {
        throw new Error(`contract data for chart ${label} is malformed; run \`npm run contracts:extract\``);
    }
    return { chart: d.chart, version: d.version, tempoVersion: d.tempoVersion, source: d.source, keys: d.keys };
}

function asTempoContract(data: unknown, version: string): TempoContract {
    const d = data as Partial<Record<keyof TempoContract, unknown>>;
    const tags: unknown = d.yamlTags;
    if (
        d.version !== version ||
        typeof d.source !== "string" ||
        typeof d.tagsSource !== "string" ||
        !isKeyTree(d.keys) ||
        !isStringArray(tags)
    ) {
        throw new Error(`contract data for Tempo ${version} is malformed; run \`npm run contracts:extract\``);
    }
    return { version, source: d.source, tagsSource: d.tagsSource, keys: d.keys, yamlTags: tags };
}

function isStringArray(value: unknown): value is string[] {
    return Array.isArray(value) && value.every((item) => typeof item === "string");
}
