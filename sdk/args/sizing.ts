/**
 * Sizing: the expected ingest rate (MB/s) → partitions, replicas and resources of every component, and the size of
 * the in-cluster Kafka. Pure; follows Grafana's "Size the cluster" guidance for Tempo 3:
 * https://grafana.com/docs/tempo/latest/set-up-for-tracing/setup-tempo/plan/size/
 *
 * | component        | replicas                      | CPU       | memory      |
 * |------------------|-------------------------------|-----------|-------------|
 * | distributor      | 1 per 10 MB/s                 | 2 cores   | 2 GB        |
 * | live-store       | 1 per partition (6–10 MB/s)   | 1 core    | 4–20 GB     |
 * | block-builder    | 1 per partition               | 0.5 core  | 5–10 GB     |
 * | querier          | 1 per 1–2 MB/s                | workload  | 4–20 GB     |
 * | query-frontend   | 2 (HA)                        | workload  | 4–20 GB     |
 * | backend-scheduler| exactly 1                     | 0.5 core  | 1–2 GB      |
 * | backend-worker   | by compaction workload        | 0.5 core  | 1–2 GB      |
 *
 * Kafka partitions: ceil(peak MB/s ÷ 10).
 */
import { Profile } from "./types";
import type { TempoComponent } from "./defaults";

/** MB/s one Kafka partition (and so one live-store and one block-builder) is sized for. */
export const MBPS_PER_PARTITION = 10;
/** MB/s one distributor handles. */
export const MBPS_PER_DISTRIBUTOR = 10;
/** MB/s of ingest one querier is sized for (the guidance says 1–2; we take the middle of the range's top). */
export const MBPS_PER_QUERIER = 2;
/** MB/s of ingest one backend-worker keeps compacted (the guidance leaves it open; one per 10 MB/s, at least HA). */
export const MBPS_PER_BACKEND_WORKER = 10;
/** Default expected ingest when the user gives none. */
export const DEFAULT_INGEST_MBPS: Readonly<Record<Profile, number>> = { [Profile.Dev]: 1, [Profile.Production]: 5 };
/** Hours the Kafka topic keeps records: enough for block-builders to catch up after an outage (Tempo docs: 24h in production, never under 40 minutes). */
export const DEFAULT_TOPIC_RETENTION_HOURS: Readonly<Record<Profile, number>> = { [Profile.Dev]: 2, [Profile.Production]: 24 };
/** Headroom on Kafka disks over the retained bytes (segments, indexes, imbalance). */
export const KAFKA_DISK_HEADROOM = 1.25;
/** Replicated write throughput one broker is sized for, MB/s (well inside a gp3/pd-balanced volume's throughput). */
export const KAFKA_MBPS_PER_BROKER = 50;
/** Largest disk per broker before another broker is added, GiB (keeps recovery and rebalancing times sane). */
export const KAFKA_MAX_DISK_PER_BROKER_GI = 4096;

/** Size of one component. */
export interface ComponentSize {
    readonly replicas: number;
    /** CPU request (Kubernetes quantity). */
    readonly cpu: string;
    /** Memory request and limit (Kubernetes quantity). */
    readonly memory: string;
}

/** Size of the in-cluster Kafka. */
export interface KafkaSize {
    /** Broker count. */
    readonly brokers: number;
    /** Replication factor of the topic. */
    readonly replicationFactor: number;
    /** `min.insync.replicas` of the topic. */
    readonly minInSyncReplicas: number;
    /** Hours the topic keeps records. */
    readonly topicRetentionHours: number;
    /** Disk per broker, GiB. */
    readonly diskPerBrokerGi: number;
}

/** The whole derived size. */
export interface ClusterSize {
    readonly ingestMBps: number;
    readonly partitions: number;
    readonly components: Readonly<Record<TempoComponent, ComponentSize>>;
    readonly kafka: KafkaSize;
}

/** Per-replica requests by profile: production follows the guidance (lower end of ranges), dev fits a laptop. */
const REQUESTS: Readonly<Record<Profile, Readonly<Record<TempoComponent, { cpu: string; memory: string }>>>> = {
    [Profile.Production]: {
        distributor: { cpu: "2", memory: "2Gi" },
        liveStore: { cpu: "1", memory: "4Gi" },
        blockBuilder: { cpu: "500m", memory: "5Gi" },
        querier: { cpu: "1", memory: "4Gi" },
        queryFrontend: { cpu: "1", memory: "4Gi" },
        backendScheduler: { cpu: "500m", memory: "1Gi" },
        backendWorker: { cpu: "500m", memory: "1Gi" },
    },
    [Profile.Dev]: {
        distributor: { cpu: "100m", memory: "512Mi" },
        liveStore: { cpu: "250m", memory: "1Gi" },
        blockBuilder: { cpu: "250m", memory: "1Gi" },
        querier: { cpu: "100m", memory: "512Mi" },
        queryFrontend: { cpu: "100m", memory: "512Mi" },
        backendScheduler: { cpu: "100m", memory: "256Mi" },
        backendWorker: { cpu: "100m", memory: "512Mi" },
    },
};

