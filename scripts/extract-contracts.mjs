#!/usr/bin/env node
// Extracts the key trees that sdk/contracts checks generated values against.
//
// Reads the read-only reference data (chart default values, Tempo config manifests and YAML tag lists) from
// ${TEMPO_REFERENCE_DIR:-<repo>/../shared/reference} and writes deterministic JSON into sdk/contracts/data/.
// Only facts go into the output: key names and the kind of each default value; no comments, no prose.
//
// Usage:
//   node scripts/extract-contracts.mjs                  write the data files
//   node scripts/extract-contracts.mjs --check          exit 1 (and list the files) when the committed files drift
//   node scripts/extract-contracts.mjs --data-dir DIR   write to / check DIR instead of sdk/contracts/data

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Default reference directory: $TEMPO_REFERENCE_DIR, else <repo>/../shared/reference. */
export const defaultReferenceDir = process.env.TEMPO_REFERENCE_DIR || resolve(repoDir, "..", "shared", "reference");

/** Default output directory for the generated contract files. */
export const defaultDataDir = join(repoDir, "sdk", "contracts", "data");

/**
 * Chart values files to extract. `tempoVersion` is the chart's appVersion, recorded in charts/README.md.
 * The monolithic chart 1.24.4 is deliberately left out: nothing in the component targets it.
 */
const CHARTS = [
    { chart: "tempo-distributed", version: "3.3.0", tempoVersion: "3.0.3" },
    { chart: "tempo-distributed", version: "1.61.3", tempoVersion: "2.9.0" },
    { chart: "tempo", version: "2.2.4", tempoVersion: "2.10.8" },
];

/** Tempo versions whose manifest and YAML tag list are extracted. */
const TEMPO_VERSIONS = ["3.0.3", "2.9.0", "2.10.8"];

/** Key under which a list's item tree is stored (Tempo manifests only): `{ "[]": { ...item keys } }`. */
const LIST_ITEM_KEY = "[]";

const isPlainObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * The key tree of a parsed YAML value. Leaves are kinds: "string" | "number" | "boolean" | "null" | "list" | "map"
 * ("map" is an empty map in the defaults, i.e. an open map). With `listItems`, a list whose items are maps becomes
 * `{ "[]": <union of the item trees> }` so that item keys can be checked.
 */
function keyTree(value, { listItems }) {
    if (value === null || value === undefined) return "null";
    if (Array.isArray(value)) {
        const maps = value.filter(isPlainObject);
        if (!listItems || maps.length === 0) return "list";
        return { [LIST_ITEM_KEY]: keyTree(Object.assign({}, ...maps), { listItems }) };
    }
    if (isPlainObject(value)) {
        const entries = Object.entries(value);
        if (entries.length === 0) return "map";
        return Object.fromEntries(entries.map(([key, child]) => [key, keyTree(child, { listItems })]));
    }
    switch (typeof value) {
        case "string":
        case "number":
        case "boolean":
            return typeof value;
        default:
            throw new Error(`unexpected YAML value of type ${typeof value}`);
    }
}

/** Deterministic JSON: keys sorted at every level, 2-space indent, trailing newline. */
function stableJson(value) {
    const sorted = (v) => {
        if (Array.isArray(v)) return v.map(sorted);
        if (!isPlainObject(v)) return v;
        return Object.fromEntries(
            Object.keys(v)
                .sort()
                .map((k) => [k, sorted(v[k])]),
        );
    };
    return `${JSON.stringify(sorted(value), null, 2)}\n`;
}

/** The YAML block under "## Complete configuration" in a Tempo manifest.md. */
function manifestYaml(markdown, file) {
    const match = /^## Complete configuration\s*^```yaml\n([\s\S]*?)^```/m.exec(markdown);
    if (!match) throw new Error(`${file}: no \`\`\`yaml block under "## Complete configuration"`);
    return match[1];
}

