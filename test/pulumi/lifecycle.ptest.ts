/**
 * `pulumi up` for real: the pinned Pulumi CLI and Kubernetes provider deploy the repository's own program
 * (`stacks/index.ts`) to a real API server, stack by stack. For each stack: preview, up, every object the render
 * predicts (the component's own and every Helm release's, by `helm template` of the same values) read back from the
 * API server, a second preview with no changes, destroy, and nothing of the component left. The `local` stack also
 * previews a changed arg, checks the offline render against `pulumi stack export`, and an invalid config is refused
 * before anything is created.
 */
import { strict as assert } from "node:assert";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { waitFor, type LocalApiServer } from "../engines/support/apiserver";
import { placeObjects } from "../engines/support/check";
import type { PlacedObject } from "../engines/support/wiring";
import { chartCacheDir } from "../engines/support/engines";
import { renderCase, type KubeObject, type RenderedCase } from "../engines/support/render";
import { objectId, readBack } from "./support/cluster";
import { caseStack, pulumiFixture } from "./support/fixture";
import { resourceParityProblems } from "./support/parity";
import { editStackFile, pulumiCases, TEST_STORE_SECRET_KEY, updatedResources, type PulumiCase } from "./support/stacks";
import type { PulumiEngine, TestStack } from "./support/workspace";

/** Objects that stay after `destroy` by design: Helm never deletes the CRDs a chart installs from its `crds/` folder. */
function retainedByDesign(object: KubeObject): boolean {
    return object.kind === "CustomResourceDefinition";
}

