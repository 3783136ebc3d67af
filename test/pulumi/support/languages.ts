/**
 * TempoCluster from other languages, for real. The component is served to the engine as a provider plugin, the way
 * the Node.js language host serves a component package (`PulumiPlugin.yaml`): `@pulumi/pulumi`'s own plugin runner
 * loads the repository, infers the schema from the TypeScript types and hosts the component. Without the language host
 * (the module proxy does not serve it), the suite gives the CLI that runner as an executable plugin, a two-line shell
 * script. From it: `pulumi package get-schema`, the Python and Go SDKs (engine `pulumi-sdkgen`, Pulumi's own code
 * generators) and programs in both languages, run through their Automation APIs as inline programs (their SDKs serve
 * the language runtime themselves).
 */
import { execFile, execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { engineBinary, REPO_ROOT } from "../../engines/support/engines";
import { PULUMI_OUT, type PulumiEngine } from "./workspace";

const run = promisify(execFile);

/** Where the language artifacts go. */
export const LANGUAGES_OUT = join(PULUMI_OUT, "languages");

/** The package name and version the component plugin reports (package.json). */
export function componentPackage(): { name: string; version: string } {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { name: string; version: string };
    return { name: manifest.name, version: manifest.version };
}

/** Writes the component's provider plugin: the shell script that runs the plugin runner on the repository. */
export function componentPlugin(): string {
    mkdirSync(LANGUAGES_OUT, { recursive: true });
    const plugin = join(LANGUAGES_OUT, `pulumi-resource-${componentPackage().name}`);
    const runner = join(REPO_ROOT, "node_modules", "@pulumi", "pulumi", "cmd", "run-plugin");
    writeFileSync(plugin, `#!/bin/sh\ncd "${REPO_ROOT}" && exec "${process.execPath}" "${runner}" . "$@"\n`);
    chmodSync(plugin, 0o755);
    return plugin;
}

/**
 * A folder outside the repository to run package commands in: the CLI looks for the project around its working
 * directory, and the repository's root holds both `Pulumi.yaml` (the stacks) and `PulumiPlugin.yaml` (the component),
 * which it refuses as ambiguous ("detected both PulumiPlugin.yaml and Pulumi.yaml").
 */
function outsideTheRepository(): string {
    return mkdtempSync(join(tmpdir(), "tempo-cluster-package-"));
}

/** `pulumi package get-schema` of the component plugin, as the CLI prints it. */
export async function componentSchema(engine: PulumiEngine, plugin: string): Promise<string> {
    const { stdout } = await engine.cli(outsideTheRepository(), ["package", "get-schema", plugin]);
    return stdout;
}

/** Installs the component plugin into the suite's Pulumi home, at the package's version. */
export async function installComponentPlugin(engine: PulumiEngine, plugin: string): Promise<void> {
    const { name, version } = componentPackage();
    await engine.cli(outsideTheRepository(), ["plugin", "install", "resource", name, version, "--file", plugin]);
}

/** Generates an SDK of the schema with Pulumi's code generators; returns its folder. */
export function generateSdk(schemaFile: string, language: "python" | "go", goImportBase?: string): string {
    const out = join(LANGUAGES_OUT, `sdk-${language}`);
    rmSync(out, { recursive: true, force: true });
    execFileSync(engineBinary("pulumi-sdkgen"), [language, schemaFile, out, ...(goImportBase ? [goImportBase] : [])], { stdio: "pipe" });
    return out;
}

/** What a language program reports (see test/pulumi/programs). */
export interface ProgramResult {
    readonly previewCreates: number;
    readonly up: string;
    readonly outputs: Record<string, unknown>;
    readonly secondPreviewChanges: Record<string, number>;
    readonly destroy: string;
}

/** Settings every language program reads. */
export interface ProgramSettings {
    readonly stack: string;
    readonly workDir: string;
    readonly pulumiHome: string;
    readonly cliRoot: string;
    readonly env: Record<string, string>;
    readonly kubeconfig: string;
    readonly namespace: string;
    readonly chartPackages: string;
    readonly storeSecretKey: string;
}

function settingsFile(settings: ProgramSettings): string {
    mkdirSync(settings.workDir, { recursive: true });
    const file = join(LANGUAGES_OUT, `${settings.stack}.settings.json`);
    writeFileSync(file, JSON.stringify(settings, null, 2));
    return file;
}

function parseResult(stdout: string): ProgramResult {
    const last = stdout.trim().split("\n").pop() ?? "";
    return JSON.parse(last) as ProgramResult;
}

/** Runs the Python program with the generated SDK installed beside it (pip `--target`, no index). */
export async function runPythonProgram(sdk: string, settings: ProgramSettings): Promise<ProgramResult> {
    const python = engineBinary("python-pulumi");
    const site = join(LANGUAGES_OUT, "python-site");
    rmSync(site, { recursive: true, force: true });
    execFileSync(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", "--no-index", "--no-build-isolation", "--target", site, sdk], {
        stdio: "pipe",
    });
    const program = join(REPO_ROOT, "test", "pulumi", "programs", "python", "tempo_program.py");
    const { stdout } = await run(python, [program, settingsFile(settings)], {
        env: { ...process.env, PYTHONPATH: site },
        maxBuffer: 64 * 1024 * 1024,
    });
    return parseResult(stdout);
}

/** The Go SDK's module path: the generated package lives under it. */
export const GO_SDK_MODULE = "github.com/tempo-cluster/tempo-cluster/sdk/go";

/**
 * Builds and runs the Go program: a module of its own beside the generated SDK (made a module too), requiring the
 * Pulumi Go SDK at the CLI's version from the module proxy.
 */
export async function runGoProgram(sdk: string, settings: ProgramSettings, pulumiVersion: string): Promise<ProgramResult> {
    writeFileSync(join(sdk, "go.mod"), `module ${GO_SDK_MODULE}\n\ngo 1.26\n\nrequire github.com/pulumi/pulumi/sdk/v3 ${pulumiVersion}\n`);
    const dir = join(LANGUAGES_OUT, "go-program");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(REPO_ROOT, "test", "pulumi", "programs", "go", "main.go"), join(dir, "main.go"));
    writeFileSync(
        join(dir, "go.mod"),
        [
            "module tempo-cluster.local/go-program",
            "",
            "go 1.26",
            "",
            `require github.com/pulumi/pulumi/sdk/v3 ${pulumiVersion}`,
            `require ${GO_SDK_MODULE} v0.0.0`,
            "",
            `replace ${GO_SDK_MODULE} => ${sdk}`,
            "",
        ].join("\n"),
    );
    const goEnv = { ...process.env, GOFLAGS: "-mod=mod" };
    for (const module of [sdk, dir]) {
        await run("go", ["mod", "tidy"], { cwd: module, env: goEnv, maxBuffer: 64 * 1024 * 1024 });
    }
    await run("go", ["build", "-o", "program", "."], { cwd: dir, env: goEnv, maxBuffer: 64 * 1024 * 1024 });
    const { stdout } = await run(join(dir, "program"), [settingsFile(settings)], { maxBuffer: 64 * 1024 * 1024 });
    return parseResult(stdout);
}
