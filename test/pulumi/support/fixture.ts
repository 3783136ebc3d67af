/**
 * One Pulumi engine and one cluster for the whole suite (loaded with `--require` by test/pulumi/.mocharc.json, so its
 * root hook stops the cluster after the last test).
 */
import type { LocalApiServer } from "../../engines/support/apiserver";
import { join } from "node:path";
import { REPO_ROOT } from "../../engines/support/engines";
import { startCluster } from "./cluster";
import type { PulumiCase } from "./stacks";
import { PulumiEngine, type TestStack } from "./workspace";

export interface PulumiFixture {
    readonly engine: PulumiEngine;
    readonly server: LocalApiServer;
}

let shared: Promise<PulumiFixture> | undefined;

/** The suite's engine and cluster, set up on first use. */
export function pulumiFixture(): Promise<PulumiFixture> {
    shared ??= (async () => ({ engine: await PulumiEngine.setup(), server: await startCluster() }))();
    return shared;
}

/** The repository's program (`stacks/index.ts`), loaded afresh for every run (the Automation API runs it in-process). */
export function repositoryProgram(): () => Promise<Record<string, unknown>> {
    const entry = require.resolve(join(REPO_ROOT, "stacks", "index.ts"));
    return async () => {
        delete require.cache[entry];
        return { ...(require(entry) as Record<string, unknown>) };
    };
}

/** A new stack of a case, running the repository's program against the suite's cluster, its secrets set. */
export async function caseStack(fixture: PulumiFixture, testCase: PulumiCase, projectFile?: (text: string) => string): Promise<TestStack> {
    const stack = await fixture.engine.createStack(testCase.name, testCase.config, repositoryProgram(), projectFile);
    await stack.stack.setConfig("tempo:kubeconfig", { value: fixture.server.kubeconfig(), secret: true });
    for (const [key, value] of Object.entries(testCase.secrets)) {
        await stack.stack.setConfig(key, { value, secret: true });
    }
    return stack;
}

export const mochaHooks = {
    async afterAll(): Promise<void> {
        if (shared !== undefined) {
            await (await shared).server.stop();
        }
    },
};
