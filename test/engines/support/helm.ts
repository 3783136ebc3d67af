/**
 * `helm template` of every Helm release of a render, with the real Helm and the pinned chart packages: the chart's
 * own templates decide, not a key tree taken from its defaults.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { loadAll } from "js-yaml";
import { chartCacheDir, engineBinary, engineVersion } from "./engines";
import { ENGINE_OUT, type KubeObject, type RenderedCase } from "./render";

const run = promisify(execFile);

/** A Helm release as the component registers it. */
export interface HelmRelease {
    /** Pulumi resource name (also the values file's stem). */
    readonly resource: string;
    readonly releaseName: string;
    readonly namespace: string;
    /** The chart as the component names it: a chart name, an OCI reference or a package file's path. */
    readonly chart: string;
    /** The chart's own name (`tempo-distributed`, `tempo`, ...). */
    readonly chartName: string;
    readonly version: string;
}

/** An object Helm rendered, with the template it came from. */
export interface RenderedObject {
    readonly object: KubeObject;
    /** `<release>: <template path>`, for messages. */
    readonly source: string;
    readonly release: string;
}

const HELM_RELEASE_TYPES = new Set(["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart"]);

/** The Helm releases of a render. */
export function helmReleases(rendered: RenderedCase): HelmRelease[] {
    return rendered.resources
        .filter((resource) => HELM_RELEASE_TYPES.has(resource.type))
        .map((resource) => {
            const inputs = resource.inputs as { name?: string; namespace?: string; chart: string; version?: string };
            // A chart read from a package directory is the package's path, named `<chart>-<version>.tgz`; an OCI
            // reference ends in the chart's name.
            const lastSegment = inputs.chart.split("/").pop() as string;
            const fromPackage = /^(.+)-(\d+\.\d+\.\d+[^/]*)\.tgz$/.exec(lastSegment);
            return {
                resource: resource.name,
                releaseName: inputs.name ?? resource.name,
                namespace: inputs.namespace ?? "default",
                chart: inputs.chart,
                chartName: fromPackage?.[1] ?? lastSegment,
                version: inputs.version ?? fromPackage?.[2] ?? "",
            };
        });
}

/** The package of a chart: the package file the component names, else `<chart name>-<version>.tgz` in the chart cache. */
export function chartPackage(release: Pick<HelmRelease, "chart" | "chartName" | "version">): string {
    if (release.chart.endsWith(".tgz")) {
        if (!existsSync(release.chart)) {
            throw new Error(`chart package ${release.chart} does not exist`);
        }
        return release.chart;
    }
    const file = join(chartCacheDir(), `${release.chartName}-${release.version}.tgz`);
    if (!existsSync(file)) {
        throw new Error(`chart ${release.chart} ${release.version} is not in the chart cache (${file}); helm pull it there`);
    }
    return file;
}

/**
 * The Kubernetes version Helm renders for (`.Capabilities.KubeVersion`): the API whose OpenAPI the suite validates
 * against. A Helm built from its Go module reports v1.20 otherwise, which the charts' `kubeVersion` refuses.
 */
export function kubeVersion(): string {
    return engineVersion("kubernetes-openapi");
}

/** API groups a cluster running the component has (prometheus-operator is a documented prerequisite). */
const API_VERSIONS = ["monitoring.coreos.com/v1"];

/** `helm template` of one release with a values file; the chart's error fails with Helm's own message. */
export async function helmTemplate(release: HelmRelease, valuesFile: string): Promise<RenderedObject[]> {
    const args = [
        "template",
        release.releaseName,
        chartPackage(release),
        "--namespace",
        release.namespace,
        "--kube-version",
        kubeVersion(),
        "--include-crds",
        // What `helm install` installs: test hooks run only on `helm test`.
        "--skip-tests",
        ...API_VERSIONS.flatMap((version) => ["--api-versions", version]),
        "--values",
        valuesFile,
    ];
    let stdout: string;
    try {
        ({ stdout } = await run(engineBinary("helm"), args, { maxBuffer: 256 * 1024 * 1024, env: helmEnv() }));
    } catch (error) {
        const failure = error as { stderr?: string; message: string };
        throw new HelmTemplateError(release, (failure.stderr || failure.message).trim());
    }
    return splitManifests(stdout, release.releaseName);
}

/** Helm's failure on one release. */
export class HelmTemplateError extends Error {
    constructor(
        readonly release: HelmRelease,
        readonly helmMessage: string,
    ) {
        super(`helm template ${release.releaseName} (${release.chart} ${release.version}) failed: ${helmMessage}`);
    }
}

/** Helm without a user's repositories, registries or plugins. */
function helmEnv(): NodeJS.ProcessEnv {
    const home = join(ENGINE_OUT, ".helm");
    return {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        HELM_CACHE_HOME: join(home, "cache"),
        HELM_CONFIG_HOME: join(home, "config"),
        HELM_DATA_HOME: join(home, "data"),
    };
}

/** Splits Helm's output into objects, keeping each one's `# Source:` template. */
export function splitManifests(text: string, release: string): RenderedObject[] {
    const objects: RenderedObject[] = [];
    for (const document of text.split(/^---\s*$/m)) {
        const source = /^# Source: (.+)$/m.exec(document)?.[1] ?? "(unknown template)";
        for (const object of loadAll(document)) {
            if (object !== null && typeof object === "object") {
                objects.push({ object: object as KubeObject, source: `${release}: ${source}`, release });
            }
        }
    }
    return objects;
}
