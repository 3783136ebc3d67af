/**
 * The structural checker behind the args schema (`sdk/args/validation/shape.ts`): every problem, at its path, with a
 * message that says what was expected and what was given.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { anything, array, boolean, custom, number, object, oneOf, optional, problemsOf, record, string } from "../sdk/args/validation/shape";
import { structuralProblems, tempoClusterArgsSchema } from "../sdk/args/validation/schema";

enum Color {
    Red = "red",
    Blue = "blue",
}

const sample = object({
    name: string(),
    color: oneOf(Color),
    size: optional(number({ whole: true, min: 0 })),
    weight: optional(number({ above: 0 })),
    enabled: optional(boolean()),
    tags: optional(array(string())),
    labels: optional(record(string())),
    nested: optional(object({ inner: string(), free: optional(anything()) })),
    secret: optional(custom<pulumi.Input<string>>((v) => typeof v === "string" || pulumi.Output.isInstance(v), "a string or an output")),
});

const messages = (value: unknown) => problemsOf(sample, value).map((p) => `${p.path}: ${p.message}`);

describe("structural checker", () => {
    it("accepts a value of the shape, with or without its optional fields", () => {
        assert.deepEqual(messages({ name: "a", color: "red" }), []);
        assert.deepEqual(messages({ name: "a", color: "red", size: undefined }), [], "a field set to undefined counts as left out");
        assert.deepEqual(
            messages({
                name: "a",
                color: "blue",
                size: 0,
                weight: 0.5,
                enabled: false,
                tags: ["x"],
                labels: { team: "obs" },
                nested: { inner: "i", free: { any: ["thing", 1] } },
                secret: pulumi.secret("s"),
            }),
            [],
        );
    });

    it("names required fields, with the choices of a required enum", () => {
        assert.deepEqual(messages({}), ['name: is required', 'color: is required: one of "red", "blue"']);
        assert.deepEqual(messages(undefined), [": is required"]);
    });

    it("says what was expected and what was given", () => {
        assert.deepEqual(
            messages({ name: 5, color: "green", size: 1.5, weight: "heavy", enabled: "yes", tags: "x", labels: [], nested: null, secret: 7 }),
            [
                "name: must be a string (got 5)",
                'color: must be one of "red", "blue"',
                "size: must be a whole number (got 1.5)",
                'weight: must be a number (got "heavy")',
                'enabled: must be a boolean (got "yes")',
                'tags: must be an array (got "x")',
                "labels: must be an object (got a list)",
                "nested: must be an object (got null)",
                "secret: must be a string or an output (got 7)",
            ],
        );
        assert.deepEqual(messages("sample"), [': must be an object (got "sample")']);
    });

    it("checks bounds and rejects numbers that are not finite", () => {
        assert.deepEqual(messages({ name: "a", color: "red", size: -1, weight: 0 }), [
            "size: must be at least 0 (got -1)",
            "weight: must be greater than 0 (got 0)",
        ]);
        assert.deepEqual(messages({ name: "a", color: "red", weight: Number.NaN }), ["weight: must be a number (got NaN)"]);
        assert.deepEqual(messages({ name: "a", color: "red", size: Number.POSITIVE_INFINITY }), ["size: must be a whole number (got Infinity)"]);
        assert.deepEqual(messages({ name: "a", color: "red", size: 2 ** 60 }), [`size: must be a whole number between -9007199254740991 and 9007199254740991 (got ${2 ** 60})`]);
    });

    it("reports inside arrays, maps and nested objects at the element's path", () => {
        assert.deepEqual(messages({ name: "a", color: "red", tags: ["x", 2, undefined], labels: { team: 1 }, nested: {} }), [
            "tags[1]: must be a string (got 2)",
            "tags[2]: is required",
            "labels.team: must be a string (got 1)",
            "nested.inner: is required",
        ]);
    });

    it("takes free-form entries as they are, even undefined, but a map must be a plain object", () => {
        const free = object({ values: optional(record(anything())), labels: optional(record(string())) });
        assert.deepEqual(problemsOf(free, { values: { distributor: undefined, querier: { replicas: 2 } } }), []);
        assert.deepEqual(
            problemsOf(free, { values: new Map([["a", 1]]), labels: new Date(0) }).map((p) => `${p.path}: ${p.message}`),
            ["values: must be an object (got an instance of Map)", "labels: must be an object (got an instance of Date)"],
        );
        assert.deepEqual(messages({ name: "a", color: "red", labels: { team: undefined } }), ["labels.team: is required"]);
    });

    it("reports a hole in an array, and an enum element left out with its choices", () => {
        assert.deepEqual(problemsOf(array(string()), [, "b"]).map((p) => `${p.path}: ${p.message}`), ["[0]: is required"]);
        assert.deepEqual(problemsOf(array(oneOf(Color)), ["red", undefined]).map((p) => `${p.path}: ${p.message}`), [
            '[1]: is required: one of "red", "blue"',
        ]);
    });

    it("describes any value in a message without throwing", () => {
        assert.deepEqual(messages({ name: 10n, color: "red", size: () => 1 }), ["name: must be a string (got 10n)", "size: must be a whole number (got a function)"]);
    });

    it("reports each unknown field with a suggestion, or the fields it knows", () => {
        assert.deepEqual(messages({ name: "a", color: "red", colour: "red", zzz: 1, nested: { iner: "x" } }), [
            "nested.inner: is required",
            'nested.iner: unknown field; did you mean "inner"?',
            'colour: unknown field; did you mean "color"?',
            "zzz: unknown field; known fields: name, color, size, weight, enabled, tags, labels, nested, secret",
        ]);
    });

    it("backs the args schema: every top-level args area is a field of it", () => {
        assert.ok(Object.keys(tempoClusterArgsSchema.fields).includes("tenants"));
        assert.deepEqual(
            structuralProblems({ cloud: "aws", tenants: { team: { retention: 5, limitz: {} } }, components: { querier: { replicas: -2 } } }).map(
                (p) => `${p.path}: ${p.message}`,
            ),
            [
                "components.querier.replicas: must be at least 0 (got -2)",
                "tenants.team.retention: must be a string (got 5)",
                'tenants.team.limitz: unknown field; did you mean "limits"?',
            ],
        );
    });
});
