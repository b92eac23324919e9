/**
 * The last resort for failures nobody expected: one line on stderr, never a
 * stack trace unless `OPGATE_DEBUG=1`, and secrets from the environment
 * blanked out of whatever is printed.
 */
import { EXIT_INTERNAL } from "./exit-codes";

/** Environment variable names whose values are secret. */
const SECRET_NAME = /SECRET|TOKEN|PASSWORD|PRIVATE|_SK$/i;
/** Shorter values are not worth blanking (and would blank innocent text). */
const MIN_SECRET_LENGTH = 4;

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
