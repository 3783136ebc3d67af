/**
 * The storage preflight's probe, as plain data: what every cloud's probe shares. A probe is a POSIX shell script run
 * by the cloud's own CLI image; its values come from environment variables (the script text never changes with the
 * install), and it ends with exactly one line: `Storage preflight passed: …` or `Storage preflight failed: …`. The
 * failure line is the last thing the container prints, so the kubelet makes it the container's termination message
 * (`terminationMessagePolicy: FallbackToLogsOnError`) and the Kubernetes provider shows it in the failed `pulumi up`.
 */

/** One environment variable of the probe container: a value, or a key of a Kubernetes Secret. */
export interface ProbeEnvVar {
    readonly name: string;
    readonly value?: unknown;
    readonly valueFrom?: { readonly secretKeyRef: { readonly name: string; readonly key: string } };
}

/** What a cloud hands the preflight Job: the image carrying its CLI, the script and the script's variables. */
export interface PreflightProbe {
    readonly image: string;
    readonly script: string;
    readonly env: readonly ProbeEnvVar[];
}

/** The variables every probe reads (set by the Job; `PREFLIGHT_RETRY_SECONDS` bounds the retries). */
export const PROBE_ENV = {
    bucket: "PREFLIGHT_BUCKET",
    object: "PREFLIGHT_OBJECT",
    identity: "PREFLIGHT_IDENTITY",
    subject: "PREFLIGHT_SUBJECT",
    retrySeconds: "PREFLIGHT_RETRY_SECONDS",
    docs: "PREFLIGHT_DOCS",
} as const;

/**
 * The shared part of every probe. The cloud part defines three functions:
 * - `identify`: checks the pod's identity; on failure it sets `failed_operation` and returns non-zero;
 * - `probe`: lists, writes, reads back and deletes the probe object, each through `step <operation> <command…>`;
 * - `likely_cause <operation> <error>`: prints the most likely cause of that error.
 * Every attempt runs both; a failure is retried (IAM and role assignments take time to apply) until
 * `PREFLIGHT_RETRY_SECONDS` have passed, then reported once.
 */
const PRELUDE = String.raw`set -u
work="$(mktemp -d)"
probe_file="$work/probe"
read_file="$work/read"
error_file="$work/error"
printf 'tempo-cluster storage preflight\n' > "$probe_file"
failed_operation=""
# Who the probe acts as, in words; the cloud's identify() may say it more precisely.
identity="$PREFLIGHT_IDENTITY"

# step OPERATION COMMAND...: runs the command, keeping its error output; on failure remembers the operation.
step() {
    operation="$1"
    shift
    if "$@" > "$work/output" 2> "$error_file"; then
        return 0
    fi
    failed_operation="$operation"
    return 1
}

# The last meaningful lines of the failed command's error output, on one line.
last_error() {
    grep -v '^[[:space:]]*$' "$error_file" 2>/dev/null | tail -n 3 | tr '\n' ' ' | sed 's/[.[:space:]]*$//'
}

# step helper: the object read back must be the object written.
same_content() {
    if [ "$(cat "$probe_file")" = "$(cat "$read_file" 2>/dev/null)" ]; then
        return 0
    fi
    echo "the object read back differs from the object written" > "$error_file"
    return 1
}

report_failure() {
    error="$(last_error)"
    [ -n "$error" ] || error="(no error output)"
    cause="$(likely_cause "$failed_operation" "$error")"
    echo "Storage preflight failed: $failed_operation failed on bucket \"$PREFLIGHT_BUCKET\" as $identity: $error. Most likely cause: $cause. How to act: $PREFLIGHT_DOCS"
    exit 1
}

deadline=$(( $(date +%s) + PREFLIGHT_RETRY_SECONDS ))
until identify && probe; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
        report_failure
    fi
    sleep 10
done
echo "Storage preflight passed: listed, wrote, read back and deleted $PREFLIGHT_OBJECT in bucket \"$PREFLIGHT_BUCKET\" as $identity."
`;

/** The whole script of a probe: the cloud's functions, then the shared driver. */
export function probeScript(cloudFunctions: string): string {
    return `${cloudFunctions.trim()}\n\n${PRELUDE}`;
}
