/**
 * Storage encryption (`bucket-encryption`): every S3 bucket has a default server-side encryption configuration; an
 * Azure storage account never switches blob encryption off. GCS and Azure Storage always encrypt at rest.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { targetsBucket, typeIs, Types } from "./resources";
import {
    asArray,
    asStackResources,
    isRecord,
    record,
    report,
    tryRead,
    type Props,
    type StackResource,
    type StackViolation,
} from "./shared";

const S3_SSE_ALGORITHMS = ["AES256", "aws:kms", "aws:kms:dsse"];

/** Problems with the rules of an S3 server-side encryption configuration (empty: valid). */
export function checkS3EncryptionRules(rules: unknown): string[] {
    const list = asArray(rules).filter(isRecord);
    if (list.length === 0) {
        return ["it has no rules"];
    }
    const problems: string[] = [];
    for (const rule of list) {
        const algorithm = record(rule.applyServerSideEncryptionByDefault).sseAlgorithm;
        if (typeof algorithm !== "string" || !S3_SSE_ALGORITHMS.includes(algorithm)) {
            problems.push(
                `a rule has sseAlgorithm ${JSON.stringify(algorithm)}; use one of ${S3_SSE_ALGORITHMS.join(", ")}`,
            );
        }
    }
    return problems;
}

/** Rule 1 over a whole stack: every S3 bucket has a valid default encryption configuration. */
export function checkBucketEncryption(resources: ReadonlyArray<StackResource>): StackViolation[] {
    const violations: StackViolation[] = [];
    const configs = resources.filter((r) => typeIs(r.type, ...Types.s3Encryption));
    for (const config of configs) {
        const rules = tryRead(() => ({ value: config.props.rules }));
        if (rules === undefined) {
            continue; // unknown during preview
        }
        for (const problem of checkS3EncryptionRules(rules.value)) {
            violations.push({
                urn: config.urn,
                message: `S3 encryption configuration "${config.name}": ${problem}.`,
            });
        }
    }
    for (const bucket of resources.filter((r) => typeIs(r.type, ...Types.s3Bucket))) {
        const inline = tryRead(() => record(bucket.props.serverSideEncryptionConfiguration));
        const inlineRules = inline ? (inline.rules ?? inline.rule) : undefined;
        const hasInline = inlineRules !== undefined && checkS3EncryptionRules(inlineRules).length === 0;
        if (hasInline || configs.some((c) => targetsBucket(c, bucket))) {
            continue;
        }
        violations.push({
            urn: bucket.urn,
            message:
                `S3 bucket "${bucket.name}" has no default encryption. Add an ` +
                `aws.s3.BucketServerSideEncryptionConfiguration for it with sseAlgorithm "AES256" or "aws:kms" ` +
                `(with a KMS key and bucketKeyEnabled: true).`,
        });
    }
    return violations;
}

/** Azure Storage encrypts every account (it cannot be turned off); only an explicit `enabled: false` is wrong. */
export function checkAzureAccountEncryption(props: Props): string[] {
    const blob = record(record(record(props.encryption).services).blob);
    if (blob.enabled === false) {
        return ["encryption.services.blob.enabled is false; remove it (Azure Storage always encrypts blobs)."];
    }
    return [];
}

export const bucketEncryption: StackValidationPolicy = {
    name: "bucket-encryption",
    description:
        "Every S3 bucket has a default server-side encryption configuration (SSE-S3 or SSE-KMS). GCS and Azure Storage " +
        "always encrypt at rest and need nothing.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Add an aws.s3.BucketServerSideEncryptionConfiguration for the bucket with sseAlgorithm AES256, or aws:kms " +
        "with kmsMasterKeyId and bucketKeyEnabled: true.",
    validateStack: (args, reportViolation) => {
        report(reportViolation, checkBucketEncryption(asStackResources(args.resources)));
    },
};
