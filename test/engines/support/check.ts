/**
 * Everything the engine suite checks for one rendered case, in order: the real Helm renders every release; every
 * object validates against the Kubernetes schema or its CRD, and against the API server's metadata rules; promtool
 * accepts every rule group; the wiring holds; Tempo's rendered config fits its version's keys. Findings name the
 * case, the object and the upstream message.
 */
import { join } from "node:path";
import { chartPackage, helmReleases, helmTemplate, HelmTemplateError } from "./helm";
import { metadataProblems } from "./metadata";
import { checkRules } from "./promtool";
import type { KubeObject, RenderedCase } from "./render";
import { kubeSchemas } from "./schemas";
import { tempoConfigProblems } from "./tempoConfig";
import {
    addressProblems,
    describeObject,
    secretProblems,
    podMonitorProblems,
    serviceMonitorProblems,
    serviceSelectorProblems,
    type PlacedObject,
} from "./wiring";

/** One thing a real engine (or the wiring check) refused. */
export interface Finding {
    /** `helm`, `schema`, `metadata`, `promtool`, `wiring`, `tempo-config`. */
    readonly check: string;
    readonly object: string;
    readonly message: string;
}

/** Formats findings one per line: `[check] object: message`. */
export function formatFindings(caseName: string, findings: readonly Finding[]): string {
    return [`${caseName}: ${findings.length} finding(s)`, ...findings.map((f) => `  [${f.check}] ${f.object}: ${f.message}`)].join("\n");
}

/**
 * All objects of a case: the component's own, then every Helm release's output (`helm template` with the values
 * file the render wrote). A release Helm refuses is a finding, and its objects are missing from the rest.
 */
export async function placeObjects(rendered: RenderedCase, valuesFile = (resource: string) => rendered.valuesFiles[resource]): Promise<{ objects: PlacedObject[]; findings: Finding[] }> {
    const objects: PlacedObject[] = Object.values(rendered.manifests).map((object) => ({ object: unmasked(object) }));
    const findings: Finding[] = [];
    for (const release of helmReleases(rendered)) {
        try {
            const templated = await helmTemplate(release, valuesFile(release.resource));
            objects.push(
                ...templated.map(({ object }) => ({ object, release: release.releaseName, chart: release.chartName, releaseNamespace: release.namespace })),
            );
        } catch (error) {
            if (!(error instanceof HelmTemplateError)) {
                throw error;
            }
            findings.push({ check: "helm", object: `release ${release.releaseName} (${release.chart} ${release.version})`, message: error.helmMessage });
        }
    }
    return { objects, findings };
}

/**
 * The render masks a Secret's whole `stringData` as "[secret]" (the Kubernetes SDK marks the map secret); the API
 * server gets a map of strings, which an empty map stands for here.
 */
function unmasked(manifest: KubeObject): KubeObject {
    const object = structuredClone(manifest);
    return object.kind === "Secret" && object.stringData === "[secret]" ? { ...object, stringData: {} } : object;
}

/** Every finding of one rendered case, from its placed objects (see `shared.ts`). */
export async function checkCase(rendered: RenderedCase, placed: { objects: readonly PlacedObject[]; findings: readonly Finding[] }): Promise<Finding[]> {
    return [...placed.findings, ...(await checkObjects(rendered, placed.objects))];
}

/** The checks after Helm, over a case's placed objects. */
export async function checkObjects(rendered: RenderedCase, objects: readonly PlacedObject[]): Promise<Finding[]> {
    const findings: Finding[] = [];
    const schemas = kubeSchemas(helmReleases(rendered).map(chartPackage));
    for (const { object } of objects) {
        if (object.kind === "CustomResourceDefinition") {
            schemas.addCrd(object);
        }
    }
    for (const { object } of objects) {
        for (const problem of schemas.validate(object)) {
            findings.push({ check: "schema", object: describeObject(object), message: `${problem.path}: ${problem.message}` });
        }
        for (const problem of metadataProblems(object)) {
            findings.push({ check: "metadata", object: describeObject(object), message: problem });
        }
        if (object.kind === "PrometheusRule") {
            const complaint = await checkRules(object, join(rendered.dir, "..", "promtool"));
            if (complaint !== undefined) {
                findings.push({ check: "promtool", object: describeObject(object), message: complaint });
            }
        }
    }
    const componentSecrets = new Set(Object.values(rendered.manifests).filter((m) => m.kind === "Secret").map((m) => m.metadata.name));
    for (const problem of [
        ...serviceSelectorProblems(objects),
        ...serviceMonitorProblems(objects),
        ...podMonitorProblems(objects),
        ...addressProblems(objects),
        ...secretProblems(objects, componentSecrets),
    ]) {
        findings.push({ check: "wiring", ...problem });
    }
    for (const problem of tempoConfigProblems(objects)) {
        findings.push({ check: "tempo-config", ...problem });
    }
    return findings;
}
