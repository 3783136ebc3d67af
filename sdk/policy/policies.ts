/**
 * The policies of the `tempo-cluster` policy pack, as plain objects.
 *
 * This module never constructs a `PolicyPack` (its constructor reads `package.json` from the working directory and
 * starts the analyzer's gRPC server); `index.ts` does. Tests import this module and call `validateResource` /
 * `validateStack` directly.
 *
 * Every rule is a small pure function over plain props (`check…`), wrapped into a policy that selects resources by
 * their type token (`args.type`) — no provider SDK (`@pulumi/aws`, `@pulumi/gcp`, …) is loaded.
 *
 * How the policy SDK presents values (`@pulumi/policy` 1.21):
 * - **Secrets are unwrapped.** `validateResource`/`validateStack` receive plaintext for secret values (only
 *   remediations see `Secret` wrappers), so a policy cannot tell a secret Output from a literal. The secret rules
 *   therefore look at key names and value shapes, and treat the offline render's mask `"[secret]"` as a secret.
 * - **Unknown values throw.** During preview, reading a value that is not yet known throws `UnknownValueError`; the SDK
 *   turns that into an advisory "can't run during preview" for resource policies. The deep scans here (ConfigMap data,
 *   Helm values) and the stack policies skip unknown parts instead, so the rest is still checked; everything is
 *   checked again, with known values, during `pulumi up`.
 * - **Options.** `args.opts` carries `protect`, but not `retainOnDelete`: the analyzer protocol does not send it. The
 *   protection rule checks `retainOnDelete` only when it is present (a newer SDK, or the golden-render tests).
 */
