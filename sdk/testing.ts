/**
 * Unit-testing support for programs that use TempoCluster (`import { TempoClusterMocks } from "tempo-cluster/testing"`).
 *
 * Pulumi's unit tests replace the engine with mocks (`pulumi.runtime.setMocks`). Mocks that echo inputs back
 * (`call: (args) => args.inputs`) cannot answer the provider functions TempoCluster calls (the EKS cluster's OIDC
 * issuer, the AWS account and region, the Cloud Storage service agent, the Azure subscription), so the component
 * reports which answer is missing. These mocks answer every one of them with stable placeholders, give the
 * provider-computed fields the component reads (role ARNs, service account e-mails, generated passwords), and throw on
 * any provider function they do not know — so a test never passes on an answer nobody gave.
 *
 * @example
 * import * as pulumi from "@pulumi/pulumi";
 * import { TempoClusterMocks } from "tempo-cluster/testing";
 *
 * pulumi.runtime.setMocks(new TempoClusterMocks({
 *     calls: { "aws:eks/getCluster:getCluster": (inputs) => ({ name: inputs.name, endpoint: "https://example" }) },
 * }), "my-project", "test", false);
 * const { TempoCluster } = await import("tempo-cluster");   // import after setMocks, as Pulumi's guide says
 *
 * @see https://www.pulumi.com/docs/iac/guides/testing/unit/
 */
import { OfflineMocks, type OfflineMocksOptions } from "./render/mocks";

/** Options of {@link TempoClusterMocks}: answers for your own program's provider functions and resources. */
export type TempoClusterMocksOptions = OfflineMocksOptions;

/**
 * `pulumi.runtime.Mocks` that answer every provider function TempoCluster calls, plus the ones you give in `calls`
 * (asked first), and fill the provider-computed fields the component reads; `newResource` adds state for your own
 * resources. Unknown provider functions throw with their token.
 */
export class TempoClusterMocks extends OfflineMocks {
    constructor(options: TempoClusterMocksOptions = {}) {
        super(options);
    }
}
