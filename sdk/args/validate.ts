/**
 * Semantic validation: the rules a type system cannot express. Runs after (and alongside) the structural schema,
 * on possibly malformed input, so every check guards the types it reads. Returns every problem and every warning.
 */
import { Architecture, AwsIdentityMode, Cloud, KafkaMode, Profile, type TempoClusterArgs } from "./args";
import {
    AUTOSCALED_COMPONENTS,
    MIN_TOPIC_RETENTION_MINUTES,
    PARTITION_BOUND_COMPONENTS,
    TEMPO_COMPONENTS,
    type TempoComponent,
} from "./defaults";
import { DEFAULT_INGEST_MBPS, MBPS_PER_PARTITION, partitionsFor, sizeCluster } from "../sizing";
import { parseDurationMinutes } from "./duration";
import {
    azureContainerNameProblems,
    gcsBucketNameProblems,
    isDnsLabel,
    isDnsSubdomain,
    isIamRoleName,
    labelValueProblem,
    s3BucketNameProblems,
} from "./names";
import { joinPath, type Problem } from "./problems";
import { asObject, BYTES_QUANTITY, CPU_QUANTITY, isMember, type Report } from "./guards";
import { structuralProblems } from "./schema";
import { checkArchitecture } from "./validateArchitecture";
import { checkFeatures } from "./validateFeatures";
import { CHART_TARGETS } from "./targets";

/** Where the component runs: needed to derive and check names. */
export interface SpecContext {
    /** The component's resource name; also the Helm release name and the prefix of every Service. */
    readonly name: string;
    /** Pulumi project. */
    readonly project: string;
    /** Pulumi stack. */
    readonly stack: string;
    /**
     * Whether an optional peer dependency is installed; given by the shell, so a missing peer is reported with the
     * other problems before any resource exists. Without it, peers are not checked.
     */
    readonly isInstalled?: (packageName: string) => boolean;
}

/** Outcome of validation. */
export interface Validation {
    /** Fatal: the component refuses to create anything. */
    readonly problems: Problem[];
    /** Worth knowing, not fatal; reported with `pulumi.log.warn`. */
    readonly warnings: Problem[];
}

/** Architectures and clouds this release implements end to end. */
const SUPPORTED_CLOUDS: readonly Cloud[] = [Cloud.Aws, Cloud.Gcp, Cloud.Azure, Cloud.Local];
const SUPPORTED_ARCHITECTURES: readonly Architecture[] = [Architecture.Distributed, Architecture.Monolithic, Architecture.Classic];

const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
const OIDC_PROVIDER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/(.+)$/;
const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const KAFKA_TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;
const HELM_RELEASE_MAX = 53;

/** Validates args in full: structure first, then every semantic rule that can be checked on what is there. */
export function validateArgs(args: unknown, ctx: SpecContext): Validation {
    const problems: Problem[] = structuralProblems(args);
    const warnings: Problem[] = [];
    if (typeof args !== "object" || args === null) {
        return { problems, warnings };
    }
    const a = args as Partial<TempoClusterArgs>;
    const report = (path: string, message: string) => problems.push({ path, message });
    const warn = (path: string, message: string) => warnings.push({ path, message });

    checkName(ctx, report);
    checkTargets(a, report);
    checkNamespace(a, report);
    checkRetention(a, report);
    checkCloudBlocks(a, report);
    checkStorage(a, report);
    checkAws(a, report);
    checkGcp(a, report);
    checkAzure(a, report);
    checkLocal(a, report, warn);
    checkKafka(a, report, warn);
    checkSizing(a, report);
    checkComponents(a, report);
    checkReceivers(a, report);
    checkChart(a, report, warn);
    checkFeatures(a, report, warn);
    checkArchitecture(a, report, warn);

    return { problems: dedupe(problems), warnings };
}


function checkName(ctx: SpecContext, report: Report): void {
    if (!isDnsLabel(ctx.name, HELM_RELEASE_MAX)) {
        report(
            "",
            `the component name "${ctx.name}" is also the Helm release name and Service prefix: use lower-case ` +
                `letters, digits and "-", at most ${HELM_RELEASE_MAX} characters`,
        );
    }
}

