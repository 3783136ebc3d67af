#!/usr/bin/env node
/**
 * `npm run bench`: what TempoCluster costs the people who run it and the people who install it. Prints a table; it is
 * a measurement, not a test (no threshold fails it). docs/performance.md records a run and explains the numbers.
 *
 * 1. Program cost: rendering the prod stack with the compiled CLI vs a floor program that registers the very same
 *    resources (types, names, parents, inputs, options: its render is checked byte-identical) through the bare
 *    Pulumi SDK under the same offline mocks. Whole processes, interleaved, median of --runs (default 7).
 * 2. Load isolation: which optional cloud SDKs an AWS render loads (Node's module cache).
 * 3. Consumer footprint: `npm install <packed tempo-cluster> @pulumi/aws` into an empty directory vs
 *    `npm install @pulumi/pulumi @pulumi/kubernetes @pulumi/aws` at the same versions (needs the npm registry).
 * 4. Consumer type-check: `tsc --noEmit` of a one-bucket AWS program with and without a TempoCluster, in the
 *    installed consumer directory, with the tsconfig `pulumi new aws-typescript` writes (median of --tsc-runs, 3).
 *
 * usage: node scripts/bench.mjs [--runs N] [--tsc-runs N] [--offline] [--no-build] [--keep] [--json FILE]
 *   --offline   skip 3 and 4 (they install from the npm registry)
 *   --keep      keep the temporary consumer directories (printed)
 */
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os, { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "bin", "sdk", "render", "cli.js");
const FLOOR = join(ROOT, "scripts", "bench", "floor.cjs");
const MODULES = join(ROOT, "scripts", "bench", "modules.cjs");
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");
const CPUTIME = join(ROOT, "scripts", "bench", "cputime.cjs");
const GOALS = { program: 1.15, footprint: 1.1, typecheck: 1.2 };

const { values: options } = parseArgs({
    options: {
        runs: { type: "string", default: "7" },
        "tsc-runs": { type: "string", default: "3" },
        offline: { type: "boolean", default: false },
        "no-build": { type: "boolean", default: false },
        keep: { type: "boolean", default: false },
        json: { type: "string" },
    },
});
const RUNS = Math.max(3, Number(options.runs));
const TSC_RUNS = Math.max(1, Number(options["tsc-runs"]));

