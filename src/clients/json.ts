/**
 * JSON parsing for API answers: integers beyond 2^53 (BCS nanosecond times)
 * arrive as exact `bigint`s instead of rounded floats.
 */
import { isInteger, parse } from "lossless-json";

/** A number as a `number`, or a `bigint` when it is an integer a `number` cannot hold exactly. */
function parseNumber(digits: string): number | bigint {
  const value = Number(digits);
  return isInteger(digits) && !Number.isSafeInteger(value) ? BigInt(digits) : value;
}

/** Parses JSON text. Throws `SyntaxError` when it is not JSON. */
export function parseJson(text: string): unknown {
  return parse(text, null, parseNumber);
}
