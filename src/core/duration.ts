/**
 * CLI-style durations: `90s`, `10m`, `1h30m`, `1.5h`, `250ms`, or plain
 * seconds (`90`). The rules and words every face shares (docs/contract.md,
 * "Durations"); the HCL module's `timeout` check says the same.
 */
import { InputError } from "./errors";
import { describeValue } from "./values";

/** Deadline of a wait when none is given: the default every face shows and applies. */
export const DEFAULT_TIMEOUT = "30m";

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const SECONDS = /^\d+(?:\.\d+)?$/;
const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
/** Shorter deadlines end before the first poll: a typo such as `0.5ms` for `0.5m`. */
const MIN_MS = 1;
/** Longer than any operation opgate waits for; guards against typos like `1000h`. */
const MAX_MS = 7 * 86_400_000;

/**
 * Parses a duration into milliseconds. A number, or a string of digits, is
 * seconds; a string of units gives each unit at most once, in any case.
 * Throws `InputError` naming `field` unless the value is such a duration of
 * at least 1 ms and at most 7 days.
 */
export function parseDuration(value: unknown, field: string): number {
  if (typeof value !== "string" && typeof value !== "number") {
    throw new InputError(field, `must be a duration text or a number of seconds, got ${describeValue(value)}`);
  }
  const text = String(value).toLowerCase();
  const ms = typeof value === "number" ? value * 1000 : SECONDS.test(text) ? Number(text) * 1000 : unitsMs(text, field);
  if (ms === undefined || !Number.isFinite(ms)) throw new InputError(field, "is not a duration: use e.g. 90s, 10m, 1h30m or a number of seconds");
  if (!(ms >= MIN_MS)) throw new InputError(field, "must be at least 1ms");
  if (ms > MAX_MS) throw new InputError(field, "must be at most 7d");
  return ms;
}

/** The milliseconds of `90s`, `1h30m`, ..., or undefined when `text` is not such a duration. Throws `InputError` for a unit given twice. */
function unitsMs(text: string, field: string): number | undefined {
  if (!DURATION.test(text)) return undefined;
  const parts = [...text.matchAll(PART)];
  if (new Set(parts.map(([, , unit]) => unit)).size < parts.length) throw new InputError(field, "gives a unit twice: give each unit once, e.g. 1h30m");
  return parts.reduce((total, [, amount, unit]) => total + Number(amount) * UNIT_MS[unit], 0);
}

/** `5400000` → `1h30m`; `1500` → `1.5s`. For messages and progress lines. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${Math.round(ms / 100) / 10}s`;
  const totalS = Math.round(ms / 1000);
  const h = Math.floor(totalS / 3600);
  const m = Math.floor((totalS % 3600) / 60);
  const s = totalS % 60;
  return `${h ? `${h}h` : ""}${m ? `${m}m` : ""}${s ? `${s}s` : ""}` || "0s";
}
