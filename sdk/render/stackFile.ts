/**
 * Stack files (`stacks/Pulumi.<stack>.yaml`) → the flat config map the Pulumi runtime expects.
 * `secure:` values cannot be decrypted offline; they become stable placeholders marked secret.
 */
import { readFileSync } from "node:fs";
import { parseYamlText } from "../util/yaml";

/** Config as the runtime holds it: `project:key` → string (objects as JSON), plus which keys are secret. */
export interface RuntimeConfig {
    readonly values: Record<string, string>;
    readonly secretKeys: string[];
}

/** Reads a stack-style YAML file (`config:` map) into runtime config. */
export function readStackConfig(path: string): RuntimeConfig {
    const document = parseYamlText(readFileSync(path, "utf8"), path) ?? {};
    const config = (document as { config?: Record<string, unknown> }).config ?? {};
    return toRuntimeConfig(config);
}

/** Converts a `config:` map to runtime config, replacing `secure:` values by placeholders. */
export function toRuntimeConfig(config: Record<string, unknown>): RuntimeConfig {
    const values: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const key of Object.keys(config).sort()) {
        const value = config[key];
        if (isSecure(value)) {
            values[key] = `<secret ${key}>`;
            secretKeys.push(key);
        } else {
            values[key] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    return { values, secretKeys };
}

function isSecure(value: unknown): boolean {
    return typeof value === "object" && value !== null && Object.keys(value).length === 1 && "secure" in value;
}

/** The project name from a Pulumi.yaml, or `fallback`. */
export function readProjectName(pulumiYamlPath: string, fallback: string): string {
    try {
        const document = parseYamlText(readFileSync(pulumiYamlPath, "utf8"), pulumiYamlPath) as { name?: unknown };
        return typeof document?.name === "string" ? document.name : fallback;
    } catch {
        return fallback;
    }
}
