/**
 * The policies of the `tempo-cluster` policy pack, as plain objects, and the checks of every rule family.
 *
 * This module never constructs a `PolicyPack` (its constructor reads `package.json` from the working directory and
 * starts the analyzer's gRPC server); `index.ts` does. Tests import this module and call `validateResource` /
 * `validateStack` directly.
 *
 * Every rule is a small pure function over plain props (`check…`), wrapped into a policy that selects resources by
 * their type token (`args.type`) — no provider SDK (`@pulumi/aws`, `@pulumi/gcp`, …) is loaded. Each rule family lives
 * in its own file beside the policies that wrap it; `shared.ts`, `resources.ts` and `policyDocuments.ts` hold what the
 * families share (how the policy SDK presents secrets, unknown values and options: see `shared.ts`).
 */
import type { ResourceValidationArgs, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { helmChartVersionPinned } from "./chartPins";
import { kubernetesExplicitNames } from "./explicitNames";
import { iamLeastPrivilege, workloadIdentityTrustScoped } from "./identityAndTrust";
import { kafkaReplicationProduction } from "./kafkaReplication";
import { monitoringSelectorLabels } from "./monitoringLabels";
import { bucketPublicAccessBlocked } from "./publicAccess";
import { helmValuesNoCredentials, noSecretsInConfigMaps } from "./secrets";
import type { TempoPolicy } from "./shared";
import { bucketEncryption } from "./storageEncryption";
import { productionStorageProtected } from "./storageProtection";
import { bucketTlsOnly } from "./tlsOnly";

// What the families share (the helpers only they use stay internal), then the families in the order docs/policy.md
// lists their rules.
export {
    DEFAULT_STACK_SELECTION,
    MASKED_SECRET,
    globMatch,
    isProductionStack,
    isUnknownValueError,
    stackOfUrn,
    tryRead,
    type Props,
    type StackResource,
    type StackSelection,
    type StackViolation,
    type TempoPolicy,
} from "./shared";
export { Types, targetsBucket } from "./resources";
export { isWildcardAction, isWildcardResource, policyStatements, type Statement } from "./policyDocuments";
export * from "./storageEncryption";
export * from "./publicAccess";
export * from "./tlsOnly";
export * from "./identityAndTrust";
export * from "./storageProtection";
export * from "./chartPins";
export * from "./secrets";
export * from "./monitoringLabels";
export * from "./kafkaReplication";
export * from "./explicitNames";

/** Every policy of the pack, in the order the docs list them. */
export const policies: TempoPolicy[] = [
    bucketEncryption,
    bucketPublicAccessBlocked,
    bucketTlsOnly,
    iamLeastPrivilege,
    workloadIdentityTrustScoped,
    productionStorageProtected,
    helmChartVersionPinned,
    noSecretsInConfigMaps,
    monitoringSelectorLabels,
    kafkaReplicationProduction,
    helmValuesNoCredentials,
    kubernetesExplicitNames,
];

/** True for stack policies. */
export function isStackPolicy(policy: TempoPolicy): policy is StackValidationPolicy {
    return "validateStack" in policy;
}

export type { ResourceValidationArgs, StackValidationArgs };
