/**
 * Naming rules of the systems we create things in, and deterministic derivation of names that fit them.
 */
import { createHash } from "node:crypto";

/** RFC 1123 label, the rule for namespaces and most Kubernetes names. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Whether `name` is a DNS-1123 label of at most `maxLength` characters. */
export function isDnsLabel(name: string, maxLength = 63): boolean {
    return name.length <= maxLength && DNS_LABEL.test(name);
}

/** RFC 1123 subdomain: dot-separated labels, at most 253 characters (StorageClass and most object names). */
export function isDnsSubdomain(name: string): boolean {
    return name.length <= 253 && name.split(".").every((label) => DNS_LABEL.test(label));
}

/** The name part of a qualified name (label and annotation keys): at most 63 alphanumerics, '-', '_' or '.', alphanumeric at both ends. */
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
/** A label value: empty, or at most 63 characters of the same alphabet, alphanumeric at both ends. */
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/**
 * Why `key` is not a Kubernetes label or annotation key (`[prefix/]name`: an optional DNS subdomain prefix, then a
 * name of at most 63 characters), or `undefined` when it is one. The API server's rule (apimachinery
 * `IsQualifiedName`): https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set
 */
export function qualifiedNameProblem(key: string): string | undefined {
    const parts = key.split("/");
    const name = parts[parts.length - 1];
    if (parts.length > 2) {
        return `"${key}" has more than one "/"`;
    }
    if (parts.length === 2 && (parts[0] === "" || !isDnsSubdomain(parts[0]))) {
        return `the prefix "${parts[0]}" of "${key}" must be a DNS subdomain such as example.com (lower-case letters, digits, '-' and '.')`;
    }
    if (name.length > 63 || !QUALIFIED_NAME_PART.test(name)) {
        return `"${key}" is not a valid key: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit (an optional "prefix/" may come first)`;
    }
    return undefined;
}

/** Why `value` is not a Kubernetes label value, or `undefined` when it is one. */
export function labelValueProblem(value: string): string | undefined {
    if (value.length > 63 || !LABEL_VALUE.test(value)) {
        return `"${value}" is not a valid label value: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit (or empty)`;
    }
    return undefined;
}

/** A short, stable hash of the text, used to shorten names without losing uniqueness. */
export function shortHash(text: string, length = 8): string {
    return createHash("sha256").update(text).digest("hex").slice(0, length);
}

/** Truncates `name` to `maxLength`, replacing the tail by a stable hash of the whole name when it is too long. */
export function fitName(name: string, maxLength: number, separator = "-"): string {
    if (name.length <= maxLength) {
        return name;
    }
    const hash = shortHash(name);
    const head = name.slice(0, maxLength - hash.length - separator.length).replace(/[-.]+$/, "");
    return `${head}${separator}${hash}`;
}

/** Lower-cases and replaces characters outside `[a-z0-9-]` so the result can be a DNS label or bucket name. */
export function slug(text: string): string {
    return text
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, "-")
        .replace(/-{2,}/g, "-")
        .replace(/^-+|-+$/g, "");
}

const S3_FORBIDDEN_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const S3_FORBIDDEN_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

/**
 * Problems with an S3 general-purpose bucket name, empty when valid.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
export function s3BucketNameProblems(name: string): string[] {
    const problems: string[] = [];
    if (name.length < 3 || name.length > 63) {
        problems.push(`must be 3 to 63 characters long (got ${name.length})`);
    }
    if (!/^[a-z0-9.-]*$/.test(name)) {
        problems.push("may contain only lower-case letters, digits, dots and hyphens");
    }
    if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) {
        problems.push("must begin and end with a letter or digit");
    }
    if (name.includes("..")) {
        problems.push("must not contain two adjacent dots");
    }
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) {
        problems.push("must not be formatted as an IP address");
    }
    const prefix = S3_FORBIDDEN_PREFIXES.find((p) => name.startsWith(p));
    if (prefix) {
        problems.push(`must not start with "${prefix}"`);
    }
    const suffix = S3_FORBIDDEN_SUFFIXES.find((s) => name.endsWith(s));
    if (suffix) {
        problems.push(`must not end with "${suffix}"`);
    }
    return problems;
}

/** Derives a valid bucket name from project, stack and component name (at most 63 characters). */
export function deriveBucketName(project: string, stack: string, name: string): string {
    const base = slug(`${project}-${stack}-${name}-traces`);
    return fitName(base.replace(/^(xn--|sthree-|amzn-s3-demo-)/, ""), 63);
}