const log = (line) => process.stderr.write(`${line}\n`);
const median = (xs) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fmt = (x, digits = 2) => x.toFixed(digits);
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** Runs a command to completion; throws with its output when it fails. Returns stdout and wall time in ms. */
function run(command, args, opts = {}) {
    const started = process.hrtime.bigint();
    const result = spawnSync(command, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...opts });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0) {
        throw new Error(`${command} ${args.join(" ")} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
    }
    return { stdout: result.stdout, stderr: result.stderr, ms };
}

/** Runs a Node program and returns its wall time and CPU time (user + system) in ms. */
function timeNode(args, opts = {}) {
    const result = run(process.execPath, ["--require", CPUTIME, ...args], opts);
    const cpu = [...result.stderr.matchAll(/^@@cpu ([\d.]+)$/gm)].pop();
    if (!cpu) {
        throw new Error(`no CPU time reported by ${args.join(" ")}`);
    }
    return { wall: result.ms, cpu: Number(cpu[1]) };
}

/** Every file below `dir`, relative path → contents. */
function tree(dir) {
    const files = new Map();
    const walk = (current) => {
        for (const entry of readdirSync(current).sort()) {
            const path = join(current, entry);
            if (statSync(path).isDirectory()) {
                walk(path);
            } else {
                files.set(relative(dir, path), readFileSync(path, "utf8"));
            }
        }
    };
    walk(dir);
    return files;
}

function sameTree(a, b) {
    const [x, y] = [tree(a), tree(b)];
    return x.size === y.size && [...x].every(([file, contents]) => y.get(file) === contents);
}

/** Apparent size and file count of a directory tree (symlinks not followed). */
function footprint(dir) {
    let bytes = 0;
    let files = 0;
    let packages = 0;
    const walk = (current) => {
        for (const entry of readdirSync(current)) {
            const path = join(current, entry);
            const stat = lstatSync(path);
            if (stat.isDirectory()) {
                walk(path);
            } else {
                bytes += stat.size;
                files += 1;
                if (entry === "package.json" && /node_modules[\\/](@[^\\/]+[\\/])?[^\\/@]+$/.test(current)) {
                    packages += 1;
                }
            }
        }
    };
    walk(dir);
    return { bytes, files, packages };
}

const scratch = mkdtempSync(join(tmpdir(), "tempo-bench-"));
const report = { date: new Date().toISOString().slice(0, 10), node: process.version, runs: RUNS, results: {} };

// 0. Build.
if (!options["no-build"]) {
    log("building (npm run build)…");
    run("npm", ["run", "build", "--silent"]);
}

// 1. Program cost.
{
    log(`program cost: prod stack, ${RUNS} interleaved runs of each…`);
    const reference = join(scratch, "render-prod");
    run(process.execPath, [CLI, "render", "--stack", "prod", "--out", reference]);
    const resourcesJson = join(reference, "resources.json");
    const floorOut = join(scratch, "floor-render");
    run(process.execPath, [FLOOR, resourcesJson, "--write", floorOut]);
    const identical = sameTree(floorOut, reference);
    if (!identical) {
        throw new Error("the floor program did not reproduce the CLI's render: the comparison would be unfair");
    }
    const variants = {
        cli: () => timeNode([CLI, "render", "--stack", "prod", "--out", join(scratch, "cli-out")]),
        floor: () => timeNode([FLOOR, resourcesJson]),
        floorWrite: () => timeNode([FLOOR, resourcesJson, "--write", join(scratch, "floor-out")]),
        node: () => timeNode(["-e", "0"]),
    };
    Object.values(variants).forEach((measure) => measure()); // warm the file cache
    const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
    const order = Object.keys(variants);
    for (let i = 0; i < RUNS; i++) {
        // Rotate the order so drift in machine load does not favour one variant.
        for (const key of [...order.slice(i % order.length), ...order.slice(0, i % order.length)]) {
            samples[key].push(variants[key]());
        }
    }
    const times = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, v.map((s) => s.wall)]));
    const cpu = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, v.map((s) => s.cpu)]));
    const pairRatios = times.cli.map((t, i) => t / times.floor[i]);
    const phases = JSON.parse(run(process.execPath, [MODULES, "prod", join(scratch, "modules-out")]).stdout);
    // What each dependency adds to the load, after @pulumi/pulumi (median of 3 processes).
    const costRuns = [0, 1, 2].map(() => JSON.parse(run(process.execPath, [MODULES, "--require-costs"]).stdout));
    const requireCosts = costRuns[0].map((entry, i) => ({ ...entry, ms: median(costRuns.map((r) => r[i].ms)) }));
    const floorPhases = JSON.parse(run(process.execPath, [FLOOR, resourcesJson]).stdout).phases;
    report.results.program = {
        resources: phases.resources,
        floorRenderIdentical: identical,
        medianMs: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)])),
        medianCpuMs: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, median(v)])),
        samplesMs: times,
        samplesCpuMs: cpu,
        ratio: median(pairRatios),
        cpuRatio: median(cpu.cli.map((t, i) => t / cpu.floor[i])),
        ratioOfMedians: median(times.cli) / median(times.floor),
        ratioVsFloorWithWriter: median(times.cli.map((t, i) => t / times.floorWrite[i])),
        phases: { cli: phases.phases, floor: floorPhases },
        extraModules: phases.extra,
        requireCosts,
        modules: phases.modules,
    };
}

// 2. Load isolation (AWS render).
{
    log("load isolation…");
    const aws = JSON.parse(run(process.execPath, [MODULES, "prod"]).stdout);
    const gcp = JSON.parse(run(process.execPath, [MODULES, "prod-gcp"]).stdout);
    report.results.isolation = { aws: aws.sdks, gcp: gcp.sdks };
}

// 3 and 4. Consumer footprint and type-check.
if (!options.offline) {
    const npm = (cwd, args) => run("npm", [...args, "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], { cwd });
    const versionOf = (dir, name) => JSON.parse(readFileSync(join(dir, "node_modules", name, "package.json"), "utf8")).version;
    const awsVersion = versionOf(ROOT, "@pulumi/aws");
    log("packing tempo-cluster…");
    const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", scratch]).stdout)[0];
    const tarball = join(scratch, packed.filename);
    const withTempo = join(scratch, "consumer-with-tempo");
    const baseline = join(scratch, "consumer-baseline");
    for (const dir of [withTempo, baseline]) {
        mkdirSync(dir);
        writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name: "consumer", version: "1.0.0", private: true }, null, 2)}\n`);
    }
    log(`installing ${packed.filename} + @pulumi/aws@${awsVersion} into an empty directory…`);
    const installWith = npm(withTempo, ["install", tarball, `@pulumi/aws@${awsVersion}`]);
    const pulumiVersion = versionOf(withTempo, "@pulumi/pulumi");
    const kubernetesVersion = versionOf(withTempo, "@pulumi/kubernetes");
    log(`installing @pulumi/pulumi@${pulumiVersion} @pulumi/kubernetes@${kubernetesVersion} @pulumi/aws@${awsVersion}…`);
    const installBase = npm(baseline, ["install", `@pulumi/pulumi@${pulumiVersion}`, `@pulumi/kubernetes@${kubernetesVersion}`, `@pulumi/aws@${awsVersion}`]);
    const sizeWith = footprint(join(withTempo, "node_modules"));
    const sizeBase = footprint(join(baseline, "node_modules"));
    const present = (dir) => ["@pulumi/gcp", "@pulumi/azure-native", "@pulumi/random", "@pulumiverse/grafana"].filter((p) => existsSync(join(dir, "node_modules", p)));
    const onlyWith = readdirSync(join(withTempo, "node_modules"))
        .flatMap((entry) => (entry.startsWith("@") ? readdirSync(join(withTempo, "node_modules", entry)).map((e) => `${entry}/${e}`) : [entry]))
        .filter((name) => !name.startsWith(".") && !existsSync(join(baseline, "node_modules", name)))
        .map((name) => ({ name, ...footprint(join(withTempo, "node_modules", name)) }))
        .sort((a, b) => b.bytes - a.bytes);
    report.results.footprint = {
        packed: { filename: packed.filename, size: packed.size, unpackedSize: packed.unpackedSize, files: packed.entryCount },
        versions: { "@pulumi/pulumi": pulumiVersion, "@pulumi/kubernetes": kubernetesVersion, "@pulumi/aws": awsVersion },
        withTempo: sizeWith,
        baseline: sizeBase,
        ratio: sizeWith.bytes / sizeBase.bytes,
        onlyWithTempo: onlyWith,
        optionalPeersInstalled: present(withTempo),
        installMs: { withTempo: installWith.ms, baseline: installBase.ms },
    };

    log("type-checking the consumer programs…");
    // What `pulumi new aws-typescript` writes: @types/node as a dev dependency, and this tsconfig.
    npm(withTempo, ["install", "--save-dev", `@types/node@${versionOf(ROOT, "@types/node")}`]);
    const tsconfig = (file) => ({
        compilerOptions: {
            strict: true,
            outDir: "bin",
            target: "es2020",
            module: "commonjs",
            moduleResolution: "node",
            sourceMap: true,
            experimentalDecorators: true,
            pretty: true,
            noFallthroughCasesInSwitch: true,
            noImplicitReturns: true,
            forceConsistentCasingInFileNames: true,
        },
        files: [file],
    });
    writeFileSync(
        join(withTempo, "baseline.ts"),
        ['import * as aws from "@pulumi/aws";', "", 'const bucket = new aws.s3.Bucket("traces");', "export const bucketName = bucket.id;", ""].join("\n"),
    );
    writeFileSync(
        join(withTempo, "with-tempo.ts"),
        [
            'import * as aws from "@pulumi/aws";',
            'import { Cloud, TempoCluster } from "tempo-cluster";',
            "",
            'const bucket = new aws.s3.Bucket("traces");',
            "export const bucketName = bucket.id;",
            'const tempo = new TempoCluster("tempo", { cloud: Cloud.Aws, aws: { region: "eu-west-1", clusterName: "prod-eks" } });',
            "export const queryUrl = tempo.queryUrl;",
            "",
        ].join("\n"),
    );
    const variants = {};
    for (const [key, file, skipLibCheck] of [
        ["baseline", "baseline.ts", false],
        ["withTempo", "with-tempo.ts", false],
        ["baselineSkipLibCheck", "baseline.ts", true],
        ["withTempoSkipLibCheck", "with-tempo.ts", true],
    ]) {
        const config = tsconfig(file);
        config.compilerOptions.skipLibCheck = skipLibCheck;
        writeFileSync(join(withTempo, `tsconfig.${key}.json`), `${JSON.stringify(config, null, 2)}\n`);
        variants[key] = () => timeNode([TSC, "-p", `tsconfig.${key}.json`, "--noEmit"], { cwd: withTempo });
    }
    Object.values(variants).forEach((measure) => measure()); // warm-up, and proof that both programs type-check
    // Noise-free counterpart of the timings: what the compiler loads and builds (files, lines, types, instantiations).
    const diagnostics = {};
    for (const key of ["baseline", "withTempo"]) {
        const text = run(process.execPath, [TSC, "-p", `tsconfig.${key}.json`, "--noEmit", "--extendedDiagnostics"], { cwd: withTempo }).stdout;
        const count = (label) => Number((new RegExp(`^${label}:\\s+([\\d.]+)`, "m").exec(text) ?? [])[1]);
        diagnostics[key] = { files: count("Files"), linesOfDefinitions: count("Lines of Definitions"), types: count("Types"), instantiations: count("Instantiations") };
    }
    const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
    for (let i = 0; i < TSC_RUNS; i++) {
        for (const [key, measure] of Object.entries(variants)) {
            samples[key].push(measure());
        }
    }
    const medians = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v.map((s) => s.wall))]));
    const cpuMedians = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v.map((s) => s.cpu))]));
    report.results.typecheck = {
        typescript: JSON.parse(readFileSync(join(ROOT, "node_modules", "typescript", "package.json"), "utf8")).version,
        medianMs: medians,
        medianCpuMs: cpuMedians,
        samples,
        diagnostics,
        ratio: medians.withTempo / medians.baseline,
        cpuRatio: cpuMedians.withTempo / cpuMedians.baseline,
        ratioSkipLibCheck: medians.withTempoSkipLibCheck / medians.baselineSkipLibCheck,
        cpuRatioSkipLibCheck: cpuMedians.withTempoSkipLibCheck / cpuMedians.baselineSkipLibCheck,
    };
    if (options.keep) {
        log(`kept consumer directories: ${withTempo} ${baseline}`);
    }
}

