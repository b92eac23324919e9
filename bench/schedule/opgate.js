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
 * Waits for every operation with `pollUntilDone`; `engine` holds extra engine
 * options (`schedule`, `estimator`). Jitter comes from a generator seeded
 * per operation, so two runs draw the same jitter for the same operation.
 */
async function measureOpgate(operations, seed, engine = {}) {
  const waits = [];
  for (const [i, op] of operations.entries()) {
    const random = seeded(seed + i);
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
    if (result.outcome !== "SUCCESS") throw new Error(`bench wait ended with ${result.outcome}`);
    waits.push({ ...waitOf(op.durationMs, polls), kind: op.kind });
  }
  return waits;
}

module.exports = { measureOpgate };