function checkTargets(a: Partial<TempoClusterArgs>, report: Report): void {
    if (typeof a.cloud === "string" && isMember(Cloud, a.cloud) && !SUPPORTED_CLOUDS.includes(a.cloud)) {
        report("cloud", `"${a.cloud}" is not available in this release of TempoCluster; supported: ${SUPPORTED_CLOUDS.join(", ")}`);
    }
    const architecture = a.architecture ?? Architecture.Distributed;
    if (isMember(Architecture, architecture) && !SUPPORTED_ARCHITECTURES.includes(architecture)) {
        report(
            "architecture",
            `"${architecture}" is not available in this release of TempoCluster; supported: ${SUPPORTED_ARCHITECTURES.join(", ")}`,
        );
    }
}

function checkNamespace(a: Partial<TempoClusterArgs>, report: Report): void {
    if (typeof a.namespace === "string" && !isDnsLabel(a.namespace)) {
        report("namespace", `"${a.namespace}" is not a DNS-1123 label: use lower-case letters, digits and "-", at most 63 characters`);
    }
    if (typeof a.clusterDomain === "string" && !a.clusterDomain.split(".").every((label) => isDnsLabel(label))) {
        report("clusterDomain", `"${a.clusterDomain}" is not a DNS domain such as cluster.local`);
    }
}

function checkRetention(a: Partial<TempoClusterArgs>, report: Report): void {
    if (typeof a.retention !== "string") {
        return;
    }
    const minutes = parseDurationMinutes(a.retention);
    if (minutes === undefined) {
        report("retention", `"${a.retention}" is not a duration: write it like "14d", "336h", "2w" or "36h30m"`);
    } else if (minutes < 60) {
        report("retention", `"${a.retention}" is shorter than 1h, the least Tempo's block lifecycle can honour`);
    }
}

/** Bucket (container) naming rules per cloud. */
const BUCKET_NAME_RULES: Partial<Record<Cloud, { kind: string; problems: (name: string) => string[] }>> = {
    [Cloud.Aws]: { kind: "S3 bucket", problems: s3BucketNameProblems },
    [Cloud.Gcp]: { kind: "GCS bucket", problems: gcsBucketNameProblems },
    [Cloud.Azure]: { kind: "blob container", problems: azureContainerNameProblems },
    [Cloud.Local]: { kind: "S3 bucket", problems: s3BucketNameProblems },
};

/** What a customer-managed key looks like on each cloud. */
const ENCRYPTION_KEY_RULES: Partial<Record<Cloud, { pattern: RegExp; message: string }>> = {
    [Cloud.Aws]: {
        pattern: KMS_KEY_ARN,
        message: "must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key-id>); aliases cannot be granted in IAM policies",
    },
    [Cloud.Gcp]: {
        pattern: /^projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/,
        message: "must be a Cloud KMS key name: projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>",
    },
    [Cloud.Azure]: {
        pattern: /^https:\/\/[a-zA-Z0-9-]+\.vault\.azure\.net\/keys\/[^/]+(\/[^/]+)?$/,
        message: "must be a Key Vault key URL: https://<vault>.vault.azure.net/keys/<key>[/<version>]",
    },
};

function checkStorage(a: Partial<TempoClusterArgs>, report: Report): void {
    const storage = asObject(a.storage);
    if (!storage) {
        return;
    }
    if (storage.bucketName !== undefined && storage.existingBucket !== undefined) {
        report("storage", "set either bucketName (a bucket to create) or existingBucket (a bucket to use), not both");
    }
    const naming = BUCKET_NAME_RULES[a.cloud as Cloud];
    for (const field of ["bucketName", "existingBucket"] as const) {
        const value = storage[field];
        const problems = naming && typeof value === "string" ? naming.problems(value) : [];
        if (problems.length > 0) {
            report(joinPath("storage", field), `"${value}" is not a valid ${naming?.kind} name: it ${problems.join("; it ")}`);
        }
    }
    const keyRule = ENCRYPTION_KEY_RULES[a.cloud as Cloud];
    if (storage.encryptionKey !== undefined && a.cloud === Cloud.Local) {
        report("storage.encryptionKey", "is not supported by the in-cluster object store; remove it for cloud local");
    } else if (keyRule && typeof storage.encryptionKey === "string" && !keyRule.pattern.test(storage.encryptionKey)) {
        report("storage.encryptionKey", keyRule.message);
    }
    if (storage.existingBucket !== undefined) {
        for (const field of ["forceDestroy", "protect"] as const) {
            if (storage[field] !== undefined) {
                report(joinPath("storage", field), "applies only to a bucket this component creates; remove it when existingBucket is set");
            }
        }
    }
}

