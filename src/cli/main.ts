#!/usr/bin/env node
/**
 * The `opgate` command. Exit codes: 0 SUCCESS, 1 FAILURE/CANCELLED, 2 bad
 * usage or input, 3 TIMEOUT, 4 ERROR, 130 INTERRUPTED. No stack trace ever
 * reaches the user unless `OPGATE_DEBUG=1`.
 *
 * `opgate --version` alone is answered before anything else loads (pipelines
 * call it to log the version; it should cost no more than starting Node).
 */
import { packageVersion } from "../package-root";
import { EXIT_USAGE, exitFatal, interruptSignal, redactSecrets } from "./exit";
import type { Refusal } from "./refusal";

/** Commands that wait: they take over SIGINT/SIGTERM/SIGHUP before loading anything else. */
const WAITING_COMMANDS = new Set(["wait", "demo"]);

process.on("uncaughtException", exitFatal);
process.on("unhandledRejection", exitFatal);
// The Result is printed once the wait is over: a reader that stops early (`opgate ... | head`)
// or a full disk changes neither the outcome nor the exit code.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit();
  const { causeOf } = require("./failure-cause") as typeof import("./failure-cause");
  process.stderr.write(`opgate: warning: cannot write to stdout: ${causeOf(err)}\n`);
});
// Progress and warnings have nowhere else to go: a closed stderr (a CI runner that lost its
// terminal, a reader gone) leaves the wait, its stdout and its exit code alone.
process.stderr.on("error", () => undefined);

/** Parses the arguments and runs the command; sets `process.exitCode`. */
async function main(args: readonly string[]): Promise<void> {
  if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
    process.stdout.write(`${packageVersion()}\n`);
    return;
  }
  if (WAITING_COMMANDS.has(args[0])) interruptSignal();
  const { CommanderError } = require("commander") as typeof import("commander");
  const { buildProgram, normalizeArguments, waitFlagTakesValue } = require("./program") as typeof import("./program");
  const { Refusal } = require("./refusal") as typeof import("./refusal");
  const argv = normalizeArguments(args);
  const program = buildProgram(packageVersion());
  try {
    if (argv[0] === "wait") {
      // Before the flags are parsed: a run refused for them (exit 2) leaves no stale result either.
      const { clearEarlierStateFiles } = require("./state-out") as typeof import("./state-out");
      clearEarlierStateFiles(argv, waitFlagTakesValue(program));
    }
    await program.parseAsync(argv, { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError && err.exitCode === 0) {
      process.exitCode = 0;
      return;
    }
    if (!(err instanceof Refusal)) exitFatal(err);
    refuse(argv, err);
  }
}

/**
 * Ends a refused run (exit 2): in GitHub Actions the reason reaches the step
 * outputs and the job summary too; stderr ends with the reason.
 */
function refuse(argv: readonly string[], refusal: Refusal): void {
  const { refusalText } = require("./refusal") as typeof import("./refusal");
  if (argv[0] === "wait") reportRefusedWait(argv, refusal.reason);
  process.exitCode = EXIT_USAGE;
  // Nothing else is due, but a credential lookup still in flight (it is bounded, not
  // cancellable: see clients/alibaba-credentials.ts) must not hold the process.
  process.stderr.write(refusalText(refusal, process.env), () => process.exit(EXIT_USAGE));
}

/** A refused wait in GitHub Actions: `outcome` USAGE_ERROR and the reason in the step outputs and the job summary. */
function reportRefusedWait(argv: readonly string[], reason: string): void {
  const { writeGitHubUsageError } = require("./github/outputs-file") as typeof import("./github/outputs-file");
  const { SERVICES } = require("../core/result") as typeof import("../core/result");
  const { oneLine } = require("./text") as typeof import("./text");
  const command = (SERVICES as readonly string[]).includes(argv[1]) ? `opgate wait ${argv[1]}` : "opgate wait";
  for (const problem of writeGitHubUsageError(command, oneLine(redactSecrets(reason, process.env)), process.env)) process.stderr.write(`opgate: warning: ${problem}\n`);
}

void main(process.argv.slice(2));
