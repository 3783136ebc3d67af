/**
 * A real S3-compatible object store on loopback (engine `versitygw`: request signing checked, buckets owned by
 * accounts, bucket policies enforced) and the AWS CLI (engine `aws-cli`), to run the storage preflight's probe the
 * way a pod would: the Job's own command, with the environment the kubelet would give it.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort, waitFor } from "./apiserver";
import { engineBinary } from "./engines";
import type { KubeObject } from "./render";

const run = promisify(execFile);

/** A folder holding an `aws` command that runs the pinned AWS CLI (its venv is used through its Python only). */
export function awsCliDir(scratch: string): string {
    const dir = join(scratch, "bin");
    mkdirSync(dir, { recursive: true });
    const shim = join(dir, "aws");
    writeFileSync(shim, `#!/bin/sh\nexec "${engineBinary("aws-cli")}" -m awscli "$@"\n`);
    chmodSync(shim, 0o755);
    return dir;
}

/** Access keys of one account of the store. */
export interface StoreAccount {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
}

/** A running versitygw with a root account, its admin API and accounts made on demand. */
export class LocalObjectStore {
    private constructor(
        private readonly child: ChildProcess,
        /** `host:port` of the S3 API. */
        readonly endpoint: string,
        private readonly adminEndpoint: string,
        readonly root: StoreAccount,
        private readonly awsDir: string,
        private readonly logs: string[],
    ) {}

    /** Starts the store in `dir` (emptied first) and waits until it answers as the root account. */
    static async start(dir: string, root: StoreAccount): Promise<LocalObjectStore> {
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(join(dir, "data"), { recursive: true });
        mkdirSync(join(dir, "iam"), { recursive: true });
        const [port, adminPort] = [await freePort(), await freePort()];
        const logs: string[] = [];
        const child = spawn(
            engineBinary("versitygw"),
            [
                "--access", root.accessKeyId,
                "--secret", root.secretAccessKey,
                "--port", `127.0.0.1:${port}`,
                "--admin-port", `127.0.0.1:${adminPort}`,
                "--iam-dir", join(dir, "iam"),
                "--quiet",
                "posix", join(dir, "data"),
            ],
            { stdio: ["ignore", "pipe", "pipe"] },
        );
        child.stdout?.on("data", (chunk: Buffer) => logs.push(chunk.toString("utf8")));
        child.stderr?.on("data", (chunk: Buffer) => logs.push(chunk.toString("utf8")));
        const store = new LocalObjectStore(child, `127.0.0.1:${port}`, `127.0.0.1:${adminPort}`, root, awsCliDir(dir), logs);
        try {
            await waitFor(async () => (await store.s3(root, ["list-buckets"])).code === 0, 30_000, "versitygw to answer");
        } catch (error) {
            store.stop();
            throw new Error(`${(error as Error).message}\n${logs.join("")}`);
        }
        return store;
    }

    /** The folder of the `aws` command. */
    get awsCliDir(): string {
        return this.awsDir;
    }

    /** Runs `aws s3api <args>` against the store as `account`. */
    async s3(account: StoreAccount, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
        try {
            const { stdout, stderr } = await run(join(this.awsDir, "aws"), ["--endpoint-url", `http://${this.endpoint}`, "s3api", ...args], {
                env: {
                    PATH: process.env.PATH ?? "/usr/bin:/bin",
                    AWS_ACCESS_KEY_ID: account.accessKeyId,
                    AWS_SECRET_ACCESS_KEY: account.secretAccessKey,
                    AWS_REGION: "us-east-1",
                    AWS_CONFIG_FILE: "/dev/null",
                    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
                },
            });
            return { code: 0, stdout, stderr };
        } catch (error) {
            const failure = error as { code?: number; stdout?: string; stderr?: string };
            return { code: typeof failure.code === "number" ? failure.code : 1, stdout: failure.stdout ?? "", stderr: failure.stderr ?? "" };
        }
    }

    /** Runs `aws s3api <args>` as root and fails on an error. */
    async rootS3(args: string[]): Promise<string> {
        const result = await this.s3(this.root, args);
        if (result.code !== 0) {
            throw new Error(`aws s3api ${args.join(" ")} failed: ${result.stderr}`);
        }
        return result.stdout;
    }

