/**
 * What the clients make of an answer. `sendSigned` is the loop both clients
 * share: sign a fresh request per attempt, resend on a stale connection,
 * read the answer. `readAnswer` turns an HTTP answer into the parsed JSON
 * object of a 2xx, or the classed `ApiError` of anything else, with secrets
 * scrubbed from every message; an answer that is not the API's (an HTML
 * page, a body that is not JSON, JSON without the cloud's error code) is an
 * `EndpointError` described in one line, never as raw markup.
 * `classifyError` classes an API error answer as the engine needs it:
 * transient (retry with backoff), notFound (tolerate for a grace period) or
 * permanent (stop), and marks throttling, which the wait's rate limiter slows
 * down on. JSON is parsed exactly (`parseJson`: integers beyond 2^53, such as
 * BCS nanosecond times, arrive as `bigint`s) and an answer nested absurdly
 * deep is refused (`AnswerTooDeep`).
 */
import { ApiError, EndpointError } from "../core/errors";
import { JsonTooDeepError, MAX_JSON_DEPTH, parseJson } from "../core/json";
import { isPlainObject } from "../core/values";
import { httpRequest, resendOnConnectionFailure, type HttpRequest, type HttpResponse } from "./http";
import type { ReadBudget } from "./read-budget";

/** One signed attempt: the request to send and how to read its answer. */
export interface SignedAttempt {
  request: Omit<HttpRequest, "signal" | "maxResponseBytes">;
  reader: AnswerReader;
}

/**
 * Sends `sign()`'s request (signing again for each re-send) and returns the
 * JSON object of the 2xx answer; throws the classed `ApiError` otherwise.
 * With a `budget`, the answer is taken from it, and one that would pass it
 * throws the budget's `PollTooLarge`.
 */
export async function sendSigned(
  sign: () => Promise<SignedAttempt>,
  signal: AbortSignal,
  maxResponseBytes: number,
  budget?: ReadBudget,
): Promise<Record<string, unknown>> {
  const cap = Math.min(maxResponseBytes, budget?.bytesLeft ?? Infinity);
  const { response, reader, url } = await resendOnConnectionFailure(async () => {
    const attempt = await sign();
    const answer = await httpRequest({ ...attempt.request, signal, maxResponseBytes: cap });
    return { response: answer, reader: attempt.reader, url: attempt.request.url };
  }, signal).catch((err: unknown) => {
    const overBudget = budget && cap < maxResponseBytes && err instanceof ApiError && err.code === "ResponseTooLarge";
    throw overBudget ? budget.exceeded() : err;
  });
  budget?.spend(Buffer.byteLength(response.text));
  return readAnswer(response, reader, url);
}

/** The code, message and request ID a cloud puts in its error body. */
export interface ErrorFields {
  code?: string;
  message?: string;
  requestId?: string;
}

/** How to read one cloud's answers. */
export interface AnswerReader {
  /** The cloud whose API answers, for messages: `Alibaba Cloud`, `Huawei Cloud`. */
  api: string;
  /** Picks the fields out of a parsed error body (of an answer with HTTP status `status`). */
  errorFields(body: Record<string, unknown>, headers: Record<string, string>, status: number): ErrorFields;
  /**
   * Whether a 2xx body that carries an error code (`fields.code`) is the
   * cloud's error answer (a gateway answering 200 with an error) rather than
   * data that happens to have such a field.
   */
  isErrorBody(body: Record<string, unknown>, fields: ErrorFields): boolean;
  /** The provider's not-found test. */
  isNotFound: NotFoundTest;
  /** Values that must never appear in an error message (the secret, tokens). */
  secrets: readonly (string | undefined)[];
}

const SNIPPET_LENGTH = 120;
/** Longest quote of a body that is not the API's. */
const QUOTE_LENGTH = 80;

/** A body field as a non-empty string (numbers as their digits), or undefined. */
export function stringField(value: unknown): string | undefined {
  if (typeof value === "string") return value === "" ? undefined : value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  return undefined;
}

/** Replaces every secret in `message` with `***`. */
function redact(message: string, secrets: readonly (string | undefined)[]): string {
  return secrets.reduce<string>((m, s) => (s ? m.split(s).join("***") : m), message);
}

/** The start of a body on one line, for a message about an unexpected answer (redact before: it cuts). */
function snippet(body: string, length: number = SNIPPET_LENGTH): string {
  const line = body.replace(/\s+/g, " ").trim();
  return line.length > length ? `${line.slice(0, length)}...` : line;
}

/**
 * The body as a JSON object, or undefined when it is not one. Throws a
 * permanent `AnswerTooDeep` for JSON nested deeper than `MAX_JSON_DEPTH`:
 * asking again gets the same absurd answer.
 */
