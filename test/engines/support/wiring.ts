/**
 * The wiring a cluster relies on, checked over everything a case renders (the component's own objects plus every
 * Helm release's output): Services select pods and name ports that exist, ServiceMonitors select Services with the
 * named port, PodMonitors select pods with the named container port, every in-cluster address in Tempo's config, the
 * Grafana datasource and Tempo Vulture's flags resolves to a Service and port, and Secrets reach only the containers
 * that use them.
 */
import { load } from "js-yaml";
import type { KubeObject } from "./render";

/** One wiring problem. */
export interface WiringProblem {
    /** `Kind namespace/name` of the object at fault. */
    readonly object: string;
    readonly message: string;
}

/** An object with the Helm release it came from (none for the component's own objects). */
export interface PlacedObject {
    readonly object: KubeObject;
    readonly release?: string;
    /** The chart of that release (`tempo-distributed`, `tempo`, ...). */
    readonly chart?: string;
    /** The release's namespace, where Helm installs the objects whose template names none (as the vulture chart's do). */
    readonly releaseNamespace?: string;
}

interface ServicePort {
    readonly name?: string;
    readonly port: number;
    readonly targetPort?: number | string;
}

interface ServiceInfo {
    readonly namespace: string;
    readonly name: string;
    readonly labels: Record<string, string>;
    readonly selector: Record<string, string>;
    readonly ports: ServicePort[];
    /** Created at run time by an operator from a custom resource, not rendered. */
    readonly fromOperator?: string;
}

interface Container {
    readonly name: string;
    readonly image: string;
    readonly args: string[];
    readonly env: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
    readonly envFrom: { secretRef?: { name: string }; configMapRef?: { name: string } }[];
    readonly ports: { name?: string; containerPort: number }[];
}

interface Workload {
    readonly id: string;
    readonly namespace: string;
    readonly release?: string;
    readonly chart?: string;
    readonly labels: Record<string, string>;
    readonly containers: Container[];
}

const TEMPO_CHARTS = new Set(["tempo-distributed", "tempo"]);

export function describeObject(object: KubeObject): string {
    return `${object.kind} ${object.metadata.namespace ?? "-"}/${object.metadata.name}`;
}

/** The pod template of a workload kind, if it has one. */
function podTemplate(object: KubeObject): { metadata?: { labels?: Record<string, string> }; spec?: any } | undefined {
    switch (object.kind) {
        case "Deployment":
        case "StatefulSet":
        case "DaemonSet":
        case "ReplicaSet":
        case "Job":
            return object.spec?.template;
        case "CronJob":
            return object.spec?.jobTemplate?.spec?.template;
        case "Pod":
            return { metadata: object.metadata as { labels?: Record<string, string> }, spec: object.spec };
        default:
            return undefined;
    }
}

function workloads(objects: readonly PlacedObject[]): Workload[] {
    const result: Workload[] = [];
    for (const { object, release, chart, releaseNamespace } of objects) {
        const template = podTemplate(object);
        if (template === undefined) {
            continue;
        }
        const spec = template.spec ?? {};
        const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])].map(
            (c: any): Container => ({
                name: c.name,
                image: String(c.image ?? ""),
                args: (c.args ?? []).map(String),
                env: c.env ?? [],
                envFrom: c.envFrom ?? [],
                ports: c.ports ?? [],
            }),
        );
        result.push({
            id: describeObject(object),
            namespace: object.metadata.namespace ?? releaseNamespace ?? "default",
            release,
            chart,
            labels: (template.metadata?.labels ?? {}) as Record<string, string>,
            containers,
        });
    }
    return result;
}

/** Rendered Services, plus those an operator creates from a custom resource (Strimzi's Kafka bootstrap Service). */
function services(objects: readonly PlacedObject[]): ServiceInfo[] {
    const result: ServiceInfo[] = [];
    for (const { object, releaseNamespace } of objects) {
        const namespace = object.metadata.namespace ?? releaseNamespace ?? "default";
        if (object.kind === "Service") {
            result.push({
                namespace,
                name: object.metadata.name,
                labels: (object.metadata.labels ?? {}) as Record<string, string>,
                selector: object.spec?.selector ?? {},
                ports: (object.spec?.ports ?? []).map((p: any) => ({ name: p.name, port: Number(p.port), targetPort: p.targetPort })),
            });
        }
        if (object.apiVersion.startsWith("kafka.strimzi.io/") && object.kind === "Kafka") {
            // Strimzi creates <cluster>-kafka-bootstrap (and the headless -kafka-brokers) with one port per listener.
            const ports = (object.spec?.kafka?.listeners ?? []).map((l: any) => ({ name: `tcp-${l.name}`, port: Number(l.port) }));
            for (const suffix of ["kafka-bootstrap", "kafka-brokers"]) {
                result.push({ namespace, name: `${object.metadata.name}-${suffix}`, labels: {}, selector: {}, ports, fromOperator: describeObject(object) });
            }
        }
    }
    return result;
}

