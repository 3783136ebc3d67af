/**
 * Args that come from other resources: outputs are accepted where the args name something outside the component, are
 * checked when they resolve (same rules, same field-named messages), and the component then registers exactly what
 * the same program with plain values registers. In a preview they may stay unknown.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { TempoCluster } from "../sdk/tempoCluster";
import { collect, type RenderedResource } from "../sdk/render/render";
import { recordRegistrations } from "../sdk/render/mocks";
import { TempoClusterMocks } from "../sdk/testing";
import type { TempoClusterArgs } from "../sdk/args/types";

const ACCOUNT = "123456789012";
const ISSUER = "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC123";
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123`;
const external = { mode: "external" as const, brokers: ["kafka.internal:9092"] };

/** Stands for the EKS cluster (or a stack reference) whose outputs the program passes in. */
class Upstream extends pulumi.CustomResource {
    declare readonly clusterName: pulumi.Output<string>;
    declare readonly accountId: pulumi.Output<string>;
    declare readonly oidcProviderArn: pulumi.Output<string>;
    declare readonly oidcIssuerUrl: pulumi.Output<string>;
    constructor(name: string) {
        super("test:index:Upstream", name, { clusterName: undefined, accountId: undefined, oidcProviderArn: undefined, oidcIssuerUrl: undefined });
    }
}

interface Run {
    readonly resources: RenderedResource[];
    readonly errors: string[];
}

/**
 * Runs a program under the exported mocks. `upstream` gives the Upstream's outputs (omitted: unknown in a preview).
 */
async function run(preview: boolean, args: (upstream: Upstream) => TempoClusterArgs, upstream?: Record<string, string>): Promise<Run> {
    await pulumi.runtime.setMocks(
        new TempoClusterMocks({ newResource: (a) => (a.type === "test:index:Upstream" ? { state: upstream ?? {} } : undefined) }),
        "tempo",
        "test",
        preview,
    );
    const registrations = recordRegistrations();
    const errors: string[] = [];
    const onRejection = (reason: unknown) => errors.push(String((reason as Error)?.message ?? reason));
    process.on("unhandledRejection", onRejection);
    try {
        new TempoCluster("tempo", args(new Upstream("eks")));
        const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs: () => Promise<void> };
        await settings.waitForRPCs().catch((error: Error) => errors.push(error.message));
        await new Promise((resolve) => setImmediate(resolve));
    } finally {
        process.off("unhandledRejection", onRejection);
    }
    // Inputs from the Upstream add it as a dependency (as Pulumi does); otherwise the resources must be identical.
    const resources = collect(registrations)
        .resources.filter((r) => r.type !== "test:index:Upstream")
        .map((r) => ({ ...r, options: { ...r.options, dependsOn: r.options.dependsOn.filter((d) => d !== "eks") } }));
    return { resources, errors };
}

const fromOutputs = (u: Upstream): TempoClusterArgs => ({
    cloud: "aws",
    aws: { region: "eu-west-1", clusterName: u.clusterName, accountId: u.accountId },
    kafka: external,
});
const plain: TempoClusterArgs = { cloud: "aws", aws: { region: "eu-west-1", clusterName: "prod-eks", accountId: ACCOUNT }, kafka: external };

