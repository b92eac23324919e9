"use strict";
/**
 * The simulated operations every waiter is measured on: durations spread
 * log-uniformly from 2 s to 6 h (fixed seed), and for the estimator bench,
 * progress timelines shaped like the APIs report them.
 */
const { seeded, logUniform, logNormal } = require("../lib/random");

const MIN_MS = 2000;
const MAX_MS = 6 * 3600_000;

/** `count` operation durations (ms), log-uniform in [2 s, 6 h]. */
function durations(count, seed) {
  const random = seeded(seed);
  return Array.from({ length: count }, () => logUniform(random, MIN_MS, MAX_MS));
}

/**
 * BCS operation record steps of a blockchain creation, as the seed's example
 * shows them (`Preparation`, `Create Other Dependent Resource`, ...), with
 * typical shares of the whole. Each step's actual length varies log-normally.
 */
const BCS_STEPS = [
  { name: "Preparation", share: 0.03 },
  { name: "Create Other Dependent Resource", share: 0.22 },
  { name: "Create Cluster Resource", share: 0.35 },
  { name: "Deploy Blockchain", share: 0.3 },
  { name: "Check Blockchain Status", share: 0.1 },
];

/**
 * When each unit of work of a BCS operation is done: steps run one after
 * another; progress counts finished steps, as providers/bcs reports it.
 */
function bcsTimeline(random) {
  let t = 0;
  return BCS_STEPS.map((step) => (t += logNormal(random, step.share, 0.5)));
}

/**
 * When each resource of an OOS execution is done: 1 to 200 resources
 * (log-uniform), run `Concurrency` at a time (OOS default 10), each taking a
 * log-normal time; progress counts finished resources.
 */
function oosTimeline(random) {
  const resources = Math.round(logUniform(random, 1, 200));
  const slots = new Array(Math.min(10, resources)).fill(0);
  const ends = [];
  for (let i = 0; i < resources; i++) {
    const slot = slots.indexOf(Math.min(...slots));
    slots[slot] += logNormal(random, 1, 0.5);
    ends.push(slots[slot]);
  }
  return ends.sort((a, b) => a - b);
}

/**
 * Operations with progress: each is `{ kind, durationMs, unitEndsMs }`,
 * unit ends scaled so that the last unit ends at the operation's end.
 * Kinds alternate: BCS steps, OOS resources, and none (EMR, BPStudio report
 * no progress).
 */
function progressOperations(count, seed) {
  const random = seeded(seed);
  const kinds = ["bcs", "oos", "none"];
  return durations(count, seed + 1).map((durationMs, i) => {
    const kind = kinds[i % kinds.length];
    if (kind === "none") return { kind, durationMs, unitEndsMs: null };
    const raw = kind === "bcs" ? bcsTimeline(random) : oosTimeline(random);
    const scale = durationMs / raw[raw.length - 1];
    return { kind, durationMs, unitEndsMs: raw.map((t) => t * scale) };
  });
}

/** Units done at `t` of a timeline (ends sorted ascending). */
function unitsDone(unitEndsMs, t) {
  let lo = 0;
  let hi = unitEndsMs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (unitEndsMs[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

module.exports = { durations, progressOperations, unitsDone };
