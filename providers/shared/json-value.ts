/**
 * Careful readers of parsed API answers. The clients parse JSON with
 * lossless-json, so an integer may arrive as a `number` or as a `bigint`;
 * these helpers accept both and never round a big integer through a float.
 */
import { ApiError } from "../../src/core/errors";

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

/** True when `value` is a JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The error for a 2xx answer that is not the documented JSON. The contract
 * classes it transient: a proxy or a half-written answer may cause it.
 */
function unexpectedAnswer(detail: string): ApiError {
  return new ApiError({ kind: "transient", code: "UnexpectedResponse", message: `unexpected API answer: ${detail}` });
}

/** `value` when it is a JSON object, else throws `unexpectedAnswer` naming `what`. */
export function expectObject(value: unknown, what: string): JsonObject {
  if (isObject(value)) return value;
  throw unexpectedAnswer(`${what} is not a JSON object`);
}

/** `value` when it is an array, `[]` when it is absent or null, else throws `unexpectedAnswer`. */
export function expectArray(value: unknown, what: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  throw unexpectedAnswer(`${what} is not a JSON array`);
}

/** A string as is, a number or bigint as its decimal text, anything else null. */
export function textOf(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
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

/** A number given as a number, a bigint or a numeric string; null for anything else. */
export function numberOf(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}
