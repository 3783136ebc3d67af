/**
 * Helpers for args that may be plain values or Pulumi outputs: derive from a plain value directly (so a program with
 * plain args registers plain strings, known at preview and byte-identical in renders), and from an output through
 * `apply`.
 */
import * as pulumi from "@pulumi/pulumi";

/** Whether an input is an output or a promise rather than a plain value. */
function isPlain<T>(value: pulumi.Input<T>): value is T {
    return !pulumi.Output.isInstance(value) && !(value instanceof Promise);
}

/** `derive(value)`: plain when `value` is plain, an output otherwise. */
export function mapInput<T, R>(value: pulumi.Input<T>, derive: (plain: T) => R): pulumi.Input<R> {
    return isPlain(value) ? derive(value) : (pulumi.output(value) as pulumi.Output<T>).apply((resolved) => derive(resolved as T)) as pulumi.Output<R>;
}

/** `derive(a, b)` over two inputs: plain when both are plain, an output otherwise. */
export function mapInputs<A, B, R>(a: pulumi.Input<A>, b: pulumi.Input<B>, derive: (a: A, b: B) => R): pulumi.Input<R> {
    if (isPlain(a) && isPlain(b)) {
        return derive(a, b);
    }
    return pulumi.all([a, b]).apply(([x, y]) => derive(x as A, y as B)) as pulumi.Output<R>;
}
