/**
 * JSON text of Results and outputs. Values parsed from API answers may hold
 * `bigint`s (integers beyond 2^53); they are written as their exact digits.
 */
import { stringify } from "lossless-json";

/** `value` as JSON text (`indent` spaces per level, or one line). */
export function toJson(value: unknown, indent?: number): string {
  return stringify(value, undefined, indent) ?? "null";
}
