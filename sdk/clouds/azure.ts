/**
 * Azure: a StorageV2 account (HTTPS only, TLS 1.2, no public blobs, no shared keys) with a private container and a
 * lifecycle policy; a user-assigned managed identity federated with Tempo's ServiceAccount and granted
 * "Storage Blob Data Contributor" on the container only.
 */
import * as pulumi from "@pulumi/pulumi";
import {
    CLIENT_ID_ANNOTATION,
    containerScope,
    federatedSubject,
    KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER,
    parseKeyVaultKeyUrl,
    roleDefinitionId,
    STORAGE_BLOB_DATA_CONTRIBUTOR,
    USE_WORKLOAD_IDENTITY_LABEL,
    WORKLOAD_IDENTITY_AUDIENCE,
} from "../access/azure";
import type { StorageBinding } from "../bindings";
import { deterministicUuid } from "../args/names";
import { createdBucketName, type ResolvedAzure, type ResolvedSpec } from "../args/resolved";
import { PEERS } from "../args/peers";
import { invokeField, MOCKS_HINT } from "../util/invokeResult";
import { requirePeer } from "../util/peer";

const azure = {
    storage: () =>
        requirePeer(PEERS.azure, () => require("@pulumi/azure-native/storage") as typeof import("@pulumi/azure-native/storage")),
    managedidentity: () =>
        requirePeer(
            PEERS.azure,
            () => require("@pulumi/azure-native/managedidentity") as typeof import("@pulumi/azure-native/managedidentity"),
        ),
    authorization: () =>
        requirePeer(
            PEERS.azure,
            () => require("@pulumi/azure-native/authorization") as typeof import("@pulumi/azure-native/authorization"),
        ),
    containerservice: () =>
        requirePeer(
            PEERS.azure,
            () => require("@pulumi/azure-native/containerservice") as typeof import("@pulumi/azure-native/containerservice"),
        ),
};

/** Creates (or adopts) the storage account, container and identity on Azure. */
export function createAzureStorage(spec: ResolvedSpec, parent: pulumi.Resource): StorageBinding & { dependencies: pulumi.Resource[] } {
    const settings = spec.azure as ResolvedAzure;
    const opts = { parent };
    const container = spec.storage.bucketName;
    const subscriptionId = invokeField(
        azure.authorization().getClientConfigOutput(opts),
        "azure-native:authorization:getClientConfig",
        "subscriptionId",
        (config) => config.subscriptionId,
    );
    const dependencies: pulumi.Resource[] = [];
    if (!spec.storage.existing) {
        dependencies.push(...createAccount(spec, settings, subscriptionId, parent));
    }

    const identity = new (azure.managedidentity().UserAssignedIdentity)(
        `${spec.name}-identity`,
        { resourceGroupName: settings.resourceGroupName, location: settings.location, resourceName: settings.identityName, tags: { ...settings.tags } },
        opts,
    );
    const credential = new (azure.managedidentity().FederatedIdentityCredential)(
        `${spec.name}-federated-credential`,
        {
            resourceGroupName: settings.resourceGroupName,
            resourceName: identity.name,
            federatedIdentityCredentialResourceName: "tempo-service-account",
            issuer: issuerUrl(settings, parent),
            subject: federatedSubject(spec.namespace, spec.serviceAccountName),
            audiences: [WORKLOAD_IDENTITY_AUDIENCE],
        },
        opts,
    );
    const scope = pulumi
        .all([subscriptionId, settings.resourceGroupName, settings.storageAccountName, container])
        .apply(([sub, group, account, name]) => containerScope(sub, group, account, name));
    const access = new (azure.authorization().RoleAssignment)(
        `${spec.name}-container-access`,
        {
            // Role assignment names must be GUIDs; derive one so a re-run never creates a duplicate.
            roleAssignmentName: deterministicUuid(`${spec.project}/${spec.stack}/${spec.name}/container-access`),
            principalId: identity.principalId,
            principalType: "ServicePrincipal",
            roleDefinitionId: subscriptionId.apply((sub) => roleDefinitionId(sub, STORAGE_BLOB_DATA_CONTRIBUTOR)),
            scope,
        },
        { parent, dependsOn: dependencies },
    );
    dependencies.push(identity, credential, access);
    return {
        backendValues: {
            backend: "azure",
            azure: { storage_account_name: settings.storageAccountName, container_name: container, use_federated_token: true },
        },
        // The client id exists only once the identity does: a first preview shows it as unknown.
        serviceAccountAnnotations: { [CLIENT_ID_ANNOTATION]: identity.clientId },
        podLabels: { ...USE_WORKLOAD_IDENTITY_LABEL },
        secretEnv: [],
        bucketName: container,
        identity: identity.clientId,
        dependencies,
    };
}

