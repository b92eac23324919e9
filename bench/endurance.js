#!/usr/bin/env node
/**
 * Endurance: N waits at once in one process against one emulator (the four
 * services mixed, faults on in most), all run to completion. Every wait's
 * outcome is known in advance and checked; unhandled rejections are
 * counted; RSS is sampled before, at its peak and after (after a GC when
 * `--expose-gc` is given). Run `npm run build` first.
 *
 *   node --expose-gc bench/endurance.js [N=2000] [rounds=1]
 *
 * More than one round shows whether memory returns to a steady level
 * (the first round also pays for warming up: code, caches, sockets).
 * The reliability tests run the same function on the sources with a
 * smaller N (`test/reliability/endurance.test.ts`).
 */
"use strict";
const { mkdtempSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { SERVICE_SCRIPTS, timeline } = require("./lib/emulated-services");

/**
 * The kinds of wait, cycled per service. `end` is the phase the operation
 * ends in (null: it never ends, a fault does), `expect` the outcome the wait
 * must have. Services without the end phase skip the kind.
 */
const KINDS = [
  { name: "success", end: "success", expect: "SUCCESS", faults: [] },
  {
    name: "success through faults",
    end: "success",
    expect: "SUCCESS",
    faults: [
      { poll: 1, kind: "throttle" },
      { poll: 3, kind: "server-error" },
      { poll: 4, kind: "truncated" },
      { poll: 5, kind: "reset" },
      { poll: 7, kind: "error-body" },
    ],
  },
  { name: "failure", end: "failure", expect: "FAILURE", faults: [{ poll: 2, kind: "malformed" }] },
  { name: "cancelled", end: "cancelled", expect: "CANCELLED", faults: [{ poll: 2, kind: "throttle", retryAfter: 0 }] },
  { name: "permanent error", end: null, expect: "ERROR", faults: [{ poll: 3, kind: "skewed-clock" }] },
  { name: "expired", end: null, expect: "ERROR", faults: [{ from: 3, kind: "expire" }] },
];

/** The schedule of every wait: quick polls, a deadline no wait may reach. */
const TUNING = { minDelayMs: 50, maxDelayMs: 250, retryDelayMs: 50, notFoundGraceMs: 300 };
const DEADLINE = "10m";
/**
 * The process-wide rate limit per API and credential (default 20 requests/s):
 * raised so that a run takes seconds, not minutes. It still halves on every
 * throttling answer and honours Retry-After, as in production.
 */
const RATE_LIMIT = { ratePerSecond: 1000 };

/**
 * Wait number `i`: its service, scenario operation, options and expected outcome.
 * @param {number} i
 */
function planOf(i) {
  const script = SERVICE_SCRIPTS[i % SERVICE_SCRIPTS.length];
  const kinds = KINDS.filter((k) => k.end === null || script.raws[k.end] !== undefined);
  const kind = kinds[Math.floor(i / SERVICE_SCRIPTS.length) % kinds.length];
  const id = `endurance-${script.service}-${i}`;
  const running = 2 + (i % 5);
  const frames = kind.end === null ? [["running"]] : [["running", running], [kind.end]];
  return {
    kind: kind.name,
    expect: kind.expect,
    operation: script.operation(id, timeline(script, ...frames), kind.faults),
    wait: script.wait(id),
  };
}

/** Samples the RSS every `everyMs` and keeps the peak. */
function rssSampler(everyMs) {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss());
    },
  };
}

/** Collects garbage twice when the process allows it (`--expose-gc`), letting timers and sockets settle in between. */
async function settle() {
  for (let i = 0; i < 2; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (typeof global.gc === "function") global.gc();
  }
}

