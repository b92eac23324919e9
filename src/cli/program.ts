/**
 * The commands and flags of `opgate`, built with commander. The `wait`
 * subcommands, their flags, usage lines, examples and suggestions come from
 * the service list and the providers' field specs, so a new service slots in;
 * the commands' work is loaded only when a command runs, so `--help` and
 * `--version` load neither the library, the clients nor the emulator. Every
 * error becomes a `Refusal` (exit 2) that `main.ts` prints, reason last.
 */
import { Command } from "commander";
import { PROVIDERS } from "../../providers";
import { allFields } from "../../providers/params";
import type { ServiceProvider } from "../../providers/types";
import { API_SERVICE, SERVICES, type ServiceName, type WaitServiceName } from "../core/result";
import { nearestName } from "../core/suggest";
import { addApiCommands, addApiWaitCommand } from "./api-command";
import { DEMO_OPERATIONS } from "./demo-scenario";
import { addEmulatorCommands } from "./emulator-commands";
import { EXIT_USAGE } from "./exit";
import { BAD_INPUT, refuseWith, USAGE_MISTAKE } from "./refusal";
import { commonOptions, exampleArguments, fieldOptions, outputOption, refuseRepeatedOptions, usageLine } from "./wait-flags";

const CLOUD_NAMES: Readonly<Record<ServiceProvider["cloud"], string>> = { alibaba: "Alibaba Cloud", huawei: "Huawei Cloud" };

/** Each service by the name its cloud gives it, for the help. */
const SERVICE_TITLES: Readonly<Record<ServiceName, string>> = { bpstudio: "BPStudio", emr: "EMR", bcs: "BCS", oos: "OOS" };

/** Every service `opgate wait` takes: the four fixed ones, then the generic waiter. */
const WAIT_SERVICES: readonly WaitServiceName[] = [...SERVICES, API_SERVICE];

/** The synopsis of `opgate wait`, the same in `opgate --help`, `opgate wait --help` and its usage line. */
const WAIT_SYNOPSIS = "<service> [options]";
/** The services, as a reader lists them: `bpstudio, emr, bcs, oos or api`. */
const SERVICE_LIST = `${WAIT_SERVICES.slice(0, -1).join(", ")} or ${WAIT_SERVICES.at(-1)}`;

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
  4    ERROR (a permanent API error, not found after the grace period, an expired ID,
       a --state-out file that cannot be written)
  130  INTERRUPTED (SIGINT, SIGTERM or SIGHUP)`;

const EMULATOR_HINT = `
Try it offline: start the emulator with the operations of these examples in one shell,
  opgate emulator --port 8080 --scenario pipeline