/** Sorted unique names from a yaml-tags-<version>.txt file (one name a line; # starts a comment line). */
function yamlTags(text) {
    const names = text
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== "" && !line.startsWith("#"));
    return [...new Set(names)].sort();
}

function parseYaml(text, file) {
    const doc = YAML.parseDocument(text);
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
    return doc.toJS();
}

/**
 * Builds every contract file from the reference directory.
 * @param {string} referenceDir
 * @returns {Map<string, string>} file name → file content
 */
export function extractContracts(referenceDir = defaultReferenceDir) {
    const files = new Map();
    for (const { chart, version, tempoVersion } of CHARTS) {
        const source = `charts/${chart}-${version}.values.yaml`;
        const values = parseYaml(readFileSync(join(referenceDir, source), "utf8"), source);
        const keys = keyTree(values, { listItems: false });
        files.set(`chart-${chart}-${version}.json`, stableJson({ chart, version, tempoVersion, source, keys }));
    }
    for (const version of TEMPO_VERSIONS) {
        const source = `tempo/manifest-v${version}.md`;
        const tagsSource = `tempo/yaml-tags-v${version}.txt`;
        const manifest = parseYaml(manifestYaml(readFileSync(join(referenceDir, source), "utf8"), source), source);
        files.set(
            `tempo-${version}.json`,
            stableJson({
                version,
                source,
                tagsSource,
                keys: keyTree(manifest, { listItems: true }),
                yamlTags: yamlTags(readFileSync(join(referenceDir, tagsSource), "utf8")),
            }),
        );
    }
    return files;
}

/**
 * Compares the files in `dataDir` with a fresh extraction.
 * @returns {string[]} one line per drifted, missing or unexpected file; empty when up to date
 */
export function checkContracts(referenceDir = defaultReferenceDir, dataDir = defaultDataDir) {
    const expected = extractContracts(referenceDir);
    const problems = [];
    for (const [name, content] of expected) {
        const path = join(dataDir, name);
        if (!existsSync(path)) problems.push(`${name}: missing`);
        else if (readFileSync(path, "utf8") !== content) problems.push(`${name}: differs from a fresh extraction`);
    }
    if (existsSync(dataDir)) {
        for (const name of readdirSync(dataDir)) {
            if (name.endsWith(".json") && !expected.has(name)) problems.push(`${name}: not produced by the extraction`);
        }
    }
    return problems;
}

/** Writes a fresh extraction into `dataDir`; returns the written file names. */
export function writeContracts(referenceDir = defaultReferenceDir, dataDir = defaultDataDir) {
    mkdirSync(dataDir, { recursive: true });
    const files = extractContracts(referenceDir);
    for (const [name, content] of files) writeFileSync(join(dataDir, name), content);
    return [...files.keys()];
}

function main(argv) {
    const dataDirFlag = argv.indexOf("--data-dir");
    if (dataDirFlag >= 0 && !argv[dataDirFlag + 1]) {
        console.error("usage: extract-contracts.mjs [--check] [--data-dir DIR]");
        return 2;
    }
    const dataDir = dataDirFlag >= 0 ? resolve(argv[dataDirFlag + 1]) : defaultDataDir;
    if (!existsSync(defaultReferenceDir)) {
        console.error(`reference directory not found: ${defaultReferenceDir} (set TEMPO_REFERENCE_DIR)`);
        return 2;
    }
    if (argv.includes("--check")) {
        const problems = checkContracts(defaultReferenceDir, dataDir);
        for (const problem of problems) console.error(problem);
        if (problems.length > 0) {
            console.error("contract data is out of date; run `npm run contracts:extract`");
            return 1;
        }
        console.log(`contract data in ${dataDir} is up to date`);
        return 0;
    }
    for (const name of writeContracts(defaultReferenceDir, dataDir)) console.log(`wrote ${join(dataDir, name)}`);
    return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    process.exitCode = main(process.argv.slice(2));
}
