/**
 * JSON serialization of answer bodies. Huawei BCS times are nanoseconds beyond
 * 2^53, so bodies may hold `bigint`s: they are written as bare integers.
 */
import { stringify } from "lossless-json";

/** `JSON.stringify`, except that a `bigint` becomes its bare digits (`1618219038464462600`). */
export function toJson(value: unknown): string {
  return stringify(value) ?? "null";
}
