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
    vulturePodMonitor,
} from "../monitoring";
import { datasourceContext, monitoringContext } from "./monitoringContexts";
import { DatasourceMode } from "../args/types";
import type { GrafanaRefs, ResolvedSpec } from "../args/resolved";
import { PEERS } from "../args/peers";
import { isDeferredInput } from "../util/input";
import { requirePeer } from "../util/peer";

/** The gateway's credentials, when the datasource must authenticate. */
export interface GatewayCredentials {
    readonly secretName: string;
    readonly password: pulumi.Output<string>;
}

/** Grafana's namespace and linked uids, as plain values when given so, else as one output of them. */
function grafanaRefs(spec: ResolvedSpec): pulumi.Input<GrafanaRefs> {
    const { namespace, lokiUid, prometheusUid, pyroscopeUid } = spec.grafana;
    const refs = { namespace, lokiUid, prometheusUid, pyroscopeUid };
    const deferred = Object.values(refs).some(isDeferredInput);
    return deferred ? pulumi.all(refs).apply((known) => known as unknown as GrafanaRefs) : (refs as GrafanaRefs);
}

/** Placeholder references, for what does not depend on them (names, counts, Tempo's own datasource uids). */
const NO_REFS: GrafanaRefs = { namespace: "grafana", lokiUid: undefined, prometheusUid: undefined, pyroscopeUid: undefined };

/** The spec with Grafana's references as plain values, for the pure builders. */
function withRefs(spec: ResolvedSpec, refs: GrafanaRefs): ResolvedSpec {
    return { ...spec, grafana: { ...spec.grafana, ...refs } };
}

/**
 * `build(refs)` when the references are plain; otherwise the same object with each top-level field an output of the
 * built one (resource names and the shape do not depend on the references, so a placeholder build gives the keys).
 */
function buildWithRefs<T extends object>(spec: ResolvedSpec, refs: pulumi.Input<GrafanaRefs>, build: (plain: ResolvedSpec) => T): T {
    if (!pulumi.Output.isInstance(refs)) {
        return build(withRefs(spec, refs as GrafanaRefs));
    }
    const built = refs.apply((known) => build(withRefs(spec, known)));
    const placeholder: GrafanaRefs = { namespace: "grafana", lokiUid: "loki", prometheusUid: "prometheus", pyroscopeUid: "pyroscope" };
    const shape = build(withRefs(spec, placeholder)) as Record<string, unknown>;
    // A custom resource's apiVersion and kind make its type: constants of the builders, and they must stay plain.
    const plainKeys = new Set(["apiVersion", "kind"]);
    return Object.fromEntries(
        Object.keys(shape).map((key) => [key, plainKeys.has(key) ? shape[key] : built.apply((object) => (object as Record<string, unknown>)[key])]),
    ) as T;
}

/** {@link buildWithRefs} for a list whose length does not depend on the references. */
function buildListWithRefs<T extends object>(spec: ResolvedSpec, refs: pulumi.Input<GrafanaRefs>, build: (plain: ResolvedSpec) => T[]): T[] {
    if (!pulumi.Output.isInstance(refs)) {
        return build(withRefs(spec, refs as GrafanaRefs));
    }
    const count = build(withRefs(spec, NO_REFS)).length;
    return Array.from({ length: count }, (_, index) => buildWithRefs(spec, refs, (plain) => build(plain)[index]));
}

