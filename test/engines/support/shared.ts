/**
 * What the engine suites share within one run: the cases, each rendered once, and each case's objects (the
 * component's own and every Helm release's output) templated once.
 */
import { committedStackCases, matrixCases, type EngineCase } from "./cases";
import { placeObjects, type Finding } from "./check";
import { REPO_ROOT } from "./engines";
import { mapLimit, renderCase, type RenderedCase } from "./render";
import type { PlacedObject } from "./wiring";

/** Every committed stack and the generated matrix. */
export const ENGINE_CASES: readonly EngineCase[] = [...committedStackCases(REPO_ROOT), ...matrixCases()];

let renders: Promise<Map<string, RenderedCase | Error>> | undefined;
const placed = new Map<string, Promise<{ objects: PlacedObject[]; findings: Finding[] }>>();

/** Renders every case once (two CLI processes at a time); a refused config is kept as its error. */
export function renderAll(): Promise<Map<string, RenderedCase | Error>> {
    renders ??= mapLimit(ENGINE_CASES, 2, (engineCase) => renderCase(engineCase).catch((error: Error) => error)).then(
        (results) => new Map(ENGINE_CASES.map((engineCase, index) => [engineCase.name, results[index]])),
    );
    return renders;
}

/** One case's render; throws the render's error. */
export async function renderedCase(name: string): Promise<RenderedCase> {
    const rendered = (await renderAll()).get(name);
    if (rendered === undefined || rendered instanceof Error) {
        throw rendered ?? new Error(`no engine case ${name}`);
    }
    return rendered;
}

/** One case's objects after `helm template` of its releases, computed once. */
export function placedObjects(rendered: RenderedCase): Promise<{ objects: PlacedObject[]; findings: Finding[] }> {
    let result = placed.get(rendered.name);
    if (result === undefined) {
        result = placeObjects(rendered);
        placed.set(rendered.name, result);
    }
    return result;
}
