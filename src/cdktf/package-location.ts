/**
 * Where Terraform finds opgate's files at apply time (the CLI, and the empty
 * state file the read falls back to). Terraform runs commands and reads
 * paths from the stack's working directory, `<outdir>/stacks/<stack>`, so
 * the synthesized JSON names them by a path relative to that directory: into
 * the project's `node_modules/opgate`, or to this repository's root when the
 * app lives inside it (e.g. `examples/cdktf`). The same project layout in CI
 * resolves the same way, with no absolute path of the synthesizing machine
 * and no PATH lookup but `node` itself.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Construct } from "constructs";
import { findPackageRoot } from "../package-root";
import type { TerraformKit } from "./terraform-kit";

/** The files Terraform uses, relative to the package root. */
export const PACKAGE_FILES = {
  /** The CLI: `opgate wait ...` (built). */
  cli: "dist/src/cli/main.js",
  /** A state file without outputs: what the read gives where the wait's result file is absent (a fresh checkout). */
  emptyState: "terraform/operation-wait/empty-state.json",
} as const;

/** The directory of opgate's `package.json`, found upwards from this module. */
function packageRoot(): string {
  const root = findPackageRoot();
  if (root === null) throw new Error(`opgate/cdktf: cannot find opgate's package.json above ${__dirname}`);
  return root;
}

/**
 * The path of `file` as seen from the working directory of `scope`'s
 * stack, with forward slashes. Throws when the file is missing (opgate not
 * built) or when no relative path exists (another drive on Windows).
 */
export function packagePath(kit: TerraformKit, scope: Construct, file: keyof typeof PACKAGE_FILES): string {
  const target = path.join(packageRoot(), PACKAGE_FILES[file]);
  if (!fs.existsSync(target)) {
    throw new Error(`opgate/cdktf: ${PACKAGE_FILES[file]} is missing in ${packageRoot()}: build opgate first (npm run build)`);
  }
  const stackDir = path.resolve(kit.App.of(scope).outdir, kit.Manifest.stacksFolder, kit.TerraformStack.of(scope).node.id);
  const relative = path.relative(stackDir, target);
  if (path.isAbsolute(relative)) {
    throw new Error(`opgate/cdktf: ${target} has no path relative to ${stackDir}: keep cdktf.out and node_modules on one drive`);
  }
  return relative.split(path.sep).join("/");
}
