/**
 * A kubelet stand-in for the pods of one Job kind: the suite's cluster has no kubelet, so this watches the API server
 * for pods with a given label, runs each pod's first container the way the kubelet would (its own command and
 * environment, Secrets read from the API server, the image's tools replaced by pinned local ones on `PATH`), and
 * writes the outcome back as the kubelet does: phase, the container's terminated state, and with
 * `FallbackToLogsOnError` the end of its log as the termination message. The Job controller and the Kubernetes
 * provider then act on that status as they would in any cluster.
 */
import type { LocalApiServer } from "../../engines/support/apiserver";
import { runContainer, type ContainerRun, type ContainerSpec } from "../../engines/support/objectStore";

/** One pod the stand-in ran. */
export interface RanPod {
    readonly name: string;
    readonly run: ContainerRun;
}

/** Runs the matching pods of `namespace` until stopped. */
export class KubeletStandIn {
    private readonly ran: RanPod[] = [];
    private readonly handled = new Set<string>();
    private stopped = false;
    private readonly loop: Promise<void>;
    private failure: Error | undefined;

    constructor(
        private readonly server: LocalApiServer,
        private readonly namespace: string,
        private readonly labelSelector: string,
        private readonly path: string[],
    ) {
        this.loop = this.watch().catch((error: Error) => {
            this.failure = error;
        });
    }

    /** Stops watching and returns the pods it ran; throws what went wrong inside the stand-in, if anything did. */
    async stop(): Promise<RanPod[]> {
        this.stopped = true;
        await this.loop;
        if (this.failure !== undefined) {
            throw this.failure;
        }
        return [...this.ran];
    }

    private async watch(): Promise<void> {
        const selector = encodeURIComponent(this.labelSelector);
        while (!this.stopped) {
            const { status, body } = await this.server.request("GET", `/api/v1/namespaces/${this.namespace}/pods?labelSelector=${selector}`);
            if (status === 200) {
                for (const pod of body.items as Pod[]) {
                    if (!this.handled.has(pod.metadata.uid) && pod.status?.phase === "Pending") {
                        this.handled.add(pod.metadata.uid);
                        await this.runPod(pod);
                    }
                }
            }
            await new Promise((resolve) => setTimeout(resolve, 250));
        }
    }

    private async runPod(pod: Pod): Promise<void> {
        const container = pod.spec.containers[0];
        const started = new Date().toISOString();
        const condition = (type: string, status: string, reason?: string) => ({ type, status, lastTransitionTime: started, ...(reason ? { reason } : {}) });
        const containerStatus = (state: Record<string, unknown>, startedFlag: boolean) => ({
            name: container.name,
            image: container.image,
            imageID: "",
            ready: false,
            restartCount: 0,
            started: startedFlag,
            state,
        });
        // Running, as the kubelet reports a started container (generate.go: Initialized once a container started).
        await this.writeStatus(pod, {
            phase: "Running",
            startTime: started,
            conditions: [
                condition("PodReadyToStartContainers", "True"),
                condition("Initialized", "True"),
                condition("Ready", "False", "ContainersNotReady"),
                condition("ContainersReady", "False", "ContainersNotReady"),
                condition("PodScheduled", "True"),
            ],
            containerStatuses: [containerStatus({ running: { startedAt: started } }, true)],
        });
        const run = await runContainer(container, { path: this.path, secrets: await this.secretsOf(container) });
        this.ran.push({ name: pod.metadata.name, run });
        const succeeded = run.exitCode === 0;
        const fallbackToLogs = container.terminationMessagePolicy === "FallbackToLogsOnError" && !succeeded;
        const terminal = succeeded ? "PodCompleted" : "PodFailed";
        // Terminal, as the kubelet's status generation gives it for a Succeeded or Failed pod.
        await this.writeStatus(pod, {
            phase: succeeded ? "Succeeded" : "Failed",
            startTime: started,
            conditions: [
                condition("PodReadyToStartContainers", "False"),
                condition("Initialized", "True", succeeded ? "PodCompleted" : undefined),
                condition("Ready", "False", terminal),
                condition("ContainersReady", "False", terminal),
                condition("PodScheduled", "True"),
            ],
            containerStatuses: [
                containerStatus(
                    {
                        terminated: {
                            exitCode: run.exitCode,
                            reason: succeeded ? "Completed" : "Error",
                            startedAt: started,
                            finishedAt: new Date().toISOString(),
                            ...(fallbackToLogs ? { message: run.terminationMessage } : {}),
                        },
                    },
                    false,
                ),
            ],
        });
    }

    private async writeStatus(pod: Pod, status: Record<string, unknown>): Promise<void> {
        const path = `/api/v1/namespaces/${this.namespace}/pods/${pod.metadata.name}`;
        const current = await this.server.request("GET", path);
        const written = await this.server.request("PUT", `${path}/status`, { ...current.body, status: { ...current.body.status, ...status } });
        if (written.status !== 200) {
            throw new Error(`writing the status of pod ${pod.metadata.name}: ${written.status} ${JSON.stringify(written.body)}`);
        }
    }

    /** The keys of the Secrets the container reads, from the API server. */
    private async secretsOf(container: PodContainer): Promise<Record<string, Record<string, string>>> {
        const secrets: Record<string, Record<string, string>> = {};
        for (const variable of container.env ?? []) {
            const ref = variable.valueFrom?.secretKeyRef;
            if (ref === undefined || secrets[ref.name] !== undefined) {
                continue;
            }
            const { status, body } = await this.server.request("GET", `/api/v1/namespaces/${this.namespace}/secrets/${ref.name}`);
            if (status !== 200) {
                throw new Error(`the pod reads Secret ${ref.name}, which the API server does not have (${status})`);
            }
            secrets[ref.name] = Object.fromEntries(Object.entries((body.data ?? {}) as Record<string, string>).map(([key, value]) => [key, Buffer.from(value, "base64").toString("utf8")]));
        }
        return secrets;
    }
}

type PodContainer = ContainerSpec & { name: string; image: string; terminationMessagePolicy?: string };

interface Pod {
    metadata: { name: string; uid: string };
    spec: { containers: PodContainer[] };
    status?: { phase?: string };
}
