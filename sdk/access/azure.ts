/**
 * Azure access for Tempo, as pure data: role definitions, scopes and the federated credential's claims.
 *
 * Workload identity: https://azure.github.io/azure-workload-identity/docs/
 * Built-in roles: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
 */

/**
 * "Storage Blob Data Contributor": read, write, delete and list blobs and read the container — what Tempo's azure
 * backend calls. Granted on the container only.
 */
export const STORAGE_BLOB_DATA_CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
/** "Key Vault Crypto Service Encryption User": lets a storage account wrap and unwrap its customer-managed key. */
export const KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER = "e147488a-f6f5-4113-8e2d-b22465e65bf6";
/** Audience of tokens exchanged by Azure Workload Identity. */
export const WORKLOAD_IDENTITY_AUDIENCE = "api://AzureADTokenExchange";
/** ServiceAccount annotation naming the managed identity's client id. */
export const CLIENT_ID_ANNOTATION = "azure.workload.identity/client-id";
/** Pod label the workload identity webhook acts on. */
export const USE_WORKLOAD_IDENTITY_LABEL = { "azure.workload.identity/use": "true" } as const;

/** Full id of a built-in role definition in a subscription. */
export function roleDefinitionId(subscriptionId: string, roleGuid: string): string {
    return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${roleGuid}`;
}

/** Resource id of a storage account. */
export function storageAccountId(subscriptionId: string, resourceGroupName: string, accountName: string): string {
    return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroupName}/providers/Microsoft.Storage/storageAccounts/${accountName}`;
}

/** Resource id of a blob container: the narrowest scope a data role can be granted on. */
export function containerScope(subscriptionId: string, resourceGroupName: string, accountName: string, container: string): string {
    return `${storageAccountId(subscriptionId, resourceGroupName, accountName)}/blobServices/default/containers/${container}`;
}

/** The subject Kubernetes puts in a ServiceAccount token (same on every cloud). */
export function federatedSubject(namespace: string, serviceAccount: string): string {
    return `system:serviceaccount:${namespace}:${serviceAccount}`;
}

/** Parts of a Key Vault key URL `https://<vault>.vault.azure.net/keys/<name>[/<version>]`. */
export function parseKeyVaultKeyUrl(url: string): { keyVaultUri: string; keyName: string; keyVersion?: string } {
    const match = /^(https:\/\/[^/]+)\/keys\/([^/]+)(?:\/([^/]+))?\/?$/.exec(url);
    if (!match) {
        throw new Error(`not a Key Vault key URL: ${url}`);
    }
    return { keyVaultUri: match[1], keyName: match[2], ...(match[3] !== undefined ? { keyVersion: match[3] } : {}) };
}
