/**
 * The folder map of docs/architecture.md, enforced: every import in `sdk/` goes along a dependency the map allows,
 * the pure core never imports the shell, and no file imports itself through a circle. The map below is the map of
 * the doc (a test checks that they agree); moving a dependency is a deliberate change to both.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
    importCircles,
    importSpecifiers,
    mapProblems,
    mapViolations,
    readImportGraph,
    unitOf,
    type FolderMap,
    type ImportGraph,
    type MapRow,
} from "./support/importGraph";

const ROOT = join(__dirname, "..");
const SDK = join(ROOT, "sdk");
const DOC = join(ROOT, "docs", "architecture.md");

/** Folder (or top-level file) → kind and what it may import; the order is the doc's, lowest layer first. */
const FOLDER_MAP: FolderMap = {
    version: { kind: "core", mayImport: [] },
    bindings: { kind: "core", mayImport: [] },
    util: { kind: "core", mayImport: ["bindings"] },
    access: { kind: "core", mayImport: [] },
    contracts: { kind: "core", mayImport: [] },
    monitoring: { kind: "core", mayImport: ["util"] },
    args: { kind: "core", mayImport: ["util", "version", "contracts", "monitoring"] },
    endpoints: { kind: "core", mayImport: ["args"] },
    manifests: { kind: "core", mayImport: ["args", "bindings"] },
    charts: { kind: "core", mayImport: ["args", "bindings", "endpoints", "manifests", "util"] },
    k8s: { kind: "shell", mayImport: ["args", "bindings", "endpoints", "manifests", "monitoring", "util"] },
    clouds: { kind: "shell", mayImport: ["access", "args", "bindings", "k8s", "manifests", "util"] },
    kafka: { kind: "shell", mayImport: ["args", "bindings", "k8s", "manifests"] },
    tempoCluster: { kind: "shell", mayImport: ["args", "bindings", "charts", "clouds", "endpoints", "k8s", "kafka", "util"] },
    program: { kind: "shell", mayImport: ["args", "tempoCluster", "util"] },
    render: { kind: "shell", mayImport: ["args", "program", "util"] },
    testing: { kind: "shell", mayImport: ["render"] },
    index: { kind: "shell", mayImport: ["args", "tempoCluster"] },
    policy: { kind: "separate", mayImport: [] },
};

/**
 * Inside `args/`: the public types build on nothing; validation and resolution build on the files at the top of the
 * folder, never on each other; only the entry (`index.ts`) uses both.
 */
const ARGS_MAP: FolderMap = {
    "args/types": { kind: "core", mayImport: [] },
    "args (shared)": { kind: "core", mayImport: ["args/types"] },
    "args/validation": { kind: "core", mayImport: ["args/types", "args (shared)"] },
    "args/resolution": { kind: "core", mayImport: ["args/types", "args (shared)"] },
    "args/index.ts": { kind: "core", mayImport: ["args/types", "args (shared)", "args/validation", "args/resolution"] },
};

/** The part of `args/` a file belongs to, or `undefined` outside `args/`. */
function argsPart(file: string): string | undefined {
    const [top, second] = file.split("/");
    if (top !== "args") {
        return undefined;
    }
    if (second === "types" || second === "validation" || second === "resolution") {
        return `args/${second}`;
    }
    return file === "args/index.ts" ? "args/index.ts" : "args (shared)";
}

