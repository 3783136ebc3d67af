/**
 * Day-2 wiring as child resources: ServiceMonitors, the PrometheusRule, dashboards and the Grafana datasource, from
 * the pure builders in `monitoring/`. Every object has an explicit name and namespace.
 */
import * as pulumi from "@pulumi/pulumi";
import { CustomResource } from "@pulumi/kubernetes/apiextensions";
import { ConfigMap, Secret } from "@pulumi/kubernetes/core/v1";
import type { Manifest } from "../monitoring";
import {
    apiSecureJsonData,
    dashboardConfigMaps,
    datasourceSidecarManifest,
    datasourceUids,
    grafanaApiDatasources,
    grafanaOperatorDatasources,
    prometheusRule,
    serviceMonitors,
} from "../monitoring";
import { datasourceContext, monitoringContext } from "../monitoring/fromSpec";
import { DatasourceMode } from "../spec/args";
import type { ResolvedSpec } from "../spec/resolve";
import { PEERS } from "../spec/peers";
import { requirePeer } from "../util/peer";

/** The gateway's credentials, when the datasource must authenticate. */
export interface GatewayCredentials {
    readonly secretName: string;
    readonly password: pulumi.Output<string>;
}

/** Creates the monitoring objects and the datasource; returns the datasource uids. */
export function createObservability(
    spec: ResolvedSpec,
    tempo: pulumi.Resource,
    gateway: GatewayCredentials | undefined,
    parent: pulumi.Resource,
): { datasourceUids: string[] } {
    const ctx = monitoringContext(spec);
    const afterTempo = { parent, dependsOn: [tempo] };
    if (spec.monitoring.serviceMonitor) {
        for (const monitor of serviceMonitors(ctx)) {
            customResource(`${spec.name}-${suffix(spec, monitor)}`, monitor, afterTempo);
        }
    }
    if (spec.monitoring.alerts) {
        const rule = prometheusRule(ctx);
        customResource(`${spec.name}-prometheus-rule`, rule, { parent });
    }
    if (spec.monitoring.dashboards) {
        for (const dashboard of dashboardConfigMaps(ctx, spec.grafana.namespace)) {
            new ConfigMap(`${spec.name}-${suffix(spec, dashboard)}`, dashboard as never, { parent });
        }
    }
    return { datasourceUids: createDatasource(spec, tempo, gateway, parent) };
}

function createDatasource(
    spec: ResolvedSpec,
    tempo: pulumi.Resource,
    gateway: GatewayCredentials | undefined,
    parent: pulumi.Resource,
): string[] {
    const ctx = datasourceContext(spec);
    switch (spec.grafana.datasource) {
        case DatasourceMode.None:
            return [];
        case DatasourceMode.ConfigMap: {
            const labels = spec.grafana.datasourceLabels;
            if (gateway === undefined) {
                const manifest = datasourceSidecarManifest(ctx, spec.grafana.namespace, { labels });
                new ConfigMap(`${spec.name}-datasource`, manifest as never, { parent, dependsOn: [tempo] });
            } else {
                // Credentials never go into a ConfigMap: the sidecar reads Secrets with the same label.
                const manifest = gateway.password.apply((password) =>
                    datasourceSidecarManifest(ctx, spec.grafana.namespace, { labels, basicAuthPassword: password }),
                );
                new Secret(
                    `${spec.name}-datasource`,
                    {
                        metadata: datasourceSidecarManifest(ctx, spec.grafana.namespace, { labels, basicAuthPassword: "" }).metadata,
                        type: "Opaque",
                        stringData: pulumi.secret(manifest.apply((m) => m.stringData as Record<string, string>)),
                    },
                    { parent, dependsOn: [tempo] },
                );
            }
            return datasourceUids(ctx);
        }
        case DatasourceMode.GrafanaOperator: {
            const manifests = grafanaOperatorDatasources(ctx, { matchLabels: { ...spec.grafana.instanceSelector } }, spec.namespace, {
                ...(gateway !== undefined ? { basicAuthPasswordSecret: { name: gateway.secretName, key: "password" } } : {}),
            });
            manifests.forEach((manifest, index) =>
                customResource(`${spec.name}-grafana-datasource${index === 0 ? "" : `-${index}`}`, manifest, { parent, dependsOn: [tempo] }),
            );
            return datasourceUids(ctx);
        }
        case DatasourceMode.GrafanaApi: {
            const grafana = requirePeer(PEERS.grafana, () => require("@pulumiverse/grafana/oss") as typeof import("@pulumiverse/grafana/oss"),
            );
            grafanaApiDatasources(ctx).forEach((inputs, index) => {
                new grafana.DataSource(
                    `${spec.name}-grafana-datasource${index === 0 ? "" : `-${index}`}`,
                    {
                        ...inputs,
                        httpHeaders: inputs.httpHeaders ? { ...inputs.httpHeaders } : undefined,
                        ...(gateway !== undefined ? { secureJsonDataEncoded: pulumi.secret(gateway.password.apply(apiSecureJsonData)) } : {}),
                    },
                    { parent, dependsOn: [tempo] },
                );
            });
            return datasourceUids(ctx);
        }
    }
}

/** A custom resource from a manifest, with its explicit name and namespace. */
function customResource(name: string, manifest: Manifest, opts: pulumi.CustomResourceOptions): CustomResource {
    return new CustomResource(name, { ...manifest } as never, opts);
}

/** A stable resource-name suffix from an object's name (without the release prefix). */
function suffix(spec: ResolvedSpec, manifest: Manifest): string {
    const name = manifest.metadata.name;
    return name.startsWith(`${spec.releaseName}-`) ? name.slice(spec.releaseName.length + 1) : name;
}
