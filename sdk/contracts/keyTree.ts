/**
 * Contract checks: generated Helm values and Tempo config against the upstream key trees.
 *
 * Helm silently ignores unknown values keys, and Tempo parses its config strictly (an unknown key stops it at
 * startup). Neither chart ships a values schema, so the key trees extracted from the published defaults
 * (scripts/extract-contracts.mjs) are the contract. Everything here is pure: no I/O.
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

// Rules were read off the chart templates at the reference commits (grafana-community/helm-charts 3386a11,
// grafana/helm-charts 7a0ab96). "config" is the `config:` template string in the chart's values.yaml.
// Values that a template renders field by field (backendScheduler.config, blockBuilder.config, the 4 ingest.kafka
// keys, 1.61.3 ingester.config and compactor.config) are *not* pass-through: keys the chart does not know are
// dropped silently, so they are checked against the chart's own key tree instead.

/** Pass-through rules of tempo-distributed 3.3.0. */
export const TEMPO_DISTRIBUTED_3_3_0_PASS_THROUGH: readonly PassThroughRule[] = [
    // templates/_helpers.tpl "tempo.calculatedConfig": mergeOverwrite of the rendered config and structuredConfig.
    { chartPath: "tempo.structuredConfig", tempoPath: "" },
    // config, storage.trace: toYaml of the backend map named by storage.trace.backend, and of search.
    { chartPath: "storage.trace.s3", tempoPath: "storage.trace.s3" },
    { chartPath: "storage.trace.gcs", tempoPath: "storage.trace.gcs" },
    { chartPath: "storage.trace.azure", tempoPath: "storage.trace.azure" },
    { chartPath: "storage.trace.search", tempoPath: "storage.trace.search" },
    {
        chartPath: "storage.trace.block.dedicated_columns",
        tempoPath: "storage.trace.block.parquet_dedicated_columns",
    },
    // config: `overrides:` toYaml .Values.overrides.
    { chartPath: "overrides", tempoPath: "overrides" },
    // templates/_helpers.tpl "tempo.overridesConfig" (configmap-runtime.yaml): `overrides: {<tenant>: …}`.
    { chartPath: "per_tenant_overrides.*", tempoPath: "overrides.defaults" },
    // config: `memberlist:` toYaml .Values.memberlist, then join_members.
    { chartPath: "memberlist", tempoPath: "memberlist" },
    // config: `live_store:` toYaml .Values.liveStore.config.
    { chartPath: "liveStore.config", tempoPath: "live_store" },
    // config: metrics_generator processor / storage / registry, each toYaml.
    { chartPath: "metricsGenerator.config.processor", tempoPath: "metrics_generator.processor" },
    { chartPath: "metricsGenerator.config.storage", tempoPath: "metrics_generator.storage" },
    { chartPath: "metricsGenerator.config.registry", tempoPath: "metrics_generator.registry" },
    // config: backend_worker.compaction = mergeOverwrite(scheduler compaction, backendWorker.config.compaction).
    { chartPath: "backendWorker.config.compaction", tempoPath: "backend_worker.compaction" },
    // config: `with` backendWorker.config.backend_scheduler_client.grpc_client_config, toYaml.
    {
        chartPath: "backendWorker.config.backend_scheduler_client.grpc_client_config",
        tempoPath: "backend_scheduler_client.grpc_client_config",
    },
    // config: querier.frontend_worker.grpc_client_config, toYaml.
    {
        chartPath: "querier.config.frontend_worker.grpc_client_config",
        tempoPath: "querier.frontend_worker.grpc_client_config",
    },
    // templates/_helpers.tpl "tempo.cacheConfig": toYaml .Values.cache (only when memcached.enabled is false).
    { chartPath: "cache", tempoPath: "cache" },
];

