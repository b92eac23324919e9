"use strict";
/**
 * Ways to keep a Result in Terraform state, measured on the real binary
 * without opgate: a root module whose `terraform_data` "kept" takes an OOS
 * Result of N resources once (from a file that is then removed, the
 * `ignore_changes` of the real blocks keeping it), and the cost of every later
 * plan. What each way keeps and reads:
 * - typed: the Result as a typed value (`jsondecode` at apply), as opgate
 *   kept it before; also planned with `-json`, which skips the human plan
 *   renderer;
 * - text: the Result's JSON text, never decoded;
 * - text, decoded: the text, decoded in a local on every plan, two small
 *   outputs reading it (what the module and the constructs do);
 * - text, decoded, tolist: the same with the resources turned into a list;
 * - text, whole list output: the decoded resources as a root output.
 *
 *   node bench/terraform/alternatives.js [--sizes 1000,5000] [--limit SECONDS]
 */
const { rmSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const { markdownTable, seconds } = require("../lib/stats");
const { benchHome, newFolder, removeFolders } = require("./projects");
const { runTerraform, terraformEnvironment } = require("./terraform-run");

/** The kept resource: its input once from result.json, then frozen. */
const KEPT = `resource "terraform_data" "kept" {
  input = try(INPUT, null)
  lifecycle {
    ignore_changes = [input]
  }
}
`;

/** The ways, by name: the expression of the input, the outputs, and the plan's extra flags. */
const WAYS = [
  { name: "typed (opgate before)", input: 'jsondecode(file("result.json"))', outputs: 'output "first" { value = terraform_data.kept.output.resources[0].status }' },
  { name: "typed, plan -json (no human renderer)", input: 'jsondecode(file("result.json"))', outputs: 'output "first" { value = terraform_data.kept.output.resources[0].status }', json: true },
  { name: "text, not decoded", input: 'file("result.json")', outputs: 'output "size" { value = length(terraform_data.kept.output) }' },
  {
    name: "text, decoded in a local (opgate now)",
    input: 'file("result.json")',
    outputs: 'locals { result = jsondecode(terraform_data.kept.output) }\noutput "first" { value = local.result.resources[0].status }\noutput "count" { value = length(local.result.resources) }',
  },
  {
    name: "text, decoded, resources through tolist",
    input: 'file("result.json")',
    outputs: 'locals { result = jsondecode(terraform_data.kept.output) }\noutput "count" { value = length(tolist(local.result.resources)) }',
  },
  {
    name: "text, decoded, the whole list as a root output",
    input: 'file("result.json")',
    outputs: 'locals { result = jsondecode(terraform_data.kept.output) }\noutput "resources" { value = local.result.resources }',
  },
];

/** An OOS Result of `size` resources, as the CLI gives it for the emulator's shorthand. */
function oosResult(size) {
  const resources = Array.from({ length: size }, (_, i) => ({
    resourceId: `i-opgate${String(i + 1).padStart(14, "0")}`,
    status: "Success",
    outputs: { commandOutput: "hello\n" },
    executionTime: "2020-11-13T08:48:34Z",
  }));
  return { service: "oos", operationId: `exec-${size}`, outcome: "SUCCESS", status: "SUCCESS", rawStatus: "Success", message: null, outputs: { counts: { Success: size } }, steps: [], resources, polls: 1, elapsedMs: 1000, error: null };
}

/** One way at one size: apply once, remove the file, then one later plan. */
async function measureWay(way, size, env, limitMs) {
  const dir = newFolder("way-");
  writeFileSync(join(dir, "main.tf"), `${KEPT.replace("INPUT", way.input)}\n${way.outputs}\n`);
  writeFileSync(join(dir, "result.json"), JSON.stringify(oosResult(size)));
  await runTerraform(dir, env, ["init", "-input=false", "-no-color"], limitMs);
  const apply = await runTerraform(dir, env, ["apply", "-auto-approve", "-input=false", "-no-color"], limitMs);
  if (apply.stopped) return apply;
  rmSync(join(dir, "result.json"));
  const flags = way.json ? ["-json"] : ["-no-color"];
  return runTerraform(dir, env, ["plan", "-detailed-exitcode", "-input=false", ...flags], limitMs);
}

/** A plan's cell: CPU time (wall time when /proc gives none), or how long it ran before it was stopped. */
function cpuCell(run) {
  if (run.stopped) return `> ${seconds(run.ms)} wall, stopped`;
  return run.cpuMs === null ? seconds(run.ms) : seconds(run.cpuMs);
}

/** Measures every way at every size; resolves with the Markdown table (CPU time of a later plan). */
async function runAlternatives(log = () => undefined, { sizes = [1000, 5000], limitSeconds = 900 } = {}) {
  // No opgate runs here: nothing is called, so no endpoint nor credential is needed.
  const env = terraformEnvironment(benchHome());
  try {
    const rows = [];
    for (const way of WAYS) {
      const cells = [];
      for (const size of sizes) {
        log(`terraform alternatives: ${way.name}, ${size}`);
        cells.push(cpuCell(await measureWay(way, size, env, limitSeconds * 1000)));
      }
      rows.push([way.name, ...cells]);
    }
    return markdownTable(["kept as", ...sizes.map((size) => `later plan, ${size.toLocaleString("en-US")} resources (CPU)`)], rows);
  } finally {
    removeFolders();
  }
}

module.exports = { runAlternatives };

if (require.main === module) {
  const args = process.argv.slice(2);
  const flag = (name) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
  const options = {};
  if (flag("sizes")) options.sizes = flag("sizes").split(",").map(Number);
  if (flag("limit")) options.limitSeconds = Number(flag("limit"));
  runAlternatives((line) => console.error(`[bench] ${line}`), options).then(
    (table) => console.log(table),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