function jsonObject(res: HttpResponse, url: string): Record<string, unknown> | undefined {
  try {
    const value = parseJson(res.text);
    return isPlainObject(value) ? value : undefined;
  } catch (err) {
    if (!(err instanceof JsonTooDeepError)) return undefined;
    const where = new URL(url);
    const message = `HTTP ${res.status} from ${where.origin}${where.pathname}: the answer is nested more than ${MAX_JSON_DEPTH} levels deep; refusing it`;
    throw new ApiError({ kind: "permanent", code: "AnswerTooDeep", message, httpStatus: res.status });
  }
}

/** The error text of an error answer: the body's message (or its start), with the request ID, secrets redacted. */
function errorMessage(res: HttpResponse, fields: ErrorFields, reader: AnswerReader): string {
  const detail = fields.message ?? (snippet(redact(res.text, reader.secrets)) || `HTTP ${res.status}`);
  const message = fields.requestId ? `${detail} (RequestId: ${fields.requestId})` : detail;
  return redact(message, reader.secrets);
}

/** What a human reads of a body: an HTML page's title (else its text without tags), on one line. */
function readableText(body: string): string {
  if (!/<(?:!doctype|html|head|body|title|h1|p)\b/i.test(body)) return body;
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1];
  return title?.trim() ? title : body.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, " ").replace(/<[^>]*>/g, " ");
}

/**
 * One line saying that an answer is not the API's:
 * `HTTP 404 from http://127.0.0.1:8080/: not an Alibaba Cloud API answer (text/html: "404 Not Found")`.
 */
function notApiMessage(res: HttpResponse, reader: AnswerReader, url: string): string {
  const type = res.headers["content-type"]?.split(";")[0].trim() || "no content type";
  const text = snippet(redact(readableText(res.text), reader.secrets), QUOTE_LENGTH).replace(/"/g, "'");
  const body = text ? `${type}: "${text}"` : `${type}, empty body`;
  const where = new URL(url);
  const article = /^[aeiou]/i.test(reader.api) ? "an" : "a";
  return `HTTP ${res.status} from ${where.origin}${where.pathname}: not ${article} ${reader.api} API answer (${body})`;
}

/**
 * The JSON object of a 2xx answer to the request to `url`. Throws:
 * - the classed `ApiError` of an answer carrying the cloud's error code,
 *   whatever its HTTP status (for a 2xx, when the reader says the body is
 *   the cloud's error answer: `isErrorBody`): a gateway answering 200 with an
 *   error must not read as an answer without data (e.g. an empty page), and a
 *   permanent code (`Forbidden.RAM`, `InvalidParameter`) ends the wait at
 *   once in a 200 as in a 400;
 * - an `EndpointError` for an answer that is not the API's: `MalformedResponse`
 *   (transient) for a 2xx that is not a JSON object, `HTTP<status>` for any
 *   other status (transient for 429 and 5xx, else permanent; never "not
 *   found", which only the API can say).
 */
export function readAnswer(res: HttpResponse, reader: AnswerReader, url: string): Record<string, unknown> {
  const ok = res.status >= 200 && res.status <= 299;
  const body = jsonObject(res, url);
  const fields = body ? reader.errorFields(body, res.headers, res.status) : {};
  if (fields.code !== undefined && (!ok || reader.isErrorBody(body!, fields))) {
    const retryAfterMs = parseRetryAfter(res.headers["retry-after"]);
    throw classifyError(res.status, fields.code, errorMessage(res, fields, reader), reader.isNotFound, retryAfterMs);
  }
  if (ok && body) return body;
  const code = ok ? "MalformedResponse" : `HTTP${res.status}`;
  const kind = ok || isTransient(res.status, code) ? "transient" : "permanent";
  const retryAfterMs = parseRetryAfter(res.headers["retry-after"]);
  const throttled = isThrottlingAnswer(res.status, code);
  throw new EndpointError({ kind, code, message: notApiMessage(res, reader, url), httpStatus: res.status, retryAfterMs, throttled });
}

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
 * True for an answer that says "you are sending too fast": HTTP 429, and,
 * whatever the HTTP status, `Throttling*` (`Throttling.User`,
 * `ThrottlingException`) or the Huawei API gateway's `APIG.0308`/`APIGW.0308`.
 */
export function isThrottlingAnswer(httpStatus: number | null, code: string): boolean {
  return httpStatus === 429 || code.startsWith("Throttling") || GATEWAY_THROTTLING.has(code);
}

/**
 * True for throttling and server-side failures: HTTP 429, any 5xx, and, whatever
 * the HTTP status (a 2xx body carrying an error code included), `Throttling*`,
 * `APIG.0308`/`APIGW.0308`, `ServiceUnavailable*`, `InternalError*`,
 * `ServiceFailure*` and Huawei service codes of a 5xx (`BCS.5000500`).
 */
export function isTransient(httpStatus: number, code: string): boolean {
  if (httpStatus >= 500 || isThrottlingAnswer(httpStatus, code) || HUAWEI_SERVER_ERROR.test(code)) return true;
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
  if (isTransient(httpStatus, code)) {
    return new ApiError({ kind: "transient", code, message, httpStatus, retryAfterMs, throttled: isThrottlingAnswer(httpStatus, code) });
  }
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
