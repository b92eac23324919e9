"use strict";
/**
 * opgate's schedule family — pollDelay(elapsed) = clamp(ratio·elapsed, min,
 * max) shortened by jitter, the engine's own function from dist — searched
 * over a grid to find, for each peer, the cheapest opgate tuning at the
 * peer's lag and the least lag at the peer's calls. The search is a pure
 * simulation of the schedule function (one jitter sequence per tuning), fast
 * enough to search the grid; the engine's own loop is measured at the
 * defaults in the main table.
 */
const { pollDelay, scheduleOptions, DEFAULT_SCHEDULE } = require("../lib/opgate");
const { seeded } = require("../lib/random");
const { summarize } = require("../lib/stats");
const { firstAtOrAfter } = require("./bound");

const RATIOS = [0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.13, 0.16, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1, 1.2, 1.5, 2, 3];
const FLOORS_MS = [100, 250, 500, 1000, 2000, 3000, 5000];
const CAPS_MS = [2000, 5000, 10_000, 20_000, 30_000, 60_000, 90_000, 120_000];

/** Every tuning of the grid whose cap is at most `maxCapMs`. */
function tunings(maxCapMs) {
  const out = [];
  for (const ratio of RATIOS)
    for (const minDelayMs of FLOORS_MS)
      for (const maxDelayMs of CAPS_MS)
        if (minDelayMs <= maxDelayMs && maxDelayMs <= maxCapMs) out.push({ ratio, minDelayMs, maxDelayMs });
  return out;
}

/** Calls and lags of a tuning on `durations`, by pure simulation of the schedule. */
function simulate(tuning, durations, seed) {
  const opts = scheduleOptions({ ...DEFAULT_SCHEDULE, ...tuning });
  const random = seeded(seed);
  const longest = Math.max(...durations);
  const times = [0];
  for (let t = 0; t < longest; ) {
    t = Math.round(t + pollDelay(t, opts, random));
    times.push(t);
  }
  const waits = durations.map((durationMs) => {
    const i = firstAtOrAfter(times, durationMs);
    return { calls: i + 1, lagMs: times[i] - durationMs, durationMs };
  });
  return summarize(waits);
}

/**
 * For a peer's summary: `atLag` is the tuning with the fewest calls whose p95
 * lag relative to T is no worse than the peer's; `atCalls` the tuning with
 * the lowest p95 relative lag that spends no more calls than the peer. Caps
 * are limited to the larger of opgate's default cap and the peer's longest
 * pause, so the worst-case absolute lag stays at what one of the two states.
 */
function matchPeer(peer, peerCapMs, durations, seed) {
  const maxCap = Math.max(DEFAULT_SCHEDULE.maxDelayMs, peerCapMs);
  let atLag = null;
  let atCalls = null;
  for (const tuning of tunings(maxCap)) {
    const s = simulate(tuning, durations, seed);
    if (s.relP95 <= peer.relP95 && (!atLag || s.callsMean < atLag.summary.callsMean)) atLag = { tuning, summary: s };
    const better = !atCalls || s.relP95 < atCalls.summary.relP95 || (s.relP95 === atCalls.summary.relP95 && s.lagP95 < atCalls.summary.lagP95);
    if (s.callsMean <= peer.callsMean && better) atCalls = { tuning, summary: s };
  }
  return { atLag, atCalls };
}

module.exports = { matchPeer };
