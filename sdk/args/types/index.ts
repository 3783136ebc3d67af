/**
 * Public argument types of {@link TempoCluster}.
 *
 * These are plain interfaces and enums so that Pulumi's schema inference (`pulumi package add`) can turn them into a
 * multi-language schema: no unions, no anonymous object types. Enums are declared the way Pulumi's generated SDKs
 * declare them — a constant object plus the union of its values — so `cloud: Cloud.Aws` and `cloud: "aws"` both
 * type-check, and schema inference still sees an enum.
 *
 * Fields that name something outside the component — cluster names, OIDC providers and issuers, account ids,
 * projects, resource groups, an existing bucket, keys, Kafka brokers and user, the remote-write target, Grafana's
 * namespace and uids, the gateway's host and TLS secret — are `pulumi.Input`s, so programs wire them from other
 * resources and stack references. They are validated at construction when they are plain and when they resolve when
 * they are outputs, with the same field-named messages; the Helm release waits for those checks. Fields that shape the
 * resource graph — cloud, architecture, profile, toggles, counts, sizes, zones, regions and locations — are plain
 * values: the component needs them at construction to decide what to create. Secrets are inputs too, so they stay
 * Pulumi secrets end to end.
 */
export * from "./cluster";
export * from "./storage";
export * from "./kafka";
export * from "./workload";
export * from "./limits";
export * from "./metricsGenerator";
export * from "./observability";
