"use strict";
/**
 * Seeded pseudo-random numbers, so every bench run simulates the same
 * operations and draws the same jitter.
 */

/** mulberry32: a small, fast 32-bit generator. Returns a function giving numbers in [0, 1). */
function seeded(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A number spread log-uniformly between `lo` and `hi`. */
function logUniform(random, lo, hi) {
  return Math.exp(Math.log(lo) + random() * (Math.log(hi) - Math.log(lo)));
}

/** A log-normal number with median `median` and log-spread `sigma`. */
function logNormal(random, median, sigma) {
  const u = 1 - random();
  const v = random();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return median * Math.exp(sigma * z);
}

/** Runs `fn` with `Math.random` replaced by `random` (for libraries that draw their own jitter). */
async function withMathRandom(random, fn) {
  const saved = Math.random;
  Math.random = random;
  try {
    return await fn();
  } finally {
    Math.random = saved;
  }
}

module.exports = { seeded, logUniform, logNormal, withMathRandom };
