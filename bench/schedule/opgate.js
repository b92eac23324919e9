"use strict";
/** opgate's real engine (pollUntilDone on a VirtualClock) on the simulated operations. */
const { pollUntilDone, VirtualClock } = require("../lib/opgate");
const { seeded } = require("../lib/random");
const { unitsDone } = require("./operations");
const { waitOf } = require("./peers");

const TIMEOUT_MS = 8 * 3600_000;

/** What the API answers at `t` for a simulated operation `{ durationMs, unitEndsMs }`. */
function answerAt(op, t) {
  const state = t >= op.durationMs ? "SUCCESS" : "RUNNING";
  const snapshot = { state, rawStatus: state, message: null, outputs: {}, steps: [], resources: [] };
  if (op.unitEndsMs) snapshot.progress = { done: unitsDone(op.unitEndsMs, t), total: op.unitEndsMs.length, unit: "units" };
  return snapshot;
}

/**
 * One wait for operation `op` with `pollUntilDone`; resolves with its Result
 * and its poll times. Jitter comes from a generator seeded per operation
 * (`seed`), so two runs draw the same jitter for the same operation.
 */
async function waitOnce(op, seed, engine) {
  const random = seeded(seed);
  const clock = new VirtualClock();
  const polls = [];
  const task = {
    service: "emr",
    operationId: "bench",
    poll: async () => {
      polls.push(clock.now());
      return answerAt(op, clock.now());
    },
  };
  const result = await pollUntilDone(task, { timeoutMs: TIMEOUT_MS, clock, random, ...engine });
  return { result, polls };
}

/**
 * Waits for every operation with `pollUntilDone`; `engine` holds extra engine
 * options (`schedule`, `estimator`).
 */
async function measureOpgate(operations, seed, engine = {}) {
  const waits = [];
  for (const [i, op] of operations.entries()) {
    const { result, polls } = await waitOnce(op, seed + i, engine);
    if (result.outcome !== "SUCCESS") throw new Error(`bench wait ended with ${result.outcome}`);
    waits.push({ ...waitOf(op.durationMs, polls), kind: op.kind });
  }
  return waits;
}

/**
 * What the last look before the deadline costs under a deadline of
 * `timeoutMs`: every operation waited for twice, with the last look and
 * without it (`lastLookMs: 0`), the same jitter both times.
 */
async function measureLastLook(operations, seed, timeoutMs) {
  let callsWith = 0;
  let callsWithout = 0;
  let lookedAgain = 0;
  let rescued = 0;
  for (const [i, op] of operations.entries()) {
    const looked = await waitOnce(op, seed + i, { timeoutMs });
    const blind = await waitOnce(op, seed + i, { timeoutMs, lastLookMs: 0 });
    callsWith += looked.polls.length;
    callsWithout += blind.polls.length;
    if (looked.polls.length > blind.polls.length) lookedAgain += 1;
    if (looked.result.outcome === "SUCCESS" && blind.result.outcome === "TIMEOUT") rescued += 1;
  }
  const n = operations.length;
  return { timeoutMs, waits: n, callsWithout: callsWithout / n, callsWith: callsWith / n, extraPerWait: (callsWith - callsWithout) / n, lookedAgain, rescued };
}

module.exports = { measureOpgate, measureLastLook };
