/**
 * Time as the engine sees it. Injecting a Clock lets tests and benchmarks run
 * schedules of hours in virtual time.
 */
export interface Clock {
  /** Milliseconds since an arbitrary origin; only differences matter. */
  now(): number;
  /**
   * Resolves after `ms`, or rejects with an AbortError as soon as `signal`
   * aborts (also when it is already aborted).
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * The longest delay `setTimeout` takes (2^31 − 1 ms, about 24.8 days); a
 * longer one would fire after 1 ms with a `TimeoutOverflowWarning`.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** The real clock. A sleep longer than `MAX_TIMER_MS` runs in steps of at most that. */
export const systemClock: Clock = {
  now: () => performance.now(),
  sleep(ms, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const until = performance.now() + Math.max(0, ms);
      let timer: NodeJS.Timeout;
      const step = (left: number) => {
        timer = setTimeout(() => {
          const rest = until - performance.now();
          if (rest > 0 && left > MAX_TIMER_MS) return step(rest);
          signal?.removeEventListener("abort", onAbort);
          resolve();
        }, Math.min(left, MAX_TIMER_MS));
      };
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortReason(signal!));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      step(Math.max(0, ms));
    });
  },
};

/** The error an aborted signal carries, always an Error named AbortError or TimeoutError. */
export function abortReason(signal: AbortSignal): Error {
  const r: unknown = signal.reason;
  if (r instanceof Error) return r;
  const e = new Error(typeof r === "string" ? r : "The operation was aborted");
  e.name = "AbortError";
  return e;
}
