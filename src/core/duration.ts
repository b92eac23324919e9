/**
 * CLI-style durations: `90s`, `10m`, `1h30m`, `250ms`, or plain seconds (`90`).
 */
import { InputError } from "./errors";
import { describeValue } from "./values";

/** Deadline of a wait when none is given: the default every face shows and applies. */
export const DEFAULT_TIMEOUT = "30m";

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
/** Longer than any operation opgate waits for; guards against typos like `1000h`. */
const MAX_MS = 7 * 86_400_000;

/**
 * Parses a duration into milliseconds. A number, or a string of digits, is
 * seconds. Throws `InputError` naming `field` when the value is not a positive
 * duration of at most 7 days.
 */
export function parseDuration(value: unknown, field: string): number {
  const ms = toMs(value);
  if (ms === undefined) {
    throw new InputError(field, `${describeValue(value)} is not a duration: use e.g. 90s, 10m, 1h30m or a number of seconds`);
  }
  if (ms <= 0) throw new InputError(field, "must be longer than zero");
  if (ms > MAX_MS) throw new InputError(field, "must be at most 7d");
  return ms;
}

function toMs(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value * 1000 : undefined;
  if (typeof value !== "string") return undefined;
  const text = value.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  if (!DURATION.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(PART)) total += Number(amount) * UNIT_MS[unit];
  return total;
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
