/**
 * When to ask again. Polls are spaced in proportion to the time already
 * waited (an operation that has run 10 minutes will not end within the next
 * second), floored at `minDelayMs` and capped at `maxDelayMs`: the geometric
 * schedule t(k+1) = t(k) + clamp(ratio·t(k), min, max), which is the blind
 * schedule with the fewest polls for a detection lag of at most
 * max(min, min(ratio·T, max)) on an operation of length T.
 *
 * Jitter only ever shortens a pause, so that many waits started together do
 * not poll in lock step while the lag bound above still holds for every wait.
 */
import type { EndEstimate } from "./estimate";

/** Tuning of the poll schedule. */
export interface ScheduleOptions {
  /** Floor of the pause between two polls, before jitter (default 0.5 s). */
  minDelayMs: number;
  /** Longest pause between two polls: the worst detection lag (default 60 s). */
  maxDelayMs: number;
  /** Pause as a fraction of the time waited so far (default 0.1: the lag stays under 10 % of the operation's length). */
  ratio: number;
  /** Each pause is shortened by a random fraction of up to this (default 0.1), never lengthened. */
  jitter: number;
  /** First pause after a transient error or a not-found answer; doubles per failure in a row, up to `maxDelayMs` (default 2 s). */
  retryDelayMs: number;
}

/**
 * The defaults: worst-case detection lag max(0.5 s, min(10 % of the
 * operation's length, 60 s)). `bench/schedule` measures them against other
 * waiters and the lower bound; `docs/performance.md` has the figures.
 */
export const DEFAULT_SCHEDULE: ScheduleOptions = {
  minDelayMs: 500,
  maxDelayMs: 60_000,
  ratio: 0.1,
  jitter: 0.1,
  retryDelayMs: 2000,
};

/**
 * The longest pause a server's retry-after hint causes (60 s): a wait
 * honours a longer hint (days, an HTTP date in 9999) for this long only, so
 * it is never blind for longer than the default schedule's cap, and the
 * shared rate limiter holds other waits back no longer (`maxHoldMs`). The
 * deadline bounds the pause further (the last look).
 */
export const MAX_RETRY_AFTER_MS = 60_000;

/** The pause the lag bound allows `elapsedMs` into the wait, before jitter. */
export function boundDelay(elapsedMs: number, opts: ScheduleOptions): number {
  return clamp(opts.ratio * elapsedMs, opts.minDelayMs, opts.maxDelayMs);
}

/**
 * Pause before the next poll after a successful one, `elapsedMs` into the
 * wait. Given a prediction of the end (see estimate.ts), the pause stretches
 * to reach the moment before which the end is very unlikely, but never
 * beyond `maxDelayMs`: a wrong prediction costs at most the cap. From that
 * moment on the blind schedule applies.
 */
export function pollDelay(elapsedMs: number, opts: ScheduleOptions, random: () => number, estimate: EndEstimate | null = null): number {
  const base = boundDelay(elapsedMs, opts);
  const stretched = estimate ? clamp(estimate.earliestMs - elapsedMs, base, opts.maxDelayMs) : base;
  return shorten(stretched, opts.jitter, random);
}

/**
 * Pause after the `failures`-th transient error in a row: exponential from
 * `retryDelayMs`, capped, spread by ±jitter, and never shorter than a
 * server's retry-after hint.
 */
export function retryDelay(failures: number, opts: ScheduleOptions, retryAfterMs: number | null, random: () => number): number {
  const base = Math.min(opts.maxDelayMs, opts.retryDelayMs * 2 ** Math.max(0, failures - 1));
  const jittered = Math.min(opts.maxDelayMs, base * (1 + opts.jitter * (2 * random() - 1)));
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** Validates user tuning and fills in the defaults. */
export function scheduleOptions(partial: Partial<ScheduleOptions> = {}): ScheduleOptions {
  const given = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined));
  const opts: ScheduleOptions = { ...DEFAULT_SCHEDULE, ...given };
  const valid =
    opts.minDelayMs > 0 &&
    opts.maxDelayMs >= opts.minDelayMs &&
    opts.ratio >= 0 &&
    opts.jitter >= 0 &&
    opts.jitter < 1 &&
    opts.retryDelayMs > 0;
  if (!valid) {
    throw new RangeError(
      `invalid schedule ${JSON.stringify(opts)}: need 0 < minDelayMs <= maxDelayMs, ratio >= 0, 0 <= jitter < 1, retryDelayMs > 0`,
    );
  }
  return opts;
}

/** `base` shortened by a random fraction of up to `jitter`. */
function shorten(base: number, jitter: number, random: () => number): number {
  return base * (1 - jitter * random());
}

/** `x` limited to [lo, hi]. */
export function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