function matches(labels: Record<string, string>, selector: Record<string, string>): boolean {
    return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

/** A label selector with `matchLabels` and the `In`/`NotIn`/`Exists`/`DoesNotExist` expressions. */
function matchesSelector(labels: Record<string, string>, selector: { matchLabels?: Record<string, string>; matchExpressions?: any[] } | undefined): boolean {
    if (selector === undefined) {
        return true;
    }
    if (!matches(labels, selector.matchLabels ?? {})) {
        return false;
    }
    return (selector.matchExpressions ?? []).every((expression: { key: string; operator: string; values?: string[] }) => {
        const value = labels[expression.key];
        switch (expression.operator) {
            case "In":
                return value !== undefined && (expression.values ?? []).includes(value);
            case "NotIn":
                return value === undefined || !(expression.values ?? []).includes(value);
            case "Exists":
                return value !== undefined;
            case "DoesNotExist":
                return value === undefined;
            default:
                return false;
        }
    });
}

/** Every Service selects at least one pod template of its namespace, and its named target ports exist there. */
export function serviceSelectorProblems(objects: readonly PlacedObject[]): WiringProblem[] {
    const pods = workloads(objects);
    const problems: WiringProblem[] = [];
    for (const service of services(objects)) {
        if (service.fromOperator !== undefined || Object.keys(service.selector).length === 0) {
            continue;
        }
        const id = `Service ${service.namespace}/${service.name}`;
        const selected = pods.filter((pod) => pod.namespace === service.namespace && matches(pod.labels, service.selector));
        if (selected.length === 0) {
            problems.push({ object: id, message: `selector ${JSON.stringify(service.selector)} matches no pod template in namespace ${service.namespace}` });
            continue;
        }
        for (const port of service.ports) {
            if (typeof port.targetPort === "string") {
                const found = selected.some((pod) => pod.containers.some((c) => c.ports.some((p) => p.name === port.targetPort)));
                if (!found) {
                    problems.push({ object: id, message: `port ${port.name ?? port.port} targets "${port.targetPort}", a container port no selected pod declares` });
                }
            }
        }
    }
    return problems;
}

/** Every ServiceMonitor selects at least one Service, and each endpoint's named port exists on one of them. */
export function serviceMonitorProblems(objects: readonly PlacedObject[]): WiringProblem[] {
    const all = services(objects);
    const problems: WiringProblem[] = [];
    for (const { object } of objects) {
        if (object.kind !== "ServiceMonitor") {
            continue;
        }
        const id = describeObject(object);
        const namespaceSelector = object.spec?.namespaceSelector ?? {};
        const namespaces: string[] | "any" = namespaceSelector.any === true ? "any" : (namespaceSelector.matchNames ?? [object.metadata.namespace ?? "default"]);
        const selected = all.filter(
            (s) => s.fromOperator === undefined && (namespaces === "any" || namespaces.includes(s.namespace)) && matchesSelector(s.labels, object.spec?.selector),
        );
        if (selected.length === 0) {
            problems.push({ object: id, message: `selects no Service (selector ${JSON.stringify(object.spec?.selector)}, namespaces ${JSON.stringify(namespaces)})` });
            continue;
        }
        for (const endpoint of object.spec?.endpoints ?? []) {
            if (typeof endpoint.port === "string" && !selected.some((s) => s.ports.some((p) => p.name === endpoint.port))) {
                problems.push({
                    object: id,
                    message: `endpoint port "${endpoint.port}" is not a port of any selected Service (${selected.map((s) => s.name).join(", ")})`,
                });
            }
        }
    }
    return problems;
}

/** Every PodMonitor selects at least one pod template, and each endpoint's named port is a container port of one of them. */
export function podMonitorProblems(objects: readonly PlacedObject[]): WiringProblem[] {
    const pods = workloads(objects);
    const problems: WiringProblem[] = [];
    for (const { object } of objects) {
        if (object.kind !== "PodMonitor") {
            continue;
        }
        const id = describeObject(object);
        const namespaceSelector = object.spec?.namespaceSelector ?? {};
        const namespaces: string[] | "any" = namespaceSelector.any === true ? "any" : (namespaceSelector.matchNames ?? [object.metadata.namespace ?? "default"]);
        const selected = pods.filter((pod) => (namespaces === "any" || namespaces.includes(pod.namespace)) && matchesSelector(pod.labels, object.spec?.selector));
        if (selected.length === 0) {
            problems.push({ object: id, message: `selects no pod template (selector ${JSON.stringify(object.spec?.selector)}, namespaces ${JSON.stringify(namespaces)})` });
            continue;
        }
        for (const endpoint of object.spec?.podMetricsEndpoints ?? []) {
            if (typeof endpoint.port === "string" && !selected.some((pod) => pod.containers.some((c) => c.ports.some((p) => p.name === endpoint.port)))) {
                problems.push({
                    object: id,
                    message: `endpoint port "${endpoint.port}" is not a container port of any selected pod (${selected.map((pod) => pod.id).join(", ")})`,
                });
            }
        }
    }
    return problems;
}

/** A string that names a host and port: `host:port`, `dns+host:port`, or an http(s) URL. */
function addressOf(text: string): { host: string; port?: number } | undefined {
    const url = /^https?:\/\/([^/:@\s]+)(?::(\d+))?(?:\/\S*)?$/.exec(text);
    if (url) {
        return { host: url[1], port: url[2] ? Number(url[2]) : text.startsWith("https") ? 443 : 80 };
    }
    const hostPort = /^(?:dns\+|dnssrv\+|dnssrvnoa\+)?([a-z0-9][-a-z0-9.]*):(\d+)$/.exec(text);
    return hostPort ? { host: hostPort[1], port: Number(hostPort[2]) } : undefined;
}

/** The Service a host names inside the cluster (`svc`, `svc.ns`, `svc.ns.svc`, `svc.ns.svc.<domain>`), or undefined for an outside host. */
export function inClusterService(host: string, namespace: string): { namespace: string; name: string } | undefined {
    if (host === "localhost" || /^\d+\.\d+\.\d+\.\d+$/.test(host)) {
        return undefined;
    }
    const parts = host.split(".");
    if (parts.length === 1) {
        return { namespace, name: parts[0] };
    }
    if (parts.length === 2 || parts[2] === "svc") {
        return { namespace: parts[1], name: parts[0] };
    }
    return undefined;
}

function* leaves(node: unknown, path: string): Generator<[string, unknown, Record<string, unknown> | undefined]> {
    if (Array.isArray(node)) {
        for (const [index, item] of node.entries()) {
            yield* leaves(item, `${path}[${index}]`);
        }
    } else if (typeof node === "object" && node !== null) {
        for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
            const at = path === "" ? key : `${path}.${key}`;
            if (typeof value === "object" && value !== null) {
                yield* leaves(value, at);
            } else {
                yield [at, value, node as Record<string, unknown>];
            }
        }
    }
}

