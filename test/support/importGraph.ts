/**
 * The import graph of `sdk/` and the checks of its folder map (docs/architecture.md): every import goes along an
 * allowed folder dependency, the pure core never imports the shell, and no file imports itself through a circle.
 *
 * Imports are read with the TypeScript compiler API, so comments and strings that merely look like imports are not
 * imports: `import` (also `import type`), `export … from`, `import x = require(…)`, `require(…)`, `import(…)` and
 * `typeof import(…)` types all count. Type-only imports count too: a circle of types is still a circle to read.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, posix, relative, sep } from "node:path";
import * as ts from "typescript";

/** A file of the graph: its path relative to the root (posix separators), e.g. `args/index.ts`. */
export type FilePath = string;

/** File → the files of the same tree it imports (packages outside the tree are left out). */
export type ImportGraph = ReadonlyMap<FilePath, readonly FilePath[]>;

/**
 * What a unit of the map is: the pure core (plain data in, plain data out), the shell (creates Pulumi resources, reads
 * files, talks to the engine), or separate (built and shipped on its own, imports nothing of the package).
 */
export type UnitKind = "core" | "shell" | "separate";

/** One row of the folder map: a folder (or a top-level file, without `.ts`), what it is and what it may import. */
export interface MapRow {
    readonly kind: UnitKind;
    readonly mayImport: readonly string[];
}

/** The folder map: unit name → row. */
export type FolderMap = Readonly<Record<string, MapRow>>;

/** An import that goes against the map. */
export interface MapViolation {
    readonly from: FilePath;
    readonly to: FilePath;
    readonly reason: string;
}

/** Every module specifier a source file imports, in source order. */
export function importSpecifiers(fileName: string, text: string): string[] {
    const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const found: string[] = [];
    const literal = (node: ts.Node | undefined) => {
        if (node !== undefined && ts.isStringLiteralLike(node)) {
            found.push(node.text);
        }
    };
    const visit = (node: ts.Node): void => {
        if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
            literal(node.moduleSpecifier);
        } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
            literal(node.moduleReference.expression);
        } else if (ts.isCallExpression(node)) {
            const callee = node.expression;
            const isRequire = ts.isIdentifier(callee) && callee.text === "require";
            const isDynamicImport = callee.kind === ts.SyntaxKind.ImportKeyword;
            if ((isRequire || isDynamicImport) && node.arguments.length > 0) {
                literal(node.arguments[0]);
            }
        } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
            literal(node.argument.literal);
        }
        ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
}

/**
 * Resolves a relative specifier from `from` the way Node and TypeScript do for this project: `x.ts`, `x/index.ts`,
 * or the exact file (data such as `.json`). Package specifiers and targets outside `files` resolve to `undefined`.
 */
export function resolveSpecifier(from: FilePath, specifier: string, files: ReadonlySet<FilePath>): FilePath | undefined {
    if (!specifier.startsWith("./") && !specifier.startsWith("../")) {
        return undefined;
    }
    const base = posix.normalize(posix.join(posix.dirname(from), specifier));
    return [`${base}.ts`, `${base}/index.ts`, base].find((candidate) => files.has(candidate));
}

/** Every file below `root` (posix paths relative to it). */
function filesBelow(root: string): FilePath[] {
    const found: FilePath[] = [];
    const walk = (dir: string) => {
        for (const entry of readdirSync(dir).sort()) {
            const path = join(dir, entry);
            if (statSync(path).isDirectory()) {
                if (entry !== "node_modules") {
                    walk(path);
                }
            } else {
                found.push(relative(root, path).split(sep).join("/"));
            }
        }
    };
    walk(root);
    return found;
}

/** The import graph of the TypeScript files below `root`; imports of other files (data) are edges to leaves. */
export function readImportGraph(root: string): ImportGraph {
    const files = new Set(filesBelow(root));
    const graph = new Map<FilePath, FilePath[]>();
    for (const file of [...files].filter((f) => f.endsWith(".ts"))) {
        const targets = importSpecifiers(file, readFileSync(join(root, file), "utf8"))
            .map((specifier) => resolveSpecifier(file, specifier, files))
            .filter((target): target is FilePath => target !== undefined);
        graph.set(file, [...new Set(targets)]);
    }
    return graph;
}

