/**
 * Careful readers of parsed API answers, for every provider. The clients
 * parse JSON exactly (`parseJson`), so a number may arrive as a `number`, a
 * `bigint` or an `ExactNumber` (its text): these readers accept all three
 * and never round a big integer through a float. Also here: JSON carried
 * inside string fields (parsed as exactly as the answer itself), nanosecond
 * timestamps, and the error codes that mean "not found".
 */
import { ApiError } from "../../src/core/errors";
import { isExactNumber, parseJson } from "../../src/core/json";
import { isPlainObject } from "../../src/core/values";

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

/**
 * The error for a 2xx answer that is not the documented JSON. The contract
 * classes it transient: a proxy or a half-written answer may cause it.
 */
function unexpectedAnswer(detail: string): ApiError {
  return new ApiError({ kind: "transient", code: "UnexpectedResponse", message: `unexpected API answer: ${detail}` });
}

/** `value` when it is a JSON object, else throws `unexpectedAnswer` naming `what`. */
export function expectObject(value: unknown, what: string): JsonObject {
  if (isPlainObject(value)) return value;
  throw unexpectedAnswer(`${what} is not a JSON object`);
}

/** `value` when it is an array, `[]` when it is absent or null, else throws `unexpectedAnswer`. */
export function expectArray(value: unknown, what: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  throw unexpectedAnswer(`${what} is not a JSON array`);
}

/** A string as is, a number (of any of the three kinds) as its decimal text, anything else null. */
export function textOf(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint" || isExactNumber(value)) return String(value);
  return null;
}

/** `textOf(value)` trimmed, or null when that is empty. */
export function trimmedText(value: unknown): string | null {
  const text = textOf(value)?.trim();
  return text ? text : null;
}

/**
 * An integer given as a bigint, an integral number or a string of digits
 * (optionally signed), converted exactly; null for anything else.
 */
export function integerOf(value: unknown): bigint | null {
  if (typeof value === "bigint") return value;
  if (typeof value === "number") return Number.isInteger(value) ? BigInt(value) : null;
  if (typeof value === "string" && /^-?\d+$/.test(value.trim())) return BigInt(value.trim());
  return null;
}

/** A number given as a number, a bigint, an exact number's text or a numeric string, as the nearest finite double; null for anything else. */
export function numberOf(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return Number(value);
  const text = isExactNumber(value) ? value.value : value;
  if (typeof text === "string" && text.trim() !== "") {
    const n = Number(text);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

// ---- JSON inside strings (BPStudio `Arguments` and `Message`, OOS `Outputs`) ----

// Only text that looks like a JSON object, array or string is decoded, so an ID such as `"12345"` or a word such as `"true"` stays text.
/**
 * Parses `text` when it is a JSON object, array or string, exactly as the
 * answer itself (`parseJson`: big integers, numbers no double holds); text
 * nested too deep to parse stays text.
 */
function parseStrict(text: string): { value: unknown } | undefined {
  const first = text.trimStart()[0];
  if (first !== "{" && first !== "[" && first !== '"') return undefined;
  try {
    return { value: parseJson(text) };
  } catch {
    return undefined;
  }
}

/**
 * One decoding step. Besides strict JSON it accepts what the BPStudio docs
 * show: a JSON object or array wrapped in quotes without escaping
 * (`"[{"a":1}]"`), which decodes to the text between the quotes.
 */
function decodeOnce(text: string): { value: unknown } | undefined {
  const strict = parseStrict(text);
  if (strict) return strict;
  const trimmed = text.trim();
  if (trimmed.length < 2 || !trimmed.startsWith('"') || !trimmed.endsWith('"')) return undefined;
  const inner = trimmed.slice(1, -1);
  const first = inner.trimStart()[0];
  return (first === "{" || first === "[") && parseStrict(inner) ? { value: inner } : undefined;
}

/** `text` parsed as JSON when it holds a JSON object, array or string, else `text` itself. */
export function parseJsonText(text: string): unknown {
  const decoded = parseStrict(text);
  return decoded ? decoded.value : text;
}

/**
 * Decodes `text` again and again while the result is still a string holding
 * JSON (the BPStudio docs show `Data.Message` wrapped in an extra pair of
 * quotes). Returns the final `value` and the last string of the chain as
 * `text`: for `"[1]"` (quotes included) the value is `[1]` (an array) and the
 * text is `[1]`.
 */
export function unwrapJsonText(text: string): { value: unknown; text: string } {
  let current = text;
  for (;;) {
    const decoded = decodeOnce(current);
    if (!decoded) return { value: current, text: current };
    if (typeof decoded.value !== "string") return { value: decoded.value, text: current };
    current = decoded.value;
  }
}

/**
 * The human text of a message field that may be JSON-encoded: the string
 * after unwrapping, null when that is blank (the docs show `"\" \""`) or when
 * `value` is not a string.
 */
export function messageText(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const { text } = unwrapJsonText(value);
  return text.trim() === "" ? null : text;
}

// ---- Nanosecond timestamps (BCS `start_time`/`end_time`) ----

// The raw values exceed 2^53, so they are divided as BigInts from their digits: a float parse would round them.
const NANOS_PER_MS = 1_000_000n;
/** The largest time a JavaScript Date holds, in milliseconds. */
const MAX_DATE_MS = 8_640_000_000_000_000n;

/**
 * `value` (nanoseconds since the epoch, as a bigint, a number or a string of
 * digits) as an ISO-8601 string truncated to milliseconds
 * (`2021-04-12T09:17:18.464Z`); null when it is 0, negative, absent or not an
 * integer.
 */
export function nanosToIso(value: unknown): string | null {
  const nanos = integerOf(value);
  if (nanos === null || nanos <= 0n) return null;
  const ms = nanos / NANOS_PER_MS;
  return ms > MAX_DATE_MS ? null : new Date(Number(ms)).toISOString();
}

// ---- Which operation an answer is about ----

/**
 * Throws a notFound `ApiError` (code `OperationMismatch`) when an answer
 * names an operation other than `operationId` in `echoed` (`label` says
 * what: `EMR operation`): a proxy or cache that answers about another
 * operation must not end this wait with that one's outcome. Treated as BCS
 * treats a record list without this operation: not found, tolerated for the
 * grace period, then ERROR. An answer without the echo passes.
 */
export function expectSameOperation(label: string, operationId: string, echoed: unknown): void {
  const id = trimmedText(echoed);
  if (id === null || id === operationId) return;
  throw new ApiError({
    kind: "notFound",
    code: "OperationMismatch",
    message: `the answer is about ${label} ${JSON.stringify(id)}, not ${JSON.stringify(operationId)} (a proxy or cache mixing up answers?)`,
    httpStatus: 200,
  });
}

// ---- Not found ----

/**
 * True for the error codes that mean "the operation is not (yet) known":
 * `ResourceNotFound` and `EntityNotExists` / `EntityNotExists.*`, whatever the
 * HTTP status. Other codes, even with HTTP 404 (`InvalidAccessKeyId.NotFound`,
 * Huawei `BCS.4040404` unknown URL), are not.
 */
export function isNotFoundCode(code: string): boolean {
  return code === "ResourceNotFound" || code === "EntityNotExists" || code.startsWith("EntityNotExists.");
}