/** Tempo's config (and runtime overrides) of every Tempo release: the ConfigMap or Secret holding `tempo.yaml`. */
export function tempoConfigs(objects: readonly PlacedObject[]): { release: string; namespace: string; source: string; config: any; text: string }[] {
    const result = [];
    for (const { object, release, chart } of objects) {
        if (!TEMPO_CHARTS.has(chart ?? "") || (object.kind !== "ConfigMap" && object.kind !== "Secret")) {
            continue;
        }
        const text = dataValue(object, "tempo.yaml");
        if (text !== undefined) {
            result.push({ release: release as string, namespace: object.metadata.namespace ?? "default", source: describeObject(object), config: load(text), text });
        }
    }
    return result;
}

/** A key of a ConfigMap or Secret, decoded. */
export function dataValue(object: KubeObject, key: string): string | undefined {
    if (object.kind === "ConfigMap") {
        return object.data?.[key];
    }
    if (object.stringData?.[key] !== undefined) {
        return object.stringData[key];
    }
    const encoded = object.data?.[key];
    return encoded === undefined ? undefined : Buffer.from(encoded, "base64").toString("utf8");
}

/**
 * Every in-cluster address in Tempo's config (memberlist, query-frontend, backend-scheduler, memcached SRV
 * host + service, object store endpoint, Kafka bootstrap, remote write) and in the Grafana datasource resolves to a
 * Service with that port, when it points into a namespace the case deploys into.
 */
