/**
 * Aligned plain-text tables for the summary printed at the end of a wait.
 */
import { oneLine } from "./one-line";

/** Longest cell text; longer text is clipped. */
const MAX_CELL = 120;

/** The lines of a table: a header row then `rows`, columns padded to align, each line prefixed with `indent`. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[], indent = "  "): string[] {
  const cells = [headers, ...rows].map((row) => row.map((cell) => oneLine(cell, MAX_CELL)));
  const widths = headers.map((_, col) => Math.max(...cells.map((row) => (row[col] ?? "").length)));
  return cells.map((row) => indent + row.map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col]))).join("  ").trimEnd());
}
