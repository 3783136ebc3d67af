/**
 * Offline answers for the render: what the cloud would return, as stable placeholders, and a recorder of every
 * registration (with its options) made through Pulumi's mock monitor. Unknown invokes throw, so a new cloud call
 * cannot slip into the render unnoticed.
 */
import * as pulumi from "@pulumi/pulumi";

/** Answers to provider function calls, by token. */
const INVOKES: Readonly<Record<string, (inputs: Record<string, any>) => Record<string, unknown>>> = {
    "aws:index/getCallerIdentity:getCallerIdentity": () => ({
        accountId: "<aws-account-id>",
        arn: "arn:aws:iam::<aws-account-id>:user/render",
        userId: "<aws-user-id>",
        id: "<aws-account-id>",
    }),
    "aws:index/getRegion:getRegion": () => ({ region: "<aws-region>", name: "<aws-region>", id: "<aws-region>" }),
    "aws:eks/getCluster:getCluster": (inputs) => ({
        name: inputs.name,
        identities: [{ oidcs: [{ issuer: `https://oidc.eks.<aws-region>.amazonaws.com/id/<${inputs.name}-oidc-id>` }] }],
    }),
    "gcp:storage/getProjectServiceAccount:getProjectServiceAccount": (inputs) => ({
        emailAddress: `service-<${inputs.project}-project-number>@gs-project-accounts.iam.gserviceaccount.com`,
        project: inputs.project,
        id: inputs.project,
    }),
    "azure-native:authorization:getClientConfig": () => ({
        subscriptionId: "<azure-subscription-id>",
        tenantId: "<azure-tenant-id>",
        clientId: "<azure-client-id>",
        objectId: "<azure-object-id>",
    }),
    "azure-native:containerservice:getManagedCluster": (inputs) => ({
        name: inputs.resourceName,
        oidcIssuerProfile: { enabled: true, issuerURL: `https://<${inputs.resourceName}-oidc-issuer>/` },
    }),
};

/** Provider-computed fields of resources the component reads, as placeholders. */
const COMPUTED: Readonly<Record<string, (name: string, inputs: Record<string, any>) => Record<string, unknown>>> = {
    "aws:iam/role:Role": (name) => ({ arn: `<aws:iam/role:Role ${name}.arn>` }),
    "aws:s3/bucket:Bucket": (name, inputs) => ({ arn: `arn:aws:s3:::${inputs.bucket}`, bucket: inputs.bucket }),
    "gcp:serviceaccount/account:Account": (name, inputs) => {
        const email = `${inputs.accountId}@${inputs.project}.iam.gserviceaccount.com`;
        return { email, name: `projects/${inputs.project}/serviceAccounts/${email}`, member: `serviceAccount:${email}` };
    },
    "gcp:projects/iAMCustomRole:IAMCustomRole": (name, inputs) => ({ name: `projects/${inputs.project}/roles/${inputs.roleId}` }),
    "azure-native:managedidentity:UserAssignedIdentity": (name, inputs) => ({
        name: inputs.resourceName,
        clientId: `<azure-native:managedidentity:UserAssignedIdentity ${name}.clientId>`,
        principalId: `<azure-native:managedidentity:UserAssignedIdentity ${name}.principalId>`,
        tenantId: "<azure-tenant-id>",
    }),
    "azure-native:storage:StorageAccount": (name, inputs) => ({ name: inputs.accountName }),
    "random:index/randomPassword:RandomPassword": (name) => ({
        result: `<random:index/randomPassword:RandomPassword ${name}.result>`,
        bcryptHash: `<random:index/randomPassword:RandomPassword ${name}.bcryptHash>`,
    }),
};

/** Ids: the physical name where the cloud uses it as id, else a placeholder. */
function mockId(type: string, name: string, inputs: Record<string, any>): string {
    if (type === "aws:s3/bucket:Bucket" && typeof inputs.bucket === "string") {
        return inputs.bucket;
    }
    if (type === "azure-native:managedidentity:UserAssignedIdentity") {
        return `/subscriptions/<azure-subscription-id>/resourceGroups/${inputs.resourceGroupName}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${inputs.resourceName}`;
    }
    return `<${type} ${name}.id>`;
}

/** Answers of a program's own provider functions and resources, for mocks that also serve TempoCluster. */
export interface OfflineMocksOptions {
    /** Answers to provider functions by token, asked before TempoCluster's own. */
    readonly calls?: Readonly<Record<string, (inputs: Record<string, any>) => Record<string, unknown>>>;
    /** State (and id) of your own resources; what it returns is merged over the inputs and TempoCluster's placeholders. */
    readonly newResource?: (args: pulumi.runtime.MockResourceArgs) => { id?: string; state?: Record<string, unknown> } | undefined;
}

/** Mocks that answer offline and fail loudly on anything unexpected. */
export class OfflineMocks implements pulumi.runtime.Mocks {
    constructor(private readonly options: OfflineMocksOptions = {}) {}

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, any> } {
        const computed = COMPUTED[args.type]?.(args.name, args.inputs) ?? {};
        const own = this.options.newResource?.(args);
        return { id: own?.id ?? mockId(args.type, args.name, args.inputs), state: { ...args.inputs, ...computed, ...own?.state } };
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, any> {
        const answer = this.options.calls?.[args.token] ?? INVOKES[args.token];
        if (answer === undefined) {
            throw new Error(`no mock answer for provider function ${args.token}: give one in the mocks' calls option`);
        }
        return answer(args.inputs);
    }
}

/** One registration, as seen by the engine. */
export interface Registration {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    readonly parentUrn: string;
    readonly custom: boolean;
    readonly inputs: Record<string, unknown>;
    readonly protect: boolean;
    readonly retainOnDelete: boolean;
    readonly dependencyUrns: string[];
    readonly ignoreChanges: string[];
    readonly aliases: string[];
}

/**
 * Wraps the mock monitor's `registerResource` to keep what the mocks API does not show: parent, options and inputs
 * with secrets still marked.
 */
export function recordRegistrations(): Registration[] {
    const registrations: Registration[] = [];
    const monitor = pulumi.runtime.getMonitor() as any;
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, callback: (err: unknown, res: any) => void) =>
        register(req, (err: unknown, res: any) => {
            if (!err) {
                registrations.push({
                    type: req.getType(),
                    name: req.getName(),
                    urn: res.getUrn(),
                    parentUrn: req.getParent(),
                    custom: req.getCustom(),
                    // The raw wire form keeps secret markers on the leaves (deserializing would hoist them).
                    inputs: req.getObject()?.toJavaScript() ?? {},
                    protect: req.getProtect() === true,
                    retainOnDelete: req.getRetainondelete() === true,
                    dependencyUrns: req.getDependenciesList(),
                    ignoreChanges: req.getIgnorechangesList(),
                    aliases: req.getAliasesList().map(describeAlias),
                });
            }
            callback(err, res);
        });
    return registrations;
}

function describeAlias(alias: any): string {
    if (alias.getUrn?.()) {
        return alias.getUrn();
    }
    const spec = alias.getSpec?.();
    if (!spec) {
        return String(alias);
    }
    const parts = [
        ["name", spec.getName()],
        ["type", spec.getType()],
        ["project", spec.getProject()],
        ["stack", spec.getStack()],
        ["parent", spec.getParenturn?.()],
    ].filter(([, value]) => value);
    return parts.map(([key, value]) => `${key}=${value}`).join(",");
}
