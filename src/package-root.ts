/**
 * Where the installed opgate package lives: the directory of the nearest
 * `package.json` named `opgate` above this module (so it works from `src/`
 * and `dist/`). For the faces that name the package's files or version
 * (the CLI's `--version`, the CDKTF constructs' paths).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** The directory, once found above `__dirname` (`null`: none there). */
let found: string | null | undefined;

/** The directory of opgate's `package.json` above `from`, or null when there is none. */
export function findPackageRoot(from: string = __dirname): string | null {
  if (from === __dirname && found !== undefined) return found;
  let root: string | null = null;
  for (let dir = from; ; dir = dirname(dir)) {
    if (readPackage(dir)?.name === "opgate") {
      root = dir;
      break;
    }
    if (dirname(dir) === dir) break;
  }
  if (from === __dirname) found = root;
  return root;
}

/** The `version` of the opgate package above `from`, or `unknown`. */
export function packageVersion(from: string = __dirname): string {
  const root = findPackageRoot(from);
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
