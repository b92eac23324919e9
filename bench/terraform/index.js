"use strict";
/**
 * bench/terraform: what a Result costs in Terraform, on the real `terraform`
 * binary (built-ins only, every provider download forbidden), for both faces:
 * the HCL module `terraform/operation-wait` and a CDKTF stack of one wait
 * construct. Each case waits once against the emulator on 127.0.0.1 (`apply`),
 * then plans again in the same folder (`later plan`, the result file still
 * there) and in a fresh checkout holding only the configuration and the state
 * (`fresh plan`). Cases: OOS executions of N resources, and a BPStudio answer
 * whose `Arguments` is nested `depth` objects deep. Each terraform command is
 * stopped after a time limit. The first row is an empty plan (one
 * `terraform_data`, no opgate) on the same machine. Then the ways to keep a
 * Result that opgate chose from (alternatives.js), at other sizes.
 *
 *   node bench/terraform [--sizes 100,1000,10000] [--depths 64,700] [--faces module,constructs]
 *                        [--alternative-sizes 1000,5000 (none: skip)] [--limit SECONDS]
 *
 * Run `npm run build` first.
 */
const { readdirSync, statSync } = require("node:fs");
const { join } = require("node:path");
const { DEFAULT_CREDENTIALS, startEmulator } = require("opgate/emulator");
const { markdownTable, seconds } = require("../lib/stats");
const { runAlternatives } = require("./alternatives");
const { benchHome, constructsProject, emptyProject, freshCheckout, moduleProject, removeFolders } = require("./projects");
const { runTerraform, terraformEnvironment } = require("./terraform-run");

const DEFAULTS = { sizes: [100, 1000, 10_000], depths: [64, 700], faces: ["module", "constructs"], alternativeSizes: [1000, 5000], limitSeconds: 900 };
const FACES = { module: moduleProject, constructs: constructsProject };

/** `Arguments` nested `depth` objects deep, with a tag map at the bottom (BPStudio sends it as JSON text). */
function nestedArguments(depth) {
  let value = { tagMap: { web: ["i-1"] } };
  for (let level = 1; level < depth; level++) value = { nested: value };
  return value;
}

/** The cases: OOS executions of each size, BPStudio answers of each depth. */
function benchCases(sizes, depths) {
  return [
    ...sizes.map((size) => ({ name: `OOS, ${size.toLocaleString("en-US")} resources`, service: "oos", id: `exec-bench-${size}`, size })),
    ...depths.map((depth) => ({ name: `BPStudio, Arguments ${depth} deep`, service: "bpstudio", id: `op_bench_${depth}`, depth })),
  ];
}

/** The emulator's operation for a case: ends at once with its Result. */
function operationOf(benchCase) {
  return benchCase.service === "oos"
    ? { service: "oos", id: benchCase.id, region: "cn-hangzhou", timeline: [{ count: benchCase.size, status: "Success" }] }
    : { service: "bpstudio", id: benchCase.id, timeline: [{ status: "SUCCESS", arguments: nestedArguments(benchCase.depth) }] };
}

/** Bytes of `file`, or of all files in `folder`; null when absent. */
function sizeOf(path) {
  try {
    const stat = statSync(path);
    if (!stat.isDirectory()) return stat.size;
    return readdirSync(path).reduce((sum, name) => sum + statSync(join(path, name)).size, 0);
  } catch {
    return null;
  }
}

/** `1234567` → `1.2 MB`. */
function bytes(value) {
  if (value === null || value === undefined) return "–";
  if (value >= 2 ** 30) return `${(value / 2 ** 30).toFixed(1)} GB`;
  if (value >= 2 ** 20) return `${(value / 2 ** 20).toFixed(value >= 100 * 2 ** 20 ? 0 : 1)} MB`;
  return `${Math.max(1, Math.round(value / 1024))} KB`;
}

/** A measured command as a table cell: wall time, CPU time and peak memory, or how long it ran before it was stopped. */
function cell(run) {
  if (run === undefined) return "–";
  const cpu = run.cpuMs === null ? "" : ` (CPU ${seconds(run.cpuMs)})`;
  if (run.stopped) return `> ${seconds(run.ms)}${cpu}, stopped`;
  return run.peakBytes === null ? `${seconds(run.ms)}${cpu}` : `${seconds(run.ms)}${cpu}, ${bytes(run.peakBytes)}`;
}

