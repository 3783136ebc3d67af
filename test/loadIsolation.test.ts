/**
 * Load isolation: cloud SDKs are optional peers loaded on demand, so importing TempoCluster loads none of them and a
 * program for one cloud never loads another cloud's SDK (@pulumi/azure-native alone is ~140 MB of JavaScript).
 * Checked in one child process running the compiled package, through Node's module cache, rendering stacks in order
 * local → AWS → GCP → Azure and recording which SDKs each step added.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..");
const BIN = join(ROOT, "bin", "sdk");

/** Runs in the child: prints, per step, the optional SDK packages present in require.cache after it. */
const CHILD = `
const { join } = require("node:path");
const bin = ${JSON.stringify(BIN)};
const sdks = () => [...new Set(Object.keys(require.cache)
    .map((file) => /[\\\\/]node_modules[\\\\/]((?:@pulumi[\\\\/](?:aws|gcp|azure-native|random|kubernetes))|@pulumiverse[\\\\/]grafana)[\\\\/]/.exec(file)?.[1])
    .filter(Boolean)
    .map((name) => name.replace(/\\\\/g, "/")))].sort();
(async () => {
    const steps = [];
    require(join(bin, "index.js"));
    steps.push({ step: "import", sdks: sdks() });
    const { renderProgram } = require(join(bin, "render", "render.js"));
    const { readStackConfig } = require(join(bin, "render", "stackFile.js"));
    const { clusterFromStackConfig } = require(join(bin, "program.js"));
    for (const stack of ["local", "prod", "prod-gcp", "prod-azure"]) {
        const render = await renderProgram(readStackConfig(join("stacks", "Pulumi." + stack + ".yaml")), "tempo", stack, clusterFromStackConfig);
        steps.push({ step: stack, resources: render.resources.length, sdks: sdks() });
    }
    process.stdout.write(JSON.stringify(steps));
})().catch((error) => { process.stderr.write(String(error && error.stack || error)); process.exit(1); });
`;

describe("load isolation", function () {
    this.timeout(120_000);
    let steps: { step: string; resources?: number; sdks: string[] }[] = [];

    before(() => {
        assert.ok(existsSync(join(BIN, "index.js")), "the package is not built: run `npm run build` (npm test does)");
        const result = spawnSync(process.execPath, ["-e", CHILD], { cwd: ROOT, encoding: "utf8" });
        assert.equal(result.status, 0, result.stderr);
        steps = JSON.parse(result.stdout);
    });

    const after = (step: string) => {
        const found = steps.find((s) => s.step === step);
        assert.ok(found, `step ${step} did not run`);
        return found;
    };
    /** SDKs a step added to those loaded before it. */
    const added = (step: string) => {
        const index = steps.findIndex((s) => s.step === step);
        const before = new Set(index > 0 ? steps[index - 1].sdks : []);
        return after(step).sdks.filter((sdk) => !before.has(sdk));
    };

    it("loads no cloud SDK when the package is imported", () => {
        assert.deepEqual(after("import").sdks.filter((sdk) => sdk !== "@pulumi/kubernetes"), []);
    });

    it("loads no cloud SDK to render a local (in-cluster store) stack", () => {
        assert.ok((after("local").resources ?? 0) > 0);
        assert.deepEqual(after("local").sdks.filter((sdk) => /@pulumi\/(aws|gcp|azure-native)$/.test(sdk)), []);
    });

    it("never loads @pulumi/gcp or @pulumi/azure-native to render an AWS stack", () => {
        assert.ok(after("prod").sdks.includes("@pulumi/aws"), "positive control: the AWS stack loads @pulumi/aws");
        assert.deepEqual(after("prod").sdks.filter((sdk) => sdk === "@pulumi/gcp" || sdk === "@pulumi/azure-native"), []);
    });

    it("loads @pulumi/gcp for a GCP stack (positive control), still not @pulumi/azure-native", () => {
        assert.deepEqual(added("prod-gcp"), ["@pulumi/gcp"]);
        assert.ok(!after("prod-gcp").sdks.includes("@pulumi/azure-native"));
    });

    it("loads @pulumi/azure-native only for an Azure stack", () => {
        assert.deepEqual(added("prod-azure"), ["@pulumi/azure-native"]);
    });
});
