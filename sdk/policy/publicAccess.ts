/**
 * Public access (`bucket-public-access-blocked`): trace buckets can never be public on S3, GCS or Azure Storage.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { isAnyPrincipal, policyStatements, statementLabel } from "./policyDocuments";
import { gcpGrants, isGcpIamGrant, targetsBucket, typeIs, Types } from "./resources";
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

const S3_PUBLIC_ACCESS_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

/** Flags of an S3 PublicAccessBlock that are not `true`. */
export function missingPublicAccessFlags(props: Props): string[] {
    return S3_PUBLIC_ACCESS_FLAGS.filter((flag) => props[flag] !== true);
}

const PUBLIC_ACLS = ["public-read", "public-read-write", "authenticated-read"];
const PUBLIC_GRANTEE_URIS = /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)/;

/** Problems of an S3 bucket ACL (canned or grants) that make it public. */
export function checkS3Acl(props: Props): string[] {
    const problems: string[] = [];
    if (typeof props.acl === "string" && PUBLIC_ACLS.includes(props.acl)) {
        problems.push(`acl "${props.acl}" makes it public; remove the ACL (use BucketOwnershipControls "BucketOwnerEnforced")`);
    }
    const grants = asArray(record(props.accessControlPolicy).grants).concat(asArray(props.grants));
    for (const grant of grants.filter(isRecord)) {
        const uri = record(grant.grantee).uri ?? grant.uri;
        if (typeof uri === "string" && PUBLIC_GRANTEE_URIS.test(uri)) {
            problems.push(`it grants ${uri.replace(/.*\//, "")}; remove that grant`);
        }
    }
    return problems;
}

/** Allow statements of an S3 bucket policy open to everyone without any condition. */
export function publicAllowStatements(document: unknown): string[] {
    const statements = policyStatements(document) ?? [];
    return statements
        .map((s, i) => ({ s, i }))
        .filter(({ s }) => s.Effect === "Allow" && isAnyPrincipal(s.Principal) && s.Condition === undefined)
        .map(({ s, i }) => statementLabel(s, i));
}

/** GCS bucket: public access prevention enforced and uniform bucket-level access on. */
export function checkGcsBucketPublicAccess(props: Props): string[] {
    const problems: string[] = [];
    if (props.publicAccessPrevention !== "enforced") {
        problems.push(`set publicAccessPrevention: "enforced" (it is ${JSON.stringify(props.publicAccessPrevention)})`);
    }
    if (props.uniformBucketLevelAccess !== true) {
        problems.push("set uniformBucketLevelAccess: true (IAM only, no object ACLs)");
    }
    return problems;
}

const GCP_PUBLIC_MEMBERS = ["allUsers", "allAuthenticatedUsers"];

/** Azure storage account: blob public access disallowed explicitly. */
export function checkAzureAccountPublicAccess(props: Props): string[] {
    return props.allowBlobPublicAccess === false
        ? []
        : [`set allowBlobPublicAccess: false (it is ${JSON.stringify(props.allowBlobPublicAccess)})`];
}

/** Azure blob container: no anonymous access. */
export function checkAzureContainerPublicAccess(props: Props): string[] {
    const access = props.publicAccess;
    return access === undefined || access === "None"
        ? []
        : [`set publicAccess: "None" (it is ${JSON.stringify(access)})`];
}

/** Rule 2 over a whole stack. */
export function checkPublicAccess(resources: ReadonlyArray<StackResource>): StackViolation[] {
    const violations: StackViolation[] = [];
    const add = (r: StackResource, what: string, problems: string[]) => {
        for (const problem of problems) {
            violations.push({ urn: r.urn, message: `${what} "${r.name}": ${problem}.` });
        }
    };
    const blocks = resources.filter((r) => typeIs(r.type, ...Types.s3PublicAccessBlock));
    for (const block of blocks) {
        const missing = tryRead(() => missingPublicAccessFlags(block.props));
        if (missing && missing.length > 0) {
            add(block, "S3 public access block", [`set ${missing.join(", ")} to true`]);
        }
    }
    for (const bucket of resources.filter((r) => typeIs(r.type, ...Types.s3Bucket))) {
        if (!blocks.some((b) => targetsBucket(b, bucket))) {
            add(bucket, "S3 bucket", [
                "no BucketPublicAccessBlock targets it; add an aws.s3.BucketPublicAccessBlock with blockPublicAcls, " +
                    "blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true",
            ]);
        }
        add(bucket, "S3 bucket", tryRead(() => checkS3Acl(bucket.props)) ?? []);
        const inlinePolicy = tryRead(() => bucket.props.policy);
        if (inlinePolicy !== undefined) {
            const open = publicAllowStatements(inlinePolicy);
            add(bucket, "S3 bucket", open.map((s) => `its policy's ${s} allows everyone ("*") unconditionally`));
        }
    }
    for (const r of resources) {
        tryRead(() => {
            if (typeIs(r.type, ...Types.s3BucketAcl)) {
                add(r, "S3 bucket ACL", checkS3Acl(r.props));
            } else if (typeIs(r.type, ...Types.s3BucketPolicy)) {
                const open = publicAllowStatements(r.props.policy);
                add(r, "S3 bucket policy", open.map((s) => `${s} allows everyone ("*") without a condition; name the principals`));
            } else if (typeIs(r.type, ...Types.gcsBucket)) {
                add(r, "GCS bucket", checkGcsBucketPublicAccess(r.props));
            } else if (isGcpIamGrant(r.type)) {
                for (const { role, members } of gcpGrants(r.type, r.props)) {
                    for (const member of members.filter((m) => GCP_PUBLIC_MEMBERS.includes(m))) {
                        add(r, "GCP IAM grant", [`grants ${role} to ${member}; grant it to specific identities only`]);
                    }
                }
            } else if (typeIs(r.type, ...Types.gcsAccessControl)) {
                const entity = r.props.entity;
                if (typeof entity === "string" && GCP_PUBLIC_MEMBERS.includes(entity)) {
                    add(r, "GCS access control", [`grants access to ${entity}; remove it (use uniform bucket-level access)`]);
                }
            } else if (typeIs(r.type, ...Types.azureStorageAccount)) {
                add(r, "Azure storage account", checkAzureAccountPublicAccess(r.props));
            } else if (typeIs(r.type, ...Types.azureBlobContainer)) {
                add(r, "Azure blob container", checkAzureContainerPublicAccess(r.props));
            }
        });
    }
    return violations;
}

export const bucketPublicAccessBlocked: StackValidationPolicy = {
    name: "bucket-public-access-blocked",
    description:
        "Trace buckets can never be public: S3 buckets have a PublicAccessBlock with all four flags and no public ACL " +
        "or policy; GCS buckets enforce public access prevention and uniform bucket-level access and grant nothing to " +
        "allUsers; Azure accounts disallow blob public access and containers have publicAccess None.",
    enforcementLevel: "mandatory",
    severity: "critical",
    validateStack: (args, reportViolation) => {
        report(reportViolation, checkPublicAccess(asStackResources(args.resources)));
    },
};
