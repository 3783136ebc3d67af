/**
 * The package as consumers receive it: scripts that run in their installs, the commands it puts on their PATH, the
 * version its doc links point at.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_RUNBOOK_URL } from "../sdk/args/resolution/resolve";
import { PACKAGE_VERSION } from "../sdk/version";

const ROOT = join(__dirname, "..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));

describe("packaging", () => {
    it("runs no build in consumers' installs: the compiled SDK is built when packing", () => {
        for (const hook of ["prepare", "preinstall", "install", "postinstall"]) {
            assert.equal(pkg.scripts[hook], undefined, `${hook} runs in every install of the package`);
        }
        assert.match(pkg.scripts.prepack, /tsc/);
    });

    it("puts only the consumer-facing render command on the PATH", () => {
        assert.deepEqual(pkg.bin, { "tempo-cluster": "bin/sdk/render/cli.js" });
        const cli = readFileSync(join(ROOT, "sdk", "render", "cli.ts"), "utf8");
        assert.doesNotMatch(cli, /update-golden|test\/golden/, "golden updates are a repository script");
        assert.match(pkg.scripts["render:update"], /scripts\/update-golden\.mjs/);
    });

    it("links alerts to the runbooks of the installed release", () => {
        assert.equal(PACKAGE_VERSION, pkg.version, "sdk/version.ts follows package.json");
        assert.equal(DEFAULT_RUNBOOK_URL, `https://github.com/tempo-cluster/tempo-cluster/blob/v${pkg.version}/docs/runbooks.md`);
    });

    it("has README links that work on the registry page: shipped files, or the docs of this release's tag", () => {
        const readme = readFileSync(join(ROOT, "README.md"), "utf8");
        const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]);
        assert.ok(links.length > 10);
        for (const link of links) {
            if (/^https?:\/\//.test(link)) {
                if (link.includes("github.com/tempo-cluster/tempo-cluster/")) {
                    assert.match(link, new RegExp(`/blob/v${pkg.version.replace(/\./g, "\\.")}/`), `${link} points at this release's tag`);
                }
                continue;
            }
            const file = link.split("#")[0];
            assert.ok(pkg.files.includes(file), `${link}: relative links must name a file the package ships (${pkg.files.join(", ")})`);
        }
    });

    it("keeps a changelog entry for the current version", () => {
        const changelog = readFileSync(join(ROOT, "CHANGELOG.md"), "utf8");
        assert.match(changelog, new RegExp(`^## ${pkg.version.replace(/\./g, "\\.")}\\b`, "m"));
    });
});
