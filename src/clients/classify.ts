/**
 * Classes an API error answer as the engine needs it: transient (retry with
 * backoff), notFound (tolerate for a grace period) or permanent (stop).
 */
import { ApiError } from "../core/errors";

/** A provider's test for "this operation is not (yet) known". */
export type NotFoundTest = (code: string, httpStatus: number) => boolean;

/** Codes that mean "try again later" whatever the HTTP status. */
const TRANSIENT_CODES = new Set(["APIG.0308", "APIGW.0308", "ServiceUnavailable", "InternalError", "ServiceFailure"]);

/** Codes that come with HTTP 404 but mean a wrong key or URL, never a missing operation. */
const PERMANENT_NOT_FOUND_CODES = new Set(["InvalidAccessKeyId.NotFound", "BCS.4040404"]);

/** True for throttling and server-side failures: HTTP 429, any 5xx, `Throttling*` and the listed codes. */
export function isTransient(httpStatus: number, code: string): boolean {
  return httpStatus === 429 || httpStatus >= 500 || code.startsWith("Throttling") || TRANSIENT_CODES.has(code);
}

/**
 * The `ApiError` for an error answer. Transient wins (5xx and 429 whatever the
 * body); then `isNotFound` decides, except for codes that are always permanent;
 * everything else is permanent.
 */
export function classifyError(
  httpStatus: number,
  code: string,
  message: string,
  isNotFound: NotFoundTest,
  retryAfterMs: number | null = null,
): ApiError {
  if (isTransient(httpStatus, code)) return new ApiError("transient", code, message, httpStatus, retryAfterMs);
  const kind = !PERMANENT_NOT_FOUND_CODES.has(code) && isNotFound(code, httpStatus) ? "notFound" : "permanent";
  return new ApiError(kind, code, message, httpStatus, retryAfterMs);
}

/**
 * Milliseconds to wait from a `Retry-After` header: delay-seconds or an HTTP
 * date (never negative); null when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number = Date.now()): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date always names its day and month; this keeps `-5` from parsing as a year.
  const at = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
