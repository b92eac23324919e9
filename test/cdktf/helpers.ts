/**
 * Shared setup of the CDKTF tests: projects synthesized inside this
 * repository (as an app under `examples/` would be), the environment
 * Terraform runs with, and fresh checkouts of a synthesized stack.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { DEFAULT_CREDENTIALS } from "../../src/emulator";

/** The repository (the opgate package root). */
export const REPO = path.resolve(__dirname, "../..");
/** The stack name every test app uses. */
export const STACK = "waits";
/** State file of a project, relative to the stack directory (a LocalBackend path that is not absolute). */
export const STATE_FROM_STACK = "../../../terraform.waits.tfstate";

const created: string[] = [];

/**
 * A new empty project directory inside the repository, all at the same depth
 * (so that the relative path to the package is the same for every project,
 * as for a fresh checkout of one project). Removed by `cleanUp`.
 */
export function newProject(): string {
  const base = path.join(REPO, "node_modules", ".cache", "opgate-cdktf-tests");
  fs.mkdirSync(base, { recursive: true });
  const dir = fs.mkdtempSync(path.join(base, "project-"));
  created.push(dir);
  return dir;
}

/** Removes every directory this test file's `newProject`, `freshCopy` and `temporaryHome` made. */
export function cleanUp(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Synthesizes an app of one stack (`define` adds the constructs) into
 * `<project>/cdktf.out` as `cdktf synth` does, with the state kept at the
 * project root through a relative LocalBackend path. Returns the stack directory.
 */
export function synthesize(project: string, define: (stack: TerraformStack) => void): string {
  const app = new App({ outdir: path.join(project, "cdktf.out") });
  const stack = new TerraformStack(app, STACK);
  new LocalBackend(stack, { path: STATE_FROM_STACK });
  define(stack);
  app.synth();
  return stackDirectory(project);
}

/** `<project>/cdktf.out/stacks/<stack>`. */
export function stackDirectory(project: string): string {
  return path.join(project, "cdktf.out", "stacks", STACK);
}

/** The synthesized JSON text of a project. */
export function synthesizedText(project: string): string {
  return fs.readFileSync(path.join(stackDirectory(project), "cdk.tf.json"), "utf8");
}

/**
 * A fresh checkout of `project`: a new project holding only the synthesized
 * JSON and the state file (no other file of the stack directory, nothing
 * written by an earlier run). Returns the new project.
 */
export function freshCopy(project: string): string {
  const copy = newProject();
  fs.mkdirSync(stackDirectory(copy), { recursive: true });
  fs.copyFileSync(path.join(stackDirectory(project), "cdk.tf.json"), path.join(stackDirectory(copy), "cdk.tf.json"));
  const state = path.resolve(stackDirectory(project), STATE_FROM_STACK);
  fs.copyFileSync(state, path.resolve(stackDirectory(copy), STATE_FROM_STACK));
  return copy;
}

/** A temporary HOME (no credential profile of the machine is read). */
export function temporaryHome(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "opgate-cdktf-home-"));
  created.push(dir);
  return dir;
}

/**
 * The environment `terraform apply` runs with: PATH without any
 * `node_modules/.bin` (only node's own directory and the system's), a
 * temporary HOME, no ECS metadata lookups, and the emulator's credentials
 * unless `credentials` is false. Nothing else of the test process leaks in.
 */
export function terraformEnvironment(home: string, options: { credentials?: boolean; extra?: Record<string, string> } = {}): Record<string, string> {
  const system = (process.env.PATH ?? "").split(path.delimiter).filter((dir) => dir && !dir.includes("node_modules"));
  const env: Record<string, string> = {
    PATH: [path.dirname(process.execPath), ...system].join(path.delimiter),
    HOME: home,
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
  };
  if (options.credentials !== false) {
    Object.assign(env, {
      ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_CREDENTIALS.alibabaAccessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_CREDENTIALS.alibabaAccessKeySecret,
      HW_ACCESS_KEY: DEFAULT_CREDENTIALS.huaweiAccessKey,
      HW_SECRET_KEY: DEFAULT_CREDENTIALS.huaweiSecretKey,
    });
  }
  return { ...env, ...options.extra };
}
