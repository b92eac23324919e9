/**
 * Output values as short text for summaries: strings as they are, anything
 * else as compact JSON, clipped.
 */
import { toJson } from "../core/json-text";
import { oneLine } from "./one-line";

/** Longest value text in a summary; `--output json` has the full value. */
const MAX_VALUE = 300;

/** `value` as one line of at most `max` characters; `-` for null and undefined. */
export function valueText(value: unknown, max = MAX_VALUE): string {
  if (value === null || value === undefined) return "-";
  return oneLine(typeof value === "string" ? value : toJson(value), max);
}
