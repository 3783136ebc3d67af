/**
 * Basic auth for the gateway without a perpetual diff: the password is generated once (kept in state) and its bcrypt
 * hash comes from the same resource, so the htpasswd Secret is identical on every run (the chart's own htpasswd
 * template hashes with a random salt on every render).
 */
import * as pulumi from "@pulumi/pulumi";
import type { ResolvedGateway, ResolvedSpec } from "../args/resolved";
import { PEERS } from "../args/peers";
import { requirePeer } from "../util/peer";
import { createSecret } from "./core";

const randomPassword = () =>
    requirePeer(PEERS.random, () => require("@pulumi/random/randomPassword") as typeof import("@pulumi/random/randomPassword"));

/** The gateway's credentials: a Secret with `.htpasswd` (for nginx) and `username`/`password` (for clients). */
export function createGatewayAuth(
    spec: ResolvedSpec,
    gateway: ResolvedGateway,
    parent: pulumi.Resource,
    dependsOn: pulumi.Resource[],
): { secret: pulumi.Resource; password: pulumi.Output<string> } {
    const generated = new (randomPassword().RandomPassword)(
        `${spec.name}-gateway-password`,
        { length: 32, special: false },
        { parent },
    );
    const secret = createSecret(
        spec,
        "gateway-auth",
        gateway.secretName,
        {
            ".htpasswd": pulumi.interpolate`${gateway.username}:${generated.bcryptHash}`,
            username: gateway.username,
            password: generated.result,
        },
        parent,
        dependsOn,
    );
    return { secret, password: pulumi.secret(generated.result) };
}
