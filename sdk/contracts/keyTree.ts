/**
 * Contract key trees: the shapes extracted from the charts' published default values and from Tempo's config
 * manifest, and the rules read off the chart templates.
 *
 * Helm silently ignores unknown values keys, and Tempo parses its config strictly (an unknown key stops it at
 * startup). Neither chart ships a values schema, so the key trees extracted from the published defaults
 * (scripts/extract-contracts.mjs) are the contract. Everything here is pure: no I/O. The pass-through and
 * template-only rules of each chart are in `chartRules.ts`; the checks against the trees are `chartValues.ts` and
 * `tempoConfig.ts`, which walk the trees with the helpers at the end of this file.
 */
/**
 * Kind of a default value, as extracted. "map" is an empty map in the defaults, i.e. an open map whose keys are
 * free; "null" is a key whose default is null (its value type is unknown).
 */
export type LeafKind = "string" | "number" | "boolean" | "null" | "list" | "map";

/**
 * Nested key structure of a defaults document. A node is either a leaf kind or a tree of named children.
 * In Tempo trees, a list whose items are maps is a tree with the single key {@link LIST_ITEM_KEY}, holding the
 * union of the item keys, e.g. `{ "[]": { "name": "string", "scope": "string", ... } }`.
 */
export interface KeyTree {
    readonly [key: string]: KeyNode;
}

/** One node of a {@link KeyTree}. */
export type KeyNode = LeafKind | KeyTree;

/** The key that marks a list-of-maps node in a Tempo {@link KeyTree}. */
export const LIST_ITEM_KEY = "[]";

/** Names of the supported Helm charts. */
export type ChartName = "tempo-distributed" | "tempo";

/** Key tree of a chart's default values. */
export interface ChartContract {
    readonly chart: ChartName;
    readonly version: string;
    /** The chart's appVersion: the Tempo version it deploys by default. */
    readonly tempoVersion: string;
    /** Reference file the tree was extracted from. */
    readonly source: string;
    readonly keys: KeyTree;
}

/** Key tree of Tempo's generated config manifest, plus every YAML key name in Tempo's own config structs. */
export interface TempoContract {
    readonly version: string;
    readonly source: string;
    readonly tagsSource: string;
    readonly keys: KeyTree;
    /** Sorted, unique. Vendored libraries (dskit, Prometheus, OTel) are not included. */
    readonly yamlTags: readonly string[];
}

/** A problem at one key path: `path` is the full dotted path of the offending key (list items as `name[i]`). */
export interface PathProblem {
    path: string;
    message: string;
}

/**
 * A chart values subtree that the chart copies into tempo.yaml (with `toYaml`), so that it is Tempo config and must
 * be checked against Tempo's keys. In `chartPath`, `*` matches exactly one segment (a tenant id); an empty
 * `tempoPath` is Tempo's root.
 */
export interface PassThroughRule {
    readonly chartPath: string;
    readonly tempoPath: string;
}

/**
 * Chart values that templates read but the defaults do not declare (only in comments, or nowhere), by dotted path.
 * Found by comparing every `.Values.…` reference in the chart's templates and `config` with the defaults; values of
 * enterprise-only features and of components removed from the chart are left out on purpose.
 */
export type TemplateOnlyKeys = Readonly<Record<string, LeafKind>>;

/**
 * Runtime shape check for data loaded from JSON: a {@link KeyTree} whose leaves are {@link LeafKind}s.
 * @param value anything
 * @returns whether `value` is a key tree
 */
export function isKeyTree(value: unknown): value is KeyTree {
    if (!isPlainObject(value)) return false;
    return Object.values(value).every((child) =>
        typeof child === "string" ? LEAF_KINDS.has(child) : isKeyTree(child),
    );
}

/**
 * Adds dotted paths to a key tree (without overwriting existing nodes), e.g. a chart's template-only values.
 * @param tree the tree to extend; not modified
 * @param keys dotted path → kind
 * @returns a new tree sharing untouched subtrees with `tree`
 */
export function withKeys(tree: KeyTree, keys: TemplateOnlyKeys): KeyTree {
    let result = tree;
    for (const [path, kind] of Object.entries(keys)) result = withKey(result, splitPath(path), kind);
    return result;
}

function withKey(tree: KeyTree, path: readonly string[], kind: LeafKind): KeyTree {
    const [head, ...rest] = path;
    if (head === undefined) return tree;
    const existing = childOf(tree, head);
    if (rest.length === 0) return existing === undefined ? { ...tree, [head]: kind } : tree;
    if (existing !== undefined && typeof existing !== "object") return tree; // already open or a leaf
    return { ...tree, [head]: withKey(existing ?? {}, rest, kind) };
}

// ---------------------------------------------------------------------------------------------------------------
// Walking a tree (shared by the checks; not re-exported by the contracts' index)

/** Every {@link LeafKind}. */
export const LEAF_KINDS: ReadonlySet<string> = new Set<LeafKind>(["string", "number", "boolean", "null", "list", "map"]);

/** A map: an object that is neither null nor a list. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A list-of-maps node (its one key is {@link LIST_ITEM_KEY}). */
export function isListNode(tree: KeyTree): boolean {
    return Object.hasOwn(tree, LIST_ITEM_KEY);
}

/** Own child only: a key such as `constructor` must not resolve through the prototype. */
export function childOf(tree: KeyTree, key: string): KeyNode | undefined {
    return Object.hasOwn(tree, key) ? tree[key] : undefined;
}

/** `a.b.c` → `["a", "b", "c"]`; the empty path is the root. */
export function splitPath(path: string): string[] {
    return path === "" ? [] : path.split(".");
}

/** The dotted form of a path. */
export function joinPath(path: readonly string[]): string {
    return path.join(".");
}

/** A path as problems name it (`the top level` for the root). */
export function where(path: readonly string[]): string {
    return path.length === 0 ? "the top level" : joinPath(path);
}

/** A value as problems describe it: `null`, `a list`, `a map`, `string "x"`, `number 3`. */
export function describe(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    if (typeof value === "object") return "a map";
    if (typeof value === "string") return `string ${JSON.stringify(value)}`;
    return `${typeof value} ${String(value)}`;
}
