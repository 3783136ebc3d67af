// Where the engines pinned in versions.json live in the cache. Shared by the installer and the engine suite.
"use strict";
const { existsSync, readFileSync } = require("node:fs");
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

/** True when the installer completed the engine's folder. */
function engineReady(root, name, spec) {
    return existsSync(join(engineDir(root, name, spec.version), ".complete"));
}

/** The pinned engines. */
function readEngineVersions(file) {
    return JSON.parse(readFileSync(file, "utf8"));
}

module.exports = { engineCacheRoot, engineDir, engineReady, readEngineVersions };