/** The rows of the folder-map table in docs/architecture.md, as a map. */
function documentedMap(): Record<string, MapRow> {
    const text = readFileSync(DOC, "utf8");
    const section = text.slice(text.indexOf("## Folder map"));
    const rows: Record<string, MapRow> = {};
    for (const line of section.split("\n").slice(1)) {
        if (line.startsWith("## ")) {
            break;
        }
        const cells = line.split("|").map((cell) => cell.trim());
        if (!line.startsWith("| `") || cells.length < 6) {
            continue;
        }
        const [, folder, , kind, mayImport] = cells;
        const unit = folder.replace(/`/g, "").replace(/\/$/, "").replace(/\.ts$/, "");
        const targets = [...mayImport.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
        rows[unit] = { kind: kind as MapRow["kind"], mayImport: targets };
    }
    return rows;
}

describe("layering: the folder map of docs/architecture.md", () => {
    let graph: ImportGraph;

    before(() => {
        graph = readImportGraph(SDK);
    });

    it("reads the imports of every TypeScript file in sdk/", () => {
        assert.ok(graph.size > 100, `only ${graph.size} files`);
        assert.ok(graph.has("tempoCluster.ts") && graph.has("args/index.ts") && graph.has("policy/index.ts"));
        assert.ok(graph.get("tempoCluster.ts")!.includes("args/index.ts"), "tempoCluster.ts imports the args layer");
        assert.ok(graph.get("contracts/index.ts")!.some((file) => file.endsWith(".json")), "require() of the data files counts");
    });

    it("has no import circle anywhere in sdk/", () => {
        assert.deepEqual(importCircles(graph), []);
    });

    it("has every import go along the map: the core never imports the shell", () => {
        const violations = mapViolations(graph, FOLDER_MAP).map((v) => `${v.from} → ${v.to}: ${v.reason}`);
        assert.deepEqual(violations, []);
    });

    it("is a map without circles, naming exactly the folders sdk/ has", () => {
        assert.deepEqual(mapProblems(FOLDER_MAP), []);
        const units = [...new Set([...graph.keys()].map(unitOf))].sort();
        assert.deepEqual(units, Object.keys(FOLDER_MAP).sort());
    });

    it("keeps args/ in layers: types, the shared files, then validation and resolution side by side, then the entry", () => {
        assert.deepEqual(mapProblems(ARGS_MAP), []);
        const violations = mapViolations(graph, ARGS_MAP, argsPart).map((v) => `${v.from} → ${v.to}: ${v.reason}`);
        assert.deepEqual(violations, []);
    });

    it("allows no dependency that no import uses", () => {
        const used = new Set<string>();
        for (const [from, targets] of graph) {
            for (const to of targets) {
                used.add(`${unitOf(from)} → ${unitOf(to)}`);
            }
        }
        const unused = Object.entries(FOLDER_MAP).flatMap(([unit, row]) =>
            row.mayImport.map((target) => `${unit} → ${target}`).filter((edge) => !used.has(edge)),
        );
        assert.deepEqual(unused, []);
    });

    it("is the map docs/architecture.md shows", () => {
        assert.ok(existsSync(DOC));
        const documented = documentedMap();
        assert.deepEqual(Object.keys(documented), Object.keys(FOLDER_MAP), "the doc lists the same folders, in the same order");
        for (const [unit, row] of Object.entries(FOLDER_MAP)) {
            assert.equal(documented[unit].kind, row.kind, `${unit}: kind`);
            assert.deepEqual([...documented[unit].mayImport].sort(), [...row.mayImport].sort(), `${unit}: may import`);
        }
    });
});

describe("layering: the checker catches planted defects", () => {
    it("finds every kind of import in source text, and none in comments or strings", () => {
        const source = [
            '// import { fake } from "./commented";',
            'import type { A } from "./typeOnly";',
            'import * as b from "./namespace";',
            'export { c } from "./reExport";',
            'export * from "./star";',
            'import d = require("./importEquals");',
            'const e = require("./lazy") as typeof import("./typeOfImport");',
            'const f = () => import("./dynamic");',
            'const g = "import { nope } from \\"./inString\\"";',
            'import "./sideEffect";',
        ].join("\n");
        assert.deepEqual(importSpecifiers("planted.ts", source), [
            "./typeOnly",
            "./namespace",
            "./reExport",
            "./star",
            "./importEquals",
            "./lazy",
            "./typeOfImport",
            "./dynamic",
            "./sideEffect",
        ]);
    });

    it("reports a circle, a core → shell import, a dependency the map does not allow and an unknown folder", () => {
        const planted: ImportGraph = new Map([
            ["args/a.ts", ["args/b.ts"]],
            ["args/b.ts", ["args/c.ts"]],
            ["args/c.ts", ["args/a.ts"]],
            ["args/self.ts", ["args/self.ts"]],
            ["charts/values.ts", ["k8s/helm.ts", "args/a.ts"]],
            ["k8s/helm.ts", []],
            ["monitoring/alerts.ts", ["args/a.ts"]],
            ["newFolder/x.ts", ["args/a.ts"]],
        ]);
        assert.deepEqual(importCircles(planted), [["args/a.ts", "args/b.ts", "args/c.ts"], ["args/self.ts"]]);
        assert.deepEqual(
            mapViolations(planted, FOLDER_MAP).map((v) => `${v.from} → ${v.to}: ${v.reason}`),
            [
                "charts/values.ts → k8s/helm.ts: the pure core (charts) imports the shell (k8s)",
                "monitoring/alerts.ts → args/a.ts: monitoring may not import args",
                "newFolder/x.ts → newFolder/x.ts: newFolder is not in the folder map",
            ],
        );
    });

    it("reports a map that lets the core import the shell or lets two folders import each other", () => {
        const map: FolderMap = {
            core: { kind: "core", mayImport: ["shell", "other"] },
            other: { kind: "core", mayImport: ["core"] },
            shell: { kind: "shell", mayImport: [] },
        };
        assert.deepEqual(mapProblems(map), ["core is core but may import the shell (shell)", "the map allows a circle: core ↔ other"]);
    });
});