if (!options.keep) {
    rmSync(scratch, { recursive: true, force: true });
}

// The table.
const { program, isolation, footprint: fp, typecheck } = report.results;
const verdict = (value, goal) => (value <= goal ? "met" : "missed");
const rows = [
    ["Measurement", "Result", "Goal", ""],
    [
        "Program cost: prod render, CLI ÷ floor, wall time (median of per-run ratios)",
        `${fmt(program.ratio)} (${fmt(program.medianMs.cli / 1000)} s vs ${fmt(program.medianMs.floor / 1000)} s)`,
        `≤ ${GOALS.program}`,
        verdict(program.ratio, GOALS.program),
    ],
    [
        "  … CPU time",
        `${fmt(program.cpuRatio)} (${fmt(program.medianCpuMs.cli / 1000)} s vs ${fmt(program.medianCpuMs.floor / 1000)} s)`,
        `≤ ${GOALS.program}`,
        verdict(program.cpuRatio, GOALS.program),
    ],
    [
        "  … wall time vs the floor that also writes the render",
        `${fmt(program.ratioVsFloorWithWriter)} (floor + writer ${fmt(program.medianMs.floorWrite / 1000)} s)`,
        "",
        "",
    ],
    [
        "Load isolation: optional SDKs an AWS render loads",
        isolation.aws.join(", ") || "none",
        "no @pulumi/gcp, no @pulumi/azure-native",
        isolation.aws.some((s) => s === "@pulumi/gcp" || s === "@pulumi/azure-native") ? "missed" : "met",
    ],
];
if (fp) {
    rows.push([
        "Consumer footprint: node_modules with ÷ without tempo-cluster",
        `${fmt(fp.ratio, 3)} (${mib(fp.withTempo.bytes)} vs ${mib(fp.baseline.bytes)})`,
        `≤ ${GOALS.footprint}`,
        verdict(fp.ratio, GOALS.footprint),
    ]);
}
if (typecheck) {
    rows.push(
        [
            "Consumer type-check: tsc --noEmit with ÷ without TempoCluster, wall time",
            `${fmt(typecheck.ratio)} (${fmt(typecheck.medianMs.withTempo / 1000)} s vs ${fmt(typecheck.medianMs.baseline / 1000)} s)`,
            `≤ ${GOALS.typecheck}`,
            verdict(typecheck.ratio, GOALS.typecheck),
        ],
        [
            "  … CPU time",
            `${fmt(typecheck.cpuRatio)} (${fmt(typecheck.medianCpuMs.withTempo / 1000)} s vs ${fmt(typecheck.medianCpuMs.baseline / 1000)} s)`,
            `≤ ${GOALS.typecheck}`,
            verdict(typecheck.cpuRatio, GOALS.typecheck),
        ],
        [
            "  … CPU time with skipLibCheck",
            `${fmt(typecheck.cpuRatioSkipLibCheck)} (${fmt(typecheck.medianCpuMs.withTempoSkipLibCheck / 1000)} s vs ${fmt(typecheck.medianCpuMs.baselineSkipLibCheck / 1000)} s)`,
            "",
            "",
        ],
    );
}
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
const line = (cells) => `| ${cells.map((cell, c) => cell.padEnd(widths[c])).join(" | ")} |`;
const out = [line(rows[0]), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.slice(1).map(line)];

