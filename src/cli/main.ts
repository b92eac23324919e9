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

/** Commands that wait: they take over SIGINT/SIGTERM before loading anything else. */
const WAITING_COMMANDS = new Set(["wait", "demo"]);

process.on("uncaughtException", exitFatal);
process.on("unhandledRejection", exitFatal);
// A reader that stops early (`opgate ... | head`) is not an error of opgate.
process.stdout.on("error", (err: NodeJS.ErrnoException) => (err.code === "EPIPE" ? process.exit() : exitFatal(err)));

/** Parses the arguments and runs the command; sets `process.exitCode`. */
async function main(args: readonly string[]): Promise<void> {
  if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
    process.stdout.write(`${packageVersion()}\n`);
    return;
  }
  if (WAITING_COMMANDS.has(args[0])) interruptSignal();
  const { CommanderError } = require("commander") as typeof import("commander");
  const { buildProgram, normalizeArguments } = require("./program") as typeof import("./program");
  const argv = normalizeArguments(args);
  try {
    await buildProgram(packageVersion()).parseAsync(argv, { from: "user" });
  } catch (err) {
    if (!(err instanceof CommanderError)) exitFatal(err);
    if (err.exitCode === 0) {
      process.exitCode = 0;
      return;
    }
    if (argv[0] === "wait") reportUsageError(argv, err.message);
    // Nothing else is due, but a credential lookup still in flight (it is bounded, not
    // cancellable: see clients/alibaba-credentials.ts) must not hold the process.
    process.exitCode = EXIT_USAGE;
    process.stderr.write("", () => process.exit(EXIT_USAGE));
  }
}

/** A refused wait (exit 2) in GitHub Actions: the reason reaches the step outputs and the job summary too. */
function reportUsageError(argv: readonly string[], message: string): void {
  const { writeGitHubUsageError } = require("./github/outputs-file") as typeof import("./github/outputs-file");
  const { SERVICES } = require("../core/result") as typeof import("../core/result");
  const { oneLine } = require("./text") as typeof import("./text");
  const command = (SERVICES as readonly string[]).includes(argv[1]) ? `opgate wait ${argv[1]}` : "opgate wait";
  const reason = redactSecrets(oneLine(message.replace(/^error: /, "")), process.env);
  for (const problem of writeGitHubUsageError(command, reason, process.env)) process.stderr.write(`opgate: warning: ${problem}\n`);
}

void main(process.argv.slice(2));
