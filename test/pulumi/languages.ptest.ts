/**
 * TempoCluster from other Pulumi languages, for real: the schema the CLI reads from the component (committed as a
 * golden file), the Python and Go SDKs generated from it, and a Python and a Go program that deploy a TempoCluster to
 * the suite's API server through them (see support/languages.ts for how the component is served).
 */
import { strict as assert } from "node:assert";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chartCacheDir, engineVersion, REPO_ROOT } from "../engines/support/engines";
import { pulumiFixture } from "./support/fixture";
import {
    componentPlugin,
    componentSchema,
    generateSdk,
    GO_SDK_MODULE,
    installComponentPlugin,
    LANGUAGES_OUT,
    runGoProgram,
    runPythonProgram,
    type ProgramResult,
    type ProgramSettings,
} from "./support/languages";
import { TEST_STORE_SECRET_KEY } from "./support/stacks";

/** The committed schema: what `pulumi package add` of this repository gives other languages. */
const GOLDEN_SCHEMA = join(REPO_ROOT, "test", "package-schema.json");

describe("TempoCluster from other languages", function () {
    let schemaFile: string;

    before(async function () {
        const { engine } = await pulumiFixture();
        const plugin = componentPlugin();
        const schema = await componentSchema(engine, plugin);
        schemaFile = join(LANGUAGES_OUT, "schema.json");
        writeFileSync(schemaFile, schema);
        await installComponentPlugin(engine, plugin);
    });

    it("pulumi package get-schema reads the component's schema, and it matches the committed one", function () {
        const schema = JSON.parse(readFileSync(schemaFile, "utf8"));
        assert.equal(schema.name, "tempo-cluster");
        assert.ok(schema.resources["tempo-cluster:index:TempoCluster"].isComponent);
        assert.deepEqual(
            schema,
            JSON.parse(readFileSync(GOLDEN_SCHEMA, "utf8")),
            `the component's schema changed; review it and run: cp ${schemaFile} test/package-schema.json`,
        );
    });

    async function settingsFor(language: string): Promise<ProgramSettings> {
        const { engine, server } = await pulumiFixture();
        return {
            stack: `local-${language}`,
            workDir: join(LANGUAGES_OUT, `${language}-project`),
            pulumiHome: engine.home,
            cliRoot: engine.cliRoot,
            env: engine.env,
            kubeconfig: server.kubeconfig(),
            namespace: `tempo-${language}`,
            chartPackages: chartCacheDir(),
            storeSecretKey: TEST_STORE_SECRET_KEY,
        };
    }

    async function assertDeployed(language: string, result: ProgramResult): Promise<void> {
        const { server } = await pulumiFixture();
        assert.ok(result.previewCreates > 0, "the first preview creates resources");
        assert.equal(result.up, "succeeded");
        assert.equal(result.outputs.namespace, `tempo-${language}`);
        assert.match(String(result.outputs.queryUrl), new RegExp(`^http://tempo-query-frontend\\.tempo-${language}\\.svc`));
        assert.deepEqual(result.secondPreviewChanges, {}, "the second preview shows no changes");
        assert.equal(result.destroy, "succeeded");
        const namespace = await server.request("GET", `/api/v1/namespaces/tempo-${language}`);
        assert.ok(namespace.status === 404 || namespace.body?.metadata?.deletionTimestamp !== undefined, "the namespace is gone or going");
    }

    it("a Python program (the pulumi package from PyPI, the generated SDK) deploys a TempoCluster, idempotently", async function () {
        const sdk = generateSdk(schemaFile, "python");
        const result = await runPythonProgram(join(sdk), await settingsFor("python"));
        await assertDeployed("python", result);
    });

    it("a Go program (the Go SDK from the module proxy, the generated SDK) deploys a TempoCluster, idempotently", async function () {
        const sdk = generateSdk(schemaFile, "go", `${GO_SDK_MODULE}/tempocluster`);
        const result = await runGoProgram(sdk, await settingsFor("go"), engineVersion("pulumi"));
        await assertDeployed("go", result);
    });
});
