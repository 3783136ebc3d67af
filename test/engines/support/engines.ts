/**
 * Where the pinned engines are (scripts/engines/versions.json, built by `npm run engines`) and where the chart and
 * CRD caches are. A missing engine is an error naming the command that builds it, never a skip.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

interface EngineSpec {
    readonly version: string;
    readonly binary?: string;
}

const repoRoot = resolve(__dirname, "..", "..", "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { engines } = require(join(repoRoot, "scripts", "engines", "versions.json")) as { engines: Record<string, EngineSpec> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const paths = require(join(repoRoot, "scripts", "engines", "paths.cjs")) as {
    engineCacheRoot(): string;
    engineDir(root: string, name: string, version: string): string;
    engineReady(root: string, name: string, spec: EngineSpec): boolean;
};

/** The repository's root folder. */
export const REPO_ROOT = repoRoot;

/** The pinned version of an engine. */
export function engineVersion(name: string): string {
    const spec = engines[name];
    if (!spec) {
        throw new Error(`scripts/engines/versions.json pins no engine named ${name}`);
    }
    return spec.version;
}

/** The folder of a built engine; throws, naming `npm run engines`, when it is not built. */
export function enginePath(name: string): string {
    const spec = engines[name];
    const root = paths.engineCacheRoot();
    if (!spec || !paths.engineReady(root, name, spec)) {
        throw new Error(
            `engine ${name} ${spec?.version ?? "(not pinned)"} is not in the engine cache ${root}: ` +
                "run `npm run engines` (it builds every pinned engine from the Go module proxy) and try again",
        );
    }
    return paths.engineDir(root, name, spec.version);
}

/** The executable of a built engine. */
export function engineBinary(name: string): string {
    const spec = engines[name];
    return join(enginePath(name), spec.binary ?? name);
}

/**
 * The chart cache: $TEMPO_CLUSTER_CHARTS, or the shared reference packages beside the repository
 * (`../shared/reference/charts/packages`), holding `<chart>-<version>.tgz` as `helm pull` gives them.
 */
export function chartCacheDir(): string {
    const dir = process.env.TEMPO_CLUSTER_CHARTS
        ? resolve(process.env.TEMPO_CLUSTER_CHARTS)
        : resolve(repoRoot, "..", "shared", "reference", "charts", "packages");
    if (!existsSync(dir)) {
        throw new Error(
            `no chart cache at ${dir}: set TEMPO_CLUSTER_CHARTS to a folder of chart packages ` +
                "(helm pull <chart> --version <v> for every chart the component pins)",
        );
    }
    return dir;
}

/**
 * CRDs that no pinned chart ships (prometheus-operator, grafana-operator): $TEMPO_CLUSTER_CRDS, or
 * `../shared/reference/crds` beside the repository.
 */
export function crdCacheDir(): string {
    const dir = process.env.TEMPO_CLUSTER_CRDS
        ? resolve(process.env.TEMPO_CLUSTER_CRDS)
        : resolve(repoRoot, "..", "shared", "reference", "crds");
    if (!existsSync(dir)) {
        throw new Error(`no CRD folder at ${dir}: set TEMPO_CLUSTER_CRDS to a folder holding the prometheus-operator and grafana-operator CRDs`);
    }
    return dir;
}
