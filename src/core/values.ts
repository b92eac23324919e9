/**
 * Values from users and APIs, untyped until checked: whether one is a plain
 * object, how to name one in an error message, and how to write one as JSON.
 * Values parsed from API answers may hold `bigint`s (integers beyond 2^53);
 * they are written as their exact digits.
 */
import { stringify } from "lossless-json";

/** Longest part of a string value quoted in a message. */
const MAX_QUOTED = 40;

/** True for an object that is neither null nor an array (a JSON object, an options bag). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A user's value as a short phrase for an error message: strings quoted and
 * clipped, anything else by its kind: `"op-1"`, `"aaaa…"`, `an array`,
 * `null`, `number`, `bigint`, `object`, ... Never serializes the value
 * itself, so any value (a bigint, a circular object, a huge string) makes a
 * short, printable message.
 */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > MAX_QUOTED ? value.slice(0, MAX_QUOTED) + "…" : value);
  if (Array.isArray(value)) return "an array";
  return value === null ? "null" : typeof value;
}

/** `value` as JSON text (`indent` spaces per level, or one line); bigints as their digits. */
export function toJson(value: unknown, indent?: number): string {
  return stringify(value, undefined, indent) ?? "null";
}
