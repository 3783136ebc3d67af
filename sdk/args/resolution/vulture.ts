/**
 * Resolution of Tempo Vulture: whether it runs (production, with the OTLP gRPC receiver), its release, its tenant and
 * image, and the retention it checks traces within.
 */
import type { SpecContext } from "../context";
import { formatGoDuration, parseDurationMinutes } from "../duration";
import { fitName } from "../names";
import type { ResolvedVulture } from "../resolved";
import { CHART_TARGETS, VULTURE_TARGET } from "../targets";
import { Profile, type Architecture, type TempoClusterArgs } from "../types";

/** The tenant the vulture writes as with multi-tenancy when no tenant is listed. */
export const DEFAULT_VULTURE_TENANT = "tempo-vulture";

/** Helm release names are at most 53 characters. */
const HELM_RELEASE_MAX = 53;

/** The vulture of an install, or `undefined` when it does not run. `tenants`: the listed tenant ids, sorted. */
export function resolveVulture(
    args: TempoClusterArgs,
    ctx: SpecContext,
    architecture: Architecture,
    profile: Profile,
    multitenancy: boolean,
    tenants: readonly string[],
    retentionMinutes: number,
): ResolvedVulture | undefined {
    const otlpGrpc = args.receivers?.otlpGrpc ?? true;
    const enabled = args.vulture?.enabled ?? (profile === Profile.Production && otlpGrpc);
    if (!enabled) {
        return undefined;
    }
    const tenant = multitenancy ? (args.vulture?.tenant ?? tenants[0] ?? DEFAULT_VULTURE_TENANT) : undefined;
    // The vulture only looks for traces its tenant still keeps.
    const tenantRetention = tenant !== undefined ? args.tenants?.[tenant]?.retention : undefined;
    const minutes = tenantRetention !== undefined ? (parseDurationMinutes(tenantRetention) as number) : retentionMinutes;
    return {
        target: VULTURE_TARGET,
        releaseName: fitName(`${ctx.name}-vulture`, HELM_RELEASE_MAX),
        imageTag: CHART_TARGETS[architecture].tempoVersion,
        ...(tenant !== undefined ? { tenant } : {}),
        retention: formatGoDuration(minutes),
    };
}
