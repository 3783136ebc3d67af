/**
 * Secrets: no credentials in ConfigMaps (`no-secrets-in-configmaps`) or in Helm values
 * (`helm-values-no-plaintext-credentials`). Keys that name a credential and value shapes that are credentials are
 * found; references to a Secret (env vars, files, templates) are not credentials. Messages never echo a value.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { typeIs, Types } from "./resources";
import { isRecord, MASKED_SECRET, tryRead } from "./shared";

const SECRET_WORDS = new Set(["password", "passwd", "passphrase", "pwd", "secret", "token", "apikey", "credential", "credentials", "bearer"]);
const SECRET_PAIRS: Array<[string, string]> = [
    ["api", "key"],
    ["access", "key"],
    ["private", "key"],
    ["secret", "key"],
    ["client", "secret"],
    ["account", "key"],
    ["sas", "token"],
];
/** Words that make a key a reference to a secret, a setting about one, or a location — not the secret itself. */
const REFERENCE_WORDS = new Set([
    "file", "files", "path", "filename", "dir", "ref", "refs", "name", "names", "existing", "enabled", "disabled",
    "enable", "type", "mode", "url", "uri", "endpoint", "header", "ttl", "expiry", "expires", "expiration", "duration",
    "length", "format", "provider", "source", "env", "var", "field", "selector", "policy", "rotation", "count",
    "size", "min", "max", "required", "kind", "version", "mount", "volume", "annotations", "labels", "template",
    "store", "audience", "issuer", "usage", "strategy",
]);

/** Splits `basicAuthPassword`, `sasl_password`, `AWS_SECRET_ACCESS_KEY`, `api-key` into lower-case words. */
function keyWords(key: string): string[] {
    return key
        .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
        .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((w) => w !== "");
}

/** Whether a key names a credential (password, secret key, token, …) rather than a reference to one. */
export function isSecretKey(key: string): boolean {
    const words = keyWords(key);
    if (words.length === 0 || words.some((w) => REFERENCE_WORDS.has(w))) {
        return false;
    }
    if (words.some((w) => SECRET_WORDS.has(w))) {
        return true;
    }
    return SECRET_PAIRS.some(([a, b]) => words.some((w, i) => w === a && words[i + 1] === b));
}

/** Whether a value is a reference (env var, file, empty) rather than a literal credential. */
export function isCredentialReference(value: string): boolean {
    const v = value.trim().replace(/^["']|["'],?$/g, "").replace(/,$/, "").trim();
    return (
        v === "" ||
        v === "null" ||
        v === "~" ||
        v === "true" ||
        v === "false" ||
        /^\$\$?\{[^}]+\}$/.test(v) || // ${VAR} (also Grafana's escaped $${VAR})
        /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(v) || // $VAR
        /^\$\$?__(env|file|vault)\{[^}]+\}$/.test(v) || // Grafana provisioning (also escaped $$__env{…})
        /^\{\{.*\}\}$/.test(v) || // a template expression
        v === "{" ||
        v === "[" ||
        v === "|" ||
        v === ">" ||
        v === "|-" ||
        v === ">-"
    );
}

