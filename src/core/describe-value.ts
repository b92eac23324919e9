/**
 * A user's value as a short phrase for an error message: strings quoted and
 * clipped, anything else by its kind. Never serializes the value itself, so
 * any value (a bigint, a circular object, a huge string) makes a short,
 * printable message.
 */

/** Longest part of a string value quoted in a message. */
const MAX_QUOTED = 40;

/** `"op-1"`, `"aaaa…"`, `an array`, `null`, `number`, `bigint`, `object`, ... */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > MAX_QUOTED ? value.slice(0, MAX_QUOTED) + "…" : value);
  if (Array.isArray(value)) return "an array";
  return value === null ? "null" : typeof value;
}
