/**
 * Lazy loading of optional peer dependencies (cloud SDKs, random, the Grafana provider), so an AWS program never
 * loads gcp or azure-native. Which peers a configuration needs is decided before any resource exists
 * (`args/peers.ts`); `requirePeer` is the last line of defence and says the same thing.
 */

/** One optional peer: its npm name and the version range this package is tested with. */
export interface Peer {
    readonly packageName: string;
    readonly versionRange: string;
}

/** Whether an optional peer can be loaded from where this package is installed. */
export function peerInstalled(packageName: string): boolean {
    try {
        require.resolve(packageName);
        return true;
    } catch {
        return false;
    }
}

/** Runs `load` (a `require` of a submodule) and turns "module not found" into an install hint. */
export function requirePeer<T>(peer: Peer, load: () => T): T {
    try {
        return load();
    } catch (error) {
        if ((error as NodeJS.ErrnoException)?.code === "MODULE_NOT_FOUND" && String(error).includes(peer.packageName)) {
            throw new Error(
                `TempoCluster needs the optional peer dependency ${peer.packageName}: npm install ${peer.packageName}@"${peer.versionRange}"`,
            );
        }
        throw error;
    }
}
