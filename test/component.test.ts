import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { TempoCluster } from "../sdk/tempoCluster";
import { AwsIdentityMode, ChartInstallMethod, KafkaMode, Profile } from "../sdk/args/types";
import { TempoClusterArgsError } from "../sdk/args/problems";
import { OfflineMocks } from "../sdk/render/mocks";
import { awsArgs, construct, resetMocks, settle, valueOf } from "./support/harness";

const KMS_KEY = "arn:aws:kms:eu-west-1:123456789012:key/0d9e5c2a-6f41-4b7e-9a53-2f1c8e7b6a10";

describe("TempoCluster on AWS (under mocks)", () => {
    it("creates the bucket with all of its hardening, parented to the bucket", async () => {
        const { get } = await construct(awsArgs());
        const bucket = get("tempo-bucket");
        assert.equal(bucket.type, "aws:s3/bucket:Bucket");
        assert.equal(bucket.parent, "tempo");
        assert.equal(bucket.inputs.bucket, "tempo-test-tempo-traces");
        assert.equal(bucket.inputs.forceDestroy, false);
        assert.deepEqual(get("tempo-bucket-public-access").inputs, {
            bucket: "tempo-test-tempo-traces",
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
            region: "eu-west-1",
        });
        assert.deepEqual((get("tempo-bucket-ownership").inputs.rule as any).objectOwnership, "BucketOwnerEnforced");
        assert.deepEqual((get("tempo-bucket-encryption").inputs.rules as any)[0].applyServerSideEncryptionByDefault, {
            sseAlgorithm: "AES256",
        });
        const lifecycle = (get("tempo-bucket-lifecycle").inputs.rules as any)[0];
        assert.equal(lifecycle.expiration.days, 15, "14d retention + 1 day margin");
        assert.equal(lifecycle.status, "Enabled");
        const policy = JSON.parse(get("tempo-bucket-policy").inputs.policy as string);
        assert.equal(policy.Statement[0].Condition.Bool["aws:SecureTransport"], "false");
        for (const child of ["tempo-bucket-public-access", "tempo-bucket-ownership", "tempo-bucket-encryption", "tempo-bucket-lifecycle", "tempo-bucket-policy"]) {
            assert.equal(get(child).parent, "tempo-bucket");
        }
    });

    it("uses SSE-KMS with a bucket key, and grants the key, when a key is given", async () => {
        const { get } = await construct(awsArgs({ storage: { encryptionKey: KMS_KEY } }));
        assert.deepEqual((get("tempo-bucket-encryption").inputs.rules as any)[0], {
            applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KMS_KEY },
            bucketKeyEnabled: true,
        });
        const access = JSON.parse(get("tempo-role-policy").inputs.policy as string);
        assert.deepEqual(access.Statement[2].Resource, KMS_KEY);
    });

    it("protects and retains the bucket and its hardening in production, and never force-destroys it", async () => {
        const { render } = await construct(awsArgs({ profile: Profile.Production }));
        const bucketResources = render.resources.filter((r) => r.name.startsWith("tempo-bucket"));
        assert.equal(bucketResources.length, 6);
        for (const resource of bucketResources) {
            assert.equal(resource.options.protect, true, resource.name);
            assert.equal(resource.options.retainOnDelete, true, resource.name);
        }
    });

    it("lets dev buckets be destroyed", async () => {
        const { get } = await construct(awsArgs({ profile: Profile.Dev }));
        assert.equal(get("tempo-bucket").inputs.forceDestroy, true);
        assert.equal(get("tempo-bucket").options.protect, false);
    });

    it("creates an IRSA role trusting exactly the component's ServiceAccount, with a least-privilege policy", async () => {
        const { get } = await construct(awsArgs({ namespace: "tracing" }));
        const role = get("tempo-role");
        assert.equal(role.inputs.name, "tempo-test-tempo");
        const trust = JSON.parse(role.inputs.assumeRolePolicy as string);
        const issuer = "oidc.eks.<aws-region>.amazonaws.com/id/<prod-eks-oidc-id>";
        assert.deepEqual(trust.Statement[0].Principal, { Federated: `arn:aws:iam::<aws-account-id>:oidc-provider/${issuer}` });
        assert.deepEqual(trust.Statement[0].Condition.StringEquals, {
            [`${issuer}:sub`]: "system:serviceaccount:tracing:tempo",
            [`${issuer}:aud`]: "sts.amazonaws.com",
        });
        const access = JSON.parse(get("tempo-role-policy").inputs.policy as string);
        assert.deepEqual(access.Statement.map((s: any) => s.Resource), [
            "arn:aws:s3:::tempo-test-tempo-traces",
            "arn:aws:s3:::tempo-test-tempo-traces/*",
        ]);
        const sa = get("tempo-service-account");
        assert.deepEqual((sa.inputs.metadata as any).annotations, {
            "eks.amazonaws.com/role-arn": "arn:aws:iam::<aws-account-id>:role/tempo-test-tempo",
        });
        assert.equal((sa.inputs.metadata as any).name, "tempo");
        assert.equal((sa.inputs.metadata as any).namespace, "tracing");
        const values = get("tempo-helm").inputs.values as any;
        assert.deepEqual(values.serviceAccount, { create: false, name: "tempo" });
    });

    it("uses an explicit OIDC provider without a cluster lookup", async () => {
        const { get } = await construct(
            awsArgs({
                aws: {
                    region: "eu-west-1",
                    accountId: "123456789012",
                    oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC",
                    oidcIssuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC",
                },
            }),
        );
        const trust = JSON.parse(get("tempo-role").inputs.assumeRolePolicy as string);
        assert.equal(trust.Statement[0].Principal.Federated, "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC");
        assert.ok("oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub" in trust.Statement[0].Condition.StringEquals);
    });

    it("associates the role with the ServiceAccount under EKS Pod Identity, without an IRSA annotation", async () => {
        const { get } = await construct(awsArgs({ aws: { clusterName: "prod-eks", identityMode: AwsIdentityMode.PodIdentity } }));
        const association = get("tempo-pod-identity");
        assert.equal(association.type, "aws:eks/podIdentityAssociation:PodIdentityAssociation");
        assert.deepEqual(
            { cluster: association.inputs.clusterName, namespace: association.inputs.namespace, sa: association.inputs.serviceAccount },
            { cluster: "prod-eks", namespace: "tempo", sa: "tempo" },
        );
        assert.equal(association.inputs.roleArn, "<aws:iam/role:Role tempo-role.arn>");
        const trust = JSON.parse(get("tempo-role").inputs.assumeRolePolicy as string);
        assert.deepEqual(trust.Statement[0].Principal, { Service: "pods.eks.amazonaws.com" });
        assert.equal((get("tempo-service-account").inputs.metadata as any).annotations, undefined, "no IRSA annotation (and no empty map)");
        assert.ok(get("tempo-helm").options.dependsOn.includes("tempo-pod-identity"));
    });

    it("creates nothing for storage with an existing bucket, but scopes the identity to it", async () => {
        const { render, get } = await construct(awsArgs({ storage: { existingBucket: "company-traces" } }));
        assert.equal(render.resources.filter((r) => r.type.startsWith("aws:s3/")).length, 0);
        const access = JSON.parse(get("tempo-role-policy").inputs.policy as string);
        assert.equal(access.Statement[0].Resource, "arn:aws:s3:::company-traces");
        assert.equal((get("tempo-helm").inputs.values as any).storage.trace.s3.bucket, "company-traces");
    });

    it("installs tempo-distributed 3.3.0 as a Helm release after everything it needs", async () => {
        const { get } = await construct(awsArgs());
        const release = get("tempo-helm");
        assert.equal(release.type, "kubernetes:helm.sh/v3:Release");
        assert.equal(release.inputs.chart, "tempo-distributed");
        assert.equal(release.inputs.version, "3.3.0");
        assert.deepEqual(release.inputs.repositoryOpts, { repo: "https://grafana-community.github.io/helm-charts" });
        assert.equal(release.inputs.name, "tempo");
        assert.equal(release.inputs.namespace, "tempo");
        for (const dependency of ["tempo-namespace", "tempo-service-account", "tempo-role", "tempo-role-policy", "tempo-bucket"]) {
            assert.ok(release.options.dependsOn.includes(dependency), dependency);
        }
        const values = release.inputs.values as any;
        assert.equal(values.storage.trace.s3.endpoint, "s3.eu-west-1.amazonaws.com");
        assert.equal(values.ingest.kafka.address, "kafka.internal:9092");
    });

    it("installs through helm.v4.Chart when asked", async () => {
        const { get } = await construct(awsArgs({ chart: { install: ChartInstallMethod.Chart } }));
        const chart = get("tempo-helm");
        assert.equal(chart.type, "kubernetes:helm.sh/v4:Chart");
        assert.equal(chart.custom, false);
        assert.equal(chart.inputs.name, "tempo");
        assert.equal((chart.inputs.values as any).fullnameOverride, "tempo");
    });

    it("supports OCI chart repositories", async () => {
        const { get } = await construct(awsArgs({ chart: { repository: "oci://ghcr.io/grafana-community/helm-charts" } }));
        assert.equal(get("tempo-helm").inputs.chart, "oci://ghcr.io/grafana-community/helm-charts/tempo-distributed");
        assert.equal(get("tempo-helm").inputs.repositoryOpts, undefined);
    });

    it("keeps the Kafka SASL password secret and out of the Helm values", async () => {
        const { get, render } = await construct(
            awsArgs({ kafka: { mode: KafkaMode.External, brokers: ["k:9092"], saslUsername: "tempo", saslPassword: "hunter2" } }),
        );
        const secret = get("tempo-kafka-sasl");
        assert.equal(secret.type, "kubernetes:core/v1:Secret");
        assert.equal(secret.inputs.stringData, "[secret]");
        assert.ok(!JSON.stringify(render.resources).includes("hunter2"), "the password appears nowhere unmasked");
        assert.ok(get("tempo-helm").options.dependsOn.includes("tempo-kafka-sasl"));
        const configMaps = render.resources.filter((r) => r.type === "kubernetes:core/v1:ConfigMap");
        assert.ok(configMaps.every((c) => !/sasl|kafka-sasl|hunter2/i.test(JSON.stringify(c.inputs))), "no ConfigMap carries Kafka credentials");
    });

    it("skips the namespace when told it exists", async () => {
        const { render } = await construct(awsArgs({ createNamespace: false }));
        assert.equal(render.resources.filter((r) => r.type === "kubernetes:core/v1:Namespace").length, 0);
    });

    it("parents every child to the component and names it after it", async () => {
        const { render } = await construct(awsArgs(), "traces");
        for (const resource of render.resources) {
            if (resource.name === "traces") {
                assert.equal(resource.type, "tempo-cluster:index:TempoCluster");
                continue;
            }
            assert.ok(resource.name.startsWith("traces-"), resource.name);
            assert.ok(resource.parent === "traces" || resource.parent === "traces-bucket", `${resource.name} → ${resource.parent}`);
        }
    });

    it("exposes cloud-agnostic outputs", async () => {
        const { cluster } = await construct(awsArgs({ receivers: { zipkin: true } }));
        assert.equal(await valueOf(cluster.namespace), "tempo");
        assert.equal(await valueOf(cluster.releaseName), "tempo");
        assert.equal(await valueOf(cluster.bucketName), "tempo-test-tempo-traces");
        assert.equal(await valueOf(cluster.serviceAccountName), "tempo");
        assert.equal(await valueOf(cluster.identity), "arn:aws:iam::<aws-account-id>:role/tempo-test-tempo");
        assert.equal(await valueOf(cluster.queryUrl), "http://tempo-query-frontend.tempo.svc.cluster.local:3200");
        assert.equal(await valueOf(cluster.otlpGrpcEndpoint), "tempo-distributor.tempo.svc.cluster.local:4317");
        assert.equal(await valueOf(cluster.otlpHttpEndpoint), "http://tempo-distributor.tempo.svc.cluster.local:4318");
        assert.equal(await valueOf(cluster.zipkinEndpoint), "http://tempo-distributor.tempo.svc.cluster.local:9411/api/v2/spans");
        assert.equal(await valueOf(cluster.datasourceUid), "tempo-tempo-tempo");
        assert.equal(await valueOf(cluster.chartVersion), "3.3.0");
        assert.equal(await valueOf(cluster.tempoVersion), "3.0.3");
        assert.equal(await valueOf(cluster.kafkaBootstrap), "kafka.internal:9092");
    });

    it("registers nothing when the args are invalid", async () => {
        const registrations = await resetMocks();
        assert.throws(
            () => new TempoCluster("tempo", awsArgs({ retention: "soon", namespace: "Bad" }) as never),
            (error: unknown) => error instanceof TempoClusterArgsError && error.problems.length === 2 && /args\.retention/.test(error.message),
        );
        await settle();
        assert.deepEqual(registrations, []);
    });

    it("computes every Helm value at preview time (no unknowns in a first preview)", async () => {
        const { get } = await construct(awsArgs(), "tempo", undefined, true);
        const values = JSON.stringify(get("tempo-helm").inputs.values);
        assert.ok(!values.includes("[unknown]"), values);
        assert.ok(values.includes("eks.amazonaws.com") === false, "annotations live on the ServiceAccount, not in values");
        const sa = JSON.stringify(get("tempo-service-account").inputs);
        assert.ok(!sa.includes("[unknown]"), sa);
    });

    it("renders identically when constructed twice", async () => {
        const first = await construct(awsArgs({ storage: { encryptionKey: KMS_KEY } }));
        const second = await construct(awsArgs({ storage: { encryptionKey: KMS_KEY } }));
        assert.deepEqual(second.render, first.render);
    });
});

