/**
 * The Helm install: a `helm.v3.Release` (default) or a `helm.v4.Chart` (object-level previews).
 */
import * as pulumi from "@pulumi/pulumi";
import { join } from "node:path";
import { ChartInstallMethod } from "../args/types";
import type { ResolvedChart } from "../args/resolved";

/** What to install, where. */
export interface HelmInstall {
    /** Pulumi resource name. */
    readonly resourceName: string;
    /** Helm release name. */
    readonly releaseName: string;
    readonly namespace: string;
    readonly chart: ResolvedChart;
    readonly values: pulumi.Inputs;
}

/** Installs the chart and returns the resource, for `dependsOn` and outputs. */
export function installChart(install: HelmInstall, parent: pulumi.Resource, dependsOn: pulumi.Resource[]): pulumi.Resource {
    const source = chartSource(install.chart);
    const opts = { parent, dependsOn };
    if (install.chart.install === ChartInstallMethod.Chart) {
        const { Chart } = require("@pulumi/kubernetes/helm/v4/chart") as typeof import("@pulumi/kubernetes/helm/v4/chart");
        return new Chart(
            install.resourceName,
            {
                name: install.releaseName,
                namespace: install.namespace,
                ...source,
                values: install.values,
                ...(install.chart.skipAwait ? { skipAwait: true } : {}),
            },
            opts,
        );
    }
    // The release module alone: the v3 index also loads the legacy client-side Chart and every Kubernetes kind.
    const { Release } = require("@pulumi/kubernetes/helm/v3/release") as typeof import("@pulumi/kubernetes/helm/v3/release");
    return new Release(
        install.resourceName,
        {
            name: install.releaseName,
            namespace: install.namespace,
            ...source,
            values: install.values,
            timeout: install.chart.timeoutSeconds,
            maxHistory: 10,
            cleanupOnFail: true,
            ...(install.chart.skipAwait ? { skipAwait: true } : {}),
        },
        opts,
    );
}

/**
 * Chart reference: the package file `<chart>-<version>.tgz` in the package directory when one is set, `oci://…/<chart>`
 * for OCI registries, else chart name + HTTP repository.
 */
export function chartSource(chart: ResolvedChart): { chart: string; version: string; repositoryOpts?: { repo: string } } {
    if (chart.packageDirectory !== undefined) {
        // Helm reads a local package as it is and ignores the version; it is kept so previews and the policy pack's
        // version pin see it.
        return { chart: chartPackagePath(chart.packageDirectory, chart.chart, chart.version), version: chart.version };
    }
    if (chart.repository.startsWith("oci://")) {
        return { chart: `${chart.repository.replace(/\/+$/, "")}/${chart.chart}`, version: chart.version };
    }
    return { chart: chart.chart, version: chart.version, repositoryOpts: { repo: chart.repository } };
}

/** Where `helm pull <chart> --version <version>` saves the package, inside `directory`. */
export function chartPackagePath(directory: string, chart: string, version: string): string {
    return join(directory, `${chart}-${version}.tgz`);
}