out.push(
    "",
    `Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => fmt(l, 1)).join(" ")}; ` +
        `${RUNS} runs per program variant${typecheck ? `, ${TSC_RUNS} per type-check` : ""}; bare \`node -e 0\`: ${fmt(program.medianMs.node, 0)} ms wall.`,
);
out.push("", "Where a prod render's time goes (one process, ms):", "");
out.push("| Phase | CLI | Floor |", "|---|---|---|");
const cliPhases = Object.entries(program.phases.cli);
out.push(`| ${cliPhases[0][0]} | ${fmt(cliPhases[0][1], 0)} | ${fmt(program.phases.floor["load @pulumi/pulumi"], 0)} |`);
for (const [name, ms] of cliPhases.slice(1)) {
    out.push(`| ${name} | ${fmt(ms, 0)} | |`);
}
out.push(`| register (floor) | | ${fmt(program.phases.floor["register (and write)"], 0)} |`);
out.push("", "What each dependency adds when loaded after @pulumi/pulumi, in this order (median of 3 processes):", "");
out.push("| Module | ms | Modules |", "|---|---|---|");
for (const entry of program.requireCosts) {
    out.push(`| ${entry.module} | ${fmt(entry.ms, 0)} | ${entry.modules} |`);
}
out.push("", `Modules loaded beyond @pulumi/pulumi's ${program.modules.pulumi} (CLI total ${program.modules.total}):`, "");
out.push("| Package | Modules | KiB |", "|---|---|---|");
for (const entry of program.extraModules) {
    out.push(`| ${entry.package} | ${entry.modules} | ${fmt(entry.bytes / 1024, 0)} |`);
}
if (typecheck) {
    const { baseline: b, withTempo: w } = typecheck.diagnostics;
    out.push("", "What tsc loads and builds for the two programs (`--extendedDiagnostics`, no skipLibCheck):", "");
    out.push("| | Files | Lines of definitions | Types | Instantiations |", "|---|---|---|---|---|");
    out.push(`| without TempoCluster | ${b.files} | ${b.linesOfDefinitions} | ${b.types} | ${b.instantiations} |`);
    out.push(`| with TempoCluster | ${w.files} | ${w.linesOfDefinitions} | ${w.types} | ${w.instantiations} |`);
    out.push(
        `| ratio | ${fmt(w.files / b.files, 3)} | ${fmt(w.linesOfDefinitions / b.linesOfDefinitions, 3)} | ${fmt(w.types / b.types, 3)} | ${fmt(w.instantiations / b.instantiations, 3)} |`,
    );
}
if (fp) {
    out.push(
        "",
        `Packed ${fp.packed.filename}: ${fmt(fp.packed.size / 1024, 0)} KiB (${fmt(fp.packed.unpackedSize / 1024, 0)} KiB unpacked, ${fp.packed.files} files). ` +
            `Versions: ${Object.entries(fp.versions).map(([k, v]) => `${k}@${v}`).join(", ")}. ` +
            `Optional peers installed: ${fp.optionalPeersInstalled.join(", ") || "none"}.`,
        "",
        "| node_modules | Bytes | Files | Packages |",
        "|---|---|---|---|",
        `| with tempo-cluster | ${mib(fp.withTempo.bytes)} | ${fp.withTempo.files} | ${fp.withTempo.packages} |`,
        `| baseline | ${mib(fp.baseline.bytes)} | ${fp.baseline.files} | ${fp.baseline.packages} |`,
        "",
        `Only with tempo-cluster: ${fp.onlyWithTempo.map((p) => `${p.name} ${mib(p.bytes)}`).join(", ")}.`,
    );
    const own = fp.onlyWithTempo.reduce((sum, p) => sum + p.bytes, 0);
    const rest = fp.withTempo.bytes - fp.baseline.bytes - own;
    out.push(
        `Those add ${mib(own)} (${fmt((100 * own) / fp.baseline.bytes, 1)} % of the baseline); the remaining ` +
            `${rest < 0 ? "−" : "+"}${mib(Math.abs(rest))} is npm placing shared dependencies (nested copies) differently in the two trees.`,
    );
}
process.stdout.write(`${out.join("\n")}\n`);
if (options.json) {
    writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
}
