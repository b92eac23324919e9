"use strict";
/**
 * The lower bound: the blind schedule with the fewest polls that guarantees
 * a detection lag of at most max(floor, min(r·T, cap)) is
 * t(k+1) = t(k) + clamp(r·t(k), floor, cap) from t(0) = 0 — any later poll
 * breaks the guarantee for an operation ending just after t(k).
 */

/**
 * The worst-case lag a waiter showed, as (r, floor, cap): floor = its longest
 * first pause (the pause it starts with), cap = its longest pause, r = its
 * largest lag/T among waits whose lag exceeds the floor.
 */
function guaranteeOf(waits) {
  let floorMs = 0;
  let capMs = 0;
  for (const w of waits) {
    if (w.firstGapMs !== null) floorMs = Math.max(floorMs, w.firstGapMs);
    capMs = Math.max(capMs, w.maxGapMs);
  }
  let ratio = 0;
  for (const w of waits) if (w.lagMs > floorMs) ratio = Math.max(ratio, w.lagMs / w.durationMs);
  return { ratio, floorMs, capMs: Math.max(capMs, floorMs) };
}

/** Poll times of the bound schedule up to `untilMs`. */
function boundTimes({ ratio, floorMs, capMs }, untilMs) {
  const times = [0];
  for (let t = 0; t < untilMs; ) {
    t += Math.min(capMs, Math.max(floorMs, ratio * t));
    times.push(t);
  }
  return times;
}

/** Index of the first time in sorted `times` at or after `t`. */
function firstAtOrAfter(times, t) {
  let lo = 0;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] >= t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Mean calls of the bound schedule over the operations `waits` waited for. */
function boundCalls(guarantee, waits) {
  const longest = Math.max(...waits.map((w) => w.durationMs));
  const times = boundTimes(guarantee, longest);
  let sum = 0;
  for (const w of waits) sum += firstAtOrAfter(times, w.durationMs) + 1;
  return sum / waits.length;
}

module.exports = { guaranteeOf, boundCalls, firstAtOrAfter };
