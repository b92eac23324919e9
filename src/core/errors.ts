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

/**
 * A failure that is not an answer of the API: the connection failed or timed
 * out, the TLS handshake failed, or what came back is not the API's (an HTML
 * page, a body that is not JSON, one without the cloud's error code). Until an
 * endpoint has given one well-formed answer, the engine counts these against
 * a short budget (`firstAnswerPolls`, `firstAnswerMs`): an endpoint that never
 * answers like the API is a wrong endpoint, not a slow operation.
 */
export class EndpointError extends ApiError {}

/** True when `err` is an abort caused by an AbortSignal. */
export function isAbortError(err: unknown): boolean {
  return err instanceof Error && (err.name === "AbortError" || err.name === "TimeoutError");
}