export function addressProblems(objects: readonly PlacedObject[]): WiringProblem[] {
    const all = services(objects);
    const problems: WiringProblem[] = [];
    // Services in namespaces the case runs nothing in (a Prometheus, a Kafka or a store the user runs) are the user's.
    const ownNamespaces = new Set([...all.map((s) => s.namespace), ...workloads(objects).map((w) => w.namespace)]);
    const find = (namespace: string, name: string) => all.find((s) => s.namespace === namespace && s.name === name);
    const check = (id: string, where: string, text: string, namespace: string) => {
        const address = addressOf(text);
        const target = address && inClusterService(address.host, namespace);
        if (!address || !target || !ownNamespaces.has(target.namespace)) {
            return;
        }
        const service = find(target.namespace, target.name);
        if (service === undefined) {
            problems.push({ object: id, message: `${where} = "${text}": no Service ${target.namespace}/${target.name} is rendered or created by an operator` });
        } else if (address.port !== undefined && !service.ports.some((p) => p.port === address.port)) {
            problems.push({ object: id, message: `${where} = "${text}": Service ${target.namespace}/${target.name} has no port ${address.port} (it has ${service.ports.map((p) => p.port).join(", ")})` });
        }
    };
    for (const { source, config, namespace } of tempoConfigs(objects)) {
        for (const [path, value, parent] of leaves(config, "")) {
            if (typeof value !== "string") {
                continue;
            }
            if (path.endsWith(".host") && typeof parent?.service === "string") {
                // memcached: an SRV lookup of _<service>._tcp.<host>, i.e. a named port of that Service.
                const target = inClusterService(value, namespace);
                const service = target && find(target.namespace, target.name);
                if (target && (service === undefined || !service.ports.some((p) => p.name === parent.service))) {
                    problems.push({ object: source, message: `${path} = "${value}" with service "${parent.service}": no Service ${target.namespace}/${target.name} with a port named ${String(parent.service)}` });
                }
                continue;
            }
            check(source, path, value, namespace);
        }
    }
    // Tempo Vulture's targets: `-tempo-push-url=` and `-tempo-query-url=` flags.
    for (const workload of workloads(objects)) {
        for (const container of workload.containers) {
            for (const arg of container.args) {
                const flag = /^-tempo-(push|query)-url=(.+)$/.exec(arg);
                if (flag) {
                    check(workload.id, `${container.name} -tempo-${flag[1]}-url`, flag[2], workload.namespace);
                }
            }
        }
    }
    for (const { object } of objects) {
        const namespace = object.metadata.namespace ?? "default";
        if (object.kind === "GrafanaDatasource" && typeof object.spec?.datasource?.url === "string") {
            check(describeObject(object), "spec.datasource.url", object.spec.datasource.url, namespace);
        }
        if (object.kind === "ConfigMap" || object.kind === "Secret") {
            for (const key of Object.keys({ ...(object.data ?? {}), ...(object.stringData ?? {}) })) {
                const text = dataValue(object, key) ?? "";
                if (!/^datasources:/m.test(text)) {
                    continue;
                }
                const provisioning = load(text) as { datasources?: { url?: string }[] };
                for (const [index, datasource] of (provisioning.datasources ?? []).entries()) {
                    if (typeof datasource.url === "string") {
                        check(describeObject(object), `${key} datasources[${index}].url`, datasource.url, namespace);
                    }
                }
            }
        }
    }
    return problems;
}

/** The modules of Tempo's module graph a target initialises that read a secret: the object store, Kafka, remote write. */
type Use = "store" | "kafka" | "generator";

/**
 * Which targets use what, from `cmd/tempo/app/modules.go` of each Tempo line: in 3.0.3 the store is a dependency of
 * query-frontend, querier, block-builder, backend-scheduler and backend-worker, and Kafka clients run in the
 * distributor, live-store, block-builder and metrics-generator; in 2.9/2.10 the store is also used by the ingester,
 * the compactor and the metrics generator (`OptionalStore` opens it whenever a backend is configured).
 */
const USES: Record<"2" | "3", Record<Use, readonly string[]>> = {
    "3": {
        store: ["all", "query-frontend", "querier", "block-builder", "backend-scheduler", "backend-worker"],
        kafka: ["all", "distributor", "live-store", "block-builder", "metrics-generator"],
        generator: ["all", "metrics-generator"],
    },
    "2": {
        store: ["all", "scalable-single-binary", "query-frontend", "querier", "ingester", "compactor", "metrics-generator", "block-builder", "backend-scheduler", "backend-worker"],
        kafka: ["all", "distributor", "ingester", "live-store", "block-builder", "metrics-generator"],
        generator: ["all", "scalable-single-binary", "metrics-generator"],
    },
};

