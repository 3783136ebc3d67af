/**
 * File-tree helpers shared by the render tests.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** Every file below `dir`, relative path → contents, in sorted order. */
export function tree(dir: string): Map<string, string> {
    const files = new Map<string, string>();
    const walk = (current: string) => {
        for (const entry of readdirSync(current).sort()) {
            const path = join(current, entry);
            if (statSync(path).isDirectory()) {
                walk(path);
            } else {
                files.set(relative(dir, path), readFileSync(path, "utf8"));
            }
        }
    };
    walk(dir);
    return files;
}

/** Names of the committed stacks (`stacks/Pulumi.<name>.yaml`). */
export function committedStackNames(stacksDir: string): string[] {
    return readdirSync(stacksDir)
        .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
        .filter((name): name is string => name !== undefined)
        .sort();
}
