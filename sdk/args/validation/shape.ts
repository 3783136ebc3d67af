/**
 * A small structural checker: describes the shape of plain data (strings, numbers, enums, arrays, maps, closed
 * objects), checks untrusted input against it collecting every problem with its field path, and gives the
 * TypeScript type it describes, so `schema.ts` can prove at compile time that it matches the public interfaces.
 *
 * Deliberately small: the args need types, enum members, required fields, closed objects with "did you mean"
 * suggestions for unknown fields, and paths. Everything semantic (ranges that depend on other fields, naming,
 * quorum) lives in `validate.ts` and the area files beside it.
 */
import { asObject, isMember } from "./guards";
import { joinPath, type Problem } from "../problems";

type Segment = string | number;

/** A shape describing values of type `T`; `Optional` marks an object field that may be left out. */
export interface Shape<T, Optional extends boolean = false> {
    /** Whether the field may be missing (only meaningful as an object field). */
    readonly optional: Optional;
    /** Choices for an enum, used in "is required: one of …". */
    readonly choices?: readonly string[];
    /** Whether `undefined` is a value of this shape (only {@link anything}), e.g. as an entry of a free-form map. */
    readonly acceptsUndefined?: boolean;
    /** Pushes the problems of a present (not `undefined`) value onto `problems`. */
    readonly check: (value: unknown, path: readonly Segment[], problems: Problem[]) => void;
    /** Type-level only: the type this shape describes. */
    readonly __type?: T;
}

/** The TypeScript type a shape describes. */
export type Infer<S> = S extends Shape<infer T, boolean> ? T : never;

type AnyShape = Shape<unknown, boolean>;
type Fields = Readonly<Record<string, AnyShape>>;
type Flatten<T> = { [K in keyof T]: T[K] } & {};
type ObjectOf<F extends Fields> = Flatten<
    { -readonly [K in keyof F as F[K] extends Shape<unknown, true> ? never : K]: Infer<F[K]> } & {
        -readonly [K in keyof F as F[K] extends Shape<unknown, true> ? K : never]?: Infer<F[K]>;
    }
>;

/** A closed object: its fields, and nothing else. */
export interface ObjectShape<F extends Fields, Optional extends boolean = false> extends Shape<ObjectOf<F>, Optional> {
    readonly fields: F;
}

function problem(problems: Problem[], path: readonly Segment[], message: string): void {
    problems.push({ path: joinPath(...path), message });
}

/** How a wrong value is named in a message: `"text"`, `5`, `a list`, `an object`, `an instance of Map`, `null`. */
function describeValue(value: unknown): string {
    if (Array.isArray(value)) {
        return "a list";
    }
    if (value === null) {
        return "null";
    }
    if (typeof value === "number") {
        return String(value);
    }
    if (typeof value === "object") {
        return isPlainObject(value) ? "an object" : `an instance of ${value.constructor?.name || "a class"}`;
    }
    if (typeof value === "bigint") {
        return `${value}n`;
    }
    return typeof value === "function" ? "a function" : (JSON.stringify(value) ?? String(value));
}

function leaf<T>(accepts: (value: unknown) => boolean, expected: string): Shape<T> {
    return {
        optional: false,
        check: (value, path, problems) => {
            if (!accepts(value)) {
                problem(problems, path, `must be ${expected} (got ${describeValue(value)})`);
            }
        },
    };
}

/** A string. */
export const string = (): Shape<string> => leaf((v) => typeof v === "string", "a string");

/** A boolean. */
export const boolean = (): Shape<boolean> => leaf((v) => typeof v === "boolean", "a boolean");

/** Any value at all (free-form pass-through blocks). */
export const anything = (): Shape<any> => ({ optional: false, acceptsUndefined: true, check: () => undefined });

/** A value `accepts` approves of, described as `expected` ("a string or a Pulumi output of a string"). */
export const custom = <T>(accepts: (value: unknown) => boolean, expected: string): Shape<T> => leaf(accepts, expected);

/** Bounds for {@link number}. */
export interface NumberBounds {
    /** Only whole numbers, within JavaScript's safe integer range (±2^53 − 1). */
    readonly whole?: boolean;
    /** Smallest allowed value (inclusive). */
    readonly min?: number;
    /** Values must be greater than this. */
    readonly above?: number;
}

/** A finite number, optionally whole and bounded. */
export function number(bounds: NumberBounds = {}): Shape<number> {
    const expected = bounds.whole ? "a whole number" : "a number";
    return {
        optional: false,
        check: (value, path, problems) => {
            if (typeof value !== "number" || !Number.isFinite(value) || (bounds.whole && !Number.isInteger(value))) {
                problem(problems, path, `must be ${expected} (got ${describeValue(value)})`);
            } else if (bounds.whole && !Number.isSafeInteger(value)) {
                problem(problems, path, `must be a whole number between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER} (got ${value})`);
            } else if (bounds.min !== undefined && value < bounds.min) {
                problem(problems, path, `must be at least ${bounds.min} (got ${value})`);
            } else if (bounds.above !== undefined && value <= bounds.above) {
                problem(problems, path, `must be greater than ${bounds.above} (got ${value})`);
            }
        },
    };
}

