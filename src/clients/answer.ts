/**
 * Turns an HTTP answer into the parsed JSON object of a 2xx, or the classed
 * `ApiError` of anything else, with secrets scrubbed from every message. An
 * answer that is not the API's (an HTML page, a body that is not JSON, JSON
 * without the cloud's error code) is an `EndpointError` described in one line,
 * never as raw markup.
 */
import { EndpointError } from "../core/errors";
import { classifyError, isTransient, parseRetryAfter, type NotFoundTest } from "./classify";
import type { HttpResponse } from "./http";
import { parseJson } from "./json";

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
  /** Picks the fields out of a parsed error body. */
  errorFields(body: Record<string, unknown>, headers: Record<string, string>): ErrorFields;
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

/** The body as a JSON object, or undefined when it is not one. */
function jsonObject(body: string): Record<string, unknown> | undefined {
  try {
    const value = parseJson(body);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
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

/** `Code` values a successful answer may carry (BPStudio sends `"Code": "200"`). */
const SUCCESS_CODE = /^(?:2\d\d|ok|success)$/i;

/**
 * The JSON object of a 2xx answer to the request to `url`. Throws:
 * - the classed `ApiError` of an answer carrying the cloud's error code,
 *   whatever its HTTP status: a gateway answering 200 with an error must not
 *   read as an answer without data (e.g. an empty page), and a permanent code
 *   (`Forbidden.RAM`, `InvalidParameter`) ends the wait at once in a 200 as in
 *   a 400;
 * - an `EndpointError` for an answer that is not the API's: `MalformedResponse`
 *   (transient) for a 2xx that is not a JSON object, `HTTP<status>` for any
 *   other status (transient for 429 and 5xx, else permanent; never "not
 *   found", which only the API can say).
 */
export function readAnswer(res: HttpResponse, reader: AnswerReader, url: string): Record<string, unknown> {
  const ok = res.status >= 200 && res.status <= 299;
  const body = jsonObject(res.text);
  const fields = body ? reader.errorFields(body, res.headers) : {};
  if (fields.code !== undefined && !(ok && SUCCESS_CODE.test(fields.code))) {
    const retryAfterMs = parseRetryAfter(res.headers["retry-after"]);
    throw classifyError(res.status, fields.code, errorMessage(res, fields, reader), reader.isNotFound, retryAfterMs);
  }
  if (ok && body) return body;
  const code = ok ? "MalformedResponse" : `HTTP${res.status}`;
  const kind = ok || isTransient(res.status, code) ? "transient" : "permanent";
  const retryAfterMs = parseRetryAfter(res.headers["retry-after"]);
  throw new EndpointError({ kind, code, message: notApiMessage(res, reader, url), httpStatus: res.status, retryAfterMs });
}
