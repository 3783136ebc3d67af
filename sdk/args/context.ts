/** Where the component runs: needed to derive and check names. */
export interface SpecContext {
    /** The component's resource name; also the Helm release name and the prefix of every Service. */
    readonly name: string;
    /** Pulumi project. */
    readonly project: string;
    /** Pulumi stack. */
    readonly stack: string;
    /**
     * Whether an optional peer dependency is installed; given by the shell, so a missing peer is reported with the
     * other problems before any resource exists. Without it, peers are not checked.
     */
    readonly isInstalled?: (packageName: string) => boolean;
}