/** Each cloud's settings block must be present for that cloud and absent otherwise. */
function checkCloudBlocks(a: Partial<TempoClusterArgs>, report: Report): void {
    const blocks: [Cloud, "aws" | "gcp" | "azure", string][] = [
        [Cloud.Aws, "aws", "aws.clusterName (or aws.oidcProviderArn with aws.oidcIssuerUrl)"],
        [Cloud.Gcp, "gcp", "gcp.project and gcp.location"],
        [Cloud.Azure, "azure", "azure.resourceGroupName, azure.location and azure.oidcIssuerUrl (or azure.clusterName)"],
    ];
    for (const [cloud, field, hint] of blocks) {
        const present = asObject(a[field]) !== undefined;
        if (a.cloud === cloud && !present) {
            report(field, `is required when cloud is "${cloud}": set ${hint}`);
        } else if (a.cloud !== cloud && present) {
            report(field, `is only used when cloud is "${cloud}" (cloud is ${JSON.stringify(a.cloud)})`);
        }
    }
}

const GCP_PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

function checkGcp(a: Partial<TempoClusterArgs>, report: Report): void {
    const gcp = asObject(a.gcp);
    if (a.cloud !== Cloud.Gcp || !gcp) {
        return;
    }
    for (const field of ["project", "clusterProject"] as const) {
        if (typeof gcp[field] === "string" && !GCP_PROJECT_ID.test(gcp[field])) {
            report(joinPath("gcp", field), `"${gcp[field]}" is not a project id (6-30 lower-case letters, digits and hyphens, starting with a letter)`);
        }
    }
    if (typeof gcp.location === "string" && !/^[A-Za-z]+[A-Za-z0-9-]*[A-Za-z0-9]$/.test(gcp.location)) {
        report("gcp.location", `"${gcp.location}" is not a bucket location such as europe-west1 or EU`);
    }
    if (typeof gcp.serviceAccountId === "string" && !GCP_PROJECT_ID.test(gcp.serviceAccountId)) {
        report("gcp.serviceAccountId", "must be 6-30 lower-case letters, digits and hyphens, starting with a letter");
    }
}

function checkLocal(a: Partial<TempoClusterArgs>, report: Report, warn: Report): void {
    const local = asObject(a.local);
    if (a.cloud !== Cloud.Local) {
        if (local) {
            report("local", `is only used when cloud is "local" (cloud is ${JSON.stringify(a.cloud)})`);
        }
        return;
    }
    const existing = asObject(a.storage)?.existingBucket !== undefined;
    if ((a.profile ?? Profile.Production) === Profile.Production && !existing) {
        warn(
            "cloud",
            "the in-cluster object store is a development store: one unreplicated pod whose volume and credentials are not " +
                "protected; use a cloud bucket (or storage.existingBucket) for production data",
        );
    }
    const external = ["endpoint", "accessKeyId", "secretAccessKey", "insecure"] as const;
    const inCluster = ["storageSize", "storageClass"] as const;
    if (existing) {
        for (const field of ["endpoint", "accessKeyId", "secretAccessKey"] as const) {
            if (local?.[field] === undefined) {
                report(joinPath("local", field), "is required with storage.existingBucket: it names the S3-compatible store you already run");
            }
        }
        for (const field of inCluster) {
            if (local?.[field] !== undefined) {
                report(joinPath("local", field), "sizes the in-cluster store, which is not created with storage.existingBucket");
            }
        }
    } else {
        for (const field of external) {
            if (local?.[field] !== undefined) {
                report(joinPath("local", field), "is only used with storage.existingBucket; the in-cluster store's endpoint and credentials are derived");
            }
        }
    }
    if (typeof local?.endpoint === "string" && brokerAddressProblem(local.endpoint) !== undefined) {
        report("local.endpoint", `"${local.endpoint}" must be host:port without a scheme, e.g. minio.storage.svc:9000`);
    }
    if (typeof local?.storageSize === "string" && !BYTES_QUANTITY.test(local.storageSize)) {
        report("local.storageSize", `"${local.storageSize}" is not a storage quantity such as "10Gi"`);
    }
    if (typeof local?.storageClass === "string" && !isDnsSubdomain(local.storageClass)) {
        report("local.storageClass", `"${local.storageClass}" is not a StorageClass name`);
    }
}

