/**
 * Chart pins (`helm-chart-version-pinned`): every Helm install pins one exact chart version, so a deploy never picks
 * up a new chart silently.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { typeIs, Types } from "./resources";
import type { Props } from "./shared";

const EXACT_SEMVER =
    /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

/** Whether `version` is one exact SemVer version (not a range, not empty). */
export function isExactChartVersion(version: unknown): boolean {
    return typeof version === "string" && EXACT_SEMVER.test(version.trim()) && version.trim() === version;
}

/** Whether the chart reference pins its content by itself (local path, archive URL, OCI digest). */
function chartPinsItself(chart: string): boolean {
    return (
        /^(\.{1,2}\/|\/|file:\/\/)/.test(chart) ||
        /\.tgz$/.test(chart) ||
        /@sha256:[0-9a-f]{64}$/.test(chart)
    );
}

/** Problems of a Helm install's chart reference and version. */
export function checkChartVersion(props: Props): string[] {
    const chart = props.chart;
    if (typeof chart === "string" && chartPinsItself(chart)) {
        return [];
    }
    if (isExactChartVersion(props.version)) {
        return [];
    }
    const got = props.version === undefined || props.version === "" ? "no version" : `version ${JSON.stringify(props.version)}`;
    return [
        `chart ${JSON.stringify(chart)} has ${got}; set version to one exact release (e.g. "3.3.0"), not a range, ` +
            `so every deploy installs the same chart`,
    ];
}

export const helmChartVersionPinned: ResourceValidationPolicy = {
    name: "helm-chart-version-pinned",
    description:
        "Helm installs (helm.sh/v3 Release, helm.sh/v4 Chart) pin one exact chart version (SemVer, no ranges), so a " +
        "deploy never picks up a new chart silently.",
    enforcementLevel: "mandatory",
    severity: "medium",
    validateResource: (args, reportViolation) => {
        if (!typeIs(args.type, ...Types.helmInstalls)) {
            return;
        }
        for (const problem of checkChartVersion(args.props)) {
            reportViolation(`${args.name}: ${problem}.`);
        }
    },
};
