"use strict";
/** Summary statistics and table rendering for the benches. */

/** The `p`-quantile (0..1) of `values` (nearest rank). */
function quantile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/** The arithmetic mean of `values`. */
function mean(values) {
  let sum = 0;
  for (const v of values) sum += v;
  return values.length ? sum / values.length : NaN;
}

/**
 * Calls and lags of a set of waits: `waits` is a list of
 * `{ calls, lagMs, durationMs }`.
 */
function summarize(waits) {
  const calls = waits.map((w) => w.calls);
  const lag = waits.map((w) => w.lagMs);
  const rel = waits.map((w) => w.lagMs / w.durationMs);
  return {
    callsMean: mean(calls),
    callsP95: quantile(calls, 0.95),
    lagP50: quantile(lag, 0.5),
    lagP95: quantile(lag, 0.95),
    lagMax: Math.max(...lag),
    relP50: quantile(rel, 0.5),
    relP95: quantile(rel, 0.95),
    relMax: Math.max(...rel),
  };
}

/** `1234` ms → `1.2 s`; minutes above 10 min. */
function seconds(ms) {
  if (!Number.isFinite(ms)) return "–";
  if (ms >= 600_000) return `${(ms / 60_000).toFixed(1)} min`;
  if (ms >= 100_000) return `${Math.round(ms / 1000)} s`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** `0.0912` → `9.1 %`. */
function percent(x) {
  if (!Number.isFinite(x)) return "–";
  return x >= 10 ? `${Math.round(x * 100)} %` : `${(x * 100).toFixed(1)} %`;
}

/** A number with `digits` decimals, or `–`. */
function fixed(x, digits = 1) {
  return Number.isFinite(x) ? x.toFixed(digits) : "–";
}

/** A Markdown table from a header row and rows of cells. */
function markdownTable(header, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

module.exports = { quantile, summarize, seconds, percent, fixed, markdownTable };
