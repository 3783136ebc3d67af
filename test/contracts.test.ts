import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import YAML from "yaml";
import {
    chartContract,
    checkChartValues,
    checkTempoConfig,
    type ChartName,
    type KeyTree,
    LIST_ITEM_KEY,
    passThroughRules,
    type PathProblem,
    tempoContract,
} from "../sdk/contracts";

const repoDir = resolve(__dirname, "..");
const referenceDir = process.env.TEMPO_REFERENCE_DIR || resolve(repoDir, "..", "shared", "reference");
const extractScript = join(repoDir, "scripts", "extract-contracts.mjs");
const dataDir = join(repoDir, "sdk", "contracts", "data");

/** Skips the current test, saying why, when the upstream reference data is not on this machine. */
function requireReference(ctx: Mocha.Context): void {
    if (!existsSync(referenceDir)) {
        console.warn(`    skipped: reference directory ${referenceDir} not found (set TEMPO_REFERENCE_DIR)`);
        ctx.skip();
    }
}

function runExtract(...args: string[]): { status: number | null; output: string } {
    const run = spawnSync(process.execPath, [extractScript, ...args], {
        encoding: "utf8",
        env: { ...process.env, TEMPO_REFERENCE_DIR: referenceDir },
    });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** `{ a: { b: value } }` from "a.b" or ["a", "b"]. */
function at(path: string | readonly string[], value: unknown): object {
    const segments = typeof path === "string" ? path.split(".") : path;
    return segments.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as object;
}

const paths = (problems: readonly PathProblem[]): string[] => problems.map((p) => p.path);

/** Checker bound to one chart version and the Tempo version it deploys. */
function checker(name: ChartName, version: string): (values: object) => PathProblem[] {
    const chart = chartContract(name, version);
    const tempo = tempoContract(chart.tempoVersion);
    return (values) => checkChartValues(chart, values, passThroughRules(name, version), tempo);
}

describe("contracts: data files", () => {
    it("the committed data files equal a fresh extraction from the reference data", function () {
        requireReference(this);
        const { status, output } = runExtract("--check");
        assert.equal(status, 0, output);
    });

    it("--check fails and names the file when the data drifts", function () {
        requireReference(this);
        const copy = mkdtempSync(join(tmpdir(), "contracts-"));
        try {
            cpSync(dataDir, copy, { recursive: true });
            const file = join(copy, "tempo-3.0.3.json");
            writeFileSync(file, readFileSync(file, "utf8").replace('"sasl_username"', '"sasl_user"'));
            const { status, output } = runExtract("--check", "--data-dir", copy);
            assert.equal(status, 1);
            assert.match(output, /tempo-3\.0\.3\.json: differs/);
        } finally {
            rmSync(copy, { recursive: true, force: true });
        }
    });

    it("records each chart's Tempo version and throws for unknown versions", () => {
        assert.equal(chartContract("tempo-distributed", "3.3.0").tempoVersion, "3.0.3");
        assert.equal(chartContract("tempo-distributed", "1.61.3").tempoVersion, "2.9.0");
        assert.equal(chartContract("tempo", "2.2.4").tempoVersion, "2.10.8");
        assert.throws(() => chartContract("tempo-distributed", "9.9.9"), /tempo-distributed 9\.9\.9.*3\.3\.0/);
        assert.throws(() => chartContract("tempo", "1.24.4"), /known versions: 2\.2\.4/);
        assert.throws(() => tempoContract("3.1.0"), /no Tempo config contract for version 3\.1\.0/);
    });

    it("keeps only facts: leaf kinds and sorted, unique YAML tags", () => {
        const tempo = tempoContract("3.0.3");
        assert.deepEqual(tempo.yamlTags, [...new Set(tempo.yamlTags)].sort());
        assert.ok(tempo.yamlTags.includes("block_retention"));
        const storage = tempo.keys.storage as KeyTree;
        const columns = ((storage.trace as KeyTree).block as KeyTree).parquet_dedicated_columns as KeyTree;
        assert.deepEqual(Object.keys(columns[LIST_ITEM_KEY] as KeyTree).sort(), ["name", "options", "scope", "type"]);
    });
});

describe("contracts: tempo-distributed 3.3.0 values (Tempo 3.0.3)", () => {
    const check = checker("tempo-distributed", "3.3.0");

    it("accepts known chart paths, open maps and null defaults", () => {
        const values = {
            storage: { trace: { backend: "s3" } },
            ingest: { kafka: { address: "kafka:9092", topic: "tempo-traces" } },
            serviceAccount: { annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::1:role/tempo" } },
            blockBuilder: { replicas: 3, config: { partitions_per_instance: 1 } },
            liveStore: { replicas: 3 },
            distributor: { affinity: "podAntiAffinity: {}\n", nodeSelector: { zone: "a" } },
            nameOverride: "tempo", // read by the templates, declared only in comments
        };
        assert.deepEqual(check(values), []);
    });

    it("rejects chart typos, naming the full path", () => {
        const problems = check({ blockBuilder: { replica: 3 }, livestore: { replicas: 3 } });
        assert.deepEqual(paths(problems), ["blockBuilder.replica", "livestore"]);
        assert.match(problems[0].message, /unknown key `replica` at blockBuilder; tempo-distributed 3\.3\.0/);
    });

    it("rejects an object where the chart takes a string (affinity is rendered through tpl)", () => {
        const problems = check({ distributor: { affinity: { podAntiAffinity: {} } } });
        assert.deepEqual(paths(problems), ["distributor.affinity"]);
        assert.match(problems[0].message, /expected a string, got a map/);
    });

    it("checks scalar kinds", () => {
        assert.deepEqual(paths(check(at("metricsGenerator.enabled", "true"))), ["metricsGenerator.enabled"]);
        assert.deepEqual(paths(check(at("storage.trace.backend", 1))), ["storage.trace.backend"]);
        assert.deepEqual(paths(check(at("distributor.extraArgs", "x"))), ["distributor.extraArgs"]);
        // A number default takes a string too (IntOrString, quantities).
        assert.deepEqual(check(at("distributor.replicas", "2")), []);
    });

    it("accepts null and undefined values at known keys", () => {
        assert.deepEqual(check({ distributor: { replicas: null, affinity: undefined }, bogus: undefined }), []);
    });

    it("checks storage.trace.s3 against Tempo's keys (pass-through)", () => {
        const s3 = { bucket: "traces", region: "eu-west-1", tags: { team: "x" } };
        assert.deepEqual(check(at("storage.trace.s3", s3)), []);
        const problems = check(at("storage.trace.s3", { bukket: "traces" }));
        assert.deepEqual(paths(problems), ["storage.trace.s3.bukket"]);
        assert.match(problems[0].message, /Tempo 3\.0\.3 rejects unknown keys at startup/);
    });

    it("accepts omitempty overrides that the manifest leaves out, and catches typos in them", () => {
        assert.deepEqual(check(at("overrides.defaults.compaction.block_retention", "48h")), []);
        assert.deepEqual(check(at("overrides.defaults.metrics_generator.processors", ["service-graphs"])), []);
        const problems = check(at("overrides.defaults.compaction.block_retension", "48h"));
        assert.deepEqual(paths(problems), ["overrides.defaults.compaction.block_retension"]);
        assert.match(
            problems[0].message,
            /unknown key `block_retension` at overrides\.defaults\.compaction; Tempo 3\.0\.3 rejects unknown keys/,
        );
    });

    it("checks per-tenant overrides like overrides.defaults", () => {
        const ok = { metrics_generator: { processors: ["span-metrics"] }, ingestion: { rate_limit_bytes: 1e7 } };
        assert.deepEqual(check({ per_tenant_overrides: { "team-a": ok } }), []);
        const problems = check({ per_tenant_overrides: { "team-a": { ingestion: { rate_limt_bytes: 1 } } } });
        assert.deepEqual(paths(problems), ["per_tenant_overrides.team-a.ingestion.rate_limt_bytes"]);
    });

    it("knows which Kafka keys Tempo 3.0.3 has (tls_enabled only exists from 3.1)", () => {
        const sasl = { sasl_username: "u", sasl_password: "p" };
        assert.deepEqual(check(at("tempo.structuredConfig.ingest.kafka", sasl)), []);
        const problems = check(at("tempo.structuredConfig.ingest.kafka.tls_enabled", true));
        assert.deepEqual(paths(problems), ["tempo.structuredConfig.ingest.kafka.tls_enabled"]);
        assert.match(problems[0].message, /Tempo 3\.0\.3 rejects unknown keys/);
    });

    it("rejects Kafka keys the chart does not render under ingest.kafka (they would be dropped)", () => {
        assert.deepEqual(paths(check(at("ingest.kafka.sasl_username", "u"))), ["ingest.kafka.sasl_username"]);
        assert.deepEqual(paths(check(at("ingest.kafka.tls_enabled", true))), ["ingest.kafka.tls_enabled"]);
    });

    it("checks the metrics-generator pass-throughs, with free-form labels and remote_write entries", () => {
        const config = {
            registry: { external_labels: { cluster: "prod" } },
            storage: { remote_write: [{ url: "http://prometheus:9090/api/v1/write", send_exemplars: true }] },
            processor: { service_graphs: { dimensions: ["k8s.namespace.name"] } },
        };
        assert.deepEqual(check(at("metricsGenerator.config", config)), []);
        const problems = check(at("metricsGenerator.config.processor", { local_blocks: {} }));
        assert.deepEqual(paths(problems), ["metricsGenerator.config.processor.local_blocks"]);
    });

    it("checks list items against the manifest's items", () => {
        const columns = [
            { scope: "resource", name: "k8s.cluster.name", type: "string" },
            { scope: "span", nmae: "http.route", type: "string" },
        ];
        const problems = check(at("storage.trace.block.dedicated_columns", columns));
        assert.deepEqual(paths(problems), ["storage.trace.block.dedicated_columns[1].nmae"]);
    });

    it("skips pass-through subtrees when no Tempo contract is given", () => {
        const chart = chartContract("tempo-distributed", "3.3.0");
        const rules = passThroughRules("tempo-distributed", "3.3.0");
        assert.deepEqual(checkChartValues(chart, at("storage.trace.s3.bukket", "x"), rules), []);
        const problems = checkChartValues(chart, at("blockBuilder.replica", 1), rules);
        assert.deepEqual(paths(problems), ["blockBuilder.replica"]);
    });

    it("accepts the chart's own defaults, pass-through subtrees included", function () {
        requireReference(this);
        assert.deepEqual(check(readValues("tempo-distributed-3.3.0")), []);
    });
});

describe("contracts: property over every known leaf path", () => {
    for (const [name, version] of [
        ["tempo-distributed", "3.3.0"],
        ["tempo-distributed", "1.61.3"],
        ["tempo", "2.2.4"],
    ] as const) {
        it(`${name} ${version}: a renamed leaf key is rejected at exactly its path`, () => {
            const check = checker(name, version);
            // Receiver config is OpenTelemetry's: Tempo's `distributor.receivers` is an open map.
            const isReceiver = (path: string[]): boolean => path.join(".").startsWith("tempo.receivers.");
            const leaves = leafPaths(chartContract(name, version).keys).filter((path) => !isReceiver(path));
            assert.ok(leaves.length > 100, `only ${leaves.length} leaf paths`);
            for (const path of leaves) {
                const typo = [...path.slice(0, -1), `${path[path.length - 1]}_typo`];
                const shown = typo.join(".");
                assert.deepEqual(paths(check(at(typo, "x"))), [shown], `expected ${shown} to be rejected`);
            }
        });
    }
});

describe("contracts: checkTempoConfig (Tempo 3.0.3)", () => {
    const tempo = tempoContract("3.0.3");

    it("accepts a realistic config", () => {
        const config = {
            multitenancy_enabled: true, // omitempty: not printed in the manifest
            memberlist: { join_members: ["dns+tempo-gossip-ring:7946"], cluster_label: "tempo.tracing" },
            storage: { trace: { backend: "s3", s3: { bucket: "b", forcepathstyle: true, sse: { type: "SSE-S3" } } } },
            overrides: { defaults: { compaction: { block_retention: "336h" }, global: { max_bytes_per_trace: 5e6 } } },
            distributor: { receivers: { otlp: { protocols: { grpc: { endpoint: "0.0.0.0:4317" } } } } },
        };
        assert.deepEqual(checkTempoConfig(tempo, config), []);
    });

    it("reports Tempo paths below basePath", () => {
        assert.deepEqual(checkTempoConfig(tempo, { compaction: { block_retention: "1h" } }, "overrides.defaults"), []);
        const problems = checkTempoConfig(tempo, { kafka: { tls_enabled: true } }, "ingest");
        assert.deepEqual(paths(problems), ["ingest.kafka.tls_enabled"]);
        assert.deepEqual(paths(checkTempoConfig(tempo, {}, "no_such_section")), ["no_such_section"]);
    });

    it("checks keys below a null default (memcached) by name", () => {
        const memcached = { host: "memcached", service: "memcached-client", timeout: "500ms" };
        assert.deepEqual(checkTempoConfig(tempo, at("storage.trace.memcached", memcached)), []);
        assert.deepEqual(paths(checkTempoConfig(tempo, at("storage.trace.memcached.hots", "m"))), [
            "storage.trace.memcached.hots",
        ]);
    });

    it("rejects wrong shapes and bare numbers for durations", () => {
        assert.deepEqual(paths(checkTempoConfig(tempo, at("storage.trace.s3.bucket", { name: "b" }))), [
            "storage.trace.s3.bucket",
        ]);
        const problems = checkTempoConfig(tempo, at("backend_worker.compaction.block_retention", 48));
        assert.deepEqual(paths(problems), ["backend_worker.compaction.block_retention"]);
        assert.match(problems[0].message, /durations and sizes need units/);
        assert.deepEqual(paths(checkTempoConfig(tempo, at("memberlist.bind_port", "7946"))), ["memberlist.bind_port"]);
    });
});

describe("contracts: tempo-distributed 1.61.3 values (Tempo 2.9.0)", () => {
    const check = checker("tempo-distributed", "1.61.3");

    it("accepts 1.61.3 paths and rejects typos", () => {
        assert.deepEqual(check(at("ingester.persistence.storageClass", "gp3")), []);
        assert.deepEqual(check(at("compactor.config.compaction.block_retention", "48h")), []);
        assert.deepEqual(paths(check(at("ingester.persistence.storageClassName", "gp3"))), [
            "ingester.persistence.storageClassName",
        ]);
    });

    it("rejects Tempo 3 components", () => {
        assert.deepEqual(paths(check({ liveStore: { replicas: 3 }, blockBuilder: { replicas: 3 } })), [
            "liveStore",
            "blockBuilder",
        ]);
    });

    it("checks pass-throughs against Tempo 2.9.0", () => {
        assert.deepEqual(check(at("metricsGenerator.config.traces_storage.path", "/var/tempo/traces")), []);
        assert.deepEqual(check(at("overrides.defaults.compaction.block_retention", "48h")), []);
        assert.deepEqual(paths(check(at("storage.trace.gcs.bucket", "b"))), ["storage.trace.gcs.bucket"]);
    });

    it("accepts the chart's own defaults", function () {
        requireReference(this);
        assert.deepEqual(check(readValues("tempo-distributed-1.61.3")), []);
    });
});

describe("contracts: monolithic tempo 2.2.4 values (Tempo 2.10.8)", () => {
    const check = checker("tempo", "2.2.4");

    it("checks tempo.storage as Tempo storage", () => {
        assert.deepEqual(check(at("tempo.storage.trace.s3.bucket", "traces")), []);
        const typo = "tempo.storage.trace.s3.bukket";
        assert.deepEqual(paths(check(at(typo, "traces"))), [typo]);
    });

    it("rejects distributed-chart paths", () => {
        assert.deepEqual(paths(check(at("storage.trace.s3.bucket", "traces"))), ["storage"]);
        // The monolithic chart has no structuredConfig: this would be dropped silently.
        const problems = check(at("tempo.structuredConfig.server.log_level", "info"));
        assert.deepEqual(paths(problems), ["tempo.structuredConfig"]);
    });

    it("checks overrides, per-tenant overrides and generator settings", () => {
        const values = {
            tempo: {
                overrides: { defaults: { metrics_generator: { processors: ["service-graphs"] } } },
                per_tenant_overrides: { "team-a": { ingestion: { rate_limit_bytes: 1 } } },
                metricsGenerator: {
                    enabled: true,
                    registry: { external_labels: { cluster: "c" } },
                    storage: { remote_write: [{ url: "http://mimir/api/v1/push", headers: { "X-Scope-OrgID": "t" } }] },
                },
                receivers: { zipkin: { endpoint: "0.0.0.0:9411" } },
            },
            persistence: { enabled: true, storageClassName: "gp3" }, // read by statefulset.yaml, only in a comment
        };
        assert.deepEqual(check(values), []);
        assert.deepEqual(paths(check(at("tempo.per_tenant_overrides.team-a.ingestion.burst", 1))), [
            "tempo.per_tenant_overrides.team-a.ingestion.burst",
        ]);
    });

    it("accepts the chart's own defaults", function () {
        requireReference(this);
        assert.deepEqual(check(readValues("tempo-2.2.4")), []);
    });
});

function readValues(name: string): object {
    return YAML.parse(readFileSync(join(referenceDir, "charts", `${name}.values.yaml`), "utf8")) as object;
}

/** Every path to a leaf of a key tree. */
function leafPaths(tree: KeyTree, prefix: readonly string[] = []): string[][] {
    return Object.entries(tree).flatMap(([key, node]) =>
        typeof node === "object" ? leafPaths(node, [...prefix, key]) : [[...prefix, key]],
    );
}
