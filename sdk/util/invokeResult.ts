/**
 * Reads a field of a provider function's result, failing with a message that names the function and what to do
 * when the field is missing — which happens with unit-test mocks that echo inputs back (`call: args => args.inputs`),
 * or with a cloud that answers differently than documented — instead of a TypeError deep inside the component.
 */
import * as pulumi from "@pulumi/pulumi";

/** Hint appended to every missing-field error: where complete answers for tests come from. */
export const MOCKS_HINT =
    "in unit tests, use the mocks from tempo-cluster/testing (new TempoClusterMocks()), which answer every provider function TempoCluster calls";

/**
 * The value `pick` finds in `result`, or a failed output naming `token` and `field`.
 * @param result the function's result (an Output, e.g. from `getClusterOutput`)
 * @param token the provider function's token, for the message
 * @param field a readable path of the field, for the message
 * @param pick reads the field; may return undefined or throw a TypeError on a malformed result
 */
export function invokeField<R, T>(result: pulumi.Output<R>, token: string, field: string, pick: (value: R) => T | undefined): pulumi.Output<T> {
    return result.apply((value) => {
        let picked: T | undefined;
        try {
            picked = pick(value);
        } catch {
            picked = undefined;
        }
        if (picked === undefined || picked === null || picked === "") {
            throw new Error(`TempoCluster: ${token} returned no ${field}; ${MOCKS_HINT}`);
        }
        return picked;
    });
}
