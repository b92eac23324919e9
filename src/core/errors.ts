/**
 * Error classes shared by every layer. The engine decides what to do with an
 * API error only by its `kind`: transient errors are retried inside the
 * deadline, permanent ones end the wait, not-found is tolerated for a grace
 * period.
 */

/** Bad input: names the field and says how to fix it. Never sent to an API. */
export class InputError extends Error {
  /** Always `InputError`. */
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

/** What an `ApiError` says. */
export interface ApiErrorOptions {
  /** How the engine treats the error. */
  kind: ApiErrorKind;
  /** The API's error code (`Throttling.User`, `BCS.4010401`) or a local code (`NetworkError`). */
  code: string;
  /** What went wrong, for a human. */
  message: string;
  /** The HTTP status of the answer, if one came (default null). */
  httpStatus?: number | null;
  /** A server hint of how long to wait before the next request (default null). */
  retryAfterMs?: number | null;
  /**
   * The API said "you are sending too fast" (default false). The client that
   * classed the answer decides, from the cloud's codes; a wait's rate limiter
   * slows down on it.
   */
  throttled?: boolean;
  /** The error this one stands for, e.g. a socket error or a provider's defect. */
  cause?: unknown;
}

/**
 * An error answer, or a failure to get one, from a cloud API.
 *
 * ```ts
 * new ApiError({ kind: "transient", code: "Throttling.User", message: "slow down", httpStatus: 400, throttled: true });
 * ```
 */
export class ApiError extends Error {
  /** Always `ApiError`. */
  override readonly name = "ApiError";
  /** How the engine treats the error. */
  readonly kind: ApiErrorKind;
  /** The API's error code (`Throttling.User`, `BCS.4010401`) or a local code (`NetworkError`). */
  readonly code: string;
  /** The HTTP status of the answer, or null when none came. */
  readonly httpStatus: number | null;
  /** A server hint of how long to wait before the next request, or null. */
  readonly retryAfterMs: number | null;
  /** The API said "you are sending too fast". */
  readonly throttled: boolean;

  constructor(options: ApiErrorOptions) {
    super(options.message, "cause" in options ? { cause: options.cause } : undefined);
    this.kind = options.kind;
    this.code = options.code;
    this.httpStatus = options.httpStatus ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
    this.throttled = options.throttled ?? false;
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

/**
 * A fault of this machine, not of the endpoint or the API: the process ran
 * out of file descriptors (EMFILE, ENFILE) before a request could go out.
 * Transient (descriptors free up as other requests end); it neither counts
 * against an endpoint's first-answer budget nor proves the endpoint is the API.
 */
export class LocalError extends ApiError {}

/** True when `err` is an abort caused by an AbortSignal. */
export function isAbortError(err: unknown): boolean {
  return err instanceof Error && (err.name === "AbortError" || err.name === "TimeoutError");
}
