/**
 * The API server's object-metadata rules that no OpenAPI schema states (apimachinery `ValidateObjectMeta`,
 * `ValidateLabels`, `ValidateAnnotations`; ConfigMap and Secret key names and sizes), applied to every object and to
 * the label maps inside it (pod templates, selectors). Written from the Kubernetes documentation, independently of
 * the component's own validation, so a gap in one is not hidden by the other:
 * https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
 * https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set
 */
import type { KubeObject } from "./render";

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
/** The API server's limit on ConfigMap and Secret data (etcd's request limit). */
const MAX_DATA_BYTES = 1024 * 1024;
const MAX_ANNOTATION_BYTES = 256 * 1024;

function isSubdomain(name: string): boolean {
    return name.length <= 253 && name.split(".").every((label) => DNS_LABEL.test(label));
}

function keyProblem(key: string): string | undefined {
    const parts = key.split("/");
    if (parts.length > 2 || (parts.length === 2 && !isSubdomain(parts[0]))) {
        return "prefix must be a DNS subdomain followed by one '/'";
    }
    const name = parts[parts.length - 1];
    return name.length <= 63 && NAME_PART.test(name) ? undefined : "name part must be 1-63 alphanumerics, '-', '_' or '.', alphanumeric at both ends";
}

/** Kinds whose names are DNS-1123 labels (or DNS-1035 labels for Services); the rest are subdomains. */
const LABEL_NAMED = new Set(["Namespace", "StatefulSet"]);

/** Every metadata problem of one object, as `path: message`. */
export function metadataProblems(object: KubeObject): string[] {
    const problems: string[] = [];
    const name = object.metadata?.name;
    if (typeof name !== "string" || name === "") {
        problems.push("metadata.name: missing (the component names every object explicitly)");
    } else if (object.kind === "Service" ? !(name.length <= 63 && DNS_1035_LABEL.test(name)) : LABEL_NAMED.has(object.kind) ? !(name.length <= 63 && DNS_LABEL.test(name)) : !isSubdomain(name)) {
        problems.push(`metadata.name: "${name}" is not a valid ${object.kind} name`);
    }
    const namespace = object.metadata?.namespace;
    if (namespace !== undefined && !(typeof namespace === "string" && namespace.length <= 63 && DNS_LABEL.test(namespace))) {
        problems.push(`metadata.namespace: "${String(namespace)}" is not a namespace name`);
    }
    // A CRD's schema mentions `matchLabels` as field names, not as label maps: only its own metadata is labels.
    walkLabelMaps(object.kind === "CustomResourceDefinition" ? { metadata: object.metadata } : object, "", problems);
    if (object.kind === "ConfigMap" || object.kind === "Secret") {
        let bytes = 0;
        for (const field of ["data", "stringData", "binaryData"]) {
            for (const [key, value] of Object.entries((object[field] ?? {}) as Record<string, unknown>)) {
                if (!(key.length <= 253 && CONFIG_KEY.test(key))) {
                    problems.push(`${field}.${key}: not a valid key (letters, digits, '-', '_' or '.')`);
                }
                bytes += key.length + (typeof value === "string" ? Buffer.byteLength(value) : 0);
            }
        }
        if (bytes > MAX_DATA_BYTES) {
            problems.push(`data: ${bytes} bytes, over the API server's 1 MiB limit`);
        }
    }
    return problems;
}

/** Label maps (`metadata.labels`, `matchLabels`, a Service's `spec.selector`) and annotation maps anywhere in the object. */
function walkLabelMaps(node: unknown, path: string, problems: string[]): void {
    if (Array.isArray(node)) {
        node.forEach((item, index) => walkLabelMaps(item, `${path}[${index}]`, problems));
        return;
    }
    if (typeof node !== "object" || node === null) {
        return;
    }
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
        const at = path === "" ? key : `${path}.${key}`;
        const isLabels = (key === "labels" && path.endsWith("metadata")) || key === "matchLabels" || (key === "selector" && path === "spec" && !isNested(value));
        const isAnnotations = key === "annotations" && path.endsWith("metadata");
        if ((isLabels || isAnnotations) && typeof value === "object" && value !== null && !Array.isArray(value)) {
            let annotationBytes = 0;
            for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
                const problem = keyProblem(k);
                if (problem !== undefined) {
                    problems.push(`${at}["${k}"]: key ${problem}`);
                }
                if (typeof v !== "string") {
                    problems.push(`${at}["${k}"]: value ${JSON.stringify(v)} is not a string`);
                } else if (isLabels && !(v.length <= 63 && LABEL_VALUE.test(v))) {
                    problems.push(`${at}["${k}"]: "${v}" is not a valid label value`);
                } else {
                    annotationBytes += k.length + v.length;
                }
            }
            if (isAnnotations && annotationBytes > MAX_ANNOTATION_BYTES) {
                problems.push(`${at}: ${annotationBytes} bytes of annotations, over 256 KiB`);
            }
            continue;
        }
        walkLabelMaps(value, at, problems);
    }
}

/** A selector given as `matchLabels`/`matchExpressions` (a workload's) rather than a plain map (a Service's). */
function isNested(value: unknown): boolean {
    return typeof value === "object" && value !== null && ("matchLabels" in value || "matchExpressions" in value);
}