/** RSS and V8 heap in use, in bytes. */
function memory() {
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

/**
 * Runs `n` waits at once against one emulator and checks every outcome.
 * `lib` supplies `waitForOperation`, `configureRateLimits` and `startEmulator`
 * (from the built package or the sources), `env` the emulator's credentials as
 * environment. Raises the process-wide rate limit to `RATE_LIMIT` (each
 * emulator has its own).
 * Memory is measured once the emulator is up with its operations loaded
 * (before), while the waits run (peak RSS), and once they are over and the
 * emulator is closed (after).
 * @returns {Promise<{ n: number, tally: Record<string, number>, mismatches: string[], unhandledRejections: number,
 *   requests: number, before: { rss: number, heapUsed: number }, peakRss: number, after: { rss: number, heapUsed: number }, gc: boolean }>}
 */
async function runEndurance(lib, { n, env }) {
  let unhandledRejections = 0;
  const onUnhandled = () => unhandledRejections++;
  process.on("unhandledRejection", onUnhandled);
  lib.configureRateLimits(RATE_LIMIT);
  try {
    const run = await withEmulator(lib, (emu) => runAgainst(emu, lib, n, env));
    await settle();
    return { n, ...run, unhandledRejections, after: memory(), gc: typeof global.gc === "function" };
  } finally {
    process.off("unhandledRejection", onUnhandled);
  }
}

/** Runs `fn` with a fresh emulator, closed afterwards. */
async function withEmulator(lib, fn) {
  const emu = await lib.startEmulator({ port: 0 });
  try {
    return await fn(emu);
  } finally {
    await emu.close();
  }
}

/** The waits of `runEndurance` against `emu`; keeps nothing of them but the tally, so that the memory after can fall back. */
async function runAgainst(emu, lib, n, env) {
  const plans = Array.from({ length: n }, (_, i) => planOf(i));
  for (const plan of plans) emu.addOperation(plan.operation);
  await settle();
  const before = memory();
  const sampler = rssSampler(50);
  const results = await Promise.all(
    plans.map((plan) => lib.waitForOperation({ ...plan.wait, endpoint: emu.url, env, timeout: DEADLINE, tuning: TUNING })),
  );
  const peakRss = sampler.stop();
  const tally = {};
  const mismatches = [];
  results.forEach((result, i) => {
    const key = `${plans[i].expect} ${result.outcome}`;
    tally[key] = (tally[key] ?? 0) + 1;
    if (result.outcome !== plans[i].expect) mismatches.push(`${result.operationId} (${plans[i].kind}): ${result.outcome} ${result.message}`);
  });
  return { tally, mismatches, requests: emu.stats().requests, before, peakRss };
}

/** `123456789` → `117.7 MiB`. */
function mib(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

async function main() {
  const n = Number(process.argv[2] ?? 2000);
  const rounds = Number(process.argv[3] ?? 1);
  const lib = { ...require("opgate"), ...require("opgate/emulator") };
  const c = lib.DEFAULT_CREDENTIALS;
  const env = {
    ALIBABA_CLOUD_ACCESS_KEY_ID: c.alibabaAccessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: c.alibabaAccessKeySecret,
    HW_ACCESS_KEY: c.huaweiAccessKey,
    HW_SECRET_KEY: c.huaweiSecretKey,
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
    HOME: mkdtempSync(join(tmpdir(), "opgate-endurance-")),
  };
  for (let round = 1; round <= rounds; round++) {
    const report = await runEndurance(lib, { n, env });
    const gc = report.gc ? "after a forced GC" : "no --expose-gc: no forced GC";
    console.log(`round ${round}/${rounds}: ${report.n} concurrent waits, ${report.requests} requests to the emulator`);
    console.log(`  outcomes (expected actual: count): ${JSON.stringify(report.tally)}`);
    console.log(`  mismatches: ${report.mismatches.length}${report.mismatches.length ? `\n    ${report.mismatches.slice(0, 20).join("\n    ")}` : ""}`);
    console.log(`  unhandled rejections: ${report.unhandledRejections}`);
    console.log(`  RSS before ${mib(report.before.rss)}, peak ${mib(report.peakRss)}, after ${mib(report.after.rss)} (${gc})`);
    console.log(`  V8 heap in use before ${mib(report.before.heapUsed)}, after ${mib(report.after.heapUsed)}`);
    if (report.mismatches.length || report.unhandledRejections) process.exitCode = 1;
  }
}

module.exports = { runEndurance, planOf, KINDS };

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
