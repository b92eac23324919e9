/**
 * Where the installed opgate package lives: the directory of the nearest
 * `package.json` named `opgate` above this module (so it works from `src/`
 * and `dist/`). For the faces that name the package's files or version
 * (the CLI's `--version`, the CDKTF constructs' paths).
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
