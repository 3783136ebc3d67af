/**
 * TLS-only access (`bucket-tls-only`): S3 bucket policies deny plain HTTP; Azure storage accounts accept HTTPS only,
 * TLS 1.2 or later. GCS accepts only TLS.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { conditionValues, isAnyPrincipal, policyStatements, type Statement } from "./policyDocuments";
import { targetsBucket, typeIs, Types } from "./resources";
import { checkAzureAccountEncryption } from "./storageEncryption";
import { asStackResources, asStrings, report, tryRead, type Props, type StackResource, type StackViolation } from "./shared";

/**
 * Whether a bucket policy statement denies every S3 action to everyone over plain HTTP
 * (`Deny`, principal `*`, `s3:*`, `Bool`/`BoolIfExists` `aws:SecureTransport` = `false`) for the bucket's objects.
 */
export function deniesInsecureTransport(statement: Statement, bucketName?: string): boolean {
    if (statement.Effect !== "Deny" || !isAnyPrincipal(statement.Principal)) {
        return false;
    }
    const actions = asStrings(statement.Action);
    if (!actions.some((a) => a === "*" || a.toLowerCase() === "s3:*")) {
        return false;
    }
    const secureTransport = ["Bool", "BoolIfExists"].flatMap((op) =>
        conditionValues(statement, op, (key) => key === "aws:securetransport"),
    );
    if (!secureTransport.some((values) => values.some((v) => v === false || v === "false"))) {
        return false;
    }
    if (bucketName === undefined) {
        return true;
    }
    const escaped = bucketName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const objects = new RegExp(`^arn:[^:]+:s3:::${escaped}(/\\*|\\*)$`);
    return asStrings(statement.Resource).some((r) => r === "*" || objects.test(r));
}

/** Azure storage account: HTTPS only and TLS 1.2 or later. */
export function checkAzureAccountTls(props: Props): string[] {
    const problems: string[] = [];
    if (props.enableHttpsTrafficOnly !== true) {
        problems.push(`set enableHttpsTrafficOnly: true (it is ${JSON.stringify(props.enableHttpsTrafficOnly)})`);
    }
    if (props.minimumTlsVersion !== "TLS1_2" && props.minimumTlsVersion !== "TLS1_3") {
        problems.push(`set minimumTlsVersion: "TLS1_2" (it is ${JSON.stringify(props.minimumTlsVersion)})`);
    }
    return problems;
}

/** Rule 3 over a whole stack. */
export function checkTlsOnly(resources: ReadonlyArray<StackResource>): StackViolation[] {
    const violations: StackViolation[] = [];
    const policies = resources.filter((r) => typeIs(r.type, ...Types.s3BucketPolicy));
    for (const bucket of resources.filter((r) => typeIs(r.type, ...Types.s3Bucket))) {
        const name = tryRead(() => bucket.props.bucket);
        const bucketName = typeof name === "string" && name !== "" ? name : undefined;
        const documents = policies.filter((p) => targetsBucket(p, bucket)).map((p) => tryRead(() => p.props.policy));
        documents.push(tryRead(() => bucket.props.policy));
        const enforced = documents.some((d) =>
            (policyStatements(d) ?? []).some((s) => deniesInsecureTransport(s, bucketName)),
        );
        const anyUnknown = policies.some((p) => targetsBucket(p, bucket) && tryRead(() => p.props.policy) === undefined);
        if (!enforced && !anyUnknown) {
            violations.push({
                urn: bucket.urn,
                message:
                    `S3 bucket "${bucket.name}" accepts plain HTTP. Add an aws.s3.BucketPolicy with a statement ` +
                    `{Effect: "Deny", Principal: {AWS: "*"}, Action: "s3:*", Resource: [bucket ARN, bucket ARN + "/*"], ` +
                    `Condition: {Bool: {"aws:SecureTransport": "false"}}}.`,
            });
        }
    }
    for (const account of resources.filter((r) => typeIs(r.type, ...Types.azureStorageAccount))) {
        for (const problem of tryRead(() => checkAzureAccountTls(account.props)) ?? []) {
            violations.push({ urn: account.urn, message: `Azure storage account "${account.name}": ${problem}.` });
        }
        for (const problem of tryRead(() => checkAzureAccountEncryption(account.props)) ?? []) {
            violations.push({ urn: account.urn, message: `Azure storage account "${account.name}": ${problem}` });
        }
    }
    return violations;
}

export const bucketTlsOnly: StackValidationPolicy = {
    name: "bucket-tls-only",
    description:
        "Buckets refuse plain HTTP: each S3 bucket's policy denies s3:* when aws:SecureTransport is false; Azure " +
        "storage accounts set enableHttpsTrafficOnly and minimumTlsVersion TLS1_2.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateStack: (args, reportViolation) => {
        report(reportViolation, checkTlsOnly(asStackResources(args.resources)));
    },
};
