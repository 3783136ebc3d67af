/**
 * Helpers for args that may be plain values or Pulumi outputs: derive from a plain value directly (so a program with
 * plain args registers plain strings, known at preview and byte-identical in renders), and from an output through
 * `apply`.
 */
import * as pulumi from "@pulumi/pulumi";

/** Whether an input is an output or a promise, i.e. not known at construction. */
export function isDeferredInput(value: unknown): boolean {
    return pulumi.Output.isInstance(value) || value instanceof Promise;
}

/** `derive(value)`: plain when `value` is plain, an output otherwise. */
export function mapInput<T, R>(value: pulumi.Input<T>, derive: (plain: T) => R): pulumi.Input<R> {
    if (!isDeferredInput(value)) {
        return derive(value as T);
    }
    return (pulumi.output(value) as pulumi.Output<T>).apply((resolved) => derive(resolved as T)) as pulumi.Output<R>;
}
