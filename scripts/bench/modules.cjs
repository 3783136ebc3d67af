#!/usr/bin/env node
/**
 * Where a render's time and modules go, in one process: loading @pulumi/pulumi (which every program pays), loading
 * this package (and what it pulls in: @pulumi/kubernetes; its YAML library, js-yaml, is one @pulumi/pulumi loads
 * anyway), running the program (validation, derivation, registration, and the cloud SDK submodules it loads on
 * demand), writing the render. Also which optional SDKs ended up in Node's module cache, and the modules loaded
 * beyond @pulumi/pulumi, by package.
 *
 * usage: node scripts/bench/modules.cjs <stack> [<out dir>]   (prints JSON)
 *        node scripts/bench/modules.cjs --require-costs          (ms to load each dependency, in load order, after
 *                                                                 @pulumi/pulumi; prints JSON)
 */
"use strict";
const { statSync } = require("node:fs");
const { join } = require("node:path");

const ROOT = join(__dirname, "..", "..");
const start = process.hrtime.bigint();
const now = () => Number(process.hrtime.bigint() - start) / 1e6;

function packageOf(file) {
    const match = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(file);
    if (match) {
        return match[1].replace(/\\/g, "/");
    }
    return file.includes(`${join(ROOT, "bin", "sdk")}`) ? "tempo-cluster" : "(other)";
}

/** Modules the prod render loads beyond @pulumi/pulumi, in an order where each is timed for what it adds. */
const DEPENDENCIES = [
    "@pulumi/kubernetes/core/v1",
    "@pulumi/kubernetes/apiextensions",
    "@pulumi/kubernetes/helm/v3/release",
    "@pulumi/kubernetes/networking/v1",
    "@pulumi/kubernetes/batch/v1",
    "@pulumi/aws/s3/bucket",
    "@pulumi/aws/s3/bucketOwnershipControls",
    "@pulumi/aws/s3/bucketPublicAccessBlock",
    "@pulumi/aws/s3/bucketServerSideEncryptionConfiguration",
    "@pulumi/aws/s3/bucketLifecycleConfiguration",
    "@pulumi/aws/s3/bucketPolicy",
    "@pulumi/aws/iam/role",
    "@pulumi/aws/iam/rolePolicy",
    "@pulumi/aws/eks/getCluster",
    join(ROOT, "bin", "sdk", "index.js"),
    join(ROOT, "bin", "sdk", "program.js"),
    join(ROOT, "bin", "sdk", "render", "render.js"),
];

function requireCosts() {
    require("@pulumi/pulumi");
    const costs = [];
    for (const name of DEPENDENCIES) {
        const before = Object.keys(require.cache).length;
        const t = now();
        require(name);
        costs.push({ module: name.startsWith(ROOT) ? `tempo-cluster/${name.slice(ROOT.length + 1)}` : name, ms: now() - t, modules: Object.keys(require.cache).length - before });
    }
    process.stdout.write(JSON.stringify(costs));
}

async function main([stack, outDir]) {
    if (stack === "--require-costs") {
        return requireCosts();
    }
    const phases = {};
    let mark = now();
    const lap = (name) => {
        const t = now();
        phases[name] = t - mark;
        mark = t;
    };
    require("@pulumi/pulumi");
    lap("load @pulumi/pulumi");
    const pulumiModules = new Set(Object.keys(require.cache));
    const { renderProgram, writeRender } = require(join(ROOT, "bin", "sdk", "render", "render.js"));
    const { readStackConfig } = require(join(ROOT, "bin", "sdk", "render", "stackFile.js"));
    const { clusterFromStackConfig } = require(join(ROOT, "bin", "sdk", "program.js"));
    lap("load tempo-cluster (+ @pulumi/kubernetes)");
    const render = await renderProgram(readStackConfig(join(ROOT, "stacks", `Pulumi.${stack}.yaml`)), "tempo", stack, clusterFromStackConfig);
    lap("run the program (+ cloud SDK submodules on demand)");
    if (outDir) {
        writeRender(render, outDir);
        lap("write the render");
    }
    await renderProgram(readStackConfig(join(ROOT, "stacks", `Pulumi.${stack}.yaml`)), "tempo", stack, clusterFromStackConfig);
    lap("run the program again (everything loaded)");
    const extra = new Map();
    for (const file of Object.keys(require.cache)) {
        if (pulumiModules.has(file)) {
            continue;
        }
        const name = packageOf(file);
        const entry = extra.get(name) ?? { package: name, modules: 0, bytes: 0 };
        entry.modules += 1;
        entry.bytes += statSync(file).size;
        extra.set(name, entry);
    }
    const sdks = [...new Set(Object.keys(require.cache).map(packageOf))].filter((p) => /^@pulumi\/(aws|gcp|azure-native|random)$|^@pulumiverse\//.test(p)).sort();
    process.stdout.write(
        JSON.stringify({
            stack,
            resources: render.resources.length,
            phases,
            modules: { pulumi: pulumiModules.size, total: Object.keys(require.cache).length },
            sdks,
            extra: [...extra.values()].sort((a, b) => b.bytes - a.bytes),
        }),
    );
}

main(process.argv.slice(2)).then(
    () => process.exit(0),
    (error) => {
        process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
        process.exit(1);
    },
);
