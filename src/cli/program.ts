/**
 * The commands and flags of `opgate`, built with commander. The `wait`
 * flags, usage lines and examples come from the providers' field specs; the
 * commands' work is loaded only when a command runs, so `--help` and
 * `--version` load neither the library, the clients nor the emulator.
 */
import { Command } from "commander";
import { PROVIDERS } from "../../providers";
import type { ServiceProvider } from "../../providers/types";
import { InputError } from "../core/errors";
import { API_SERVICE, SERVICES } from "../core/result";
import { addApiCommands, addApiWaitCommand } from "./api-command";
import { DEMO_OPERATIONS } from "./demo-scenario";
import { EXIT_USAGE } from "./exit";
import { oneLine } from "./text";
import { commonOptions, exampleArguments, fieldOptions, refuseRepeatedOptions, usageLine } from "./wait-flags";

/**
 * Longest error line. Errors quote what the user typed (an unknown option, a
 * bad value): one line without control characters, clipped, whatever was typed.
 */
const MAX_ERROR_LENGTH = 400;

const CLOUD_NAMES: Readonly<Record<ServiceProvider["cloud"], string>> = { alibaba: "Alibaba Cloud", huawei: "Huawei Cloud" };

/** Where each cloud's credentials come from (docs/contract.md, Credentials), for `wait <service> --help`. */
const CREDENTIALS_HELP: Readonly<Record<ServiceProvider["cloud"], string>> = {
  alibaba: `
Credentials (environment only, never flags):
  ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET (+ ALIBABA_CLOUD_SECURITY_TOKEN for STS)
  or ALICLOUD_ACCESS_KEY, ALICLOUD_SECRET_KEY (+ ALICLOUD_SECURITY_TOKEN)
  else the default chain of @alicloud/credentials, which gets 5s: OIDC/RRSA (ALIBABA_CLOUD_ROLE_ARN,
  ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE), a profile (ALIBABA_CLOUD_PROFILE,
  ALIBABA_CLOUD_CREDENTIALS_FILE), an ECS RAM role, ALIBABA_CLOUD_CREDENTIALS_URI
  Off ECS, ALIBABA_CLOUD_ECS_METADATA_DISABLED=true skips its lookup of the metadata at 100.100.100.200.`,
  huawei: `
Credentials (environment only, never flags):
  HW_ACCESS_KEY, HW_SECRET_KEY (+ HW_SECURITY_TOKEN for temporary AK/SK), signed with SDK-HMAC-SHA256
  or HW_AUTH_TOKEN, sent as X-Auth-Token (AK/SK wins when both are set)`,
};

const EXIT_CODES_HELP = `
Exit codes:
  0    SUCCESS
  1    FAILURE or CANCELLED (the operation failed; the reason is printed)
  2    bad usage or input, missing credentials included (nothing was sent)
  3    TIMEOUT (the deadline passed first)
  4    ERROR (a permanent API error, not found after the grace period, an expired ID)
  130  INTERRUPTED (SIGINT/SIGTERM)`;

const EMULATOR_HINT = `
Try it offline: start the emulator with the demo scenario in one shell,
  opgate emulator --port 8080 --scenario examples/pipeline/scenario.json
export the variables it prints (OPGATE_ENDPOINT and the emulator's credentials), then run an example.`;

/** Builds the `opgate` program. Parse errors throw `CommanderError` (exit code 2 for bad usage). */
export function buildProgram(version: string): Command {
  const program = new Command("opgate")
    .description("Block a deployment until a cloud asynchronous operation ends: Alibaba Cloud BPStudio, EMR, OOS and Huawei Cloud BCS.")
    .version(version, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`opgate: ${oneLine(text, MAX_ERROR_LENGTH)}\n`) })
    .showHelpAfterError("(opgate --help shows the commands)")
    .addHelpText("after", `${EXIT_CODES_HELP}\n${examplesHelp()}`);
  addWaitCommands(program);
  addApiCommands(program);
  addEmulatorCommand(program);
  program
    .command("demo")
    .description("start the emulator in-process and wait for one operation of each service, with live progress (what `npm start` runs)")
    .showHelpAfterError("usage: opgate demo")
    .action(async () => {
      const { runDemo } = require("./demo") as typeof import("./demo");
      process.exitCode = await runDemo();
    });
  return program;
}

/** Every service `opgate wait` takes: the four fixed ones, then the generic waiter. */
const WAIT_SERVICES = [...SERVICES, API_SERVICE];

