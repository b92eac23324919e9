/**
 * Output values as short text for summaries: strings as they are, anything
 * else as compact JSON, clipped.
 */
import { toJson } from "../core/values";
import { oneLine } from "./one-line";

/** Longest value text in a summary; `--output json` has the full value. */
const MAX_VALUE = 300;

/** Output names whose numbers are epoch milliseconds (EMR `createTime`, `startTime`, `endTime`). */
const EPOCH_MS_OUTPUT = /^(?:create|start|end)Time$/;

/**
 * An output's value as text for humans: an epoch-millisecond time as ISO-8601
 * (`2021-08-10T09:57:19.114Z`, as BCS times are shown), anything else as
 * `valueText`. The Result keeps the numbers.
 */
export function outputText(name: string, value: unknown): string {
  if (EPOCH_MS_OUTPUT.test(name) && typeof value === "number" && Number.isSafeInteger(value) && value > 0) return new Date(value).toISOString();
  return valueText(value);
}

/** `value` as one line of at most `max` characters; `-` for null and undefined. */
export function valueText(value: unknown, max = MAX_VALUE): string {
  if (value === null || value === undefined) return "-";
  return oneLine(typeof value === "string" ? value : toJson(value), max);
}
