/**
 * Real engines, the API server: every object of every committed stack and of the matrix — the component's own and
 * every Helm release's output — goes to a real kube-apiserver (with etcd) as a server-side dry-run create with strict
 * field validation. The CRDs they need are installed first; nothing else is stored. A planted defect of each kind the
 * API server refuses shows that the check can fail.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { LocalApiServer } from "./support/apiserver";
import { chartCacheDir } from "./support/engines";
import { ENGINE_OUT, type KubeObject } from "./support/render";
import { chartCrdObjects, crdFolderObjects } from "./support/schemas";
import { ENGINE_CASES, placedObjects, renderAll, renderedCase } from "./support/shared";
import { readdirSync } from "node:fs";
import { describeObject } from "./support/wiring";

describe("real engines: the Kubernetes API server accepts every object", function () {
    let server: LocalApiServer | undefined;

    before(async function () {
        server = await LocalApiServer.start(join(ENGINE_OUT, ".apiserver"));
        const packages = readdirSync(chartCacheDir()).filter((file) => file.endsWith(".tgz")).map((file) => join(chartCacheDir(), file));
        for (const crd of [...crdFolderObjects(), ...chartCrdObjects(packages)]) {
            await server.installCrd(crd);
        }
        await renderAll();
    });

    after(async function () {
        await server?.stop();
    });

    /** Every refusal of the objects, as `Kind namespace/name: status reason: message`. */
    async function refusals(objects: readonly KubeObject[]): Promise<string[]> {
        const api = server as LocalApiServer;
        const found: string[] = [];
        for (const object of objects) {
            if (object.kind === "CustomResourceDefinition") {
                continue; // installed above, from the same chart packages
            }
            const refusal = await api.dryRunCreate(object);
            if (refusal !== undefined) {
                found.push(`${describeObject(object)}: ${refusal}`);
            }
        }
        return found;
    }

    for (const engineCase of ENGINE_CASES) {
        it(`${engineCase.name}: every object is accepted (server-side dry run, strict fields)`, async () => {
            const { objects } = await placedObjects(await renderedCase(engineCase.name));
            const found = await refusals(objects.map(({ object }) => object));
            assert.deepEqual(found, [], `${engineCase.name}: the API server refused ${found.length} object(s):\n  ${found.join("\n  ")}`);
        });
    }

    describe("planted defects are refused", () => {
        /** A copy of one object of the local stack, changed by `plant`. */
        async function planted(kind: string, name: string, plant: (object: KubeObject) => void): Promise<KubeObject> {
            const { objects } = await placedObjects(await renderedCase("local"));
            const found = objects.find(({ object }) => object.kind === kind && object.metadata.name === name);
            assert.ok(found, `${kind} ${name} is rendered`);
            const copy = structuredClone(found.object);
            plant(copy);
            return copy;
        }

        it("a label key the API server refuses, on the component's ServiceMonitor", async () => {
            const monitor = await planted("ServiceMonitor", "tempo-components", (m) => {
                m.metadata.labels = { ...m.metadata.labels, "bad key": "x" };
            });
            assert.match((await refusals([monitor])).join("\n"), /ServiceMonitor tempo\/tempo-components: 422 Invalid: .*metadata\.labels: Invalid value: "bad key"/);
        });

        it("a zone label that is an integer, on a pod template", async () => {
            const store = await planted("StatefulSet", "tempo-live-store", (s) => {
                s.spec.template.metadata.labels.zone = 1;
            });
            assert.match((await refusals([store])).join("\n"), /StatefulSet tempo\/tempo-live-store: 400 BadRequest: .*cannot unmarshal number into Go struct field ObjectMeta\.spec\.template\.metadata\.labels of type string/);
        });

        it("an unknown field in a container and in a custom resource", async () => {
            const store = await planted("StatefulSet", "tempo-live-store", (s) => {
                s.spec.template.spec.containers[0].resourcez = {};
            });
            const topic = await planted("KafkaTopic", "tempo-traces", (t) => {
                t.spec.partitionz = 3;
            });
            const found = (await refusals([store, topic])).join("\n");
            assert.match(found, /StatefulSet tempo\/tempo-live-store: 400 BadRequest: .*unknown field "spec\.template\.spec\.containers\[0\]\.resourcez"/);
            assert.match(found, /KafkaTopic tempo\/tempo-traces: 400 BadRequest: .*unknown field "spec\.partitionz"/);
        });
    });
});
