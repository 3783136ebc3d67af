/**
 * Real engines, static: every committed stack and the generated matrix, rendered by the CLI, then put through the
 * real Helm (pinned chart packages), the Kubernetes OpenAPI and CRD schemas, promtool and the wiring checks.
 * Needs the engines (`npm run engines`) and the chart cache (docs/testing.md).
 */
import assert from "node:assert/strict";
import { checkCase, formatFindings } from "./support/check";
import { ENGINE_CASES, placedObjects, renderAll, renderedCase } from "./support/shared";

describe("real engines: every stack and the matrix", function () {
    before(async function () {
        await renderAll();
    });

    for (const engineCase of ENGINE_CASES) {
        it(`${engineCase.name}: Helm renders every release, and every object, rule and wire holds`, async () => {
            const rendered = await renderedCase(engineCase.name);
            const findings = await checkCase(rendered, await placedObjects(rendered));
            assert.equal(findings.length, 0, formatFindings(engineCase.name, findings));
        });
    }
});
