/**
 * The storage preflight on Azure Blob Storage: the Azure CLI, signed in with the federated token the Azure Workload
 * Identity webhook projects into the pod (`AZURE_CLIENT_ID`, `AZURE_TENANT_ID`, `AZURE_FEDERATED_TOKEN_FILE`), the
 * same exchange Tempo's Azure client makes with `use_federated_token`. Blob operations use that Entra ID token
 * (`--auth-mode login`), never account keys. Pure: the Job comes from `storagePreflight.ts`.
 * @see https://learn.microsoft.com/cli/azure/storage/blob
 * @see https://azure.github.io/azure-workload-identity/docs/
 */
import { probeScript, type PreflightProbe } from "./preflightScript";

/** The Azure CLI image. */
export const AZURE_CLI_IMAGE = "mcr.microsoft.com/azure-cli:2.67.0";

const AZURE_FUNCTIONS = String.raw`
blob() {
    az storage blob "$@" --account-name "$PREFLIGHT_STORAGE_ACCOUNT" --container-name "$PREFLIGHT_BUCKET" --auth-mode login --only-show-errors --output none
}

# The webhook must have injected the identity Tempo was given, and Entra ID must accept its federated token.
identify() {
    identity="managed identity $PREFLIGHT_IDENTITY"
    if [ -z "$(printenv AZURE_FEDERATED_TOKEN_FILE)" ] || [ -z "$(printenv AZURE_CLIENT_ID)" ]; then
        echo "no AZURE_CLIENT_ID or AZURE_FEDERATED_TOKEN_FILE in the pod" > "$error_file"
        failed_operation="az login"
        return 1
    fi
    if [ "$AZURE_CLIENT_ID" != "$PREFLIGHT_IDENTITY" ]; then
        echo "the pod's AZURE_CLIENT_ID is $AZURE_CLIENT_ID, not the identity's client id" > "$error_file"
        failed_operation="az login"
        return 1
    fi
    step "az login" az login --service-principal --username "$AZURE_CLIENT_ID" --tenant "$AZURE_TENANT_ID" \
        --federated-token "$(cat "$AZURE_FEDERATED_TOKEN_FILE")" --allow-no-subscriptions --only-show-errors --output none
}

probe() {
    step "blob list" blob list --prefix "$PREFLIGHT_OBJECT" --num-results 1 &&
        step "blob upload" blob upload --name "$PREFLIGHT_OBJECT" --file "$probe_file" --overwrite &&
        step "blob download" blob download --name "$PREFLIGHT_OBJECT" --file "$read_file" &&
        step "blob download" same_content &&
        step "blob delete" blob delete --name "$PREFLIGHT_OBJECT"
}

likely_cause() {
    operation="$1"
    error="$2"
    case "$error" in
        *"no AZURE_CLIENT_ID"*)
            echo "the Azure Workload Identity webhook did not inject the identity: enable workload identity on the cluster (AKS: --enable-workload-identity) and check the pod label azure.workload.identity/use and the ServiceAccount annotation azure.workload.identity/client-id" ;;
        *"not the identity's client id"*)
            echo "the ServiceAccount's azure.workload.identity/client-id annotation names another identity than Tempo's" ;;
        *"AADSTS70021"*|*"AADSTS700211"*|*"AADSTS700212"*|*"AADSTS700213"*)
            echo "no federated identity credential on the identity matches this pod's token: its issuer must be the cluster's OIDC issuer URL (azure.oidcIssuerUrl) and its subject $PREFLIGHT_SUBJECT, audience api://AzureADTokenExchange; a new credential can take a minute to apply" ;;
        *"AADSTS700016"*|*"AADSTS90002"*)
            echo "Entra ID does not know the identity's client id in tenant $AZURE_TENANT_ID: check that the managed identity exists there" ;;
        *"AADSTS700024"*)
            echo "the projected token expired before it was used: the pod's clock, or a token file the webhook no longer refreshes" ;;
        *"AuthorizationPermissionMismatch"*)
            echo "the identity lacks the data permission for $operation: assign it Storage Blob Data Contributor on the storage account or the container; role assignments take up to 10 minutes to apply" ;;
        *"AuthorizationFailure"*|*"not authorized to perform this operation"*)
            echo "the storage account's network rules refuse the cluster: allow the cluster's subnet or use a private endpoint" ;;
        *"ContainerNotFound"*|*"container does not exist"*)
            echo "the container does not exist in storage account $PREFLIGHT_STORAGE_ACCOUNT: create it, or correct storage.existingBucket / storage.bucketName" ;;
        *"KeyVault"*|*"customer-managed key"*|*"Key Vault"*)
            echo "the storage account cannot use its customer-managed key in Key Vault (storage.encryptionKey)" ;;
        *"Failed to resolve"*|*"Name or service not known"*|*"getaddrinfo"*|*"Max retries exceeded"*|*"timed out"*)
            echo "the storage account $PREFLIGHT_STORAGE_ACCOUNT cannot be reached from the pod: check its name, private DNS for private endpoints, and NetworkPolicies" ;;
        *)
            echo "see the error above" ;;
    esac
}
`;

/** The Azure probe, run as the managed identity federated with Tempo's ServiceAccount. */
export function azureProbe(storageAccount: unknown): PreflightProbe {
    return {
        image: AZURE_CLI_IMAGE,
        script: probeScript(AZURE_FUNCTIONS),
        env: [
            { name: "PREFLIGHT_STORAGE_ACCOUNT", value: storageAccount },
            // The CLI keeps its token cache in a writable folder (the root filesystem is read-only).
            { name: "AZURE_CONFIG_DIR", value: "/tmp/azure" },
        ],
    };
}
