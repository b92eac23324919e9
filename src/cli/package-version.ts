/**
 * The version of the installed opgate package, read from its package.json
 * (found by walking up from this file, so it works from `src/` and `dist/`).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** The `version` of the nearest package.json named `opgate` above `from`. */
export function packageVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "opgate" && pkg.version) return pkg.version;
    } catch {
      // No (readable) package.json here: look further up.
    }
    if (dirname(dir) === dir) return "unknown";
  }
}
