/**
 * Integration test of the `local` stack on a real cluster (kind), through the Automation API: `up` → one trace in
 * over OTLP HTTP and back out of the query-frontend → `preview` expecting no changes → `destroy` → remove the stack.
 *
 * Not part of `npm test` (its name ends in `.itest.ts`); run it with `npm run test:integration`
 * (test/integration/.mocharc.json). See docs/integration-tests.md.
 *
 * It skips, saying why, when the `pulumi` CLI is not on PATH (the Automation API shells out to it) or no cluster is
 * reachable. With TEMPO_IT_REQUIRED=1 (the nightly workflow) those reasons fail the suite instead.
 *
 * What it talks to: the cluster's API server (kubectl and the Kubernetes provider) and 127.0.0.1 (kubectl
 * port-forward). It refuses a kubeconfig whose API server is not on a loopback address unless TEMPO_IT_ALLOW_CONTEXT
 * names that context, so it never deploys to a shared cluster by accident.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalWorkspace, type ConfigMap, type OutputMap, type Stack } from "@pulumi/pulumi/automation";
import { parse } from "yaml";

const ROOT = join(__dirname, "..", "..");
/** The per-environment program `pulumi up` runs (Pulumi.yaml `main`). */
const PROGRAM = join(ROOT, "stacks", "index.ts");
/** The committed stack whose config this suite deploys. */
const STACK_FILE = join(ROOT, "stacks", "Pulumi.local.yaml");
/** Same project and stack names as `pulumi up -s local`, so the derived names match test/golden/local. */
const PROJECT = "tempo";
const STACK = "local";
const KIND_CLUSTER = process.env.TEMPO_IT_KIND_CLUSTER ?? "tempo";
/** Provider plugins the local stack uses, at the versions of the installed SDKs. */
const PLUGINS = ["kubernetes", "random"] as const;
/** Namespaces the local stack writes to besides its own: Grafana's (dashboards, datasource ConfigMaps). */
const GRAFANA_NAMESPACE = "monitoring";
/** CRDs the stack's ServiceMonitors and PrometheusRule need; they come from kube-prometheus-stack or the operator. */
const REQUIRED_CRDS = ["servicemonitors.monitoring.coreos.com", "prometheusrules.monitoring.coreos.com"];

