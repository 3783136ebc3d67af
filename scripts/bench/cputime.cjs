/**
 * Preloaded with `node --require scripts/bench/cputime.cjs <program> …`: when the process exits, writes its CPU time
 * (user + system, all threads, ms) to stderr as `@@cpu <ms>`. CPU time is far less sensitive than wall time to other
 * load on the machine, so the benchmark reports both.
 */
"use strict";
const { writeSync } = require("node:fs");

process.on("exit", () => {
    const { user, system } = process.cpuUsage();
    writeSync(2, `\n@@cpu ${(user + system) / 1000}\n`);
});
