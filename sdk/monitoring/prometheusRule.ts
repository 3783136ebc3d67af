/**
 * The PrometheusRule holding the alert group and the recording-rule groups.
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.PrometheusRule
 */
import { alertGroup } from "./alertRules";
import { selectableLabels } from "./context";
import type { Manifest, MonitoringContext } from "./types";
import { recordingRuleGroups } from "./recordingRules";

/** What goes into the PrometheusRule. */
export interface PrometheusRuleOptions {
    /** Include the alert group. Defaults to `true`. */
    readonly alerts?: boolean;
    /**
     * Include the service-graph recording rules. Defaults to `ctx.metricsGenerator`. Their input is remote-written by
     * the generator, so turn this off when the Prometheus evaluating this object is not the one receiving it.
     */
    readonly serviceGraphRules?: boolean;
}

/** Annotation recording which Tempo version the rules were written for. */
export const TEMPO_VERSION_ANNOTATION = "tempo-cluster/tempo-version";

/** Annotation pointing at the runbooks the alerts link to. */
export const RUNBOOKS_ANNOTATION = "tempo-cluster/runbooks";

/**
 * The PrometheusRule `${F}-rules` in Tempo's namespace: the `tempo_alerts` group (unless disabled), the request-duration
 * recording rules (always; the query-latency alert reads them) and the service-graph rules when the generator is on.
 */
export function prometheusRule(ctx: MonitoringContext, options: PrometheusRuleOptions = {}): Manifest {
    const alerts = options.alerts ?? true;
    const groups = [
        ...(alerts ? [alertGroup(ctx)] : []),
        ...recordingRuleGroups(ctx, options.serviceGraphRules ?? ctx.metricsGenerator),
    ];
    return {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "PrometheusRule",
        metadata: {
            name: `${ctx.releaseName}-rules`,
            namespace: ctx.namespace,
            labels: selectableLabels(ctx, "monitoring"),
            annotations: { [TEMPO_VERSION_ANNOTATION]: ctx.tempoVersion, [RUNBOOKS_ANNOTATION]: ctx.runbookUrl },
        },
        spec: { groups },
    };
}