describe("args from other resources' outputs", () => {
    it("registers the same resources with the same inputs as the program with plain values", async () => {
        const outputs = await run(false, fromOutputs, { clusterName: "prod-eks", accountId: ACCOUNT });
        const values = await run(false, () => plain);
        assert.deepEqual(outputs.errors, []);
        assert.deepEqual(outputs.resources, values.resources);
    });

    it("takes the OIDC provider and issuer from outputs too", async () => {
        const args = (u: Upstream): TempoClusterArgs => ({
            cloud: "aws",
            aws: { region: "eu-west-1", accountId: u.accountId, oidcProviderArn: u.oidcProviderArn, oidcIssuerUrl: u.oidcIssuerUrl },
            kafka: external,
        });
        const outputs = await run(false, args, { accountId: ACCOUNT, oidcProviderArn: PROVIDER, oidcIssuerUrl: ISSUER });
        const values = await run(false, () => ({ cloud: "aws", aws: { region: "eu-west-1", accountId: ACCOUNT, oidcProviderArn: PROVIDER, oidcIssuerUrl: ISSUER }, kafka: external }));
        assert.deepEqual(outputs.errors, []);
        assert.deepEqual(outputs.resources, values.resources);
        const trust = JSON.parse(outputs.resources.find((r) => r.name === "tempo-role")?.inputs.assumeRolePolicy as string);
        assert.equal(trust.Statement[0].Principal.Federated, PROVIDER);
    });

    it("takes the Kafka bootstrap and SASL user, the remote-write target and the gateway's host from outputs", async () => {
        const features = (value: (text: string) => pulumi.Input<string>): TempoClusterArgs => ({
            cloud: "aws",
            aws: { region: "eu-west-1", clusterName: "prod-eks" },
            kafka: { mode: "external", brokers: [value("b-1.msk.internal:9092")], saslUsername: value("tempo"), saslPassword: "pw" },
            metricsGenerator: { remoteWriteUrl: value("http://prometheus.monitoring:9090/api/v1/write"), remoteWriteUsername: value("tempo"), remoteWritePassword: "rw" },
            gateway: { host: value("tempo.example.com"), tlsSecretName: value("tempo-tls") },
        });
        const outputs = await run(false, (u) => features((text) => u.id.apply(() => text)));
        const values = await run(false, () => features((text) => text));
        assert.deepEqual(outputs.errors, []);
        assert.deepEqual(outputs.resources, values.resources);
        const helm = outputs.resources.find((r) => r.name === "tempo-helm")?.inputs.values as any;
        assert.equal(helm.ingest.kafka.address, "b-1.msk.internal:9092");
        assert.equal(helm.gateway.ingress.hosts[0].host, "tempo.example.com");
    });

    it("takes GCP projects, Azure resource groups, cluster and vault ids, and an existing bucket from outputs", async () => {
        const gcp = (value: (text: string) => pulumi.Input<string>): TempoClusterArgs => ({
            cloud: "gcp",
            gcp: { project: value("acme-observability"), location: "europe-west1", clusterProject: value("acme-platform") },
            storage: { existingBucket: value("acme-traces") },
            kafka: external,
        });
        const azure = (value: (text: string) => pulumi.Input<string>): TempoClusterArgs => ({
            cloud: "azure",
            azure: {
                resourceGroupName: value("observability"),
                location: "westeurope",
                clusterName: value("prod-aks"),
                clusterResourceGroupName: value("platform"),
                keyVaultId: value("/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/tempo-kv"),
            },
            storage: { encryptionKey: "https://tempo-kv.vault.azure.net/keys/traces/0a1b2c" },
            kafka: external,
        });
        for (const args of [gcp, azure]) {
            const outputs = await run(false, (u) => args((text) => u.id.apply(() => text)));
            const values = await run(false, () => args((text) => text));
            assert.deepEqual(outputs.errors, []);
            assert.deepEqual(outputs.resources, values.resources);
        }
    });

    it("takes Grafana's namespace and the linked datasource uids from outputs, in every datasource mode", async () => {
        for (const datasource of ["configmap", "grafana-operator", "grafana-api"] as const) {
            const args = (value: (text: string) => pulumi.Input<string>): TempoClusterArgs => ({
                ...plain,
                metricsGenerator: { remoteWriteUrl: "http://prometheus.monitoring:9090/api/v1/write" },
                gateway: { enabled: true, basicAuth: true },
                grafana: {
                    datasource,
                    namespace: value("observability"),
                    lokiUid: value("loki"),
                    prometheusUid: value("mimir"),
                    pyroscopeUid: value("pyroscope"),
                    ...(datasource === "grafana-operator" ? { instanceSelector: { dashboards: "grafana" } } : {}),
                },
            });
            const outputs = await run(false, (u) => args((text) => u.id.apply(() => text)));
            const values = await run(false, () => args((text) => text));
            assert.deepEqual(outputs.errors, [], datasource);
            assert.deepEqual(outputs.resources, values.resources, datasource);
        }
    });

    it("checks every output when it resolves: a broker address without a port fails at its index", async () => {
        const result = await run(false, (u) => ({
            cloud: "aws",
            aws: { region: "eu-west-1", clusterName: "prod-eks" },
            kafka: { mode: "external", brokers: [u.id.apply(() => "b-1.msk.internal")] },
        }));
        assert.ok(result.errors.some((e) => /args\.kafka\.brokers\[0\]: "b-1\.msk\.internal" must be host:port/.test(e)), result.errors.join("\n"));
        assert.ok(!result.resources.some((r) => r.name === "tempo-helm"));
    });

    it("previews with unknown values: the same resources register, the unknowns stay unknown", async () => {
        const preview = await run(true, fromOutputs);
        const known = await run(true, () => plain);
        assert.deepEqual(preview.errors, []);
        assert.deepEqual(preview.resources.map((r) => r.name), known.resources.map((r) => r.name));
        const helm = preview.resources.find((r) => r.name === "tempo-helm");
        assert.equal(helm?.inputs.values, "[unknown]", "the release waits for the checks, so its values are unknown in this preview");
    });

    it("fails a value that resolves invalid with the field-named message, and never installs Tempo with it", async () => {
        const result = await run(false, fromOutputs, { clusterName: "prod-eks", accountId: "12345" });
        assert.ok(result.errors.some((e) => /args\.aws\.accountId: must be the 12-digit AWS account id/.test(e)), result.errors.join("\n"));
        assert.ok(!result.resources.some((r) => r.name === "tempo-helm"), "the Helm release is not registered");
    });

    it("refuses an output where the component needs a plain value to shape its resources", () => {
        assert.throws(
            () => new TempoCluster("tempo", { ...plain, zones: pulumi.output(["eu-west-1a"]) as never }),
            /args\.zones: must be an array/,
        );
    });
});
