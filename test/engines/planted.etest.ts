/**
 * The engine suite catches what it is for: each test plants one known defect into a good render (its Helm values or
 * its objects) and asserts the finding that names it. Without these, a suite that checks nothing would pass too.
 */
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dump, load } from "js-yaml";
import { checkObjects, placeObjects, type Finding } from "./support/check";
import { ENGINE_OUT, renderCase, type KubeObject, type RenderedCase } from "./support/render";
import type { PlacedObject } from "./support/wiring";

type Values = Record<string, any>;

/** The case's findings after `plant` changed the Tempo release's values (and `mutate` the placed objects). */
async function findingsWith(
    rendered: RenderedCase,
    plant: (values: Values) => void,
    mutate: (objects: PlacedObject[]) => void = () => undefined,
): Promise<Finding[]> {
    const values = load(readFileSync(rendered.valuesFiles["tempo-helm"], "utf8")) as Values;
    plant(values);
    const dir = join(ENGINE_OUT, "planted");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${rendered.name}-tempo-helm.yaml`);
    writeFileSync(file, dump(values, { noRefs: true }));
    const { objects, findings } = await placeObjects(rendered, (resource) => (resource === "tempo-helm" ? file : rendered.valuesFiles[resource]));
    mutate(objects);
    return [...findings, ...(await checkObjects(rendered, objects))];
}

function find(objects: PlacedObject[], kind: string, name: string): KubeObject {
    const found = objects.find(({ object }) => object.kind === kind && object.metadata.name === name);
    assert.ok(found, `${kind} ${name} is rendered`);
    return found.object;
}

function assertFinding(findings: readonly Finding[], check: string, pattern: RegExp): void {
    const hit = findings.find((f) => f.check === check && pattern.test(`${f.object}: ${f.message}`));
    assert.ok(hit, `expected a ${check} finding matching ${pattern}; got:\n${findings.map((f) => `  [${f.check}] ${f.object}: ${f.message}`).join("\n") || "  (none)"}`);
}

describe("real engines: planted defects are reported", function () {
    let local: RenderedCase;
    let classic: RenderedCase;

    before(async function () {
        local = await renderCase({ name: "planted-local", stackFile: join(__dirname, "..", "..", "stacks", "Pulumi.local.yaml") });
        classic = await renderCase({ name: "planted-classic", stackFile: join(__dirname, "..", "..", "stacks", "Pulumi.classic.yaml") });
    });

    it("the good renders have no findings (the baseline of every plant below)", async () => {
        assert.deepEqual(await findingsWith(local, () => undefined), []);
        assert.deepEqual(await findingsWith(classic, () => undefined), []);
    });

    it("Helm: two backend workers without the disruption-budget map the chart reads", async () => {
        const findings = await findingsWith(local, (values) => {
            values.backendWorker = { ...values.backendWorker, replicas: 2 };
            delete values.backendWorker.podDisruptionBudget;
        });
        assertFinding(findings, "helm", /poddisruptionbudget-backend-worker\.yaml.*nil pointer evaluating interface \{\}\.enabled/s);
    });

    it("schema and metadata: numeric zone names reach the zone-aware ingesters as integer labels", async () => {
        const findings = await findingsWith(classic, (values) => {
            values.ingester.zoneAwareReplication.zones = ["1", "2", "3"].map((zone) => ({ name: zone, nodeSelector: { "topology.kubernetes.io/zone": zone } }));
        });
        assertFinding(findings, "schema", /StatefulSet tempo\/tempo-ingester-1: .*labels\/zone: must be string/);
        assertFinding(findings, "metadata", /zone.*is not a string/);
    });

    it("metadata: a label key the API server refuses on the component's own ServiceMonitor", async () => {
        const findings = await findingsWith(local, () => undefined, (objects) => {
            find(objects, "ServiceMonitor", "tempo-components").metadata.labels = { "bad key": "x" };
        });
        assertFinding(findings, "metadata", /ServiceMonitor tempo\/tempo-components: metadata\.labels\["bad key"\]: key name part/);
    });

    it("wiring: Secrets through global.extraEnvFrom reach memcached", async () => {
        const findings = await findingsWith(local, (values) => {
            values.global = { extraEnvFrom: [{ secretRef: { name: "tempo-object-store-credentials" } }] };
        });
        assertFinding(findings, "wiring", /StatefulSet tempo\/tempo-memcached container memcached: takes every key of Secret tempo-object-store-credentials/);
    });

    it("wiring: a store credential given to a component that never reads the store", async () => {
        const findings = await findingsWith(local, (values) => {
            values.distributor.extraEnv = values.querier.extraEnv;
        });
        assertFinding(findings, "wiring", /tempo-distributor container distributor: gets AWS_ACCESS_KEY_ID .* target distributor never uses the store/);
    });

    it("wiring: Tempo's flags through global.extraArgs reach the classic chart's memcached", async () => {
        const findings = await findingsWith(classic, (values) => {
            values.global = { extraArgs: ["-config.expand-env=true"] };
        });
        assertFinding(findings, "wiring", /tempo-memcached container memcached: gets Tempo's flags \(-config\.expand-env=true\)/);
    });

    it("wiring: a wrong backend-scheduler address, a ServiceMonitor port no Service has, a Service selecting no pod", async () => {
        const findings = await findingsWith(
            local,
            (values) => {
                values.tempo = { ...values.tempo, structuredConfig: { backend_worker: { backend_scheduler_addr: "tempo-backend-schedulr:9095" } } };
            },
            (objects) => {
                find(objects, "ServiceMonitor", "tempo-components").spec.endpoints[0].port = "metrics";
                find(objects, "Service", "tempo-querier").spec.selector["app.kubernetes.io/component"] = "querier-typo";
            },
        );
        assertFinding(findings, "wiring", /backend_scheduler_addr = "tempo-backend-schedulr:9095": no Service tempo\/tempo-backend-schedulr/);
        assertFinding(findings, "wiring", /ServiceMonitor tempo\/tempo-components: endpoint port "metrics"/);
        assertFinding(findings, "wiring", /Service tempo\/tempo-querier: selector .* matches no pod template/);
    });

    it("wiring: a Kafka address on a port the bootstrap Service does not have", async () => {
        const findings = await findingsWith(local, (values) => {
            values.ingest.kafka.address = values.ingest.kafka.address.replace(":9092", ":9093");
        });
        assertFinding(findings, "wiring", /ingest\.kafka\.address .* Service tempo\/tempo-kafka-kafka-bootstrap has no port 9093/);
    });

    it("promtool: an alert expression Prometheus cannot parse", async () => {
        const findings = await findingsWith(local, () => undefined, (objects) => {
            find(objects, "PrometheusRule", "tempo-rules").spec.groups[0].rules[0].expr = "sum(rate(tempo_x[5m]) by";
        });
        assertFinding(findings, "promtool", /PrometheusRule tempo\/tempo-rules: .*parse error/s);
    });

    it("schema: an unknown field in a container and a custom resource field its CRD does not have", async () => {
        const findings = await findingsWith(local, () => undefined, (objects) => {
            find(objects, "StatefulSet", "tempo-live-store").spec.template.spec.containers[0].resourcez = {};
            find(objects, "KafkaTopic", "tempo-traces").spec.partitionz = 3;
        });
        assertFinding(findings, "schema", /StatefulSet tempo\/tempo-live-store: \/spec\/template\/spec\/containers\/0: must NOT have additional properties "resourcez"/);
        assertFinding(findings, "schema", /KafkaTopic tempo\/tempo-traces: \/spec: must NOT have additional properties "partitionz"/);
    });

    it("tempo-config: a key Tempo 3.0.3 does not have in the rendered config", async () => {
        const findings = await findingsWith(local, (values) => {
            values.tempo = { ...values.tempo, structuredConfig: { ingest: { kafka: { tls_enabled: true } } } };
        });
        assertFinding(findings, "tempo-config", /tempo\.yaml ingest\.kafka\.tls_enabled: .*Tempo 3\.0\.3/);
    });
});
