/**
 * Text for a terminal or a log, from values the APIs and users gave: one
 * line without control characters, invisible format characters made
 * visible, aligned tables, output values as short text for the summary
 * printed at the end of a wait, and JSON whose strings cannot reorder or
 * hide text on a terminal.
 */
import { toJson } from "../core/values";

/** Control characters, and the Unicode line and paragraph separators: each run becomes one space. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
/**
 * Invisible format characters (Unicode category Cf): the bidi controls that
 * reorder what a terminal shows (U+202E right-to-left override, U+2066
 * isolates, ...), zero-width characters, U+FEFF. Shown as `<U+202E>`.
 */
const FORMAT = /\p{Cf}/gu;
/** What `printableJson` escapes: format characters and the line separators some terminals break on. */
const JSON_INVISIBLE = /[\p{Cf}\u2028\u2029]/gu;
/** Longest table cell text; longer text is clipped. */
const MAX_CELL = 120;
/** Longest value text in a summary; `--output json` has the full value. */
const MAX_VALUE = 300;
/** Output names whose numbers are epoch milliseconds (EMR `createTime`, `startTime`, `endTime`). */
const EPOCH_MS_OUTPUT = /^(?:create|start|end)Time$/;

/**
 * `text` with every invisible format character shown as its code point
 * (`<U+202E>`), so that API text can neither reorder nor hide what a
 * terminal, a log or a job summary shows.
 */
function visibleText(text: string): string {
  return text.replace(FORMAT, (char) => `<U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}>`);
}

/**
 * `text` made safe for one line of a terminal or log: control characters
 * (newlines, escape sequences) become spaces, invisible format characters
 * are shown (`visibleText`), and text longer than `max` characters is
 * clipped (an ellipsis marks the cut).
 */
export function oneLine(text: string, max = Infinity): string {
  const flat = visibleText(text.replace(CONTROL, " ")).trim();
  return flat.length > max ? `${flat.slice(0, Math.max(0, max - 1))}…` : flat;
}

/**
 * `value` as JSON text (exact big integers, like `toJson`) in which the
 * invisible format characters of strings are written as `\uXXXX` escapes:
 * the same value for a JSON reader, nothing hidden or reordered for a human.
 */
export function printableJson(value: unknown, indent?: number): string {
  return toJson(value, indent).replace(JSON_INVISIBLE, (char) => {
    let escaped = "";
    for (let i = 0; i < char.length; i++) escaped += `\\u${char.charCodeAt(i).toString(16).padStart(4, "0")}`;
    return escaped;
  });
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