/** Pass-through rules of tempo-distributed 1.61.3 (grafana/helm-charts, Tempo 2.9). */
export const TEMPO_DISTRIBUTED_1_61_3_PASS_THROUGH: readonly PassThroughRule[] = [
    // templates/_helpers.tpl "tempo.calculatedConfig".
    { chartPath: "tempo.structuredConfig", tempoPath: "" },
    // config, storage.trace.
    { chartPath: "storage.trace.s3", tempoPath: "storage.trace.s3" },
    { chartPath: "storage.trace.gcs", tempoPath: "storage.trace.gcs" },
    { chartPath: "storage.trace.azure", tempoPath: "storage.trace.azure" },
    { chartPath: "storage.trace.search", tempoPath: "storage.trace.search" },
    {
        chartPath: "storage.trace.block.dedicated_columns",
        tempoPath: "storage.trace.block.parquet_dedicated_columns",
    },
    // config `overrides:`, and templates/_helpers.tpl "tempo.overridesConfig".
    { chartPath: "overrides", tempoPath: "overrides" },
    { chartPath: "per_tenant_overrides.*", tempoPath: "overrides.defaults" },
    // config `memberlist:`.
    { chartPath: "memberlist", tempoPath: "memberlist" },
    // config metrics_generator: processor / storage / traces_storage / registry, each toYaml.
    { chartPath: "metricsGenerator.config.processor", tempoPath: "metrics_generator.processor" },
    { chartPath: "metricsGenerator.config.storage", tempoPath: "metrics_generator.storage" },
    { chartPath: "metricsGenerator.config.traces_storage", tempoPath: "metrics_generator.traces_storage" },
    { chartPath: "metricsGenerator.config.registry", tempoPath: "metrics_generator.registry" },
    // config querier.frontend_worker.grpc_client_config.
    {
        chartPath: "querier.config.frontend_worker.grpc_client_config",
        tempoPath: "querier.frontend_worker.grpc_client_config",
    },
    // config `cache:` toYaml .Values.cache (always).
    { chartPath: "cache", tempoPath: "cache" },
];

/** Pass-through rules of the monolithic `tempo` chart 2.2.4. It has no `tempo.structuredConfig`. */
export const TEMPO_2_2_4_PASS_THROUGH: readonly PassThroughRule[] = [
    // config (values.yaml) renders each of these with toYaml.
    { chartPath: "tempo.receivers", tempoPath: "distributor.receivers" },
    { chartPath: "tempo.ingester", tempoPath: "ingester" },
    { chartPath: "tempo.server", tempoPath: "server" },
    { chartPath: "tempo.storage", tempoPath: "storage" },
    { chartPath: "tempo.querier", tempoPath: "querier" },
    { chartPath: "tempo.queryFrontend", tempoPath: "query_frontend" },
    { chartPath: "tempo.overrides", tempoPath: "overrides" },
    { chartPath: "tempo.metricsGenerator.processor", tempoPath: "metrics_generator.processor" },
    { chartPath: "tempo.metricsGenerator.registry", tempoPath: "metrics_generator.registry" },
    { chartPath: "tempo.metricsGenerator.storage.remote_write", tempoPath: "metrics_generator.storage.remote_write" },
    // templates/configmap-tempo.yaml: overrides.yaml `overrides:` toYaml .Values.tempo.per_tenant_overrides.
    { chartPath: "tempo.per_tenant_overrides.*", tempoPath: "overrides.defaults" },
];

/**
 * Chart values that templates read but the defaults do not declare (only in comments, or nowhere), by dotted path.
 * Found by comparing every `.Values.…` reference in the chart's templates and `config` with the defaults; values of
 * enterprise-only features and of components removed from the chart are left out on purpose.
 */
export type TemplateOnlyKeys = Readonly<Record<string, LeafKind>>;

