/**
 * A real Kubernetes API server on loopback: etcd and kube-apiserver of the pinned versions (engines `etcd` and
 * `kube-apiserver`), started in a scratch folder with a generated service-account key and a static admin token, and
 * stopped at the end. No kubelet: the engine suite sends objects as server-side dry runs with strict field
 * validation, so the API server validates, defaults and runs its admission chain on every object exactly as for a
 * real create, and stores nothing but the namespaces and CRDs the objects need. With `controllers`, the pinned
 * kube-controller-manager runs too (namespace lifecycle, garbage collection, workload controllers), for suites that
 * create and delete objects for real.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { request as httpRequest } from "node:http";
import { createServer } from "node:net";
import { join } from "node:path";
import { engineBinary } from "./engines";
import type { KubeObject } from "./render";

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const port = (server.address() as { port: number }).port;
            server.close(() => resolve(port));
        });
    });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The answer of one API request. */
export interface ApiResponse {
    readonly status: number;
    readonly body: any;
}

/** A running etcd + kube-apiserver pair. */
export class LocalApiServer {
    private readonly discovery = new Map<string, { plural: string; namespaced: boolean } | null>();
    private readonly namespaces = new Set<string>();

    private constructor(
        private readonly processes: ChildProcess[],
        private readonly port: number,
        private readonly token: string,
        private readonly ca: Buffer,
        private readonly dir: string,
        private readonly logs: string[],
    ) {}

    /** Starts etcd and the API server in `dir` (emptied first) and waits until the API server is ready. */
    static async start(dir: string, options: { controllers?: boolean } = {}): Promise<LocalApiServer> {
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(join(dir, "certs"), { recursive: true });
        const [etcdPort, peerPort, apiPort] = [await freePort(), await freePort(), await freePort()];
        const logs: string[] = [];
        const keep = (name: string, child: ChildProcess) => {
            const append = (chunk: Buffer) => {
                logs.push(`${name}: ${chunk.toString()}`);
                if (logs.length > 400) {
                    logs.splice(0, logs.length - 400);
                }
            };
            child.stdout?.on("data", append);
            child.stderr?.on("data", append);
            return child;
        };
        const etcd = keep(
            "etcd",
            spawn(engineBinary("etcd"), [
                "--data-dir", join(dir, "etcd"),
                "--listen-client-urls", `http://127.0.0.1:${etcdPort}`,
                "--advertise-client-urls", `http://127.0.0.1:${etcdPort}`,
                "--listen-peer-urls", `http://127.0.0.1:${peerPort}`,
                "--initial-advertise-peer-urls", `http://127.0.0.1:${peerPort}`,
                "--initial-cluster", `default=http://127.0.0.1:${peerPort}`,
                "--log-level", "error",
            ]),
        );
        const processes: ChildProcess[] = [etcd];
        try {
            await waitFor(async () => (await plainGet(`http://127.0.0.1:${etcdPort}/health`)).includes("true"), 30_000, "etcd health");
            const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
            writeFileSync(join(dir, "sa.key"), privateKey.export({ type: "pkcs8", format: "pem" }));
            writeFileSync(join(dir, "sa.pub"), publicKey.export({ type: "spki", format: "pem" }));
            const token = randomBytes(24).toString("hex");
            writeFileSync(join(dir, "tokens.csv"), `${token},admin,admin,"system:masters"\n`);
            const apiserver = keep(
                "kube-apiserver",
                spawn(engineBinary("kube-apiserver"), [
                    `--etcd-servers=http://127.0.0.1:${etcdPort}`,
                    "--bind-address=127.0.0.1",
                    "--advertise-address=127.0.0.1",
                    `--secure-port=${apiPort}`,
                    `--cert-dir=${join(dir, "certs")}`,
                    `--token-auth-file=${join(dir, "tokens.csv")}`,
                    "--authorization-mode=RBAC",
                    `--service-account-key-file=${join(dir, "sa.pub")}`,
                    `--service-account-signing-key-file=${join(dir, "sa.key")}`,
                    "--service-account-issuer=https://kubernetes.default.svc",
                    // Addresses the API server allocates to Services; nothing listens on them, no traffic goes there.
                    "--service-cluster-ip-range=10.96.0.0/16",
                    "--anonymous-auth=false",
                ]),
            );
            processes.push(apiserver);
            const certFile = join(dir, "certs", "apiserver.crt");
            await waitFor(async () => existsSync(certFile), 60_000, "the API server's serving certificate");
            const server = new LocalApiServer(processes, apiPort, token, readFileSync(certFile), dir, logs);
            await waitFor(async () => (await server.request("GET", "/readyz")).status === 200, 120_000, "kube-apiserver /readyz");
            if (options.controllers) {
                const kubeconfigFile = join(dir, "kubeconfig");
                writeFileSync(kubeconfigFile, server.kubeconfig());
                processes.push(
                    keep(
                        "kube-controller-manager",
                        spawn(engineBinary("kube-controller-manager"), [
                            `--kubeconfig=${kubeconfigFile}`,
                            "--leader-elect=false",
                            "--use-service-account-credentials=false",
                            `--service-account-private-key-file=${join(dir, "sa.key")}`,
                            `--root-ca-file=${certFile}`,
                            "--bind-address=127.0.0.1",
                            "--secure-port=0",
                        ]),
                    ),
                );
                // The namespace controller is up once the default ServiceAccount appears in a namespace.
                await waitFor(
                    async () => (await server.request("GET", "/api/v1/namespaces/default/serviceaccounts/default")).status === 200,
                    120_000,
                    "kube-controller-manager (the default ServiceAccount)",
                );
            }
            return server;
        } catch (error) {
            for (const child of processes) {
                child.kill("SIGTERM");
            }
            throw new Error(`${(error as Error).message}\n--- last output ---\n${logs.slice(-40).join("")}`);
        }
    }

