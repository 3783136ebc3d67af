/**
 * Our own Grafana dashboards, generated in TypeScript (not copies of the mixin's JSON): Writes, Reads, Kafka &
 * partitions (Tempo 3 only), Backend work and Resources. The Tempo 2 architectures get ingester panels on Writes and the
 * compactor on Backend work; the monolithic binary's panels all select its single job `<namespace>/tempo`.
 *
 * Every query selects `cluster="$cluster", namespace="$namespace"` and, per component, `job=~"$namespace/<component>"`
 * (the labels our ServiceMonitor writes), with template variables whose defaults are this install's values. cAdvisor
 * series (`container_*`) come from the kubelet, which usually does not add `cluster`; they match `cluster=~"$cluster|"`
 * (the cluster, or no cluster label). uids are stable and the same for every install: the dashboards are generic and
 * switch installs through the variables.
 *
 * This file lays the dashboards out as Grafana JSON and ConfigMaps; each dashboard is built in its own file beside
 * it (`writes.ts`, `reads.ts`, `kafka.ts`, `backend.ts`, `resources.ts`) from the panels of `panels.ts`.
 * @see https://grafana.com/docs/grafana/latest/dashboards/build-dashboards/view-dashboard-json-model/
 * @see https://github.com/grafana/helm-charts/tree/main/charts/grafana#sidecar-for-dashboards
 */
import { appLabels, hasComponent, isTempo2, sortedRecord } from "../context";
import type { Manifest, MonitoringContext } from "../types";
import { backendDashboard, compactorDashboard } from "./backend";
import { kafkaDashboard } from "./kafka";
import type { DashboardJson, DashboardSpec, PanelSpec, SectionSpec } from "./panels";
import { readsDashboard } from "./reads";
import { resourcesDashboard } from "./resources";
import { writesDashboard } from "./writes";

export type { DashboardJson, DashboardSpec, PanelQuery, PanelSpec, SectionSpec } from "./panels";

/** Label (and value) the kube-prometheus-stack dashboards sidecar selects ConfigMaps by (it searches all namespaces). */
export const DASHBOARD_SIDECAR_LABEL: Readonly<Record<string, string>> = { grafana_dashboard: "1" };

/** Folder annotation understood by the Grafana chart's dashboards sidecar when `folderAnnotation` is configured. */
export const DASHBOARD_FOLDER_ANNOTATION = { grafana_folder: "Tempo" } as const;

/** Tags on every dashboard. */
export const DASHBOARD_TAGS: readonly string[] = ["tempo", "tempo-cluster"];

const DATASOURCE = { type: "prometheus", uid: "${datasource}" } as const;

const PANEL_WIDTH = 12;

const PANEL_HEIGHT = 8;

/**
 * The dashboard specs for an install. Distributed: Writes, Reads, Kafka & partitions, Backend work (when the backend
 * components run), Resources. Classic and monolithic (Tempo 2, no Kafka): Writes, Reads, Backend work (compactor),
 * Resources.
 */
export function dashboardSpecs(ctx: MonitoringContext): DashboardSpec[] {
    if (isTempo2(ctx)) {
        const compactor = hasComponent(ctx, "compactor");
        return [writesDashboard(ctx), readsDashboard(ctx), ...(compactor ? [compactorDashboard(ctx)] : []), resourcesDashboard(ctx)];
    }
    const backend = hasComponent(ctx, "backend-scheduler") || hasComponent(ctx, "backend-worker");
    return [writesDashboard(ctx), readsDashboard(ctx), kafkaDashboard(ctx), ...(backend ? [backendDashboard()] : []), resourcesDashboard(ctx)];
}

/** Template variables: Prometheus datasource, cluster and namespace (defaulting to this install). */
function templating(ctx: MonitoringContext): Record<string, unknown> {
    const queryVar = (name: string, label: string, query: string, current: string) => ({
        name,
        label,
        type: "query",
        datasource: DATASOURCE,
        definition: query,
        query: { query, refId: `${name}-variable` },
        current: { selected: true, text: current, value: current },
        refresh: 2,
        sort: 1,
        hide: 0,
        includeAll: false,
        multi: false,
        options: [],
        regex: "",
    });
    return {
        list: [
            { name: "datasource", label: "Data source", type: "datasource", query: "prometheus", current: {}, hide: 0, refresh: 1, regex: "", options: [] },
            queryVar("cluster", "Cluster", "label_values(tempo_build_info, cluster)", ctx.clusterLabel),
            queryVar("namespace", "Namespace", 'label_values(tempo_build_info{cluster="$cluster"}, namespace)', ctx.namespace),
        ],
    };
}

