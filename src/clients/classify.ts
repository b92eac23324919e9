/**
 * Classes an API error answer as the engine needs it: transient (retry with
 * backoff), notFound (tolerate for a grace period) or permanent (stop).
 */
import { ApiError } from "../core/errors";

/** A provider's test for "this operation is not (yet) known". */
export type NotFoundTest = (code: string, httpStatus: number) => boolean;

/** Huawei API gateway throttling codes. */
const GATEWAY_THROTTLING = new Set(["APIG.0308", "APIGW.0308"]);
/** Codes that mean "try again later" whatever the HTTP status, with their dotted variants (`InternalError.Unknown`). */
const TRANSIENT_CODES = ["ServiceUnavailable", "InternalError", "ServiceFailure"];
/** A Huawei service code carries its HTTP status in its digits (`BCS.5000500` is a 500, `BCS.4010401` a 401). */
const HUAWEI_SERVER_ERROR = /^[A-Za-z][A-Za-z0-9]*\.5\d{6}$/;

/** Codes that come with HTTP 404 but mean a wrong key or URL, never a missing operation. */
const PERMANENT_NOT_FOUND_CODES = new Set(["InvalidAccessKeyId.NotFound", "BCS.4040404"]);

/**
 * True for throttling and server-side failures: HTTP 429, any 5xx, and, whatever
 * the HTTP status (a 2xx body carrying an error code included), `Throttling*`,
 * `APIG.0308`/`APIGW.0308`, `ServiceUnavailable*`, `InternalError*`,
 * `ServiceFailure*` and Huawei service codes of a 5xx (`BCS.5000500`).
 */
export function isTransient(httpStatus: number, code: string): boolean {
  if (httpStatus === 429 || httpStatus >= 500) return true;
  if (code.startsWith("Throttling") || GATEWAY_THROTTLING.has(code) || HUAWEI_SERVER_ERROR.test(code)) return true;
  return TRANSIENT_CODES.some((known) => code === known || code.startsWith(`${known}.`));
}

/**
 * The `ApiError` for an answer carrying the cloud's error code, whatever its
 * HTTP status (2xx included: the parsed code decides). Transient wins (5xx and
 * 429 whatever the body); then `isNotFound` decides, except for codes that are
 * always permanent; everything else is permanent.
 */
export function classifyError(
  httpStatus: number,
  code: string,
  message: string,
  isNotFound: NotFoundTest,
  retryAfterMs: number | null = null,
): ApiError {
  if (isTransient(httpStatus, code)) return new ApiError({ kind: "transient", code, message, httpStatus, retryAfterMs });
  const kind = !PERMANENT_NOT_FOUND_CODES.has(code) && isNotFound(code, httpStatus) ? "notFound" : "permanent";
  return new ApiError({ kind, code, message, httpStatus, retryAfterMs });
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
