#!/usr/bin/env node
// Re-renders every committed stack (stacks/Pulumi.<stack>.yaml) into test/golden/<stack>, one process per stack (the
// mock runtime is process-global). `npm run render:update`; a contributor's command, not part of the package's CLI.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { ensureBuilt, root, runCompiled } from "./compiled.mjs";

ensureBuilt();
const stacks = readdirSync(join(root, "stacks"))
    .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
    .filter((name) => name !== undefined)
    .sort();
for (const stack of stacks) {
    const status = runCompiled("sdk/render/cli.js", ["render", "--stack", stack, "--out", join("test", "golden", stack)]);
    if (status !== 0) {
        process.exit(status);
    }
}
