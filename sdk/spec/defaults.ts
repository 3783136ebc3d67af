/**
 * Defaults per profile. Every default a user can see is documented on the matching field in `args.ts`.
 */
import { Profile } from "./args";

/** Tempo 3 components whose size the user can set. */
export const TEMPO_COMPONENTS = [
    "distributor",
    "querier",
    "queryFrontend",
    "liveStore",
    "blockBuilder",
    "backendScheduler",
    "backendWorker",
] as const;

/** One of {@link TEMPO_COMPONENTS}. */
export type TempoComponent = (typeof TEMPO_COMPONENTS)[number];

/** Components whose replica count is tied one-to-one to the Kafka partitions. */
export const PARTITION_BOUND_COMPONENTS: readonly TempoComponent[] = ["liveStore", "blockBuilder"];

/** Default retention: Tempo's own default (336h). */
export const DEFAULT_RETENTION = "14d";
/** Default namespace. */
export const DEFAULT_NAMESPACE = "tempo";
/** Default Kubernetes cluster DNS domain. */
export const DEFAULT_CLUSTER_DOMAIN = "cluster.local";
/** Default Kafka topic, the chart's default. */
export const DEFAULT_KAFKA_TOPIC = "tempo-traces";
/** Default Helm wait, in seconds. */
export const DEFAULT_CHART_TIMEOUT_SECONDS = 600;
/** Extra days the bucket lifecycle keeps objects beyond the retention, so it never races Tempo's own deletion. */
export const LIFECYCLE_MARGIN_DAYS = 1;

/** What a profile implies when the user says nothing. */
export interface ProfileDefaults {
    /** Kafka partitions (= live-store = block-builder replicas). */
    readonly partitions: number;
    /** Replicas of the stateless components. */
    readonly statelessReplicas: number;
    /** Whether `pulumi destroy` may delete a bucket with data. */
    readonly forceDestroy: boolean;
    /** Whether the bucket is protected and retained on delete. */
    readonly protect: boolean;
}

/** Profile defaults. Production keeps two of everything stateless and three partitions so one zone can fail. */
export const PROFILE_DEFAULTS: Readonly<Record<Profile, ProfileDefaults>> = {
    [Profile.Dev]: { partitions: 1, statelessReplicas: 1, forceDestroy: true, protect: false },
    [Profile.Production]: { partitions: 3, statelessReplicas: 2, forceDestroy: false, protect: true },
};
