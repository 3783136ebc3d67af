/**
 * What consumers test with: the exported mocks answer every provider function the component calls and take the
 * program's own answers; with mocks that echo inputs back, a missing answer is reported by name, not as a TypeError.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { TempoCluster } from "../sdk/tempoCluster";
import { Cloud, KafkaMode } from "../sdk/args/types";
import { TempoClusterMocks } from "../sdk/testing";
import { invokeField } from "../sdk/util/invokeResult";
import { recordRegistrations } from "../sdk/render/mocks";
import { settle, valueOf } from "./support/harness";

const external = { mode: KafkaMode.External, brokers: ["kafka.internal:9092"] };

/** Resolves an output's value or its failure (Output has no public promise; apply runs on known values only). */
function outcome<T>(output: pulumi.Output<T>): Promise<{ value?: T; error?: Error }> {
    return (output as any).promise().then(
        (value: T) => ({ value }),
        (error: Error) => ({ error }),
    );
}

describe("testing support for consumers", () => {
    it("answers every provider function of every cloud, so a component under the exported mocks resolves its outputs", async () => {
        const cases = [
            { cloud: Cloud.Aws, aws: { clusterName: "prod-eks" }, kafka: external }, // region, account and OIDC issuer looked up
            { cloud: Cloud.Gcp, gcp: { project: "acme-observability", location: "europe-west1" }, storage: { encryptionKey: "projects/acme-observability/locations/europe-west1/keyRings/k/cryptoKeys/c" }, kafka: external },
            { cloud: Cloud.Azure, azure: { resourceGroupName: "observability", location: "westeurope", clusterName: "prod-aks" }, kafka: external },
        ];
        for (const args of cases) {
            await pulumi.runtime.setMocks(new TempoClusterMocks(), "project", "test", false);
            const registrations = recordRegistrations();
            const tempo = new TempoCluster("tempo", args as never);
            assert.match(await valueOf(tempo.identity), /\S/, `${args.cloud}: identity`);
            await settle();
            assert.ok(registrations.some((r) => r.type === "kubernetes:helm.sh/v3:Release"), `${args.cloud}: the Helm release registers`);
        }
    });

    it("asks the program's own answers first and keeps its resources' state", async () => {
        const mocks = new TempoClusterMocks({
            calls: { "aws:index/getRegion:getRegion": () => ({ region: "ap-south-1" }) },
            newResource: (args) => (args.type === "my:index:Thing" ? { id: "thing-1", state: { size: 3 } } : undefined),
        });
        assert.deepEqual(mocks.call({ token: "aws:index/getRegion:getRegion", inputs: {} } as never), { region: "ap-south-1" });
        assert.deepEqual(mocks.newResource({ type: "my:index:Thing", name: "t", inputs: { a: 1 } } as never), { id: "thing-1", state: { a: 1, size: 3 } });
        assert.throws(() => mocks.call({ token: "aws:ec2/getVpc:getVpc", inputs: {} } as never), /no mock answer for provider function aws:ec2\/getVpc:getVpc/);
    });

    it("names the function and the missing field when a mock echoes inputs back, instead of a TypeError", async () => {
        await pulumi.runtime.setMocks({ newResource: (a) => ({ id: `${a.name}_id`, state: a.inputs }), call: (a) => a.inputs }, "project", "test", false);
        const echoed = pulumi.output({ name: "prod-eks" } as { name: string; identities: { oidcs: { issuer: string }[] }[] });
        const { error } = await outcome(invokeField(echoed, "aws:eks/getCluster:getCluster", "OIDC issuer", (c) => c.identities[0].oidcs[0].issuer));
        assert.ok(error, "the output fails");
        assert.doesNotMatch(error.message, /TypeError|Cannot read/);
        assert.match(error.message, /aws:eks\/getCluster:getCluster returned no OIDC issuer; in unit tests, use the mocks from tempo-cluster\/testing/);
        const { value } = await outcome(invokeField(pulumi.output({ accountId: "123456789012" }), "aws:index/getCallerIdentity:getCallerIdentity", "accountId", (r) => r.accountId));
        assert.equal(value, "123456789012");
    });
});
