/**
 * The spec layer's entry: validate untrusted args, throw every problem at once, or return the resolved spec.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { TempoClusterArgs } from "./args";
import { deferChecks } from "./deferred";
import { TempoClusterArgsError, type Problem } from "./problems";
import { missingPeerProblems, requiredPeers } from "./peers";
import { resolveSpec, type ResolvedSpec } from "./resolve";
import { validateArgs, type SpecContext } from "./validate";

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
 * Validates and resolves. Throws {@link TempoClusterArgsError} listing every problem, with paths under `root`
 * (`args` in code, `tempo:cluster` for stack config).
 */
export function planTempoCluster(args: unknown, ctx: SpecContext, root = "args"): Plan {
    const { problems, warnings } = validateArgs(args, ctx);
    if (problems.length > 0) {
        throw new TempoClusterArgsError(problems, root);
    }
    const deferred = deferChecks(args, (resolved) => validateArgs(resolved, ctx).problems, root);
    const spec = resolveSpec(deferred.args as TempoClusterArgs, ctx);
    const missingPeers = ctx.isInstalled ? missingPeerProblems(requiredPeers(spec), ctx.isInstalled) : [];
    if (missingPeers.length > 0) {
        throw new TempoClusterArgsError(missingPeers, root);
    }
    return { spec, warnings, checked: deferred.gate };
}

export { TempoClusterArgsError, formatProblems, type Problem } from "./problems";
export type { ResolvedSpec } from "./resolve";
export type { SpecContext } from "./validate";