    /** Stops both processes and removes the scratch folder. */
    async stop(): Promise<void> {
        for (const child of [...this.processes].reverse()) {
            child.kill("SIGTERM");
            await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once("exit", resolve)));
        }
        rmSync(this.dir, { recursive: true, force: true });
    }

    /** A kubeconfig that reaches this API server as the admin (CA data inline, bearer token). */
    kubeconfig(): string {
        return JSON.stringify({
            apiVersion: "v1",
            kind: "Config",
            clusters: [{ name: "local", cluster: { server: `https://127.0.0.1:${this.port}`, "certificate-authority-data": this.ca.toString("base64") } }],
            users: [{ name: "admin", user: { token: this.token } }],
            contexts: [{ name: "local", context: { cluster: "local", user: "admin" } }],
            "current-context": "local",
        });
    }

    /** One request to the API server as the admin. */
    request(method: string, path: string, body?: unknown): Promise<ApiResponse> {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        return new Promise((resolve, reject) => {
            const req = httpsRequest(
                {
                    host: "127.0.0.1",
                    port: this.port,
                    method,
                    path,
                    ca: this.ca,
                    headers: {
                        authorization: `Bearer ${this.token}`,
                        accept: "application/json",
                        ...(payload !== undefined ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {}),
                    },
                },
                (res) => {
                    const chunks: Buffer[] = [];
                    res.on("data", (chunk: Buffer) => chunks.push(chunk));
                    res.on("end", () => {
                        const text = Buffer.concat(chunks).toString("utf8");
                        let parsed: unknown = text;
                        try {
                            parsed = JSON.parse(text);
                        } catch {
                            // plain-text endpoints (readyz)
                        }
                        resolve({ status: res.statusCode ?? 0, body: parsed });
                    });
                },
            );
            req.on("error", reject);
            req.end(payload);
        });
    }

    /** The resource (plural, scope) of an apiVersion and kind, from the API server's discovery; null when unknown. */
    async resourceOf(apiVersion: string, kind: string): Promise<{ plural: string; namespaced: boolean } | null> {
        const key = `${apiVersion}/${kind}`;
        if (!this.discovery.has(key)) {
            const path = apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
            const { status, body } = await this.request("GET", path);
            const found = status === 200 ? (body.resources as { name: string; kind: string; namespaced: boolean }[]).find((r) => r.kind === kind && !r.name.includes("/")) : undefined;
            this.discovery.set(key, found ? { plural: found.name, namespaced: found.namespaced } : null);
        }
        return this.discovery.get(key) ?? null;
    }

    /** Creates a namespace for real (once). */
    async ensureNamespace(name: string): Promise<void> {
        if (this.namespaces.has(name)) {
            return;
        }
        const { status, body } = await this.request("POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name } });
        if (status !== 201 && status !== 409) {
            throw new Error(`creating namespace ${name}: ${status} ${body?.message ?? body}`);
        }
        this.namespaces.add(name);
    }

    /** Creates a CRD for real (an existing one is left) and waits until it is established. */
    async installCrd(crd: KubeObject): Promise<void> {
        const { status, body } = await this.request("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd);
        if (status !== 201 && status !== 409) {
            throw new Error(`creating CRD ${crd.metadata.name}: ${status} ${body?.message ?? body}`);
        }
        await waitFor(
            async () => {
                const { body: current } = await this.request("GET", `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}`);
                return (current?.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === "Established" && c.status === "True");
            },
            30_000,
            `CRD ${crd.metadata.name} established`,
        );
        for (const version of crd.spec?.versions ?? []) {
            this.discovery.delete(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`);
        }
    }

    /**
     * Sends an object as a server-side dry-run create with strict field validation; returns the API server's refusal,
     * or undefined when it would store the object.
     */
    async dryRunCreate(object: KubeObject): Promise<string | undefined> {
        const resource = await this.resourceOf(object.apiVersion, object.kind);
        if (resource === null) {
            return `the API server serves no ${object.kind} in ${object.apiVersion}`;
        }
        const namespace = object.metadata.namespace ?? "default";
        if (resource.namespaced) {
            await this.ensureNamespace(namespace);
        }
        const base = object.apiVersion.includes("/") ? `/apis/${object.apiVersion}` : `/api/${object.apiVersion}`;
        const path = `${base}${resource.namespaced ? `/namespaces/${namespace}` : ""}/${resource.plural}?dryRun=All&fieldValidation=Strict`;
        const { status, body } = await this.request("POST", path, object);
        if (status === 201 || status === 200) {
            return undefined;
        }
        if (status === 409 && object.kind === "Namespace") {
            return undefined; // created for real to hold the case's objects
        }
        return `${status} ${body?.reason ?? ""}: ${body?.message ?? JSON.stringify(body)}`;
    }

    /** The last lines the processes printed, for a failure message. */
    recentLogs(): string {
        return this.logs.slice(-40).join("");
    }
}

/** Polls `check` until it is true or `timeoutMs` passes (a check that throws counts as not yet). */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        try {
            if (await check()) {
                return;
            }
        } catch {
            // not up yet
        }
        await sleep(250);
    }
    throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}

function plainGet(url: string): Promise<string> {
    return new Promise((resolve, reject) => {
        const req = httpRequest(url, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (chunk: Buffer) => chunks.push(chunk));
            res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        });
        req.on("error", reject);
        req.end();
    });
}
