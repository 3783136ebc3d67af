import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));

describe("consumption", function () {
    this.timeout(180_000);

    describe("from npm (TypeScript)", () => {
        let dir: string;
        before(function () {
            if (!existsSync(join(ROOT, "bin", "sdk", "index.d.ts"))) {
                assert.fail("the package is not built: run `npm run build` (npm test does)");
            }
            dir = mkdtempSync(join(tmpdir(), "tempo-consumer-"));
        });
        after(() => rmSync(dir, { recursive: true, force: true }));

        it("packs only the compiled SDK, its types and the consumer docs: nothing that imports unshipped sources", () => {
            const [packed] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
            const files: string[] = packed.files.map((f: { path: string }) => f.path);
            assert.ok(files.includes("bin/sdk/index.js"));
            assert.ok(files.includes("bin/sdk/index.d.ts"));
            assert.ok(files.includes("bin/sdk/contracts/data/chart-tempo-distributed-3.3.0.json"), "the key trees ship for the escape-hatch check");
            assert.ok(files.includes("CHANGELOG.md") && files.includes("docs/runbooks.md"));
            // The plugin entry re-exports sdk/*.ts sources, which are not shipped: `pulumi package add` uses the repository.
            assert.ok(!files.includes("index.ts") && !files.includes("PulumiPlugin.yaml"), "no broken plugin entry in the package");
            for (const file of files) {
                assert.ok(!/^(test|stacks|scripts|node_modules|out)\//.test(file), `${file} should not ship`);
                assert.ok(!file.startsWith("bin/stacks/"), `${file} should not ship`);
            }
        });

        it("type-checks a consumer program against the packed types, with no cloud type in the public API", () => {
            const tarball = execFileSync("npm", ["pack", "--ignore-scripts", "--pack-destination", dir], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim().split("\n").pop() as string;
            const installed = join(dir, "node_modules", "tempo-cluster");
            mkdirSync(installed, { recursive: true });
            execFileSync("tar", ["-xzf", join(dir, tarball), "-C", installed, "--strip-components=1"]);
            // Dependencies come from this repository's install, as a consumer's would from npm.
            const runtimeDeps = Object.keys(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).dependencies as object);
            for (const dep of new Set([...runtimeDeps.map((name) => name.split("/")[0]), "@types"])) {
                symlinkSync(join(ROOT, "node_modules", dep), join(dir, "node_modules", dep), "dir");
            }
            writeFileSync(
                join(dir, "index.ts"),
                [
                    'import { TempoCluster, Cloud, KafkaMode, Profile, type TempoClusterArgs } from "tempo-cluster";',
                    "const args: TempoClusterArgs = {",
                    "    cloud: Cloud.Aws,",
                    "    profile: Profile.Production,",
                    '    aws: { region: "eu-west-1", clusterName: "prod-eks" },',
                    '    kafka: { mode: KafkaMode.External, brokers: ["kafka.internal:9092"] },',
                    "};",
                    'const tempo = new TempoCluster("tempo", args);',
                    "// The strings themselves work as well as the enum constants, as in Pulumi's generated SDKs.",
                    "const fromStrings: TempoClusterArgs = {",
                    '    cloud: "aws",',
                    '    architecture: "classic",',
                    '    profile: "dev",',
                    '    aws: { region: "eu-west-1", clusterName: "dev-eks", identityMode: "pod-identity" },',
                    '    grafana: { datasource: "grafana-operator", instanceSelector: { dashboards: "grafana" } },',
                    '    cache: { dedicatedPools: ["bloom"] },',
                    "};",
                    'new TempoCluster("tempo-strings", fromStrings);',
                    "// Values from other resources: a stack reference's outputs wired straight in.",
                    'import * as pulumi from "@pulumi/pulumi";',
                    'const eks = new pulumi.StackReference("acme/eks/prod");',
                    'new TempoCluster("tempo-wired", {',
                    '    cloud: "aws",',
                    '    aws: { region: "eu-west-1", clusterName: eks.requireOutput("clusterName") as pulumi.Output<string>, accountId: eks.getOutput("accountId") as pulumi.Output<string> },',
                    '    kafka: { mode: "external", brokers: [eks.requireOutput("kafkaBootstrap") as pulumi.Output<string>] },',
                    '    grafana: { namespace: eks.requireOutput("grafanaNamespace") as pulumi.Output<string>, prometheusUid: pulumi.output("mimir") },',
                    "});",
                    'import { TempoClusterMocks } from "tempo-cluster/testing";',
                    "const mocks: import(\"@pulumi/pulumi\").runtime.Mocks = new TempoClusterMocks({ calls: { \"aws:index/getRegion:getRegion\": () => ({ region: \"eu-west-1\" }) } });",
                    "void mocks;",
                    "export const url: import(\"@pulumi/pulumi\").Output<string> = tempo.queryUrl;",
                    "",
                ].join("\n"),
            );
            writeFileSync(
                join(dir, "tsconfig.json"),
                JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: "commonjs", moduleResolution: "node", target: "ES2022", types: [], skipLibCheck: true }, files: ["index.ts"] }),
            );
            const tsc = spawnSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", dir], { encoding: "utf8" });
            assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
            const argTypes = readdirSync(join(installed, "bin", "sdk", "args", "types")).filter((file) => file.endsWith(".d.ts"));
            assert.ok(argTypes.includes("cluster.d.ts"), "the public args ship as declarations");
            for (const file of ["index.d.ts", "tempoCluster.d.ts", ...argTypes.map((file) => `args/types/${file}`)]) {
                const declaration = readFileSync(join(installed, "bin", "sdk", file), "utf8");
                assert.doesNotMatch(declaration, /(from |import\()["'](@pulumi\/(aws|gcp|azure-native)|@pulumiverse)/, `${file} exposes a cloud type`);
            }
        });

        it("runs a program that wires outputs in, from the installed package, under the exported mocks", () => {
            // The previous test installed the packed package into `dir`; run plain JavaScript against it.
            assert.ok(existsSync(join(dir, "node_modules", "tempo-cluster", "bin", "sdk", "testing.js")), "the packed package is installed");
            writeFileSync(
                join(dir, "program.js"),
                [
                    '"use strict";',
                    'const pulumi = require("@pulumi/pulumi");',
                    'const { TempoClusterMocks } = require("tempo-cluster/testing");',
                    "(async () => {",
                    '    const state = { clusterName: "prod-eks", accountId: "123456789012", bootstrap: "b-1.kafka.internal:9092" };',
                    '    await pulumi.runtime.setMocks(new TempoClusterMocks({ newResource: (a) => (a.type === "acme:index:Eks" ? { state } : undefined) }), "consumer", "test", false);',
                    '    const { TempoCluster } = require("tempo-cluster");',
                    "    class Eks extends pulumi.CustomResource { constructor(name) { super(\"acme:index:Eks\", name, { clusterName: undefined, accountId: undefined, bootstrap: undefined }); } }",
                    '    const eks = new Eks("eks");',
                    '    const tempo = new TempoCluster("tempo", {',
                    '        cloud: "aws",',
                    '        aws: { region: "eu-west-1", clusterName: eks.clusterName, accountId: eks.accountId },',
                    '        kafka: { mode: "external", brokers: [eks.bootstrap] },',
                    "    });",
                    "    const [identity, bootstrap] = await new Promise((resolve) => pulumi.all([tempo.identity, tempo.kafkaBootstrap]).apply(resolve));",
                    "    process.stdout.write(JSON.stringify({ identity, bootstrap }));",
                    "})().catch((error) => { console.error(error); process.exit(1); });",
                    "",
                ].join("\n"),
            );
            const result = spawnSync(process.execPath, [join(dir, "program.js")], { cwd: dir, encoding: "utf8", timeout: 60_000 });
            assert.equal(result.status, 0, result.stdout + result.stderr);
            assert.deepEqual(JSON.parse(result.stdout), {
                identity: "arn:aws:iam::123456789012:role/consumer-test-tempo",
                bootstrap: "b-1.kafka.internal:9092",
            });
        });

        it("declares engines, optional cloud peers and the CLI", () => {
            assert.equal(pkg.engines.node, ">=22");
            for (const peer of ["@pulumi/aws", "@pulumi/gcp", "@pulumi/azure-native", "@pulumi/random", "@pulumiverse/grafana"]) {
                assert.equal(pkg.peerDependenciesMeta[peer]?.optional, true, peer);
                assert.ok(pkg.devDependencies[peer], `${peer} is a dev dependency for the tests`);
                assert.equal(pkg.dependencies[peer], undefined);
            }
            assert.ok(pkg.dependencies["@pulumi/pulumi"] && pkg.dependencies["@pulumi/kubernetes"]);
            assert.equal(pkg.bin["tempo-cluster"], "bin/sdk/render/cli.js");
        });
    });

    describe("from other languages (pulumi package add)", () => {
        it("infers a schema with the TempoCluster token, its inputs and cloud-agnostic outputs", () => {
            const { Analyzer } = require("@pulumi/pulumi/provider/experimental/analyzer");
            const { generateSchema } = require("@pulumi/pulumi/provider/experimental/schema");
            const result = new Analyzer(ROOT, "tempo-cluster", pkg, new Set(["TempoCluster"])).analyze();
            const schema = generateSchema("tempo-cluster", pkg.version, pkg.description, result.components, result.typeDefinitions, result.dependencies);
            const component = schema.resources["tempo-cluster:index:TempoCluster"];
            assert.ok(component, "type token tempo-cluster:index:TempoCluster");
            assert.equal(component.isComponent, true);
            assert.deepEqual(component.requiredInputs, ["cloud"]);
            for (const input of ["cloud", "architecture", "profile", "retention", "ingestMBps", "zones", "storage", "aws", "gcp", "azure", "local", "kafka", "components", "limits", "tenants", "metricsGenerator", "gateway", "monitoring", "grafana", "chart", "values"]) {
                assert.ok(component.inputProperties[input], `input ${input}`);
            }
            assert.deepEqual(Object.keys(component.properties).sort(), [
                "bucketName",
                "chartVersion",
                "datasourceUid",
                "gatewayPassword",
                "identity",
                "kafkaBootstrap",
                "namespace",
                "otlpGrpcEndpoint",
                "otlpHttpEndpoint",
                "queryUrl",
                "releaseName",
                "serviceAccountName",
                "tempoVersion",
                "zipkinEndpoint",
            ]);
            const cloud = schema.types["tempo-cluster:index:Cloud"];
            assert.deepEqual(cloud.enum.map((e: { value: string }) => e.value).sort(), ["aws", "azure", "gcp", "local"]);
            assert.deepEqual(cloud.enum.find((e: { value: string }) => e.value === "aws"), { name: "Aws", value: "aws", description: "S3 + IRSA or EKS Pod Identity." });
            // Every enum, declared as a constant object plus the union of its values, is still an enum in the schema.
            for (const name of ["Architecture", "Profile", "AwsIdentityMode", "KafkaMode", "ChartInstallMethod", "MetricsGeneratorProcessor", "CacheRole", "DatasourceMode"]) {
                const type = schema.types[`tempo-cluster:index:${name}`];
                assert.ok(type?.enum?.length > 1 && type.type === "string", `${name} is a string enum in the schema`);
            }
            assert.ok(!JSON.stringify(schema).includes("aws:"), "no cloud resource types leak into the schema");
            assert.deepEqual(schema.dependencies ?? [], []);
        });
    });
});
