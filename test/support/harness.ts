/**
 * Test harness: construct a TempoCluster under Pulumi's mock runtime with the same strict offline mocks the render
 * uses (unknown invokes throw), and read back every registration with its options and masked inputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { TempoCluster } from "../../sdk/tempoCluster";
import { Cloud, KafkaMode, type TempoClusterArgs } from "../../sdk/args/types";
import { OfflineMocks, recordRegistrations } from "../../sdk/render/mocks";
import { collect, type Render, type RenderedResource } from "../../sdk/render/render";
import type { StorageBinding } from "../../sdk/bindings";

/** The outcome of constructing a component under mocks. */
export interface Constructed {
    readonly cluster: TempoCluster;
    readonly render: Render;
    /** Resource by name; throws when absent. */
    readonly get: (name: string) => RenderedResource;
    /** Names of all resources of a type. */
    readonly ofType: (type: string) => RenderedResource[];
}

/** Fresh mock runtime for one test. */
export async function resetMocks(stack = "test", preview = false): Promise<ReturnType<typeof recordRegistrations>> {
    await pulumi.runtime.setMocks(new OfflineMocks(), "tempo", stack, preview);
    pulumi.runtime.setAllConfig({});
    return recordRegistrations();
}

/** Waits until every registration and invoke has completed. */
export async function settle(): Promise<void> {
    const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs: () => Promise<void> };
    await settings.waitForRPCs();
}

/** Constructs a TempoCluster and returns its registrations. */
export async function construct(
    args: TempoClusterArgs,
    name = "tempo",
    opts?: pulumi.ComponentResourceOptions,
    preview = false,
): Promise<Constructed> {
    const registrations = await resetMocks("test", preview);
    const cluster = new TempoCluster(name, args, opts);
    await settle();
    const render = collect(registrations);
    const get = (resourceName: string) => {
        const found = render.resources.find((r) => r.name === resourceName);
        if (!found) {
            throw new Error(`no resource named ${resourceName}; have ${render.resources.map((r) => r.name).join(", ")}`);
        }
        return found;
    };
    const ofType = (type: string) => render.resources.filter((r) => r.type === type);
    return { cluster, render, get, ofType };
}

/** The value of an output (resolves in update mode). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((value) => resolve(value)));
}

/** Whether an output is known and secret, without awaiting its value. */
export async function isSecret(output: pulumi.Output<unknown>): Promise<boolean> {
    return (output as unknown as { isSecret: Promise<boolean> }).isSecret;
}

/** Minimal valid args for AWS + external Kafka. */
export function awsArgs(overrides: Partial<TempoClusterArgs> = {}): TempoClusterArgs {
    return {
        cloud: Cloud.Aws,
        aws: { region: "eu-west-1", clusterName: "prod-eks" },
        kafka: { mode: KafkaMode.External, brokers: ["kafka.internal:9092"] },
        ...overrides,
    };
}

/** A plain S3 storage binding for values-builder tests. */
export const S3_BINDING: StorageBinding = {
    backendValues: { backend: "s3", s3: { bucket: "b", endpoint: "s3.eu-west-1.amazonaws.com", region: "eu-west-1" } },
    serviceAccountAnnotations: {},
    podLabels: {},
    secretEnv: [],
    bucketName: "b",
    identity: "arn",
};