/** Least replicas of each scalable component: two of everything stateless in production, so one can fail. */
const MIN_REPLICAS: Readonly<Record<Profile, number>> = { [Profile.Dev]: 1, [Profile.Production]: 2 };
/** Least partitions: production keeps three, one per zone, so one live-store failing leaves two thirds of recent data queryable. */
const MIN_PARTITIONS: Readonly<Record<Profile, number>> = { [Profile.Dev]: 1, [Profile.Production]: 3 };
/** Least in-cluster Kafka brokers by profile: three for replication factor 3 in production. */
const MIN_KAFKA_BROKERS: Readonly<Record<Profile, number>> = { [Profile.Dev]: 1, [Profile.Production]: 3 };

/** Partitions needed for an ingest rate: ceil(MB/s ÷ 10), at least the profile's minimum. */
export function partitionsFor(ingestMBps: number, profile: Profile): number {
    return Math.max(MIN_PARTITIONS[profile], Math.ceil(ingestMBps / MBPS_PER_PARTITION));
}

/** Derives every size from the ingest rate and the profile. */
export function sizeCluster(ingestMBps: number, profile: Profile, partitions = partitionsFor(ingestMBps, profile)): ClusterSize {
    const atLeast = (n: number) => Math.max(MIN_REPLICAS[profile], n);
    const requests = REQUESTS[profile];
    const replicas: Record<TempoComponent, number> = {
        distributor: atLeast(Math.ceil(ingestMBps / MBPS_PER_DISTRIBUTOR)),
        liveStore: partitions,
        blockBuilder: partitions,
        querier: atLeast(Math.ceil(ingestMBps / MBPS_PER_QUERIER)),
        queryFrontend: MIN_REPLICAS[profile],
        backendScheduler: 1,
        backendWorker: atLeast(Math.ceil(ingestMBps / MBPS_PER_BACKEND_WORKER)),
    };
    const components = Object.fromEntries(
        (Object.keys(replicas) as TempoComponent[]).map((c) => [c, { replicas: replicas[c], ...requests[c] }]),
    ) as Record<TempoComponent, ComponentSize>;
    return { ingestMBps, partitions, components, kafka: sizeKafka(ingestMBps, profile) };
}

/** Retained MB across all replicas at an ingest rate, retention and replication factor. */
function retainedMB(ingestMBps: number, topicRetentionHours: number, replicationFactor: number): number {
    return ingestMBps * topicRetentionHours * 3600 * replicationFactor;
}

/**
 * Brokers for an ingest rate: enough for the replicated write throughput and for the retained bytes at most
 * {@link KAFKA_MAX_DISK_PER_BROKER_GI} each; one in dev.
 */
export function brokersFor(ingestMBps: number, profile: Profile, topicRetentionHours = DEFAULT_TOPIC_RETENTION_HOURS[profile]): number {
    if (profile === Profile.Dev) {
        return MIN_KAFKA_BROKERS[profile];
    }
    const replicationFactor = 3;
    const diskGi = (retainedMB(ingestMBps, topicRetentionHours, replicationFactor) / 1024) * KAFKA_DISK_HEADROOM;
    return Math.max(
        MIN_KAFKA_BROKERS[profile],
        Math.ceil((ingestMBps * replicationFactor) / KAFKA_MBPS_PER_BROKER),
        Math.ceil(diskGi / KAFKA_MAX_DISK_PER_BROKER_GI),
    );
}

/** Kafka for an ingest rate: replication 3 (min ISR 2) with three or more brokers, else unreplicated. */
export function sizeKafka(
    ingestMBps: number,
    profile: Profile,
    topicRetentionHours = DEFAULT_TOPIC_RETENTION_HOURS[profile],
    brokers = brokersFor(ingestMBps, profile, topicRetentionHours),
): KafkaSize {
    const replicationFactor = Math.min(3, brokers);
    const minInSyncReplicas = replicationFactor >= 3 ? 2 : 1;
    const retained = retainedMB(ingestMBps, topicRetentionHours, replicationFactor);
    const diskPerBrokerGi = Math.max(10, Math.ceil((retained / brokers / 1024) * KAFKA_DISK_HEADROOM));
    return { brokers, replicationFactor, minInSyncReplicas, topicRetentionHours, diskPerBrokerGi };
}

