/**
 * Object storage as readers and the scheduler see it (blocklist polling, the tenant index), and the runtime
 * overrides reloads.
 */
import { scope } from "../context";
import type { AlertThresholds, MonitoringContext } from "../types";
import { errorsPerHour, num, type AlertSpec } from "./expressions";

/** Blocklist polling and tenant index (object storage health as seen by readers and the scheduler). */
export function blocklistAlerts(ctx: MonitoringContext, t: AlertThresholds): AlertSpec[] {
    return [
        {
            name: "TempoPollsFailing",
            severity: "critical",
            timing: t.pollErrorsPerHour,
            expr: errorsPerHour(ctx, "tempodb_blocklist_poll_errors_total", t.pollErrorsPerHour),
            summary: "Polling the blocklist from object storage fails.",
            description: `Tempo in {{ $labels.cluster }}/{{ $labels.namespace }} failed to poll the blocklist more than ${num(t.pollErrorsPerHour.value)} times in the last hour and is still failing; new blocks become invisible to queries.`,
        },
        {
            name: "TempoTenantIndexFailures",
            severity: "critical",
            timing: t.tenantIndexErrorsPerHour,
            expr: errorsPerHour(ctx, "tempodb_blocklist_tenant_index_errors_total", t.tenantIndexErrorsPerHour),
            summary: "Building or reading the tenant index fails.",
            description: `Tempo in {{ $labels.cluster }}/{{ $labels.namespace }} hit more than ${num(t.tenantIndexErrorsPerHour.value)} tenant index errors in the last hour and is still hitting them.`,
        },
        {
            name: "TempoNoTenantIndexBuilders",
            severity: "critical",
            timing: t.tenantIndexBuilders,
            expr: [
                `sum by (cluster, namespace, tenant) (tempodb_blocklist_tenant_index_builder{${scope(ctx)}}) <= ${num(t.tenantIndexBuilders.value)}`,
                "and on (cluster, namespace)",
                `max by (cluster, namespace) (tempodb_blocklist_length{${scope(ctx)}}) > 0`,
            ].join("\n"),
            summary: "Nobody builds the tenant index.",
            description: `No component in {{ $labels.cluster }}/{{ $labels.namespace }} builds the tenant index of tenant {{ $labels.tenant }}; it will go stale and queries will miss new blocks.`,
        },
        {
            name: "TempoTenantIndexTooOld",
            severity: "critical",
            timing: t.tenantIndexAge,
            expr: `max by (cluster, namespace, tenant) (tempodb_blocklist_tenant_index_age_seconds{${scope(ctx)}}) > ${num(t.tenantIndexAge.value)}`,
            summary: "The tenant index is stale.",
            description: `The tenant index of tenant {{ $labels.tenant }} in {{ $labels.cluster }}/{{ $labels.namespace }} is {{ $value | humanizeDuration }} old (threshold ${num(t.tenantIndexAge.value)}s).`,
        },
    ];
}

/** Runtime overrides reloads. */
export function overridesAlerts(ctx: MonitoringContext, t: AlertThresholds): AlertSpec[] {
    return [
        {
            name: "TempoBadOverrides",
            severity: "critical",
            timing: t.badOverrides,
            expr: `min by (cluster, namespace, job) (tempo_runtime_config_last_reload_successful{${scope(ctx)}}) == 0`,
            summary: "Tempo cannot load its runtime overrides.",
            description: `{{ $labels.job }} in {{ $labels.cluster }} fails to reload the overrides file; it keeps running with the last good overrides and ignores changes.`,
        },
        {
            name: "TempoUserConfigurableOverridesReloadFailing",
            severity: "critical",
            timing: t.userOverridesReloadFailuresPerHour,
            expr: errorsPerHour(
                ctx,
                "tempo_overrides_user_configurable_overrides_reload_failed_total",
                t.userOverridesReloadFailuresPerHour,
            ),
            summary: "Reloading user-configurable overrides fails.",
            description: `Tempo in {{ $labels.cluster }}/{{ $labels.namespace }} failed to reload user-configurable overrides from object storage more than ${num(t.userOverridesReloadFailuresPerHour.value)} times in the last hour.`,
        },
    ];
}
