/**
 * Schema validation of every object, the way `kubectl apply --validate=strict` sees it: built-in kinds against the
 * Kubernetes OpenAPI v3 documents of the pinned release (engine `kubernetes-openapi`), custom resources against
 * their CRD's `openAPIV3Schema`. Unknown fields are errors (the API server's strict field validation), except where a
 * schema keeps unknown fields (`x-kubernetes-preserve-unknown-fields`).
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import { loadAll } from "js-yaml";
import { crdCacheDir, enginePath } from "./engines";
import type { KubeObject } from "./render";

type Schema = Record<string, any>;

const OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

/**
 * Adds `additionalProperties: false` to every object schema that lists its properties and does not keep unknown
 * fields, and drops descriptions (they are most of the documents' size). Branches of `allOf`/`anyOf`/`oneOf`/`not`
 * are left open: in structural schemas they only add value checks, never fields of their own.
 */
export function strictSchema(schema: unknown, inBranch = false): unknown {
    if (Array.isArray(schema)) {
        return schema.map((item) => strictSchema(item, inBranch));
    }
    if (typeof schema !== "object" || schema === null) {
        return schema;
    }
    const result: Schema = {};
    for (const [key, value] of Object.entries(schema as Schema)) {
        if (key === "description") {
            continue;
        }
        if (key === "properties" || key === "patternProperties" || key === "definitions" || key === "schemas") {
            result[key] = Object.fromEntries(Object.entries(value as Schema).map(([name, child]) => [name, strictSchema(child)]));
        } else if (key === "allOf" || key === "anyOf" || key === "oneOf" || key === "not") {
            result[key] = strictSchema(value, true);
        } else {
            result[key] = strictSchema(value, inBranch);
        }
    }
    const closes =
        !inBranch &&
        result.properties !== undefined &&
        (result.type === "object" || result.type === undefined) &&
        result.additionalProperties === undefined &&
        result["x-kubernetes-preserve-unknown-fields"] !== true;
    if (closes) {
        result.additionalProperties = false;
    }
    return result;
}

/**
 * Patterns in OpenAPI schemas are Go RE2 expressions; the one RE2 form JavaScript lacks is the inline flag group at
 * the start (`(?i)...`, also after `^`), which becomes a flag here. Any other pattern JavaScript cannot compile fails
 * loudly.
 */
const re2Pattern = Object.assign(
    (pattern: string, flags: string): RegExp => {
        const inline = /^(\^?)\(\?([ims]+)\)/.exec(pattern);
        return inline ? new RegExp(inline[1] + pattern.slice(inline[0].length), flags + inline[2]) : new RegExp(pattern, flags);
    },
    { code: "re2Pattern" },
);

/** One schema problem, with the field path inside the object. */
export interface SchemaProblem {
    readonly path: string;
    readonly message: string;
}

/** Validators for built-in kinds and for the CRDs it was given, compiled on first use. */
export class KubeSchemas {
    private readonly ajv: Ajv;
    private readonly builtIn = new Map<string, string>();
    private readonly crds = new Map<string, Schema>();
    private readonly compiled = new Map<string, ValidateFunction>();

    constructor(openApiDir: string) {
        this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, allowUnionTypes: true, code: { regExp: re2Pattern } });
        const schemas: Schema = {};
        for (const file of readdirSync(openApiDir).filter((f) => /__v\d[^_]*_openapi\.json$/.test(f)).sort()) {
            const document = JSON.parse(readFileSync(join(openApiDir, file), "utf8")) as { components?: { schemas?: Schema } };
            Object.assign(schemas, document.components?.schemas ?? {});
        }
        for (const [name, schema] of Object.entries(schemas)) {
            for (const gvk of (schema as Schema)["x-kubernetes-group-version-kind"] ?? []) {
                const apiVersion = gvk.group === "" ? gvk.version : `${gvk.group}/${gvk.version}`;
                this.builtIn.set(`${apiVersion}/${gvk.kind}`, name);
            }
        }
        const document = strictSchema({ components: { schemas } }) as Schema;
        this.ajv.addSchema({ $id: "kubernetes.json", ...document });
    }

    /** Registers every version of a CustomResourceDefinition. */
    addCrd(crd: KubeObject): void {
        const group = crd.spec?.group as string;
        const kind = crd.spec?.names?.kind as string;
        for (const version of crd.spec?.versions ?? []) {
            const schema = version.schema?.openAPIV3Schema;
            if (schema !== undefined) {
                this.crds.set(`${group}/${version.name}/${kind}`, schema);
            }
        }
    }

    /** Whether a schema is known for the object's apiVersion and kind. */
    knows(object: KubeObject): boolean {
        const key = `${object.apiVersion}/${object.kind}`;
        return this.builtIn.has(key) || this.crds.has(key);
    }

    /** Problems of one object; an unknown apiVersion/kind is one too. */
    validate(rendered: KubeObject): SchemaProblem[] {
        const object = withoutNulls(rendered) as KubeObject;
        const key = `${object.apiVersion}/${object.kind}`;
        const validator = this.validator(key);
        if (validator === undefined) {
            return [{ path: "", message: `no schema for ${key}: neither a built-in kind of Kubernetes ${this.version} nor a known CRD` }];
        }
        const problems = validator(object) ? [] : describe(validator.errors ?? []);
        if (this.crds.has(key)) {
            // A CRD's schema leaves metadata open; the API server checks it as ObjectMeta.
            const meta = this.validator(OBJECT_META, true) as ValidateFunction;
            if (!meta(object.metadata)) {
                problems.push(...describe(meta.errors ?? [], "/metadata"));
            }
        }
        return problems;
    }

    /** The Kubernetes release of the OpenAPI documents. */
    version = "";

    private validator(key: string, isSchemaName = false): ValidateFunction | undefined {
        const cached = this.compiled.get(key);
        if (cached !== undefined) {
            return cached;
        }
        let validator: ValidateFunction | undefined;
        const builtIn = isSchemaName ? key : this.builtIn.get(key);
        if (builtIn !== undefined) {
            validator = this.ajv.compile({ $ref: `kubernetes.json#/components/schemas/${builtIn}` });
        } else if (this.crds.has(key)) {
            validator = this.ajv.compile(strictSchema(this.crds.get(key)) as Schema);
        }
        if (validator !== undefined) {
            this.compiled.set(key, validator);
        }
        return validator;
    }
}

