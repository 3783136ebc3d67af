#!/usr/bin/env node
// Builds or installs every engine pinned in scripts/engines/versions.json into the engine cache, skipping what is
// already there. Only the Go module proxy is used (through the `go` command); nothing else is downloaded.
//
//   node scripts/engines/install.mjs            build what is missing, then print where each engine is
//   node scripts/engines/install.mjs --check    build nothing; exit 1 naming every engine that is missing
//
// Cache: $TEMPO_CLUSTER_ENGINES, default ~/.cache/tempo-cluster/engines; one folder per <name>-<version>.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import paths from "./paths.cjs";

const { completionStamp, engineCacheRoot, engineDir, engineReady, readEngineVersions } = paths;

const here = dirname(fileURLToPath(import.meta.url));
const checkOnly = process.argv.includes("--check");
const { engines } = readEngineVersions(join(here, "versions.json"));
const root = engineCacheRoot();

function goCommand() {
    try {
        return execFileSync("go", ["version"], { encoding: "utf8" }).trim();
    } catch {
        throw new Error(
            "the engines are built with Go, and no `go` command was found on PATH. Install Go (1.26 or newer) " +
                "and make sure the Go module proxy is reachable, then run `npm run engines` again.",
        );
    }
}

/** Runs `go` with the module proxy only, printing its output on failure. */
function go(args, cwd, extraEnv = {}) {
    return execFileSync("go", args, {
        cwd,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, GOFLAGS: "-mod=mod", GO111MODULE: "on", ...extraEnv },
        maxBuffer: 64 * 1024 * 1024,
    });
}

/** `go mod download` of one module version: where its files (`Dir`) and `go.mod` (`GoMod`) are in the module cache. */
function downloadModule(module, version, cwd) {
    const info = JSON.parse(go(["mod", "download", "-json", `${module}@${version}`], cwd));
    if (info.Error) {
        throw new Error(info.Error);
    }
    return info;
}

/**
 * Builds a command of a module that `go install` refuses (its go.mod has replace directives) from a wrapper module
 * that requires it. With `stagingReplaces`, every `=> ./staging/...` replace of the module's own go.mod becomes a
 * replace by the published module at `stagingVersion` (how Kubernetes publishes its staging repositories).
 */
function buildInWrapper(spec, scratch) {
    const { module, package: pkg, binary, stagingVersion } = spec.goBuild;
    const wrapper = join(scratch, "wrapper");
    mkdirSync(wrapper, { recursive: true });
    const info = downloadModule(module, spec.version, scratch);
    const replaces = [];
    if (stagingVersion !== undefined) {
        const goMod = readFileSync(info.GoMod, "utf8");
        for (const match of goMod.matchAll(/^\s*(\S+) => \.\/staging\/\S+\s*$/gm)) {
            replaces.push(`\t${match[1]} => ${match[1]} ${stagingVersion}`);
        }
    }
    writeFileSync(
        join(wrapper, "go.mod"),
        [`module tempo-cluster.local/engine-${binary}`, "", "go 1.26", "", `require ${module} ${spec.version}`, "", ...(replaces.length ? ["replace (", ...replaces, ")"] : []), ""].join("\n"),
    );
    go(["get", `${pkg}@${spec.version}`], wrapper);
    go(["build", ...ldflags(spec.goBuild, spec.version), "-o", join(scratch, binary), pkg], wrapper);
    rmSync(wrapper, { recursive: true, force: true });
}

/**
 * `-ldflags "-X <variable>=<value> ..."` for commands that report their version from link-time variables
 * (`linkVariables` maps each variable to its value; `{version}` stands for the pinned version).
 */
function ldflags({ linkVariables = {} }, version) {
    const settings = Object.entries(linkVariables).map(([variable, value]) => `-X ${variable}=${value.replaceAll("{version}", version)}`);
    return settings.length > 0 ? ["-ldflags", settings.join(" ")] : [];
}

/**
 * Builds a command whose sources must be generated before `go build` (files its `//go:embed` names are written by a
 * generator of the module): the module as the proxy serves it is copied out of the read-only module cache, its
 * replace directives that point into its own repository are dropped (the published modules they name are used
 * instead), the generator runs with the pinned environment, then the command is built.
 */
