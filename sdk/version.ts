/**
 * This package's version, as a constant so that links into its documentation (alert runbooks) point at the docs of
 * the installed release rather than at whatever the default branch says today. `test/packaging.test.ts` keeps it equal
 * to package.json's version.
 */
export const PACKAGE_VERSION = "0.1.0";

/** The published repository, for links into its tagged docs. */
export const REPOSITORY_URL = "https://github.com/tempo-cluster/tempo-cluster";

/** A file of the repository at this release's tag, e.g. `docs/runbooks.md`. */
export function releasedDocUrl(path: string): string {
    return `${REPOSITORY_URL}/blob/v${PACKAGE_VERSION}/${path}`;
}
