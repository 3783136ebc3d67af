/**
 * Offline render: runs the real program under Pulumi's mock runtime and turns every registration into files a
 * reviewer can diff (`resources.json`, `values/<resource>.yaml`, `manifests/<kind>-<name>.yaml`).
 * Secrets are masked as "[secret]"; output is sorted, so two renders of the same config are byte-identical.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { toYamlText } from "../util/yaml";
import { OfflineMocks, recordRegistrations, type Registration } from "./mocks";
import type { RuntimeConfig } from "./stackFile";

/** Resource options a reviewer cares about. */
export interface RenderedOptions {
    readonly protect: boolean;
    readonly retainOnDelete: boolean;
    readonly dependsOn: string[];
    readonly ignoreChanges: string[];
    readonly aliases: string[];
}

/** One resource of the render. */
export interface RenderedResource {
    readonly type: string;
    readonly name: string;
    readonly parent: string | null;
    readonly custom: boolean;
    readonly inputs: Record<string, unknown>;
    readonly options: RenderedOptions;
}

/** The whole render, before it is written. */
export interface Render {
    readonly resources: RenderedResource[];
    /** Helm values per Helm resource name. */
    readonly values: Record<string, unknown>;
    /** Kubernetes objects the component creates itself, by file stem (`<kind>-<name>`). */
    readonly manifests: Record<string, unknown>;
}

const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const UNKNOWN_SIG = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const HELM_TYPES = new Set(["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart"]);

/** Runs `program` with the given config under offline mocks and collects the render. */
export async function renderProgram(
    config: RuntimeConfig,
    project: string,
    stack: string,
    program: () => unknown,
): Promise<Render> {
    await pulumi.runtime.setMocks(new OfflineMocks(), project, stack, false);
    pulumi.runtime.setAllConfig(config.values, config.secretKeys);
    const registrations = recordRegistrations();
    await program();
    const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs: () => Promise<void> };
    await settings.waitForRPCs();
    return collect(registrations);
}

/** Turns registrations into the sorted, masked render. */
export function collect(registrations: readonly Registration[]): Render {
    const nameOf = new Map(registrations.map((r) => [r.urn, r.name]));
    const resources = registrations
        .map(
            (r): RenderedResource => ({
                type: r.type,
                name: r.name,
                parent: r.parentUrn ? (nameOf.get(r.parentUrn) ?? r.parentUrn) : null,
                custom: r.custom,
                inputs: mask(r.inputs) as Record<string, unknown>,
                options: {
                    protect: r.protect,
                    retainOnDelete: r.retainOnDelete,
                    dependsOn: r.dependencyUrns.map((urn) => nameOf.get(urn) ?? urn).sort(),
                    ignoreChanges: [...r.ignoreChanges].sort(),
                    aliases: [...new Set(r.aliases)].sort(),
                },
            }),
        )
        .sort((a, b) => compare(a.name, b.name) || compare(a.type, b.type));

    const values: Record<string, unknown> = {};
    const manifests: Record<string, unknown> = {};
    for (const resource of resources) {
        if (HELM_TYPES.has(resource.type)) {
            values[resource.name] = resource.inputs.values ?? {};
        } else if (resource.custom && resource.type.startsWith("kubernetes:")) {
            const inputs = resource.inputs as { kind?: string; metadata?: { name?: string } };
            const stem = `${String(inputs.kind ?? resource.type).toLowerCase()}-${inputs.metadata?.name ?? resource.name}`;
            manifests[manifests[stem] === undefined ? stem : `${stem}-${resource.name}`] = resource.inputs;
        }
    }
    return { resources, values, manifests };
}

/** Writes the render to `outDir`, replacing what was there, atomically enough for CI (temp dir + rename). */
export function writeRender(render: Render, outDir: string): void {
    const staging = `${outDir}.rendering`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(join(staging, "values"), { recursive: true });
    mkdirSync(join(staging, "manifests"), { recursive: true });
    writeFileSync(join(staging, "resources.json"), `${JSON.stringify(sortKeys(render.resources), null, 2)}\n`);
    for (const [name, values] of Object.entries(render.values)) {
        writeFileSync(join(staging, "values", `${name}.yaml`), toYaml(values));
    }
    for (const [stem, manifest] of Object.entries(render.manifests)) {
        writeFileSync(join(staging, "manifests", `${stem}.yaml`), toYaml(manifest));
    }
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(dirname(outDir), { recursive: true });
    renameSync(staging, outDir);
}

/** YAML with sorted keys and no line folding, so diffs are stable. */
export function toYaml(value: unknown): string {
    return toYamlText(value, { sortKeys: true });
}

/** Replaces secrets by "[secret]" and unknowns by "[unknown]", recursively. */
export function mask(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(mask);
    }
    if (typeof value === "object" && value !== null) {
        const record = value as Record<string, unknown>;
        if (record[SIG_KEY] === SECRET_SIG) {
            return "[secret]";
        }
        if (record[SIG_KEY] === RESOURCE_REFERENCE_SIG) {
            return `[resource ${String(record.urn ?? "")}]`;
        }
        return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, mask(v)]));
    }
    return value === UNKNOWN_SIG ? "[unknown]" : value;
}

function sortKeys(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(sortKeys);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(
            Object.keys(value)
                .sort(compare)
                .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
        );
    }
    return value;
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
