/**
 * Error classes shared by every layer. The engine decides what to do with an
 * API error only by its `kind`: transient errors are retried inside the
 * deadline, permanent ones end the wait, not-found is tolerated for a grace
 * period.
 */

/** Bad input: names the field and says how to fix it. Never sent to an API. */
export class InputError extends Error {
  override readonly name = "InputError";
  constructor(
    /** The field, flag or property at fault, e.g. `operationId`. */
    readonly field: string,
    /** What is wrong and how to fix it. */
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** How the engine treats an API error. */
export type ApiErrorKind = "transient" | "permanent" | "notFound";

/** An error answer, or a failure to get one, from a cloud API. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly kind: ApiErrorKind,
    /** The API's error code (`Throttling.User`, `BCS.4010401`) or a local code (`NetworkError`). */
    readonly code: string,
    message: string,
    readonly httpStatus: number | null = null,
    /** A server hint of how long to wait before the next request. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

/** True when `err` is an abort caused by an AbortSignal. */
export function isAbortError(err: unknown): boolean {
  return err instanceof Error && (err.name === "AbortError" || err.name === "TimeoutError");
}
