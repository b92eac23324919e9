/**
 * Shared setup of the CDKTF tests: projects synthesized inside this
 * repository (as an app under `examples/` would be, so that relative paths
 * lead back into the package), and fresh checkouts of a synthesized stack.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { newFolder, removeFolders } from "../terraform/support/terraform";

export { REPO } from "../terraform/support/terraform";

/** The stack name every test app uses. */
export const STACK = "waits";
/** State file of a project, relative to the stack directory (a LocalBackend path that is not absolute). */
export const STATE_FROM_STACK = "../../../terraform.waits.tfstate";

/** A new empty project directory inside the repository, all at the same depth. Removed by `cleanUp`. */
export function newProject(): string {
  return newFolder("cdktf-");
}

/** Removes every directory this test file's `newProject`, `freshCopy` and `temporaryHome` made. */
export function cleanUp(): void {
  removeFolders();
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
 * JSON and the state file (no `.opgate/` result file, no `.terraform`,
 * nothing written by an earlier run). Returns the new project.
 */
export function freshCopy(project: string): string {
  const copy = newProject();
  fs.mkdirSync(stackDirectory(copy), { recursive: true });
  fs.copyFileSync(path.join(stackDirectory(project), "cdk.tf.json"), path.join(stackDirectory(copy), "cdk.tf.json"));
  const state = path.resolve(stackDirectory(project), STATE_FROM_STACK);
  fs.copyFileSync(state, path.resolve(stackDirectory(copy), STATE_FROM_STACK));
  return copy;
}

/** A temporary HOME (no credential profile of the machine is read), removed by `cleanUp`. */
export function temporaryHome(): string {
  return newFolder("home-");
}