function checkAzure(a: Partial<TempoClusterArgs>, report: Report): void {
    const azure = asObject(a.azure);
    if (a.cloud !== Cloud.Azure || !azure) {
        return;
    }
    if (typeof azure.resourceGroupName === "string" && !/^[-\w.()]{1,90}$/.test(azure.resourceGroupName)) {
        report("azure.resourceGroupName", "must be 1-90 letters, digits, '-', '_', '.', '(' and ')'");
    }
    if (typeof azure.location === "string" && !/^[a-z0-9]+$/.test(azure.location)) {
        report("azure.location", `"${azure.location}" is not an Azure region name such as westeurope`);
    }
    const hasIssuer = azure.oidcIssuerUrl !== undefined;
    const hasCluster = azure.clusterName !== undefined;
    if (hasIssuer === hasCluster) {
        report(
            "azure.oidcIssuerUrl",
            hasIssuer
                ? "set either azure.oidcIssuerUrl or azure.clusterName (to look the issuer up), not both"
                : "the federated credential needs the AKS OIDC issuer: set azure.oidcIssuerUrl or azure.clusterName",
        );
    }
    if (typeof azure.oidcIssuerUrl === "string" && !/^https:\/\/\S+$/.test(azure.oidcIssuerUrl)) {
        report("azure.oidcIssuerUrl", "must be an https:// URL");
    }
    if (azure.clusterResourceGroupName !== undefined && !hasCluster) {
        report("azure.clusterResourceGroupName", "is only used with azure.clusterName");
    }
    if (typeof azure.storageAccountName === "string" && !/^[a-z0-9]{3,24}$/.test(azure.storageAccountName)) {
        report("azure.storageAccountName", "must be 3-24 lower-case letters and digits");
    }
    const storage = asObject(a.storage);
    if (storage?.existingBucket !== undefined && azure.storageAccountName === undefined) {
        report("azure.storageAccountName", "is required with storage.existingBucket: name the account that holds the container");
    }
    const wantsKey = storage?.encryptionKey !== undefined;
    if (wantsKey && azure.keyVaultId === undefined) {
        report("azure.keyVaultId", "is required with storage.encryptionKey: the storage account must be granted use of the key's vault");
    }
    if (!wantsKey && azure.keyVaultId !== undefined) {
        report("azure.keyVaultId", "is only used with storage.encryptionKey");
    }
    if (typeof azure.keyVaultId === "string" && !/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.KeyVault\/vaults\/[^/]+$/i.test(azure.keyVaultId)) {
        report("azure.keyVaultId", "must be a Key Vault resource id: /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<name>");
    }
}

function checkAws(a: Partial<TempoClusterArgs>, report: Report): void {
    const aws = asObject(a.aws);
    if (a.cloud !== Cloud.Aws || !aws) {
        return;
    }
    const mode = aws.identityMode ?? AwsIdentityMode.Irsa;
    // Present (a value, or an output checked when it resolves).
    const hasCluster = aws.clusterName !== undefined;
    const hasProvider = aws.oidcProviderArn !== undefined;

    if (hasCluster && hasProvider) {
        report("aws.oidcProviderArn", "set either aws.clusterName (the OIDC provider is looked up) or aws.oidcProviderArn, not both");
    }
    if (mode === AwsIdentityMode.Irsa && !hasCluster && !hasProvider) {
        report("aws", "IRSA needs the cluster's OIDC provider: set aws.clusterName, or aws.oidcProviderArn with aws.oidcIssuerUrl");
    }
    if (mode === AwsIdentityMode.PodIdentity) {
        if (!hasCluster) {
            report("aws.clusterName", "is required with identityMode pod-identity: the association is made on that EKS cluster");
        }
        if (hasProvider) {
            report("aws.oidcProviderArn", "is only used with identityMode irsa; remove it for pod-identity");
        }
    }
    if (hasProvider && aws.oidcIssuerUrl === undefined) {
        report("aws.oidcIssuerUrl", "is required with aws.oidcProviderArn: the trust policy conditions are keyed by the issuer");
    }
    if (aws.oidcIssuerUrl !== undefined && !hasProvider) {
        report("aws.oidcIssuerUrl", "is only used together with aws.oidcProviderArn");
    }
    if (typeof aws.oidcProviderArn === "string") {
        const match = OIDC_PROVIDER_ARN.exec(aws.oidcProviderArn);
        if (!match) {
            report("aws.oidcProviderArn", "must look like arn:aws:iam::<account>:oidc-provider/<issuer host and path>");
        } else if (typeof aws.oidcIssuerUrl === "string" && issuerHostPath(aws.oidcIssuerUrl) !== match[1]) {
            report(
                "aws.oidcIssuerUrl",
                `does not match the provider ARN (provider is for "${match[1]}"); the trust policy would never match a token`,
            );
        }
    }
    if (typeof aws.oidcIssuerUrl === "string" && !/^https:\/\/[^\s/]+(\/\S*)?$/.test(aws.oidcIssuerUrl)) {
        report("aws.oidcIssuerUrl", "must be an https:// URL, e.g. https://oidc.eks.eu-west-1.amazonaws.com/id/ABC123");
    }
    if (typeof aws.region === "string" && !AWS_REGION.test(aws.region)) {
        report("aws.region", `"${aws.region}" is not an AWS region name such as eu-west-1`);
    }
    if (typeof aws.accountId === "string" && !/^\d{12}$/.test(aws.accountId)) {
        report("aws.accountId", "must be the 12-digit AWS account id");
    }
    if (typeof aws.roleName === "string" && !isIamRoleName(aws.roleName)) {
        report("aws.roleName", "must be 1 to 64 characters of letters, digits and +=,.@_-");
    }
}