const log = (message: string) => process.stdout.write(`      ${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function run(command: string, args: string[], input?: string): { ok: boolean; stdout: string; stderr: string; missing: boolean } {
    const result = spawnSync(command, args, { encoding: "utf8", input, timeout: 60_000 });
    const missing = (result.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT";
    return { ok: result.status === 0, stdout: result.stdout ?? "", stderr: (result.stderr ?? "") + (result.error?.message ?? ""), missing };
}

const firstLines = (text: string, lines = 3) => text.trim().split("\n").slice(0, lines).join(" | ");
const lastLine = (text: string) => text.trim().split("\n").pop() ?? "";

/** True for 127.0.0.0/8, ::1 and localhost. */
function isLoopback(host: string): boolean {
    const bare = host.replace(/^\[|\]$/g, "");
    return bare === "localhost" || bare === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

interface Kubeconfig {
    /** Contents, for the stack's `tempo:kubeconfig`. */
    readonly contents: string;
    /** Where kubectl reads it. */
    readonly path: string;
    /** Where it came from, for messages. */
    readonly source: string;
}

/**
 * The kubeconfig of the kind cluster `TEMPO_IT_KIND_CLUSTER` (default `tempo`) when `kind` has it, else the current
 * context of KUBECONFIG / ~/.kube/config. Returns the reason to skip instead when there is none or it is not safe.
 */
function findKubeconfig(dir: string): Kubeconfig | string {
    let contents: string | undefined;
    let source: string;
    const kind = run("kind", ["get", "kubeconfig", "--name", KIND_CLUSTER]);
    if (kind.ok && kind.stdout.trim() !== "") {
        contents = kind.stdout;
        source = `kind cluster "${KIND_CLUSTER}"`;
    } else {
        const view = run("kubectl", ["config", "view", "--raw", "--minify", "--flatten"]);
        if (view.missing) {
            return "kubectl is not on PATH";
        }
        if (!view.ok || view.stdout.trim() === "") {
            return `no kubeconfig: no kind cluster "${KIND_CLUSTER}" and no current context (${firstLines(view.stderr) || "empty config"})`;
        }
        contents = view.stdout;
        source = `current context of ${process.env.KUBECONFIG ?? "~/.kube/config"}`;
    }
    const config = (parse(contents) ?? {}) as {
        "current-context"?: string;
        clusters?: { cluster?: { server?: string } }[];
    };
    const context = config["current-context"] ?? "";
    const server = config.clusters?.[0]?.cluster?.server;
    if (!server) {
        return `no cluster in the kubeconfig (${source})`;
    }
    if (!isLoopback(new URL(server).hostname) && process.env.TEMPO_IT_ALLOW_CONTEXT !== context) {
        return (
            `context "${context}" (${source}) points at ${server}, not a local cluster; this suite deploys and destroys a ` +
            `whole Tempo there. Use kind, or set TEMPO_IT_ALLOW_CONTEXT=${context} to run against it anyway`
        );
    }
    const path = join(dir, "kubeconfig");
    writeFileSync(path, contents, { mode: 0o600 });
    return { contents, path, source: `${source}, context "${context}", server ${server}` };
}

/** `tempo:*` config of the committed local stack, as Automation API config (structured values as JSON). */
function localStackConfig(): ConfigMap {
    const file = (parse(readFileSync(STACK_FILE, "utf8")) ?? {}) as { config?: Record<string, unknown> };
    const config: ConfigMap = {};
    for (const [key, value] of Object.entries(file.config ?? {})) {
        if (typeof value === "object" && value !== null && "secure" in value) {
            throw new Error(`${STACK_FILE}: ${key} is encrypted for another backend; this suite cannot copy it`);
        }
        config[key] = { value: typeof value === "string" ? value : JSON.stringify(value) };
    }
    assert.ok(config["tempo:cluster"], `${STACK_FILE} has no tempo:cluster`);
    return config;
}

/** The per-environment program, evaluated afresh on every run (the engine runs it for `up` and for `preview`). */
async function program(): Promise<Record<string, unknown>> {
    const module = require.resolve(PROGRAM);
    delete require.cache[module];
    return { ...(require(module) as Record<string, unknown>) };
}

/** A `kubectl port-forward` to a Service, on 127.0.0.1 and a free port; restarted when it dies (pod restarts). */
class PortForward {
    private child?: ChildProcess;
    private port?: number;

    constructor(
        private readonly kubeconfig: string,
        private readonly namespace: string,
        private readonly service: string,
        private readonly remotePort: number,
    ) {}

    /** `http://127.0.0.1:<port>`, (re)starting the forward when needed. */
    async url(): Promise<string> {
        if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null || this.port === undefined) {
            this.stop();
            this.port = await this.start();
        }
        const url = `http://127.0.0.1:${this.port}`;
        assert.ok(isLoopback(new URL(url).hostname));
        return url;
    }

    stop(): void {
        if (this.child && this.child.exitCode === null && this.child.signalCode === null) {
            this.child.kill();
        }
        this.child = undefined;
        this.port = undefined;
    }

    private start(): Promise<number> {
        const target = `svc/${this.service}`;
        const child = spawn(
            "kubectl",
            ["--kubeconfig", this.kubeconfig, "-n", this.namespace, "port-forward", "--address", "127.0.0.1", target, `:${this.remotePort}`],
            { stdio: ["ignore", "pipe", "pipe"] },
        );
        this.child = child;
        return new Promise((resolve, reject) => {
            let stdout = "";
            let stderr = "";
            const timer = setTimeout(() => {
                child.kill();
                reject(new Error(`kubectl port-forward ${target} did not start in 30s: ${firstLines(stderr)}`));
            }, 30_000);
            child.stdout?.on("data", (chunk) => {
                stdout += String(chunk);
                const match = /Forwarding from 127\.0\.0\.1:(\d+)/.exec(stdout);
                if (match) {
                    clearTimeout(timer);
                    resolve(Number(match[1]));
                }
            });
            child.stderr?.on("data", (chunk) => (stderr += String(chunk)));
            child.on("exit", (code) => {
                clearTimeout(timer);
                reject(new Error(`kubectl port-forward ${target} exited (${code}): ${firstLines(stderr)}`));
            });
        });
    }
}

