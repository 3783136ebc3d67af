/**
 * Lazy loading of optional peer dependencies (cloud SDKs), so an AWS program never loads gcp or azure-native and a
 * missing SDK produces an actionable message instead of a stack trace.
 */

/** Runs `load` (a `require` of a submodule) and turns "module not found" into an install hint. */
export function requirePeer<T>(packageName: string, versionRange: string, load: () => T): T {
    try {
        return load();
    } catch (error) {
        if ((error as NodeJS.ErrnoException)?.code === "MODULE_NOT_FOUND" && String(error).includes(packageName)) {
            throw new Error(
                `TempoCluster needs the optional peer dependency ${packageName} for this cloud: ` +
                    `npm install ${packageName}@"${versionRange}"`,
            );
        }
        throw error;
    }
}
