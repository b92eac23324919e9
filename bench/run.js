#!/usr/bin/env node
/**
 * `npm run bench` (= `npm run build && node bench/run.js`): runs every bench
 * on the built code, prints its tables and writes them into
 * docs/performance.md between its `<!-- bench:NAME -->` and
 * `<!-- /bench:NAME -->` markers, with the machine, date and command.
 *
 *   node bench/run.js [schedule] [scale] [services] [cold-start] [terraform]   (default: all)
 */
"use strict";
const { spawnSync } = require("node:child_process");
const { existsSync, readFileSync, writeFileSync } = require("node:fs");
const os = require("node:os");
const { join } = require("node:path");

const PARTS = ["schedule", "scale", "services", "cold-start", "terraform"];
const DOC = join(__dirname, "..", "docs", "performance.md");
const COLD_START = join(__dirname, "cold-start.js");

const log = (line) => console.error(`[bench] ${line}`);

function machine() {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const date = new Date().toISOString().slice(0, 10);
  const args = process.argv.slice(2);
  const command = args.length ? `npm run build && node bench/run.js ${args.join(" ")}` : "npm run bench";
  return `${os.availableParallelism()} CPUs (nproc), ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}; ${date}; \`${command}\``;
}

async function schedule() {
  const { runScheduleBench } = require("./schedule");
  const r = await runScheduleBench(log);
  return {
    "schedule-setup": r.markdown.defaults,
    "schedule-main": r.markdown.main,
    "schedule-sources": r.markdown.sources,
    "schedule-head-to-head": r.markdown.headToHead,
    "schedule-estimator": r.markdown.estimator,
    "schedule-last-look": r.markdown.lastLook,
  };
}

async function scale() {
  const { runScaleBench } = require("./scale");
  const r = await runScaleBench(log);
  return { "scale-setup": `${r.markdown.setup}.\n\n${r.markdown.capacity}.`, "scale-main": r.markdown.scale };
}

async function services() {
  const { runServicesBench } = require("./services");
  const r = await runServicesBench(log);
  return { "services-setup": r.markdown.setup, "services-main": r.markdown.table };
}

async function coldStart() {
  if (!existsSync(COLD_START)) return { "cold-start": "bench/cold-start.js is not there yet." };
  log("cold start");
  const run = spawnSync(process.execPath, [COLD_START], { encoding: "utf8" });
  if (run.status !== 0) return { "cold-start": `bench/cold-start.js failed (exit ${run.status}):\n\n\`\`\`\n${run.stderr.trim()}\n\`\`\`` };
  return { "cold-start": `\`\`\`\n${run.stdout.trim()}\n\`\`\`` };
}

async function terraform() {
  const { runTerraformBench } = require("./terraform");
  const r = await runTerraformBench(log);
  return { "terraform-setup": r.markdown.setup, "terraform-main": r.markdown.main, "terraform-alternatives": r.markdown.alternatives };
}

/** `doc` with the text between each `<!-- bench:NAME -->` and `<!-- /bench:NAME -->` replaced. */
function fillMarkers(doc, sections) {
  let out = doc;
  for (const [name, text] of Object.entries(sections)) {
    const pattern = new RegExp(`(<!-- bench:${name} -->)[\\s\\S]*?(<!-- /bench:${name} -->)`);
    if (!pattern.test(out)) {
      log(`docs/performance.md has no markers for ${name}; left out`);
      continue;
    }
    out = out.replace(pattern, (_, open, close) => `${open}\n${text}\n${close}`);
  }
  return out;
}

async function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((p) => !PARTS.includes(p));
  if (unknown.length) {
    console.error(`unknown part ${unknown.join(", ")}: use ${PARTS.join(", ")}`);
    process.exit(2);
  }
  const run = (part) => wanted.length === 0 || wanted.includes(part);
  const sections = { machine: machine() };
  if (run("schedule")) Object.assign(sections, await schedule());
  if (run("scale")) Object.assign(sections, await scale());
  if (run("services")) Object.assign(sections, await services());
  if (run("cold-start")) Object.assign(sections, await coldStart());
  if (run("terraform")) Object.assign(sections, await terraform());
  for (const [name, text] of Object.entries(sections)) console.log(`\n## ${name}\n\n${text}`);
  if (existsSync(DOC)) {
    writeFileSync(DOC, fillMarkers(readFileSync(DOC, "utf8"), sections));
    log("docs/performance.md updated");
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