/** Calls `attempt` until it returns a value, at most `attempts` times, `intervalMs` apart. */
async function retry<T>(what: string, attempts: number, intervalMs: number, attempt: () => Promise<T | undefined>): Promise<T> {
    let last = "no attempt made";
    for (let i = 1; i <= attempts; i++) {
        try {
            const value = await attempt();
            if (value !== undefined) {
                return value;
            }
            last = "not yet";
        } catch (error) {
            last = error instanceof Error ? error.message : String(error);
        }
        if (i < attempts) {
            await sleep(intervalMs);
        }
    }
    throw new Error(`${what}: gave up after ${attempts} attempts, ${(attempts * intervalMs) / 1000}s; last: ${last}`);
}

/** Service name, namespace and port of an in-cluster URL such as `http://tempo-distributor.tempo.svc.cluster.local:4318`. */
function serviceOf(url: string): { service: string; namespace: string; port: number } {
    const parsed = new URL(url);
    const [service, namespace] = parsed.hostname.split(".");
    assert.ok(service && namespace, `not an in-cluster service URL: ${url}`);
    // URL drops a scheme's default port (a gateway on :80).
    return { service, namespace, port: Number(parsed.port || (parsed.protocol === "https:" ? 443 : 80)) };
}

/** One span as OTLP/JSON (ids hex-encoded, times as strings of nanoseconds). */
function otlpTrace(traceId: string, spanId: string, spanName: string): unknown {
    const end = BigInt(Date.now()) * 1_000_000n;
    const start = end - 25_000_000n;
    return {
        resourceSpans: [
            {
                resource: { attributes: [{ key: "service.name", value: { stringValue: "tempo-cluster-integration" } }] },
                scopeSpans: [
                    {
                        scope: { name: "tempo-cluster/test/integration" },
                        spans: [
                            {
                                traceId,
                                spanId,
                                name: spanName,
                                kind: 2,
                                startTimeUnixNano: start.toString(),
                                endTimeUnixNano: end.toString(),
                                attributes: [{ key: "test.suite", value: { stringValue: "local.itest.ts" } }],
                            },
                        ],
                    },
                ],
            },
        ],
    };
}

