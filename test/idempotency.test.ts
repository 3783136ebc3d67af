import assert from "node:assert/strict";
import { Cloud, DatasourceMode, type TempoClusterArgs } from "../sdk/args/types";
import { awsArgs, construct } from "./support/harness";

const local = (overrides: Partial<TempoClusterArgs> = {}): TempoClusterArgs => ({ cloud: Cloud.Local, profile: "dev", ...overrides });

/** Paths of empty maps under `metadata` of an object's inputs. */
function emptyMetadataMaps(inputs: Record<string, unknown>): string[] {
    const metadata = (inputs.metadata ?? {}) as Record<string, unknown>;
    return Object.entries(metadata)
        .filter(([, value]) => typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0)
        .map(([key]) => `metadata.${key}`);
}

/** Paths of container environment variables given an empty value, anywhere under `value`. */
function emptyEnvValues(value: unknown, path: string): string[] {
    if (Array.isArray(value)) {
        return value.flatMap((item, index) => emptyEnvValues(item, `${path}[${index}]`));
    }
    if (typeof value === "object" && value !== null) {
        const record = value as Record<string, unknown>;
        const own = typeof record.name === "string" && record.value === "" ? [`${path} (${record.name})`] : [];
        return [...own, ...Object.entries(record).flatMap(([key, item]) => emptyEnvValues(item, `${path}.${key}`))];
    }
    return [];
}

/** Paths of empty lists anywhere under `value`. */
function emptyLists(value: unknown, path: string): string[] {
    if (Array.isArray(value)) {
        return value.length === 0 ? [path] : value.flatMap((item, index) => emptyLists(item, `${path}[${index}]`));
    }
    if (typeof value === "object" && value !== null) {
        return Object.entries(value).flatMap(([key, item]) => emptyLists(item, `${path}.${key}`));
    }
    return [];
}

describe("a second preview shows no changes", () => {
    // The API server drops an empty labels or annotations map, so the provider would show `+ labels: {}` on every
    // preview after the first `pulumi up` (seen on a GrafanaDatasource by the real-engine suite).
    const configurations: [string, TempoClusterArgs][] = [
        ["aws", awsArgs()],
        ["local", local()],
        ["grafana-operator", local({ grafana: { datasource: DatasourceMode.GrafanaOperator, instanceSelector: { dashboards: "grafana" } } })],
        ["configmap with gateway", local({ gateway: { enabled: true, basicAuth: false } })],
        ["monolithic", local({ architecture: "monolithic", local: { filesystem: true } })],
        ["monolithic with the metrics generator", local({ architecture: "monolithic", local: { filesystem: true }, metricsGenerator: { remoteWriteUrl: "http://prometheus.monitoring.svc:9090/api/v1/write" } })],
        ["classic", local({ architecture: "classic" })],
    ];
    for (const [title, args] of configurations) {
        it(`sends no empty metadata map in any Kubernetes object (${title})`, async () => {
            const { render } = await construct(args);
            const objects = render.resources.filter((r) => r.custom && r.type.startsWith("kubernetes:") && !r.type.startsWith("kubernetes:helm.sh"));
            assert.ok(objects.length > 0);
            const found = objects.flatMap((r) => emptyMetadataMaps(r.inputs).map((path) => `${r.name}: ${path}`));
            assert.deepEqual(found, []);
        });

        // The provider drops `value: ""` from an environment variable (found by the real `pulumi up` suite on the storage
        // preflight's AWS_PAGER): the render and the state differed. A variable without a value is empty in the pod too.
        it(`sends no environment variable with an empty value in any Kubernetes object (${title})`, async () => {
            const { render } = await construct(args);
            const objects = render.resources.filter((r) => r.custom && r.type.startsWith("kubernetes:") && !r.type.startsWith("kubernetes:helm.sh"));
            assert.deepEqual(objects.flatMap((r) => emptyEnvValues(r.inputs, r.name)), []);
        });

        // The provider drops an empty list from a release's values (found by the real-engine suite on the monolithic
        // generator's dimensions): the render would promise Helm a value Helm never gets.
        it(`sends no empty list in any Helm release's values (${title})`, async () => {
            const { render } = await construct(args);
            const releases = render.resources.filter((r) => r.type.startsWith("kubernetes:helm.sh"));
            assert.ok(releases.length > 0);
            assert.deepEqual(releases.flatMap((r) => emptyLists(r.inputs.values, `${r.name}.values`)), []);
        });
    }
});