/** Grafana panel JSON for a spec at a grid position. */
function panelJson(spec: PanelSpec, id: number, x: number, y: number): Record<string, unknown> {
    return {
        id,
        type: "timeseries",
        title: spec.title,
        description: spec.description,
        datasource: DATASOURCE,
        gridPos: { h: PANEL_HEIGHT, w: PANEL_WIDTH, x, y },
        fieldConfig: { defaults: { unit: spec.unit, custom: { fillOpacity: 10, lineWidth: 1, showPoints: "never" } }, overrides: [] },
        options: { legend: { displayMode: "list", placement: "bottom", showLegend: true }, tooltip: { mode: "multi", sort: "desc" } },
        targets: spec.queries.map((query, index) => ({
            refId: String.fromCharCode(65 + index),
            datasource: DATASOURCE,
            expr: query.expr,
            legendFormat: query.legend,
            range: true,
        })),
    };
}

/** Lays out sections as rows with two panels per line; ids are sequential from 1. */
function layout(sections: readonly SectionSpec[]): Record<string, unknown>[] {
    const panels: Record<string, unknown>[] = [];
    let y = 0;
    for (const section of sections) {
        panels.push({ id: panels.length + 1, type: "row", title: section.title, collapsed: false, gridPos: { h: 1, w: 24, x: 0, y }, panels: [] });
        y += 1;
        section.panels.forEach((spec, index) => {
            const column = index % 2;
            panels.push(panelJson(spec, panels.length + 1, column * PANEL_WIDTH, y + Math.floor(index / 2) * PANEL_HEIGHT));
        });
        y += Math.ceil(section.panels.length / 2) * PANEL_HEIGHT;
    }
    return panels;
}

/** Grafana dashboard JSON for a spec. */
export function dashboardJson(ctx: MonitoringContext, spec: DashboardSpec): DashboardJson {
    return {
        uid: spec.uid,
        title: spec.title,
        description: `${spec.description} Generated by tempo-cluster for Tempo ${ctx.tempoVersion}.`,
        tags: [...DASHBOARD_TAGS],
        editable: false,
        graphTooltip: 1,
        refresh: "1m",
        schemaVersion: 39,
        version: 1,
        time: { from: "now-6h", to: "now" },
        timezone: "",
        annotations: { list: [] },
        links: [],
        templating: templating(ctx),
        panels: layout(spec.sections),
    };
}

/** All dashboards as Grafana JSON models. */
export function dashboards(ctx: MonitoringContext): DashboardJson[] {
    return dashboardSpecs(ctx).map((spec) => dashboardJson(ctx, spec));
}

/**
 * One ConfigMap per dashboard in `grafanaNamespace`, labelled `grafana_dashboard: "1"` (the kube-prometheus-stack
 * dashboards sidecar searches all namespaces for it), data key `<uid>.json`, named
 * `${F}-${namespace}-dashboard-<uid suffix>` so two installs never collide on the object name.
 */
export function dashboardConfigMaps(ctx: MonitoringContext, grafanaNamespace: string): Manifest[] {
    return dashboards(ctx).map((dashboard) => ({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: {
            name: `${ctx.releaseName}-${ctx.namespace}-dashboard-${dashboard.uid.replace(/^tempo-cluster-/, "")}`,
            namespace: grafanaNamespace,
            labels: sortedRecord({ ...appLabels(ctx, "dashboards"), ...DASHBOARD_SIDECAR_LABEL }),
            annotations: { ...DASHBOARD_FOLDER_ANNOTATION },
        },
        data: { [`${dashboard.uid}.json`]: `${JSON.stringify(dashboard, null, 2)}\n` },
    }));
}
