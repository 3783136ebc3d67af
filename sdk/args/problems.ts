/**
 * Validation problems: every problem names its field path and says how to fix it; they are collected and thrown once.
 */

/** One thing wrong with the arguments. */
export interface Problem {
    /** Dotted path of the field below the arguments root, e.g. `aws.identityMode`; empty for the root itself. */
    readonly path: string;
    /** What is wrong and how to fix it. */
    readonly message: string;
}

/** Joins path segments into a dotted path (`kafka.brokers[0]`). */
export function joinPath(...segments: (string | number)[]): string {
    return segments.reduce<string>((path, segment) => {
        if (typeof segment === "number") {
            return `${path}[${segment}]`;
        }
        return path === "" ? segment : `${path}.${segment}`;
    }, "");
}

/** Thrown before any resource is created when the arguments are invalid; lists every problem. */
export class TempoClusterArgsError extends Error {
    /** The problems, in a stable order. */
    readonly problems: readonly Problem[];
    /** The name the paths are reported under (`args` for the component, `tempo:cluster` for stack config). */
    readonly root: string;

    constructor(problems: readonly Problem[], root: string) {
        super(formatProblems(problems, root));
        this.name = "TempoClusterArgsError";
        this.problems = problems;
        this.root = root;
    }
}

/** Renders problems as one readable message, one line each, prefixed with the root. */
export function formatProblems(problems: readonly Problem[], root: string): string {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    const lines = problems.map((p) => `  - ${p.path === "" ? root : `${root}.${p.path}`}: ${p.message}`);
    return [`Invalid TempoCluster configuration (${count}):`, ...lines].join("\n");
}
