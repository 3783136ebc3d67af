/**
 * Identity and trust: grants are scoped (`iam-no-wildcards`: no wildcard AWS actions or resources, no broad managed
 * policies, GCP roles or Azure roles and scopes), and every cloud identity trusts exactly one Kubernetes
 * ServiceAccount (`workload-identity-trust-scoped`: IRSA, EKS Pod Identity, GKE Workload Identity, Azure federated
 * credentials).
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import {
    conditionValues,
    isAnyPrincipal,
    isWildcardAction,
    isWildcardResource,
    policyStatements,
    statementLabel,
    type Statement,
} from "./policyDocuments";
import { gcpGrants, isGcpIamGrant, typeIs, Types } from "./resources";
import { asArray, asStrings, configOf, isRecord, type Props } from "./shared";

// ---------------------------------------------------------------------------------------------------------------------
// Least privilege
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

// ---------------------------------------------------------------------------------------------------------------------
// Workload identity trust scoped to one ServiceAccount
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
