/**
 * `opgate/testing`: a virtual clock for tests and benchmarks of code that
 * takes a `Clock` (such as `tuning.clock` of `waitForOperation`).
 *
 * ```ts
 * import { VirtualClock } from "opgate/testing";
 * const clock = new VirtualClock();
 * await clock.sleep(3_600_000); // at once
 * clock.now(); // 3600000
 * ```
 *
 * @packageDocumentation
 */
import { abortReason, type Clock } from "../core/clock";

export type { Clock } from "../core/clock";

interface Timer {
  at: number;
  seq: number;
  resolve(): void;
}

/**
 * A Clock in virtual time for tests and benchmarks: whenever the process has
 * nothing else to do (no pending microtask or immediate), it jumps to the
 * earliest pending sleep. Hours of schedule run in milliseconds.
 *
 * Only what waits on this clock is virtual: while real I/O is pending (a
 * request to an emulator, a socket), virtual time still jumps to the next
 * sleep, such as a request timeout.
 */
export class VirtualClock implements Clock {
  private t: number;
  private seq = 0;
  private timers: Timer[] = [];
  private flushScheduled = false;

  /** `start`: the time it shows first, in milliseconds. */
  constructor(start = 0) {
    this.t = start;
  }

  /** The virtual time, in milliseconds. */
  now(): number {
    return this.t;
  }

  /** Resolves when virtual time reaches now + `ms`; rejects as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const timer: Timer = {
        at: this.t + Math.max(0, ms),
        seq: this.seq++,
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.timers = this.timers.filter((x) => x !== timer);
        reject(abortReason(signal!));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.timers.push(timer);
      this.scheduleFlush();
    });
  }

  /** Number of sleeps not yet over. */
  get pending(): number {
    return this.timers.length;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      if (this.timers.length === 0) return;
      let next = this.timers[0];
      for (const timer of this.timers) {
        if (timer.at < next.at || (timer.at === next.at && timer.seq < next.seq)) next = timer;
      }
      this.timers = this.timers.filter((x) => x !== next);
      this.t = Math.max(this.t, next.at);
      next.resolve();
      if (this.timers.length > 0) this.scheduleFlush();
    });
  }
}
