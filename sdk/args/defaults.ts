/**
 * Defaults per profile. Every default a user can see is documented on the matching field in `types/`.
 */
import { Profile } from "./types";

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

/** Stateless components that may autoscale (the chart renders an HPA for them). */
export const AUTOSCALED_COMPONENTS: readonly TempoComponent[] = ["distributor", "querier", "queryFrontend", "backendWorker"];

/** HPA CPU target, percent of requests (the chart's default). */
export const DEFAULT_TARGET_CPU_PERCENT = 60;

/** Least Kafka topic retention: twice the live-store's 20m block completion timeout (Tempo docs). */
export const MIN_TOPIC_RETENTION_MINUTES = 40;

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

/** What a profile implies for data safety when the user says nothing (sizes come from `sizing.ts`). */
export interface ProfileDefaults {
    /** Whether `pulumi destroy` may delete a bucket with data. */
    readonly forceDestroy: boolean;
    /** Whether the bucket is protected and retained on delete. */
    readonly protect: boolean;
}

/** Profile defaults: production data is protected, dev data is disposable. */
export const PROFILE_DEFAULTS: Readonly<Record<Profile, ProfileDefaults>> = {
    [Profile.Dev]: { forceDestroy: true, protect: false },
    [Profile.Production]: { forceDestroy: false, protect: true },
};
