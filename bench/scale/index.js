"use strict";
/**
 * bench/scale: N concurrent waits against the emulator with a server-side
 * rate limit (it answers Throttling.User above it), real HTTP on 127.0.0.1
 * with signatures verified. opgate (its engine at the default schedule, all
 * waits sharing one rate limiter) against N independent @smithy/util-waiter
 * waiters doing the same signed request with the product's client. The
 * emulator and the waiters run in separate processes, each measured.
 * Operations end 3 to 30 s (log-uniform) after their first answered request.
 */
const { fork } = require("node:child_process");
const { join } = require("node:path");
const { seeded, logUniform } = require("../lib/random");
const { quantile, seconds, percent, fixed, markdownTable } = require("../lib/stats");
const { emrOperation } = require("./emr-client");

/** Requests per second the emulator answers; above it, Throttling.User. */
const SERVER_LIMIT = 500;
/** opgate's shared limiter: configured above the server's limit, so AIMD has to find it. */
const LIMITER = { ratePerSecond: 2 * SERVER_LIMIT };
const SEED = 7;

/** Sends `msg` to `child` and resolves with its first reply of type `type`. */
function ask(child, msg, type) {
  return new Promise((resolve, reject) => {
    const onMessage = (reply) => {
      if (reply.type !== type) return;
      child.off("message", onMessage);
      child.off("exit", onExit);
      resolve(reply);
    };
    const onExit = (code) => reject(new Error(`${msg.type}: the child exited with ${code}`));
    child.on("message", onMessage);
    child.once("exit", onExit);
    child.send(msg);
  });
}

