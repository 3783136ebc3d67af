/**
 * The real Pulumi engine for the suite: the pinned CLI (engine `pulumi`) with a file backend and a passphrase secrets
 * provider, a Pulumi home of its own holding the pinned Kubernetes provider (engine `pulumi-resource-kubernetes`,
 * installed with `pulumi plugin install --file` at the plugin version @pulumi/kubernetes asks for, so the CLI never
 * downloads a plugin), and stacks run through the Automation API with the repository's own program
 * (`stacks/index.ts`) as an inline program: the Node.js SDK then serves the language runtime itself, so no language
 * host binary is needed (the module proxy does not serve one).
 */
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { dump } from "js-yaml";
import { LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { engineBinary, REPO_ROOT } from "../../engines/support/engines";
import { preparePolicyPack } from "./policyPack";

const run = promisify(execFile);

/** Where the suite keeps its Pulumi home, state and stack folders (under the ignored `out/`). */
export const PULUMI_OUT = join(REPO_ROOT, "out", "pulumi");

/** The passphrase of every test stack's secrets provider (test data only). */
const PASSPHRASE = "tempo-cluster-test-passphrase";

/** The plugin version the installed provider is registered under: the one @pulumi/kubernetes requests. */
export function kubernetesPluginVersion(): string {
    const sdk = JSON.parse(readFileSync(join(REPO_ROOT, "node_modules", "@pulumi", "kubernetes", "package.json"), "utf8")) as { version: string };
    return sdk.version;
}

/** The pinned CLI and an isolated Pulumi home with the Kubernetes provider installed. */
export class PulumiEngine {
    private constructor(
        readonly command: PulumiCommand,
        readonly env: Record<string, string>,
        /** The policy pack's analyzer plugin, for `--policy-pack`. */
        readonly policyPack: string,
        /** PULUMI_HOME, holding the installed plugins. */
        readonly home: string,
        /** The folder whose `bin/pulumi` is the CLI (what every Automation API takes). */
        readonly cliRoot: string,
    ) {}

    static async setup(): Promise<PulumiEngine> {
        rmSync(PULUMI_OUT, { recursive: true, force: true });
        const home = join(PULUMI_OUT, "home");
        const state = join(PULUMI_OUT, "state");
        const cliRoot = join(PULUMI_OUT, "cli");
        for (const dir of [home, state, join(cliRoot, "bin")]) {
            mkdirSync(dir, { recursive: true });
        }
        // The Automation API runs <root>/bin/pulumi.
        symlinkSync(engineBinary("pulumi"), join(cliRoot, "bin", "pulumi"));
        const policyPack = preparePolicyPack();
        const env: Record<string, string> = {
            PULUMI_HOME: home,
            PULUMI_BACKEND_URL: `file://${state}`,
            PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            PULUMI_SKIP_CONFIRMATIONS: "true",
        };
        const command = await PulumiCommand.get({ root: cliRoot });
        const pluginVersion = kubernetesPluginVersion();
        const pinned = versionsEntry("pulumi-resource-kubernetes").pluginVersion;
        if (pinned !== pluginVersion) {
            throw new Error(
                `@pulumi/kubernetes in the lockfile asks for provider ${pluginVersion}, but scripts/engines/versions.json installs ` +
                    `the provider as ${pinned}: update pluginVersion (and generateEnv.VERSION) there`,
            );
        }
        await run(engineBinary("pulumi"), ["plugin", "install", "resource", "kubernetes", pluginVersion, "--file", engineBinary("pulumi-resource-kubernetes")], {
            env: { ...process.env, ...env },
        });
        return new PulumiEngine(command, env, policyPack, home, cliRoot);
    }

    /** The CLI's version, as it reports it. */
    async cliVersion(): Promise<string> {
        const { stdout } = await run(this.command.command, ["version"], { env: { ...process.env, ...this.env } });
        return stdout.trim();
    }

    /**
     * A new stack named `name` in a project folder of its own: the repository's `Pulumi.yaml` (through `projectFile`,
     * for planted defects) and `config` as the stack file `stacks/Pulumi.<name>.yaml`, run with `program`.
     */
    async createStack(
        name: string,
        config: Record<string, unknown>,
        program: () => Promise<Record<string, unknown>>,
        projectFile: (text: string) => string = (text) => text,
    ): Promise<TestStack> {
        const workDir = join(PULUMI_OUT, "projects", name);
        rmSync(workDir, { recursive: true, force: true });
        mkdirSync(join(workDir, "stacks"), { recursive: true });
        writeFileSync(join(workDir, "Pulumi.yaml"), projectFile(readFileSync(join(REPO_ROOT, "Pulumi.yaml"), "utf8")));
        // The CLI checks that the project's `main` exists; the program itself runs inline, from the repository.
        copyFileSync(join(REPO_ROOT, "stacks", "index.ts"), join(workDir, "stacks", "index.ts"));
        const stackFile = join(workDir, "stacks", `Pulumi.${name}.yaml`);
        writeFileSync(stackFile, dump({ config }, { noRefs: true, sortKeys: true }));
        const workspace = await LocalWorkspace.create({
            workDir,
            program,
            pulumiCommand: this.command,
            envVars: this.env,
            secretsProvider: "passphrase",
        });
        const stack = await Stack.create(name, workspace);
        return { name, workDir, stackFile, stack };
    }

    /** Runs the CLI itself in a stack's folder (for commands the Automation API does not wrap). */
    async cli(workDir: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
        return run(this.command.command, args, { cwd: workDir, env: { ...process.env, ...this.env }, maxBuffer: 256 * 1024 * 1024 });
    }
}

/** A stack of the suite and where its files are. */
export interface TestStack {
    readonly name: string;
    readonly workDir: string;
    /** `stacks/Pulumi.<name>.yaml`, with the encryption salt and secrets the CLI wrote. */
    readonly stackFile: string;
    readonly stack: Stack;
}

function versionsEntry(name: string): { pluginVersion?: string } {
    const file = join(REPO_ROOT, "scripts", "engines", "versions.json");
    return (JSON.parse(readFileSync(file, "utf8")) as { engines: Record<string, { pluginVersion?: string }> }).engines[name];
}