/** Derives an IAM role name (at most 64 characters of `[\w+=,.@-]`). */
export function deriveRoleName(project: string, stack: string, name: string): string {
    return fitName(slug(`${project}-${stack}-${name}`), 64);
}

/** IAM role names: 1 to 64 characters of letters, digits and `+=,.@_-`. */
export function isIamRoleName(name: string): boolean {
    return /^[\w+=,.@-]{1,64}$/.test(name);
}

/**
 * Problems with a GCS bucket name, empty when valid.
 * @see https://cloud.google.com/storage/docs/buckets#naming
 */
export function gcsBucketNameProblems(name: string): string[] {
    const problems: string[] = [];
    if (name.length < 3 || name.length > 63) {
        problems.push(`must be 3 to 63 characters long (got ${name.length})`);
    }
    if (!/^[a-z0-9._-]*$/.test(name)) {
        problems.push("may contain only lower-case letters, digits, dots, hyphens and underscores");
    }
    if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) {
        problems.push("must begin and end with a letter or digit");
    }
    if (name.startsWith("goog") || name.includes("google")) {
        problems.push('must not start with "goog" or contain "google"');
    }
    return problems;
}

/**
 * Problems with an Azure blob container name, empty when valid.
 * @see https://learn.microsoft.com/rest/api/storageservices/naming-and-referencing-containers--blobs--and-metadata
 */
export function azureContainerNameProblems(name: string): string[] {
    const problems: string[] = [];
    if (name.length < 3 || name.length > 63) {
        problems.push(`must be 3 to 63 characters long (got ${name.length})`);
    }
    if (!/^[a-z0-9-]*$/.test(name)) {
        problems.push("may contain only lower-case letters, digits and hyphens");
    }
    if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) {
        problems.push("must begin and end with a letter or digit");
    }
    if (name.includes("--")) {
        problems.push("must not contain two adjacent hyphens");
    }
    return problems;
}

/** Derives a GCS-valid bucket name (same shape as the S3 one). */
export function deriveGcsBucketName(project: string, stack: string, name: string): string {
    return fitName(slug(`${project}-${stack}-${name}-traces`).replace(/^goog/, "g-oog").replace(/google/g, "g-oogle"), 63);
}

/** Derives an Azure container name (no adjacent hyphens). */
export function deriveContainerName(project: string, stack: string, name: string): string {
    return fitName(slug(`${project}-${stack}-${name}-traces`), 63);
}

/** Derives a globally unique-ish storage account name: 3-24 lower-case letters and digits. */
export function deriveStorageAccountName(project: string, stack: string, name: string): string {
    const head = `${project}${stack}${name}`.toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 12);
    return `${head}${shortHash(`${project}/${stack}/${name}`, 24 - head.length)}`;
}

/** Derives a Google service account id: 6-30 characters, `[a-z][a-z0-9-]*[a-z0-9]`. */
export function deriveServiceAccountId(project: string, stack: string, name: string): string {
    return `tempo-${shortHash(`${project}/${stack}/${name}`, 12)}`;
}

/** A UUID derived from text (RFC 4122 layout, version 5-style bits): stable names for resources that must be GUIDs. */
export function deterministicUuid(text: string): string {
    const hex = shortHash(text, 32).split("");
    hex[12] = "5";
    hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
    const h = hex.join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
