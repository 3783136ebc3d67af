/**
 * Renders an engine case with the package's own CLI (`tempo-cluster render`, compiled by `npm run build`), one
 * process per case because Pulumi's mock runtime is process-global, and reads the output back.
 */
import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { dump, load } from "js-yaml";
import type { RenderedResource } from "../../../sdk/render/render";
import type { EngineCase } from "./cases";
import { REPO_ROOT } from "./engines";

const run = promisify(execFile);

/** A case's render as files on disk and as data. */
export interface RenderedCase {
    readonly name: string;
    /** The render's folder (`resources.json`, `values/`, `manifests/`). */
    readonly dir: string;
    readonly resources: RenderedResource[];
    /** Helm values file per Helm resource name. */
    readonly valuesFiles: Record<string, string>;
    /** The component's own Kubernetes objects, by file stem. */
    readonly manifests: Record<string, KubeObject>;
}

/** A Kubernetes object as YAML gives it. */
export type KubeObject = {
    apiVersion: string;
    kind: string;
    metadata: { name: string; namespace?: string; labels?: Record<string, unknown>; annotations?: Record<string, unknown> };
    [key: string]: any;
};

/** Where the suite writes its renders and engine inputs (ignored by git with the rest of `out/`). */
export const ENGINE_OUT = join(REPO_ROOT, "out", "engines");

/** Renders one case; a refused config fails with the CLI's own message. */
export async function renderCase(engineCase: EngineCase): Promise<RenderedCase> {
    const caseDir = join(ENGINE_OUT, engineCase.name);
    mkdirSync(caseDir, { recursive: true });
    let stackFile = engineCase.stackFile;
    if (stackFile === undefined) {
        stackFile = join(caseDir, `Pulumi.${engineCase.name}.yaml`);
        writeFileSync(stackFile, dump({ config: engineCase.config }, { noRefs: true, sortKeys: true }));
    }
    const dir = join(caseDir, "render");
    const cli = join(REPO_ROOT, "bin", "sdk", "render", "cli.js");
    try {
        await run(process.execPath, [cli, "render", "--config", stackFile, "--stack-name", engineCase.name, "--out", dir], {
            cwd: REPO_ROOT,
            maxBuffer: 32 * 1024 * 1024,
        });
    } catch (error) {
        const failure = error as { stderr?: string; message: string };
        throw new Error(`render of ${engineCase.name} failed:\n${failure.stderr || failure.message}`);
    }
    return readRender(engineCase.name, dir);
}

/** Reads a render folder written by the CLI. */
export function readRender(name: string, dir: string): RenderedCase {
    const resources = JSON.parse(readFileSync(join(dir, "resources.json"), "utf8")) as RenderedResource[];
    const valuesFiles: Record<string, string> = {};
    for (const file of readdirSync(join(dir, "values")).sort()) {
        valuesFiles[file.replace(/\.yaml$/, "")] = join(dir, "values", file);
    }
    const manifests: Record<string, KubeObject> = {};
    for (const file of readdirSync(join(dir, "manifests")).sort()) {
        manifests[file.replace(/\.yaml$/, "")] = load(readFileSync(join(dir, "manifests", file), "utf8")) as KubeObject;
    }
    return { name, dir, resources, valuesFiles, manifests };
}

/** Runs `work` over `items` with at most `limit` at a time, keeping the input order in the result. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
    const results: R[] = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await work(items[index]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}
