/**
 * The most polls the engine's schedule allows, computed from its options
 * alone, for the property tests to hold the engine to.
 */
import { clamp, type ScheduleOptions } from "../../../src/core/schedule";

/**
 * How many answered polls fit in `deadlineMs`: the geometric schedule
 * t(k+1) = t(k) + (1 - jitter)·clamp(ratio·t(k), min, max) from t(0) = 0,
 * i.e. with the shortest pause jitter allows after every answer. Every
 * answered poll starts no earlier than this schedule's point of the same
 * rank (each pause after an answer is at least that long, and a prediction
 * only lengthens it), so no more answered polls than points fit before the
 * deadline. Polls that failed come on top. The engine measures the time
 * waited in whole milliseconds: `t - 1` covers the rounding.
 */
export function geometricPollBound(opts: ScheduleOptions, deadlineMs: number): number {
  let polls = 0;
  for (let t = 0; t <= deadlineMs; polls++) {
    t += (1 - opts.jitter) * clamp(opts.ratio * Math.max(0, t - 1), opts.minDelayMs, opts.maxDelayMs);
  }
  return polls;
}

/** A deterministic source of numbers in [0, 1) from a seed (mulberry32), for the engine's jitter. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
