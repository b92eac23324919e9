/**
 * Re-sends a request at once when its connection failed before any answer
 * (typically a keep-alive socket the server had already closed). Every other
 * failure is left to the engine's backoff.
 */
import pRetry from "p-retry";
import { ConnectionFailedError } from "./http";

/** At most this many re-sends, 100 ms then 200 ms apart (never more than 400 ms). */
const RESEND_OPTIONS = { retries: 2, minTimeout: 100, factor: 2, maxTimeout: 400, randomize: false } as const;

/**
 * Runs `attempt` (which must build and sign a fresh request each time, so the
 * nonce and date are new) and runs it again after a `ConnectionFailedError`.
 * An abort of `signal` ends it with `signal.reason`, unchanged.
 */
export async function resendOnConnectionFailure<T>(attempt: () => Promise<T>, signal: AbortSignal): Promise<T> {
  try {
    return await pRetry(attempt, {
      ...RESEND_OPTIONS,
      signal,
      shouldRetry: ({ error }) => error instanceof ConnectionFailedError,
    });
  } catch (err) {
    if (signal.aborted) throw signal.reason;
    throw err;
  }
}