describe("pulumi up against a real API server", function () {
    let server: LocalApiServer;
    let engine: PulumiEngine;

    before(async function () {
        ({ engine, server } = await pulumiFixture());
    });

    const deployable = async (testCase: PulumiCase) => caseStack(await pulumiFixture(), testCase);

    /** Every object the offline render predicts: the component's own and Helm's (with the release's namespace). */
    async function predictedObjects(rendered: RenderedCase): Promise<PlacedObject[]> {
        const placed = await placeObjects(rendered);
        assert.deepEqual(placed.findings, [], `helm template of ${rendered.name}`);
        return placed.objects;
    }

    async function missingObjects(objects: readonly PlacedObject[]): Promise<string[]> {
        const missing: string[] = [];
        for (const { object, releaseNamespace } of objects) {
            if ((await readBack(server, object, releaseNamespace)) === undefined) {
                missing.push(objectId(object));
            }
        }
        return missing;
    }

    async function remainingObjects(objects: readonly PlacedObject[]): Promise<string[]> {
        const remaining: string[] = [];
        for (const { object, releaseNamespace } of objects.filter((o) => !retainedByDesign(o.object))) {
            const stored = await readBack(server, object, releaseNamespace);
            // A namespaced object whose namespace is being removed goes with it (the namespace controller empties it).
            if (stored !== undefined && (stored.metadata as { deletionTimestamp?: string }).deletionTimestamp === undefined) {
                remaining.push(objectId(object));
            }
        }
        return remaining;
    }

    for (const testCase of pulumiCases()) {
        describe(`stack ${testCase.name}`, function () {
            let stack: TestStack;
            let rendered: RenderedCase;
            let predicted: PlacedObject[];

            before(async function () {
                stack = await deployable(testCase);
                // The offline render of the stack's own file (secrets as placeholders), by the package's CLI.
                rendered = await renderCase({ name: stack.name, stackFile: stack.stackFile });
                predicted = await predictedObjects(rendered);
            });

            it("previews, then deploys with pulumi up", async function () {
                const preview = await stack.stack.preview();
                assert.ok((preview.changeSummary.create ?? 0) > 0, "the first preview creates resources");
                const up = await stack.stack.up();
                assert.equal(up.summary.result, "succeeded");
            });

            it("stored every object the render predicts, CRD-backed ones included", async function () {
                assert.ok(predicted.length > 0);
                assert.deepEqual(await missingObjects(predicted), []);
            });

            it("previews no changes on a second run", async function () {
                const preview = await stack.stack.preview({ expectNoChanges: true, diff: true });
                const changed = Object.entries(preview.changeSummary).filter(([op, count]) => op !== "same" && (count ?? 0) > 0);
                assert.deepEqual(changed, [], preview.stdout);
            });

            it("passes the policy pack, run by the CLI", async function () {
                const preview = await stack.stack.preview({ policyPacks: [engine.policyPack] });
                assert.match(preview.stdout, /Policies:\s+✅ tempo-cluster@v\d+\.\d+\.\d+/, "the pack ran and passed");
                assert.doesNotMatch(preview.stdout, /mandatory|advisory/i, preview.stdout);
            });

            it("registers exactly the resources of the offline render, with the same inputs", async function () {
                const exported = await stack.stack.exportStack();
                writeFileSync(join(stack.workDir, "stack-export.json"), JSON.stringify(exported, null, 2));
                assert.deepEqual(resourceParityProblems(rendered.resources, exported.deployment), []);
            });

            it("orders each storage preflight Job before its Tempo release", async function () {
                const { resources = [] } = (await stack.stack.exportStack()).deployment as { resources?: { urn: string; type: string; dependencies?: string[] }[] };
                const isPreflight = (type: string, name: string) => type === "kubernetes:batch/v1:Job" && name.endsWith("-storage-preflight");
                const jobs = resources.filter((resource) => isPreflight(resource.type, resource.urn));
                assert.equal(jobs.length, rendered.resources.filter((resource) => isPreflight(resource.type, resource.name)).length, "every preflight the render predicts");
                for (const job of jobs) {
                    const cluster = job.urn.slice(job.urn.lastIndexOf("::") + 2).replace(/-storage-preflight$/, "");
                    const release = resources.find((resource) => resource.type === "kubernetes:helm.sh/v3:Release" && resource.urn.endsWith(`::${cluster}-helm`));
                    assert.ok(release?.dependencies?.includes(job.urn), `${cluster}-helm depends on ${job.urn}`);
                }
            });

            for (const change of testCase.changes) {
                it(`previews ${change.title} as an update of ${change.updates.join(", ")} only, replacing nothing`, async function () {
                    const restore = editStackFile(stack.stackFile, change.edit);
                    try {
                        const preview = await stack.stack.preview({ diff: true });
                        const { update = 0, replace = 0, delete: deleted = 0, create = 0 } = preview.changeSummary as Record<string, number>;
                        assert.deepEqual({ update, replace, deleted, create }, { update: change.updates.length, replace: 0, deleted: 0, create: 0 }, preview.stdout);
                        assert.deepEqual(updatedResources(preview.stdout), [...change.updates].sort(), preview.stdout);
                    } finally {
                        restore();
                    }
                });
            }

            it("destroys everything of the component", async function () {
                const destroy = await stack.stack.destroy();
                assert.equal(destroy.summary.result, "succeeded");
                // The controllers empty and remove the namespace after the engine returns.
                await waitFor(async () => (await remainingObjects(predicted)).length === 0, 60_000, "the component's objects to be gone").catch(
                    async (error: Error) => assert.fail(`${error.message}; left behind: ${(await remainingObjects(predicted)).join(", ")}`),
                );
                await stack.stack.workspace.removeStack(stack.name);
            });
        });
    }

    describe("a program that composes", function () {
        /**
         * A TypeScript program that creates what TempoCluster is wired to first — Grafana's namespace (auto-named, so
         * its name is unknown until it exists) and a ConfigMap holding the Kafka bootstrap address — and passes their
         * outputs into TempoCluster.
         */
        function composingProgram(kubeconfig: string): () => Promise<Record<string, unknown>> {
            return async () => {
                const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
                const k8s = require("@pulumi/kubernetes") as typeof import("@pulumi/kubernetes");
                const { TempoCluster } = require("../../sdk") as typeof import("../../sdk");
                const provider = new k8s.Provider("cluster", { kubeconfig: pulumi.secret(kubeconfig) });
                const grafana = new k8s.core.v1.Namespace("grafana", {}, { provider });
                const bootstrap = new k8s.core.v1.ConfigMap(
                    "kafka-bootstrap",
                    { metadata: { namespace: "default" }, data: { bootstrap: "kafka.streaming.svc:9092" } },
                    { provider },
                );
                const tempo = new TempoCluster(
                    "tempo",
                    {
                        cloud: "local",
                        profile: "dev",
                        retention: "1d",
                        ingestMBps: 1,
                        kafka: { mode: "external", brokers: [bootstrap.data.apply((data) => data.bootstrap)] },
                        grafana: { namespace: grafana.metadata.name },
                        local: { secretAccessKey: pulumi.secret(TEST_STORE_SECRET_KEY) },
                        chart: { packageDirectory: chartCacheDir(), skipAwait: true },
                    },
                    { providers: { kubernetes: provider } },
                );
                return { grafanaNamespace: grafana.metadata.name, queryUrl: tempo.queryUrl, namespace: tempo.namespace };
            };
        }

        it("previews with unknown outputs, deploys for real, and previews no changes after", async function () {
            const stack = await engine.createStack("composition", {}, composingProgram(server.kubeconfig()));
            const preview = await stack.stack.preview({ diff: true });
            assert.ok((preview.changeSummary.create ?? 0) > 0);
            const up = await stack.stack.up();
            assert.equal(up.summary.result, "succeeded");
            const grafanaNamespace = up.outputs.grafanaNamespace.value as string;
            assert.match(grafanaNamespace, /^grafana-[0-9a-z]+$/, "an auto-named namespace");
            const dashboards = await server.request("GET", `/api/v1/namespaces/${grafanaNamespace}/configmaps?labelSelector=grafana_dashboard%3D1`);
            assert.equal(dashboards.status, 200);
            assert.ok(dashboards.body.items.length > 0, "the dashboards went to the namespace the other resource created");
            const release = await server.request("GET", "/api/v1/namespaces/tempo/secrets?labelSelector=owner%3Dhelm%2Cname%3Dtempo");
            assert.equal(release.body.items.length, 1, "the Tempo release is installed");
            const again = await stack.stack.preview({ expectNoChanges: true });
            assert.equal(again.changeSummary.create ?? 0, 0);
            const destroy = await stack.stack.destroy();
            assert.equal(destroy.summary.result, "succeeded");
            await stack.stack.workspace.removeStack(stack.name);
        });
    });

    describe("a stack the policy pack refuses", function () {
        it("fails pulumi preview on the intended rule (ServiceMonitors without the label Prometheus selects)", async function () {
            const [local] = pulumiCases();
            const cluster = { ...(local.config["tempo:cluster"] as Record<string, unknown>), namespace: "tempo-unlabelled", monitoring: { labels: { team: "observability" } } };
            const stack = await deployable({ ...local, name: "unlabelled", config: { ...local.config, "tempo:cluster": cluster } });
            await assert.rejects(stack.stack.preview({ policyPacks: [engine.policyPack] }), (error: Error) => {
                assert.match(error.message, /monitoring-selector-labels/);
                assert.match(error.message, /mandatory/);
                return true;
            });
            await stack.stack.workspace.removeStack(stack.name);
        });
    });

    describe("an invalid stack config", function () {
        it("fails pulumi preview with the render's field-named message, and creates nothing", async function () {
            const [local] = pulumiCases();
            const cluster = { ...(local.config["tempo:cluster"] as Record<string, unknown>), namespace: "tempo-invalid", retention: "forever", ingestMBps: -1 };
            const stack = await deployable({ ...local, name: "invalid", config: { ...local.config, "tempo:cluster": cluster } });
            await assert.rejects(stack.stack.preview(), (error: Error) => {
                assert.match(error.message, /tempo:cluster\.retention/);
                assert.match(error.message, /tempo:cluster\.ingestMBps/);
                return true;
            });
            const namespace = await server.request("GET", "/api/v1/namespaces/tempo-invalid");
            assert.equal(namespace.status, 404, "no namespace was created");
            const state = await stack.stack.exportStack();
            assert.deepEqual(state.deployment.resources ?? [], []);
        });
    });
});


