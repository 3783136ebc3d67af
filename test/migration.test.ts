import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";

const ROOT = join(__dirname, "..");
const CLI = join(ROOT, "bin", "sdk", "render", "cli.js");
const STEPS = readdirSync(join(ROOT, "docs", "migration")).filter((f) => f.endsWith(".yaml")).sort();

interface Rendered {
    readonly resources: any[];
    readonly values: (name: string) => any;
}

/** Every step renders as the same stack, so names derived from the stack stay comparable. */
function renderStep(dir: string, step: string): Rendered {
    const out = join(dir, step);
    const result = spawnSync(process.execPath, [CLI, "render", "--config", join(ROOT, "docs", "migration", step), "--stack-name", "prod", "--out", out], {
        cwd: ROOT,
        encoding: "utf8",
    });
    assert.equal(result.status, 0, result.stderr);
    return {
        resources: JSON.parse(readFileSync(join(out, "resources.json"), "utf8")),
        values: (name: string) => parse(readFileSync(join(out, "values", `${name}.yaml`), "utf8")),
    };
}

const byName = (rendered: Rendered, prefix: (name: string) => boolean) =>
    new Map(rendered.resources.filter((r) => prefix(r.name)).map((r) => [r.name, r]));
const classicSide = (name: string) => name === "tempo" || (name.startsWith("tempo-") && !name.startsWith("tempo3"));
const newSide = (name: string) => name.startsWith("tempo3");

describe("migration from classic (Tempo 2) to distributed (Tempo 3), step by step", function () {
    this.timeout(120_000);
    let dir: string;
    let steps: Rendered[];
    before(() => {
        dir = mkdtempSync(join(tmpdir(), "tempo-migration-"));
        steps = STEPS.map((step) => renderStep(dir, step));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it("has a committed, rendering config for every step of docs/upgrading.md", () => {
        assert.deepEqual(STEPS, ["0-classic.yaml", "1-side-by-side.yaml", "2-cutover.yaml", "3-release-bucket.yaml", "4-tempo3-only.yaml"]);
        const guide = readFileSync(join(ROOT, "docs", "upgrading.md"), "utf8");
        for (const step of STEPS) {
            assert.ok(guide.includes(`migration/${step}`), `docs/upgrading.md links ${step}`);
        }
    });

    it("step 1 adds Tempo 3 without touching a single classic resource", () => {
        const [before, after] = [byName(steps[0], classicSide), byName(steps[1], classicSide)];
        assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());
        for (const [name, resource] of before) {
            assert.deepEqual(after.get(name), resource, `${name} changed`);
        }
    });

    it("step 1 points Tempo 3 at the classic bucket, scoped, creating no storage, with compaction off", () => {
        const created = [...byName(steps[1], newSide).values()];
        assert.ok(!created.some((r) => r.type.startsWith("aws:s3/")), "no bucket on the new side");
        const policy = JSON.parse(created.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy").inputs.policy);
        assert.equal(policy.Statement[0].Resource, "arn:aws:s3:::acme-tempo-traces");
        const values = steps[1].values("tempo3-helm");
        assert.equal(values.storage.trace.s3.bucket, "acme-tempo-traces");
        assert.equal(values.overrides.defaults.compaction.compaction_disabled, true);
        assert.equal(steps[1].values("tempo-helm").compactor.config.compaction.block_retention, "168h", "the classic side still compacts");
    });

    it("step 2 (cutover) changes only the datasources", () => {
        const changed = [...new Set([...steps[1].resources, ...steps[2].resources].map((r) => r.name))].filter((name) => {
            const [a, b] = [steps[1], steps[2]].map((s) => JSON.stringify(s.resources.find((r) => r.name === name)));
            return a !== b;
        });
        assert.deepEqual(changed.sort(), ["tempo-datasource", "tempo3-datasource"]);
    });

    it("step 3 lifts protection but keeps the bucket retained on delete", () => {
        const bucket = steps[3].resources.find((r) => r.name === "tempo-bucket");
        assert.deepEqual({ protect: bucket.options.protect, retainOnDelete: bucket.options.retainOnDelete }, { protect: false, retainOnDelete: true });
    });

    it("step 4 removes the classic cluster and turns compaction on, leaving Tempo 3's other resources alone", () => {
        assert.equal(byName(steps[4], classicSide).size, 0);
        assert.equal(steps[4].values("tempo3-helm").overrides.defaults.compaction.compaction_disabled, undefined);
        const [before, after] = [byName(steps[3], newSide), byName(steps[4], newSide)];
        assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());
        for (const [name, resource] of before) {
            if (name !== "tempo3-helm") {
                assert.deepEqual(after.get(name), resource, `${name} changed`);
            }
        }
    });

    it("refuses two clusters that would both create one namespace, naming the namespace and both clusters", () => {
        const config = join(dir, "Pulumi.shared-namespace.yaml");
        writeFileSync(
            config,
            [
                "config:",
                "  tempo:clusters:",
                "    tempo-old: { cloud: local, profile: dev, architecture: classic }",
                "    tempo: { cloud: local, profile: dev }",
                "    tempo-next: { cloud: local, profile: dev, namespace: tempo-next }",
                "",
            ].join("\n"),
        );
        const result = spawnSync(process.execPath, [CLI, "render", "--config", config, "--stack-name", "dev", "--out", join(dir, "shared")], { cwd: ROOT, encoding: "utf8" });
        assert.equal(result.status, 1);
        assert.match(result.stderr, /tempo:clusters\.tempo-old\.namespace: namespace "tempo" is also created by tempo: give each TempoCluster its own namespace/);
        assert.doesNotMatch(result.stderr, /tempo-next/);
    });
});
