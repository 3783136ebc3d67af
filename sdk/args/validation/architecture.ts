/**
 * Rules that depend on the architecture: which components exist, the single binary's one replica, Tempo 2's
 * replication quorum, features a chart line does not have.
 */
import { Architecture, Cloud, Profile, type TempoClusterArgs } from "../types";
import { TEMPO_COMPONENTS } from "../defaults";
import { asObject, BYTES_QUANTITY, type Report } from "./guards";
import { isDnsSubdomain } from "../names";
import { joinPath } from "../problems";


/** Component settings each architecture has. */
export const ARCHITECTURE_COMPONENTS: Readonly<Record<Architecture, readonly string[]>> = {
    [Architecture.Distributed]: [...TEMPO_COMPONENTS, "metricsGenerator", "gateway"],
    [Architecture.Classic]: ["distributor", "querier", "queryFrontend", "ingester", "compactor", "metricsGenerator", "gateway"],
    [Architecture.Monolithic]: ["tempo"],
};

/** Monolithic pods the docs suggest below this rate. */
const MONOLITHIC_MAX_MBPS = 30;


/** Runs every architecture rule. */
export function checkArchitecture(a: Partial<TempoClusterArgs>, report: Report, warn: Report): void {
    const architecture = (a.architecture ?? Architecture.Distributed) as Architecture;
    const allowed = ARCHITECTURE_COMPONENTS[architecture];
    if (allowed === undefined) {
        return;
    }
    const components = asObject(a.components) ?? {};
    for (const [name, settings] of Object.entries(components)) {
        if (!allowed.includes(name)) {
            report(joinPath("components", name), `is not a component of architecture "${architecture}" (it has: ${allowed.join(", ")})`);
        }
        const { storageSize: size, storageClass } = asObject(settings) ?? {};
        if (typeof size === "string" && !BYTES_QUANTITY.test(size)) {
            report(joinPath("components", name, "storageSize"), `"${size}" is not a storage quantity such as "20Gi"`);
        }
        if (typeof storageClass === "string" && !isDnsSubdomain(storageClass)) {
            report(joinPath("components", name, "storageClass"), `"${storageClass}" is not a StorageClass name`);
        }
        for (const [field, value] of [["storageSize", size], ["storageClass", storageClass]] as const) {
            if (value !== undefined && !["ingester", "tempo"].includes(name)) {
                report(joinPath("components", name, field), "only the classic ingesters and the monolithic binary have a persistent volume");
            }
        }
    }
    if (architecture === Architecture.Monolithic) {
        checkMonolithic(a, components, report, warn);
    } else if (architecture === Architecture.Classic) {
        checkClassic(a, components, report);
    }
    const local = asObject(a.local);
    if (local?.filesystem === true && (architecture !== Architecture.Monolithic || a.cloud !== Cloud.Local)) {
        report("local.filesystem", "keeps blocks on the pod's volume, which only the single-binary monolithic architecture with cloud local can do");
    }
}

function checkMonolithic(a: Partial<TempoClusterArgs>, components: Record<string, any>, report: Report, warn: Report): void {
    const tempo = asObject(components.tempo);
    if (typeof tempo?.replicas === "number" && tempo.replicas !== 1) {
        report("components.tempo.replicas", "must be 1: the monolithic binary runs a singleton compactor and cannot be replicated");
    }
    if (tempo?.autoscaling !== undefined) {
        report("components.tempo.autoscaling", "the monolithic binary runs exactly one replica");
    }
    if (a.gateway !== undefined) {
        report("gateway", 'the monolithic chart has no gateway; use architecture "distributed" or "classic"');
    }
    if (asObject(a.cache) !== undefined) {
        report("cache", "the monolithic chart has no memcached; remove cache");
    }
    if (typeof a.ingestMBps === "number" && a.ingestMBps > MONOLITHIC_MAX_MBPS) {
        warn("ingestMBps", `${a.ingestMBps} MB/s is more than one binary handles well (roughly ${MONOLITHIC_MAX_MBPS} MB/s); consider architecture "distributed"`);
    }
}

function checkClassic(a: Partial<TempoClusterArgs>, components: Record<string, any>, report: Report): void {
    if (Array.isArray(asObject(a.cache)?.dedicatedPools) && asObject(a.cache)?.dedicatedPools.length > 0) {
        report("cache.dedicatedPools", "tempo-distributed 1.61.3 has no per-role memcached pools (they came with the 2.x charts)");
    }
    const profile = a.profile ?? Profile.Production;
    const replicationFactor = profile === Profile.Production ? 3 : 1;
    const ingester = asObject(components.ingester);
    if (typeof ingester?.replicas === "number" && ingester.replicas < replicationFactor) {
        report(
            "components.ingester.replicas",
            `must be at least the replication factor (${replicationFactor}): every trace is written to ${replicationFactor} ingesters, and a write needs a quorum of them`,
        );
    }
    if (ingester?.autoscaling !== undefined) {
        report("components.ingester.autoscaling", "ingesters hold data in their WAL; scale them deliberately, not with an HPA");
    }
    const zones = Array.isArray(a.zones) ? a.zones : [];
    if (zones.length > 0 && profile === Profile.Production && zones.length < replicationFactor) {
        report("zones", `zone-aware replication needs at least ${replicationFactor} zones (one copy of each trace per zone); got ${zones.length}`);
    }
    if (zones.length > 0 && typeof ingester?.replicas === "number" && ingester.replicas % zones.length !== 0) {
        report("components.ingester.replicas", `must be a multiple of the ${zones.length} zones, so every zone holds the same share`);
    }
}
