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

/** The real clock. */
export const systemClock: Clock = {
  now: () => performance.now(),
  sleep(ms, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, Math.max(0, ms));
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortReason(signal!));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
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
