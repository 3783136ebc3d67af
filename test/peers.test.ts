/**
 * Optional peers: the ones a configuration needs are known from the resolved spec, and a missing one is reported with
 * the rest of the validation — the feature, the field and the install line — before anything registers.
 */
import assert from "node:assert/strict";
import Module from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TempoCluster } from "../sdk/tempoCluster";
import { planTempoCluster, TempoClusterArgsError } from "../sdk/args";
import { Cloud, DatasourceMode, KafkaMode, type TempoClusterArgs } from "../sdk/args/types";
import { PEERS, requiredPeers } from "../sdk/args/peers";
import { awsArgs, resetMocks, settle } from "./support/harness";

const ctx = { name: "tempo", project: "p", stack: "s" };
const external = { mode: KafkaMode.External, brokers: ["kafka.internal:9092"] };

function problemsWithout(args: TempoClusterArgs, missing: string[]): { path: string; message: string }[] {
    try {
        planTempoCluster(args, { ...ctx, isInstalled: (name) => !missing.includes(name) });
        return [];
    } catch (error) {
        assert.ok(error instanceof TempoClusterArgsError);
        return [...error.problems];
    }
}

describe("optional peers", () => {
    it("names every peer of the chosen features, with the field that asks for it", () => {
        const { spec } = planTempoCluster(
            { cloud: Cloud.Local, kafka: external, gateway: { enabled: true, basicAuth: true }, grafana: { datasource: DatasourceMode.GrafanaApi } },
            ctx,
        );
        assert.deepEqual(
            requiredPeers(spec).map((need) => [need.path, need.peer.packageName]),
            [["cloud", "@pulumi/random"], ["gateway.basicAuth", "@pulumi/random"], ["grafana.datasource", "@pulumiverse/grafana"]],
        );
        assert.deepEqual(requiredPeers(planTempoCluster(awsArgs(), ctx).spec).map((need) => need.peer.packageName), ["@pulumi/aws"]);
    });

    it("refuses a configuration whose peer is missing, naming the feature and the npm install line", () => {
        const problems = problemsWithout({ cloud: Cloud.Local, kafka: external, grafana: { datasource: DatasourceMode.GrafanaApi } }, ["@pulumiverse/grafana", "@pulumi/random"]);
        assert.deepEqual(problems.map((p) => p.path), ["cloud", "grafana.datasource"]);
        assert.match(problems[0].message, /cloud local .* needs the optional peer dependency @pulumi\/random, which is not installed: npm install @pulumi\/random@"\^4\.21\.2"/);
        assert.match(problems[1].message, /datasource grafana-api/);
        assert.deepEqual(problemsWithout(awsArgs(), ["@pulumi/gcp", "@pulumi/azure-native", "@pulumiverse/grafana"]), [], "only the peers in use matter");
    });

    it("keeps the peer table and package.json's optional peers in step", () => {
        const pkg = JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8"));
        for (const peer of Object.values(PEERS)) {
            assert.equal(pkg.peerDependencies[peer.packageName], peer.versionRange, peer.packageName);
        }
        assert.equal(Object.keys(pkg.peerDependencies).length, Object.keys(PEERS).length);
    });

    it("stops the component before it registers anything when a needed peer cannot be resolved", async () => {
        const registrations = await resetMocks();
        const resolve = (Module as any)._resolveFilename;
        (Module as any)._resolveFilename = function (request: string, ...rest: unknown[]) {
            if (request === "@pulumi/random" || request.startsWith("@pulumi/random/")) {
                throw Object.assign(new Error(`Cannot find module '${request}'`), { code: "MODULE_NOT_FOUND" });
            }
            return resolve.call(this, request, ...rest);
        };
        try {
            assert.throws(
                () => new TempoCluster("tempo", { cloud: Cloud.Local, kafka: external }),
                (error: Error) => error instanceof TempoClusterArgsError && /args\.cloud: cloud local .*npm install @pulumi\/random/.test(error.message),
            );
        } finally {
            (Module as any)._resolveFilename = resolve;
        }
        await settle();
        assert.deepEqual(registrations, [], "nothing registers, not even the component");
    });
});
