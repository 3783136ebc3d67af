/**
 * The args layer's entry: validate untrusted args, throw every problem at once, or return the resolved spec.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { TempoClusterArgs } from "./types";
import { deferChecks } from "./validation/deferred";
import { TempoClusterArgsError, type Problem } from "./problems";
import { missingPeerProblems, requiredPeers } from "./peers";
import { resolveSpec } from "./resolution/resolve";
import type { ResolvedSpec } from "./resolved";
import { validateArgs } from "./validation/validate";
import type { SpecContext } from "./context";

/** A resolved spec and the warnings found on the way. */
export interface Plan {
    readonly spec: ResolvedSpec;
    readonly warnings: readonly Problem[];
    /**
     * Settles when every arg that came as an output resolved and passed validation (undefined when none did); the
     * Helm release waits for it, so it never installs a value that was not checked.
     */
    readonly checked?: pulumi.Output<void>;
}

/**
 * Every problem of the args known at construction: validation, then (for valid args) the optional peers they need.
 * Pure: outputs among the args are not touched (their checks are set up by {@link planTempoCluster}).
 */
export function argsProblems(args: unknown, ctx: SpecContext): { problems: Problem[]; warnings: Problem[] } {
    const { problems, warnings } = validateArgs(args, ctx);
    if (problems.length > 0 || ctx.isInstalled === undefined) {
        return { problems, warnings };
    }
    return { problems: missingPeerProblems(requiredPeers(resolveSpec(args as TempoClusterArgs, ctx)), ctx.isInstalled), warnings };
}

/**
 * Validates and resolves. Throws {@link TempoClusterArgsError} listing every problem, with paths under `root`
 * (`args` in code, `tempo:cluster` for stack config).
 */
export function planTempoCluster(args: unknown, ctx: SpecContext, root = "args"): Plan {
    const { problems, warnings } = argsProblems(args, ctx);
    if (problems.length > 0) {
        throw new TempoClusterArgsError(problems, root);
    }
    const deferred = deferChecks(args, (resolved) => validateArgs(resolved, ctx).problems, root);
    return { spec: resolveSpec(deferred.args as TempoClusterArgs, ctx), warnings, checked: deferred.gate };
}

export { TempoClusterArgsError, formatProblems, type Problem } from "./problems";
export type { ResolvedSpec } from "./resolved";
export type { SpecContext } from "./context";
