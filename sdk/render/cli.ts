#!/usr/bin/env node
/**
 * `tempo-cluster render --stack <name> | --config <file> [--out <dir>]`
 *
 * Renders a stack offline (no Pulumi CLI, cloud or cluster) with the real component code under Pulumi's mocks.
 * Exit 1 with every problem listed, and nothing written, when the config is invalid.
 */
import { existsSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { clustersFromStackConfig } from "../program";
import { TempoClusterArgsError } from "../args/problems";
import { renderProgram, writeRender } from "./render";
import { readProjectName, readStackConfig } from "./stackFile";

const USAGE = `usage:
  tempo-cluster render --stack <name> [--out <dir>]     render stacks/Pulumi.<name>.yaml (default out: out/<name>)
  tempo-cluster render --config <file> [--out <dir>] [--stack-name <name>]
                                                        render a stack-style YAML file (as stack <name>, default: from the file name)`;

async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    const { values } = parseArgs({
        args: rest,
        options: {
            stack: { type: "string" },
            config: { type: "string" },
            out: { type: "string" },
            project: { type: "string" },
            "stack-name": { type: "string" },
        },
        strict: true,
    });
    const project = values.project ?? readProjectName("Pulumi.yaml", "tempo");
    if (command === "render") {
        if ((values.stack === undefined) === (values.config === undefined)) {
            process.stderr.write(`give exactly one of --stack or --config\n${USAGE}\n`);
            return 2;
        }
        const stack = values.stack ?? values["stack-name"] ?? stackNameOf(values.config as string);
        const file = values.stack !== undefined ? join("stacks", `Pulumi.${values.stack}.yaml`) : (values.config as string);
        if (!existsSync(file)) {
            process.stderr.write(`no such stack file: ${file}\n`);
            return 2;
        }
        const render = await renderProgram(readStackConfig(file), project, stack, clustersFromStackConfig);
        const out = values.out ?? join("out", stack);
        writeRender(render, out);
        process.stdout.write(`rendered ${file} → ${out} (${render.resources.length} resources)\n`);
        return 0;
    }
    process.stderr.write(`${USAGE}\n`);
    return 2;
}

function stackNameOf(path: string): string {
    return basename(resolve(path)).replace(/^Pulumi\./, "").replace(/\.ya?ml$/, "");
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (error) => {
            if (error instanceof TempoClusterArgsError) {
                process.stderr.write(`${error.message}\n`);
            } else {
                process.stderr.write(`render failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
            }
            process.exit(1);
        },
    );
}
