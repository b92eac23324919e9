/**
 * Nanosecond timestamps (BCS `start_time`/`end_time`) to ISO-8601 strings.
 * The raw values exceed 2^53, so they are divided as BigInts from their digits:
 * a float parse would round them.
 */
import { integerOf } from "./json-value";

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
