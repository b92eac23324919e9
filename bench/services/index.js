"use strict";
/**
 * bench/services: the same waits for each kind of wait, the four services and
 * the generic waiter (`api`, on the ECS example of examples/api/), against
 * the emulator over real HTTP on 127.0.0.1 with signatures verified, at
 * opgate's default schedule:
 * - calls and detection lag: WAITS operations per kind, each running for the
 *   same seeded durations (log-uniform 2 to 30 s from its first request),
 *   all waited for at once in this process;
 * - the cost of loading: in fresh processes (bench/services/first-wait.js),
 *   `require("opgate")`, then a first and a second wait on an operation that
 *   is already done (one request each), median of RUNS processes per kind.
 */
const { spawn } = require("node:child_process");
const { mkdtempSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { configureRateLimits, startEmulator, waitForOperation } = require("../lib/opgate");
const { seeded, logUniform } = require("../lib/random");
const { quantile, seconds, fixed, markdownTable } = require("../lib/stats");
const { SERVICES, operation, waitOptions } = require("./waits");

const WAITS = 20;
const RUNS = 9;
const SEED = 20261207;
const [SHORTEST_MS, LONGEST_MS] = [2000, 30_000];
/**
 * The process-wide rate limit per API (default 20 requests/s) raised, so
 * that the kinds compare on their schedule and answers, not on the limiter.
 */
const RATE_LIMIT = { ratePerSecond: 1000 };
/** The operations the fresh processes wait for: done at their first request. */
const DONE = ["done-1", "done-2"];

/** Resolves with the JSON line `node first-wait.js service` prints. */
function firstWait(service, endpoint, home) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, "first-wait.js"), service], {
      env: { PATH: process.env.PATH, HOME: home, ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true", OPGATE_ENDPOINT: endpoint },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`first-wait.js ${service} exited with ${code}: ${err}`))));
  });
}

const median = (values) => quantile(values, 0.5);
const ms = (value) => `${fixed(value, 1)} ms`;

/** Runs the bench; resolves with its figures and their Markdown. */
async function runServicesBench(log) {
  const random = seeded(SEED);
  const durations = Array.from({ length: WAITS }, () => logUniform(random, SHORTEST_MS, LONGEST_MS));
  const operations = SERVICES.flatMap((service) => [
    ...durations.map((runningMs, i) => operation(service, `w-${i}`, runningMs)),
    ...DONE.map((id) => operation(service, id, 0)),
  ]);
  const emulator = await startEmulator({ scenario: { operations } });
  const home = mkdtempSync(join(tmpdir(), "opgate-bench-services-"));
  try {
    configureRateLimits(RATE_LIMIT);
    log(`services: ${WAITS} waits per kind at once (${SERVICES.join(", ")})`);
    const waits = await Promise.all(
      SERVICES.flatMap((service) =>
        durations.map(async (runningMs, i) => {
          const result = await waitForOperation(waitOptions(service, `w-${i}`, emulator.url));
          return { service, id: `w-${i}`, runningMs, endedAt: Date.now(), result };
        }),
      ),
    );
    // The fresh processes of the kinds take turns, so that no kind runs on colder caches than another.
    const fresh = Object.fromEntries(SERVICES.map((service) => [service, []]));
    log(`services: ${RUNS} fresh processes per kind`);
    for (let run = 0; run < RUNS; run++) for (const service of SERVICES) fresh[service].push(await firstWait(service, emulator.url, home));
    const rows = SERVICES.map((service) => {
      const own = waits.filter((wait) => wait.service === service);
      const measured = own.map((wait) => {
        const requests = emulator.requests.filter((r) => r.service === service && r.operationId === wait.id);
        return { calls: requests.length, lagMs: wait.endedAt - (requests[0].time + wait.runningMs) };
      });
      const loading = (name) => median(fresh[service].map((f) => f[name]));
      return {
        service,
        waits: own.length,
        succeeded: own.filter((wait) => wait.result.outcome === "SUCCESS").length,
        callsMean: measured.reduce((sum, m) => sum + m.calls, 0) / measured.length,
        lag: measured.map((m) => m.lagMs),
        requireMs: loading("requireMs"),
        firstMs: loading("firstMs"),
        secondMs: loading("secondMs"),
        modules: loading("modules"),
      };
    });
    return { rows, markdown: render(rows) };
  } finally {
    await emulator.close();
    rmSync(home, { recursive: true, force: true });
  }
}

/** The setup line and the table. */
function render(rows) {
  const setup =
    `${WAITS} waits per kind at once, each operation running ${seconds(SHORTEST_MS)} … ${seconds(LONGEST_MS)} (log-uniform, seed ${SEED}, the same durations for every kind) from its first request, ` +
    `opgate's default schedule, rate limit raised to ${RATE_LIMIT.ratePerSecond} requests/s per API; ` +
    `the loading figures are medians of ${RUNS} fresh processes per kind, each waiting twice on an operation already done (one request each)`;
  const table = markdownTable(
    ["wait", "waits", "ended SUCCESS", "calls per wait", "lag p50", "lag p95", "lag max", 'require("opgate")', "first wait", "second wait", "modules the first wait loads"],
    rows.map((r) => [
      r.service === "api" ? "**api** (ECS `DescribeInstances`)" : r.service,
      r.waits,
      r.succeeded,
      fixed(r.callsMean, 1),
      seconds(quantile(r.lag, 0.5)),
      seconds(quantile(r.lag, 0.95)),
      seconds(Math.max(...r.lag)),
      ms(r.requireMs),
      ms(r.firstMs),
      ms(r.secondMs),
      String(r.modules),
    ]),
  );
  return { setup, table };
}

module.exports = { runServicesBench };
