/**
 * Alerts per architecture, written for this package:
 * - `distributed`: Tempo 3.0.3 metric names (Kafka write path, live-store, block-builder, backend-scheduler/worker);
 * - `classic` and `monolithic`: Tempo 2 metric names (2.9.0 and 2.10.8: ingesters, compactor), no Kafka, live-store,
 *   block-builder or backend-scheduler alerts. The monolithic binary runs every role, so its alerts are the classic ones
 *   minus the compactor ring and memcached, with every series on the single job `<namespace>/tempo`.
 *
 * The Tempo mixin (v3.0.3 for Tempo 3, v2.9.0 for Tempo 2) is the reference for which signals matter and their default
 * thresholds; the expressions, texts and runbooks are our own. Differences from the mixin worth knowing:
 * - every selector is scoped to `cluster="<clusterLabel>", namespace="<namespace>"`, so several installs can share one
 *   Prometheus without cross-talk;
 * - every alert has `for`, `summary`, `description` and a `runbook_url` into `docs/runbooks.md`;
 * - all numbers come from {@link AlertThresholds};
 * - the write-path alerts of the seed guide are re-expressed on metrics that exist in Tempo 3 (refused receiver spans,
 *   Kafka produce failures, block-builder / live-store failures, backend-worker compaction errors, query-frontend p99);
 * - partition-ownership alerts also fire when *no* block-builder or live-store reports at all;
 * - Tempo 2 adds two alerts of ours on distributor fan-out (ingester appends, metrics-generator pushes).
 *
 * This file assembles the alert group; the alerts live beside it, one file per component group: `rings.ts`,
 * `writePath.ts`, `partitions.ts` (block-builders and live-stores), `metricsGenerator.ts`, `compaction.ts`,
 * `blocklistAndOverrides.ts`, `readPath.ts` and `vulture.ts`, with the shared expression helpers in `expressions.ts`.
 * @see https://github.com/grafana/tempo/blob/v3.0.3/operations/tempo-mixin-compiled/alerts.yaml
 * @see https://github.com/grafana/tempo/blob/v2.9.0/operations/tempo-mixin-compiled/alerts.yaml
 * @see https://grafana.com/docs/tempo/latest/operations/monitor/
 */
import type { AlertRule, MonitoringContext, RuleGroup } from "../types";
import { blocklistAlerts, overridesAlerts } from "./blocklistAndOverrides";
import { backendAlerts, compactorAlerts } from "./compaction";
import type { AlertSpec } from "./expressions";
import { generatorAlerts } from "./metricsGenerator";
import { blockBuilderAlerts, liveStoreAlerts } from "./partitions";
import { cacheAlerts, readAlerts } from "./readPath";
import { ringAlerts } from "./rings";
import { vultureAlerts } from "./vulture";
import { ingesterAlerts, writeAlerts } from "./writePath";

export { PARTITION_RING } from "./expressions";

/** Name of the alert group (the mixin's group name). */
export const ALERT_GROUP = "tempo_alerts";

/** Path of the runbook document in this repository; `MonitoringContext.runbookUrl` should point at it. */
export const RUNBOOK_DOCUMENT = "docs/runbooks.md";

/**
 * GitHub's anchor for a Markdown heading: lower-cased, characters other than letters, digits, spaces, `-` and `_`
 * removed, spaces turned into `-`. Alert headings are the alert name, so the anchor is the lower-cased name.
 */
export function githubAnchor(heading: string): string {
    return heading
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, "")
        .replace(/ /g, "-");
}

/** The runbook link of an alert: `${ctx.runbookUrl}#<anchor of the alert name>`. */
export function runbookLink(ctx: Pick<MonitoringContext, "runbookUrl">, alertName: string): string {
    return `${ctx.runbookUrl}#${githubAnchor(alertName)}`;
}

/** All alert specs for the context, in a stable order (by area, then as listed). */
function alertSpecs(ctx: MonitoringContext): AlertSpec[] {
    const t = ctx.thresholds;
    return [
        ...ringAlerts(ctx, t),
        ...writeAlerts(ctx, t),
        ...ingesterAlerts(ctx, t),
        ...blockBuilderAlerts(ctx, t),
        ...liveStoreAlerts(ctx, t),
        ...generatorAlerts(ctx, t),
        ...compactorAlerts(ctx, t),
        ...backendAlerts(ctx, t),
        ...blocklistAlerts(ctx, t),
        ...overridesAlerts(ctx, t),
        ...readAlerts(ctx, t),
        ...cacheAlerts(ctx, t),
        ...vultureAlerts(ctx, t),
    ];
}

/** Turns a spec into a PrometheusRule alerting rule. */
function toRule(ctx: MonitoringContext, spec: AlertSpec): AlertRule {
    return {
        alert: spec.name,
        expr: spec.expr,
        for: spec.timing.for,
        labels: { severity: spec.severity },
        annotations: { summary: spec.summary, description: spec.description, runbook_url: runbookLink(ctx, spec.name) },
    };
}

/**
 * The alerting rules for an install. Distributed (Tempo 3): ring health, write path (Kafka), block-builder, live-store,
 * metrics generator (when on), backend scheduler/worker, blocklist, overrides, read path and memcached (when on).
 * Classic and monolithic (Tempo 2): ring health (ingester; compactor in classic), write path, ingesters, metrics
 * generator (when on), compactor, blocklist, overrides, read path and memcached (classic, when on). Every architecture:
 * Tempo Vulture (when it runs).
 */
export function alertRules(ctx: MonitoringContext): AlertRule[] {
    return alertSpecs(ctx).map((spec) => toRule(ctx, spec));
}

/** The alert group, `tempo_alerts`. */
export function alertGroup(ctx: MonitoringContext): RuleGroup<AlertRule> {
    return { name: ALERT_GROUP, rules: alertRules(ctx) };
}
