/**
 * The suite fails on each kind of defect it is for. Each test plants one known defect into a good stack and asserts
 * that the real engine refuses it with its own message: a project key the CLI treats as required, a label the API
 * server refuses, and an object that shows a change on every preview (the empty label map the suite once found).
 */
import { strict as assert } from "node:assert";
import { chartCacheDir } from "../engines/support/engines";
import { caseStack, pulumiFixture } from "./support/fixture";
import { pulumiCases, TEST_STORE_SECRET_KEY } from "./support/stacks";

describe("pulumi up: planted defects are caught", function () {
    const local = () => pulumiCases()[0];
    const localCluster = () => local().config["tempo:cluster"] as Record<string, unknown>;

    it("a project key declared without a default: the CLI refuses to start the stack", async function () {
        // The stack sets tempo:cluster, not tempo:clusters; declaring `clusters` without a default makes it required.
        const planted = (text: string) => `${text}  clusters:\n    type: object\n    description: planted, required by the CLI's rule\n`;
        const stack = await caseStack(await pulumiFixture(), { ...local(), name: "planted-project-key" }, planted);
        await assert.rejects(stack.stack.preview(), (error: Error) => {
            assert.match(error.message, /validating stack config: Stack 'planted-project-key' is missing configuration value 'clusters'/);
            return true;
        });
        await stack.stack.workspace.removeStack(stack.name);
    });

    it("a label the API server refuses: pulumi up fails with the API server's message", async function () {
        // The escape hatch bypasses the component's own label checks, so only the API server stands in the way.
        const cluster = { ...localCluster(), namespace: "planted-label", values: { distributor: { podLabels: { "bad key!": "x" } } } };
        const stack = await caseStack(await pulumiFixture(), { ...local(), name: "planted-label", config: { ...local().config, "tempo:cluster": cluster } });
        await assert.rejects(stack.stack.up(), (error: Error) => {
            assert.match(error.message, /bad key!/);
            assert.match(error.message, /name part must consist of alphanumeric characters|Invalid value/);
            return true;
        });
        await stack.stack.destroy();
        await stack.stack.workspace.removeStack(stack.name);
    });

    it("an object that differs from what the API server stores: the second preview is not empty", async function () {
        const { engine, server } = await pulumiFixture();
        const program = async () => {
            const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
            const k8s = require("@pulumi/kubernetes") as typeof import("@pulumi/kubernetes");
            const { TempoCluster } = require("../../sdk") as typeof import("../../sdk");
            const provider = new k8s.Provider("cluster", { kubeconfig: pulumi.secret(server.kubeconfig()) });
            // Planted: the empty label map the component once sent on GrafanaDatasources.
            const emptyLabels: import("@pulumi/pulumi").ResourceTransform = (args) =>
                args.type.endsWith(":GrafanaDatasource")
                    ? { props: { ...args.props, metadata: { ...args.props.metadata, labels: {} } }, opts: args.opts }
                    : undefined;
            const tempo = new TempoCluster(
                "tempo",
                {
                    cloud: "local",
                    profile: "dev",
                    namespace: "planted-diff",
                    kafka: { mode: "external", brokers: ["kafka.streaming.svc:9092"] },
                    grafana: { datasource: "grafana-operator", instanceSelector: { dashboards: "grafana" } },
                    monitoring: { dashboards: false },
                    local: { secretAccessKey: pulumi.secret(TEST_STORE_SECRET_KEY) },
                    chart: { packageDirectory: chartCacheDir(), skipAwait: true },
                },
                { providers: { kubernetes: provider }, transforms: [emptyLabels] },
            );
            return { namespace: tempo.namespace };
        };
        const stack = await engine.createStack("planted-diff", {}, program);
        const up = await stack.stack.up();
        assert.equal(up.summary.result, "succeeded");
        await assert.rejects(stack.stack.preview({ expectNoChanges: true, diff: true }), (error: Error) => {
            assert.match(error.message, /no changes were expected/);
            assert.match(error.message, /GrafanaDatasource/);
            assert.match(error.message, /labels/);
            return true;
        });
        await stack.stack.destroy();
        await stack.stack.workspace.removeStack(stack.name);
    });
});