function buildFromModuleSource(spec, scratch) {
    const { module, command, generate, generateEnv = {}, binary } = spec.goSourceBuild;
    const info = downloadModule(module, spec.version, scratch);
    const source = join(scratch, "source");
    cpSync(info.Dir, source, { recursive: true });
    execFileSync("chmod", ["-R", "u+w", source]);
    const goMod = join(source, "go.mod");
    writeFileSync(goMod, readFileSync(goMod, "utf8").replace(/^replace \S+ => \.\.?\/\S+\s*$/gm, ""));
    const commandDir = join(source, command);
    if (generate) {
        go(generate, commandDir, generateEnv);
    }
    go(["build", ...ldflags(spec.goSourceBuild, spec.version), "-o", join(scratch, binary), "."], commandDir);
    rmSync(source, { recursive: true, force: true });
}

/**
 * A Python virtual environment with pinned packages from PyPI (`python3 -m venv`, then `pip install`). It is used
 * through `venv/bin/python` only, which keeps working after the folder is renamed into place (the console scripts a
 * venv writes would not: their first line names the folder they were created in).
 */
function buildVenv(spec, scratch) {
    const { python = "python3", packages } = spec.pipVenv;
    const venv = join(scratch, "venv");
    try {
        execFileSync(python, ["-m", "venv", venv], { stdio: ["ignore", "pipe", "pipe"] });
    } catch (error) {
        throw new Error(`${python} -m venv failed (is Python 3 with its venv module installed?): ${error.stderr ?? error.message}`);
    }
    execFileSync(join(venv, "bin", "python"), ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", ...packages], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
    });
}

/** Builds into a scratch folder beside the final one and renames it when complete, so a stopped build leaves no half engine. */
function install(name, spec) {
    const dir = engineDir(root, name, spec.version);
    const scratch = `${dir}.partial`;
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(scratch, { recursive: true });
    const started = Date.now();
    try {
        if (spec.goInstall) {
            go(["install", `${spec.goInstall}@${spec.version}`], scratch, { GOBIN: scratch });
            if (!existsSync(join(scratch, spec.binary))) {
                throw new Error(`go install finished without producing ${spec.binary}`);
            }
        } else if (spec.goBuild) {
            buildInWrapper(spec, scratch);
        } else if (spec.goSourceBuild) {
            buildFromModuleSource(spec, scratch);
        } else if (spec.goLocalBuild) {
            const { dir: source, binary } = spec.goLocalBuild;
            go(["build", "-o", join(scratch, binary), "."], join(here, "..", "..", source));
        } else if (spec.pipVenv) {
            buildVenv(spec, scratch);
        } else if (spec.goModuleFiles) {
            const { module, dir: inside } = spec.goModuleFiles;
            const info = downloadModule(module, spec.version, scratch);
            const source = join(info.Dir, inside);
            if (!existsSync(source) || readdirSync(source).length === 0) {
                throw new Error(`${module}@${spec.version} has no files under ${inside}`);
            }
            cpSync(source, join(scratch, "files"), { recursive: true });
        } else {
            throw new Error("versions.json gives none of goInstall, goBuild, goSourceBuild, goLocalBuild, pipVenv, goModuleFiles");
        }
        writeFileSync(join(scratch, ".complete"), completionStamp(name, spec));
        rmSync(dir, { recursive: true, force: true });
        renameSync(scratch, dir);
    } catch (error) {
        rmSync(scratch, { recursive: true, force: true });
        const detail = [error.stderr, error.message].filter(Boolean).join("\n").trim();
        throw new Error(`could not build engine ${name} ${spec.version}:\n${detail}`);
    }
    return Math.round((Date.now() - started) / 1000);
}

const missing = Object.entries(engines).filter(([name, spec]) => !engineReady(root, name, spec));
if (checkOnly) {
    if (missing.length > 0) {
        console.error(`missing engines in ${root}: ${missing.map(([n, s]) => `${n} ${s.version}`).join(", ")}`);
        console.error("build them with `npm run engines` (needs Go and the Go module proxy).");
        process.exit(1);
    }
    console.log(`all ${Object.keys(engines).length} engines present in ${root}`);
    process.exit(0);
}

if (missing.length > 0) {
    console.log(`engines: ${goCommand()}; cache ${root}`);
}
let failed = false;
for (const [name, spec] of missing) {
    process.stdout.write(`engines: building ${name} ${spec.version} ... `);
    try {
        const seconds = install(name, spec);
        console.log(`done in ${seconds} s`);
    } catch (error) {
        console.log("FAILED");
        console.error(`engines: ${error.message}`);
        failed = true;
    }
}
for (const [name, spec] of Object.entries(engines)) {
    if (engineReady(root, name, spec)) {
        console.log(`engines: ${name} ${spec.version} ready in ${engineDir(root, name, spec.version)}`);
    }
}
if (failed) {
    console.error("engines: at least one engine could not be built; the engine suite cannot run without it.");
    process.exit(1);
}
