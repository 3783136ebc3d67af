/**
 * What every rule family of the pack shares: the plain shapes rules read, reading values that may be unknown during
 * preview, the policy configuration, which stacks count as production, and reporting stack violations.
 *
 * How the policy SDK presents values (`@pulumi/policy` 1.21):
 * - **Secrets are unwrapped.** `validateResource`/`validateStack` receive plaintext for secret values (only
 *   remediations see `Secret` wrappers), so a policy cannot tell a secret Output from a literal. The secret rules
 *   therefore look at key names and value shapes, and treat the offline render's mask `"[secret]"` as a secret.
 * - **Unknown values throw.** During preview, reading a value that is not yet known throws `UnknownValueError`; the SDK
 *   turns that into an advisory "can't run during preview" for resource policies. The deep scans (ConfigMap data,
 *   Helm values) and the stack policies skip unknown parts instead, so the rest is still checked; everything is
 *   checked again, with known values, during `pulumi up`.
 * - **Options.** `args.opts` carries `protect`, but not `retainOnDelete`: the analyzer protocol does not send it. The
 *   protection rule checks `retainOnDelete` only when it is present (a newer SDK, or the golden-render tests).
 */
import type {
    PolicyResource,
    ReportViolation,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";

/** Plain props of a resource. */
export type Props = Record<string, unknown>;

/** A policy of this pack. */
export type TempoPolicy = ResourceValidationPolicy | StackValidationPolicy;

/** The part of a stack resource the stack rules read (a `PolicyResource` satisfies it). */
export interface StackResource {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    readonly props: Record<string, unknown>;
    readonly opts?: { readonly protect?: boolean };
    readonly parent?: { readonly urn: string };
    readonly propertyDependencies?: Record<string, ReadonlyArray<{ readonly urn: string }>>;
}

/** A violation of a stack rule, attributed to a resource when `urn` is set. */
export interface StackViolation {
    readonly message: string;
    readonly urn?: string;
}

/** The offline render (and `pulumi stack export` without `--show-secrets`) masks secrets as this string. */
export const MASKED_SECRET = "[secret]";

/** True for the error `@pulumi/policy` throws when a value is not known yet (preview). */
export function isUnknownValueError(error: unknown): boolean {
    if (!(error instanceof Error)) {
        return false;
    }
    return error.constructor?.name === "UnknownValueError" || /can't be known during preview/.test(error.message);
}

/** Runs `read`; returns `undefined` when it hits a value that is unknown during preview. Other errors propagate. */
export function tryRead<T>(read: () => T): T | undefined {
    try {
        return read();
    } catch (error) {
        if (isUnknownValueError(error)) {
            return undefined;
        }
        throw error;
    }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asArray(value: unknown): unknown[] {
    if (value === undefined || value === null) {
        return [];
    }
    return Array.isArray(value) ? value : [value];
}

export function asStrings(value: unknown): string[] {
    return asArray(value).filter((v): v is string => typeof v === "string");
}

export function record(value: unknown): Record<string, unknown> {
    return isRecord(value) ? value : {};
}

/** A number from a number or a numeric string (Kafka configs come as either). */
export function numberOf(value: unknown): number | undefined {
    if (typeof value === "number" && Number.isFinite(value)) {
        return value;
    }
    if (typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) {
        return Number(value);
    }
    return undefined;
}

/** The stack name of a URN (`urn:pulumi:<stack>::<project>::<type>::<name>`). */
export function stackOfUrn(urn: string): string | undefined {
    const match = /^urn:pulumi:([^:]+)::/.exec(urn);
    return match?.[1];
}

/** Glob match with `*` (any run of characters) and `?` (one character); the whole name must match. */
export function globMatch(pattern: string, name: string): boolean {
    const regex = pattern
        .split("")
        .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
        .join("");
    return new RegExp(`^${regex}$`).test(name);
}

/** Merges the policy's configuration over its defaults (`getConfig` returns `{}` when nothing is configured). */
export function configOf<T extends object>(args: { getConfig<C extends object>(): C }, defaults: T): T {
    const configured = (args.getConfig<Partial<T>>() ?? {}) as Record<string, unknown>;
    const merged: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
    for (const [key, value] of Object.entries(configured)) {
        if (value !== undefined && value !== null) {
            merged[key] = value;
        }
    }
    return merged as T;
}

/** The Kubernetes metadata of an object's props: name, namespace and labels, as far as they are set. */
export function metadataOf(props: Record<string, unknown>): { name?: string; namespace?: string; labels: Record<string, unknown> } {
    const metadata = record(props.metadata);
    return {
        name: typeof metadata.name === "string" ? metadata.name : undefined,
        namespace: typeof metadata.namespace === "string" ? metadata.namespace : undefined,
        labels: record(metadata.labels),
    };
}

// ---------------------------------------------------------------------------------------------------------------------
// Production stacks (shared configuration)
// ---------------------------------------------------------------------------------------------------------------------

/** Which stacks are production. Every stack is production unless it matches `nonProductionStacks` (fail closed). */
export interface StackSelection {
    /** Globs (`*`, `?`) of stacks exempt from production-only rules. */
    nonProductionStacks: string[];
    /** When non-empty, only stacks matching one of these globs are production. */
    productionStacks: string[];
}

export const DEFAULT_STACK_SELECTION: StackSelection = {
    nonProductionStacks: ["dev", "dev-*", "local", "local-*"],
    productionStacks: [],
};

/** Whether `stack` counts as production under `selection`. */
export function isProductionStack(stack: string, selection: StackSelection = DEFAULT_STACK_SELECTION): boolean {
    const production = selection.productionStacks ?? [];
    if (production.length > 0 && !production.some((p) => globMatch(p, stack))) {
        return false;
    }
    return !(selection.nonProductionStacks ?? []).some((p) => globMatch(p, stack));
}

export const STACK_SELECTION_SCHEMA = {
    nonProductionStacks: {
        type: "array" as const,
        items: { type: "string" as const },
        default: DEFAULT_STACK_SELECTION.nonProductionStacks,
        description:
            "Stack-name globs exempt from this production-only rule. Every other stack counts as production.",
    },
    productionStacks: {
        type: "array" as const,
        items: { type: "string" as const },
        default: DEFAULT_STACK_SELECTION.productionStacks,
        description: "When non-empty, only stacks matching one of these globs count as production.",
    },
};

// ---------------------------------------------------------------------------------------------------------------------
// Reporting stack violations
// ---------------------------------------------------------------------------------------------------------------------

export function report(reportViolation: ReportViolation, violations: StackViolation[]) {
    for (const v of violations) {
        reportViolation(v.message, v.urn);
    }
}

export function stackOf(args: StackValidationArgs): string | undefined {
    for (const resource of args.resources) {
        const stack = stackOfUrn(resource.urn);
        if (stack !== undefined) {
            return stack;
        }
    }
    return undefined;
}

export function asStackResources(resources: ReadonlyArray<PolicyResource>): StackResource[] {
    return resources as unknown as StackResource[];
}
