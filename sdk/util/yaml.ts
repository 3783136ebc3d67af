/**
 * YAML in and out, through js-yaml: the YAML library `@pulumi/pulumi` itself depends on and loads, so a program using
 * TempoCluster loads and installs no second one.
 *
 * Output quotes the strings YAML 1.1 readers would take for booleans, numbers or null (`on`, `yes`, `0755`, `~`, …),
 * which matters here: Helm (sigs.k8s.io/yaml) and Tempo (gopkg.in/yaml) read what this package writes with YAML 1.1
 * rules. Rare forms js-yaml leaves plain (`1_000`, `+.5`) never occur in what TempoCluster derives.
 */
import * as jsYaml from "js-yaml";

/** The YAML 1.2 core schema plus merge keys (`<<: *defaults`), as Pulumi reads stack files; built on first parse. */
let stackFileSchema: jsYaml.Schema | undefined;

/** Options for {@link toYamlText}. */
export interface YamlTextOptions {
    /** Sort mapping keys (for stable render files). Default: keep insertion order. */
    readonly sortKeys?: boolean;
}

/** A YAML document for `value`: no line folding, no anchors/aliases, `undefined` entries left out. */
export function toYamlText(value: unknown, options: YamlTextOptions = {}): string {
    return jsYaml.dump(value, {
        lineWidth: -1,
        noRefs: true,
        skipInvalid: true,
        quotingType: "\"",
        sortKeys: options.sortKeys ?? false,
    });
}

/**
 * Parses one YAML document with the YAML 1.2 core schema and merge keys; no timestamps or binary: a date stays a
 * string, as Pulumi reads it. Duplicate keys are an error. An empty document is `undefined`.
 */
export function parseYamlText(text: string, filename?: string): unknown {
    // js-yaml exports its built-in types as `types`; its type declarations omit that export.
    stackFileSchema ??= jsYaml.CORE_SCHEMA.extend({
        implicit: [(jsYaml as unknown as { types: { merge: jsYaml.Type } }).types.merge],
    });
    return jsYaml.load(text, { schema: stackFileSchema, filename });
}
