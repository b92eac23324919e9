/**
 * Checks of the library's options besides the values of a service's fields:
 * an option the service does not take is an `InputError` naming it (as the
 * CLI refuses an unknown flag), and a wrong type of the library's own options
 * is an `InputError` naming the option before anything runs, never a
 * `TypeError` from deep inside the engine, and never a value that merely
 * looks true (`allowInsecureHttp: "false"`).
 */
import { foreignInputProblems, waitFields } from "../providers/params";
import type { WaitProvider } from "../providers/types";
import { describeValue, isPlainObject } from "./core/values";
import { InputError } from "./core/errors";
import { scheduleOptions } from "./core/schedule";

/** The options of `waitForOperation` that are not fields of a service. */
const LIBRARY_OPTIONS = ["service", "signal", "onProgress", "env", "allowInsecureHttp", "tuning"];

/** Numeric tuning knobs that must be finite and above zero, or at least zero. */
const POSITIVE_KNOBS = ["minDelayMs", "maxDelayMs", "retryDelayMs", "requestTimeoutMs", "firstAnswerPolls"];
const NON_NEGATIVE_KNOBS = ["ratio", "jitter", "notFoundGraceMs", "firstAnswerMs"];

/** The knobs of the poll schedule, whose relations `scheduleOptions` checks. */
const SCHEDULE_KNOBS = ["minDelayMs", "maxDelayMs", "ratio", "jitter", "retryDelayMs"] as const;

/**
 * Throws `InputError` naming the option when `signal`, `onProgress`, `env`,
 * `allowInsecureHttp` or `tuning` has the wrong type (absent and null are
 * fine: the defaults apply).
 */
export function checkWaitOptions(options: Readonly<Record<string, unknown>>): void {
  const { signal, onProgress, env, allowInsecureHttp, tuning } = options;
  if (given(signal) && !(signal instanceof AbortSignal)) throw new InputError("signal", `must be an AbortSignal, got ${describeValue(signal)}`);
  if (given(onProgress) && typeof onProgress !== "function") throw new InputError("onProgress", `must be a function, got ${describeValue(onProgress)}`);
  if (given(allowInsecureHttp) && typeof allowInsecureHttp !== "boolean") {
    throw new InputError("allowInsecureHttp", `must be true or false, got ${describeValue(allowInsecureHttp)}`);
  }
  if (given(env)) checkEnv(env);
  if (given(tuning)) checkTuning(tuning);
}

/**
 * Throws `InputError` naming the first option that a wait of `provider` does
 * not take: a misspelled option (`operationID`, with the nearest one) or
 * another service's (`clusterId` for bpstudio). Absent and null options are fine.
 */
export function checkOptionNames(provider: WaitProvider, options: Readonly<Record<string, unknown>>): void {
  const known = [...LIBRARY_OPTIONS, ...waitFields(provider).map((field) => field.name)];
  const [foreign] = foreignInputProblems(options, known, provider.name);
  if (foreign) throw foreign;
}

function given(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** An environment like `process.env`: names to strings. */
function checkEnv(env: unknown): void {
  if (!isPlainObject(env)) throw new InputError("env", `must be an object of environment variables like process.env, got ${describeValue(env)}`);
  const bad = Object.entries(env).find(([, value]) => value !== undefined && typeof value !== "string");
  if (bad) throw new InputError("env", `${bad[0]} must be a string, got ${describeValue(bad[1])}`);
}

function checkTuning(tuning: unknown): void {
  if (!isPlainObject(tuning)) throw new InputError("tuning", `must be an object, got ${describeValue(tuning)}`);
  for (const [names, bound] of [[POSITIVE_KNOBS, "> 0"], [NON_NEGATIVE_KNOBS, ">= 0"]] as const) {
    for (const name of names) {
      const value = tuning[name];
      if (value === undefined) continue;
      const ok = typeof value === "number" && Number.isFinite(value) && (bound === "> 0" ? value > 0 : value >= 0);
      if (!ok) throw new InputError("tuning", `${name} must be a finite number ${bound}, got ${describeValue(value)}`);
    }
  }
  const { clock, random } = tuning;
  if (given(clock) && !(isPlainObject(clock) && typeof clock.now === "function" && typeof clock.sleep === "function")) {
    throw new InputError("tuning", "clock must have now() and sleep(ms, signal) (see VirtualClock)");
  }
  if (given(random) && typeof random !== "function") throw new InputError("tuning", `random must be a function, got ${describeValue(random)}`);
  try {
    scheduleOptions(Object.fromEntries(SCHEDULE_KNOBS.map((name) => [name, tuning[name]])));
  } catch (err) {
    if (err instanceof RangeError) throw new InputError("tuning", err.message);
    throw err;
  }
}