/** The config section a `${VAR}` reference sits in, as a use. */
function useOfPath(path: string): Use | undefined {
    const top = path.split(/[.[]/)[0];
    return top === "storage" ? "store" : top === "ingest" ? "kafka" : top === "metrics_generator" ? "generator" : undefined;
}

/** Variables the object-store clients read from the environment without a `${VAR}` in the config. */
const CREDENTIAL_CHAIN = /^(AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|ROLE_ARN|WEB_IDENTITY_TOKEN_FILE|REGION)|GOOGLE_APPLICATION_CREDENTIALS|AZURE_[A-Z_]+)$/;

function isTempoImage(image: string): boolean {
    return /(^|\/)tempo:/.test(image);
}

function targetOf(container: Container): string {
    for (const arg of container.args) {
        const match = /^--?target=(.+)$/.exec(arg);
        if (match) {
            return match[1];
        }
    }
    return "all";
}

/**
 * Secrets and Tempo flags reach only the containers that use them: in every Tempo release, a container that gets a
 * key of a Secret the component created (by env or envFrom) must be a Tempo container whose target uses that
 * variable; every Tempo container has each `${VAR}` of the sections its target uses, and `-config.expand-env=true`
 * when the config holds any; no other container of the release gets Tempo's `-config.*` flags.
 */
export function secretProblems(objects: readonly PlacedObject[], componentSecrets: ReadonlySet<string>): WiringProblem[] {
    const problems: WiringProblem[] = [];
    const configs = tempoConfigs(objects);
    for (const workload of workloads(objects)) {
        if (!TEMPO_CHARTS.has(workload.chart ?? "")) {
            continue;
        }
        const config = configs.find((c) => c.release === workload.release);
        const references = new Map<string, Use | undefined>();
        for (const [path, value] of config ? leaves(config.config, "") : []) {
            for (const match of typeof value === "string" ? value.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g) : []) {
                references.set(match[1], useOfPath(path));
            }
        }
        for (const container of workload.containers) {
            const where = `${workload.id} container ${container.name}`;
            const tempo = isTempoImage(container.image);
            const major = (/:v?(\d+)\./.exec(container.image)?.[1] ?? "3") === "2" ? "2" : "3";
            const target = targetOf(container);
            const uses = (use: Use) => USES[major][use].includes(target);
            for (const source of container.envFrom) {
                if (source.secretRef && componentSecrets.has(source.secretRef.name)) {
                    problems.push({ object: where, message: `takes every key of Secret ${source.secretRef.name} (envFrom); give it only the variables it uses` });
                }
            }
            for (const variable of container.env) {
                const ref = variable.valueFrom?.secretKeyRef;
                if (ref === undefined || !componentSecrets.has(ref.name)) {
                    continue;
                }
                const use = references.get(variable.name) ?? (CREDENTIAL_CHAIN.test(variable.name) ? "store" : undefined);
                if (!tempo) {
                    problems.push({ object: where, message: `gets ${variable.name} from Secret ${ref.name}, but does not run Tempo` });
                } else if (use === undefined) {
                    problems.push({ object: where, message: `gets ${variable.name} from Secret ${ref.name}, which no setting of Tempo reads` });
                } else if (!uses(use)) {
                    problems.push({ object: where, message: `gets ${variable.name} from Secret ${ref.name}, but target ${target} never uses the ${use}` });
                }
            }
            if (tempo) {
                const names = new Set(container.env.map((v) => v.name));
                for (const [name, use] of references) {
                    if (use !== undefined && uses(use) && !names.has(name) && container.envFrom.length === 0) {
                        problems.push({ object: where, message: `target ${target} uses the ${use}, whose config expands \${${name}}, but the container has no ${name}` });
                    }
                }
                if (references.size > 0 && !container.args.includes("-config.expand-env=true")) {
                    problems.push({ object: where, message: "the config holds ${VAR} references but the container lacks -config.expand-env=true" });
                }
            } else if (container.args.some((arg) => /^--?config\./.test(arg))) {
                problems.push({ object: where, message: `gets Tempo's flags (${container.args.filter((a) => /^--?config\./.test(a)).join(" ")}) but does not run Tempo` });
            }
        }
    }
    return problems;
}
