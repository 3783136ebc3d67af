/**
 * The check of generated Helm values against a chart's key tree; subtrees the chart passes into Tempo's config are
 * checked against Tempo's manifest (`tempoConfig.ts`).
 */
import {
    childOf,
    describe,
    isPlainObject,
    joinPath,
    splitPath,
    where,
    type ChartContract,
    type KeyNode,
    type KeyTree,
    type PassThroughRule,
    type PathProblem,
    type TempoContract,
} from "./keyTree";
import { checkTempoAt, tempoContext, type TempoContext } from "./tempoConfig";

/**
 * Checks chart values against a chart's key tree.
 *
 * Every key path must exist in the chart's defaults, except:
 * - anything below a leaf of kind "map" (open map) or "list" is accepted;
 * - a leaf of kind "null" accepts any value;
 * - a subtree at a pass-through rule's chart path is Tempo config: it is checked like {@link checkTempoConfig} at
 *   the rule's Tempo path (and accepted when `tempo` is not given). Rules apply below open maps too.
 *
 * Types: a map default needs a map, a list default a list, a boolean default a boolean; a string default needs a
 * string (the chart renders it as text, often through `tpl`: an object breaks the render, and a number is unsafe
 * because Helm holds numbers as float64 and `tpl`/`quote` reject or reformat them, e.g. 1000000 → 1e+06).
 * A number default accepts a number or a string (IntOrString fields and quantities such as "25%" or "500m").
 * `undefined` values are skipped; `null` is accepted for any kind, but its key must still exist.
 *
 * @param chart the chart's key tree
 * @param values the values passed to the chart
 * @param passThrough the chart's pass-through rules, e.g. {@link TEMPO_DISTRIBUTED_3_3_0_PASS_THROUGH}
 * @param tempo the deployed Tempo version's contract; without it, pass-through subtrees are not checked
 * @returns one problem per offending key path (with the chart path), empty when the values fit
 */
export function checkChartValues(
    chart: ChartContract,
    values: object,
    passThrough: readonly PassThroughRule[],
    tempo?: TempoContract,
): PathProblem[] {
    const ctx: ChartContext = {
        chart,
        rules: passThrough.map((rule) => ({ ...rule, segments: rule.chartPath.split(".") })),
        tempo: tempo && tempoContext(tempo),
        problems: [],
    };
    walkChartMap(ctx, chart.keys, values, []);
    return ctx.problems;
}

interface CompiledRule extends PassThroughRule {
    readonly segments: readonly string[];
}

interface ChartContext {
    readonly chart: ChartContract;
    readonly rules: readonly CompiledRule[];
    readonly tempo: TempoContext | undefined;
    readonly problems: PathProblem[];
}

/** Walks a values map; `tree` is undefined below open maps, where only pass-through rules still apply. */
function walkChartMap(ctx: ChartContext, tree: KeyTree | undefined, values: object, path: readonly string[]): void {
    for (const [key, value] of Object.entries(values)) {
        if (value === undefined) continue;
        const childPath = [...path, key];
        const rule = ctx.rules.find((r) => matchesRule(r.segments, childPath));
        if (rule) {
            checkPassThrough(ctx, rule, value, childPath);
        } else if (tree === undefined) {
            if (isPlainObject(value) && ctx.rules.some((r) => isRulePrefix(childPath, r.segments))) {
                walkChartMap(ctx, undefined, value, childPath);
            }
        } else {
            const node = childOf(tree, key);
            if (node === undefined) {
                const chart = `${ctx.chart.chart} ${ctx.chart.version}`;
                ctx.problems.push({
                    path: joinPath(childPath),
                    message: `unknown key \`${key}\` at ${where(path)}; ${chart} has no such value (Helm ignores it)`,
                });
            } else {
                checkChartNode(ctx, node, value, childPath);
            }
        }
    }
}

function checkChartNode(ctx: ChartContext, node: KeyNode, value: unknown, path: readonly string[]): void {
    if (value === null) return;
    const mismatch = chartKindMismatch(node, value);
    if (mismatch !== undefined) {
        ctx.problems.push({ path: joinPath(path), message: `${joinPath(path)}: ${mismatch}` });
    } else if (isPlainObject(value)) {
        walkChartMap(ctx, typeof node === "object" ? node : undefined, value, path);
    }
}

function chartKindMismatch(node: KeyNode, value: unknown): string | undefined {
    const got = describe(value);
    if (typeof node === "object") return isPlainObject(value) ? undefined : `expected a map, got ${got}`;
    switch (node) {
        case "null":
            return undefined;
        case "map":
            return isPlainObject(value) ? undefined : `expected a map (the chart default is {}), got ${got}`;
        case "list":
            return Array.isArray(value) ? undefined : `expected a list (the chart default is a list), got ${got}`;
        case "boolean":
            return typeof value === "boolean" ? undefined : `expected a boolean, got ${got}`;
        case "number":
            return typeof value === "number" || typeof value === "string" ? undefined : `expected a number, got ${got}`;
        case "string":
            if (typeof value === "string") return undefined;
            if (typeof value === "object") {
                return (
                    `expected a string, got ${got}; the chart renders this value as text (often through tpl), ` +
                    "so an object breaks the render: serialise it to a YAML string"
                );
            }
            return `expected a string, got ${got}; Helm reformats or rejects non-string scalars here, so quote it`;
    }
}

function checkPassThrough(ctx: ChartContext, rule: CompiledRule, value: unknown, chartPath: readonly string[]): void {
    if (ctx.tempo === undefined) return;
    checkTempoAt(ctx.tempo, splitPath(rule.tempoPath), value, chartPath, ctx.problems, rule.chartPath);
}

function matchesRule(rule: readonly string[], path: readonly string[]): boolean {
    return rule.length === path.length && rule.every((segment, i) => segment === "*" || segment === path[i]);
}

function isRulePrefix(path: readonly string[], rule: readonly string[]): boolean {
    return path.length < rule.length && path.every((segment, i) => rule[i] === "*" || rule[i] === segment);
}
