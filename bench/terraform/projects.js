"use strict";
/**
 * The Terraform working directories of the bench, as users have them: a root
 * module using `terraform/operation-wait` by a relative source, and a
 * synthesized CDKTF stack of one wait construct, each with the outputs a user
 * would take from a Result (a count, one resource's status, the tag map), and
 * the configuration-only copy of a fresh checkout. All live under
 * `node_modules/.cache/opgate-terraform-bench` of this package, so that the
 * relative paths into the package resolve as from a project into
 * `node_modules/opgate`.
 */
const { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } = require("node:fs");
const { join, relative, sep } = require("node:path");

const ROOT = join(__dirname, "..", "..");
const BASE = join(ROOT, "node_modules", ".cache", "opgate-terraform-bench");
const MODULE = join(ROOT, "terraform", "operation-wait");

/** The wait of one bench case: its service, the inputs naming it, and the outputs that read its Result. */
function waitOf(benchCase) {
  return benchCase.service === "oos"
    ? { service: "oos", inputs: { region: "cn-hangzhou", execution_id: benchCase.id } }
    : { service: "bpstudio", inputs: { operation_id: benchCase.id } };
}

/** A new empty folder under the bench's base folder. */
function newFolder(prefix) {
  mkdirSync(BASE, { recursive: true });
  return mkdtempSync(join(BASE, prefix));
}

/** The HOME of every terraform run (a folder of the bench, with its CLI configuration). */
function benchHome() {
  const home = join(BASE, "home");
  mkdirSync(home, { recursive: true });
  return home;
}

/** Removes every folder the bench made. */
function removeFolders() {
  rmSync(BASE, { recursive: true, force: true });
}

/** A root module in a new folder: the module block for `benchCase` against `endpoint`, and outputs reading its Result. */
function moduleProject(benchCase, endpoint) {
  const dir = newFolder("module-");
  const wait = waitOf(benchCase);
  const source = relative(dir, MODULE).split(sep).join("/");
  const outputs =
    wait.service === "oos"
      ? { counts: "${module.wait.outputs.counts}", first: "${module.wait.resources[0].status}" }
      : { tag_map: "${module.wait.tag_map}" };
  const config = {
    module: { wait: { source, service: wait.service, endpoint, ...wait.inputs } },
    output: { status: { value: "${module.wait.status}" }, ...Object.fromEntries(Object.entries(outputs).map(([name, value]) => [name, { value }])) },
  };
  writeFileSync(join(dir, "main.tf.json"), JSON.stringify(config, null, 2));
  return { dir, files: ["main.tf.json", "terraform.tfstate"] };
}

/** A synthesized CDKTF stack in a new project: one wait construct for `benchCase` against `endpoint`, with outputs. */
function constructsProject(benchCase, endpoint) {
  const { App, Fn, LocalBackend, TerraformOutput, TerraformStack } = require("cdktf");
  const { BpStudioOperationWait, OosExecutionWait } = require("opgate/cdktf");
  const project = newFolder("cdktf-");
  const app = new App({ outdir: join(project, "cdktf.out") });
  const stack = new TerraformStack(app, "bench");
  new LocalBackend(stack, { path: "terraform.tfstate" });
  if (benchCase.service === "oos") {
    const wait = new OosExecutionWait(stack, "wait", { region: "cn-hangzhou", executionId: benchCase.id, endpoint });
    new TerraformOutput(stack, "status", { value: wait.status });
    new TerraformOutput(stack, "counts", { value: Fn.lookup(wait.outputs, "counts", null) });
    new TerraformOutput(stack, "first", { value: Fn.lookup(Fn.element(wait.resources, 0), "status", null) });
  } else {
    const wait = new BpStudioOperationWait(stack, "wait", { operationId: benchCase.id, endpoint });
    new TerraformOutput(stack, "status", { value: wait.status });
    new TerraformOutput(stack, "tagMap", { value: wait.tagMap });
  }
  app.synth();
  return { dir: join(project, "cdktf.out", "stacks", "bench"), files: ["cdk.tf.json", "terraform.tfstate"] };
}

/**
 * A fresh checkout of `project`: a new folder at the same depth holding only
 * its configuration and state (no `.opgate/`, no `.terraform`).
 */
function freshCheckout(project) {
  const depth = relative(BASE, project.dir).split(sep).length;
  let dir = newFolder("fresh-");
  for (let level = 1; level < depth; level++) dir = join(dir, `level-${level}`);
  mkdirSync(dir, { recursive: true });
  for (const file of project.files) copyFileSync(join(project.dir, file), join(dir, file));
  return { dir, files: project.files };
}

/** A root module with a single `terraform_data`: what an empty plan costs. */
function emptyProject() {
  const dir = newFolder("empty-");
  writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ resource: { terraform_data: { nothing: { input: "x" } } } }, null, 2));
  return { dir, files: ["main.tf.json", "terraform.tfstate"] };
}

module.exports = { benchHome, constructsProject, emptyProject, freshCheckout, moduleProject, newFolder, removeFolders };
