#!/usr/bin/env node
// Runs a compiled entry point of bin/ (e.g. the render CLI), compiling first only when a source is newer than the
// last build: `npm run render` then costs the render, not a type-check of the whole project.
//
//   node scripts/compiled.mjs <path under bin/> [args...]
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// Written after each successful build (tsc leaves its own build info untouched when nothing changed).
const stamp = join(root, "bin", ".sources-built");

/** The newest modification time of the TypeScript sources and configs the build reads. */
function newestSource() {
    let newest = 0;
    const visit = (path) => {
        const stat = statSync(path);
        if (stat.isDirectory()) {
            for (const entry of readdirSync(path)) {
                visit(join(path, entry));
            }
        } else if (/\.(ts|json)$/.test(path)) {
            newest = Math.max(newest, stat.mtimeMs);
        }
    };
    for (const source of ["sdk", "stacks", "index.ts", "tsconfig.json", "package.json"]) {
        if (existsSync(join(root, source))) {
            visit(join(root, source));
        }
    }
    return newest;
}

/** Compiles sdk/ and stacks/ into bin/ when a source changed since the last build; exits on a compile error. */
export function ensureBuilt() {
    if (existsSync(stamp) && newestSource() <= statSync(stamp).mtimeMs) {
        return;
    }
    const tsc = spawnSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.json")], { stdio: "inherit" });
    if (tsc.status !== 0) {
        process.exit(tsc.status ?? 1);
    }
    writeFileSync(stamp, "built\n");
}

/** Runs a compiled entry point with arguments; returns its exit code. */
export function runCompiled(entry, args) {
    return spawnSync(process.execPath, [join(root, "bin", entry), ...args], { stdio: "inherit", cwd: root }).status ?? 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const [entry, ...args] = process.argv.slice(2);
    if (!entry) {
        console.error("usage: node scripts/compiled.mjs <path under bin/> [args...]");
        process.exit(2);
    }
    ensureBuilt();
    process.exit(runCompiled(entry, args));
}
