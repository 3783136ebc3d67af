// Where the engines pinned in versions.json live in the cache. Shared by the installer and the engine suite.
"use strict";
const { createHash } = require("node:crypto");
const { existsSync, readdirSync, readFileSync } = require("node:fs");
const { homedir } = require("node:os");
const { join, resolve } = require("node:path");

/** The cache root: $TEMPO_CLUSTER_ENGINES, or ~/.cache/tempo-cluster/engines. */
function engineCacheRoot() {
    const configured = process.env.TEMPO_CLUSTER_ENGINES;
    return configured ? resolve(configured) : join(homedir(), ".cache", "tempo-cluster", "engines");
}

/** The folder of one engine version. */
function engineDir(root, name, version) {
    return join(root, `${name}-${version}`);
}

/**
 * What the installer writes into `.complete`: the engine, its version and a digest of how it is built (everything of
 * its versions.json entry but the explanation), so a changed build recipe rebuilds the same version.
 */
function completionStamp(name, spec) {
    const { why: _why, ...recipe } = spec;
    const hash = createHash("sha256").update(JSON.stringify(recipe));
    if (spec.goLocalBuild) {
        // An engine built from this repository's own sources also changes with them.
        const dir = join(__dirname, "..", "..", spec.goLocalBuild.dir);
        for (const file of readdirSync(dir).sort()) {
            hash.update(file).update(readFileSync(join(dir, file)));
        }
    }
    return `${name} ${spec.version} ${hash.digest("hex").slice(0, 16)}\n`;
}

/** True when the installer completed the engine's folder with the pinned recipe. */
function engineReady(root, name, spec) {
    const stamp = join(engineDir(root, name, spec.version), ".complete");
    return existsSync(stamp) && readFileSync(stamp, "utf8") === completionStamp(name, spec);
}

/** The pinned engines. */
function readEngineVersions(file) {
    return JSON.parse(readFileSync(file, "utf8"));
}

module.exports = { completionStamp, engineCacheRoot, engineDir, engineReady, readEngineVersions };