function spawn(file) {
  return fork(join(__dirname, file), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
}

/** One run: a fresh emulator, N waits of `contender`; resolves with the figures. */
async function runOnce(contender, count) {
  const random = seeded(SEED + count);
  const waits = Array.from({ length: count }, (_, i) => ({ id: `op-scale-${i}`, durationMs: logUniform(random, 3000, 30_000) }));
  const emulator = spawn("emulator-process.js");
  const client = spawn("client-process.js");
  try {
    const operations = waits.map((w) => emrOperation(w.id, w.durationMs));
    const { url } = await ask(emulator, { type: "start", rateLimit: { perSecond: SERVER_LIMIT }, operations }, "ready");
    const before = await ask(emulator, { type: "measure" }, "measured");
    const done = await ask(client, { type: "run", contender, url, waits, limiter: LIMITER }, "done");
    const after = await ask(emulator, { type: "measure" }, "measured");
    return { contender, count, done, emulator: { before, after } };
  } finally {
    emulator.kill();
    client.kill();
  }
}

/** Emulator capacity: signed requests per second it answers with no rate limit, `concurrency` clients in a loop for `ms`. */
async function capacity(concurrency = 64, ms = 5000) {
  const emulator = spawn("emulator-process.js");
  const client = spawn("client-process.js");
  try {
    const operations = [emrOperation("op-capacity", 3600_000)];
    const { url } = await ask(emulator, { type: "start", rateLimit: null, operations }, "ready");
    const before = await ask(emulator, { type: "measure" }, "measured");
    const done = await ask(client, { type: "blast", url, operationId: "op-capacity", concurrency, ms }, "blasted");
    const after = await ask(emulator, { type: "measure" }, "measured");
    return { concurrency, done, requestsPerSecond: ((after.stats.requests - before.stats.requests) * 1000) / done.wallMs, emulatorCpuMs: after.cpuMs - before.cpuMs };
  } finally {
    emulator.kill();
    client.kill();
  }
}

function summary(run) {
  const { done, emulator } = run;
  const lags = done.waits.map((w) => w.lagMs).filter((x) => x !== null);
  const firsts = done.waits.map((w) => w.firstAnswerMs).filter((x) => x !== null);
  const succeeded = done.waits.filter((w) => w.outcome === "SUCCESS").length;
  const served = emulator.after.stats.requests - emulator.before.stats.requests;
  return {
    contender: run.contender,
    count: run.count,
    succeeded,
    requests: done.counts.requests,
    throttled: done.counts.throttled,
    throttledShare: done.counts.throttled / done.counts.requests,
    otherErrors: done.counts.otherErrors,
    callsPerWait: done.counts.requests / run.count,
    firstAnswerP50: quantile(firsts, 0.5),
    firstAnswerP95: quantile(firsts, 0.95),
    lagP50: quantile(lags, 0.5),
    lagP95: quantile(lags, 0.95),
    lagMax: Math.max(...lags),
    wallMs: done.wallMs,
    clientRssMb: done.rssPeak / 2 ** 20,
    clientCpuPercent: (100 * done.cpuMs) / done.wallMs,
    emulatorRps: (served * 1000) / done.wallMs,
    emulatorCpuPercent: (100 * (emulator.after.cpuMs - emulator.before.cpuMs)) / done.wallMs,
    emulatorRssMb: emulator.after.rssPeak / 2 ** 20,
  };
}

function table(rows) {
  const header = ["waits", "waiter", "ended SUCCESS", "requests", "per wait", "throttled", "other errors", "first answer p50 / p95", "lag p50", "lag p95", "lag max", "all done in", "client peak RSS", "client CPU", "emulator req/s", "emulator CPU", "emulator peak RSS"];
  return markdownTable(
    header,
    rows.map((s) => [
      String(s.count),
      s.contender === "opgate" ? "**opgate** (one shared limiter)" : "@smithy/util-waiter ×N",
      String(s.succeeded),
      String(s.requests),
      fixed(s.callsPerWait),
      `${s.throttled} (${percent(s.throttledShare)})`,
      String(s.otherErrors),
      `${seconds(s.firstAnswerP50)} / ${seconds(s.firstAnswerP95)}`,
      seconds(s.lagP50),
      seconds(s.lagP95),
      seconds(s.lagMax),
      seconds(s.wallMs),
      `${Math.round(s.clientRssMb)} MB`,
      `${Math.round(s.clientCpuPercent)} %`,
      fixed(s.emulatorRps, 0),
      `${Math.round(s.emulatorCpuPercent)} %`,
      `${Math.round(s.emulatorRssMb)} MB`,
    ]),
  );
}

/** Runs the scale bench for each count; resolves with its tables and figures. */
async function runScaleBench(log = () => undefined, counts = [1000, 10_000]) {
  log("scale: emulator capacity");
  const cap = await capacity();
  const rows = [];
  for (const count of counts) {
    for (const contender of ["opgate", "smithy"]) {
      log(`scale: ${count} waits, ${contender}`);
      rows.push(summary(await runOnce(contender, count)));
    }
  }
  const setup = `server limit ${SERVER_LIMIT} requests/s (sliding second), opgate limiter ratePerSecond ${LIMITER.ratePerSecond} (other options default), operations end 3–30 s after their first answered request, EMR GetOperation signed with ACS3-HMAC-SHA256`;
  const capacityLine = `emulator capacity, no rate limit, ${cap.concurrency} concurrent clients for ${seconds(cap.done.wallMs)}: ${fixed(cap.requestsPerSecond, 0)} signed requests/s answered (signatures verified), emulator CPU ${Math.round((100 * cap.emulatorCpuMs) / cap.done.wallMs)} %`;
  return { rows, capacity: cap, markdown: { scale: table(rows), setup, capacity: capacityLine } };
}

module.exports = { runScaleBench };

if (require.main === module) {
  const counts = process.argv.slice(2).map(Number).filter((n) => n > 0);
  runScaleBench((line) => console.error(line), counts.length ? counts : undefined).then((r) => {
    console.log(r.markdown.setup);
    console.log(r.markdown.capacity);
    console.log(r.markdown.scale);
  });
}
