/**
 * Checks of values that arrive as Pulumi outputs (a cluster name from the EKS resource, an account id from
 * `getCallerIdentity`, a broker address from a Kafka resource). What is known at construction is validated at once;
 * an output is validated when it resolves, by the same rules and with the same field-named messages, and the value
 * that flows on into resources is the checked one, so a resource never gets a value that failed its check. In a
 * preview, an output that is not known yet stays unknown and its check waits for the update.
 */
import * as pulumi from "@pulumi/pulumi";
import { isDeferredInput } from "../../util/input";
import { TempoClusterArgsError, type Problem } from "../problems";

/** Args with every output replaced by its checked output, and one output that settles when all checks passed. */
export interface DeferredChecks {
    readonly args: unknown;
    /** Resolves once every output of the args resolved and passed; `undefined` when the args hold no output. */
    readonly gate?: pulumi.Output<void>;
}

/** Escape hatches are Helm values and Tempo config, passed through as given; outputs in them are not args to check. */
const PASS_THROUGH = new Set(["values", "tempoConfig"]);

/**
 * Replaces every output in `args` by an output of the same value that, when it resolves, re-runs `validate` on the
 * args with that value in place and fails with the problems it finds (under `root`).
 * @param args args that passed validation with their outputs unknown
 * @param validate the validation to re-run; returns problems
 * @param root the name problems are reported under (`args`, `tempo:cluster`)
 */
export function deferChecks(args: unknown, validate: (args: unknown) => Problem[], root: string): DeferredChecks {
    const checked: pulumi.Output<unknown>[] = [];
    const visit = (node: unknown, path: readonly (string | number)[]): unknown => {
        if (isDeferredInput(node)) {
            const output = (pulumi.output(node as pulumi.Input<string>) as pulumi.Output<unknown>).apply((value: unknown) => {
                const problems = validate(withValueAt(args, path, value));
                if (problems.length > 0) {
                    throw new TempoClusterArgsError(problems, root);
                }
                return value;
            });
            checked.push(output);
            return output;
        }
        if (Array.isArray(node)) {
            return node.map((item, index) => visit(item, [...path, index]));
        }
        if (typeof node === "object" && node !== null && Object.getPrototypeOf(node) === Object.prototype) {
            return Object.fromEntries(
                Object.entries(node).map(([key, child]) => [key, path.length === 0 && PASS_THROUGH.has(key) ? child : visit(child, [...path, key])]),
            );
        }
        return node;
    };
    const replaced = visit(args, []);
    // The gate carries no value, so it carries no secret either: the values it guards stay as secret as they are.
    const gate = checked.length > 0 ? pulumi.unsecret(pulumi.all(checked).apply((): void => undefined)) : undefined;
    return { args: replaced, gate };
}

/** A copy of `root` with `value` at `path` (objects and arrays along the path copied, the rest shared). */
function withValueAt(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
    if (path.length === 0) {
        return value;
    }
    const [head, ...rest] = path;
    if (Array.isArray(root)) {
        const copy = [...root];
        copy[head as number] = withValueAt(root[head as number], rest, value);
        return copy;
    }
    const record = root as Record<string, unknown>;
    return { ...record, [head]: withValueAt(record[head as string], rest, value) };
}
