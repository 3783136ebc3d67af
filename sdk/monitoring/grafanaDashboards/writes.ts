/**
 * The Writes dashboard: what arrives at the distributors, what is refused or discarded, and where it goes (Kafka, or
 * the Tempo 2 ingesters).
 */
import { isTempo2 } from "../context";
import type { MonitoringContext } from "../types";
import { jobSel, panel, quantile, sel, sumRate, type DashboardSpec, type PanelSpec, type SectionSpec } from "./panels";

/** Writes: what arrives at the distributors, what is refused or discarded, and where it goes (Kafka or ingesters). */
export function writesDashboard(ctx: MonitoringContext): DashboardSpec {
    const distributor = jobSel(ctx, "distributor");
    const generator = jobSel(ctx, "metrics-generator");
    const tempo2 = isTempo2(ctx);
    const pushLatency: PanelSpec = {
        title: "Push latency",
        description: tempo2
            ? "Time distributors take to handle a push, including the writes to the ingesters."
            : "Time distributors take to handle a push, including the Kafka write.",
        unit: "s",
        queries: [
            { expr: quantile(0.99, "tempo_distributor_push_duration_seconds", distributor), legend: "p99" },
            { expr: quantile(0.5, "tempo_distributor_push_duration_seconds", distributor), legend: "p50" },
        ],
    };
    const downstream: PanelSpec = tempo2
        ? {
              title: "Ingester appends",
              description: "Batches the distributors send to ingesters (each batch goes to the replication factor's ingesters), and failures per ingester.",
              unit: "short",
              queries: [
                  { expr: sumRate("tempo_distributor_ingester_appends_total", distributor), legend: "appends" },
                  {
                      expr: sumRate("tempo_distributor_ingester_append_failures_total", distributor, "ingester"),
                      legend: "failed {{ingester}}",
                  },
              ],
          }
        : {
              title: "Kafka produce",
              description: "Records the distributors produce to Kafka, and failures by reason.",
              unit: "short",
              queries: [
                  { expr: sumRate("tempo_distributor_produce_records_total", distributor), legend: "records" },
                  {
                      expr: sumRate("tempo_distributor_produce_failures_total", distributor, "reason"),
                      legend: "failed {{reason}}",
                  },
              ],
          };
    return {
        uid: "tempo-cluster-writes",
        title: "Tempo Cluster / Writes",
        description: tempo2
            ? "Spans received, refused and discarded by the distributors; ingester appends, live traces and flushes."
            : "Spans received, refused and discarded by the distributors, and their Kafka writes.",
        sections: [
            {
                title: "Distributor",
                panels: [
                    panel(
                        "Spans received by tenant",
                        "Spans accepted by the distributors, per tenant.",
                        "short",
                        sumRate("tempo_distributor_spans_received_total", distributor, "tenant"),
                        "{{tenant}}",
                    ),
                    panel(
                        "Bytes received by tenant",
                        "Trace bytes accepted by the distributors, per tenant.",
                        "Bps",
                        sumRate("tempo_distributor_bytes_received_total", distributor, "tenant"),
                        "{{tenant}}",
                    ),
                    {
                        title: "Receiver spans accepted / refused",
                        description: "Spans the OTLP/Jaeger/Zipkin receivers accepted or refused (refused spans are errors for clients).",
                        unit: "short",
                        queries: [
                            { expr: sumRate("tempo_receiver_accepted_spans", distributor, "receiver"), legend: "accepted {{receiver}}" },
                            { expr: sumRate("tempo_receiver_refused_spans", distributor, "receiver"), legend: "refused {{receiver}}" },
                        ],
                    },
                    panel(
                        "Discarded spans by reason",
                        "Spans dropped by limits (rate limit, trace too large, live traces exceeded, ...), per tenant and reason.",
                        "short",
                        sumRate("tempo_discarded_spans_total", sel(), "tenant, reason"),
                        "{{tenant}} {{reason}}",
                    ),
                    pushLatency,
                    downstream,
                ],
            },
            ...(tempo2 ? [ingesterSection(ctx)] : []),
            ...(ctx.metricsGenerator
                ? [
                      {
                          title: "Metrics generator",
                          panels: [
                              panel(
                                  "Generator spans received by tenant",
                                  tempo2
                                      ? "Spans the distributors pushed to the metrics generator, per tenant."
                                      : "Spans the metrics generator consumed from Kafka, per tenant.",
                                  "short",
                                  sumRate("tempo_metrics_generator_spans_received_total", generator, "tenant"),
                                  "{{tenant}}",
                              ),
                              panel(
                                  "Service-graph dropped spans",
                                  "Spans the service-graph processor could not pair into edges.",
                                  "short",
                                  sumRate("tempo_metrics_generator_processor_service_graphs_dropped_spans", generator, "tenant"),
                                  "{{tenant}}",
                              ),
                              ...(tempo2
                                  ? [
                                        {
                                            title: "Distributor pushes to the generator",
                                            description: "Span pushes from the distributors to the metrics generator, and failures.",
                                            unit: "short",
                                            queries: [
                                                { expr: sumRate("tempo_distributor_metrics_generator_pushes_total", distributor), legend: "pushes" },
                                                {
                                                    expr: sumRate("tempo_distributor_metrics_generator_pushes_failures_total", distributor),
                                                    legend: "failed",
                                                },
                                            ],
                                        },
                                    ]
                                  : []),
                          ],
                      },
                  ]
                : []),
        ],
    };
}

/** Tempo 2 ingesters: live traces, bytes received, flushes and their failures, flush latency and queue. */
function ingesterSection(ctx: MonitoringContext): SectionSpec {
    const ingester = jobSel(ctx, "ingester");
    return {
        title: "Ingester",
        panels: [
            panel("Live traces by tenant", "Traces held in ingester memory, per tenant.", "short", `sum by (tenant) (tempo_ingester_live_traces{${ingester}})`, "{{tenant}}"),
            panel(
                "Bytes received by tenant",
                "Bytes the ingesters receive (every replica counts), per tenant.",
                "Bps",
                sumRate("tempo_ingester_bytes_received_total", ingester, "tenant"),
                "{{tenant}}",
            ),
            {
                title: "Blocks flushed and flush failures",
                description: "Blocks written to object storage, failed flush or completion operations, and retries that failed again.",
                unit: "short",
                queries: [
                    { expr: sumRate("tempo_ingester_blocks_flushed_total", ingester), legend: "blocks flushed" },
                    { expr: sumRate("tempo_ingester_failed_flushes_total", ingester), legend: "failed flushes" },
                    { expr: sumRate("tempo_ingester_flush_failed_retries_total", ingester), legend: "failed retries" },
                ],
            },
            {
                title: "Flush latency",
                description: "Time to write a block to object storage.",
                unit: "s",
                queries: [
                    { expr: quantile(0.99, "tempo_ingester_flush_duration_seconds", ingester), legend: "p99" },
                    { expr: quantile(0.5, "tempo_ingester_flush_duration_seconds", ingester), legend: "p50" },
                ],
            },
            panel(
                "Flush queue length by pod",
                "Operations waiting in each ingester's flush queue; a queue that only grows means flushes cannot keep up.",
                "short",
                `sum by (pod) (tempo_ingester_flush_queue_length{${ingester}})`,
                "{{pod}}",
            ),
        ],
    };
}
