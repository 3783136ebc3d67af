/**
 * The Kafka & partitions dashboard (Tempo 3 only): produce, consumer lag and partition ownership.
 */
import type { MonitoringContext } from "../types";
import { panel, sel, sumRate, type DashboardSpec } from "./panels";

/** Kafka & partitions: consumer lag, partition ownership, block-builder and live-store progress. */
export function kafkaDashboard(ctx: MonitoringContext): DashboardSpec {
    const lag = (container: string) =>
        `max by (partition) (tempo_ingest_group_partition_lag_seconds{${sel(undefined, `container="${container}"`)}})`;
    return {
        uid: "tempo-cluster-kafka",
        title: "Tempo Cluster / Kafka & partitions",
        description: "Consumer lag of block-builders, live-stores and the metrics generator; partition ownership.",
        sections: [
            {
                title: "Lag",
                panels: [
                    panel("Block-builder lag by partition", "How far block-builders are behind Kafka.", "s", lag("block-builder"), "{{partition}}"),
                    panel("Live-store lag by partition", "How far live-stores are behind Kafka.", "s", lag("live-store"), "{{partition}}"),
                    ...(ctx.metricsGenerator
                        ? [panel("Metrics-generator lag by partition", "How far the metrics generator is behind Kafka.", "s", lag("metrics-generator"), "{{partition}}")]
                        : []),
                ],
            },
            {
                title: "Partitions",
                panels: [
                    panel(
                        "Partitions in the ring by state",
                        "Partitions of the livestore-partitions ring, by state.",
                        "short",
                        `max by (state) (tempo_partition_ring_partitions{${sel(undefined, `name="livestore-partitions"`)}})`,
                        "{{state}}",
                    ),
                    {
                        title: "Partitions owned",
                        description: "Partitions owned by block-builders and by at least one live-store; both should equal the active partitions.",
                        unit: "short",
                        queries: [
                            { expr: `sum(tempo_block_builder_owned_partitions{${sel()}})`, legend: "block-builders" },
                            { expr: `count(count by (partition) (tempo_live_store_partition_owned{${sel()}}))`, legend: "live-stores" },
                        ],
                    },
                ],
            },
            {
                title: "Block-builder and live-store",
                panels: [
                    {
                        title: "Block-builder blocks flushed and fetch errors",
                        description: "Blocks written to object storage, and Kafka fetch errors.",
                        unit: "short",
                        queries: [
                            { expr: sumRate("tempo_block_builder_flushed_blocks", sel("block-builder")), legend: "blocks flushed" },
                            { expr: sumRate("tempo_block_builder_fetch_errors_total", sel("block-builder"), "partition"), legend: "fetch errors {{partition}}" },
                        ],
                    },
                    {
                        title: "Live-store block completions",
                        description: "Blocks completed, completion failures and local flush failures.",
                        unit: "short",
                        queries: [
                            { expr: sumRate("tempo_live_store_blocks_completed_total", sel("live-store")), legend: "completed" },
                            { expr: sumRate("tempo_live_store_failed_completions_total", sel("live-store")), legend: "failed completions" },
                            { expr: sumRate("tempo_live_store_local_failed_flushes_total", sel("live-store")), legend: "failed flushes" },
                        ],
                    },
                    panel(
                        "Live-store records dropped by reason",
                        "Kafka records a live-store skipped (too old, undecodable, ...).",
                        "short",
                        sumRate("tempo_live_store_records_dropped_total", sel("live-store"), "reason"),
                        "{{reason}}",
                    ),
                ],
            },
        ],
    };
}
