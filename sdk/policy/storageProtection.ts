/**
 * Storage protection (`production-storage-protected`): in production stacks, the resources that hold traces are
 * protected and never force-destroyed.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { typeIs, Types } from "./resources";
import {
    configOf,
    DEFAULT_STACK_SELECTION,
    isProductionStack,
    STACK_SELECTION_SCHEMA,
    stackOfUrn,
    type Props,
    type StackSelection,
} from "./shared";

/** The data-holding storage resources. */
export function isStorageResource(type: string): boolean {
    return typeIs(type, ...Types.s3Bucket, ...Types.gcsBucket, ...Types.azureStorageAccount, ...Types.azureBlobContainer);
}

/** Options the protection rule reads; `retainOnDelete` is checked only when the caller knows it. */
export interface ProtectionOptions {
    readonly protect?: boolean;
    readonly retainOnDelete?: boolean;
}

/** Problems of a storage resource in a production stack. */
export function checkStorageProtection(props: Props, opts: ProtectionOptions): string[] {
    const problems: string[] = [];
    if (opts.protect !== true) {
        problems.push("it is not protected; set the resource option protect: true (TempoCluster: profile: production)");
    }
    if (opts.retainOnDelete === false) {
        problems.push("retainOnDelete is false; set the resource option retainOnDelete: true");
    }
    if (props.forceDestroy === true) {
        problems.push("forceDestroy is true, so deleting it empties it first; set forceDestroy: false");
    }
    return problems;
}

export const productionStorageProtected: ResourceValidationPolicy = {
    name: "production-storage-protected",
    description:
        "In production stacks, trace buckets, storage accounts and containers are protected (protect, and " +
        "retainOnDelete where the engine reports it) and never force-destroyed.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: { properties: { ...STACK_SELECTION_SCHEMA } },
    validateResource: (args, reportViolation) => {
        if (!isStorageResource(args.type)) {
            return;
        }
        const stack = stackOfUrn(args.urn);
        const selection = configOf<StackSelection>(args, DEFAULT_STACK_SELECTION);
        if (stack !== undefined && !isProductionStack(stack, selection)) {
            args.notApplicable(`stack "${stack}" is not a production stack`);
        }
        const opts = args.opts as ProtectionOptions;
        for (const problem of checkStorageProtection(args.props, opts)) {
            reportViolation(`${args.name}: ${problem}.`);
        }
    },
};