/** `https://oidc.eks.x.amazonaws.com/id/ABC/` → `oidc.eks.x.amazonaws.com/id/ABC`. */
export function issuerHostPath(issuerUrl: string): string {
    return issuerUrl.replace(/^https:\/\//, "").replace(/\/+$/, "");
}

function checkKafka(a: Partial<TempoClusterArgs>, report: Report, warn: Report): void {
    const architecture = a.architecture ?? Architecture.Distributed;
    if (!isMember(Architecture, architecture)) {
        return;
    }
    const kafka = asObject(a.kafka);
    if (architecture !== Architecture.Distributed) {
        if (kafka) {
            report("kafka", `is only used by architecture "distributed" (Tempo 3); ${architecture} has no Kafka`);
        }
        return;
    }
    const mode = kafka?.mode ?? KafkaMode.Strimzi;
    if (mode === KafkaMode.External) {
        checkExternalKafka(kafka, report, warn);
    } else if (mode === KafkaMode.Strimzi) {
        checkStrimzi(a, kafka, report);
    }
    if (kafka && typeof kafka.topic === "string" && !KAFKA_TOPIC.test(kafka.topic)) {
        report("kafka.topic", "must be 1 to 249 characters of letters, digits, '.', '_' and '-'");
    }
    if (kafka && typeof kafka.partitions === "number") {
        if (kafka.partitions < 1) {
            report("kafka.partitions", `must be at least 1 (got ${kafka.partitions}); each partition gets one live-store and one block-builder`);
        } else if (typeof a.ingestMBps === "number" && a.ingestMBps > 0 && kafka.partitions * MBPS_PER_PARTITION < a.ingestMBps) {
            warn(
                "kafka.partitions",
                `${kafka.partitions} partitions carry about ${kafka.partitions * MBPS_PER_PARTITION} MB/s, less than ingestMBps ` +
                    `${a.ingestMBps}; Tempo sizes one partition per 10 MB/s`,
            );
        }
    }
    if (kafka && (kafka.saslUsername === undefined) !== (kafka.saslPassword === undefined)) {
        report(
            kafka.saslUsername === undefined ? "kafka.saslUsername" : "kafka.saslPassword",
            "set saslUsername and saslPassword together (SASL/PLAIN) or neither (plaintext)",
        );
    }
}

function checkExternalKafka(kafka: Record<string, any> | undefined, report: Report, warn: Report): void {
    const brokers = kafka?.brokers;
    if (!Array.isArray(brokers) || brokers.length === 0) {
        report("kafka.brokers", 'is required with kafka.mode external: list at least one "host:port"');
    } else {
        brokers.forEach((broker, index) => {
            const problem = typeof broker === "string" ? brokerAddressProblem(broker) : undefined;
            if (problem) {
                report(joinPath("kafka.brokers", index), problem);
            }
        });
        if (brokers.length > 1) {
            warn(
                "kafka.brokers",
                "Tempo 3.0.3 takes a single seed address and discovers the other brokers from it; only the first " +
                    "entry is used, so prefer a bootstrap DNS name that resolves to several brokers",
            );
        }
    }
    if (kafka?.strimzi !== undefined) {
        report("kafka.strimzi", "is only used with kafka.mode strimzi");
    }
}

function checkStrimzi(a: Partial<TempoClusterArgs>, kafka: Record<string, any> | undefined, report: Report): void {
    if (kafka?.brokers !== undefined) {
        report("kafka.brokers", "is only used with kafka.mode external; the in-cluster Kafka's address is derived");
    }
    if (kafka?.saslUsername !== undefined || kafka?.saslPassword !== undefined) {
        report(
            kafka?.saslUsername !== undefined ? "kafka.saslUsername" : "kafka.saslPassword",
            "Strimzi offers no SASL/PLAIN listener (the only mechanism Tempo 3.0.3 speaks); the in-cluster listener is " +
                "plaintext and reachable only from Tempo's pods through a NetworkPolicy",
        );
    }
    const strimzi = asObject(kafka?.strimzi);
    if (!strimzi) {
        return;
    }
    const profile = a.profile ?? Profile.Production;
    if (typeof strimzi.brokers === "number") {
        if (strimzi.brokers < 1) {
            report("kafka.strimzi.brokers", `must be at least 1 (got ${strimzi.brokers})`);
        } else if (profile === Profile.Production && strimzi.brokers < 3) {
            report(
                "kafka.strimzi.brokers",
                `production needs at least 3 brokers (replication factor 3, min.insync.replicas 2); got ${strimzi.brokers}. ` +
                    "Use profile dev for a single broker",
            );
        }
    }
    if (typeof strimzi.storageSize === "string" && !BYTES_QUANTITY.test(strimzi.storageSize)) {
        report("kafka.strimzi.storageSize", `"${strimzi.storageSize}" is not a storage quantity such as "100Gi"`);
    }
    if (typeof strimzi.storageClass === "string" && !isDnsSubdomain(strimzi.storageClass)) {
        report("kafka.strimzi.storageClass", `"${strimzi.storageClass}" is not a StorageClass name`);
    }
    if (typeof strimzi.topicRetention === "string") {
        const minutes = parseDurationMinutes(strimzi.topicRetention);
        if (minutes === undefined) {
            report("kafka.strimzi.topicRetention", `"${strimzi.topicRetention}" is not a duration such as "24h"`);
        } else if (minutes < MIN_TOPIC_RETENTION_MINUTES) {
            report(
                "kafka.strimzi.topicRetention",
                `must be at least 40m: a restarting live-store replays up to twice its 20m block completion timeout`,
            );
        }
    }
}

function brokerAddressProblem(broker: string): string | undefined {
    if (/^[a-z][a-z0-9+_-]*:\/\//i.test(broker)) {
        return `"${broker}": give host:port without a scheme (Tempo 3.0.3 speaks plaintext Kafka only, no TLS)`;
    }
    const match = /^(\[[0-9a-f:]+\]|[A-Za-z0-9.-]+):(\d+)$/i.exec(broker);
    if (!match) {
        return `"${broker}" must be host:port, e.g. kafka.example.internal:9092`;
    }
    const port = Number(match[2]);
    if (port < 1 || port > 65535) {
        return `"${broker}": port ${port} is outside 1-65535`;
    }
    return undefined;
}

function checkSizing(a: Partial<TempoClusterArgs>, report: Report): void {
    if (typeof a.ingestMBps === "number" && !(a.ingestMBps > 0)) {
        report("ingestMBps", `must be a positive rate in MB/s (got ${a.ingestMBps})`);
    } else if (typeof a.ingestMBps === "number" && a.ingestMBps > MAX_SIZED_INGEST_MBPS) {
        report("ingestMBps", oversizedProblem(a.ingestMBps));
    }
    if (Array.isArray(a.zones)) {
        const seen = new Set<string>();
        a.zones.forEach((zone, index) => {
            if (typeof zone === "string" && (zone.trim() === "" || seen.has(zone))) {
                report(joinPath("zones", index), zone.trim() === "" ? "must not be empty" : `"${zone}" is listed twice`);
            } else if (typeof zone === "string") {
                const problem = zoneProblem(zone) ?? cloudZoneProblem(a, zone);
                if (problem !== undefined) {
                    report(joinPath("zones", index), problem);
                }
            }
            seen.add(zone);
        });
        if (a.zones.length === 0) {
            report("zones", "must list at least one zone, or be left out");
        }
    }
}

/**
 * Zones are values of the nodes' `topology.kubernetes.io/zone` label and become pod labels and Service selectors.
 * A zone that reads as a number (`"1"`) is what AKS calls a zone in its API, but not what it puts on nodes
 * (`<region>-<n>`), and charts write it unquoted, where the API server refuses it as a label value.
 */
export function zoneProblem(zone: string): string | undefined {
    if (/^[-+]?(\d[\d_]*)?\.?\d*([eE][-+]?\d+)?$/.test(zone) && /\d/.test(zone)) {
        return `"${zone}" is a number; use the node label value topology.kubernetes.io/zone, e.g. "westeurope-${zone}" on AKS (<region>-<zone>) or "eu-west-1a" on EKS`;
    }
    return labelValueProblem(zone);
}

/** The largest ingest rate the sizing tables (docs/sizing.md) were written and checked for. */
export const MAX_SIZED_INGEST_MBPS = 200;

/** Why a rate past the sizing tables is refused, with the footprint it would derive. */
function oversizedProblem(ingestMBps: number): string {
    const size = sizeCluster(ingestMBps, Profile.Production);
    const c = size.components;
    return (
        `${ingestMBps} MB/s is past what the sizing tables were written for (${MAX_SIZED_INGEST_MBPS} MB/s): it would derive ` +
        `${size.partitions} Kafka partitions, ${c.liveStore.replicas} live-stores, ${c.blockBuilder.replicas} block-builders, ` +
        `${c.distributor.replicas} distributors, ${c.querier.replicas} queriers and ${size.kafka.brokers} Kafka brokers of ` +
        `${size.kafka.diskPerBrokerGi} GiB each; split the traffic across several TempoClusters (e.g. by tenant group), ` +
        "or check that the rate is MB/s, not spans/s or KB/s"
    );
}

/**
 * A zone against its cloud: the node label format of the cloud, in the region or location the args name
 * (AWS `eu-west-1a`, GCP `europe-west4-a`, Azure `westeurope-1`).
 */
export function cloudZoneProblem(a: Partial<TempoClusterArgs>, zone: string): string | undefined {
    switch (a.cloud) {
        case Cloud.Aws: {
            // An invalid region is reported on its own; zones are matched only against a well-formed one.
            const region = typeof a.aws?.region === "string" && AWS_REGION.test(a.aws.region) ? a.aws.region : undefined;
            if (!/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d+([a-z]|-[a-z0-9-]*[a-z])$/.test(zone)) {
                return `"${zone}" is not an AWS availability zone name such as eu-west-1a`;
            }
            if (region !== undefined && !(zone.startsWith(region) && /^([a-z]|-[a-z0-9-]*[a-z])$/.test(zone.slice(region.length)))) {
                return `"${zone}" is not a zone of aws.region ${region} (its zones are ${region}a, ${region}b, ...)`;
            }
            return undefined;
        }
        case Cloud.Gcp: {
            const location = typeof a.gcp?.location === "string" ? a.gcp.location.toLowerCase() : undefined;
            if (!/^[a-z]+-[a-z]+\d+-[a-z]$/.test(zone)) {
                return `"${zone}" is not a Google Cloud zone name such as europe-west4-a`;
            }
            if (location !== undefined && /^[a-z]+-[a-z]+\d+$/.test(location) && !zone.startsWith(`${location}-`)) {
                return `"${zone}" is not a zone of gcp.location ${location} (its zones are ${location}-a, ${location}-b, ...)`;
            }
            return undefined;
        }
        case Cloud.Azure: {
            const location = typeof a.azure?.location === "string" ? a.azure.location.toLowerCase().replace(/\s+/g, "") : undefined;
            if (!/^[a-z0-9]+-[1-9]$/.test(zone)) {
                return `"${zone}" is not the zone label AKS puts on nodes: <region>-<zone>, such as westeurope-1`;
            }
            if (location !== undefined && !zone.startsWith(`${location}-`)) {
                return `"${zone}" is not a zone of azure.location ${location} (AKS labels its nodes ${location}-1, ${location}-2, ${location}-3)`;
            }
            return undefined;
        }
        default:
            return undefined;
    }
}

function checkComponents(a: Partial<TempoClusterArgs>, report: Report): void {
    const components = asObject(a.components);
    if (!components) {
        return;
    }
    const partitions = (a.architecture ?? Architecture.Distributed) === Architecture.Distributed ? resolvePartitions(a) : undefined;
    for (const name of TEMPO_COMPONENTS) {
        const component = asObject(components[name]);
        if (!component) {
            continue;
        }
        const path = joinPath("components", name);
        if (
            PARTITION_BOUND_COMPONENTS.includes(name) &&
            typeof component.replicas === "number" &&
            partitions !== undefined &&
            component.replicas !== partitions
        ) {
            report(
                joinPath(path, "replicas"),
                `must equal the Kafka partitions (${partitions}): each partition needs exactly one ${name}; ` +
                    "change kafka.partitions instead, or leave replicas unset",
            );
        }
        if (name === "backendScheduler" && typeof component.replicas === "number" && component.replicas !== 1) {
            report(joinPath(path, "replicas"), "must be 1: the backend-scheduler is a singleton");
        }
        if (typeof component.cpu === "string" && !CPU_QUANTITY.test(component.cpu)) {
            report(joinPath(path, "cpu"), `"${component.cpu}" is not a CPU quantity such as "500m" or "2"`);
        }
        if (typeof component.memory === "string" && !BYTES_QUANTITY.test(component.memory)) {
            report(joinPath(path, "memory"), `"${component.memory}" is not a memory quantity such as "512Mi" or "4Gi"`);
        }
        checkAutoscaling(name, component, report);
    }
}

function checkAutoscaling(name: TempoComponent, component: Record<string, any>, report: Report): void {
    const autoscaling = asObject(component.autoscaling);
    if (!autoscaling) {
        return;
    }
    const path = joinPath("components", name, "autoscaling");
    if (!AUTOSCALED_COMPONENTS.includes(name)) {
        report(path, `${name} cannot autoscale: ${PARTITION_BOUND_COMPONENTS.includes(name) ? "its replicas are tied to the Kafka partitions" : "it is a singleton"}`);
        return;
    }
    if (component.replicas !== undefined) {
        report(joinPath("components", name, "replicas"), "set either replicas or autoscaling, not both");
    }
    const { minReplicas, maxReplicas, targetCpuPercent } = autoscaling;
    if (typeof minReplicas === "number" && minReplicas < 1) {
        report(joinPath(path, "minReplicas"), "must be at least 1");
    }
    if (typeof maxReplicas === "number" && typeof minReplicas === "number" && maxReplicas < minReplicas) {
        report(joinPath(path, "maxReplicas"), `must be at least minReplicas (${minReplicas})`);
    }
    if (typeof maxReplicas === "number" && maxReplicas < 1) {
        report(joinPath(path, "maxReplicas"), "must be at least 1");
    }
    if (typeof targetCpuPercent === "number" && (targetCpuPercent < 1 || targetCpuPercent > 100)) {
        report(joinPath(path, "targetCpuPercent"), "must be between 1 and 100");
    }
}

/** The partition count the args imply, or `undefined` when it cannot be told (malformed input). */
export function resolvePartitions(a: Partial<TempoClusterArgs>): number | undefined {
    const explicit = asObject(a.kafka)?.partitions;
    if (explicit !== undefined) {
        return typeof explicit === "number" ? explicit : undefined;
    }
    const profile = a.profile ?? Profile.Production;
    if (!isMember(Profile, profile)) {
        return undefined;
    }
    const ingest = a.ingestMBps ?? DEFAULT_INGEST_MBPS[profile];
    return typeof ingest === "number" && ingest > 0 ? partitionsFor(ingest, profile) : undefined;
}

function checkReceivers(a: Partial<TempoClusterArgs>, report: Report): void {
    const receivers = asObject(a.receivers);
    if (!receivers) {
        return;
    }
    const enabled = {
        otlpGrpc: receivers.otlpGrpc ?? true,
        otlpHttp: receivers.otlpHttp ?? true,
        jaegerThriftHttp: receivers.jaegerThriftHttp ?? false,
        jaegerGrpc: receivers.jaegerGrpc ?? false,
        zipkin: receivers.zipkin ?? false,
    };
    if (!Object.values(enabled).some((on) => on === true)) {
        report("receivers", "every receiver is off, so Tempo would accept no traces: enable at least one");
    }
}

function checkChart(a: Partial<TempoClusterArgs>, report: Report, warn: Report): void {
    const chart = asObject(a.chart);
    if (!chart) {
        return;
    }
    if (typeof chart.repository === "string" && !/^(https?|oci):\/\/\S+$/.test(chart.repository)) {
        report("chart.repository", "must be an http(s):// or oci:// URL");
    }
    if (typeof chart.version === "string") {
        const architecture = a.architecture ?? Architecture.Distributed;
        const pinned = isMember(Architecture, architecture) ? CHART_TARGETS[architecture].version : undefined;
        if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(chart.version)) {
            report("chart.version", `"${chart.version}" is not an exact chart version such as 3.3.0 (ranges are not allowed)`);
        } else if (pinned !== undefined && chart.version !== pinned) {
            warn(
                "chart.version",
                `derived values are tested against ${pinned}; ${chart.version} may ignore or reject some of them`,
            );
        }
    }
}

function dedupe(problems: Problem[]): Problem[] {
    const seen = new Set<string>();
    return problems.filter((p) => {
        const key = `${p.path}\u0000${p.message}`;
        if (seen.has(key)) {
            return false;
        }
        seen.add(key);
        return true;
    });
}