describe("integration: the local stack on kind (Automation API)", function () {
    let scratch: string | undefined;
    let kubeconfig: Kubeconfig | undefined;
    let stack: Stack | undefined;
    let outputs: OutputMap | undefined;
    let deployed = false;
    let destroyed = false;
    let createdGrafanaNamespace = false;
    const forwards: PortForward[] = [];
    const onOutput = (out: string) => process.stdout.write(out);
    const kubectl = (...args: string[]) => run("kubectl", ["--kubeconfig", (kubeconfig as Kubeconfig).path, "--request-timeout=20s", ...args]);

    before(async function () {
        this.timeout(10 * 60_000);
        const skip = (reason: string) => {
            if (process.env.TEMPO_IT_REQUIRED === "1") {
                throw new Error(`integration suite cannot run (TEMPO_IT_REQUIRED=1): ${reason}`);
            }
            log(`SKIPPED the integration suite: ${reason}`);
            this.skip();
        };

        const cli = run("pulumi", ["version"]);
        if (!cli.ok) {
            return skip(
                cli.missing
                    ? "the pulumi CLI is not on PATH (the Automation API shells out to it; see docs/integration-tests.md)"
                    : `\`pulumi version\` failed: ${firstLines(cli.stderr)}`,
            );
        }
        scratch = mkdtempSync(join(tmpdir(), "tempo-it-"));
        const found = findKubeconfig(scratch);
        if (typeof found === "string") {
            return skip(found);
        }
        kubeconfig = found;
        const info = kubectl("cluster-info");
        if (!info.ok) {
            return skip(`no cluster reachable (${found.source}): kubectl cluster-info failed: ${lastLine(info.stderr)}`);
        }
        log(`pulumi ${cli.stdout.trim()}; cluster: ${found.source}`);

        // Preconditions of the local stack that are the cluster's business, not the stack's.
        const crds = kubectl("get", "crd", ...REQUIRED_CRDS);
        if (!crds.ok) {
            throw new Error(
                `the cluster lacks the prometheus-operator CRDs (${REQUIRED_CRDS.join(", ")}) the local stack's ServiceMonitors ` +
                    `and PrometheusRule need: install them first (docs/integration-tests.md). ${firstLines(crds.stderr)}`,
            );
        }
        const spec = JSON.parse(localStackConfig()["tempo:cluster"].value) as { namespace?: string };
        const namespace = spec.namespace ?? "tempo";
        if (kubectl("get", "namespace", namespace).ok) {
            throw new Error(
                `namespace ${namespace} already exists in this cluster (an earlier run or your own install); ` +
                    `delete it (kubectl delete namespace ${namespace}) or use a fresh kind cluster`,
            );
        }
        if (!kubectl("get", "namespace", GRAFANA_NAMESPACE).ok) {
            const created = kubectl("create", "namespace", GRAFANA_NAMESPACE);
            assert.ok(created.ok, `kubectl create namespace ${GRAFANA_NAMESPACE}: ${created.stderr}`);
            createdGrafanaNamespace = true;
        }

        // A file backend in the scratch directory and an inline program: nothing is written to the repository (a
        // local program would put Pulumi.<stack>.yaml into stacks/, where the preview matrix and the golden renders
        // would pick it up), and the program is still stacks/index.ts.
        const state = join(scratch, "state");
        const project = join(scratch, "project");
        mkdirSync(state);
        mkdirSync(project);
        stack = await LocalWorkspace.createOrSelectStack(
            { projectName: PROJECT, stackName: STACK, program },
            {
                workDir: project,
                projectSettings: { name: PROJECT, runtime: "nodejs" },
                envVars: {
                    PULUMI_BACKEND_URL: `file://${state}`,
                    PULUMI_CONFIG_PASSPHRASE: randomBytes(24).toString("hex"),
                    PULUMI_SKIP_UPDATE_CHECK: "true",
                },
            },
        );
        await stack.setAllConfig({
            ...localStackConfig(),
            "tempo:kubeconfig": { value: found.contents, secret: true },
        });
        for (const plugin of PLUGINS) {
            const version = (require(`@pulumi/${plugin}/package.json`) as { version: string }).version;
            await stack.workspace.installPlugin(plugin, `v${version}`);
        }
    });

    after(async function () {
        this.timeout(30 * 60_000);
        forwards.forEach((forward) => forward.stop());
        if (stack && !destroyed) {
            const resources = await stack.exportStack().then(
                (state) => (state.deployment?.resources ?? []).length as number,
                () => 0,
            );
            if (deployed || resources > 0) {
                log("cleaning up after a failure: pulumi destroy");
                try {
                    await stack.destroy({ onOutput, color: "never" });
                } catch (error) {
                    log(`destroy failed; delete the cluster (kind delete cluster --name ${KIND_CLUSTER}): ${String(error)}`);
                }
            }
            try {
                await stack.workspace.removeStack(STACK, { force: true });
            } catch (error) {
                log(`removing the stack failed: ${String(error)}`);
            }
        }
        if (createdGrafanaNamespace && kubeconfig) {
            kubectl("delete", "namespace", GRAFANA_NAMESPACE, "--wait=false");
        }
        if (scratch) {
            rmSync(scratch, { recursive: true, force: true });
        }
    });

    it("deploys the local stack (pulumi up)", async function () {
        this.timeout(40 * 60_000);
        const result = await (stack as Stack).up({ onOutput, color: "never" });
        deployed = true;
        assert.equal(result.summary.result, "succeeded");
        outputs = result.outputs;
        for (const key of ["namespace", "queryUrl", "otlpHttpEndpoint"]) {
            assert.ok(outputs[key]?.value, `stack output ${key} is empty`);
        }
    });

    it("accepts a trace over OTLP HTTP and returns it from the query-frontend", async function () {
        this.timeout(15 * 60_000);
        if (!deployed || !outputs || !kubeconfig) {
            this.skip();
        }
        const distributor = serviceOf(outputs.otlpHttpEndpoint.value as string);
        const frontend = serviceOf(outputs.queryUrl.value as string);
        const ingest = new PortForward(kubeconfig.path, distributor.namespace, distributor.service, distributor.port);
        const query = new PortForward(kubeconfig.path, frontend.namespace, frontend.service, frontend.port);
        forwards.push(ingest, query);

        const traceId = randomBytes(16).toString("hex");
        const spanName = `integration-${traceId.slice(0, 12)}`;
        const body = JSON.stringify(otlpTrace(traceId, randomBytes(8).toString("hex"), spanName));
        // The distributor may answer 5xx for a short while after the first start (Kafka partitions being assigned).
        await retry("send one trace to the distributor", 20, 5_000, async () => {
            const response = await fetch(`${await ingest.url()}/v1/traces`, {
                method: "POST",
                headers: { "content-type": "application/json" },
                body,
                signal: AbortSignal.timeout(10_000),
            });
            if (!response.ok) {
                throw new Error(`POST /v1/traces: HTTP ${response.status} ${firstLines(await response.text())}`);
            }
            return true;
        });
        log(`sent trace ${traceId}`);

        const found = await retry(`find trace ${traceId} through the query-frontend`, 60, 5_000, async () => {
            const response = await fetch(`${await query.url()}/api/traces/${traceId}`, {
                headers: { accept: "application/json" },
                signal: AbortSignal.timeout(10_000),
            });
            if (response.status === 404) {
                return undefined;
            }
            const text = await response.text();
            if (!response.ok) {
                throw new Error(`GET /api/traces/${traceId}: HTTP ${response.status} ${firstLines(text)}`);
            }
            return text.includes(spanName) ? text : undefined;
        });
        assert.ok(found.includes("tempo-cluster-integration"), "the trace came back without its service.name");
    });

    it("is idempotent: a preview right after up shows no changes", async function () {
        this.timeout(15 * 60_000);
        if (!deployed) {
            this.skip();
        }
        const preview = await (stack as Stack).preview({ expectNoChanges: true, diff: true, onOutput, color: "never" });
        const changes = Object.entries(preview.changeSummary).filter(([op, count]) => op !== "same" && (count ?? 0) > 0);
        assert.deepEqual(changes, [], "preview after up plans changes");
    });

    it("destroys everything and removes the stack", async function () {
        this.timeout(30 * 60_000);
        if (!deployed) {
            this.skip();
        }
        const s = stack as Stack;
        await s.destroy({ onOutput, color: "never" });
        const left = ((await s.exportStack()).deployment?.resources ?? []) as { type: string }[];
        assert.deepEqual(left.filter((resource) => resource.type !== "pulumi:pulumi:Stack"), [], "resources left in the stack");
        const namespace = outputs?.namespace?.value as string;
        await retry(`namespace ${namespace} to be gone`, 24, 5_000, async () => (kubectl("get", "namespace", namespace).ok ? undefined : true));
        await s.workspace.removeStack(STACK);
        destroyed = true;
    });
});
