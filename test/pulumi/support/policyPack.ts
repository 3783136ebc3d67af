/**
 * The policy pack as the real CLI runs it. A pack folder is started through the Node.js language host, which the
 * module proxy does not serve; but `--policy-pack` may also name an executable analyzer plugin, which the CLI starts
 * with the engine's address (reading the `PulumiPolicy.yaml` beside it). The suite's plugin is a shell script that runs
 * `@pulumi/pulumi`'s own policy-pack runner on the pack — what the language host runs too. That runner loads
 * JavaScript (the language host would register ts-node first), so the pack is compiled with its own `tsconfig.json`
 * into a pack folder holding its `PulumiPolicy.yaml` and a `package.json` whose `main` is the compiled entry.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../../engines/support/engines";
import { PULUMI_OUT } from "./workspace";

/** Builds the pack folder and its analyzer plugin; returns the plugin's path, for `--policy-pack`. */
export function preparePolicyPack(): string {
    const source = join(REPO_ROOT, "sdk", "policy");
    const packDir = join(PULUMI_OUT, "policy-pack");
    rmSync(packDir, { recursive: true, force: true });
    mkdirSync(packDir, { recursive: true });
    execFileSync(process.execPath, [join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(source, "tsconfig.json"), "--outDir", join(packDir, "bin")], {
        stdio: "pipe",
    });
    copyFileSync(join(source, "PulumiPolicy.yaml"), join(packDir, "PulumiPolicy.yaml"));
    const manifest = JSON.parse(readFileSync(join(source, "package.json"), "utf8")) as Record<string, unknown>;
    writeFileSync(join(packDir, "package.json"), JSON.stringify({ ...manifest, main: "bin/index.js" }, null, 2));
    // The pack's dependencies (@pulumi/policy, @pulumi/pulumi) are the repository's.
    symlinkSync(join(REPO_ROOT, "node_modules"), join(packDir, "node_modules"));

    const plugin = join(packDir, "analyzer");
    const runner = join(REPO_ROOT, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack");
    // The runner takes the engine's address and the pack's folder, and reads package.json from the working directory.
    writeFileSync(plugin, `#!/bin/sh\ncd "${packDir}" && exec "${process.execPath}" "${runner}" "$1" .\n`);
    chmodSync(plugin, 0o755);
    return plugin;
}
