/**
 * Real engines, static: every committed stack and the generated matrix, rendered by the CLI, then put through the
 * real Helm (pinned chart packages), the Kubernetes OpenAPI and CRD schemas, promtool and the wiring checks.
 * Needs the engines (`npm run engines`) and the chart cache (docs/testing.md).
 */
import assert from "node:assert/strict";
import { committedStackCases, matrixCases, type EngineCase } from "./support/cases";
import { checkCase, formatFindings } from "./support/check";
import { REPO_ROOT } from "./support/engines";
import { mapLimit, renderCase, type RenderedCase } from "./support/render";

const cases: EngineCase[] = [...committedStackCases(REPO_ROOT), ...matrixCases()];

describe("real engines: every stack and the matrix", function () {
    const renders = new Map<string, RenderedCase | Error>();

    before(async function () {
        // Two renders at a time: each is its own Node process.
        const results = await mapLimit(cases, 2, (engineCase) => renderCase(engineCase).catch((error: Error) => error));
        cases.forEach((engineCase, index) => renders.set(engineCase.name, results[index]));
    });

    for (const engineCase of cases) {
        it(`${engineCase.name}: Helm renders every release, and every object, rule and wire holds`, async () => {
            const rendered = renders.get(engineCase.name);
            if (rendered instanceof Error) {
                throw rendered;
            }
            const findings = await checkCase(rendered as RenderedCase);
            assert.equal(findings.length, 0, formatFindings(engineCase.name, findings));
        });
    }
});
