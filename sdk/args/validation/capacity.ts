/**
 * Validation of size and placement: the ingest rate, the zones (against each cloud's zone names and region), and each
 * component's replicas, resources and autoscaling.
 */
import { Architecture, Cloud, Profile, type TempoClusterArgs } from "../types";
import { AUTOSCALED_COMPONENTS, PARTITION_BOUND_COMPONENTS, TEMPO_COMPONENTS, type TempoComponent } from "../defaults";
import { labelValueProblem } from "../names";
import { joinPath } from "../problems";
import { DEFAULT_INGEST_MBPS, partitionsFor, sizeCluster } from "../sizing";
import { AWS_REGION } from "./clouds";
import { asObject, BYTES_QUANTITY, CPU_QUANTITY, isMember, type Report } from "./guards";

/** The ingest rate (positive, within the sizing tables) and the zones (distinct, label values, of the cloud's region). */
export function checkSizing(a: Partial<TempoClusterArgs>, report: Report): void {
    if (typeof a.ingestMBps === "number" && !(a.ingestMBps > 0)) {
        report("ingestMBps", `must be a positive rate in MB/s (got ${a.ingestMBps})`);
    } else if (typeof a.ingestMBps === "number" && a.ingestMBps > MAX_SIZED_INGEST_MBPS) {
        report("ingestMBps", oversizedProblem(a.ingestMBps));
    }
    if (Array.isArray(a.zones)) {
        const seen = new Set<string>();
        a.zones.forEach((zone, index) => {
            if (typeof zone === "string" && (zone.trim() === "" || seen.has(zone))) {
                report(joinPath("zones", index), zone.trim() === "" ? "must not be empty" : `"${zone}" is listed twice`);
            } else if (typeof zone === "string") {
                const problem = zoneProblem(zone) ?? cloudZoneProblem(a, zone);
                if (problem !== undefined) {
                    report(joinPath("zones", index), problem);
                }
            }
            seen.add(zone);
        });
        if (a.zones.length === 0) {
            report("zones", "must list at least one zone, or be left out");
        }
    }
}

/**
 * Zones are values of the nodes' `topology.kubernetes.io/zone` label and become pod labels and Service selectors.
 * A zone that reads as a number (`"1"`) is what AKS calls a zone in its API, but not what it puts on nodes
 * (`<region>-<n>`), and charts write it unquoted, where the API server refuses it as a label value.
 */
export function zoneProblem(zone: string): string | undefined {
    if (/^[-+]?(\d[\d_]*)?\.?\d*([eE][-+]?\d+)?$/.test(zone) && /\d/.test(zone)) {
        return `"${zone}" is a number; use the node label value topology.kubernetes.io/zone, e.g. "westeurope-${zone}" on AKS (<region>-<zone>) or "eu-west-1a" on EKS`;
    }
    return labelValueProblem(zone);
}

/** The largest ingest rate the sizing tables (docs/sizing.md) were written and checked for. */
export const MAX_SIZED_INGEST_MBPS = 200;

/** Why a rate past the sizing tables is refused, with the footprint it would derive. */
function oversizedProblem(ingestMBps: number): string {
    const size = sizeCluster(ingestMBps, Profile.Production);
    const c = size.components;
    return (
        `${ingestMBps} MB/s is past what the sizing tables were written for (${MAX_SIZED_INGEST_MBPS} MB/s): it would derive ` +
        `${size.partitions} Kafka partitions, ${c.liveStore.replicas} live-stores, ${c.blockBuilder.replicas} block-builders, ` +
        `${c.distributor.replicas} distributors, ${c.querier.replicas} queriers and ${size.kafka.brokers} Kafka brokers of ` +
        `${size.kafka.diskPerBrokerGi} GiB each; split the traffic across several TempoClusters (e.g. by tenant group), ` +
        "or check that the rate is MB/s, not spans/s or KB/s"
    );
}

/**
 * A zone against its cloud: the node label format of the cloud, in the region or location the args name
 * (AWS `eu-west-1a`, GCP `europe-west4-a`, Azure `westeurope-1`).
 */
