/**
 * When to ask again. Polls are spaced in proportion to the time already
 * waited (an operation that has run 10 minutes will not end within the next
 * second), floored at `minDelayMs` and capped at `maxDelayMs`, with jitter so
 * that many waits started together do not poll in lock step.
 */

/** Tuning of the poll schedule. */
export interface ScheduleOptions {
  /** Shortest pause between two polls (default 2 s). */
  minDelayMs: number;
  /** Longest pause between two polls: the worst detection lag (default 60 s). */
  maxDelayMs: number;
  /** Pause as a fraction of the time waited so far (default 0.1: the lag stays near 10 %). */
  ratio: number;
  /** Random spread of each pause, as a fraction of it (default 0.1 = ±10 %). */
  jitter: number;
}

/** The defaults. */
export const DEFAULT_SCHEDULE: ScheduleOptions = {
  minDelayMs: 2000,
  maxDelayMs: 60_000,
  ratio: 0.1,
  jitter: 0.1,
};

/** Pause before the next poll after a successful one, `elapsedMs` into the wait. */
export function pollDelay(elapsedMs: number, opts: ScheduleOptions, random: () => number): number {
  const base = clamp(opts.ratio * elapsedMs, opts.minDelayMs, opts.maxDelayMs);
  return clamp(spread(base, opts.jitter, random), opts.minDelayMs, opts.maxDelayMs);
}

/**
 * Pause after the `failures`-th transient error in a row: exponential from the
 * floor, capped, and never shorter than a server's retry-after hint.
 */
export function retryDelay(failures: number, opts: ScheduleOptions, retryAfterMs: number | null, random: () => number): number {
  const base = Math.min(opts.maxDelayMs, opts.minDelayMs * 2 ** Math.max(0, failures - 1));
  const jittered = clamp(spread(base, opts.jitter, random), opts.minDelayMs, opts.maxDelayMs);
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** Validates user tuning and fills in the defaults. */
export function scheduleOptions(partial: Partial<ScheduleOptions> = {}): ScheduleOptions {
  const given = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined));
  const opts: ScheduleOptions = { ...DEFAULT_SCHEDULE, ...given };
  if (!(opts.minDelayMs > 0 && opts.maxDelayMs >= opts.minDelayMs && opts.ratio >= 0 && opts.jitter >= 0 && opts.jitter < 1)) {
    throw new RangeError(`invalid schedule ${JSON.stringify(opts)}: need 0 < minDelayMs <= maxDelayMs, ratio >= 0, 0 <= jitter < 1`);
  }
  return opts;
}

function spread(base: number, jitter: number, random: () => number): number {
  return base * (1 + jitter * (2 * random() - 1));
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
