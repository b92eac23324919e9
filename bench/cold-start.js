#!/usr/bin/env node
/**
 * Cold start of the built CLI: `node dist/src/cli/main.js --version` against
 * `node -e 0` (Node's own start-up), interleaved, median of RUNS each.
 * Prints both medians and their ratio. Run `npm run build` first.
 *
 *   node bench/cold-start.js [runs]
 */
"use strict";
const { spawnSync } = require("node:child_process");
const { existsSync } = require("node:fs");
const { join } = require("node:path");

const RUNS = Number(process.argv[2] ?? 20);
const CLI = join(__dirname, "..", "dist", "src", "cli", "main.js");

/** Milliseconds one run of `node args` takes, from spawn to exit. */
function time(args) {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`node ${args.join(" ")} exited with ${run.status}: ${run.stderr}`);
  return ms;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

if (!existsSync(CLI)) {
  console.error(`${CLI} not found: run npm run build first`);
  process.exit(1);
}
const baseline = [];
const cli = [];
time(["-e", "0"]);
time([CLI, "--version"]); // warm the file system cache once, unmeasured
for (let i = 0; i < RUNS; i++) {
  baseline.push(time(["-e", "0"]));
  cli.push(time([CLI, "--version"]));
}
const base = median(baseline);
const ours = median(cli);
console.log(`node -e 0:                    median ${base.toFixed(1)} ms over ${RUNS} runs`);
console.log(`opgate --version (built CLI): median ${ours.toFixed(1)} ms over ${RUNS} runs`);
console.log(`ratio: ${(ours / base).toFixed(2)}x`);
