/**
 * Turns an HTTP answer into the parsed JSON object of a 2xx, or the classed
 * `ApiError` of anything else, with secrets scrubbed from every message.
 */
import { ApiError } from "../core/errors";
import { classifyError, parseRetryAfter, type NotFoundTest } from "./classify";
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
  /** `host[:port]` of the endpoint, for messages. */
  host: string;
  /** Picks the fields out of a parsed error body. */
  errorFields(body: Record<string, unknown>, headers: Record<string, string>): ErrorFields;
  /** The provider's not-found test. */
  isNotFound: NotFoundTest;
  /** Values that must never appear in an error message (the secret, tokens). */
  secrets: readonly (string | undefined)[];
}

const SNIPPET_LENGTH = 120;

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
function snippet(body: string): string {
  const line = body.replace(/\s+/g, " ").trim();
  return line.length > SNIPPET_LENGTH ? `${line.slice(0, SNIPPET_LENGTH)}...` : line;
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

/** The classed error of a non-2xx answer. */
function errorOf(res: HttpResponse, reader: AnswerReader): ApiError {
  const body = jsonObject(res.text);
  const fields = body ? reader.errorFields(body, res.headers) : {};
  const code = fields.code ?? `HTTP${res.status}`;
  const retryAfterMs = parseRetryAfter(res.headers["retry-after"]);
  return classifyError(res.status, code, errorMessage(res, fields, reader), reader.isNotFound, retryAfterMs);
}

/** `Code` values a successful answer may carry (BPStudio sends `"Code": "200"`). */
const SUCCESS_CODE = /^(?:2\d\d|ok|success)$/i;

/**
 * The JSON object of a 2xx answer. Throws the classed `ApiError` of any other
 * status, and a transient `ApiError` for a 2xx whose body is not the expected
 * JSON: `MalformedResponse` when it is not a JSON object, the body's own code
 * when it is the cloud's error object (a gateway answering 200 with an
 * error must not read as an answer without data, e.g. an empty page).
 */
export function readAnswer(res: HttpResponse, reader: AnswerReader): Record<string, unknown> {
  if (res.status < 200 || res.status > 299) throw errorOf(res, reader);
  const body = jsonObject(res.text);
  if (!body) {
    const message = `${reader.host}: HTTP ${res.status} answer is not a JSON object: ${snippet(redact(res.text, reader.secrets)) || "(empty)"}`;
    throw new ApiError("transient", "MalformedResponse", message, res.status);
  }
  const fields = reader.errorFields(body, res.headers);
  if (fields.code !== undefined && !SUCCESS_CODE.test(fields.code)) {
    throw new ApiError("transient", fields.code, errorMessage(res, fields, reader), res.status);
  }
  return body;
}
