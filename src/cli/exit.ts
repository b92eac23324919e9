/**
 * How the `opgate` process ends: the exit codes a pipeline script branches
 * on (docs/contract.md, CLI section), SIGINT, SIGTERM and SIGHUP (a CI
 * runner that loses its terminal): the first aborts the wait, which ends
 * INTERRUPTED (exit 130) and prints and writes what is known; a second exits
 * at once with 130. And the last resort for failures nobody expected: one line
 * on stderr, never a stack trace unless `OPGATE_DEBUG=1`, and secrets from
 * the environment blanked out of whatever is printed.
 */
import type { Outcome } from "../core/result";

/** Bad usage or input, missing credentials included; nothing was sent. */
export const EXIT_USAGE = 2;
/** Interrupted by SIGINT, SIGTERM or SIGHUP. */
export const EXIT_INTERRUPTED = 130;

/** The exit code of each way a wait can end. */
export const OUTCOME_EXIT_CODES: Readonly<Record<Outcome, number>> = {
  SUCCESS: 0,
  FAILURE: 1,
  CANCELLED: 1,
  TIMEOUT: 3,
  ERROR: 4,
  INTERRUPTED: EXIT_INTERRUPTED,
};

/** An unexpected failure inside opgate is reported like an API error. */
export const EXIT_INTERNAL = OUTCOME_EXIT_CODES.ERROR;

/** Environment variable names whose values are secret. */
const SECRET_NAME = /SECRET|TOKEN|PASSWORD|PRIVATE|_SK$/i;
/** Shorter values are not worth blanking (and would blank innocent text). */
const MIN_SECRET_LENGTH = 4;

/** The signals that interrupt a wait. */
const INTERRUPTING_SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

let interrupted: AbortSignal | undefined;

/**
 * The signal the first SIGINT, SIGTERM or SIGHUP aborts. The first call installs the
 * handlers for the rest of the process's life (one line on stderr per
 * signal); later calls return the same signal.
 */
export function interruptSignal(): AbortSignal {
  if (interrupted) return interrupted;
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      process.stderr.write(`opgate: ${name} again: exiting now\n`);
      process.exit(EXIT_INTERRUPTED);
    }
    process.stderr.write(`opgate: ${name} received: stopping (send it again to exit at once)\n`);
    controller.abort(Object.assign(new Error(`interrupted by ${name}`), { name: "AbortError" }));
  };
  for (const name of INTERRUPTING_SIGNALS) process.on(name, onSignal);
  interrupted = controller.signal;
  return interrupted;
}

/** `text` with the value of every secret-looking environment variable replaced by `***`. */
export function redactSecrets(text: string, env: Record<string, string | undefined>): string {
  let out = text;
  for (const [name, value] of Object.entries(env)) {
    if (value && value.length >= MIN_SECRET_LENGTH && SECRET_NAME.test(name)) out = out.split(value).join("***");
  }
  return out;
}

/** The line (and, with `OPGATE_DEBUG=1`, the stack) reporting an unexpected error. */
export function describeFatal(err: unknown, env: Record<string, string | undefined>): string {
  const message = err instanceof Error ? err.message : String(err);
  const lines = [`opgate: internal error: ${message}`];
  if (env.OPGATE_DEBUG === "1" && err instanceof Error && err.stack) lines.push(err.stack);
  else lines.push("opgate: set OPGATE_DEBUG=1 for details");
  return redactSecrets(lines.join("\n"), env) + "\n";
}

/** Reports an unexpected error and exits with the code of an error outcome. */
export function exitFatal(err: unknown): never {
  process.stderr.write(describeFatal(err, process.env));
  process.exit(EXIT_INTERNAL);
}
