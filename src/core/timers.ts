/**
 * Abort signals driven by an injectable Clock, so deadlines and request
 * timeouts run in virtual time in tests and benchmarks.
 */
import type { Clock } from "./clock";
import { abortReason } from "./clock";

/** A signal that aborts with `reason` after `ms` on `clock`, unless cancelled first. */
export interface ClockTimer {
  signal: AbortSignal;
  /** Stops the timer; the signal then never aborts. */
  cancel(): void;
}

/** Starts a timer on `clock`. */
export function clockTimer(clock: Clock, ms: number, reason: Error): ClockTimer {
  const fire = new AbortController();
  const stop = new AbortController();
  clock.sleep(ms, stop.signal).then(
    () => fire.abort(reason),
    () => undefined,
  );
  return { signal: fire.signal, cancel: () => stop.abort() };
}

/** An Error with a given name, used as an abort reason. */
export function namedError(name: string, message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

/**
 * Settles like `promise`, or rejects with the signal's reason as soon as it
 * aborts, even when the work behind `promise` ignores the signal.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(abortReason(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}
