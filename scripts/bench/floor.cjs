#!/usr/bin/env node
/**
 * The floor of the program-cost benchmark: registers exactly the resources of a render (same types, names, parents,
 * inputs and options, read from its resources.json) through the bare Pulumi SDK, under the same offline mocks the
 * render CLI uses. No validation, no derivation, no provider SDKs: what any program that creates these resources
 * pays at least.
 *
 * usage: node scripts/bench/floor.cjs <resources.json> [--write <dir>]   (prints JSON: resources, phase times in ms)
 *   --write <dir>  also record the registrations and write them with the render's own writer (the CLI's output step)
 */
"use strict";
const start = process.hrtime.bigint();
const now = () => Number(process.hrtime.bigint() - start) / 1e6;
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const pulumi = require("@pulumi/pulumi");
const pulumiLoaded = now();

const ROOT = join(__dirname, "..", "..");
const { OfflineMocks, recordRegistrations } = require(join(ROOT, "bin", "sdk", "render", "mocks.js"));

/** The render's alias notation (`type=…,parent=…` or a URN) back to a Pulumi alias. */
function parseAlias(text) {
    if (text.startsWith("urn:")) {
        return text;
    }
    return Object.fromEntries(
        text.split(/,(?=(?:name|type|project|stack|parent)=)/).map((pair) => {
            const at = pair.indexOf("=");
            return [pair.slice(0, at), pair.slice(at + 1)];
        }),
    );
}

async function main(argv) {
    const [file, flag, outDir] = argv;
    const resources = JSON.parse(readFileSync(file, "utf8"));
    await pulumi.runtime.setMocks(new OfflineMocks(), "tempo", "prod", false);
    pulumi.runtime.setAllConfig({});
    const registrations = flag === "--write" ? recordRegistrations() : undefined;

    // Parents and dependencies first: a resource is created once everything it names exists.
    const byName = new Map(resources.map((r) => [r.name, r]));
    const created = new Map();
    const create = (r) => {
        if (created.has(r.name)) {
            return created.get(r.name);
        }
        const parent = r.parent ? create(byName.get(r.parent)) : undefined;
        const dependsOn = r.options.dependsOn.map((name) => create(byName.get(name)));
        const opts = {
            parent,
            dependsOn,
            protect: r.options.protect,
            retainOnDelete: r.options.retainOnDelete,
            ignoreChanges: r.options.ignoreChanges,
            aliases: r.options.aliases.map(parseAlias),
        };
        const resource = r.custom
            ? new pulumi.CustomResource(r.type, r.name, r.inputs, opts)
            : new pulumi.ComponentResource(r.type, r.name, r.inputs, opts);
        created.set(r.name, resource);
        return resource;
    };
    resources.forEach(create);
    await require("@pulumi/pulumi/runtime/settings").waitForRPCs();

    if (registrations) {
        const { collect, writeRender } = require(join(ROOT, "bin", "sdk", "render", "render.js"));
        writeRender(collect(registrations), outDir);
    }
    const done = now();
    const phases = { "load @pulumi/pulumi": pulumiLoaded, "register (and write)": done - pulumiLoaded };
    process.stdout.write(`${JSON.stringify({ resources: created.size, phases })}\n`);
}

main(process.argv.slice(2)).then(
    () => process.exit(0),
    (error) => {
        process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
        process.exit(1);
    },
);
