/**
 * Text for a terminal or a log, from values the APIs and users gave: one
 * line without control characters, aligned tables, and output values as
 * short text for the summary printed at the end of a wait.
 */
import { toJson } from "../core/values";

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g;
/** Longest table cell text; longer text is clipped. */
const MAX_CELL = 120;
/** Longest value text in a summary; `--output json` has the full value. */
const MAX_VALUE = 300;
/** Output names whose numbers are epoch milliseconds (EMR `createTime`, `startTime`, `endTime`). */
const EPOCH_MS_OUTPUT = /^(?:create|start|end)Time$/;

/**
 * `text` made safe for one line of a terminal or log: control characters
 * (newlines, escape sequences) become spaces, and text longer than `max`
 * characters is clipped (an ellipsis marks the cut).
 */
export function oneLine(text: string, max = Infinity): string {
  const flat = text.replace(CONTROL, " ").trim();
  return flat.length > max ? `${flat.slice(0, Math.max(0, max - 1))}…` : flat;
}

/** The lines of a table: a header row then `rows`, columns padded to align, each line prefixed with `indent`. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[], indent = "  "): string[] {
  const cells = [headers, ...rows].map((row) => row.map((cell) => oneLine(cell, MAX_CELL)));
  const widths = headers.map((_, col) => Math.max(...cells.map((row) => (row[col] ?? "").length)));
  return cells.map((row) => indent + row.map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col]))).join("  ").trimEnd());
}

/**
 * An output's value as text for humans: an epoch-millisecond time as ISO-8601
 * (`2021-08-10T09:57:19.114Z`, as BCS times are shown), anything else as
 * `valueText`. The Result keeps the numbers.
 */
export function outputText(name: string, value: unknown): string {
  if (EPOCH_MS_OUTPUT.test(name) && typeof value === "number" && Number.isSafeInteger(value) && value > 0) return new Date(value).toISOString();
  return valueText(value);
}

/** `value` as one line of at most `max` characters: strings as they are, anything else as compact JSON; `-` for null and undefined. */
export function valueText(value: unknown, max = MAX_VALUE): string {
  if (value === null || value === undefined) return "-";
  return oneLine(typeof value === "string" ? value : toJson(value), max);
}