/** Value shapes that are credentials whatever their key. */
const CREDENTIAL_PATTERNS: Array<[RegExp, string]> = [
    [/-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/, "a private key"],
    [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/, "an AWS access key id"],
    [/\bBearer\s+(?=[A-Za-z0-9\-._~+/]*\d)[A-Za-z0-9\-._~+/]{20,}=*/, "a bearer token"],
    [/\bAuthorization["']?\s*[:=]\s*["']?Basic\s+[A-Za-z0-9+/]{8,}={0,2}/i, "HTTP basic credentials"],
    [/[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/$]+@/i, "credentials in a URL"],
    [/(^|[;&?\s])(password|pwd)=(?!\$)[^;&\s]+/i, "a password in a connection string"],
];

function valueShapeProblems(value: string): string[] {
    const problems: string[] = [];
    if (value === MASKED_SECRET || value.includes(`: ${MASKED_SECRET}`) || value.includes(`"${MASKED_SECRET}"`)) {
        problems.push("a secret value");
    }
    for (const [pattern, what] of CREDENTIAL_PATTERNS) {
        if (pattern.test(value)) {
            problems.push(what);
        }
    }
    return problems;
}

/** `key: value`, `key = value`, `"key": "value"`, `KEY=value` lines of embedded YAML/JSON/properties/env files. */
const KEY_VALUE_LINE = /^\s*(?:-\s+)?["']?([A-Za-z0-9_.\-]+)["']?\s*[:=]\s*(.*?)\s*$/;

/** Credentials in a text document (YAML, JSON, INI, properties, env): `[what, where]` pairs. */
export function credentialsInText(text: string): string[] {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        parsed = undefined;
    }
    if (isRecord(parsed) || Array.isArray(parsed)) {
        return credentialsInValues(parsed, "");
    }
    const findings: string[] = [];
    text.split(/\r?\n/).forEach((line, index) => {
        const match = KEY_VALUE_LINE.exec(line);
        if (match && isSecretKey(match[1]) && !isCredentialReference(match[2])) {
            findings.push(`line ${index + 1} sets "${match[1]}"`);
        }
    });
    for (const what of valueShapeProblems(text)) {
        findings.push(`it contains ${what}`);
    }
    return [...new Set(findings)];
}

/** Credentials in a values tree (Helm values, parsed JSON): one finding per offending path. Unknown parts are skipped. */
export function credentialsInValues(value: unknown, path: string): string[] {
    const findings: string[] = [];
    const walk = (node: unknown, at: string, key: string | undefined) => {
        if (typeof node === "string") {
            if (key !== undefined && isSecretKey(key) && !isCredentialReference(node)) {
                findings.push(`${at} is a literal credential`);
            } else {
                for (const what of valueShapeProblems(node)) {
                    findings.push(`${at} contains ${what}`);
                }
            }
        } else if (typeof node === "number") {
            if (key !== undefined && isSecretKey(key)) {
                findings.push(`${at} is a literal credential`);
            }
        } else if (Array.isArray(node)) {
            const length = tryRead(() => node.length) ?? 0;
            for (let i = 0; i < length; i++) {
                const child = tryRead(() => ({ value: node[i] }));
                if (child !== undefined) {
                    walk(child.value, `${at}[${i}]`, key);
                }
            }
        } else if (isRecord(node)) {
            for (const childKey of tryRead(() => Object.keys(node)) ?? []) {
                const child = tryRead(() => ({ value: node[childKey] }));
                if (child !== undefined) {
                    walk(child.value, at === "" ? childKey : `${at}.${childKey}`, childKey);
                }
            }
        }
    };
    walk(value, path, undefined);
    return findings;
}

/** Rule 8: credentials in a ConfigMap's `data` (never echoes the values). */
export function checkConfigMapData(data: unknown): string[] {
    const problems: string[] = [];
    const entries = tryRead(() => (isRecord(data) ? Object.keys(data) : [])) ?? [];
    for (const key of entries) {
        const value = tryRead(() => (data as Record<string, unknown>)[key]);
        if (typeof value !== "string") {
            continue;
        }
        if (isSecretKey(key) && !isCredentialReference(value)) {
            problems.push(`data.${key} holds a credential`);
            continue;
        }
        for (const finding of credentialsInText(value)) {
            problems.push(`data.${key}: ${finding}`);
        }
    }
    return problems;
}

export const noSecretsInConfigMaps: ResourceValidationPolicy = {
    name: "no-secrets-in-configmaps",
    description:
        "ConfigMaps hold no credentials: no password/secret/token/access-key keys with literal values (also inside " +
        "embedded YAML/JSON/properties files), no bearer tokens, private keys, AWS key ids or credentials in URLs. " +
        "Use a Secret and reference it (env var, $__env{…}, ${VAR}).",
    enforcementLevel: "mandatory",
    severity: "critical",
    validateResource: (args, reportViolation) => {
        if (!typeIs(args.type, ...Types.configMap)) {
            return;
        }
        for (const problem of checkConfigMapData(tryRead(() => args.props.data))) {
            reportViolation(`${args.name}: ${problem}; move it to a Secret and reference it.`);
        }
    },
};

export const helmValuesNoCredentials: ResourceValidationPolicy = {
    name: "helm-values-no-plaintext-credentials",
    description:
        "Helm values carry no literal credentials (password/secret/token/access-key keys with literal values, or " +
        "credential-shaped strings): they end up in the release history and in Pulumi state. Reference a Secret " +
        "(existingSecret, extraEnvFrom + ${VAR}) instead.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: (args, reportViolation) => {
        if (!typeIs(args.type, ...Types.helmInstalls)) {
            return;
        }
        for (const finding of credentialsInValues(tryRead(() => args.props.values), "values")) {
            reportViolation(
                `${args.name}: ${finding}; put it in a Kubernetes Secret and reference it (existingSecret, or ` +
                    "extraEnvFrom with ${VAR} and -config.expand-env=true).",
            );
        }
    },
};
