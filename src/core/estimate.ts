/**
 * Predicting when an operation ends, so the engine can sleep through the
 * stretch where the end is very unlikely instead of polling blindly. The
 * engine never sleeps longer than the schedule's cap on a prediction (see
 * `pollDelay`), and follows the blind schedule once the predicted window is
 * reached or when there is no prediction.
 */
import type { Snapshot } from "./result";

/** A prediction, in milliseconds since the wait started. */
export interface EndEstimate {
  /** The most likely end. */
  endMs: number;
  /** Before this the operation is very unlikely to end: polls before it would be wasted. */
  earliestMs: number;
}

/** Predicts the end of one operation from the answers of its polls. */
export interface Estimator {
  /**
   * Takes one non-terminal answer, seen `elapsedMs` into the wait, and
   * returns the current prediction, or null when there is none (the engine
   * then polls on the blind schedule).
   */
  observe(elapsedMs: number, snapshot: Snapshot): EndEstimate | null;
}

/** Tuning of `progressEstimator`. */
export interface ProgressEstimatorOptions {
  /**
   * Assumed spread of the duration of one unit of work (coefficient of
   * variation; default 1, as for units of exponential length). Larger is
   * more careful.
   */
  unitSpread: number;
  /** Safety margin of `earliestMs`, in standard deviations of the remaining time (default 2). */
  margin: number;
}

/** The defaults of `progressEstimator`. */
export const PROGRESS_ESTIMATOR_DEFAULTS: ProgressEstimatorOptions = { unitSpread: 1, margin: 2 };

interface Sighting {
  atMs: number;
  done: number;
}

/**
 * Predicts the end from `Snapshot.progress` (BCS steps, OOS resources done
 * of total): the rate of units done since progress first moved (so start-up
 * latency does not count), extrapolated to the units left, with a margin
 * that shrinks as more units are seen. Gives no prediction while progress is
 * absent or has not moved twice, and starts over when it is erratic (the
 * total changes, done goes back).
 */
export function progressEstimator(options: Partial<ProgressEstimatorOptions> = {}): Estimator {
  const { unitSpread, margin } = { ...PROGRESS_ESTIMATOR_DEFAULTS, ...options };
  let total: number | null = null;
  let latest: Sighting | null = null;
  /** The first time progress was seen to move: the rate is measured from there, after any start-up latency. */
  let anchor: Sighting | null = null;
  return {
    observe(elapsedMs, snapshot) {
      const progress = snapshot.progress;
      const usable = progress && Number.isFinite(progress.total) && progress.total > 0 && progress.done >= 0 && progress.done <= progress.total;
      if (!usable) {
        total = latest = anchor = null;
        return null;
      }
      if (!latest || progress.total !== total || progress.done < latest.done) {
        total = progress.total;
        latest = { atMs: elapsedMs, done: progress.done };
        anchor = null;
        return null;
      }
      if (progress.done > latest.done) {
        latest = { atMs: elapsedMs, done: progress.done };
        anchor ??= latest;
      }
      return anchor ? extrapolate(anchor, latest, progress.total, unitSpread, margin) : null;
    },
  };
}

/**
 * The end if the rate from `first` (the anchor) to `latest` holds for the
 * units left. Both are when a level of progress was first seen, each up to
 * one pause late; the margin covers that with the spread of unit durations.
 */
function extrapolate(first: Sighting, latest: Sighting, total: number, unitSpread: number, margin: number): EndEstimate | null {
  const seen = latest.done - first.done;
  const left = total - latest.done;
  const spanMs = latest.atMs - first.atMs;
  if (seen <= 0 || left <= 0 || spanMs <= 0) return null;
  const remainingMs = (left * spanMs) / seen;
  const relativeError = unitSpread * Math.sqrt(1 / seen + 1 / left);
  return {
    endMs: latest.atMs + remainingMs,
    earliestMs: latest.atMs + remainingMs * Math.max(0, 1 - margin * relativeError),
  };
}
