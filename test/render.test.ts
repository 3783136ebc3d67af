import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { chartContract, checkChartValues, passThroughRules, tempoContract } from "../sdk/contracts";
import { committedStackNames, tree } from "./support/files";

const ROOT = join(__dirname, "..");
const CLI = join(ROOT, "bin", "sdk", "render", "cli.js");
const GOLDEN = join(ROOT, "test", "golden");
const STACKS = committedStackNames(join(ROOT, "stacks"));

function render(args: string[]) {
    assert.ok(existsSync(CLI), "the render CLI is not built: run `npm run build` (npm test does)");
    return spawnSync(process.execPath, [CLI, "render", ...args], { cwd: ROOT, encoding: "utf8" });
}


function tempDir(): string {
    return mkdtempSync(join(tmpdir(), "tempo-render-"));
}

describe("render", function () {
    this.timeout(120_000);
    const scratch: string[] = [];
    const scratchDir = () => {
        const dir = tempDir();
        scratch.push(dir);
        return dir;
    };
    after(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

    it("has a golden render for every committed stack and no stale ones", () => {
        assert.ok(STACKS.length >= 2);
        assert.deepEqual(readdirSync(GOLDEN).sort(), STACKS, "run `npm run render:update` after adding or removing a stack");
    });

    for (const stack of STACKS) {
        it(`matches the golden render of stack ${stack}`, () => {
            const out = join(scratchDir(), stack);
            const result = render(["--stack", stack, "--out", out]);
            assert.equal(result.status, 0, result.stderr);
            const expected = tree(join(GOLDEN, stack));
            const actual = tree(out);
            assert.deepEqual([...actual.keys()], [...expected.keys()], "file list drifted: run `npm run render:update`");
            for (const [file, contents] of expected) {
                assert.equal(actual.get(file), contents, `${stack}/${file} drifted from the golden render: run \`npm run render:update\``);
            }
        });

        it(`gives chart values for stack ${stack} that pass the chart and Tempo contracts`, () => {
            const resources = JSON.parse(readFileSync(join(GOLDEN, stack, "resources.json"), "utf8")) as any[];
            const installs = resources.filter((r) => r.name.endsWith("-helm"));
            assert.ok(installs.length >= 1);
            for (const install of installs) {
                const chart = install.inputs.chart as "tempo" | "tempo-distributed";
                const version = install.inputs.version as string;
                const contract = chartContract(chart, version);
                const values = parse(readFileSync(join(GOLDEN, stack, "values", `${install.name}.yaml`), "utf8"));
                const problems = checkChartValues(contract, values, passThroughRules(chart, version), tempoContract(contract.tempoVersion));
                assert.deepEqual(problems, [], `${stack}/${install.name} against ${chart} ${version}`);
            }
        });
    }

    it("is byte-identical across two renders", () => {
        const [a, b] = [join(scratchDir(), "a"), join(scratchDir(), "b")];
        assert.equal(render(["--stack", "prod", "--out", a]).status, 0);
        assert.equal(render(["--stack", "prod", "--out", b]).status, 0);
        assert.deepEqual(tree(a), tree(b));
    });

    it("renders the production AWS stack with its hardening, identity and install", () => {
        const resources = JSON.parse(readFileSync(join(GOLDEN, "prod", "resources.json"), "utf8")) as any[];
        const types = new Set(resources.map((r) => r.type));
        for (const type of [
            "aws:s3/bucket:Bucket",
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
            "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
            "aws:s3/bucketPolicy:BucketPolicy",
            "aws:iam/role:Role",
            "aws:iam/rolePolicy:RolePolicy",
            "kubernetes:core/v1:Namespace",
            "kubernetes:core/v1:ServiceAccount",
            "kubernetes:helm.sh/v3:Release",
        ]) {
            assert.ok(types.has(type), `prod render lacks ${type}`);
        }
        const names = resources.map((r) => r.name);
        assert.deepEqual(names, [...names].sort(), "resources are sorted by name");
        for (const resource of resources) {
            assert.deepEqual(Object.keys(resource).sort(), ["custom", "inputs", "name", "options", "parent", "type"]);
            assert.deepEqual(Object.keys(resource.options).sort(), ["aliases", "dependsOn", "ignoreChanges", "protect", "retainOnDelete"]);
        }
        assert.ok(!readFileSync(join(GOLDEN, "prod", "resources.json"), "utf8").includes("<secret tempo:kafkaSaslPassword>"));
    });

    it("exits 1 listing every problem and writes nothing for an invalid config", () => {
        const dir = scratchDir();
        const config = join(dir, "Pulumi.broken.yaml");
        writeFileSync(
            config,
            [
                "config:",
                "  tempo:cluster:",
                "    cloud: aws",
                "    retention: forever",
                "    namespace: Tempo_NS",
                "    storage: { bucketName: Bad_Bucket }",
                "    aws: { clusterName: prod, identityMode: iam }",
                "    kafka: { mode: external, partitions: 0, brokers: [kafka.internal:9092] }",
                "",
            ].join("\n"),
        );
        const out = join(dir, "out");
        const result = render(["--config", config, "--out", out]);
        assert.equal(result.status, 1, result.stdout + result.stderr);
        for (const path of ["retention", "namespace", "storage.bucketName", "aws.identityMode", "kafka.partitions"]) {
            assert.match(result.stderr, new RegExp(`tempo:cluster\\.${path.replace(".", "\\.")}: `), `stderr lacks ${path}`);
        }
        assert.match(result.stderr, /\(5 problems\)/);
        assert.ok(!existsSync(out), "nothing is written");
        assert.ok(!existsSync(`${out}.rendering`), "no staging left behind");
    });

    it("refuses secrets typed into tempo:cluster", () => {
        const dir = scratchDir();
        const config = join(dir, "Pulumi.leaky.yaml");
        writeFileSync(
            config,
            "config:\n  tempo:cluster:\n    cloud: aws\n    aws: { clusterName: prod }\n    kafka: { mode: external, brokers: ['k:9092'], saslUsername: u, saslPassword: p }\n" +
                "    metricsGenerator: { remoteWriteUrl: 'http://p:9090/api/v1/write', remoteWriteUsername: u, remoteWritePassword: p }\n",
        );
        const result = render(["--config", config, "--out", join(dir, "out")]);
        assert.equal(result.status, 1);
        assert.match(result.stderr, /tempo:cluster\.kafka\.saslPassword: keep secrets out of tempo:cluster/);
        assert.match(result.stderr, /tempo:cluster\.metricsGenerator\.remoteWritePassword: keep secrets out of tempo:cluster; run `pulumi config set --secret tempo:remoteWritePassword/);
    });
});
