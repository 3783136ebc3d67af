/**
 * The Resources dashboard: CPU, memory and restarts of every scraped component.
 */
import { chartMemcached } from "../context";
import type { MonitoringContext } from "../types";
import { panel, sel, sumRate, type DashboardSpec } from "./panels";
import { scrapedComponents } from "../serviceMonitors";

/** Resources: CPU and memory per component from cAdvisor, plus Go heap from Tempo itself. */
export function resourcesDashboard(ctx: MonitoringContext): DashboardSpec {
    const containers = [...scrapedComponents(ctx), ...(chartMemcached(ctx) ? ["memcached"] : [])].sort();
    const cadvisor = [`cluster=~"$cluster|"`, `namespace="$namespace"`, `container=~"${containers.join("|")}"`].join(", ");
    return {
        uid: "tempo-cluster-resources",
        title: "Tempo Cluster / Resources",
        description: "CPU and memory per component (cAdvisor) and Go heap per job.",
        sections: [
            {
                title: "Per component",
                panels: [
                    panel("CPU by component", "CPU cores used, summed over the component's pods.", "short", sumRate("container_cpu_usage_seconds_total", cadvisor, "container"), "{{container}}"),
                    panel(
                        "Memory working set by component",
                        "Working-set memory, summed over the component's pods.",
                        "bytes",
                        `sum by (container) (container_memory_working_set_bytes{${cadvisor}})`,
                        "{{container}}",
                    ),
                    panel(
                        "Largest pod memory by component",
                        "Working-set memory of the biggest pod of each component (compare with its limit).",
                        "bytes",
                        `max by (container) (container_memory_working_set_bytes{${cadvisor}})`,
                        "{{container}}",
                    ),
                    panel(
                        "Go heap in use by job",
                        "Heap in use as reported by Tempo's Go runtime.",
                        "bytes",
                        `sum by (job) (go_memstats_heap_inuse_bytes{${sel(undefined, `job=~"$namespace/.*"`)}})`,
                        "{{job}}",
                    ),
                ],
            },
        ],
    };
}
