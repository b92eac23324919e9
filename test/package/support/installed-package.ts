/**
 * opgate as a user's project gets it: what `npm pack` of this checkout holds
 * (the build in `dist/` included: `npm test` builds first), unpacked into
 * `<project>/node_modules/opgate` with its bin linked and made executable as
 * npm does, its runtime dependencies linked from this checkout's
 * `node_modules`, and no optional peer (`@pulumi/pulumi`, `cdktf`, `cdktn`,
 * `constructs`) unless a test links one. npm runs offline, with a temporary
 * HOME, and runs no script of the package.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { cliEnv } from "../../cli/support/run-cli";
import { temporaryFolder } from "../../support/temporary-folder";

/** This checkout. */
export const ROOT = join(__dirname, "..", "..", "..");

/** One file of the package, as `npm pack --json` lists it. */
export interface PackedFile {
  path: string;
  size: number;
  mode: number;
}

/** A project with opgate installed. */
export interface InstalledPackage {
  /** The project's directory (with a package.json of its own). */
  project: string;
  /** `<project>/node_modules/opgate`. */
  packageDir: string;
  /** The environment to run commands of the project with: `cliEnv` (no credentials) plus an offline npm. */
  env(extra?: Record<string, string | undefined>): NodeJS.ProcessEnv;
  /** Installs the optional peer `name` (linked from this checkout's node_modules). */
  linkPeer(name: string): void;
}

/** `npm <args>` in `cwd`, offline, with a temporary HOME and none of the npm settings of the run that started jest. */
export function npm(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = npmEnv()): string {
  return execFileSync("npm", args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** The files `npm pack` puts in the package, without running any script. */
export function packList(): PackedFile[] {
  const [pack] = JSON.parse(npm(["pack", "--dry-run", "--json", "--ignore-scripts"], ROOT)) as { files: PackedFile[] }[];
  return pack.files;
}

/** A new project with the package of this checkout installed in it, and no optional peer. */
export function installedPackage(): InstalledPackage {
  const work = temporaryFolder("opgate-package-");
  const [{ filename }] = JSON.parse(npm(["pack", "--json", "--ignore-scripts", "--pack-destination", work], ROOT)) as { filename: string }[];
  const project = join(work, "project");
  const packageDir = join(project, "node_modules", "opgate");
  mkdirSync(packageDir, { recursive: true });
  execFileSync("tar", ["-xzf", join(work, filename), "-C", packageDir, "--strip-components=1"]);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true, devDependencies: { opgate: "*" } }));

  const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { bin: Record<string, string>; dependencies: Record<string, string> };
  const link = (name: string) => {
    const target = join(project, "node_modules", name);
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(join(ROOT, "node_modules", name), target, "dir");
  };
  for (const name of Object.keys(manifest.dependencies)) link(name);
  for (const [name, file] of Object.entries(manifest.bin)) {
    const bin = join(project, "node_modules", ".bin", name);
    mkdirSync(dirname(bin), { recursive: true });
    symlinkSync(join("..", "opgate", file), bin);
    chmodSync(join(packageDir, file), 0o755);
  }
  const home = join(work, "home");
  mkdirSync(home);
  return { project, packageDir, env: (extra = {}) => npmEnv({ ...cliEnv({ HOME: home }, {}), ...extra }), linkPeer: link };
}

/**
 * `base` without the npm settings of the run that started jest (`npm_*`) and
 * without `NODE_PATH` (modules resolve from the project only), with npm
 * offline and quiet: nothing is looked up in a registry.
 */
function npmEnv(base: NodeJS.ProcessEnv = cliEnv({ HOME: temporaryFolder("opgate-npm-home-") }, {})): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) if (!/^(npm_|NODE_PATH$)/i.test(name) && value !== undefined) env[name] = value;
  return { ...env, npm_config_offline: "true", npm_config_update_notifier: "false", npm_config_audit: "false", npm_config_fund: "false" };
}