import type {
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";

// ---------------------------------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------------------------------

/** Plain props of a resource. */
export type Props = Record<string, unknown>;

/** A policy of this pack. */
export type TempoPolicy = ResourceValidationPolicy | StackValidationPolicy;

/** The part of a stack resource the stack rules read (a `PolicyResource` satisfies it). */
export interface StackResource {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    readonly props: Record<string, unknown>;
    readonly opts?: { readonly protect?: boolean };
    readonly parent?: { readonly urn: string };
    readonly propertyDependencies?: Record<string, ReadonlyArray<{ readonly urn: string }>>;
}

/** A violation of a stack rule, attributed to a resource when `urn` is set. */
export interface StackViolation {
    readonly message: string;
    readonly urn?: string;
}

/** The offline render (and `pulumi stack export` without `--show-secrets`) masks secrets as this string. */
export const MASKED_SECRET = "[secret]";

/** True for the error `@pulumi/policy` throws when a value is not known yet (preview). */
export function isUnknownValueError(error: unknown): boolean {
    if (!(error instanceof Error)) {
        return false;
    }
    return error.constructor?.name === "UnknownValueError" || /can't be known during preview/.test(error.message);
}

/** Runs `read`; returns `undefined` when it hits a value that is unknown during preview. Other errors propagate. */
export function tryRead<T>(read: () => T): T | undefined {
    try {
        return read();
    } catch (error) {
        if (isUnknownValueError(error)) {
            return undefined;
        }
        throw error;
    }
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
    if (value === undefined || value === null) {
        return [];
    }
    return Array.isArray(value) ? value : [value];
}

function asStrings(value: unknown): string[] {
    return asArray(value).filter((v): v is string => typeof v === "string");
}

function record(value: unknown): Record<string, unknown> {
    return isRecord(value) ? value : {};
}

/** A number from a number or a numeric string (Kafka configs come as either). */
function numberOf(value: unknown): number | undefined {
    if (typeof value === "number" && Number.isFinite(value)) {
        return value;
    }
    if (typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) {
        return Number(value);
    }
    return undefined;
}

/** The stack name of a URN (`urn:pulumi:<stack>::<project>::<type>::<name>`). */
export function stackOfUrn(urn: string): string | undefined {
    const match = /^urn:pulumi:([^:]+)::/.exec(urn);
    return match?.[1];
}

/** Glob match with `*` (any run of characters) and `?` (one character); the whole name must match. */
export function globMatch(pattern: string, name: string): boolean {
    const regex = pattern
        .split("")
        .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
        .join("");
    return new RegExp(`^${regex}$`).test(name);
}

/** A resource type token matcher. Azure Native types may carry an API version module (`storage/v20230101`). */
function azureNative(module: string, name: string): RegExp {
    return new RegExp(`^azure-native:${module}(/v[0-9a-z]+)?:${name}$`);
}

function typeIs(type: string, ...matchers: ReadonlyArray<string | RegExp>): boolean {
    return matchers.some((m) => (typeof m === "string" ? m === type : m.test(type)));
}

/** Merges the policy's configuration over its defaults (`getConfig` returns `{}` when nothing is configured). */
function configOf<T extends object>(args: { getConfig<C extends object>(): C }, defaults: T): T {
    const configured = (args.getConfig<Partial<T>>() ?? {}) as Record<string, unknown>;
    const merged: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
    for (const [key, value] of Object.entries(configured)) {
        if (value !== undefined && value !== null) {
            merged[key] = value;
        }
    }
    return merged as T;
}

// ---------------------------------------------------------------------------------------------------------------------
// Resource type tokens
// ---------------------------------------------------------------------------------------------------------------------

export const Types = {
    s3Bucket: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
    s3Encryption: [
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    ],
    s3PublicAccessBlock: ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
    s3BucketPolicy: ["aws:s3/bucketPolicy:BucketPolicy"],
    s3BucketAcl: ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"],
    iamPolicyDocuments: [
        "aws:iam/rolePolicy:RolePolicy",
        "aws:iam/policy:Policy",
        "aws:iam/userPolicy:UserPolicy",
        "aws:iam/groupPolicy:GroupPolicy",
    ],
    iamRole: ["aws:iam/role:Role"],
    iamAttachments: [
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        "aws:iam/userPolicyAttachment:UserPolicyAttachment",
        "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
        "aws:iam/policyAttachment:PolicyAttachment",
    ],
    eksPodIdentityAssociation: ["aws:eks/podIdentityAssociation:PodIdentityAssociation"],
    gcsBucket: ["gcp:storage/bucket:Bucket"],
    gcsAccessControl: [
        "gcp:storage/bucketAccessControl:BucketAccessControl",
        "gcp:storage/defaultObjectAccessControl:DefaultObjectAccessControl",
        "gcp:storage/objectAccessControl:ObjectAccessControl",
    ],
    gcpCustomRole: ["gcp:projects/iAMCustomRole:IAMCustomRole", "gcp:organizations/iAMCustomRole:IAMCustomRole"],
    azureStorageAccount: [azureNative("storage", "StorageAccount")],
    azureBlobContainer: [azureNative("storage", "BlobContainer")],
    azureRoleAssignment: [azureNative("authorization", "RoleAssignment"), "azure:authorization/assignment:Assignment"],
    azureRoleDefinition: [azureNative("authorization", "RoleDefinition")],
    azureFederatedCredential: [
        azureNative("managedidentity", "FederatedIdentityCredential"),
        "azure:armmsi/federatedIdentityCredential:FederatedIdentityCredential",
        "azuread:index/applicationFederatedIdentityCredential:ApplicationFederatedIdentityCredential",
    ],
    helmInstalls: ["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart", "kubernetes:helm.sh/v3:Chart"],
    configMap: ["kubernetes:core/v1:ConfigMap", "kubernetes:core/v1:ConfigMapPatch"],
    monitoring: [/^kubernetes:monitoring\.coreos\.com\/v1(alpha1)?:(ServiceMonitor|PodMonitor|PrometheusRule|Probe|ScrapeConfig)$/],
    strimziKafka: [/^kubernetes:kafka\.strimzi\.io\/(v1|v1beta2):Kafka$/],
    strimziNodePool: [/^kubernetes:kafka\.strimzi\.io\/(v1|v1beta2):KafkaNodePool$/],
    strimziTopic: [/^kubernetes:kafka\.strimzi\.io\/(v1|v1beta2):KafkaTopic$/],
} as const;

/** GCP IAM member/binding/policy resources: `gcp:<module>/<x>IAMMember:<X>IAMMember` and friends. */
function isGcpIamGrant(type: string): "member" | "binding" | "policy" | undefined {
    if (!type.startsWith("gcp:")) {
        return undefined;
    }
    const name = type.slice(type.lastIndexOf(":") + 1);
    if (/IAMMember$/i.test(name)) {
        return "member";
    }
    if (/IAMBinding$/i.test(name)) {
        return "binding";
    }
    if (/IAMPolicy$/i.test(name)) {
        return "policy";
    }
    return undefined;
}

/** `(role, members)` pairs granted by a GCP IAM member/binding/policy resource. */
function gcpGrants(type: string, props: Props): Array<{ role: string; members: string[] }> {
    switch (isGcpIamGrant(type)) {
        case "member":
            return [{ role: String(props.role ?? ""), members: asStrings(props.member) }];
        case "binding":
            return [{ role: String(props.role ?? ""), members: asStrings(props.members) }];
        case "policy": {
            let data: unknown = props.policyData;
            if (typeof data === "string") {
                try {
                    data = JSON.parse(data);
                } catch {
                    return [];
                }
            }
            return asArray(record(data).bindings)
                .filter(isRecord)
                .map((b) => ({ role: String(b.role ?? ""), members: asStrings(b.members) }));
        }
        default:
            return [];
    }
}

// ---------------------------------------------------------------------------------------------------------------------
// Production stacks (shared configuration)
// ---------------------------------------------------------------------------------------------------------------------

/** Which stacks are production. Every stack is production unless it matches `nonProductionStacks` (fail closed). */
export interface StackSelection {
    /** Globs (`*`, `?`) of stacks exempt from production-only rules. */
    nonProductionStacks: string[];
    /** When non-empty, only stacks matching one of these globs are production. */
    productionStacks: string[];
}

export const DEFAULT_STACK_SELECTION: StackSelection = {
    nonProductionStacks: ["dev", "dev-*", "local", "local-*"],
    productionStacks: [],
};

/** Whether `stack` counts as production under `selection`. */
export function isProductionStack(stack: string, selection: StackSelection = DEFAULT_STACK_SELECTION): boolean {
    const production = selection.productionStacks ?? [];
    if (production.length > 0 && !production.some((p) => globMatch(p, stack))) {
        return false;
    }
    return !(selection.nonProductionStacks ?? []).some((p) => globMatch(p, stack));
}

const STACK_SELECTION_SCHEMA = {
    nonProductionStacks: {
        type: "array" as const,
        items: { type: "string" as const },
        default: DEFAULT_STACK_SELECTION.nonProductionStacks,
        description:
            "Stack-name globs exempt from this production-only rule. Every other stack counts as production.",
    },
    productionStacks: {
        type: "array" as const,
        items: { type: "string" as const },
        default: DEFAULT_STACK_SELECTION.productionStacks,
        description: "When non-empty, only stacks matching one of these globs count as production.",
    },
};

// ---------------------------------------------------------------------------------------------------------------------
// Policy documents (AWS IAM / S3 bucket policies)
// ---------------------------------------------------------------------------------------------------------------------

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

function statementLabel(statement: Statement, index: number): string {
    return statement.Sid ? `statement "${statement.Sid}"` : `statement #${index + 1}`;
}

/** The values of a condition `operator` → `key` (case-insensitive key match, as IAM compares keys). */
function conditionValues(statement: Statement, operator: string, keyTest: (key: string) => boolean): unknown[][] {
    const block = record(record(statement.Condition)[operator]);
    return Object.entries(block)
        .filter(([key]) => keyTest(key.toLowerCase()))
        .map(([, value]) => asArray(value));
}

/** True when the principal is everyone (`"*"`, `{AWS: "*"}`). */
function isAnyPrincipal(principal: unknown): boolean {
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

// ---------------------------------------------------------------------------------------------------------------------
// Rule 1: bucket encryption
// ---------------------------------------------------------------------------------------------------------------------

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

/** The names an S3 bucket is referred to by (bucket name, id, ARN suffix), as far as they are known. */
function s3BucketNames(bucket: StackResource): Set<string> {
    const names = new Set<string>();
    for (const key of ["bucket", "id", "arn"]) {
        const value = tryRead(() => bucket.props[key]);
        if (typeof value === "string" && value !== "") {
            names.add(key === "arn" ? value.replace(/^arn:[^:]*:s3:::/, "") : value);
        }
    }
    return names;
}

/** Whether `attachment` (an S3 bucket sub-resource) configures `bucket`: by name, by parent or by dependency. */
export function targetsBucket(attachment: StackResource, bucket: StackResource): boolean {
    if (attachment.parent?.urn === bucket.urn) {
        return true;
    }
    if ((attachment.propertyDependencies?.bucket ?? []).some((d) => d.urn === bucket.urn)) {
        return true;
    }
    const target = tryRead(() => attachment.props.bucket);
    return typeof target === "string" && s3BucketNames(bucket).has(target.replace(/^arn:[^:]*:s3:::/, ""));
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

// ---------------------------------------------------------------------------------------------------------------------
// Rule 2: public access blocked
// ---------------------------------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------------------------------
// Rule 3: TLS-only bucket access
// ---------------------------------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------------------------------
// Rule 4: no wildcard IAM
// ---------------------------------------------------------------------------------------------------------------------

/** Problems of an AWS identity policy document: wildcard actions or resources in Allow statements. */
export function checkIamDocument(document: unknown): string[] {
    const statements = policyStatements(document);
    if (statements === undefined) {
        return ["the policy document is not valid JSON with a Statement; it cannot be checked"];
    }
    const problems: string[] = [];
    statements.forEach((statement, index) => {
        if (statement.Effect !== "Allow") {
            return;
        }
        const label = statementLabel(statement, index);
        const wildcardActions = asStrings(statement.Action).filter(isWildcardAction);
        if (wildcardActions.length > 0) {
            problems.push(
                `${label} allows ${wildcardActions.map((a) => `"${a}"`).join(", ")}; list the exact actions ` +
                    `(for Tempo: s3:ListBucket, s3:GetObject, s3:PutObject, s3:DeleteObject, s3:GetObjectTagging, ` +
                    `s3:PutObjectTagging)`,
            );
        }
        if (statement.NotAction !== undefined) {
            problems.push(`${label} uses NotAction with Allow, which grants every other action; use Action`);
        }
        const wildcardResources = asStrings(statement.Resource).filter(isWildcardResource);
        if (wildcardResources.length > 0) {
            problems.push(
                `${label} applies to ${wildcardResources.map((r) => `"${r}"`).join(", ")}; name the bucket ` +
                    `(arn:aws:s3:::<bucket>, arn:aws:s3:::<bucket>/*) or key ARN`,
            );
        }
        if (statement.NotResource !== undefined) {
            problems.push(`${label} uses NotResource with Allow, which covers every other resource; use Resource`);
        }
    });
    return problems;
}

/** AWS managed policies that grant far more than Tempo needs. */
export const FORBIDDEN_AWS_MANAGED_POLICIES = [
    "AdministratorAccess",
    "PowerUserAccess",
    "IAMFullAccess",
    "AmazonS3FullAccess",
];

function forbiddenManagedPolicy(arn: string): boolean {
    return FORBIDDEN_AWS_MANAGED_POLICIES.some((name) => arn.endsWith(`:policy/${name}`));
}

export const DEFAULT_FORBIDDEN_GCP_ROLES = ["roles/owner", "roles/editor", "roles/storage.admin"];

/** Azure built-in roles that are never right for a workload identity: Owner, Contributor, User Access Administrator. */
export const FORBIDDEN_AZURE_ROLES: Record<string, string> = {
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
    "b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
    "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
};

/** An Azure scope that covers a whole subscription, management group or tenant. */
export function isBroadAzureScope(scope: string): boolean {
    const s = scope.replace(/\/+$/, "").toLowerCase();
    return (
        s === "" ||
        /^\/subscriptions\/[^/]+$/.test(s) ||
        s.startsWith("/providers/microsoft.management/managementgroups/")
    );
}

/** Problems of an Azure role assignment. */
export function checkAzureRoleAssignment(props: Props): string[] {
    const problems: string[] = [];
    const roleId = String(props.roleDefinitionId ?? "");
    const guid = roleId.slice(roleId.lastIndexOf("/") + 1).toLowerCase();
    const byName = typeof props.roleDefinitionName === "string" ? props.roleDefinitionName : undefined;
    const roleName =
        FORBIDDEN_AZURE_ROLES[guid] ??
        (byName && Object.values(FORBIDDEN_AZURE_ROLES).includes(byName) ? byName : undefined);
    if (roleName) {
        problems.push(
            `it assigns the ${roleName} role; assign "Storage Blob Data Contributor" ` +
                `(ba92f5b4-2d11-453d-a403-e96b0029c9fe) on the container instead`,
        );
    }
    const scope = typeof props.scope === "string" ? props.scope : undefined;
    if (scope !== undefined && isBroadAzureScope(scope)) {
        problems.push(
            `its scope ${JSON.stringify(scope)} is a whole subscription or management group; scope it to the ` +
                `container (…/storageAccounts/<account>/blobServices/default/containers/<container>)`,
        );
    }
    return problems;
}

/** Problems of an Azure custom role definition: wildcard actions. */
export function checkAzureRoleDefinition(props: Props): string[] {
    const problems: string[] = [];
    for (const permission of asArray(props.permissions).filter(isRecord)) {
        for (const key of ["actions", "dataActions"]) {
            for (const action of asStrings(permission[key])) {
                if (action === "*" || /^[^/]+\/\*$/.test(action)) {
                    problems.push(`${key} contains "${action}"; list the exact operations`);
                }
            }
        }
    }
    return problems;
}

/** Problems of a GCP custom role: wildcard or IAM-admin permissions. */
export function checkGcpCustomRole(props: Props): string[] {
    return asStrings(props.permissions)
        .filter((p) => p.includes("*") || p.endsWith(".setIamPolicy"))
        .map((p) => `permission "${p}" is too broad (wildcard or IAM administration); list only what Tempo uses`);
}

export interface IamConfig {
    forbiddenGcpRoles: string[];
}

/** Rule 4 for one resource. */
export function checkLeastPrivilege(type: string, props: Props, config: IamConfig): string[] {
    if (typeIs(type, ...Types.iamPolicyDocuments)) {
        return checkIamDocument(props.policy);
    }
    if (typeIs(type, ...Types.iamRole)) {
        const problems: string[] = [];
        for (const inline of asArray(props.inlinePolicies).filter(isRecord)) {
            if (inline.policy !== undefined) {
                problems.push(...checkIamDocument(inline.policy).map((p) => `inline policy "${inline.name}": ${p}`));
            }
        }
        for (const arn of asStrings(props.managedPolicyArns).filter(forbiddenManagedPolicy)) {
            problems.push(`managed policy ${arn} grants far more than Tempo needs; use a scoped inline policy`);
        }
        return problems;
    }
    if (typeIs(type, ...Types.iamAttachments)) {
        const arn = props.policyArn;
        return typeof arn === "string" && forbiddenManagedPolicy(arn)
            ? [`attaches ${arn}, which grants far more than Tempo needs; use a scoped policy`]
            : [];
    }
    if (typeIs(type, ...Types.gcpCustomRole)) {
        return checkGcpCustomRole(props);
    }
    if (isGcpIamGrant(type)) {
        const forbidden = new Set(config.forbiddenGcpRoles);
        return gcpGrants(type, props)
            .filter((g) => forbidden.has(g.role))
            .map(
                (g) =>
                    `grants ${g.role}; grant a custom role with only the permissions Tempo uses ` +
                    `(storage.buckets.get, storage.objects.{create,delete,get,list}) on the bucket`,
            );
    }
    if (typeIs(type, ...Types.azureRoleAssignment)) {
        return checkAzureRoleAssignment(props);
    }
    if (typeIs(type, ...Types.azureRoleDefinition)) {
        return checkAzureRoleDefinition(props);
    }
    return [];
}

// ---------------------------------------------------------------------------------------------------------------------
// Rule 5: workload identity trust scoped to one ServiceAccount
// ---------------------------------------------------------------------------------------------------------------------

const K8S_NAMESPACE = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const K8S_SA_NAME = "[a-z0-9]([-a-z0-9.]*[a-z0-9])?";
const SA_SUBJECT = new RegExp(`^system:serviceaccount:${K8S_NAMESPACE}:${K8S_SA_NAME}$`);
const GKE_WI_MEMBER = new RegExp(`^serviceAccount:[a-z0-9.:-]+\\.svc\\.id\\.goog\\[${K8S_NAMESPACE}/${K8S_SA_NAME}\\]$`);
const GKE_WI_PRINCIPAL = new RegExp(
    "^principal://iam\\.googleapis\\.com/projects/[0-9]+/locations/global/workloadIdentityPools/[^/]+/subject/" +
        `ns/${K8S_NAMESPACE}/sa/${K8S_SA_NAME}$`,
);
export const AZURE_TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";
const STS_AUDIENCE = "sts.amazonaws.com";

/** Whether an IAM statement's actions include web-identity federation. */
function allowsWebIdentity(statement: Statement): boolean {
    return asStrings(statement.Action).some(
        (a) => a === "*" || a.toLowerCase() === "sts:*" || a.toLowerCase() === "sts:assumerolewithwebidentity",
    );
}

/** Problems of an IAM role trust policy (IRSA: StringEquals on `:sub` and `:aud`). */
export function checkTrustPolicy(document: unknown): string[] {
    const statements = policyStatements(document);
    if (statements === undefined) {
        return ["the trust policy is not valid JSON with a Statement; it cannot be checked"];
    }
    const problems: string[] = [];
    statements.forEach((statement, index) => {
        if (statement.Effect !== "Allow") {
            return;
        }
        const label = statementLabel(statement, index);
        if (isAnyPrincipal(statement.Principal)) {
            problems.push(`${label} lets any AWS principal ("*") assume the role; name the principal`);
        }
        if (!allowsWebIdentity(statement)) {
            return;
        }
        const subs = conditionValues(statement, "StringEquals", (k) => k.endsWith(":sub")).flat();
        const auds = conditionValues(statement, "StringEquals", (k) => k.endsWith(":aud")).flat();
        if (subs.length === 0) {
            const like = conditionValues(statement, "StringLike", (k) => k.endsWith(":sub")).length > 0;
            problems.push(
                `${label} allows sts:AssumeRoleWithWebIdentity without StringEquals on "<issuer>:sub"` +
                    `${like ? " (StringLike is not enough)" : ""}; require ` +
                    `"<issuer>:sub": "system:serviceaccount:<namespace>:<serviceAccount>"`,
            );
        } else {
            const bad = subs.filter((s) => typeof s !== "string" || !SA_SUBJECT.test(s));
            if (bad.length > 0) {
                problems.push(
                    `${label} trusts subject ${bad.map((s) => JSON.stringify(s)).join(", ")}; use exactly ` +
                        `"system:serviceaccount:<namespace>:<serviceAccount>" (no wildcards)`,
                );
            }
        }
        if (auds.length === 0) {
            problems.push(
                `${label} allows sts:AssumeRoleWithWebIdentity without StringEquals on "<issuer>:aud"; require ` +
                    `"<issuer>:aud": "${STS_AUDIENCE}"`,
            );
        } else if (auds.some((a) => a !== STS_AUDIENCE)) {
            problems.push(`${label} accepts audience ${JSON.stringify(auds)}; require exactly "${STS_AUDIENCE}"`);
        }
    });
    return problems;
}

/** Problems of a GCP `roles/iam.workloadIdentityUser` member: it must name one namespace and ServiceAccount. */
export function checkWorkloadIdentityMember(member: string): string[] {
    if (GKE_WI_MEMBER.test(member) || GKE_WI_PRINCIPAL.test(member)) {
        return [];
    }
    return [
        `roles/iam.workloadIdentityUser is granted to ${JSON.stringify(member)}; grant it to exactly one Kubernetes ` +
            `ServiceAccount: "serviceAccount:<project>.svc.id.goog[<namespace>/<serviceAccount>]"`,
    ];
}

/** Problems of an Azure federated identity credential. */
export function checkFederatedCredential(props: Props): string[] {
    const problems: string[] = [];
    const subject = props.subject;
    if (typeof subject !== "string" || !SA_SUBJECT.test(subject)) {
        problems.push(
            `subject ${JSON.stringify(subject)} must be exactly "system:serviceaccount:<namespace>:<serviceAccount>"`,
        );
    }
    if (props.claimsMatchingExpression !== undefined) {
        problems.push("claimsMatchingExpression matches many subjects; use a fixed subject");
    }
    const audiences = asStrings(props.audiences ?? props.audience);
    if (audiences.length !== 1 || audiences[0] !== AZURE_TOKEN_EXCHANGE_AUDIENCE) {
        problems.push(`audiences ${JSON.stringify(audiences)} must be exactly ["${AZURE_TOKEN_EXCHANGE_AUDIENCE}"]`);
    }
    const issuer = props.issuer;
    if (typeof issuer !== "string" || !/^https:\/\/\S+$/.test(issuer)) {
        problems.push(`issuer ${JSON.stringify(issuer)} must be the cluster's https OIDC issuer URL`);
    }
    return problems;
}

/** Problems of an EKS Pod Identity association: it must name one namespace and ServiceAccount. */
export function checkPodIdentityAssociation(props: Props): string[] {
    const problems: string[] = [];
    for (const key of ["namespace", "serviceAccount"]) {
        const value = props[key];
        if (typeof value !== "string" || value === "" || /[*?]/.test(value)) {
            problems.push(`${key} ${JSON.stringify(value)} must name exactly one ${key === "namespace" ? "namespace" : "ServiceAccount"}`);
        }
    }
    return problems;
}

/** Rule 5 for one resource. */
export function checkWorkloadIdentityTrust(type: string, props: Props): string[] {
    if (typeIs(type, ...Types.iamRole)) {
        return props.assumeRolePolicy === undefined ? [] : checkTrustPolicy(props.assumeRolePolicy);
    }
    if (typeIs(type, ...Types.eksPodIdentityAssociation)) {
        return checkPodIdentityAssociation(props);
    }
    if (typeIs(type, ...Types.azureFederatedCredential)) {
        return checkFederatedCredential(props);
    }
    if (isGcpIamGrant(type)) {
        return gcpGrants(type, props)
            .filter((g) => g.role === "roles/iam.workloadIdentityUser")
            .flatMap((g) => (g.members.length === 0 ? ["no members"] : g.members.flatMap(checkWorkloadIdentityMember)));
    }
    return [];
}

// ---------------------------------------------------------------------------------------------------------------------
// Rule 6: production storage protected
// ---------------------------------------------------------------------------------------------------------------------

/** The data-holding storage resources. */
export function isStorageResource(type: string): boolean {
    return typeIs(type, ...Types.s3Bucket, ...Types.gcsBucket, ...Types.azureStorageAccount, ...Types.azureBlobContainer);
}

/** Options the protection rule reads; `retainOnDelete` is checked only when the caller knows it. */
export interface ProtectionOptions {
    readonly protect?: boolean;
    readonly retainOnDelete?: boolean;
}

/** Problems of a storage resource in a production stack. */
export function checkStorageProtection(props: Props, opts: ProtectionOptions): string[] {
    const problems: string[] = [];
    if (opts.protect !== true) {
        problems.push("it is not protected; set the resource option protect: true (TempoCluster: profile: production)");
    }
    if (opts.retainOnDelete === false) {
        problems.push("retainOnDelete is false; set the resource option retainOnDelete: true");
    }
    if (props.forceDestroy === true) {
        problems.push("forceDestroy is true, so deleting it empties it first; set forceDestroy: false");
    }
    return problems;
}

// ---------------------------------------------------------------------------------------------------------------------
// Rule 7: Helm chart version pinned
// ---------------------------------------------------------------------------------------------------------------------

const EXACT_SEMVER =
    /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

/** Whether `version` is one exact SemVer version (not a range, not empty). */
export function isExactChartVersion(version: unknown): boolean {
    return typeof version === "string" && EXACT_SEMVER.test(version.trim()) && version.trim() === version;
}

/** Whether the chart reference pins its content by itself (local path, archive URL, OCI digest). */
function chartPinsItself(chart: string): boolean {
    return (
        /^(\.{1,2}\/|\/|file:\/\/)/.test(chart) ||
        /\.tgz$/.test(chart) ||
        /@sha256:[0-9a-f]{64}$/.test(chart)
    );
}

/** Problems of a Helm install's chart reference and version. */
export function checkChartVersion(props: Props): string[] {
    const chart = props.chart;
    if (typeof chart === "string" && chartPinsItself(chart)) {
        return [];
    }
    if (isExactChartVersion(props.version)) {
        return [];
    }
    const got = props.version === undefined || props.version === "" ? "no version" : `version ${JSON.stringify(props.version)}`;
    return [
        `chart ${JSON.stringify(chart)} has ${got}; set version to one exact release (e.g. "3.3.0"), not a range, ` +
            `so every deploy installs the same chart`,
    ];
}

// ---------------------------------------------------------------------------------------------------------------------
// Rules 8 and 12: credentials in ConfigMaps and Helm values
// ---------------------------------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------------------------------
// Rule 9: monitoring objects carry selector labels
// ---------------------------------------------------------------------------------------------------------------------

export const DEFAULT_SELECTOR_LABELS = ["release"];

/**
 * Problems of a monitoring object's labels. `selectorLabels` entries are `key` or `key=value`; the object needs one of
 * them. With an empty list it needs any label outside `app.kubernetes.io/`.
 */
export function checkSelectorLabels(labels: unknown, selectorLabels: string[]): string[] {
    const present = record(labels);
    const has = (entry: string) => {
        const [key, value] = entry.includes("=") ? [entry.slice(0, entry.indexOf("=")), entry.slice(entry.indexOf("=") + 1)] : [entry, undefined];
        const actual = present[key];
        return typeof actual === "string" && actual !== "" && (value === undefined || actual === value);
    };
    if (selectorLabels.length > 0) {
        return selectorLabels.some(has)
            ? []
            : [
                  `it has none of the labels ${selectorLabels.map((l) => `"${l}"`).join(", ")}, so Prometheus ignores it; ` +
                      `set the label your Prometheus selects on (TempoCluster: monitoring.labels, kube-prometheus-stack: ` +
                      `release: <its Helm release name>)`,
              ];
    }
    const selectable = Object.keys(present).filter((k) => !k.startsWith("app.kubernetes.io/"));
    return selectable.length > 0
        ? []
        : ["it has only app.kubernetes.io/* labels; add the label your Prometheus selects on (monitoring.labels)"];
}

// ---------------------------------------------------------------------------------------------------------------------
// Rule 10: Kafka replication in production
// ---------------------------------------------------------------------------------------------------------------------

export interface KafkaThresholds {
    minReplicationFactor: number;
    minInsyncReplicas: number;
    minControllers: number;
}

export const DEFAULT_KAFKA_THRESHOLDS: KafkaThresholds = { minReplicationFactor: 3, minInsyncReplicas: 2, minControllers: 3 };

/** Node counts of a Strimzi cluster by role (from KafkaNodePools, or the legacy `spec.kafka.replicas`). */
export interface KafkaNodes {
    brokers?: number;
    controllers?: number;
}

/** Problems of a Strimzi `Kafka`'s replication settings. */
export function checkKafkaCluster(props: Props, nodes: KafkaNodes, t: KafkaThresholds): string[] {
    const spec = record(props.spec);
    const config = record(record(spec.kafka).config);
    const problems: string[] = [];
    const rf = numberOf(config["default.replication.factor"]);
    const isr = numberOf(config["min.insync.replicas"]);
    if (rf === undefined || rf < t.minReplicationFactor) {
        problems.push(
            `spec.kafka.config["default.replication.factor"] is ${rf ?? "unset (Kafka's default 1)"}; set it to at least ${t.minReplicationFactor}`,
        );
    }
    if (isr === undefined || isr < t.minInsyncReplicas) {
        problems.push(
            `spec.kafka.config["min.insync.replicas"] is ${isr ?? "unset (Kafka's default 1)"}; set it to at least ${t.minInsyncReplicas}`,
        );
    }
    if (rf !== undefined && isr !== undefined && isr >= rf) {
        problems.push(`min.insync.replicas (${isr}) must be below default.replication.factor (${rf}), or losing one broker stops writes`);
    }
    for (const [key, min] of [
        ["offsets.topic.replication.factor", t.minReplicationFactor],
        ["transaction.state.log.replication.factor", t.minReplicationFactor],
        ["transaction.state.log.min.isr", t.minInsyncReplicas],
    ] as const) {
        const value = numberOf(config[key]);
        if (value !== undefined && value < min) {
            problems.push(`spec.kafka.config["${key}"] is ${value}; set it to at least ${min}`);
        }
    }
    const brokers = nodes.brokers ?? numberOf(record(spec.kafka).replicas);
    if (brokers !== undefined && brokers < Math.max(rf ?? 0, t.minReplicationFactor)) {
        problems.push(`it has ${brokers} broker(s); run at least ${Math.max(rf ?? 0, t.minReplicationFactor)} (KafkaNodePool replicas with role broker)`);
    }
    if (nodes.controllers !== undefined && nodes.controllers < t.minControllers) {
        problems.push(`it has ${nodes.controllers} KRaft controller(s); run at least ${t.minControllers} for a quorum that survives a node loss`);
    }
    return problems;
}

/** Problems of a Strimzi `KafkaTopic`; unset values inherit the cluster's defaults (`inherited`) when known. */
export function checkKafkaTopic(
    props: Props,
    inherited: { replicationFactor?: number; minInsyncReplicas?: number },
    t: KafkaThresholds,
): string[] {
    const spec = record(props.spec);
    const problems: string[] = [];
    const replicas = numberOf(spec.replicas) ?? inherited.replicationFactor;
    const isr = numberOf(record(spec.config)["min.insync.replicas"]) ?? inherited.minInsyncReplicas;
    if (replicas === undefined || replicas < t.minReplicationFactor) {
        problems.push(`spec.replicas is ${replicas ?? "unset"}; set it to at least ${t.minReplicationFactor}`);
    }
    if (isr === undefined || isr < t.minInsyncReplicas) {
        problems.push(`spec.config["min.insync.replicas"] is ${isr ?? "unset"}; set it to at least ${t.minInsyncReplicas}`);
    }
    if (replicas !== undefined && isr !== undefined && isr >= replicas) {
        problems.push(`min.insync.replicas (${isr}) must be below replicas (${replicas}), or losing one broker stops writes`);
    }
    return problems;
}

function metadataOf(props: Record<string, unknown>): { name?: string; namespace?: string; labels: Record<string, unknown> } {
    const metadata = record(props.metadata);
    return {
        name: typeof metadata.name === "string" ? metadata.name : undefined,
        namespace: typeof metadata.namespace === "string" ? metadata.namespace : undefined,
        labels: record(metadata.labels),
    };
}

/** Rule 10 over a whole stack (the caller decides whether the stack is production). */
export function checkKafkaReplication(resources: ReadonlyArray<StackResource>, t: KafkaThresholds): StackViolation[] {
    const violations: StackViolation[] = [];
    const clusterKey = (namespace: string | undefined, name: string | undefined) => `${namespace ?? ""}/${name ?? ""}`;
    const nodes = new Map<string, KafkaNodes>();
    for (const pool of resources.filter((r) => typeIs(r.type, ...Types.strimziNodePool))) {
        tryRead(() => {
            const meta = metadataOf(pool.props);
            const key = clusterKey(meta.namespace, String(meta.labels["strimzi.io/cluster"] ?? ""));
            const spec = record(pool.props.spec);
            const replicas = numberOf(spec.replicas) ?? 0;
            const roles = asStrings(spec.roles);
            const entry = nodes.get(key) ?? {};
            if (roles.includes("broker")) {
                entry.brokers = (entry.brokers ?? 0) + replicas;
            }
            if (roles.includes("controller")) {
                entry.controllers = (entry.controllers ?? 0) + replicas;
            }
            nodes.set(key, entry);
        });
    }
    const clusterDefaults = new Map<string, { replicationFactor?: number; minInsyncReplicas?: number }>();
    for (const kafka of resources.filter((r) => typeIs(r.type, ...Types.strimziKafka))) {
        tryRead(() => {
            const meta = metadataOf(kafka.props);
            const key = clusterKey(meta.namespace, meta.name);
            const config = record(record(record(kafka.props.spec).kafka).config);
            clusterDefaults.set(key, {
                replicationFactor: numberOf(config["default.replication.factor"]),
                minInsyncReplicas: numberOf(config["min.insync.replicas"]),
            });
            for (const problem of checkKafkaCluster(kafka.props, nodes.get(key) ?? {}, t)) {
                violations.push({ urn: kafka.urn, message: `Kafka "${meta.name ?? kafka.name}": ${problem}.` });
            }
        });
    }
    for (const topic of resources.filter((r) => typeIs(r.type, ...Types.strimziTopic))) {
        tryRead(() => {
            const meta = metadataOf(topic.props);
            const key = clusterKey(meta.namespace, String(meta.labels["strimzi.io/cluster"] ?? ""));
            for (const problem of checkKafkaTopic(topic.props, clusterDefaults.get(key) ?? {}, t)) {
                violations.push({ urn: topic.urn, message: `KafkaTopic "${meta.name ?? topic.name}": ${problem}.` });
            }
        });
    }
    return violations;
}

// ---------------------------------------------------------------------------------------------------------------------
// Rule 11: Kubernetes objects have explicit names
// ---------------------------------------------------------------------------------------------------------------------

/** Problems of a Kubernetes object without an explicit name (Pulumi would add a random suffix). */
export function checkExplicitName(type: string, props: Props): string[] {
    if (!type.startsWith("kubernetes:") || type.startsWith("kubernetes:yaml") || type.startsWith("kubernetes:kustomize")) {
        return [];
    }
    if (type === "kubernetes:helm.sh/v3:Release") {
        return typeof props.name === "string" && props.name !== ""
            ? []
            : ["the release has no name, so Pulumi generates one with a random suffix; set name"];
    }
    if (type.startsWith("kubernetes:helm.sh/") || /List$|:Provider$/.test(type) || type.startsWith("pulumi:")) {
        return [];
    }
    const name = metadataOf(props).name;
    return name !== undefined && name !== ""
        ? []
        : [
              "metadata.name is not set, so Pulumi generates a name with a random suffix that other objects and " +
                  "identity bindings cannot refer to; set metadata.name",
          ];
}

// ---------------------------------------------------------------------------------------------------------------------
// Wrapping rules into policies
// ---------------------------------------------------------------------------------------------------------------------

function report(reportViolation: ReportViolation, violations: StackViolation[]) {
    for (const v of violations) {
        reportViolation(v.message, v.urn);
    }
}

function stackOf(args: StackValidationArgs): string | undefined {
    for (const resource of args.resources) {
        const stack = stackOfUrn(resource.urn);
        if (stack !== undefined) {
            return stack;
        }
    }
    return undefined;
}

function asStackResources(resources: ReadonlyArray<PolicyResource>): StackResource[] {
    return resources as unknown as StackResource[];
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

export const iamLeastPrivilege: ResourceValidationPolicy = {
    name: "iam-no-wildcards",
    description:
        "Identity grants are scoped: AWS policies allow no \"*\" or \"service:*\" actions and no \"*\" resources (and no " +
        "AdministratorAccess-style managed policies); GCP grants avoid owner/editor/storage.admin; Azure role " +
        "assignments avoid Owner/Contributor/User Access Administrator and subscription-wide scopes.",
    enforcementLevel: "mandatory",
    severity: "critical",
    configSchema: {
        properties: {
            forbiddenGcpRoles: {
                type: "array",
                items: { type: "string" },
                default: DEFAULT_FORBIDDEN_GCP_ROLES,
                description: "GCP roles that may not be granted.",
            },
        },
    },
    validateResource: (args, reportViolation) => {
        const config = configOf<IamConfig>(args, { forbiddenGcpRoles: DEFAULT_FORBIDDEN_GCP_ROLES });
        for (const problem of checkLeastPrivilege(args.type, args.props, config)) {
            reportViolation(`${args.name}: ${problem}.`);
        }
    },
};

export const workloadIdentityTrustScoped: ResourceValidationPolicy = {
    name: "workload-identity-trust-scoped",
    description:
        "Cloud identities trust exactly one Kubernetes ServiceAccount: IRSA trust policies use StringEquals on both " +
        "<issuer>:sub and <issuer>:aud; EKS Pod Identity associations name one namespace and ServiceAccount; GKE " +
        "workloadIdentityUser members are one <namespace>/<ksa>; Azure federated credentials have subject " +
        "system:serviceaccount:<ns>:<sa> and audience api://AzureADTokenExchange.",
    enforcementLevel: "mandatory",
    severity: "critical",
    validateResource: (args, reportViolation) => {
        for (const problem of checkWorkloadIdentityTrust(args.type, args.props)) {
            reportViolation(`${args.name}: ${problem}.`);
        }
    },
};

export const productionStorageProtected: ResourceValidationPolicy = {
    name: "production-storage-protected",
    description:
        "In production stacks, trace buckets, storage accounts and containers are protected (protect, and " +
        "retainOnDelete where the engine reports it) and never force-destroyed.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: { properties: { ...STACK_SELECTION_SCHEMA } },
    validateResource: (args, reportViolation) => {
        if (!isStorageResource(args.type)) {
            return;
        }
        const stack = stackOfUrn(args.urn);
        const selection = configOf<StackSelection>(args, DEFAULT_STACK_SELECTION);
        if (stack !== undefined && !isProductionStack(stack, selection)) {
            args.notApplicable(`stack "${stack}" is not a production stack`);
        }
        const opts = args.opts as ProtectionOptions;
        for (const problem of checkStorageProtection(args.props, opts)) {
            reportViolation(`${args.name}: ${problem}.`);
        }
    },
};

export const helmChartVersionPinned: ResourceValidationPolicy = {
    name: "helm-chart-version-pinned",
    description:
        "Helm installs (helm.sh/v3 Release, helm.sh/v4 Chart) pin one exact chart version (SemVer, no ranges), so a " +
        "deploy never picks up a new chart silently.",
    enforcementLevel: "mandatory",
    severity: "medium",
    validateResource: (args, reportViolation) => {
        if (!typeIs(args.type, ...Types.helmInstalls)) {
            return;
        }
        for (const problem of checkChartVersion(args.props)) {
            reportViolation(`${args.name}: ${problem}.`);
        }
    },
};

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

export interface SelectorLabelConfig {
    selectorLabels: string[];
}

export const monitoringSelectorLabels: ResourceValidationPolicy = {
    name: "monitoring-selector-labels",
    description:
        "ServiceMonitors, PodMonitors, Probes and PrometheusRules carry the label the Prometheus operator selects them " +
        "by (default: release), so alerts and scrapes are not silently ignored.",
    enforcementLevel: "mandatory",
    severity: "medium",
    configSchema: {
        properties: {
            selectorLabels: {
                type: "array",
                items: { type: "string" },
                default: DEFAULT_SELECTOR_LABELS,
                description:
                    "Labels (\"key\" or \"key=value\") one of which each monitoring object needs. Empty: any label " +
                    "outside app.kubernetes.io/*.",
            },
        },
    },
    validateResource: (args, reportViolation) => {
        if (!typeIs(args.type, ...Types.monitoring)) {
            return;
        }
        const { selectorLabels } = configOf<SelectorLabelConfig>(args, { selectorLabels: DEFAULT_SELECTOR_LABELS });
        for (const problem of checkSelectorLabels(record(args.props.metadata).labels, selectorLabels)) {
            reportViolation(`${args.name}: ${problem}.`);
        }
    },
};

export const kafkaReplicationProduction: StackValidationPolicy = {
    name: "kafka-replication-production",
    description:
        "In production stacks, Strimzi Kafka replicates: default.replication.factor >= 3, min.insync.replicas >= 2 " +
        "(and below the replication factor), enough brokers and a KRaft quorum of 3; KafkaTopics have replicas >= 3 " +
        "and min.insync.replicas >= 2. Kafka is Tempo 3's only copy of data not yet in the bucket.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: {
        properties: {
            ...STACK_SELECTION_SCHEMA,
            minReplicationFactor: { type: "integer", minimum: 1, default: DEFAULT_KAFKA_THRESHOLDS.minReplicationFactor },
            minInsyncReplicas: { type: "integer", minimum: 1, default: DEFAULT_KAFKA_THRESHOLDS.minInsyncReplicas },
            minControllers: { type: "integer", minimum: 1, default: DEFAULT_KAFKA_THRESHOLDS.minControllers },
        },
    },
    validateStack: (args, reportViolation) => {
        const config = configOf<StackSelection & KafkaThresholds>(args, {
            ...DEFAULT_STACK_SELECTION,
            ...DEFAULT_KAFKA_THRESHOLDS,
        });
        const stack = stackOf(args);
        if (stack !== undefined && !isProductionStack(stack, config)) {
            args.notApplicable(`stack "${stack}" is not a production stack`);
        }
        report(reportViolation, checkKafkaReplication(asStackResources(args.resources), config));
    },
};

export const kubernetesExplicitNames: ResourceValidationPolicy = {
    name: "kubernetes-explicit-names",
    description:
        "Kubernetes objects and Helm releases have explicit names, so trust policies, ServiceMonitors and " +
        "dashboards can refer to them and a replacement does not rename them.",
    enforcementLevel: "advisory",
    severity: "low",
    validateResource: (args, reportViolation) => {
        for (const problem of checkExplicitName(args.type, args.props)) {
            reportViolation(`${args.name}: ${problem}.`);
        }
    },
};

/** Every policy of the pack, in the order the docs list them. */
export const policies: TempoPolicy[] = [
    bucketEncryption,
    bucketPublicAccessBlocked,
    bucketTlsOnly,
    iamLeastPrivilege,
    workloadIdentityTrustScoped,
    productionStorageProtected,
    helmChartVersionPinned,
    noSecretsInConfigMaps,
    monitoringSelectorLabels,
    kafkaReplicationProduction,
    helmValuesNoCredentials,
    kubernetesExplicitNames,
];

/** True for stack policies. */
export function isStackPolicy(policy: TempoPolicy): policy is StackValidationPolicy {
    return "validateStack" in policy;
}

export type { ResourceValidationArgs, StackValidationArgs };
