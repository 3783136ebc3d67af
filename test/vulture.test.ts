/**
 * Tempo Vulture: defaults per profile, the chart values per architecture (push and query URLs, image tag, tenant,
 * retention), its PodMonitor against the chart's pod labels, and its alerts and dashboard row only when it runs.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { planTempoCluster } from "../sdk/args";
import { VULTURE_TARGET } from "../sdk/args/targets";
import { Architecture, Cloud, Profile, type TempoClusterArgs } from "../sdk/args/types";
import { vultureValues } from "../sdk/charts/vulture";
import { monitoringContext } from "../sdk/k8s/monitoringContexts";
import { alertRules, dashboards, VULTURE_METRICS_PORT, vulturePodMonitor } from "../sdk/monitoring";
import { awsArgs } from "./support/harness";

const ctx = { name: "tempo", project: "tempo", stack: "prod" };
const CHART_PACKAGE = join(__dirname, "..", "..", "shared", "reference", "charts", "packages", `${VULTURE_TARGET.chart}-${VULTURE_TARGET.version}.tgz`);
const VULTURE_ALERTS = ["TempoVultureErrors", "TempoVultureNoTraces", "TempoVultureTraceErrors"];

const plan = (args: TempoClusterArgs) => planTempoCluster(args, ctx).spec;
const classic = (overrides: Partial<TempoClusterArgs> = {}) => awsArgs({ architecture: Architecture.Classic, kafka: undefined, ...overrides });
const monolithic = (overrides: Partial<TempoClusterArgs> = {}): TempoClusterArgs => ({
    cloud: Cloud.Local,
    architecture: Architecture.Monolithic,
    local: { filesystem: true },
    ...overrides,
});
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const values = (args: TempoClusterArgs) => vultureValues(plan(args)) as any;

describe("vulture: defaults", () => {
    it("runs in production and not in dev, unless told otherwise", () => {
        assert.ok(plan(awsArgs()).vulture !== undefined);
        assert.equal(plan(awsArgs({ profile: Profile.Dev })).vulture, undefined);
        assert.ok(plan(awsArgs({ profile: Profile.Dev, vulture: { enabled: true } })).vulture !== undefined);
        assert.equal(plan(awsArgs({ vulture: { enabled: false } })).vulture, undefined);
    });

    it("stays off by default when the OTLP gRPC receiver it writes through is off", () => {
        assert.equal(plan(awsArgs({ receivers: { otlpGrpc: false } })).vulture, undefined);
    });

    it("is its own release, `<name>-vulture`, from the pinned chart", () => {
        const vulture = plan(awsArgs()).vulture;
        assert.equal(vulture?.releaseName, "tempo-vulture");
        assert.deepEqual(vulture?.target, { chart: "tempo-vulture", version: "0.13.1", repository: "https://grafana-community.github.io/helm-charts", tempoVersion: "3.0.3" });
        const long = planTempoCluster(awsArgs(), { ...ctx, name: "a".repeat(53) }).spec.vulture;
        assert.ok((long?.releaseName.length ?? 0) <= 53, "a Helm release name is at most 53 characters");
    });
});

describe("vulture: chart values", () => {
    it("writes to the distributor and reads from the query-frontend (distributed, classic), never through the gateway", () => {
        for (const args of [awsArgs(), classic(), awsArgs({ gateway: { enabled: true } })]) {
            const tempoAddress = values(args).tempoAddress;
            assert.deepEqual(tempoAddress, {
                push: "http://tempo-distributor.tempo.svc.cluster.local:4317",
                query: "http://tempo-query-frontend.tempo.svc.cluster.local:3200",
            });
        }
    });

    it("writes to and reads from the single Service (monolithic)", () => {
        assert.deepEqual(values(monolithic({ profile: Profile.Production, local: { filesystem: true } })).tempoAddress, {
            push: "http://tempo.tempo.svc.cluster.local:4317",
            query: "http://tempo.tempo.svc.cluster.local:3200",
        });
    });

    it("runs the image of the Tempo version the architecture runs", () => {
        assert.equal(values(awsArgs()).image.tag, "3.0.3");
        assert.equal(values(classic()).image.tag, "2.9.0");
        assert.equal(values(monolithic({ vulture: { enabled: true } })).image.tag, "2.10.8");
        assert.equal(values(awsArgs({ chart: { version: "3.4.0" } })).image.tag, "3.0.3");
        assert.equal(values(awsArgs()).image.repository, "docker.io/grafana/tempo-vulture");
    });

    it("looks for its traces within the retention, and sends no tenant without multi-tenancy", () => {
        assert.deepEqual(values(awsArgs()).extraArgs, ["-tempo-retention-duration=336h"]);
        assert.deepEqual(values(awsArgs({ retention: "7d" })).extraArgs, ["-tempo-retention-duration=168h"]);
    });

    it("with multi-tenancy writes as the chosen tenant, the first listed one, or tempo-vulture, within its retention", () => {
        const tenants = { "team-b": {}, "team-a": { retention: "30d" } };
        assert.deepEqual(values(awsArgs({ tenants })).extraArgs, ["-tempo-retention-duration=720h", "-tempo-org-id=team-a"]);
        assert.deepEqual(values(awsArgs({ tenants, vulture: { tenant: "team-b" } })).extraArgs, [
            "-tempo-retention-duration=336h",
            "-tempo-org-id=team-b",
        ]);
        assert.deepEqual(values(awsArgs({ multitenancy: true })).extraArgs, ["-tempo-retention-duration=336h", "-tempo-org-id=tempo-vulture"]);
        assert.deepEqual(values(awsArgs({ tenants: { "*": {} } })).extraArgs, ["-tempo-retention-duration=336h", "-tempo-org-id=tempo-vulture"]);
    });

    it("is small, locked down, named after the release, and leaves the chart's PodMonitor off", () => {
        const v = values(awsArgs());
        assert.equal(v.fullnameOverride, "tempo-vulture");
        assert.deepEqual(v.resources, { requests: { cpu: "10m", memory: "32Mi" }, limits: { memory: "128Mi" } });
        assert.equal(v.podSecurityContext.runAsNonRoot, true);
        assert.deepEqual(v.podSecurityContext.seccompProfile, { type: "RuntimeDefault" });
        assert.equal(v.securityContext.readOnlyRootFilesystem, true);
        assert.equal(v.securityContext.allowPrivilegeEscalation, false);
        assert.deepEqual(v.securityContext.capabilities, { drop: ["ALL"] });
        assert.deepEqual(v.podMonitor, { enabled: false });
        assert.deepEqual(v.serviceAccount, { create: true });
    });

    it("refuses to build values for an install without the vulture", () => {
        assert.throws(() => vultureValues(plan(awsArgs({ profile: Profile.Dev }))), /vulture is off/);
    });
});

describe("vulture: monitoring", () => {
    it("alerts and adds the Reads row only when the vulture runs", () => {
        for (const args of [awsArgs(), classic(), monolithic({ profile: Profile.Production })]) {
            const on = monitoringContext(plan(args));
            const off = monitoringContext(plan({ ...args, vulture: { enabled: false } }));
            const names = (rules: { alert: string }[]) => rules.map((rule) => rule.alert).filter((name) => name.startsWith("TempoVulture")).sort();
            assert.deepEqual(names(alertRules(on)), VULTURE_ALERTS, args.architecture ?? "distributed");
            assert.deepEqual(names(alertRules(off)), []);
            const rows = (context: typeof on) => JSON.stringify(dashboards(context)).includes("tempo_vulture_trace_error_total");
            assert.ok(rows(on));
            assert.ok(!rows(off));
            assert.equal(vulturePodMonitor(off), undefined);
        }
    });

    it("fires TempoVultureNoTraces also when the vulture's series are absent", () => {
        const rule = alertRules(monitoringContext(plan(awsArgs()))).find((r) => r.alert === "TempoVultureNoTraces");
        assert.match(rule?.expr ?? "", /absent\(tempo_vulture_trace_total\{cluster="prod", namespace="tempo"\}\)/);
    });

    it("scrapes the vulture's pods with the cluster and namespace labels", () => {
        const monitor = vulturePodMonitor(monitoringContext(plan(awsArgs()))) as any;
        assert.equal(monitor.kind, "PodMonitor");
        assert.deepEqual(monitor.spec.selector.matchLabels, { "app.kubernetes.io/instance": "tempo-vulture", "app.kubernetes.io/name": "tempo-vulture" });
        const endpoint = monitor.spec.podMetricsEndpoints[0];
        assert.equal(endpoint.port, VULTURE_METRICS_PORT);
        const targets = endpoint.relabelings.map((r: { targetLabel: string }) => r.targetLabel);
        for (const label of ["job", "cluster", "namespace", "pod", "container"]) {
            assert.ok(targets.includes(label), label);
        }
    });

    it("selects the labels and port the chart gives the vulture's pods, when the chart package is present", function () {
        if (!existsSync(CHART_PACKAGE)) {
            this.skip();
        }
        const read = (file: string) => execFileSync("tar", ["-xzOf", CHART_PACKAGE, `tempo-vulture/${file}`], { encoding: "utf8" });
        const helpers = read("templates/_helpers.tpl");
        const selector = /define "tempo-vulture\.selectorLabels" -}}([\s\S]*?){{- end }}/.exec(helpers)?.[1] ?? "";
        assert.match(selector, /app\.kubernetes\.io\/name: {{ include "tempo-vulture\.name" \. }}/);
        assert.match(selector, /app\.kubernetes\.io\/instance: {{ \.Release\.Name }}/);
        assert.match(read("Chart.yaml"), /^name: tempo-vulture$/m);
        const deployment = read("templates/deployment.yaml");
        assert.match(deployment, /include "tempo-vulture\.selectorLabels"/);
        assert.match(deployment, new RegExp(`containerPort: 8080\\s+name: ${VULTURE_METRICS_PORT}`));
    });
});