/** Runs one face on one case: init, apply, later plan, fresh-checkout plan. A stopped command ends the case. */
async function measure(face, benchCase, endpoint, env, limitMs) {
  const project = FACES[face](benchCase, endpoint);
  const row = { face, benchCase };
  await runTerraform(project.dir, env, ["init", "-input=false", "-no-color"], limitMs);
  row.apply = await runTerraform(project.dir, env, ["apply", "-auto-approve", "-input=false", "-no-color"], limitMs);
  if (row.apply.stopped) return row;
  row.stateBytes = sizeOf(join(project.dir, "terraform.tfstate"));
  row.resultBytes = sizeOf(join(project.dir, ".opgate"));
  row.plan = await runTerraform(project.dir, env, ["plan", "-detailed-exitcode", "-input=false", "-no-color"], limitMs);
  if (row.plan.stopped) return row;
  const fresh = freshCheckout(project);
  await runTerraform(fresh.dir, env, ["init", "-input=false", "-no-color"], limitMs);
  row.fresh = await runTerraform(fresh.dir, env, ["plan", "-detailed-exitcode", "-input=false", "-no-color"], limitMs);
  return row;
}

/** The Markdown table of the rows, after the empty plan's line. */
function table(empty, rows) {
  const header = ["face", "Result", "apply: wall (CPU), peak memory", "later plan", "fresh-checkout plan", "Terraform state", "result file"];
  const lines = [["(none)", "empty plan: one terraform_data", "–", cell(empty), "–", "–", "–"]];
  for (const row of rows) {
    lines.push([row.face, row.benchCase.name, cell(row.apply), cell(row.plan), cell(row.fresh), bytes(row.stateBytes), bytes(row.resultBytes)]);
  }
  return markdownTable(header, lines);
}

/** The empty plan and every face on every case, against one emulator. */
async function measureAll(cases, faces, limitMs, log) {
  const emulator = await startEmulator({ port: 0, scenario: { operations: cases.map(operationOf) } });
  try {
    const env = terraformEnvironment(benchHome(), {
      OPGATE_ENDPOINT: emulator.url,
      ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_CREDENTIALS.alibabaAccessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_CREDENTIALS.alibabaAccessKeySecret,
    });
    log("terraform: empty plan");
    const empty = emptyProject();
    await runTerraform(empty.dir, env, ["init", "-input=false", "-no-color"], limitMs);
    await runTerraform(empty.dir, env, ["apply", "-auto-approve", "-input=false", "-no-color"], limitMs);
    const emptyPlan = await runTerraform(empty.dir, env, ["plan", "-detailed-exitcode", "-input=false", "-no-color"], limitMs);
    const rows = [];
    for (const face of faces) {
      for (const benchCase of cases) {
        log(`terraform: ${face}, ${benchCase.name}`);
        rows.push(await measure(face, benchCase, emulator.url, env, limitMs));
      }
    }
    return { emptyPlan, rows };
  } finally {
    await emulator.close();
  }
}

/** Runs the bench; resolves with its rows and Markdown tables. */
async function runTerraformBench(log = () => undefined, options = {}) {
  const { sizes, depths, faces, alternativeSizes, limitSeconds } = { ...DEFAULTS, ...options };
  const limitMs = limitSeconds * 1000;
  try {
    const { emptyPlan, rows } = await measureAll(benchCases(sizes, depths), faces, limitMs, log);
    const alternatives = alternativeSizes.length ? await runAlternatives(log, { sizes: alternativeSizes, limitSeconds }) : "(not measured)";
    const setup = `terraform ${terraformVersion()}, built-ins only; each command stopped after ${seconds(limitMs)} of wall time; CPU = user + system time of terraform and what it ran; peak memory = the terraform process's VmHWM`;
    return { rows, emptyPlan, markdown: { setup, main: table(emptyPlan, rows), alternatives } };
  } finally {
    removeFolders();
  }
}

/** `1.11.4`, from `terraform version`. */
function terraformVersion() {
  const { execFileSync } = require("node:child_process");
  const text = execFileSync("terraform", ["version"], { encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
  return /Terraform v(\S+)/.exec(text)?.[1] ?? "unknown";
}

/** `--name a,b` of the command line, as a list (numbers where `numbers`). */
function listFlag(args, name, numbers) {
  const at = args.indexOf(`--${name}`);
  if (at === -1) return undefined;
  const items = (args[at + 1] ?? "").split(",").filter(Boolean);
  return numbers ? items.map(Number) : items;
}

module.exports = { runTerraformBench };

if (require.main === module) {
  const args = process.argv.slice(2);
  const limit = listFlag(args, "limit", true);
  const options = {
    sizes: listFlag(args, "sizes", true),
    depths: listFlag(args, "depths", true),
    faces: listFlag(args, "faces", false),
    alternativeSizes: listFlag(args, "alternative-sizes", true),
    limitSeconds: limit?.[0],
  };
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  runTerraformBench((line) => console.error(`[bench] ${line}`), given).then(
    (r) => console.log(`${r.markdown.setup}\n\n${r.markdown.main}\n\n${r.markdown.alternatives}`),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
