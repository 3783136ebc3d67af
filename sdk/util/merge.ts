/**
 * Deep merge with Helm's semantics: plain objects merge key by key, everything else (lists, scalars, Pulumi outputs)
 * is replaced by the later value.
 */
import type { ValuesTree } from "../bindings";

/** Deep-merges plain objects left to right; arrays and other values are replaced, as Helm does. */
export function deepMergeAll(trees: readonly ValuesTree[]): ValuesTree {
    return trees.reduce<ValuesTree>((merged, tree) => mergeInto(merged, tree), {});
}

function mergeInto(target: ValuesTree, source: ValuesTree): ValuesTree {
    const result: ValuesTree = { ...target };
    for (const [key, value] of Object.entries(source)) {
        const existing = result[key];
        result[key] = isPlainObject(existing) && isPlainObject(value) ? mergeInto(existing, value) : value;
    }
    return result;
}

export function isPlainObject(value: unknown): value is ValuesTree {
    return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
