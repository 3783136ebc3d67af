/**
 * The building blocks of the dashboards: panels, sections and dashboards before layout, and the PromQL helpers whose
 * matchers select this install through the dashboards' `$cluster` and `$namespace` variables.
 */
import { jobComponent } from "../context";
import type { MonitoringContext } from "../types";

/** A query of a panel, with its legend. */
export interface PanelQuery {
    /** PromQL; may use Grafana variables (`$cluster`, `$namespace`, `$__rate_interval`). */
    readonly expr: string;
    /** Legend format, e.g. `{{route}}`. */
    readonly legend: string;
}

/** A time-series panel before layout. */
export interface PanelSpec {
    readonly title: string;
    readonly description: string;
    /** Grafana unit id (`short`, `s`, `bytes`, `Bps`, `reqps`, `percentunit`). */
    readonly unit: string;
    readonly queries: readonly PanelQuery[];
}

/** A titled group of panels (rendered as a row). */
export interface SectionSpec {
    readonly title: string;
    readonly panels: readonly PanelSpec[];
}

/** A dashboard before layout. */
export interface DashboardSpec {
    /** Stable uid (also the ConfigMap data key, `<uid>.json`). */
    readonly uid: string;
    readonly title: string;
    readonly description: string;
    readonly sections: readonly SectionSpec[];
}

/** Grafana dashboard JSON (the subset we emit). */
export type DashboardJson = Record<string, unknown> & { readonly uid: string; readonly title: string };

const RATE = "[$__rate_interval]";

/** Matchers selecting this install's series, optionally one component's job. */
export function sel(component?: string, ...extra: string[]): string {
    return [
        `cluster="$cluster"`,
        `namespace="$namespace"`,
        ...(component !== undefined ? [`job=~"$namespace/${component}"`] : []),
        ...extra,
    ].join(", ");
}

/** `sum by (<by>) (rate(<metric>{<matchers>}[$__rate_interval]))`, or `sum (...)` when `by` is empty. */
export function sumRate(metric: string, matchers: string, by = ""): string {
    return `sum${by === "" ? "" : ` by (${by})`} (rate(${metric}{${matchers}}${RATE}))`;
}

/** `histogram_quantile(q, sum by (le[, by]) (rate(<metric>_bucket{...}[$__rate_interval])))`. */
export function quantile(q: number, histogram: string, matchers: string, by = ""): string {
    return `histogram_quantile(${q}, ${sumRate(`${histogram}_bucket`, matchers, by === "" ? "le" : `le, ${by}`)})`;
}

/** A panel with a single query. */
export function panel(title: string, description: string, unit: string, expr: string, legend: string): PanelSpec {
    return { title, description, unit, queries: [{ expr, legend }] };
}

/** Matchers selecting one component's job (`<namespace>/tempo` for every role of the monolithic binary). */
export function jobSel(ctx: MonitoringContext, component: string, ...extra: string[]): string {
    return sel(jobComponent(ctx, component), ...extra);
}
