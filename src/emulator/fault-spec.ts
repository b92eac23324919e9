/**
 * Faults of a scenario operation: which polls they hit and what they do
 * instead of (for `delay`, before) the normal answer.
 */
import { InputError } from "../core/errors";

/** Every fault kind. */
export const FAULT_KINDS = [
  "throttle",
  "server-error",
  "reset",
  "delay",
  "malformed",
  "truncated",
  "error-body",
  "expire",
  "huge",
  "skewed-clock",
] as const;

/** What a fault does. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** A fault as written in a scenario. */
export interface ScenarioFault {
  /** The 1-based index of the request for the operation it hits. */
  poll?: number;
  /** First request hit (1-based), with `to`. */
  from?: number;
  /** Last request hit (inclusive); absent means every later request. */
  to?: number;
  kind: FaultKind;
  /** throttle, server-error, error-body: the error code sent. */
  code?: string;
  /** error-body: the error message sent. */
  message?: string;
  /** throttle, server-error: seconds sent as `Retry-After`. */
  retryAfter?: number;
  /** delay: how long the answer is held back, in milliseconds. */
  ms?: number;
  /** huge: the body size in bytes (default 11 MiB). */
  bytes?: number;
}

/** A validated fault. */
export interface Fault {
  kind: FaultKind;
  /** 1-based, inclusive. */
  from: number;
  /** 1-based, inclusive; Infinity for "from then on". */
  to: number;
  code?: string;
  message?: string;
  retryAfter?: number;
  ms?: number;
  bytes?: number;
}

/** Default body size of a `huge` fault: 11 MiB, beyond the clients' 10 MiB limit. */
export const DEFAULT_HUGE_BYTES = 11 * 1024 * 1024;

/** The keys each kind accepts besides `kind`, `poll`, `from` and `to`. */
const KIND_KEYS: Record<FaultKind, readonly string[]> = {
  throttle: ["code", "retryAfter"],
  "server-error": ["code", "retryAfter"],
  reset: [],
  delay: ["ms"],
  malformed: [],
  truncated: [],
  "error-body": ["code", "message"],
  expire: [],
  huge: ["bytes"],
  "skewed-clock": [],
};

/** Upper bounds that keep a scenario from wedging the emulator. */
const MAX_DELAY_MS = 3_600_000;
const MAX_HUGE_BYTES = 1024 * 1024 * 1024;

/** Validates one fault (`where` is its path, e.g. `operations[0].faults[1]`). */
export function parseFault(value: unknown, where: string): Fault {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new InputError(where, "must be an object");
  const fault = value as Record<string, unknown>;
  const kind = fault.kind;
  if (typeof kind !== "string" || !(FAULT_KINDS as readonly string[]).includes(kind)) {
    throw new InputError(`${where}.kind`, `must be one of ${FAULT_KINDS.join(", ")}`);
  }
  const allowed = new Set(["kind", "poll", "from", "to", ...KIND_KEYS[kind as FaultKind]]);
  const extra = Object.keys(fault).find((key) => !allowed.has(key));
  if (extra) throw new InputError(`${where}.${extra}`, `is not a key of a ${kind} fault`);

  const parsed: Fault = { kind: kind as FaultKind, ...pollRange(fault, where) };
  if (fault.code !== undefined) parsed.code = nonEmptyString(fault.code, `${where}.code`);
  if (fault.message !== undefined) parsed.message = nonEmptyString(fault.message, `${where}.message`);
  if (fault.retryAfter !== undefined) parsed.retryAfter = numberIn(fault.retryAfter, `${where}.retryAfter`, 0, 86_400, false);
  if (kind === "delay") {
    if (fault.ms === undefined) throw new InputError(`${where}.ms`, "is required: how long to hold the answer back, in milliseconds");
    parsed.ms = numberIn(fault.ms, `${where}.ms`, 0, MAX_DELAY_MS, false);
  }
  if (fault.bytes !== undefined) parsed.bytes = numberIn(fault.bytes, `${where}.bytes`, 1, MAX_HUGE_BYTES, true);
  return parsed;
}

/** The first fault of `faults` that hits request number `poll` (1-based). */
export function faultAt(faults: readonly Fault[], poll: number): Fault | undefined {
  return faults.find((fault) => poll >= fault.from && poll <= fault.to);
}

function pollRange(fault: Record<string, unknown>, where: string): { from: number; to: number } {
  if (fault.poll !== undefined) {
    if (fault.from !== undefined || fault.to !== undefined) throw new InputError(where, "use either `poll` or `from`/`to`, not both");
    const poll = numberIn(fault.poll, `${where}.poll`, 1, Number.MAX_SAFE_INTEGER, true);
    return { from: poll, to: poll };
  }
  if (fault.from === undefined) throw new InputError(where, "needs `poll` (a request number, from 1) or `from` (and optionally `to`)");
  const from = numberIn(fault.from, `${where}.from`, 1, Number.MAX_SAFE_INTEGER, true);
  const to = fault.to === undefined ? Infinity : numberIn(fault.to, `${where}.to`, from, Number.MAX_SAFE_INTEGER, true);
  return { from, to };
}

function numberIn(value: unknown, where: string, min: number, max: number, integer: boolean): number {
  const ok = typeof value === "number" && Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value));
  const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
  if (!ok) throw new InputError(where, `must be ${integer ? "an integer" : "a number"} ${range}`);
  return value as number;
}

function nonEmptyString(value: unknown, where: string): string {
  if (typeof value !== "string" || value.trim() === "") throw new InputError(where, "must be a non-empty string");
  return value;
}
