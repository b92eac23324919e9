/**
 * How `opgate` refuses a run before any request (exit 2). The reason is
 * always the last line on stderr, the line a CI log or Terraform shows last.
 * A usage line comes above it only for a usage mistake (an unknown flag,
 * command or service, a missing argument, a flag given twice), never for a
 * bad value or missing credentials, where it would be the wrong advice.
 */
import type { Command, CommanderError } from "commander";
import { redactSecrets } from "./exit";
import { oneLine } from "./text";

/** The code of opgate's own usage mistakes (a missing or unknown service, a missing or repeated flag): the usage line is shown. */
export const USAGE_MISTAKE = "opgate.usage";
/** The code of a bad value, missing credentials or an unusable file: no usage line. */
export const BAD_INPUT = "opgate.input";

/**
 * Longest reason line. Reasons quote what the user typed (an unknown option,
 * a bad value): one line without control characters, clipped, whatever was typed.
 */
const MAX_REASON_LENGTH = 400;

/** commander's codes of usage mistakes; its other codes (`commander.invalidArgument`: a value not among the choices) are bad values. */
const COMMANDER_USAGE_MISTAKES: ReadonlySet<string> = new Set([
  USAGE_MISTAKE,
  "commander.unknownOption",
  "commander.unknownCommand",
  "commander.missingArgument",
  "commander.optionMissingArgument",
  "commander.missingMandatoryOptionValue",
  "commander.excessArguments",
  "commander.conflictingOption",
]);

/** A run refused before any request: exit 2, `reason` last on stderr, `usage` above it when not null. */
export class Refusal extends Error {
  override readonly name = "Refusal";
  constructor(
    /** Why, in one line: `--timeout "5 minutes" is not a duration ...`. */
    readonly reason: string,
    /** The usage line to show above the reason (usage mistakes only). */
    readonly usage: string | null,
  ) {
    super(reason);
  }
}

/**
 * Makes every error of `command` (commander's and `command.error(...)`)
 * throw a `Refusal` with `usage` for usage mistakes; help and version
 * (exit 0) go on as commander's own error. `explain` may reword a reason
 * (e.g. name the service that takes an unknown flag). Nothing is printed
 * here: the caller prints the Refusal once it has written what else is due.
 */
export function refuseWith(command: Command, usage: string, explain: (reason: string, code: string) => string = (reason) => reason): Command {
  return command.exitOverride((err: CommanderError) => {
    if (err.exitCode === 0) throw err;
    // `opgate` alone: commander has printed the help, which is the usage.
    if (err.code === "commander.help") throw new Refusal(`missing command: use one of ${command.commands.map((c) => c.name()).join(", ")}`, null);
    const reason = explain(err.message.replace(/^error: /, ""), err.code);
    throw new Refusal(reason, COMMANDER_USAGE_MISTAKES.has(err.code) ? usage : null);
  });
}

/**
 * What stderr shows for `refusal`: its usage line when it has one, then
 * `opgate: error: <reason>` as the last line, on one line, clipped, with the
 * values of secret-looking variables of `env` blanked.
 */
export function refusalText(refusal: Refusal, env: Record<string, string | undefined>): string {
  const reason = `opgate: error: ${oneLine(redactSecrets(refusal.reason, env), MAX_REASON_LENGTH)}\n`;
  return refusal.usage ? `${refusal.usage}\n${reason}` : reason;
}
