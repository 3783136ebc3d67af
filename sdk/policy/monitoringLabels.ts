/**
 * Monitoring labels (`monitoring-selector-labels`): ServiceMonitors, PodMonitors, Probes, ScrapeConfigs and
 * PrometheusRules carry the label the Prometheus operator selects them by, so alerts and scrapes are not silently
 * ignored.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { typeIs, Types } from "./resources";
import { configOf, record } from "./shared";

export const DEFAULT_SELECTOR_LABELS = ["release"];

/**
 * Problems of a monitoring object's labels. `selectorLabels` entries are `key` or `key=value`; the object needs one of
 * them. With an empty list it needs any label outside `app.kubernetes.io/`.
 */
export function checkSelectorLabels(labels: unknown, selectorLabels: string[]): string[] {
    const present = record(labels);
    const has = (entry: string) => {
        const [key, value] = entry.includes("=") ? [entry.slice(0, entry.indexOf("=")), entry.slice(entry.indexOf("=") + 1)] : [entry, undefined];
        const actual = present[key];
        return typeof actual === "string" && actual !== "" && (value === undefined || actual === value);
    };
    if (selectorLabels.length > 0) {
        return selectorLabels.some(has)
            ? []
            : [
                  `it has none of the labels ${selectorLabels.map((l) => `"${l}"`).join(", ")}, so Prometheus ignores it; ` +
                      `set the label your Prometheus selects on (TempoCluster: monitoring.labels, kube-prometheus-stack: ` +
                      `release: <its Helm release name>)`,
              ];
    }
    const selectable = Object.keys(present).filter((k) => !k.startsWith("app.kubernetes.io/"));
    return selectable.length > 0
        ? []
        : ["it has only app.kubernetes.io/* labels; add the label your Prometheus selects on (monitoring.labels)"];
}

export interface SelectorLabelConfig {
    selectorLabels: string[];
}

export const monitoringSelectorLabels: ResourceValidationPolicy = {
    name: "monitoring-selector-labels",
    description:
        "ServiceMonitors, PodMonitors, Probes and PrometheusRules carry the label the Prometheus operator selects them " +
        "by (default: release), so alerts and scrapes are not silently ignored.",
    enforcementLevel: "mandatory",
    severity: "medium",
    configSchema: {
        properties: {
            selectorLabels: {
                type: "array",
                items: { type: "string" },
                default: DEFAULT_SELECTOR_LABELS,
                description:
                    "Labels (\"key\" or \"key=value\") one of which each monitoring object needs. Empty: any label " +
                    "outside app.kubernetes.io/*.",
            },
        },
    },
    validateResource: (args, reportViolation) => {
        if (!typeIs(args.type, ...Types.monitoring)) {
            return;
        }
        const { selectorLabels } = configOf<SelectorLabelConfig>(args, { selectorLabels: DEFAULT_SELECTOR_LABELS });
        for (const problem of checkSelectorLabels(record(args.props.metadata).labels, selectorLabels)) {
            reportViolation(`${args.name}: ${problem}.`);
        }
    },
};