describe("TempoCluster with in-cluster Kafka (under mocks)", () => {
    const strimziArgs = (overrides = {}) => awsArgs({ kafka: undefined, ...overrides });

    it("installs the Strimzi operator and the Kafka objects, and Tempo waits for all of them", async () => {
        const { get, ofType } = await construct(strimziArgs());
        const operator = get("tempo-strimzi-operator");
        assert.equal(operator.type, "kubernetes:helm.sh/v3:Release");
        assert.equal(operator.inputs.chart, "oci://quay.io/strimzi-helm/strimzi-kafka-operator");
        assert.equal(operator.inputs.version, "1.2.0");
        assert.equal(operator.inputs.namespace, "tempo");
        assert.deepEqual(operator.inputs.values, { watchAnyNamespace: false, createGlobalResources: true, generateNetworkPolicy: true });
        assert.equal(get("tempo-kafka").type, "kubernetes:kafka.strimzi.io/v1:Kafka");
        assert.deepEqual(ofType("kubernetes:kafka.strimzi.io/v1:KafkaNodePool").map((r) => r.name), ["tempo-kafka-broker", "tempo-kafka-controller"]);
        assert.equal(get("tempo-kafka-topic").type, "kubernetes:kafka.strimzi.io/v1:KafkaTopic");
        assert.equal(get("tempo-kafka-network-policy").type, "kubernetes:networking.k8s.io/v1:NetworkPolicy");
        for (const name of ["tempo-kafka", "tempo-kafka-broker", "tempo-kafka-controller"]) {
            assert.ok(get(name).options.dependsOn.includes("tempo-strimzi-operator"), `${name} waits for the operator (its CRDs)`);
        }
        assert.ok(get("tempo-kafka-topic").options.dependsOn.includes("tempo-kafka"));
        const tempo = get("tempo-helm");
        for (const name of ["tempo-kafka", "tempo-kafka-topic", "tempo-kafka-broker", "tempo-kafka-network-policy"]) {
            assert.ok(tempo.options.dependsOn.includes(name), `Tempo waits for ${name}`);
        }
        const values = tempo.inputs.values as any;
        assert.equal(values.ingest.kafka.address, "tempo-kafka-kafka-bootstrap.tempo.svc.cluster.local:9092");
        assert.equal(values.ingest.kafka.auto_create_topic_enabled, false);
        assert.equal(values.ingest.kafka.auto_create_topic_default_partitions, (get("tempo-kafka-topic").inputs.spec as any).partitions);
        assert.equal(values.liveStore.replicas, (get("tempo-kafka-topic").inputs.spec as any).partitions);
        assert.equal(values.blockBuilder.replicas, (get("tempo-kafka-topic").inputs.spec as any).partitions);
    });

    it("uses an operator that already runs when told so", async () => {
        const { render, get } = await construct(strimziArgs({ kafka: { strimzi: { installOperator: false } } }));
        assert.ok(!render.resources.some((r) => r.name === "tempo-strimzi-operator"));
        assert.ok(!get("tempo-kafka").options.dependsOn.includes("tempo-strimzi-operator"));
    });

    it("exports the bootstrap address", async () => {
        const { cluster } = await construct(strimziArgs({ namespace: "tracing" }));
        assert.equal(await valueOf(cluster.kafkaBootstrap), "tempo-kafka-kafka-bootstrap.tracing.svc.cluster.local:9092");
    });
});

