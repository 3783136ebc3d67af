/**
 * The optional peer dependencies a configuration needs, decided from the resolved spec before any resource exists:
 * a missing one is reported with the rest of the validation, naming the feature that needs it and the install line,
 * instead of failing halfway through registration.
 */
import { Cloud, DatasourceMode } from "./types";
import type { Peer } from "../util/peer";
import type { Problem } from "./problems";
import type { ResolvedSpec } from "./resolved";

/** Every optional peer, in one place (package.json's peerDependencies say the same). */
export const PEERS = {
    aws: { packageName: "@pulumi/aws", versionRange: "^7.48.0" },
    gcp: { packageName: "@pulumi/gcp", versionRange: "^9.37.0" },
    azure: { packageName: "@pulumi/azure-native", versionRange: "^3.28.0" },
    random: { packageName: "@pulumi/random", versionRange: "^4.21.2" },
    grafana: { packageName: "@pulumiverse/grafana", versionRange: "^2.40.0" },
} as const satisfies Record<string, Peer>;

/** A peer a configuration needs, with the args field of the feature that needs it. */
export interface PeerNeed {
    readonly peer: Peer;
    readonly path: string;
    readonly feature: string;
}

/** The peers the resolved spec needs, each with the field that asks for it. */
export function requiredPeers(spec: ResolvedSpec): PeerNeed[] {
    const needs: PeerNeed[] = [];
    const cloudPeer = { [Cloud.Aws]: PEERS.aws, [Cloud.Gcp]: PEERS.gcp, [Cloud.Azure]: PEERS.azure }[spec.cloud as string];
    if (cloudPeer !== undefined) {
        needs.push({ peer: cloudPeer, path: "cloud", feature: `cloud ${spec.cloud} (bucket and workload identity)` });
    }
    if (spec.local?.inCluster === true && spec.local.secretAccessKey === undefined) {
        needs.push({ peer: PEERS.random, path: "cloud", feature: "cloud local (the in-cluster store's generated secret key)" });
    }
    if (spec.gateway?.basicAuth === true) {
        needs.push({ peer: PEERS.random, path: "gateway.basicAuth", feature: "the gateway's basic auth (its generated password)" });
    }
    if (spec.grafana.datasource === DatasourceMode.GrafanaApi) {
        needs.push({ peer: PEERS.grafana, path: "grafana.datasource", feature: "datasource grafana-api (the Grafana provider)" });
    }
    return needs;
}

/** Problems for the needed peers that `isInstalled` does not find. */
export function missingPeerProblems(needs: readonly PeerNeed[], isInstalled: (packageName: string) => boolean): Problem[] {
    return needs
        .filter(({ peer }) => !isInstalled(peer.packageName))
        .map(({ peer, path, feature }) => ({
            path,
            message: `${feature} needs the optional peer dependency ${peer.packageName}, which is not installed: npm install ${peer.packageName}@"${peer.versionRange}"`,
        }));
}
