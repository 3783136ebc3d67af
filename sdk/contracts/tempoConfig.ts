/**
 * The check of Tempo config (or the part of it a chart passes through) against a Tempo version's manifest key tree.
 */
import {
    childOf,
    describe,
    isListNode,
    isPlainObject,
    joinPath,
    LIST_ITEM_KEY,
    splitPath,
    where,
    type KeyNode,
    type KeyTree,
    type PathProblem,
    type TempoContract,
} from "./keyTree";

/**
 * Tempo keys whose contents are not checked. They are absent from the manifest (omitempty, empty default) and hold
 * either free-form keys or a vendored schema whose key names are not in `yamlTags`.
 */
const UNCHECKED_TEMPO_KEYS: ReadonlySet<string> = new Set([
    "external_labels", // map[string]string (metrics_generator.registry)
    "remote_write_headers", // map of header names (overrides metrics_generator)
    "intrinsic_dimensions", // map[string]bool (overrides span_metrics)
    "dimensions", // map[string]string under cost_attribution; a list of strings elsewhere
    "remote_write", // Prometheus remote_write entries (vendored config: url, headers, basic_auth, …)
]);

/** Where Tempo's per-tenant limits live; every field of that struct is omitempty. */
const OVERRIDES_DEFAULTS = ["overrides", "defaults"];

/**
 * Checks Tempo config (or a part of it) against a Tempo version's manifest key tree.
 *
 * Every key path must exist in the manifest. A key the manifest lacks is accepted when its name is one of Tempo's
 * own YAML keys (`yamlTags`) and it plausibly is an omitempty field with an empty default, i.e. when it is below
 * `overrides.defaults` (all per-tenant limits are omitempty), when its value is a map or a list, or when its name is
 * printed nowhere in the manifest; everything below such a key is then checked by name against `yamlTags`.
 * The same by-name check applies below manifest leaves of kind "null" (e.g. `storage.trace.memcached`) and to map
 * items of plain lists; map items of lists with known items are checked against the manifest's items.
 * Below manifest leaves of kind "map" (e.g. `storage.trace.s3.tags`, `distributor.receivers`) keys are free, and so
 * are a few omitted free-form or vendored keys (`external_labels`, `remote_write`, …).
 *
 * Scalars must have the manifest's kind: booleans and numbers strictly; a string default needs a string (a bare
 * number in a duration field is rejected by Tempo or read as nanoseconds) or a list of scalars (dskit string-slice
 * flags such as `memberlist.join_members` print as strings). A map or list in place of a scalar is a problem.
 *
 * @param tempo the Tempo version's contract
 * @param config the config document, or the part found at `basePath`
 * @param basePath dotted Tempo path of `config` (default: the root)
 * @returns one problem per offending key path (Tempo paths), empty when the config fits
 */
export function checkTempoConfig(tempo: TempoContract, config: object, basePath = ""): PathProblem[] {
    const ctx = tempoContext(tempo);
    const problems: PathProblem[] = [];
    const path = splitPath(basePath);
    checkTempoAt(ctx, path, config, path, problems);
    return problems;
}

/** A contract as the walk reads it: its YAML key names, and every key name printed in its manifest. */
export interface TempoContext {
    readonly contract: TempoContract;
    readonly tags: ReadonlySet<string>;
    /** Every key name printed anywhere in the manifest. */
    readonly printed: ReadonlySet<string>;
}

/** A position in the walk: the Tempo path (for lookups) and the path shown in problems. */
interface Cursor {
    readonly tempo: readonly string[];
    readonly shown: readonly string[];
}

const tempoContexts = new WeakMap<TempoContract, TempoContext>();

/** The walk's view of a contract, built once per contract. */
export function tempoContext(contract: TempoContract): TempoContext {
    let ctx = tempoContexts.get(contract);
    if (ctx === undefined) {
        const printed = new Set<string>();
        const collect = (tree: KeyTree): void => {
            for (const [key, child] of Object.entries(tree)) {
                if (key !== LIST_ITEM_KEY) printed.add(key);
                if (typeof child === "object") collect(child);
            }
        };
        collect(contract.keys);
        ctx = { contract, tags: new Set(contract.yamlTags), printed };
        tempoContexts.set(contract, ctx);
    }
    return ctx;
}

/**
 * What the walk expects at a position: a manifest node, where "null" means "known by name only" (check the keys
 * below against `yamlTags`), or "any" for content that is not checked at all.
 */
type Expected = KeyNode | "any";

/** Resolves `tempoPath` in the manifest and checks `value` there; problems are reported under `shownPath`. */
export function checkTempoAt(
    ctx: TempoContext,
    tempoPath: readonly string[],
    value: unknown,
    shownPath: readonly string[],
    problems: PathProblem[],
    ruleName?: string,
): void {
    const expected = resolveTempoPath(ctx, tempoPath);
    if (expected === undefined) {
        const via = ruleName === undefined ? "" : ` (pass-through target of ${ruleName})`;
        problems.push({
            path: joinPath(shownPath),
            message: `Tempo ${ctx.contract.version} has no config section \`${tempoPath.join(".")}\`${via}`,
        });
        return;
    }
    new TempoWalk(ctx, problems).check(expected, value, { tempo: tempoPath, shown: shownPath });
}