describe("offline mocks", () => {
    it("throw on provider functions they do not know", () => {
        assert.throws(() => new OfflineMocks().call({ token: "aws:ec2/getVpc:getVpc", inputs: {} } as pulumi.runtime.MockCallArgs), /no mock answer for provider function/);
    });
});

describe("TempoCluster observability (under mocks)", () => {
    it("creates ServiceMonitors after Tempo, the PrometheusRule, dashboards and a sidecar datasource", async () => {
        const { get, ofType } = await construct(awsArgs());
        const monitors = ofType("kubernetes:monitoring.coreos.com/v1:ServiceMonitor");
        assert.deepEqual(monitors.map((m) => m.name), ["tempo-components", "tempo-memcached-exporter"]);
        for (const monitor of monitors) {
            assert.ok(monitor.options.dependsOn.includes("tempo-helm"));
            assert.equal((monitor.inputs.metadata as any).labels.release, "kube-prometheus-stack");
        }
        const rule = get("tempo-prometheus-rule");
        assert.equal(rule.type, "kubernetes:monitoring.coreos.com/v1:PrometheusRule");
        assert.ok((rule.inputs.spec as any).groups.some((g: any) => g.rules.some((r: any) => r.alert === "TempoCompactionsFailing")));
        assert.equal(ofType("kubernetes:core/v1:ConfigMap").filter((c) => (c.inputs.metadata as any).labels.grafana_dashboard === "1").length, 5);
        const datasource = get("tempo-datasource");
        assert.equal(datasource.type, "kubernetes:core/v1:ConfigMap");
        assert.equal((datasource.inputs.metadata as any).namespace, "monitoring");
        assert.match(JSON.stringify(datasource.inputs.data), /http:\/\/tempo-query-frontend\.tempo\.svc\.cluster\.local:3200/);
        assert.equal((get("tempo-helm").inputs.values as any).memcachedExporter.enabled, true);
    });

    it("creates nothing for monitoring when turned off", async () => {
        const { render } = await construct(
            awsArgs({ monitoring: { serviceMonitor: false, alerts: false, dashboards: false }, grafana: { datasource: "none" as never } }),
        );
        assert.ok(!render.resources.some((r) => /monitoring\.coreos\.com|ConfigMap/.test(r.type)));
    });

    it("delivers the datasource as a Secret when it carries the gateway password", async () => {
        const { get, render } = await construct(awsArgs({ gateway: { host: "tempo.example.com" } }));
        const datasource = get("tempo-datasource");
        assert.equal(datasource.type, "kubernetes:core/v1:Secret");
        assert.equal(datasource.inputs.stringData, "[secret]");
        assert.ok(!render.resources.some((r) => r.type === "kubernetes:core/v1:ConfigMap" && /basicAuthPassword/.test(JSON.stringify(r.inputs))));
    });

    it("creates one GrafanaDatasource per tenant for the grafana-operator", async () => {
        const { ofType } = await construct(
            awsArgs({ tenants: { team_a: {}, team_b: {} }, grafana: { datasource: "grafana-operator" as never, instanceSelector: { dashboards: "grafana" } } }),
        );
        const datasources = ofType("kubernetes:grafana.integreatly.org/v1beta1:GrafanaDatasource");
        assert.equal(datasources.length, 2);
        for (const datasource of datasources) {
            const spec = datasource.inputs.spec as any;
            assert.deepEqual(spec.instanceSelector, { matchLabels: { dashboards: "grafana" } });
            assert.equal(spec.datasource.jsonData.httpHeaderName1, "X-Scope-OrgID");
            assert.match(spec.uid, /^[a-zA-Z0-9-_]{1,40}$/);
        }
    });

    it("creates the datasource through the Grafana API with @pulumiverse/grafana", async () => {
        const { ofType, cluster } = await construct(awsArgs({ grafana: { datasource: "grafana-api" as never, prometheusUid: "prometheus" } }));
        const [datasource] = ofType("grafana:oss/dataSource:DataSource");
        assert.equal(datasource.inputs.type, "tempo");
        assert.equal(datasource.inputs.url, "http://tempo-query-frontend.tempo.svc.cluster.local:3200");
        const jsonData = JSON.parse(datasource.inputs.jsonDataEncoded as string);
        assert.equal(jsonData.tracesToMetrics.datasourceUid, "prometheus");
        assert.equal(jsonData.lokiSearch, undefined);
        assert.equal(await valueOf(cluster.datasourceUid), datasource.inputs.uid);
    });

    it("validates monitoring and Grafana settings", () => {
        const ctx = { name: "tempo", project: "tempo", stack: "test" };
        const { validateArgs } = require("../sdk/args/validation/validate") as typeof import("../sdk/args/validation/validate");
        const problems = (args: object) => validateArgs(awsArgs(args as never), ctx);
        assert.ok(problems({ grafana: { datasource: "grafana-operator" } }).problems.some((p) => p.path === "grafana.instanceSelector"));
        assert.ok(problems({ monitoring: { thresholds: { queryLatency: { value: 3 } } } }).problems.some((p) => p.path === "monitoring.thresholds.queryLatency"));
        assert.ok(problems({ monitoring: { thresholds: { queryLatencyP99: { for: "ten minutes" } } } }).problems.some((p) => p.path === "monitoring.thresholds.queryLatencyP99.for"));
        assert.deepEqual(problems({ monitoring: { thresholds: { queryLatencyP99: { value: 10, for: "5m" } } } }).problems, []);
        assert.ok(problems({ grafana: { namespace: "tempo" } }).warnings.some((w) => w.path === "grafana.namespace"));
        assert.ok(problems({ multitenancy: true }).warnings.some((w) => w.path === "tenants"));
    });
});