    /** Adds an account with the store's `user` role: it may use only the buckets it owns or a policy opens to it. */
    async createUser(account: StoreAccount): Promise<void> {
        await run(engineBinary("versitygw"), [
            "admin",
            "--access", this.root.accessKeyId,
            "--secret", this.root.secretAccessKey,
            "--endpoint-url", `http://${this.adminEndpoint}`,
            "create-user",
            "--access", account.accessKeyId,
            "--secret", account.secretAccessKey,
            "--role", "user",
        ]);
    }

    /** Creates a bucket as root and opens it with a bucket policy: each account id to the S3 actions it may use. */
    async createBucket(bucket: string, grants: Record<string, string[]>): Promise<void> {
        await this.rootS3(["create-bucket", "--bucket", bucket]);
        const statements = Object.entries(grants).map(([account, actions]) => ({
            Effect: "Allow",
            Principal: { AWS: [account] },
            Action: actions,
            Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
        }));
        await this.rootS3(["put-bucket-policy", "--bucket", bucket, "--policy", JSON.stringify({ Version: "2012-10-17", Statement: statements })]);
    }

    /** The keys in a bucket. */
    async keys(bucket: string): Promise<string[]> {
        const listing = JSON.parse((await this.rootS3(["list-objects-v2", "--bucket", bucket])) || "{}") as { Contents?: { Key: string }[] };
        return (listing.Contents ?? []).map((object) => object.Key);
    }

    /** The store's log so far, for failure messages. */
    log(): string {
        return this.logs.join("").slice(-4000);
    }

    stop(): void {
        this.child.kill("SIGTERM");
    }
}

/** What a container printed and how it ended. */
export interface ContainerRun {
    readonly exitCode: number;
    readonly output: string;
    /**
     * The termination message the kubelet records for a failed container with `FallbackToLogsOnError`: the end of its
     * log, at most 80 lines and 2048 bytes.
     */
    readonly terminationMessage: string;
}

/**
 * Runs the first container of a Job's pod template as the kubelet would, without an image: its command, with its
 * environment (values, and keys of Secrets looked up in `secrets`) and nothing else but `PATH`, which puts the tools
 * the image would carry first. `overrides` replaces single variables, each named by the test that sets it.
 */
export async function runJobContainer(job: KubeObject, options: ContainerRunOptions): Promise<ContainerRun> {
    return runContainer(job.spec.template.spec.containers[0] as ContainerSpec, options);
}

/** The parts of a container spec a run needs. */
export interface ContainerSpec {
    readonly command: string[];
    readonly env?: { name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string } } }[];
}

/** Where the image's tools are, the Secrets' contents by name and key, and single variables a test replaces. */
export interface ContainerRunOptions {
    readonly path: string[];
    readonly secrets: Record<string, Record<string, string>>;
    readonly overrides?: Record<string, string>;
}

/** Runs one container's command as {@link runJobContainer} describes. */
export async function runContainer(container: ContainerSpec, options: ContainerRunOptions): Promise<ContainerRun> {
    const env: Record<string, string> = { PATH: [...options.path, "/usr/local/bin", "/usr/bin", "/bin"].join(":") };
    for (const variable of container.env ?? []) {
        if (variable.valueFrom !== undefined) {
            const { name, key } = variable.valueFrom.secretKeyRef;
            const value = options.secrets[name]?.[key];
            if (value === undefined) {
                throw new Error(`the container reads key ${key} of Secret ${name}, which the test does not provide`);
            }
            env[variable.name] = value;
        } else {
            env[variable.name] = String(variable.value ?? "");
        }
    }
    Object.assign(env, options.overrides ?? {});
    const [command, ...args] = container.command;
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
        const chunks: Buffer[] = [];
        child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
        child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
        child.on("error", reject);
        child.on("close", (code) => {
            const output = Buffer.concat(chunks).toString("utf8");
            resolve({ exitCode: code ?? 1, output, terminationMessage: logTail(output) });
        });
    });
}

/** The kubelet's fallback termination message: the last 80 lines of the log, cut to its last 2048 bytes. */
function logTail(output: string): string {
    const lines = output.split("\n");
    const tail = Buffer.from(lines.slice(-81).join("\n"), "utf8");
    return tail.subarray(Math.max(0, tail.length - 2048)).toString("utf8").trim();
}
