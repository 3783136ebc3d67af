/**
 * Real engines, the Tempo Vulture alerts under `promtool test rules`: the PrometheusRule the component renders for
 * the `prod` stack, evaluated by Prometheus's own rule engine over the series a vulture exports (names and `error`
 * values from `cmd/tempo-vulture` of the pinned Tempo). A healthy vulture raises nothing; one whose query path breaks
 * (every read and search fails: `tempo_vulture_error_total` and `trace_error_total{error="requestfailed"}` rise) fires
 * `TempoVultureErrors` and `TempoVultureTraceErrors` after their `for`; a vulture that stops being scraped fires
 * `TempoVultureNoTraces`. The vulture binary itself cannot be built here (docs/testing.md), so its series are written
 * out, not scraped.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { dump } from "js-yaml";
import { engineBinary, REPO_ROOT } from "./support/engines";
import { ENGINE_OUT, renderCase } from "./support/render";

const run = promisify(execFile);

/** The render's stack name, which is also the `cluster` label its rules select (the default `monitoring.clusterLabel`). */
const STACK = "vulture-alerts";
/** The labels the vulture's series carry once the component's PodMonitor scraped them (`cluster` from its relabelling). */
const SERIES = `cluster="${STACK}", namespace="tempo", job="tempo/tempo-vulture", pod="tempo-vulture-5d9c7b7b4-x2x7q"`;
const HEALTHY_MINUTES = 40;
const BROKEN_MINUTES = 50;

/** A counter's promtool series notation: flat for `flat` samples, then rising by `step` per minute for `rising`. */
function counter(flat: number, rising: number, step: number): string {
    return `0+0x${flat} 0+${step}x${rising}`;
}

describe("real engines: the vulture alerts under promtool test rules", function () {
    let rulesFile: string;
    let workDir: string;

    before(async function () {
        const rendered = await renderCase({ name: STACK, stackFile: join(REPO_ROOT, "stacks", "Pulumi.prod.yaml") });
        const rule = Object.values(rendered.manifests).find((object) => object.kind === "PrometheusRule");
        assert.ok(rule, "the prod render holds a PrometheusRule");
        // Firing is what this checks; the annotations' templates are checked by `promtool check rules` in the suite.
        const groups = (rule.spec.groups as { name: string; rules: Record<string, unknown>[] }[]).map((group) => ({
            ...group,
            rules: group.rules.map(({ annotations: _annotations, ...rest }) => rest),
        }));
        assert.ok(groups.some((group) => group.rules.some((r) => r.alert === "TempoVultureErrors")), "the vulture's alerts are in the rule");
        workDir = join(ENGINE_OUT, "vulture-alerts", "promtool");
        mkdirSync(workDir, { recursive: true });
        rulesFile = join(workDir, "rules.yaml");
        writeFileSync(rulesFile, dump({ groups }, { noRefs: true, lineWidth: -1 }));
    });

    async function promtoolTest(name: string, series: { series: string; values: string }[], alerts: { at: string; alertname: string; exp: Record<string, string>[] }[]) {
        const file = join(workDir, `${name}.test.yaml`);
        const scope = { severity: "", cluster: STACK, namespace: "tempo" };
        writeFileSync(
            file,
            dump(
                {
                    rule_files: [rulesFile],
                    evaluation_interval: "1m",
                    tests: [
                        {
                            interval: "1m",
                            input_series: series,
                            alert_rule_test: alerts.map(({ at, alertname, exp }) => ({
                                eval_time: at,
                                alertname,
                                exp_alerts: exp.map((labels) => ({ exp_labels: { ...scope, ...labels } })),
                            })),
                        },
                    ],
                },
                { noRefs: true, lineWidth: -1 },
            ),
        );
        try {
            await run(engineBinary("promtool"), ["test", "rules", file]);
        } catch (error) {
            const failure = error as { stdout?: string; stderr?: string };
            assert.fail(`promtool test rules ${name}:\n${failure.stdout ?? ""}${failure.stderr ?? ""}`);
        }
    }

    it("a healthy vulture raises nothing; a broken query path fires TempoVultureErrors and TempoVultureTraceErrors", async () => {
        const total = HEALTHY_MINUTES + BROKEN_MINUTES;
        await promtoolTest(
            "query-path-broken",
            [
                // Four traces inspected a minute throughout: the vulture keeps asking.
                { series: `tempo_vulture_trace_total{${SERIES}}`, values: `0+4x${total}` },
                // After the break every read and search fails: three failed requests a minute, each inspected trace a failed request.
                { series: `tempo_vulture_error_total{${SERIES}}`, values: counter(HEALTHY_MINUTES, BROKEN_MINUTES, 3) },
                { series: `tempo_vulture_trace_error_total{${SERIES}, error="requestfailed"}`, values: counter(HEALTHY_MINUTES, BROKEN_MINUTES, 4) },
                { series: `tempo_vulture_trace_error_total{${SERIES}, error="notfound_byid"}`, values: `0+0x${total}` },
            ],
            [
                { at: `${HEALTHY_MINUTES - 5}m`, alertname: "TempoVultureErrors", exp: [] },
                { at: `${HEALTHY_MINUTES - 5}m`, alertname: "TempoVultureTraceErrors", exp: [] },
                { at: `${HEALTHY_MINUTES - 5}m`, alertname: "TempoVultureNoTraces", exp: [] },
                // Pending, not firing, before the `for` of 15 minutes has passed.
                { at: `${HEALTHY_MINUTES + 5}m`, alertname: "TempoVultureErrors", exp: [] },
                { at: `${HEALTHY_MINUTES + 30}m`, alertname: "TempoVultureErrors", exp: [{ severity: "warning" }] },
                { at: `${HEALTHY_MINUTES + 30}m`, alertname: "TempoVultureTraceErrors", exp: [{ severity: "critical", error: "requestfailed" }] },
                { at: `${HEALTHY_MINUTES + 30}m`, alertname: "TempoVultureNoTraces", exp: [] },
            ],
        );
    });

    it("a vulture that stops inspecting traces, or is no longer scraped, fires TempoVultureNoTraces", async () => {
        await promtoolTest(
            "no-traces",
            [
                // Inspects for 20 minutes, then its counter stands still.
                { series: `tempo_vulture_trace_total{${SERIES}}`, values: `0+4x20 80+0x60` },
            ],
            [
                { at: "15m", alertname: "TempoVultureNoTraces", exp: [] },
                { at: "60m", alertname: "TempoVultureNoTraces", exp: [{ severity: "warning" }] },
            ],
        );
        await promtoolTest(
            "not-scraped",
            [{ series: `tempo_rate_limited_total{${SERIES}}`, values: "0+0x60" }],
            [{ at: "30m", alertname: "TempoVultureNoTraces", exp: [{ severity: "warning" }] }],
        );
    });
});
