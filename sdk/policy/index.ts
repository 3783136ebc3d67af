/**
 * The `tempo-cluster` policy pack: `pulumi preview --policy-pack sdk/policy` (after `npm --prefix sdk/policy install`).
 *
 * This is the only module that constructs the `PolicyPack`: its constructor reads `package.json` (name, version) from
 * the working directory and starts the analyzer's gRPC server. The policies themselves live in `policies.ts`, which
 * the tests import directly. Configuration: docs/policy.md.
 */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("tempo-cluster", {
    policies,
    description:
        "Guardrails for stacks that deploy Grafana Tempo with the tempo-cluster component (buckets, identities, Helm, " +
        "ConfigMaps, monitoring, Kafka).",
});
