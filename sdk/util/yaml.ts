/**
 * YAML in and out, through js-yaml: the YAML library `@pulumi/pulumi` itself depends on and loads, so a program using
 * TempoCluster loads and installs no second one.
 *
 * Output quotes every string that YAML 1.1 would read as something else (`on`, `yes`, `0755`, …). That matters here:
 * Helm (sigs.k8s.io/yaml) and Tempo (gopkg.in/yaml) read the strings this package writes with YAML 1.1 rules.
 */
import { CORE_SCHEMA, dump, load } from "js-yaml";

/** Options for {@link toYamlText}. */
export interface YamlTextOptions {
    /** Sort mapping keys (for stable render files). Default: keep insertion order. */
    readonly sortKeys?: boolean;
}

/** A YAML document for `value`: no line folding, no anchors/aliases, `undefined` entries left out. */
export function toYamlText(value: unknown, options: YamlTextOptions = {}): string {
    return dump(value, {
        lineWidth: -1,
        noRefs: true,
        skipInvalid: true,
        quotingType: "\"",
        sortKeys: options.sortKeys ?? false,
    });
}

/**
 * Parses one YAML document with the YAML 1.2 core schema (no timestamps, binary or merge keys: a date stays a
 * string, as Pulumi reads it). Duplicate keys are an error. An empty document is `undefined`.
 */
export function parseYamlText(text: string, filename?: string): unknown {
    return load(text, { schema: CORE_SCHEMA, filename });
}
