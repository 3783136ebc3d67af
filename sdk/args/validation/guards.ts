/**
 * Small guards shared by the validators, which run on possibly malformed input and check every type they read.
 */

/** Records a problem (or a warning) at a field path. */
export type Report = (path: string, message: string) => void;

/** Kubernetes CPU quantity: cores (`2`, `0.5`) or millicores (`500m`). */
export const CPU_QUANTITY = /^(\d+(\.\d+)?|\d+m)$/;
/** Kubernetes memory or storage quantity: bytes with an optional binary or decimal suffix (`512Mi`, `20Gi`). */
export const BYTES_QUANTITY = /^\d+(\.\d+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;

/** The value as a plain object, or `undefined` when it is not one (a list, a scalar, null). */
export function asObject(value: unknown): Record<string, any> | undefined {
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, any>) : undefined;
}

/** Whether `value` is one of a string enum's values. */
export function isMember<T extends Record<string, string>>(enumeration: T, value: unknown): value is T[keyof T] {
    return Object.values(enumeration).includes(value as string);
}
