/**
 * The GitHub workflows, checked as data: what each one runs, which actions it uses (pinned by major tag), its
 * permissions and concurrency, and that the preview matrix follows the committed stacks.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

const ROOT = join(__dirname, "..");
const WORKFLOWS = join(ROOT, ".github", "workflows");

interface Step {
    name?: string;
    id?: string;
    if?: string;
    uses?: string;
    run?: string;
    with?: Record<string, unknown>;
    env?: Record<string, unknown>;
}
interface Job {
    name?: string;
    if?: string;
    "runs-on"?: string;
    permissions?: Record<string, string> | string;
    concurrency?: { group?: string; "cancel-in-progress"?: unknown };
    strategy?: { matrix?: Record<string, unknown> };
    env?: Record<string, unknown>;
    steps?: Step[];
}
interface Workflow {
    name?: string;
    on?: Record<string, unknown>;
    permissions?: Record<string, string> | string;
    concurrency?: { group?: string; "cancel-in-progress"?: unknown };
    jobs?: Record<string, Job>;
}

function load(file: string): Workflow {
    const path = join(WORKFLOWS, file);
    assert.ok(existsSync(path), `.github/workflows/${file} is missing`);
    return parse(readFileSync(path, "utf8")) as Workflow;
}

/** Committed stacks: stacks/Pulumi.<name>.yaml. */
const STACKS = readdirSync(join(ROOT, "stacks"))
    .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();

function stackCloud(stack: string): string {
    const file = parse(readFileSync(join(ROOT, "stacks", `Pulumi.${stack}.yaml`), "utf8")) as {
        config?: { "tempo:cluster"?: { cloud?: string } };
    };
    return String(file.config?.["tempo:cluster"]?.cloud);
}

const allSteps = (workflow: Workflow): Step[] => Object.values(workflow.jobs ?? {}).flatMap((job) => job.steps ?? []);
const stepsUsing = (job: Job, action: string): Step[] => (job.steps ?? []).filter((step) => step.uses?.split("@")[0] === action);
const indexOfRun = (job: Job, pattern: RegExp): number => (job.steps ?? []).findIndex((step) => pattern.test(step.run ?? ""));
const indexOfUses = (job: Job, action: string): number => (job.steps ?? []).findIndex((step) => step.uses?.split("@")[0] === action);
const isTrue = (value: unknown) => value === true || value === "true";

/** The single job of `workflow` that uses `action`. */
function jobUsing(workflow: Workflow, action: string): Job {
    const jobs = Object.values(workflow.jobs ?? {}).filter((job) => stepsUsing(job, action).length > 0);
    assert.equal(jobs.length, 1, `expected exactly one job using ${action}`);
    return jobs[0];
}