/** The issuer from the args, or looked up from the AKS cluster. */
function issuerUrl(settings: ResolvedAzure, parent: pulumi.Resource): pulumi.Input<string> {
    if (settings.oidcIssuerUrl !== undefined) {
        return settings.oidcIssuerUrl;
    }
    const cluster = azure
        .containerservice()
        .getManagedClusterOutput({ resourceGroupName: settings.clusterResourceGroupName, resourceName: settings.clusterName as pulumi.Input<string> }, { parent });
    return cluster.apply((result) => {
        const issuer = result.oidcIssuerProfile?.issuerURL;
        if (!issuer) {
            throw new Error(
                `AKS cluster ${result.name} has no OIDC issuer: enable it with az aks update --enable-oidc-issuer (${MOCKS_HINT})`,
            );
        }
        return issuer;
    });
}

/** Account, container, lifecycle policy, and the key grant when a customer-managed key is used. */
function createAccount(
    spec: ResolvedSpec,
    settings: ResolvedAzure,
    subscriptionId: pulumi.Output<string>,
    parent: pulumi.Resource,
): pulumi.Resource[] {
    const storage = azure.storage();
    const keep = { protect: spec.storage.protect, retainOnDelete: spec.storage.retainOnDelete };
    const keyResources = customerManagedKey(spec, settings, subscriptionId, parent, keep);
    const account = new storage.StorageAccount(
        `${spec.name}-storage-account`,
        {
            accountName: settings.storageAccountName,
            resourceGroupName: settings.resourceGroupName,
            location: settings.location,
            kind: "StorageV2",
            sku: { name: spec.profile === "production" ? "Standard_ZRS" : "Standard_LRS" },
            enableHttpsTrafficOnly: true,
            minimumTlsVersion: "TLS1_2",
            allowBlobPublicAccess: false,
            allowSharedKeyAccess: false,
            defaultToOAuthAuthentication: true,
            ...keyResources.accountSettings,
            tags: { ...settings.tags },
        },
        { parent, dependsOn: keyResources.resources, ...keep },
    );
    const child = { parent: account, ...keep };
    const container = new storage.BlobContainer(
        `${spec.name}-container`,
        {
            accountName: account.name,
            resourceGroupName: settings.resourceGroupName,
            containerName: createdBucketName(spec.storage),
            publicAccess: "None",
        },
        child,
    );
    const lifecycle = new storage.ManagementPolicy(
        `${spec.name}-lifecycle`,
        {
            accountName: account.name,
            resourceGroupName: settings.resourceGroupName,
            managementPolicyName: "default",
            policy: {
                rules: [
                    {
                        name: "expire-after-retention",
                        enabled: true,
                        type: "Lifecycle",
                        definition: {
                            filters: { blobTypes: ["blockBlob"], prefixMatch: [`${createdBucketName(spec.storage)}/`] },
                            actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: spec.storage.expirationDays } } },
                        },
                    },
                ],
            },
        },
        child,
    );
    return [...keyResources.resources, account, container, lifecycle];
}

/** With a customer-managed key: an identity for the account and its grant on the vault. */
function customerManagedKey(
    spec: ResolvedSpec,
    settings: ResolvedAzure,
    subscriptionId: pulumi.Output<string>,
    parent: pulumi.Resource,
    keep: { protect: boolean; retainOnDelete: boolean },
): { resources: pulumi.Resource[]; accountSettings: Record<string, unknown> } {
    const key = spec.storage.encryptionKey;
    if (key === undefined) {
        return { resources: [], accountSettings: {} };
    }
    const keyIdentity = new (azure.managedidentity().UserAssignedIdentity)(
        `${spec.name}-storage-key-identity`,
        {
            resourceGroupName: settings.resourceGroupName,
            location: settings.location,
            resourceName: `${settings.identityName}-storage-key`.slice(0, 128),
            tags: { ...settings.tags },
        },
        // A retained account must keep the identity and grant it decrypts its data with.
        { parent, ...keep },
    );
    const grant = new (azure.authorization().RoleAssignment)(
        `${spec.name}-storage-key-access`,
        {
            roleAssignmentName: deterministicUuid(`${spec.project}/${spec.stack}/${spec.name}/storage-key-access`),
            principalId: keyIdentity.principalId,
            principalType: "ServicePrincipal",
            roleDefinitionId: subscriptionId.apply((sub) => roleDefinitionId(sub, KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER)),
            scope: settings.keyVaultId as pulumi.Input<string>,
        },
        { parent, ...keep },
    );
    const keyVault = pulumi.output(key).apply(parseKeyVaultKeyUrl);
    return {
        resources: [keyIdentity, grant],
        accountSettings: {
            identity: { type: "UserAssigned", userAssignedIdentities: [keyIdentity.id] },
            encryption: {
                keySource: "Microsoft.Keyvault",
                keyVaultProperties: {
                    keyName: keyVault.keyName,
                    keyVaultUri: keyVault.keyVaultUri,
                    keyVersion: keyVault.apply((k) => k.keyVersion ?? ""),
                },
                identity: { userAssignedIdentity: keyIdentity.id },
                services: { blob: { enabled: true, keyType: "Account" } },
            },
        },
    };
}