/** `opgate wait <service>`: one subcommand per provider, flags from its fields. */
function addWaitCommands(program: Command): void {
  const wait = program
    .command("wait")
    .description("wait for one operation to end; the exit code tells how it ended")
    .usage(`<${WAIT_SERVICES.join("|")}> [options]`)
    .argument("[service]", `the service: ${WAIT_SERVICES.join(", ")}`)
    .allowUnknownOption()
    .allowExcessArguments()
    .showHelpAfterError(`usage: opgate wait <${WAIT_SERVICES.join("|")}> [options]  (opgate wait --help shows an example per service)`)
    .addHelpText("after", `${examplesHelp()}\n${EMULATOR_HINT}\n${EXIT_CODES_HELP}`)
    .action((service: string | undefined) => {
      const reason = service === undefined || service.startsWith("-") ? "missing service" : `unknown service '${service}'`;
      wait.error(`error: ${reason}: use one of ${WAIT_SERVICES.join(", ")}`, { exitCode: EXIT_USAGE, code: "opgate.usage" });
    });
  for (const service of SERVICES) {
    const provider = PROVIDERS[service];
    const command = wait
      .command(service)
      .description(`wait for an operation of ${CLOUD_NAMES[provider.cloud]} ${service}`)
      .usage(usageLine(provider))
      .allowUnknownOption(false)
      .allowExcessArguments(false)
      .showHelpAfterError(`usage: opgate wait ${service} ${usageLine(provider)}  (opgate wait ${service} --help for details)`)
      .addHelpText("after", `\nExample:\n  ${exampleCommand(service)}\n${CREDENTIALS_HELP[provider.cloud]}\n${EMULATOR_HINT}\n${EXIT_CODES_HELP}`)
      .action(async (options: Record<string, unknown>) => {
        const { runWaitCommand } = require("./wait-command") as typeof import("./wait-command");
        process.exitCode = await runWaitCommand(provider, options, (line) => command.error(`error: ${line}`, { exitCode: EXIT_USAGE, code: "opgate.usage" }));
      });
    for (const option of [...fieldOptions(provider), ...commonOptions()]) command.addOption(option);
    refuseRepeatedOptions(command, EXIT_USAGE);
  }
  addApiWaitCommand(wait);
}

/** `opgate emulator [--port N] [--scenario FILE]`. */
function addEmulatorCommand(program: Command): void {
  const command = program
    .command("emulator")
    .description("serve the four APIs offline on 127.0.0.1, playing the operations of a scenario file, until SIGINT/SIGTERM")
    .option("--port <n>", "TCP port; 0 picks a free one", "0")
    .option("--scenario <file>", "JSON scenario: the operations to play and the faults to inject (format: SCENARIOS.md)")
    .showHelpAfterError("usage: opgate emulator [--port N] [--scenario FILE]")
    .addHelpText(
      "after",
      `
Example:
  opgate emulator --port 8080 --scenario examples/pipeline/scenario.json

It prints "opgate emulator listening on http://127.0.0.1:PORT" first, then the variables
that point opgate at it (OPGATE_ENDPOINT and the emulator's credentials), then one line
per request. Without --scenario every operation is unknown to it, as to the real APIs.
It stops on SIGINT, SIGTERM or SIGHUP, and when the process that started it ends.

The scenario format, with every default and fault kind: SCENARIOS.md, shipped in the
package as node_modules/opgate/src/emulator/SCENARIOS.md.`,
    )
    .action(async (options: { port: string; scenario?: string }) => {
      const { runEmulatorCommand } = require("../emulator/command") as typeof import("../emulator/command");
      try {
        await runEmulatorCommand({
          port: /^\d+$/.test(options.port) ? Number(options.port) : NaN,
          scenarioFile: options.scenario,
          env: process.env,
          stdout: (line) => process.stdout.write(`${line}\n`),
        });
      } catch (err) {
        command.error(`error: ${emulatorErrorLine(err)}`, { exitCode: EXIT_USAGE, code: "opgate.usage" });
      }
    });
}

/** The flag to fix when the emulator cannot start; rethrows anything that is not bad input. */
function emulatorErrorLine(err: unknown): string {
  if (!(err instanceof InputError)) throw err;
  const flag = err.field.replace(/^--/, "");
  // Other fields are places inside the scenario file (`operations[0].timeline`).
  return flag === "port" || flag === "scenario" ? `--${flag} ${err.reason}` : `--scenario: ${err.message}`;
}

/**
 * The arguments as the program parses them: the service of `wait` compares
 * case-insensitively, like statuses (`opgate wait EMR ...`).
 */
export function normalizeArguments(args: readonly string[]): string[] {
  const service = args[1]?.toLowerCase();
  if (args[0] !== "wait" || !(WAIT_SERVICES as readonly string[]).includes(service ?? "")) return [...args];
  return [args[0], service!, ...args.slice(2)];
}

/** `opgate wait emr --region cn-hangzhou --cluster-id … --operation-id …`, with the demo scenario's IDs. */
function exampleCommand(service: string): string {
  const demo = DEMO_OPERATIONS.find((d) => d.service === service)!;
  return `opgate wait ${service} ${exampleArguments(PROVIDERS[demo.service], demo.input)}`;
}

function examplesHelp(): string {
  return `\nExamples:\n${SERVICES.map((service) => `  ${exampleCommand(service)}`).join("\n")}\n  opgate wait emr ... --timeout 1h --output json > result.json`;
}
