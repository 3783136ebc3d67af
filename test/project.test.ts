/**
 * Pulumi.yaml against the Pulumi CLI's rule for project config (pkg/workspace/config.go, `mergeConfig` with
 * validation, run by `up`, `preview`, `destroy` and `refresh`): a key declared in the project's namespace with
 * neither `default` nor `value` is required, and a stack that does not set it is refused before the program runs.
 * Credentials the program reads must be stored as secrets.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { load } from "js-yaml";
import { plaintextCredentialProblems } from "../sdk/program";
import { committedStackNames } from "./support/files";

const ROOT = join(__dirname, "..");

interface ProjectFile {
    name: string;
    config?: Record<string, { default?: unknown; value?: unknown; secret?: boolean } | string>;
}

/** The keys a stack must set for the CLI to start it: what `mergeConfig` reports as missing. */
function missingKeys(project: ProjectFile, stackConfig: Record<string, unknown>): string[] {
    const missing: string[] = [];
    for (const [declared, type] of Object.entries(project.config ?? {})) {
        const key = declared.includes(":") ? declared : `${project.name}:${declared}`;
        const namespace = key.slice(0, key.indexOf(":"));
        const hasDefault = typeof type === "object" && type !== null && (type.default !== undefined || type.value !== undefined);
        if (namespace === project.name && !hasDefault && !(key in stackConfig)) {
            missing.push(declared);
        }
    }
    return missing.sort();
}

function stackConfig(stack: string): Record<string, unknown> {
    const file = load(readFileSync(join(ROOT, "stacks", `Pulumi.${stack}.yaml`), "utf8")) as { config?: Record<string, unknown> };
    return file.config ?? {};
}

describe("Pulumi.yaml and the CLI's config validation", () => {
    const project = load(readFileSync(join(ROOT, "Pulumi.yaml"), "utf8")) as ProjectFile;

    for (const stack of committedStackNames(join(ROOT, "stacks"))) {
        it(`lets the CLI start stack ${stack}: no declared key is missing`, () => {
            assert.deepEqual(missingKeys(project, stackConfig(stack)), []);
        });
    }

    it("applies the rule as the CLI does: declared keys without a default are required, defaults and other namespaces are not", () => {
        // The declarations every stack was refused for: `cluster` and `clusters` cannot both be set.
        const before: ProjectFile = {
            name: "tempo",
            config: {
                cluster: { secret: false },
                clusters: {},
                name: { default: "tempo" },
                kubeconfig: { secret: true },
                "aws:region": {},
            },
        };
        assert.deepEqual(missingKeys(before, { "tempo:cluster": {} }), ["clusters", "kubeconfig"]);
        assert.deepEqual(missingKeys(before, { "tempo:clusters": {}, "tempo:kubeconfig": "x" }), ["cluster"]);
    });

    it("declares every key with its default, and the program reads only declared or documented keys", () => {
        for (const [key, type] of Object.entries(project.config ?? {})) {
            assert.ok(typeof type === "object" && type.default !== undefined, `${key} has a default`);
        }
        const text = readFileSync(join(ROOT, "Pulumi.yaml"), "utf8");
        for (const key of ["cluster", "clusters", "kubeconfig", "kafkaSaslPassword", "remoteWritePassword", "localSecretAccessKey"]) {
            assert.match(text, new RegExp(`tempo:${key}\\b`), `Pulumi.yaml documents tempo:${key}`);
        }
    });
});

describe("credentials in stack config", () => {
    const configWith = (values: Record<string, string>) => {
        pulumi.runtime.setAllConfig(values);
        return new pulumi.Config("tempo");
    };

    it("refuses credentials stored in plain text, naming the command that encrypts them", () => {
        const config = configWith({ "tempo:kubeconfig": "apiVersion: v1", "tempo:kafkaSaslPassword": "hunter2", "tempo:remoteWritePassword": "x" });
        const secret = new Set(["tempo:remoteWritePassword"]);
        const problems = plaintextCredentialProblems(config, (key) => secret.has(key));
        assert.deepEqual(problems.map((p) => p.path), ["kubeconfig", "kafkaSaslPassword"]);
        assert.match(problems[1].message, /pulumi config set --secret tempo:kafkaSaslPassword/);
    });

    it("accepts secrets and absent keys", () => {
        const config = configWith({ "tempo:kafkaSaslPassword": "hunter2" });
        assert.deepEqual(plaintextCredentialProblems(config, () => true), []);
        assert.deepEqual(plaintextCredentialProblems(configWith({}), () => false), []);
    });
});