export function cloudZoneProblem(a: Partial<TempoClusterArgs>, zone: string): string | undefined {
    switch (a.cloud) {
        case Cloud.Aws: {
            // An invalid region is reported on its own; zones are matched only against a well-formed one.
            const region = typeof a.aws?.region === "string" && AWS_REGION.test(a.aws.region) ? a.aws.region : undefined;
            if (!/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d+([a-z]|-[a-z0-9-]*[a-z])$/.test(zone)) {
                return `"${zone}" is not an AWS availability zone name such as eu-west-1a`;
            }
            if (region !== undefined && !(zone.startsWith(region) && /^([a-z]|-[a-z0-9-]*[a-z])$/.test(zone.slice(region.length)))) {
                return `"${zone}" is not a zone of aws.region ${region} (its zones are ${region}a, ${region}b, ...)`;
            }
            return undefined;
        }
        case Cloud.Gcp: {
            const location = typeof a.gcp?.location === "string" ? a.gcp.location.toLowerCase() : undefined;
            if (!/^[a-z]+-[a-z]+\d+-[a-z]$/.test(zone)) {
                return `"${zone}" is not a Google Cloud zone name such as europe-west4-a`;
            }
            if (location !== undefined && /^[a-z]+-[a-z]+\d+$/.test(location) && !zone.startsWith(`${location}-`)) {
                return `"${zone}" is not a zone of gcp.location ${location} (its zones are ${location}-a, ${location}-b, ...)`;
            }
            return undefined;
        }
        case Cloud.Azure: {
            const location = typeof a.azure?.location === "string" ? a.azure.location.toLowerCase().replace(/\s+/g, "") : undefined;
            if (!/^[a-z0-9]+-[1-9]$/.test(zone)) {
                return `"${zone}" is not the zone label AKS puts on nodes: <region>-<zone>, such as westeurope-1`;
            }
            if (location !== undefined && !zone.startsWith(`${location}-`)) {
                return `"${zone}" is not a zone of azure.location ${location} (AKS labels its nodes ${location}-1, ${location}-2, ${location}-3)`;
            }
            return undefined;
        }
        default:
            return undefined;
    }
}

/** Each component's replicas (partition-bound, singleton), CPU and memory quantities, and autoscaling bounds. */
export function checkComponents(a: Partial<TempoClusterArgs>, report: Report): void {
    const components = asObject(a.components);
    if (!components) {
        return;
    }
    const partitions = (a.architecture ?? Architecture.Distributed) === Architecture.Distributed ? resolvePartitions(a) : undefined;
    for (const name of TEMPO_COMPONENTS) {
        const component = asObject(components[name]);
        if (!component) {
            continue;
        }
        const path = joinPath("components", name);
        if (
            PARTITION_BOUND_COMPONENTS.includes(name) &&
            typeof component.replicas === "number" &&
            partitions !== undefined &&
            component.replicas !== partitions
        ) {
            report(
                joinPath(path, "replicas"),
                `must equal the Kafka partitions (${partitions}): each partition needs exactly one ${name}; ` +
                    "change kafka.partitions instead, or leave replicas unset",
            );
        }
        if (name === "backendScheduler" && typeof component.replicas === "number" && component.replicas !== 1) {
            report(joinPath(path, "replicas"), "must be 1: the backend-scheduler is a singleton");
        }
        if (typeof component.cpu === "string" && !CPU_QUANTITY.test(component.cpu)) {
            report(joinPath(path, "cpu"), `"${component.cpu}" is not a CPU quantity such as "500m" or "2"`);
        }
        if (typeof component.memory === "string" && !BYTES_QUANTITY.test(component.memory)) {
            report(joinPath(path, "memory"), `"${component.memory}" is not a memory quantity such as "512Mi" or "4Gi"`);
        }
        checkAutoscaling(name, component, report);
    }
}

function checkAutoscaling(name: TempoComponent, component: Record<string, any>, report: Report): void {
    const autoscaling = asObject(component.autoscaling);
    if (!autoscaling) {
        return;
    }
    const path = joinPath("components", name, "autoscaling");
    if (!AUTOSCALED_COMPONENTS.includes(name)) {
        report(path, `${name} cannot autoscale: ${PARTITION_BOUND_COMPONENTS.includes(name) ? "its replicas are tied to the Kafka partitions" : "it is a singleton"}`);
        return;
    }
    if (component.replicas !== undefined) {
        report(joinPath("components", name, "replicas"), "set either replicas or autoscaling, not both");
    }
    const { minReplicas, maxReplicas, targetCpuPercent } = autoscaling;
    if (typeof minReplicas === "number" && minReplicas < 1) {
        report(joinPath(path, "minReplicas"), "must be at least 1");
    }
    if (typeof maxReplicas === "number" && typeof minReplicas === "number" && maxReplicas < minReplicas) {
        report(joinPath(path, "maxReplicas"), `must be at least minReplicas (${minReplicas})`);
    }
    if (typeof maxReplicas === "number" && maxReplicas < 1) {
        report(joinPath(path, "maxReplicas"), "must be at least 1");
    }
    if (typeof targetCpuPercent === "number" && (targetCpuPercent < 1 || targetCpuPercent > 100)) {
        report(joinPath(path, "targetCpuPercent"), "must be between 1 and 100");
    }
}

/** The partition count the args imply, or `undefined` when it cannot be told (malformed input). */
export function resolvePartitions(a: Partial<TempoClusterArgs>): number | undefined {
    const explicit = asObject(a.kafka)?.partitions;
    if (explicit !== undefined) {
        return typeof explicit === "number" ? explicit : undefined;
    }
    const profile = a.profile ?? Profile.Production;
    if (!isMember(Profile, profile)) {
        return undefined;
    }
    const ingest = a.ingestMBps ?? DEFAULT_INGEST_MBPS[profile];
    return typeof ingest === "number" && ingest > 0 ? partitionsFor(ingest, profile) : undefined;
}