describe("GitHub workflows", () => {
    const files = existsSync(WORKFLOWS) ? readdirSync(WORKFLOWS).filter((file) => /\.ya?ml$/.test(file)).sort() : [];

    it("has the ci, preview and integration workflows", () => {
        for (const file of ["ci.yml", "preview.yml", "integration.yml"]) {
            assert.ok(files.includes(file), `.github/workflows/${file} is missing`);
        }
    });

    describe("every workflow", () => {
        for (const file of files) {
            describe(file, () => {
                const workflow = load(file);

                it("has a name, triggers and jobs whose steps each run or use something", () => {
                    assert.ok(workflow.name, "no name");
                    assert.ok(workflow.on && Object.keys(workflow.on).length > 0, "no triggers");
                    const jobs = Object.entries(workflow.jobs ?? {});
                    assert.ok(jobs.length > 0, "no jobs");
                    for (const [id, job] of jobs) {
                        assert.ok(job["runs-on"], `job ${id} has no runs-on`);
                        assert.ok((job.steps ?? []).length > 0, `job ${id} has no steps`);
                        for (const step of job.steps ?? []) {
                            assert.ok(
                                (step.uses === undefined) !== (step.run === undefined),
                                `job ${id}: a step must have exactly one of uses/run: ${JSON.stringify(step)}`,
                            );
                        }
                    }
                });

                it("pins every action by its major tag", () => {
                    for (const step of allSteps(workflow).filter((s) => s.uses !== undefined)) {
                        assert.match(step.uses as string, /^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@v\d+$/, `not pinned to a major tag: ${step.uses}`);
                    }
                });

                it("defaults to read-only contents and never grants write-all", () => {
                    assert.deepEqual(workflow.permissions, { contents: "read" });
                    for (const [id, job] of Object.entries(workflow.jobs ?? {})) {
                        assert.notEqual(job.permissions, "write-all", `job ${id}`);
                        if (typeof job.permissions === "object") {
                            assert.equal(job.permissions.contents, "read", `job ${id}: contents must stay read`);
                        }
                    }
                });

                it("checks out the repository before installing from the lockfile", () => {
                    for (const [id, job] of Object.entries(workflow.jobs ?? {})) {
                        const checkout = indexOfUses(job, "actions/checkout");
                        const install = indexOfRun(job, /^npm ci\b/m);
                        if (install >= 0) {
                            assert.ok(checkout >= 0 && checkout < install, `job ${id}: checkout must come before npm ci`);
                            const node = indexOfUses(job, "actions/setup-node");
                            assert.ok(node >= 0 && node < install, `job ${id}: setup-node must come before npm ci`);
                            assert.equal(stepsUsing(job, "actions/setup-node")[0].with?.cache, "npm", `job ${id}: npm cache`);
                        }
                    }
                });
            });
        }
    });

    describe("ci.yml", () => {
        const workflow = load("ci.yml");
        const job = jobUsing(workflow, "actions/setup-node");

        it("runs on push and on pull requests", () => {
            assert.ok(workflow.on && "push" in workflow.on && "pull_request" in workflow.on);
        });

        it("tests on Node 22 and 24", () => {
            assert.deepEqual(job.strategy?.matrix?.node, [22, 24]);
            assert.equal(stepsUsing(job, "actions/setup-node")[0].with?.["node-version"], "${{ matrix.node }}");
        });

        it("installs, type-checks, tests, then checks golden drift, in that order", () => {
            const order = [/^npm ci\b/m, /^npm run typecheck$/m, /^npm test$/m, /^npm run render:update$/m].map((pattern) => indexOfRun(job, pattern));
            assert.ok(order.every((index) => index >= 0), `missing a step: ${order}`);
            assert.deepEqual([...order].sort((a, b) => a - b), order, "steps out of order");
            const drift = (job.steps ?? [])[order[3]].run as string;
            assert.match(drift, /git diff --exit-code -- test\/golden/);
            assert.match(drift, /git status --porcelain -- test\/golden/, "untracked golden files must fail too");
            assert.ok(drift.indexOf("npm run render:update") < drift.indexOf("git diff --exit-code"));
        });

        it("cancels superseded runs of a pull request, and only those", () => {
            assert.match(String(workflow.concurrency?.group), /pull_request\.number/);
            assert.equal(workflow.concurrency?.["cancel-in-progress"], "${{ github.event_name == 'pull_request' }}");
        });
    });

    describe("preview.yml", () => {
        const workflow = load("preview.yml");
        const job = jobUsing(workflow, "pulumi/actions");
        const pulumi = stepsUsing(job, "pulumi/actions");

        it("runs on pull requests", () => {
            assert.deepEqual(Object.keys(workflow.on ?? {}), ["pull_request"]);
        });

        it("previews with pulumi/actions@v7: diff, summary, PR comment, policy pack", () => {
            assert.equal(pulumi.length, 1);
            const step = pulumi[0];
            assert.equal(step.uses, "pulumi/actions@v7");
            const inputs = step.with ?? {};
            assert.equal(inputs.command, "preview");
            assert.equal(inputs["stack-name"], "${{ matrix.stack }}");
            assert.equal(inputs["work-dir"], ".");
            assert.ok(isTrue(inputs["comment-on-pr"]), "comment-on-pr");
            assert.ok(isTrue(inputs.diff), "diff");
            assert.ok(isTrue(inputs["always-include-summary"]), "always-include-summary");
            assert.equal(inputs.policyPacks, "sdk/policy");
            assert.match(String(inputs["cloud-url"]), /^\$\{\{ .+ \}\}$/, "cloud-url comes from the stack step / repository variables");
        });

        it("installs the policy pack's dependencies after npm ci and before the preview", () => {
            const install = indexOfRun(job, /^npm ci\b/m);
            const policy = indexOfRun(job, /^npm --prefix sdk\/policy ci \|\| npm --prefix sdk\/policy install$/m);
            const preview = indexOfUses(job, "pulumi/actions");
            assert.ok(install >= 0 && install < policy && policy < preview, `order: npm ci ${install}, policy ${policy}, preview ${preview}`);
            assert.equal(stepsUsing(job, "actions/setup-node")[0].with?.["node-version"], 24);
        });

        it("has OIDC and PR-comment permissions on the preview job only", () => {
            assert.deepEqual(job.permissions, { contents: "read", "id-token": "write", "pull-requests": "write" });
            for (const [id, other] of Object.entries(workflow.jobs ?? {}).filter(([, j]) => j !== job)) {
                assert.deepEqual(other.permissions ?? { contents: "read" }, { contents: "read" }, `job ${id} needs no more`);
            }
        });

        it("cancels a superseded preview of the same pull request and stack", () => {
            const group = String(job.concurrency?.group);
            assert.match(group, /github\.event\.pull_request\.number/);
            assert.match(group, /matrix\.stack/);
            assert.ok(isTrue(job.concurrency?.["cancel-in-progress"]));
        });

        it("has one matrix entry per committed stack (stacks/Pulumi.*.yaml)", () => {
            const matrix = job.strategy?.matrix?.stack as string[];
            assert.ok(Array.isArray(matrix), "strategy.matrix.stack must be a list");
            assert.deepEqual([...matrix].sort(), STACKS, "the preview matrix must list exactly the committed stacks");
            assert.equal(new Set(matrix).size, matrix.length, "duplicate stacks in the matrix");
        });

        it("logs in through OIDC to the cloud of each stack, conditionally", () => {
            const login: Record<string, string> = {
                aws: "aws-actions/configure-aws-credentials",
                gcp: "google-github-actions/auth",
                azure: "azure/login",
                local: "helm/kind-action",
            };
            for (const stack of STACKS) {
                const cloud = stackCloud(stack);
                const action = login[cloud];
                assert.ok(action, `stack ${stack}: cloud ${cloud} has no login step in preview.yml`);
                const [step] = stepsUsing(job, action);
                assert.ok(step, `stack ${stack}: no ${action} step`);
                assert.ok(step.if?.includes(`== '${cloud}'`), `${action} must run only for cloud ${cloud}: if: ${step.if}`);
                assert.ok(indexOfUses(job, action) < indexOfUses(job, "pulumi/actions"));
            }
            const aws = stepsUsing(job, "aws-actions/configure-aws-credentials")[0].with ?? {};
            assert.ok(aws["role-to-assume"], "AWS: role-to-assume (OIDC), no access keys");
            assert.equal(aws["aws-access-key-id"], undefined);
            const gcp = stepsUsing(job, "google-github-actions/auth")[0].with ?? {};
            assert.ok(gcp.workload_identity_provider && gcp.service_account, "GCP: Workload Identity Federation");
            assert.equal(gcp.credentials_json, undefined);
            const azure = stepsUsing(job, "azure/login")[0].with ?? {};
            assert.ok(azure["client-id"] && azure["tenant-id"] && azure["subscription-id"], "Azure: federated credential");
            assert.equal(azure.creds, undefined);
        });

        it("takes roles and the backend from repository variables, not from the workflow text", () => {
            const text = readFileSync(join(WORKFLOWS, "preview.yml"), "utf8");
            assert.doesNotMatch(text, /arn:aws:iam::\d{12}:role\//, "no hard-coded role ARNs");
            for (const name of [
                "PULUMI_BACKEND_URL",
                "AWS_PREVIEW_ROLE_ARN",
                "GCP_WORKLOAD_IDENTITY_PROVIDER",
                "GCP_PREVIEW_SERVICE_ACCOUNT",
                "AZURE_CLIENT_ID",
                "AZURE_TENANT_ID",
                "AZURE_SUBSCRIPTION_ID",
            ]) {
                assert.ok(text.includes(`"${name}"`), `${name} is read from the repository variables`);
            }
            assert.match(text, /toJSON\(vars\)/);
        });

        it("skips the credentialed preview for pull requests from forks", () => {
            assert.match(String(job.if), /pull_request\.head\.repo\.full_name == github\.repository/);
        });

        it("renders every stack offline and uploads the render, posting nothing", () => {
            const render = jobUsing(workflow, "actions/upload-artifact");
            assert.notEqual(render, job);
            assert.ok(indexOfRun(render, /npm run render -- --stack "\$stack"/) >= 0, "renders with npm run render -- --stack");
            assert.ok(indexOfRun(render, /stacks\/Pulumi\.\*\.yaml/) >= 0, "loops over the committed stack files");
            assert.equal(stepsUsing(render, "pulumi/actions").length, 0);
            assert.equal(stepsUsing(render, "actions/upload-artifact")[0].with?.path, "out/");
            assert.ok(isTrue(render.concurrency?.["cancel-in-progress"]));
        });
    });

    describe("integration.yml", () => {
        const workflow = load("integration.yml");
        const job = jobUsing(workflow, "helm/kind-action");

        it("runs on demand and nightly, never on pull requests", () => {
            assert.ok(workflow.on && "workflow_dispatch" in workflow.on, "workflow_dispatch");
            const schedule = workflow.on?.schedule as { cron?: string }[];
            assert.ok(Array.isArray(schedule) && schedule.length > 0 && schedule[0].cron, "a nightly schedule");
            assert.ok(!("pull_request" in (workflow.on ?? {})) && !("push" in (workflow.on ?? {})));
        });

        it("sets up kind and the Pulumi CLI, installs, and runs the integration script as required", () => {
            const kind = indexOfUses(job, "helm/kind-action");
            const cli = indexOfUses(job, "pulumi/actions");
            const install = indexOfRun(job, /^npm ci\b/m);
            const tests = indexOfRun(job, /^npm run test:integration$/m);
            assert.ok(kind >= 0 && cli >= 0 && install >= 0 && tests >= 0, `kind ${kind}, cli ${cli}, npm ci ${install}, tests ${tests}`);
            assert.ok(Math.max(kind, cli, install) < tests, "everything is set up before the tests run");
            assert.equal(stepsUsing(job, "pulumi/actions")[0].with?.command, undefined, "pulumi/actions only installs the CLI here");
            assert.equal((job.steps ?? [])[tests].env?.TEMPO_IT_REQUIRED, "1", "a skip must fail the nightly job");
        });

        it("npm run test:integration runs the integration config, whose specs npm test does not pick up", () => {
            const scripts = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts?: Record<string, string> }).scripts ?? {};
            assert.equal(
                scripts["test:integration"],
                "mocha --config test/integration/.mocharc.json",
                'package.json needs "test:integration": "mocha --config test/integration/.mocharc.json"',
            );
            const integration = JSON.parse(readFileSync(join(ROOT, "test", "integration", ".mocharc.json"), "utf8")) as { spec: string[] };
            assert.ok(integration.spec.every((spec) => spec.startsWith("test/integration/") && spec.endsWith(".itest.ts")));
            const root = JSON.parse(readFileSync(join(ROOT, ".mocharc.json"), "utf8")) as { spec: string[] };
            assert.ok(root.spec.every((spec) => spec.endsWith(".test.ts")), "the root suite only picks *.test.ts");
            const names = readdirSync(join(ROOT, "test", "integration"));
            assert.ok(names.some((name) => name.endsWith(".itest.ts")), "no integration spec");
            assert.deepEqual(names.filter((name) => name.endsWith(".test.ts")), [], "a *.test.ts here would run in npm test");
        });
    });
});