/** A Markdown table of derived sizes at the given ingest rates (the source of docs/sizing.md). */
export function sizingTable(rates: readonly number[], profile = Profile.Production): string {
    const sizes = rates.map((rate) => sizeCluster(rate, profile));
    const header = ["", ...rates.map((r) => `${r} MB/s`)];
    const row = (label: string, cell: (s: ClusterSize) => string) => [label, ...sizes.map(cell)];
    const component = (c: TempoComponent, label: string) =>
        row(label, (s) => `${s.components[c].replicas} × ${s.components[c].cpu} CPU / ${s.components[c].memory}`);
    const rows = [
        header,
        header.map(() => "---"),
        row("Kafka partitions", (s) => String(s.partitions)),
        component("distributor", "distributor"),
        component("liveStore", "live-store"),
        component("blockBuilder", "block-builder"),
        component("querier", "querier"),
        component("queryFrontend", "query-frontend"),
        component("backendScheduler", "backend-scheduler"),
        component("backendWorker", "backend-worker"),
        row("Kafka brokers (in-cluster)", (s) => `${s.kafka.brokers}, RF ${s.kafka.replicationFactor}, min ISR ${s.kafka.minInSyncReplicas}`),
        row("Kafka disk per broker", (s) => `${s.kafka.diskPerBrokerGi}Gi (${s.kafka.topicRetentionHours}h retention)`),
    ];
    return rows.map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

/** Ingest rates the table in docs/sizing.md shows. */
export const SIZING_DOC_RATES: readonly number[] = [1, 10, 50, 200];
const TABLE_START = "<!-- sizing-table:start (generated by npm run docs:sizing; do not edit) -->";
const TABLE_END = "<!-- sizing-table:end -->";

/** The generated table inside a document, between its markers. */
export function generatedTable(document: string): string | undefined {
    const start = document.indexOf(TABLE_START);
    const end = document.indexOf(TABLE_END);
    return start < 0 || end < start ? undefined : document.slice(start + TABLE_START.length, end).trim();
}

/** The document with its generated table replaced. */
export function replaceGeneratedTable(document: string, table: string): string {
    const start = document.indexOf(TABLE_START);
    const end = document.indexOf(TABLE_END);
    if (start < 0 || end < start) {
        throw new Error("the document has no sizing-table markers");
    }
    return `${document.slice(0, start + TABLE_START.length)}\n${table}\n${document.slice(end)}`;
}

/** Classic (Tempo 2): ingesters and compactors. */
export interface ClassicSize {
    /** Copies of every trace the distributors write (Tempo 2's durability). */
    readonly replicationFactor: number;
    readonly ingester: ComponentSize & { readonly storageSize: string };
    readonly compactor: ComponentSize;
}

/** MB/s one Tempo 2 ingester is sized for (each receives every span `replicationFactor` times). */
export const MBPS_PER_INGESTER = 5;

/**
 * Tempo 2 sizes: replication factor 3 in production (1 in dev), ingesters = max(RF, ceil(MB/s × RF ÷ 5 ÷ … )),
 * one compactor per 10 MB/s.
 */
export function sizeClassic(ingestMBps: number, profile: Profile): ClassicSize {
    const replicationFactor = profile === Profile.Production ? 3 : 1;
    const ingesters = Math.max(replicationFactor, Math.ceil((ingestMBps * replicationFactor) / (MBPS_PER_INGESTER * 3)));
    const production = profile === Profile.Production;
    return {
        replicationFactor,
        ingester: {
            replicas: ingesters,
            cpu: production ? "1" : "250m",
            memory: production ? "4Gi" : "1Gi",
            storageSize: production ? "20Gi" : "5Gi",
        },
        compactor: {
            replicas: Math.max(1, Math.ceil(ingestMBps / MBPS_PER_DISTRIBUTOR)),
            cpu: production ? "1" : "100m",
            memory: production ? "4Gi" : "512Mi",
        },
    };
}

/** The monolithic binary: one replica; the docs suggest the single binary below roughly 25–35 MB/s. */
export function sizeMonolithic(profile: Profile): ComponentSize & { readonly storageSize: string } {
    return profile === Profile.Production
        ? { replicas: 1, cpu: "2", memory: "8Gi", storageSize: "50Gi" }
        : { replicas: 1, cpu: "250m", memory: "1Gi", storageSize: "10Gi" };
}
