/**
 * The `tempo-cluster` policy pack: `pulumi preview --policy-pack sdk/policy` (after `npm --prefix sdk/policy install`).
 *
 * This is the only module that constructs the `PolicyPack`: its constructor reads `package.json` (name, version) from
 * the working directory and starts the analyzer's gRPC server. The policies are listed in `policies.ts`, which the
 * tests import directly. Configuration: docs/policy.md.
 *
 * The rule families, in the order a reader meets them (each file holds its checks and the policies wrapping them):
 * - `storageEncryption.ts`: `bucket-encryption`
 * - `publicAccess.ts`: `bucket-public-access-blocked`
 * - `tlsOnly.ts`: `bucket-tls-only`
 * - `identityAndTrust.ts`: `iam-no-wildcards`, `workload-identity-trust-scoped`
 * - `storageProtection.ts`: `production-storage-protected`
 * - `chartPins.ts`: `helm-chart-version-pinned`
 * - `secrets.ts`: `no-secrets-in-configmaps`, `helm-values-no-plaintext-credentials`
 * - `monitoringLabels.ts`: `monitoring-selector-labels`
 * - `kafkaReplication.ts`: `kafka-replication-production`
 * - `explicitNames.ts`: `kubernetes-explicit-names`
 *
 * What they share: `shared.ts` (plain shapes, unknown values, configuration, production stacks, stack violations),
 * `resources.ts` (resource type tokens, bucket attachments, GCP IAM grants), `policyDocuments.ts` (AWS policy JSON).
 */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("tempo-cluster", {
    policies,
    description:
        "Guardrails for stacks that deploy Grafana Tempo with the tempo-cluster component (buckets, identities, Helm, " +
        "ConfigMaps, monitoring, Kafka).",
});
