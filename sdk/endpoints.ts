/**
 * In-cluster addresses of Tempo, computed from the release name (the chart's fullname) without rendering the chart.
 * Service names: `<fullname>-<component>`; HTTP API on 3200 (not 3100, the pre-1.41 chart default).
 */
import { Architecture } from "./args/types";
import { fitName } from "./args/names";
import type { ResolvedSpec } from "./args/resolved";

/** Tempo's HTTP API and metrics port. */
export const TEMPO_HTTP_PORT = 3200;
/** Receiver ports. */
export const RECEIVER_PORTS = { otlpGrpc: 4317, otlpHttp: 4318, zipkin: 9411, jaegerThriftHttp: 14268, jaegerGrpc: 14250 } as const;

/** Everything a client or Grafana needs to reach Tempo. Empty strings for receivers that are off. */
export interface TempoEndpoints {
    /** Query API (Grafana datasource URL): the query-frontend. */
    readonly queryUrl: string;
    /** OTLP gRPC target, `host:port` (no scheme, as collectors' gRPC exporters expect). */
    readonly otlpGrpcEndpoint: string;
    /** OTLP HTTP base URL; exporters append `/v1/traces`. */
    readonly otlpHttpEndpoint: string;
    /** Zipkin span endpoint. */
    readonly zipkinEndpoint: string;
}

/** Fully qualified name of a chart Service. */
export function serviceHost(spec: ResolvedSpec, component: string): string {
    return `${spec.releaseName}-${component}.${spec.namespace}.svc.${spec.clusterDomain}`;
}

/** The gateway's HTTP port (nginx routes `/api` to the query-frontend and `/v1/traces` to the distributor). */
export const GATEWAY_HTTP_PORT = 80;

/**
 * The endpoints of a distributed (Tempo 3) install. With the gateway, queries and OTLP go through it (one address,
 * basic auth); Zipkin always goes to the distributor.
 */
export function tempoEndpoints(spec: ResolvedSpec): TempoEndpoints {
    if (spec.architecture === Architecture.Monolithic) {
        return monolithicEndpoints(spec);
    }
    const distributor = serviceHost(spec, "distributor");
    const gateway = spec.gateway !== undefined ? serviceHost(spec, "gateway") : undefined;
    return {
        queryUrl: gateway ? `http://${gateway}:${GATEWAY_HTTP_PORT}` : `http://${serviceHost(spec, "query-frontend")}:${TEMPO_HTTP_PORT}`,
        otlpGrpcEndpoint: spec.receivers.otlpGrpc ? `${gateway ?? distributor}:${RECEIVER_PORTS.otlpGrpc}` : "",
        otlpHttpEndpoint: spec.receivers.otlpHttp
            ? gateway
                ? `http://${gateway}:${GATEWAY_HTTP_PORT}`
                : `http://${distributor}:${RECEIVER_PORTS.otlpHttp}`
            : "",
        zipkinEndpoint: spec.receivers.zipkin ? `http://${distributor}:${RECEIVER_PORTS.zipkin}/api/v2/spans` : "",
    };
}

/** The single binary's one Service (`<fullname>`) serves the API and every receiver. */
function monolithicEndpoints(spec: ResolvedSpec): TempoEndpoints {
    const host = `${spec.releaseName}.${spec.namespace}.svc.${spec.clusterDomain}`;
    return {
        queryUrl: `http://${host}:${TEMPO_HTTP_PORT}`,
        otlpGrpcEndpoint: spec.receivers.otlpGrpc ? `${host}:${RECEIVER_PORTS.otlpGrpc}` : "",
        otlpHttpEndpoint: spec.receivers.otlpHttp ? `http://${host}:${RECEIVER_PORTS.otlpHttp}` : "",
        zipkinEndpoint: spec.receivers.zipkin ? `http://${host}:${RECEIVER_PORTS.zipkin}/api/v2/spans` : "",
    };
}

/**
 * Where Tempo Vulture writes and reads: straight to the distributor's OTLP gRPC receiver and the query-frontend's HTTP
 * API (the single Service for monolithic), never through the gateway, so its signal is Tempo's own and needs no
 * credentials. The push URL carries a scheme because the vulture parses it as a URL.
 */
export function vultureEndpoints(spec: ResolvedSpec): { readonly pushUrl: string; readonly queryUrl: string } {
    if (spec.architecture === Architecture.Monolithic) {
        const host = `${spec.releaseName}.${spec.namespace}.svc.${spec.clusterDomain}`;
        return { pushUrl: `http://${host}:${RECEIVER_PORTS.otlpGrpc}`, queryUrl: `http://${host}:${TEMPO_HTTP_PORT}` };
    }
    return {
        pushUrl: `http://${serviceHost(spec, "distributor")}:${RECEIVER_PORTS.otlpGrpc}`,
        queryUrl: `http://${serviceHost(spec, "query-frontend")}:${TEMPO_HTTP_PORT}`,
    };
}

/** A stable Grafana datasource uid (at most 40 characters of `[a-zA-Z0-9-_]`, never ending in `-`). */
export function datasourceUid(spec: ResolvedSpec): string {
    return fitName(`tempo-${spec.namespace}-${spec.releaseName}`, 40);
}