/** What is expected at a Tempo path; past keys the manifest omits, by name only; undefined for an unknown path. */
function resolveTempoPath(ctx: TempoContext, path: readonly string[]): Expected | undefined {
    let expected: Expected = ctx.contract.keys;
    for (const segment of path) {
        if (expected === "map" || expected === "any") return "any";
        const known: KeyNode | undefined = isMapNode(expected) ? childOf(expected, segment) : undefined;
        if (known !== undefined) expected = known;
        else if ((expected === "null" || isMapNode(expected)) && ctx.tags.has(segment)) expected = omitted(segment);
        else return undefined;
    }
    return expected;
}

/** How to check a key that the manifest omits: by name, or not at all for free-form and vendored content. */
function omitted(key: string): Expected {
    return UNCHECKED_TEMPO_KEYS.has(key) ? "any" : "null";
}

class TempoWalk {
    constructor(
        private readonly ctx: TempoContext,
        private readonly problems: PathProblem[],
    ) {}

    /** Checks `value` against what is expected at `at`. */
    check(expected: Expected, value: unknown, at: Cursor): void {
        if (value === null || value === undefined || expected === "any") return;
        if (expected === "null") return this.byName(value, at);
        if (expected === "map") {
            if (!isPlainObject(value)) this.mismatch(at, `expected a map, got ${describe(value)}`);
            return;
        }
        if (expected === "list") {
            if (!Array.isArray(value)) return this.mismatch(at, `expected a list, got ${describe(value)}`);
            return value.forEach((item, i) => this.byName(item, itemOf(at, i)));
        }
        if (typeof expected === "object") return this.tree(expected, value, at);
        const mismatch = tempoScalarMismatch(expected, value);
        if (mismatch !== undefined) this.mismatch(at, mismatch);
    }

    private tree(tree: KeyTree, value: unknown, at: Cursor): void {
        if (isListNode(tree)) {
            if (!Array.isArray(value)) return this.mismatch(at, `expected a list, got ${describe(value)}`);
            const items = tree[LIST_ITEM_KEY];
            return value.forEach((item, i) => this.check(items, item, itemOf(at, i)));
        }
        if (!isPlainObject(value)) return this.mismatch(at, `expected a map, got ${describe(value)}`);
        for (const [key, child] of Object.entries(value)) {
            if (child === undefined) continue;
            const known = childOf(tree, key);
            if (known !== undefined) this.check(known, child, childCursor(at, key));
            else if (this.isOmitted(key, child, at)) this.check(omitted(key), child, childCursor(at, key));
            else this.unknown(key, at, this.ctx.tags.has(key) ? ` (\`${key}\` is a Tempo key elsewhere)` : "");
        }
    }

    /** Whether a key missing from the manifest is plausibly an omitempty field with an empty default. */
    private isOmitted(key: string, value: unknown, at: Cursor): boolean {
        if (!this.ctx.tags.has(key)) return false;
        const inOverrides = OVERRIDES_DEFAULTS.every((segment, i) => at.tempo[i] === segment);
        return inOverrides || isPlainObject(value) || Array.isArray(value) || !this.ctx.printed.has(key);
    }

    /** Checks every map key below `value` against Tempo's YAML key names. */
    private byName(value: unknown, at: Cursor): void {
        if (Array.isArray(value)) return value.forEach((item, i) => this.byName(item, itemOf(at, i)));
        if (!isPlainObject(value)) return;
        for (const [key, child] of Object.entries(value)) {
            if (child === undefined) continue;
            if (this.ctx.tags.has(key)) this.check(omitted(key), child, childCursor(at, key));
            else this.unknown(key, at, " (no Tempo config struct has this key)");
        }
    }

    private unknown(key: string, at: Cursor, detail: string): void {
        const tempo = `Tempo ${this.ctx.contract.version}`;
        this.problems.push({
            path: joinPath([...at.shown, key]),
            message: `unknown key \`${key}\` at ${where(at.shown)}; ${tempo} rejects unknown keys at startup${detail}`,
        });
    }

    private mismatch(at: Cursor, message: string): void {
        const path = joinPath(at.shown);
        this.problems.push({ path, message: `${path}: ${message} (Tempo ${this.ctx.contract.version} config)` });
    }
}

function tempoScalarMismatch(kind: "string" | "number" | "boolean", value: unknown): string | undefined {
    if (typeof value === kind) return undefined;
    if (kind === "string") {
        if (Array.isArray(value) && value.every((item) => typeof item !== "object")) return undefined;
        if (typeof value === "number") {
            return `expected a string, got number ${value}; durations and sizes need units (e.g. "48h"), so quote it`;
        }
    }
    return `expected a ${kind}, got ${describe(value)}`;
}

/** A tree of named keys (not a leaf, not a list-of-maps node). */
function isMapNode(node: Expected): node is KeyTree {
    return typeof node === "object" && !isListNode(node);
}

function childCursor(at: Cursor, key: string): Cursor {
    return { tempo: [...at.tempo, key], shown: [...at.shown, key] };
}

/** The cursor of a list item: shown as `name[i]`; the Tempo path stays the list's. */
function itemOf(at: Cursor, index: number): Cursor {
    const last = at.shown.length - 1;
    const shown = last < 0 ? [`[${index}]`] : [...at.shown.slice(0, last), `${at.shown[last]}[${index}]`];
    return { tempo: at.tempo, shown };
}
