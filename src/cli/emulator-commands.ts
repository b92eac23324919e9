/**
 * `opgate emulator`: the emulator in the foreground (`opgate emulator`, which
 * stops when the process that started it ends), and in the background for the
 * next steps of a CI job (`opgate emulator start`, `opgate emulator stop`).
 * Their work is loaded only when a command runs.
 */
import { join } from "node:path";
import { Option, type Command } from "commander";
import { InputError } from "../core/errors";
import { findPackageRoot } from "../package-root";
import { EXIT_USAGE } from "./exit";
import { BAD_INPUT, refuseWith, USAGE_MISTAKE } from "./refusal";

/** The `--scenario` option of the emulator commands: a file, or the name of a scenario shipped in the package. */
const SCENARIO_OPTION = [
  "--scenario <file|name>",
  "JSON scenario file (format: SCENARIOS.md), or the name of one shipped with opgate: pipeline (the IDs of `opgate wait --help`), api (the API wait examples), cdktf, pulumi, terraform",
] as const;
/** Where `opgate emulator start` keeps the process ID and `opgate emulator stop` finds it. */
const PID_FILE = ".opgate/emulator.pid";

/** `opgate emulator [--port N] [--scenario FILE]`, `opgate emulator start` and `opgate emulator stop`. */
export function addEmulatorCommands(program: Command): void {
  const command = program
    .command("emulator")
    .description("serve the four APIs, and any scripted API, offline on 127.0.0.1, playing the operations of a scenario, until SIGINT/SIGTERM")
    .addOption(portOption())
    .option(...SCENARIO_OPTION)
    .addHelpText(
      "after",
      `
Example:
  opgate emulator --port 8080 --scenario pipeline

It prints "opgate emulator listening on http://127.0.0.1:PORT" first, then the variables
that point opgate at it (OPGATE_ENDPOINT and the emulator's credentials), then one line
per request. Without --scenario every operation is unknown to it, as to the real APIs.
It stops on SIGINT, SIGTERM or SIGHUP, and when the process that started it ends: to
keep it running for the next steps of a CI job, use \`opgate emulator start\`.

The scenario format, with every default and fault kind: SCENARIOS.md, shipped in the
package as node_modules/opgate/src/emulator/SCENARIOS.md.`,
    )
    .action(async (options: { port: number; scenario?: string }) => {
      const { runEmulatorCommand } = require("../emulator/command") as typeof import("../emulator/command");
      const stdout = lineWriter(process.stdout);
      await runEmulator(command, () =>
        runEmulatorCommand({ port: options.port, scenarioFile: options.scenario, shippedScenarios: shippedScenarios(), env: process.env, stdout }),
      );
    });
  refuseWith(command, "usage: opgate emulator [--port N] [--scenario FILE]  |  opgate emulator start [options]  |  opgate emulator stop [options]");

  // `opgate emulator --port 1 start`: options given before `start` or `stop` would be lost.
  command.hook("preSubcommand", (emulator, sub) => {
    const early = emulator.options.find((option) => emulator.getOptionValueSource(option.attributeName()) === "cli");
    if (early) emulator.error(`${early.long} goes after '${sub.name()}': opgate emulator ${sub.name()} ${early.long} ...`, { exitCode: EXIT_USAGE, code: USAGE_MISTAKE });
  });

  const start = command
    .command("start")
    .description("start the emulator in the background, for the next steps of a CI job; return once it listens, or fail with the reason")
    .addOption(portOption())
    .option(...SCENARIO_OPTION)
    .option("--lifetime <duration>", "it stops by itself after this long (at most 7d)", "1h")
    .option("--pid-file <file>", "where its process ID is kept, for `opgate emulator stop`", PID_FILE)
    .option("--log <file>", "its output: the lines `opgate emulator` prints, one per request (default: the pid file's, with .log)")
    // Not --env-file: Node 20 takes that flag for itself wherever it stands on the command line.
    .option("--env-out <file>", 'also append the variables as NAME=value lines to this file, e.g. "$GITHUB_ENV"')
    .addHelpText(
      "after",
      `
It prints "export NAME='value'" lines for OPGATE_ENDPOINT and the emulator's credentials on
stdout (for eval), and what it started on stderr. In a script or a GitLab job:
  emulator=$(npx opgate emulator start --scenario pipeline) || exit
  eval "$emulator"
In GitHub Actions, one step hands them to the next ones:
  npx opgate emulator start --scenario pipeline --env-out "$GITHUB_ENV"
Stop it with \`opgate emulator stop\`; it stops by itself after --lifetime anyway.`,
    )
    .action(async (options: { port: number; scenario?: string; lifetime: string; pidFile: string; log?: string; envOut?: string }) => {
      const { startDetachedEmulator } = require("../emulator/detached") as typeof import("../emulator/detached");
      const { scenario, log, ...rest } = options;
      const [stdout, stderr] = [lineWriter(process.stdout), lineWriter(process.stderr)];
      await runEmulator(start, () =>
        startDetachedEmulator({ ...rest, scenarioFile: scenario, shippedScenarios: shippedScenarios(), logFile: log, env: process.env, stdout, stderr }),
      );
    });
  refuseWith(start, "usage: opgate emulator start [--port N] [--scenario FILE] [--lifetime DURATION] [--pid-file FILE] [--log FILE] [--env-out FILE]");

  const stop = command
    .command("stop")
    .description("stop the emulator that `opgate emulator start` started")
    .option("--pid-file <file>", "where `opgate emulator start` kept its process ID", PID_FILE)
    .action(async (options: { pidFile: string }) => {
      const { stopDetachedEmulator } = require("../emulator/detached") as typeof import("../emulator/detached");
      await runEmulator(stop, () => stopDetachedEmulator({ pidFile: options.pidFile, stderr: lineWriter(process.stderr) }));
    });
  refuseWith(stop, "usage: opgate emulator stop [--pid-file FILE]");
}

/** `--port N`, a number (NaN, refused by the emulator, when it is not digits); 0 picks a free port. */
function portOption(): Option {
  return new Option("--port <n>", "TCP port; 0 picks a free one").default(0).argParser((value) => (/^\d+$/.test(value) ? Number(value) : NaN));
}

/** Runs an emulator command; bad input (a port in use included) is refused (exit 2) naming the flag. */
async function runEmulator(command: Command, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (err) {
    command.error(emulatorErrorLine(err), { exitCode: EXIT_USAGE, code: BAD_INPUT });
  }
}

/** The flag to fix when the emulator cannot start; rethrows anything that is not bad input. */
function emulatorErrorLine(err: unknown): string {
  if (!(err instanceof InputError)) throw err;
  const flag = err.field.replace(/^--/, "");
  if (["port", "scenario", "lifetime", "pid-file", "log", "env-out"].includes(flag)) return `--${flag} ${err.reason}`;
  // Other fields are places inside the scenario file (`operations[0].timeline`).
  return `--scenario: ${err.message}`;
}

/** Writes each line given to `stream`. */
function lineWriter(stream: NodeJS.WritableStream): (line: string) => void {
  return (line) => void stream.write(`${line}\n`);
}

/** The folder of the scenarios shipped in the package (its examples), when the package is found. */
function shippedScenarios(): string | undefined {
  const root = findPackageRoot();
  return root === null ? undefined : join(root, "examples");
}