/**
 * The object as the API server decodes it: a field set to null (`annotations:` with nothing after it) is the same as
 * an absent one.
 */
export function withoutNulls(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(withoutNulls);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(
            Object.entries(value as Record<string, unknown>)
                .filter(([, child]) => child !== null)
                .map(([key, child]) => [key, withoutNulls(child)]),
        );
    }
    return value;
}

/** Ajv errors as field paths and messages; one line per path. */
function describe(errors: readonly ErrorObject[], prefix = ""): SchemaProblem[] {
    const seen = new Set<string>();
    const problems: SchemaProblem[] = [];
    for (const error of errors) {
        if (error.keyword === "oneOf" || error.keyword === "anyOf" || error.keyword === "if") {
            continue; // the branch errors say what is wrong
        }
        const extra = error.keyword === "additionalProperties" ? ` "${(error.params as { additionalProperty: string }).additionalProperty}"` : "";
        const line = { path: `${prefix}${error.instancePath}` || "/", message: `${error.message ?? error.keyword}${extra}` };
        const id = `${line.path} ${line.message}`;
        if (!seen.has(id)) {
            seen.add(id);
            problems.push(line);
        }
    }
    return problems;
}

/** The CRDs of the CRD folder (prometheus-operator, grafana-operator). */
export function crdFolderObjects(): KubeObject[] {
    const texts: string[] = [];
    for (const dir of readdirSync(crdCacheDir()).sort()) {
        for (const file of readdirSync(join(crdCacheDir(), dir)).filter((f) => f.endsWith(".yaml")).sort()) {
            texts.push(readFileSync(join(crdCacheDir(), dir, file), "utf8"));
        }
    }
    return crdsIn(texts);
}

/** The CRDs of chart packages' `crds/` folders, read file by file (`helm show crds` joins them without separators). */
export function chartCrdObjects(chartPackages: readonly string[]): KubeObject[] {
    const texts: string[] = [];
    for (const chart of chartPackages) {
        const files = execFileSync("tar", ["-tzf", chart], { encoding: "utf8" }).split("\n");
        for (const file of files.filter((f) => /^[^/]+\/crds\/[^/]+\.ya?ml$/.test(f)).sort()) {
            texts.push(execFileSync("tar", ["-xzOf", chart, file], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }));
        }
    }
    return crdsIn(texts);
}

function crdsIn(texts: readonly string[]): KubeObject[] {
    return texts.flatMap((text) => loadAll(text)).filter((object): object is KubeObject => (object as KubeObject | null)?.kind === "CustomResourceDefinition");
}

let shared: KubeSchemas | undefined;

/**
 * The schemas of the pinned Kubernetes release plus the CRDs of the CRD folder (prometheus-operator,
 * grafana-operator) and of every chart package given (its `crds/` folder, e.g. Strimzi's), loaded once.
 */
export function kubeSchemas(chartPackages: readonly string[]): KubeSchemas {
    if (shared === undefined) {
        shared = new KubeSchemas(join(enginePath("kubernetes-openapi"), "files"));
        shared.version = enginePath("kubernetes-openapi").split("-").pop() ?? "";
        crdFolderObjects().forEach((crd) => shared?.addCrd(crd));
    }
    const fresh = chartPackages.filter((chart) => !loadedCharts.has(chart));
    fresh.forEach((chart) => loadedCharts.add(chart));
    chartCrdObjects(fresh).forEach((crd) => shared?.addCrd(crd));
    return shared;
}

const loadedCharts = new Set<string>();