/** Creates the monitoring objects and the datasource; returns the datasource uids. */
export function createObservability(
    spec: ResolvedSpec,
    tempo: pulumi.Resource,
    gateway: GatewayCredentials | undefined,
    parent: pulumi.Resource,
): { datasourceUids: string[] } {
    const refs = grafanaRefs(spec);
    const ctx = monitoringContext(withRefs(spec, NO_REFS));
    const afterTempo = { parent, dependsOn: [tempo] };
    if (spec.monitoring.serviceMonitor) {
        for (const monitor of serviceMonitors(ctx)) {
            customResource(`${spec.name}-${suffix(spec, monitor)}`, monitor, afterTempo);
        }
        const vulture = vulturePodMonitor(ctx);
        if (vulture !== undefined) {
            customResource(`${spec.name}-vulture-pod-monitor`, vulture, afterTempo);
        }
    }
    if (spec.monitoring.alerts) {
        const rule = prometheusRule(ctx);
        customResource(`${spec.name}-prometheus-rule`, rule, { parent });
    }
    if (spec.monitoring.dashboards) {
        const names = dashboardConfigMaps(ctx, "grafana").map((dashboard) => suffix(spec, dashboard));
        buildListWithRefs(spec, refs, (plain) => dashboardConfigMaps(monitoringContext(plain), plain.grafana.namespace as string)).forEach(
            (dashboard, index) => new ConfigMap(`${spec.name}-${names[index]}`, dashboard as never, { parent }),
        );
    }
    return { datasourceUids: createDatasource(spec, refs, tempo, gateway, parent) };
}

function createDatasource(
    spec: ResolvedSpec,
    refs: pulumi.Input<GrafanaRefs>,
    tempo: pulumi.Resource,
    gateway: GatewayCredentials | undefined,
    parent: pulumi.Resource,
): string[] {
    // The uids of Tempo's own datasources do not depend on Grafana's references.
    const ctx = datasourceContext(withRefs(spec, NO_REFS));
    const sidecar = (options: { labels: Readonly<Record<string, string>>; basicAuthPassword?: string }) => (plain: ResolvedSpec) =>
        datasourceSidecarManifest(datasourceContext(plain), plain.grafana.namespace as string, options);
    switch (spec.grafana.datasource) {
        case DatasourceMode.None:
            return [];
        case DatasourceMode.ConfigMap: {
            const labels = spec.grafana.datasourceLabels;
            if (gateway === undefined) {
                const manifest = buildWithRefs(spec, refs, sidecar({ labels }));
                new ConfigMap(`${spec.name}-datasource`, manifest as never, { parent, dependsOn: [tempo] });
            } else {
                // Credentials never go into a ConfigMap: the sidecar reads Secrets with the same label.
                const manifest = pulumi
                    .all([gateway.password, refs])
                    .apply(([password, known]) => sidecar({ labels, basicAuthPassword: password })(withRefs(spec, known as GrafanaRefs)));
                new Secret(
                    `${spec.name}-datasource`,
                    {
                        metadata: buildWithRefs(spec, refs, sidecar({ labels, basicAuthPassword: "" })).metadata,
                        type: "Opaque",
                        stringData: pulumi.secret(manifest.apply((m) => m.stringData as Record<string, string>)),
                    },
                    { parent, dependsOn: [tempo] },
                );
            }
            return datasourceUids(ctx);
        }
        case DatasourceMode.GrafanaOperator: {
            const manifests = buildListWithRefs(spec, refs, (plain) =>
                grafanaOperatorDatasources(datasourceContext(plain), { matchLabels: { ...spec.grafana.instanceSelector } }, spec.namespace, {
                    ...(gateway !== undefined ? { basicAuthPasswordSecret: { name: gateway.secretName, key: "password" } } : {}),
                }),
            );
            manifests.forEach((manifest, index) =>
                customResource(`${spec.name}-grafana-datasource${index === 0 ? "" : `-${index}`}`, manifest, { parent, dependsOn: [tempo] }),
            );
            return datasourceUids(ctx);
        }
        case DatasourceMode.GrafanaApi: {
            const grafana = requirePeer(PEERS.grafana, () => require("@pulumiverse/grafana/oss") as typeof import("@pulumiverse/grafana/oss"),
            );
            buildListWithRefs(spec, refs, (plain) => grafanaApiDatasources(datasourceContext(plain))).forEach((inputs, index) => {
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