/** The unit of the map a file belongs to: its top-level folder, or a top-level file's name without `.ts`. */
export function unitOf(file: FilePath): string {
    const [head, ...rest] = file.split("/");
    return rest.length > 0 ? head : head.replace(/\.ts$/, "");
}

/** Every import circle: the files of each strongly connected component with more than one file, or a self-import. */
export function importCircles(graph: ImportGraph): FilePath[][] {
    // Tarjan's algorithm, iterative over the sorted files so the result is stable.
    let counter = 0;
    const index = new Map<FilePath, number>();
    const low = new Map<FilePath, number>();
    const onStack = new Set<FilePath>();
    const stack: FilePath[] = [];
    const circles: FilePath[][] = [];
    const strongConnect = (start: FilePath) => {
        const work: Array<{ node: FilePath; next: number }> = [{ node: start, next: 0 }];
        index.set(start, counter);
        low.set(start, counter++);
        stack.push(start);
        onStack.add(start);
        while (work.length > 0) {
            const frame = work[work.length - 1];
            const targets = graph.get(frame.node) ?? [];
            if (frame.next < targets.length) {
                const target = targets[frame.next++];
                if (!index.has(target)) {
                    index.set(target, counter);
                    low.set(target, counter++);
                    stack.push(target);
                    onStack.add(target);
                    work.push({ node: target, next: 0 });
                } else if (onStack.has(target)) {
                    low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
                }
                continue;
            }
            work.pop();
            if (work.length > 0) {
                const parent = work[work.length - 1].node;
                low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
            }
            if (low.get(frame.node) === index.get(frame.node)) {
                const component: FilePath[] = [];
                let member: FilePath;
                do {
                    member = stack.pop()!;
                    onStack.delete(member);
                    component.push(member);
                } while (member !== frame.node);
                const selfImport = (graph.get(frame.node) ?? []).includes(frame.node);
                if (component.length > 1 || selfImport) {
                    circles.push(component.sort());
                }
            }
        }
    };
    for (const file of [...graph.keys()].sort()) {
        if (!index.has(file)) {
            strongConnect(file);
        }
    }
    return circles.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/**
 * Imports that go against the map: an unknown unit, a dependency the map does not allow, the core importing the shell.
 * `unit` names the unit of a file (default: {@link unitOf}); files it returns `undefined` for are not checked.
 */
export function mapViolations(
    graph: ImportGraph,
    map: FolderMap,
    unit: (file: FilePath) => string | undefined = unitOf,
): MapViolation[] {
    const violations: MapViolation[] = [];
    for (const [from, targets] of [...graph].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const fromUnit = unit(from);
        if (fromUnit === undefined) {
            continue;
        }
        const row = map[fromUnit];
        if (row === undefined) {
            violations.push({ from, to: from, reason: `${fromUnit} is not in the folder map` });
            continue;
        }
        for (const to of targets) {
            const toUnit = unit(to);
            if (toUnit === undefined || toUnit === fromUnit) {
                continue;
            }
            const target = map[toUnit];
            if (target === undefined) {
                violations.push({ from, to, reason: `${toUnit} is not in the folder map` });
            } else if (row.kind === "core" && target.kind === "shell") {
                violations.push({ from, to, reason: `the pure core (${fromUnit}) imports the shell (${toUnit})` });
            } else if (!row.mayImport.includes(toUnit)) {
                violations.push({ from, to, reason: `${fromUnit} may not import ${toUnit}` });
            }
        }
    }
    return violations;
}

/** Problems of the map itself: rows naming units it lacks, the core allowed into the shell, circles between units. */
export function mapProblems(map: FolderMap): string[] {
    const problems: string[] = [];
    for (const [unit, row] of Object.entries(map)) {
        for (const target of row.mayImport) {
            if (map[target] === undefined) {
                problems.push(`${unit} may import ${target}, which is not in the map`);
            } else if (row.kind === "core" && map[target].kind === "shell") {
                problems.push(`${unit} is core but may import the shell (${target})`);
            }
        }
    }
    const unitGraph = new Map(Object.entries(map).map(([unit, row]) => [unit, [...row.mayImport]]));
    for (const circle of importCircles(unitGraph)) {
        problems.push(`the map allows a circle: ${circle.join(" ↔ ")}`);
    }
    return problems;
}