/** One of the members of a string enum. */
export function oneOf<E extends Readonly<Record<string, string>>>(members: E): Shape<E[keyof E]> {
    const choices = Object.values(members);
    const listed = choices.map((c) => JSON.stringify(c)).join(", ");
    return {
        optional: false,
        choices,
        check: (value, path, problems) => {
            if (!isMember(members, value)) {
                problem(problems, path, `must be one of ${listed}`);
            }
        },
    };
}

/** An array whose every element has `element`'s shape. */
export function array<T>(element: Shape<T>): Shape<T[]> {
    return {
        optional: false,
        check: (value, path, problems) => {
            if (!Array.isArray(value)) {
                problem(problems, path, `must be an array (got ${describeValue(value)})`);
                return;
            }
            // An index loop, not forEach: a hole in a sparse array is a missing element too.
            for (let index = 0; index < value.length; index++) {
                checkPresent(element, value[index], [...path, index], problems);
            }
        },
    };
}

/** A map from free-form names to values of `entry`'s shape. */
export function record<T>(entry: Shape<T>): Shape<{ [key: string]: T }> {
    return {
        optional: false,
        check: (value, path, problems) => {
            const entries = asObject(value);
            if (entries === undefined || !isPlainObject(entries)) {
                problem(problems, path, `must be an object (got ${describeValue(value)})`);
                return;
            }
            for (const [key, item] of Object.entries(entries)) {
                checkPresent(entry, item, [...path, key], problems);
            }
        },
    };
}

/** A closed object: each field is checked, and a field it does not list is reported with a suggestion. */
export function object<F extends Fields>(fields: F): ObjectShape<F> {
    const known = Object.keys(fields);
    return {
        optional: false,
        fields,
        check: (value, path, problems) => {
            const given = asObject(value);
            if (given === undefined) {
                problem(problems, path, `must be an object (got ${describeValue(value)})`);
                return;
            }
            for (const key of known) {
                const field = fields[key];
                const item = given[key];
                if (item !== undefined) {
                    field.check(item, [...path, key], problems);
                } else if (!field.optional) {
                    missing(field, [...path, key], problems);
                }
            }
            for (const key of Object.keys(given)) {
                if (!Object.hasOwn(fields, key)) {
                    problem(problems, [...path, key], `unknown field${suggestion(key, known)}`);
                }
            }
        },
    };
}

/** The same shape as an object field that may be left out. */
export function optional<T>(shape: Shape<T>): Shape<T, true>;
export function optional<F extends Fields>(shape: ObjectShape<F>): ObjectShape<F, true>;
export function optional<T>(shape: Shape<T>): Shape<T, true> {
    return { ...shape, optional: true };
}

/** Every problem of `value` against `shape`, with field paths. */
export function problemsOf(shape: AnyShape, value: unknown): Problem[] {
    const problems: Problem[] = [];
    checkPresent(shape, value, [], problems);
    return problems;
}

function checkPresent(shape: AnyShape, value: unknown, path: readonly Segment[], problems: Problem[]): void {
    if (value !== undefined) {
        shape.check(value, path, problems);
    } else if (!shape.acceptsUndefined) {
        missing(shape, path, problems);
    }
}

function missing(shape: AnyShape, path: readonly Segment[], problems: Problem[]): void {
    const choices = shape.choices?.map((c) => JSON.stringify(c)).join(", ");
    problem(problems, path, choices ? `is required: one of ${choices}` : "is required");
}

/** An object literal or JSON object, not a Map, Date or other class instance (whose entries are not its fields). */
function isPlainObject(value: object): boolean {
    const prototype = Object.getPrototypeOf(value);
    return prototype === Object.prototype || prototype === null;
}

/** `; did you mean "x"?` for a near miss of a known field, else the list of known fields. */
function suggestion(key: string, known: readonly string[]): string {
    if (known.length === 0) {
        return "";
    }
    const lower = key.toLowerCase();
    const close = known.filter((k) => {
        const candidate = k.toLowerCase();
        return editDistance(candidate, lower) <= 2 || (lower.length >= 4 && (candidate.startsWith(lower) || lower.startsWith(candidate)));
    });
    if (close.length > 0) {
        return `; did you mean ${close.map((k) => `"${k}"`).join(" or ")}?`;
    }
    return `; known fields: ${known.join(", ")}`;
}

function editDistance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let previous = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const current = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
            previous = current;
        }
    }
    return row[b.length];
}
