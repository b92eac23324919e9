/**
 * Where the installed opgate package lives: the directory of the nearest
 * `package.json` named `opgate` above this module (so it works from `src/`
 * and `dist/`). For the faces that name the package's files or version
 * (the CLI's `--version`, the CDKTF constructs' paths), and for the entry
 * points that need an optional peer dependency installed beside it.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** The directory, once found (`null`: none there). */
let found: string | null | undefined;

/** The directory of opgate's `package.json` above this module, or null when there is none. */
export function findPackageRoot(): string | null {
  if (found !== undefined) return found;
  found = null;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (readPackage(dir)?.name === "opgate") return (found = dir);
    if (dirname(dir) === dir) return found;
  }
}

/** The `version` of the opgate package above this module, or `unknown`. */
export function packageVersion(): string {
  const root = findPackageRoot();
  const version = root === null ? undefined : readPackage(root)?.version;
  return typeof version === "string" && version ? version : "unknown";
}

/** The package.json in `dir`, or undefined when there is none (or it is not readable JSON). */
function readPackage(dir: string): { name?: unknown; version?: unknown } | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: unknown; version?: unknown };
  } catch {
    return undefined;
  }
}

/**
 * Throws an error saying what to install when an optional peer dependency
 * that the entry point `entry` needs does not resolve from this package, so a
 * user reads `npm install @pulumi/pulumi` rather than Node's
 * `Cannot find module`. Each item of `needs` is a package name, or a list of
 * names of which any one will do (the first is the one to install);
 * `install` is the command that installs what is missing.
 */
export function requirePeers(entry: string, needs: readonly (string | readonly string[])[], install: string): void {
  const missing = needs.map((need) => [need].flat()).filter((names) => !names.some(resolvable));
  if (missing.length === 0) return;
  const named = missing.map(([first, ...others]) => (others.length ? `${first} (or ${others.join(", or ")})` : first));
  const what = missing.length === 1 ? "an optional peer dependency of opgate that is not installed" : "optional peer dependencies of opgate that are not installed";
  throw new Error(`${entry} needs ${named.join(" and ")}, ${what}: ${install}`);
}

/** Whether the package `name` resolves from here. */
function resolvable(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch (err) {
    // A package that exists but exports no main entry is installed all the same.
    return (err as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND";
  }
}
