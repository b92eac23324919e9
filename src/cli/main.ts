#!/usr/bin/env node
/**
 * The `opgate` command. Exit codes: 0 SUCCESS, 1 FAILURE/CANCELLED, 2 bad
 * usage or input, 3 TIMEOUT, 4 ERROR, 130 INTERRUPTED. No stack trace ever
 * reaches the user unless `OPGATE_DEBUG=1`.
 *
 * `opgate --version` alone is answered before anything else loads (pipelines
 * call it to log the version; it should cost no more than starting Node).
 */
import { EXIT_USAGE } from "./exit-codes";
import { exitFatal } from "./fatal";
import { packageVersion } from "./package-version";
import { interruptSignal } from "./signals";

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
  const { buildProgram } = require("./program") as typeof import("./program");
  try {
    await buildProgram(packageVersion()).parseAsync(args, { from: "user" });
  } catch (err) {
    if (!(err instanceof CommanderError)) exitFatal(err);
    process.exitCode = err.exitCode === 0 ? 0 : EXIT_USAGE;
  }
}

void main(process.argv.slice(2));
