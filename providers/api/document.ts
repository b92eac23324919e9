/**
 * The document JMESPath expressions see: the parsed answer with every
 * integer beyond 2^53 (a `bigint` from the clients' lossless parse) as its
 * exact decimal string. JMESPath engines know no bigint, and a float would
 * round it; as a string it keeps every digit, also in `outputs`. Another
 * number no double holds (`1e400`) stays the exact number it was parsed as,
 * so that an output selecting it keeps its value.
 */
import { isExactNumber } from "../../src/core/json";
import { isPlainObject } from "../../src/core/values";

/** `value` with its bigints as decimal strings; everything else as it is (objects and arrays copied). */
export function jmespathDocument(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (isExactNumber(value)) return value;
  if (Array.isArray(value)) return value.map(jmespathDocument);
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // defineProperty: a key named __proto__ stays a plain key, as in the answer.
      Object.defineProperty(copy, key, { value: jmespathDocument(item), enumerable: true, writable: true, configurable: true });
    }
    return copy;
  }
  return value;
}
