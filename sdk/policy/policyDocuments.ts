/**
 * AWS policy documents (IAM identity and trust policies, S3 bucket policies): their statements, conditions and
 * principals, read from JSON text or an object.
 */
import { asArray, asStrings, isRecord, record } from "./shared";

export interface Statement {
    Sid?: string;
    Effect?: string;
    Principal?: unknown;
    NotPrincipal?: unknown;
    Action?: unknown;
    NotAction?: unknown;
    Resource?: unknown;
    NotResource?: unknown;
    Condition?: Record<string, Record<string, unknown>>;
}

/** The statements of a policy document given as JSON text or an object; `undefined` when it is not a document. */
export function policyStatements(document: unknown): Statement[] | undefined {
    let doc = document;
    if (typeof doc === "string") {
        try {
            doc = JSON.parse(doc);
        } catch {
            return undefined;
        }
    }
    if (!isRecord(doc) || doc.Statement === undefined) {
        return undefined;
    }
    return asArray(doc.Statement).filter(isRecord) as Statement[];
}

export function statementLabel(statement: Statement, index: number): string {
    return statement.Sid ? `statement "${statement.Sid}"` : `statement #${index + 1}`;
}

/** The values of a condition `operator` → `key` (case-insensitive key match, as IAM compares keys). */
export function conditionValues(statement: Statement, operator: string, keyTest: (key: string) => boolean): unknown[][] {
    const block = record(record(statement.Condition)[operator]);
    return Object.entries(block)
        .filter(([key]) => keyTest(key.toLowerCase()))
        .map(([, value]) => asArray(value));
}

/** True when the principal is everyone (`"*"`, `{AWS: "*"}`). */
export function isAnyPrincipal(principal: unknown): boolean {
    if (principal === "*") {
        return true;
    }
    if (isRecord(principal)) {
        return asStrings(principal.AWS).includes("*");
    }
    return false;
}

/** An action that grants every action (`*`) or every action of a service (`s3:*`). */
export function isWildcardAction(action: string): boolean {
    return action.trim() === "*" || /^[a-z0-9-]+:\*$/i.test(action.trim());
}

/** A resource that is every resource (`*`) or every resource of a service (`arn:aws:s3:::*`). */
export function isWildcardResource(resource: string): boolean {
    const r = resource.trim();
    return r === "*" || /^arn:[^:]*:[^:]*:[^:]*:[^:]*:\*$/.test(r);
}
