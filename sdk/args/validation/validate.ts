/**
 * Semantic validation: the rules a type system cannot express. Runs after (and alongside) the structural schema,
 * on possibly malformed input, so every check guards the types it reads. Returns every problem and every warning.
 *
 * This file runs the checks in order and holds the ones about the install as a whole (name, targets, namespace,
 * retention, receivers, chart); each area's checks live beside it: `clouds.ts`, `kafka.ts`, `capacity.ts`,
 * `features.ts`, `architecture.ts` and `vulture.ts`.
 */
import { Architecture, Cloud, type TempoClusterArgs } from "../types";
import type { SpecContext } from "../context";
import { parseDurationMinutes } from "../duration";
import { isDnsLabel } from "../names";
import type { Problem } from "../problems";
import { CHART_TARGETS } from "../targets";
import { checkArchitecture } from "./architecture";
import { checkComponents, checkSizing } from "./capacity";
import { checkAws, checkAzure, checkCloudBlocks, checkGcp, checkLocal, checkStorage } from "./clouds";
import { checkFeatures } from "./features";
import { asObject, isMember, type Report } from "./guards";
import { checkKafka } from "./kafka";
import { structuralProblems } from "./schema";
import { checkVulture } from "./vulture";

/** Outcome of validation. */
export interface Validation {
    /** Fatal: the component refuses to create anything. */
    readonly problems: Problem[];
    /** Worth knowing, not fatal; reported with `pulumi.log.warn`. */
    readonly warnings: Problem[];
}

/** Architectures and clouds this release implements end to end. */
const SUPPORTED_CLOUDS: readonly Cloud[] = [Cloud.Aws, Cloud.Gcp, Cloud.Azure, Cloud.Local];
const SUPPORTED_ARCHITECTURES: readonly Architecture[] = [Architecture.Distributed, Architecture.Monolithic, Architecture.Classic];

const HELM_RELEASE_MAX = 53;

/** Validates args in full: structure first, then every semantic rule that can be checked on what is there. */
export function validateArgs(args: unknown, ctx: SpecContext): Validation {
    const problems: Problem[] = structuralProblems(args);
    const warnings: Problem[] = [];
    if (typeof args !== "object" || args === null) {
        return { problems, warnings };
    }
    const a = args as Partial<TempoClusterArgs>;
    const report = (path: string, message: string) => problems.push({ path, message });
    const warn = (path: string, message: string) => warnings.push({ path, message });

    checkName(ctx, report);
    checkTargets(a, report);
    checkNamespace(a, report);
    checkRetention(a, report);
    checkCloudBlocks(a, report);
    checkStorage(a, report);
    checkAws(a, report);
    checkGcp(a, report);
    checkAzure(a, report);
    checkLocal(a, report, warn);
    checkKafka(a, report, warn);
    checkSizing(a, report);
    checkComponents(a, report);
    checkReceivers(a, report);
    checkChart(a, report, warn);
    checkFeatures(a, report, warn);
    checkArchitecture(a, report, warn);
    checkVulture(a, report);

    return { problems: dedupe(problems), warnings };
}

function checkName(ctx: SpecContext, report: Report): void {
    if (!isDnsLabel(ctx.name, HELM_RELEASE_MAX)) {
        report(
            "",
            `the component name "${ctx.name}" is also the Helm release name and Service prefix: use lower-case ` +
                `letters, digits and "-", at most ${HELM_RELEASE_MAX} characters`,
        );
    }
}

function checkTargets(a: Partial<TempoClusterArgs>, report: Report): void {
    if (typeof a.cloud === "string" && isMember(Cloud, a.cloud) && !SUPPORTED_CLOUDS.includes(a.cloud)) {
        report("cloud", `"${a.cloud}" is not available in this release of TempoCluster; supported: ${SUPPORTED_CLOUDS.join(", ")}`);
    }
    const architecture = a.architecture ?? Architecture.Distributed;
    if (isMember(Architecture, architecture) && !SUPPORTED_ARCHITECTURES.includes(architecture)) {
        report(
            "architecture",
            `"${architecture}" is not available in this release of TempoCluster; supported: ${SUPPORTED_ARCHITECTURES.join(", ")}`,
        );
    }
}

function checkNamespace(a: Partial<TempoClusterArgs>, report: Report): void {
    if (typeof a.namespace === "string" && !isDnsLabel(a.namespace)) {
        report("namespace", `"${a.namespace}" is not a DNS-1123 label: use lower-case letters, digits and "-", at most 63 characters`);
    }
    if (typeof a.clusterDomain === "string" && !a.clusterDomain.split(".").every((label) => isDnsLabel(label))) {
        report("clusterDomain", `"${a.clusterDomain}" is not a DNS domain such as cluster.local`);
    }
}

function checkRetention(a: Partial<TempoClusterArgs>, report: Report): void {
    if (typeof a.retention !== "string") {
        return;
    }
    const minutes = parseDurationMinutes(a.retention);
    if (minutes === undefined) {
        report("retention", `"${a.retention}" is not a duration: write it like "14d", "336h", "2w" or "36h30m"`);
    } else if (minutes < 60) {
        report("retention", `"${a.retention}" is shorter than 1h, the least Tempo's block lifecycle can honour`);
    }
}

function checkReceivers(a: Partial<TempoClusterArgs>, report: Report): void {
    const receivers = asObject(a.receivers);
    if (!receivers) {
        return;
    }
    const enabled = {
        otlpGrpc: receivers.otlpGrpc ?? true,
        otlpHttp: receivers.otlpHttp ?? true,
        jaegerThriftHttp: receivers.jaegerThriftHttp ?? false,
        jaegerGrpc: receivers.jaegerGrpc ?? false,
        zipkin: receivers.zipkin ?? false,
    };
    if (!Object.values(enabled).some((on) => on === true)) {
        report("receivers", "every receiver is off, so Tempo would accept no traces: enable at least one");
    }
}

function checkChart(a: Partial<TempoClusterArgs>, report: Report, warn: Report): void {
    const chart = asObject(a.chart);
    if (!chart) {
        return;
    }
    if (typeof chart.repository === "string" && !/^(https?|oci):\/\/\S+$/.test(chart.repository)) {
        report("chart.repository", "must be an http(s):// or oci:// URL");
    }
    if (typeof chart.packageDirectory === "string" && chart.packageDirectory.trim() === "") {
        report("chart.packageDirectory", "is empty: name the folder that holds the chart packages, or leave it out to use the repositories");
    }
    if (chart.packageDirectory !== undefined && chart.repository !== undefined) {
        report("chart.repository", "is not used with chart.packageDirectory (charts are read from that folder): set one of them");
    }
    if (typeof chart.version === "string") {
        const architecture = a.architecture ?? Architecture.Distributed;
        const pinned = isMember(Architecture, architecture) ? CHART_TARGETS[architecture].version : undefined;
        if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(chart.version)) {
            report("chart.version", `"${chart.version}" is not an exact chart version such as 3.3.0 (ranges are not allowed)`);
        } else if (pinned !== undefined && chart.version !== pinned) {
            warn(
                "chart.version",
                `derived values are tested against ${pinned}; ${chart.version} may ignore or reject some of them`,
            );
        }
    }
}

function dedupe(problems: Problem[]): Problem[] {
    const seen = new Set<string>();
    return problems.filter((p) => {
        const key = `${p.path}\u0000${p.message}`;
        if (seen.has(key)) {
            return false;
        }
        seen.add(key);
        return true;
    });
}