/** Template-only values of tempo-distributed 3.3.0. */
export const TEMPO_DISTRIBUTED_3_3_0_TEMPLATE_ONLY_KEYS: TemplateOnlyKeys = {
    nameOverride: "string", // _helpers.tpl tempo.name
    "tempo.resources": "map", // _pod.tpl: coalesce(component, tempo, defaults) resources
    "global.podAnnotations": "map", // _helpers.tpl pod annotations
    "global.extraVolumes": "list", // _pod.tpl volumes
    "defaults.hostAliases": "list", // _pod.tpl
    "queryFrontend.config.search.max_result_limit": "number", // config template (`with`)
    "ingress.labels": "map", // ingress.yaml
    "ingress.ingressClassName": "string",
    "ingress.tls": "list",
    "gateway.ingress.ingressClassName": "string", // gateway/ingress-gateway.yaml
    "queryFrontend.ingress.ingressClassName": "string", // query-frontend/ingress-query-frontend.yaml
    "memcached.annotations": "map", // memcached/statefulset-memcached.yaml
    "memcached.nodeSelector": "map",
    "memcached.priorityClassName": "string",
    // backend-worker/poddisruptionbudget-backend-worker.yaml reads both whenever backendWorker.replicas > 1
    "backendWorker.podDisruptionBudget.enabled": "boolean",
    "backendWorker.maxUnavailable": "number",
};

/** Template-only values of tempo-distributed 1.61.3. */
export const TEMPO_DISTRIBUTED_1_61_3_TEMPLATE_ONLY_KEYS: TemplateOnlyKeys = {
    nameOverride: "string", // _helpers.tpl tempo.name
    "global.podAnnotations": "map", // _helpers.tpl pod annotations
    "ingress.labels": "map", // ingress.yaml
    "ingress.ingressClassName": "string",
    "ingress.tls": "list",
    "gateway.ingress.ingressClassName": "string", // gateway/ingress-gateway.yaml
    "queryFrontend.ingress.ingressClassName": "string", // query-frontend/ingress-query-frontend.yaml
    "memcached.annotations": "map", // memcached/statefulset-memcached.yaml
    "memcached.nodeSelector": "map",
    "memcached.priorityClassName": "string",
};

/** Template-only values of the monolithic `tempo` chart 2.2.4. */
export const TEMPO_2_2_4_TEMPLATE_ONLY_KEYS: TemplateOnlyKeys = {
    "persistence.storageClassName": "string", // statefulset.yaml volumeClaimTemplates (commented out in the defaults)
    "persistence.annotations": "map",
    "persistence.selector": "map",
    revisionHistoryLimit: "number", // statefulset.yaml
    "tempo.pullSecrets": "list", // statefulset.yaml imagePullSecrets
    "service.loadBalancerSourceRanges": "list", // service.yaml
    "service.externalIPs": "list",
    "serviceMonitor.scrapeTimeout": "string", // servicemonitor.yaml
};

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

// ---------------------------------------------------------------------------------------------------------------
// Chart walk

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

// ---------------------------------------------------------------------------------------------------------------
// Tempo walk

interface TempoContext {
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

function tempoContext(contract: TempoContract): TempoContext {
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
function checkTempoAt(
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

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const LEAF_KINDS: ReadonlySet<string> = new Set<LeafKind>(["string", "number", "boolean", "null", "list", "map"]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isListNode(tree: KeyTree): boolean {
    return Object.hasOwn(tree, LIST_ITEM_KEY);
}

/** A tree of named keys (not a leaf, not a list-of-maps node). */
function isMapNode(node: Expected): node is KeyTree {
    return typeof node === "object" && !isListNode(node);
}

/** Own child only: a key such as `constructor` must not resolve through the prototype. */
function childOf(tree: KeyTree, key: string): KeyNode | undefined {
    return Object.hasOwn(tree, key) ? tree[key] : undefined;
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

function splitPath(path: string): string[] {
    return path === "" ? [] : path.split(".");
}

function joinPath(path: readonly string[]): string {
    return path.join(".");
}

function where(path: readonly string[]): string {
    return path.length === 0 ? "the top level" : joinPath(path);
}

function describe(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    if (typeof value === "object") return "a map";
    if (typeof value === "string") return `string ${JSON.stringify(value)}`;
    return `${typeof value} ${String(value)}`;
}