export the variables it prints (OPGATE_ENDPOINT and the emulator's credentials), then run an example.
In a CI job, \`opgate emulator start --scenario pipeline\` starts it in the background and returns.`;

/**
 * Builds the `opgate` program. Errors throw a `Refusal` (exit 2); help and
 * version throw commander's `CommanderError` with exit code 0.
 */
export function buildProgram(version: string): Command {
  const program = new Command("opgate")
    .description("Block a deployment until a cloud asynchronous operation ends: Alibaba Cloud BPStudio, EMR, OOS and Huawei Cloud BCS.")
    .version(version, "-V, --version", "print the version")
    // Options belong to the command they follow: `opgate emulator start --port N` is start's.
    .enablePositionalOptions()
    .helpOption("-h, --help", "show help")
    // main.ts prints a Refusal: the reason last, a usage line above it only for usage mistakes.
    .configureOutput({ outputError: () => undefined })
    .addHelpText("after", `${EXIT_CODES_HELP}\n${examplesHelp()}`);
  refuseWith(program, "usage: opgate <command> [options]  (opgate --help shows the commands)");
  addWaitCommands(program);
  addApiCommands(program);
  addEmulatorCommands(program);
  addDemoCommand(program);
  // The commands as their own usage says them (`wait <service> [options]`), not commander's `wait [service]`.
  program.configureHelp({ subcommandTerm: (command) => `${command.name()} ${command.usage()}` });
  return program;
}

/**
 * Whether `flag` takes a value in some `opgate wait` subcommand
 * (`--operation-id` does, `--quiet` does not), for reading the arguments
 * before commander does (`--state-out`).
 */
export function waitFlagTakesValue(program: Command): (flag: string) => boolean {
  const wait = program.commands.find((command) => command.name() === "wait");
  const flags = new Set((wait?.commands ?? []).flatMap((command) => command.options.filter((o) => o.required || o.optional).map((o) => o.long)));
  return (flag) => flags.has(flag);
}

/** `opgate wait <service>`: one subcommand per provider, flags from its fields. */
function addWaitCommands(program: Command): void {
  const wait = program
    .command("wait")
    .description(`wait for one operation of ${SERVICE_LIST} to end; the exit code tells how it ended`)
    .usage(WAIT_SYNOPSIS)
    .argument("[service]", SERVICE_LIST)
    .allowUnknownOption()
    .allowExcessArguments()
    .addHelpText("after", `${examplesHelp()}\n${EMULATOR_HINT}\n${EXIT_CODES_HELP}`)
    .action((service: string | undefined) => {
      const nearest = service === undefined ? null : nearestName(service, WAIT_SERVICES);
      const reason = service === undefined || service.startsWith("-") ? "missing service" : `unknown service '${service}'`;
      const suggestion = nearest ? ` (Did you mean ${nearest}?)` : "";
      wait.error(`${reason}: use one of ${WAIT_SERVICES.join(", ")}${suggestion}`, { exitCode: EXIT_USAGE, code: USAGE_MISTAKE });
    });
  refuseWith(wait, `usage: opgate wait ${WAIT_SYNOPSIS}  (service: ${SERVICE_LIST}; opgate wait --help shows an example of each)`);
  for (const service of SERVICES) {
    const provider = PROVIDERS[service];
    const command = wait
      .command(service)
      .description(`wait for an operation of ${CLOUD_NAMES[provider.cloud]} ${SERVICE_TITLES[service]}`)
      .usage(usageLine(provider))
      .allowUnknownOption(false)
      .allowExcessArguments(false)
      .addHelpText("after", `\nExample:\n  ${exampleCommand(service)}\n${CREDENTIALS_HELP[provider.cloud]}\n${EMULATOR_HINT}\n${EXIT_CODES_HELP}`)
      .action(async (options: Record<string, unknown>) => {
        const { runWaitCommand } = require("./wait-command") as typeof import("./wait-command");
        process.exitCode = await runWaitCommand(provider, options, (line, usageMistake) =>
          command.error(line, { exitCode: EXIT_USAGE, code: usageMistake ? USAGE_MISTAKE : BAD_INPUT }),
        );
      });
    refuseWith(command, `usage: opgate wait ${service} ${usageLine(provider)}  (opgate wait ${service} --help for details)`, (reason, code) =>
      code === "commander.unknownOption" ? nameFlagOwner(service, reason) : reason,
    );
    for (const option of [...fieldOptions(provider), ...commonOptions()]) command.addOption(option);
    refuseRepeatedOptions(command, EXIT_USAGE);
  }
  addApiWaitCommand(wait);
}

/**
 * An unknown option of `opgate wait <service>` that another service takes
 * (`--execution-id` on emr) says which: `unknown option '--execution-id' for
 * opgate wait emr: it is a flag of opgate wait oos`. Other reasons are kept.
 */
function nameFlagOwner(service: ServiceName, reason: string): string {
  const flag = /^unknown option '(--[^'=]+)/.exec(reason)?.[1];
  const owners = SERVICES.filter((other) => other !== service && allFields(PROVIDERS[other]).some((field) => field.flag === flag));
  if (!owners.length) return reason;
  return `unknown option '${flag}' for opgate wait ${service}: it is a flag of ${owners.map((owner) => `opgate wait ${owner}`).join(" and ")}`;
}

/** `opgate demo [--output text|json]`. */
function addDemoCommand(program: Command): void {
  const command = program
    .command("demo")
    .description("start the emulator in-process and wait for one operation of each service, with live progress (what `npm start` runs)")
    .addOption(outputOption("text: progress and a summary per wait; json: one JSON array of the four Results on stdout"))
    .action(async (options: { output?: "text" | "json" }) => {
      const { runDemo } = require("./demo") as typeof import("./demo");
      process.exitCode = await runDemo(options.output ?? "text");
    });
  refuseWith(command, "usage: opgate demo [--output text|json]");
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
