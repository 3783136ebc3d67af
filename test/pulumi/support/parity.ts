/**
 * The offline render against what the real engine recorded: the same resources (type and name), and every input the
 * render gives found with the same value in the state after `up` — outputs aside: the provider's Check may add its
 * defaults, a secret is compared as a secret, a value the render could not know (`[unknown]`) matches anything.
 */
import type { RenderedResource } from "../../../sdk/render/render";

const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** One resource of `pulumi stack export`. */
interface StateResource {
    readonly urn: string;
    readonly type: string;
    readonly custom?: boolean;
    readonly inputs?: Record<string, unknown>;
}

/** Resources the engine adds to every stack and the render has no reason to register. */
const ENGINE_ONLY_TYPES = new Set(["pulumi:pulumi:Stack"]);

/** Every difference between the render's resources and the deployment's, as readable lines (empty when they agree). */
export function resourceParityProblems(rendered: readonly RenderedResource[], deployment: { resources?: StateResource[] }): string[] {
    const state = (deployment.resources ?? []).filter((r) => !ENGINE_ONLY_TYPES.has(r.type) && !r.type.startsWith("pulumi:providers:"));
    const key = (type: string, name: string) => `${type}::${name}`;
    const inState = new Map(state.map((r) => [key(r.type, r.urn.split("::").pop() as string), r]));
    const renderedResources = rendered.filter((r) => !r.type.startsWith("pulumi:providers:"));
    const inRender = new Set(renderedResources.map((r) => key(r.type, r.name)));
    const problems: string[] = [];
    for (const resource of renderedResources) {
        const deployed = inState.get(key(resource.type, resource.name));
        if (deployed === undefined) {
            problems.push(`${key(resource.type, resource.name)}: in the render, not deployed`);
        } else if (resource.custom) {
            const [expected, actual] = asTheProviderChecksThem(resource.type, resource.inputs, deployed.inputs ?? {});
            problems.push(...subsetProblems(expected, actual, `${key(resource.type, resource.name)} inputs`));
        }
    }
    for (const name of inState.keys()) {
        if (!inRender.has(name)) {
            problems.push(`${name}: deployed, not in the render`);
        }
    }
    return problems;
}

/**
 * The render's inputs and the state's, with what the Kubernetes provider's Check changes on the way undone: a
 * Secret's `stringData` becomes base64 `data`; the SDK's internal `compat` flag of a Helm release is dropped.
 */
function asTheProviderChecksThem(type: string, rendered: Record<string, unknown>, stored: Record<string, unknown>): [Record<string, unknown>, Record<string, unknown>] {
    if (type === "kubernetes:core/v1:Secret" && rendered.stringData !== undefined && rendered.data === undefined) {
        const { stringData, ...rest } = rendered;
        return [{ ...rest, data: stringData }, stored];
    }
    if (type === "kubernetes:helm.sh/v3:Release" && stored.compat === undefined) {
        const { compat: _compat, ...rest } = rendered;
        return [rest, stored];
    }
    return [rendered, stored];
}

/** Where `expected` (the render's value) is not found in `actual` (the state's); an empty map may be left out. */
export function subsetProblems(expected: unknown, actual: unknown, path: string): string[] {
    if (expected === "[unknown]") {
        return [];
    }
    if (expected === "[secret]") {
        return isSecret(actual) ? [] : [`${path}: a secret in the render, not in the state`];
    }
    if (isSecret(actual)) {
        return [`${path}: a secret in the state, not in the render`];
    }
    if (Array.isArray(expected)) {
        if (!Array.isArray(actual) || actual.length !== expected.length) {
            return [`${path}: ${JSON.stringify(expected)} in the render, ${JSON.stringify(actual)} in the state`];
        }
        return expected.flatMap((item, index) => subsetProblems(item, actual[index], `${path}[${index}]`));
    }
    if (typeof expected === "object" && expected !== null) {
        if (actual === undefined && Object.keys(expected).length === 0) {
            return [];
        }
        if (typeof actual !== "object" || actual === null || Array.isArray(actual)) {
            return [`${path}: an object in the render, ${JSON.stringify(actual)} in the state`];
        }
        return Object.entries(expected).flatMap(([field, value]) => subsetProblems(value, (actual as Record<string, unknown>)[field], `${path}.${field}`));
    }
    return expected === actual ? [] : [`${path}: ${JSON.stringify(expected)} in the render, ${JSON.stringify(actual)} in the state`];
}

function isSecret(value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG;
}
