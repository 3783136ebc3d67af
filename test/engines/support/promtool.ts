/** `promtool check rules` on the rule groups of a PrometheusRule, with the real Prometheus rule checker. */
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { dump } from "js-yaml";
import { engineBinary } from "./engines";
import type { KubeObject } from "./render";

const run = promisify(execFile);

/** promtool's complaint about a PrometheusRule's groups, or `undefined` when it accepts them. */
export async function checkRules(rule: KubeObject, workDir: string): Promise<string | undefined> {
    mkdirSync(workDir, { recursive: true });
    const file = join(workDir, `${rule.metadata.namespace ?? "default"}-${rule.metadata.name}.rules.yaml`);
    writeFileSync(file, dump({ groups: rule.spec?.groups ?? [] }, { noRefs: true, lineWidth: -1 }));
    try {
        await run(engineBinary("promtool"), ["check", "rules", file]);
        return undefined;
    } catch (error) {
        const failure = error as { stdout?: string; stderr?: string; message: string };
        return [failure.stdout, failure.stderr].filter(Boolean).join("\n").trim() || failure.message;
    }
}
