/**
 * The generic waiter's commands (docs/contract.md, "Any read API"):
 * - `opgate wait api`: a wait like the others, its flags derived from the
 *   api provider's fields (`--spec`/`--spec-json`, `--var`/`--vars-json`,
 *   `--project-id`, `--region`) plus `--preset NAME`;
 * - `opgate api check | eval | presets | schema`: authoring offline, without
 *   credentials, sending nothing.
 * Only the definitions live here; each command's work is loaded when it runs.
 */
import { Command, Option } from "commander";
import { apiProvider } from "../../providers/api";
import { InputError } from "../core/errors";
import { EXIT_USAGE } from "./exit";
import { BAD_INPUT, refuseWith, USAGE_MISTAKE } from "./refusal";
import type { UsageFailure } from "./wait-command";
import { commonOptions, fieldOptions, inputErrorLine, outputOption, refuseRepeatedOptions } from "./wait-flags";

/** The usage of the spec's inputs, for `wait api`, `api check` and `api eval`. */
const SPEC_USAGE = "(--spec FILE|- | --spec-json JSON | --preset NAME) [--var NAME=VALUE]... [--vars-json JSON] [--region ID] [--project-id ID]";

const EXAMPLES = `
Examples:
  opgate wait api --preset alibaba-ecs-instance-running --var instance_id=i-bp1a2b3c --region cn-hangzhou --timeout 15m
  opgate wait api --spec waits/ros-stack.json --var stack_id=4a6c9851-... --region cn-hangzhou --output json
  opgate api check --spec waits/ros-stack.json --var stack_id=4a6c9851-... --region cn-hangzhou
  opgate api eval --preset huawei-ecs-job --var job_id=2c9e... --project-id 0f1e... --region cn-north-4 --answer saved.json

Credentials and the region come from the environment of the spec's call.cloud, as for the
other services (opgate wait emr --help: Alibaba Cloud; opgate wait bcs --help: Huawei Cloud).
The spec: docs/api-wait.md; its JSON Schema: opgate api schema.`;

/** The options that give a wait's spec and inputs. */
function specOptions(): Option[] {
  return [...fieldOptions(apiProvider), new Option("--preset <name>", "a spec shipped in the package instead of --spec (opgate api presets lists them)")];
}

/** Refuses a run of `command` (exit 2): a usage mistake with its usage line, bad input without. */
function usageFailure(command: Command): UsageFailure {
  return (line, usageMistake) => command.error(line, { exitCode: EXIT_USAGE, code: usageMistake ? USAGE_MISTAKE : BAD_INPUT });
}

/** The flags of the inputs these commands have besides the api provider's fields. */
const OWN_FLAGS: Readonly<Record<string, string>> = { preset: "--preset", answer: "--answer", status: "--status" };

/** What `work` gives; an `InputError` it throws is reported as bad usage of `command` (exit 2), naming the flag. */
async function orBadUsage<T>(command: Command, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    const own = Object.hasOwn(OWN_FLAGS, err.field) ? OWN_FLAGS[err.field] : undefined;
    return usageFailure(command)(own ? `${own} ${err.reason}` : inputErrorLine(apiProvider, err), false);
  }
}

/** `opgate wait api`, under the `wait` command. */
export function addApiWaitCommand(wait: Command): void {
  const command = wait
    .command(apiProvider.name)
    .description("wait on any read API of Alibaba Cloud or Huawei Cloud, described by an API wait spec")
    .usage(`${SPEC_USAGE} [options]`)
    .allowUnknownOption(false)
    .allowExcessArguments(false)
    .addHelpText("after", EXAMPLES)
    .action(async (options: Record<string, unknown>) => {
      const { withPreset } = require("./api-input") as typeof import("./api-input");
      const { runWaitCommand } = require("./wait-command") as typeof import("./wait-command");
      const resolved = await orBadUsage(command, () => withPreset(options));
      process.exitCode = await runWaitCommand(apiProvider, resolved, usageFailure(command));
    });
  refuseWith(command, `usage: opgate wait api ${SPEC_USAGE} [options]  (opgate wait api --help for details)`);
  for (const option of [...specOptions(), ...commonOptions()]) command.addOption(option);
  refuseRepeatedOptions(command, EXIT_USAGE);
}

/** `opgate api check | eval | presets | schema`. */
export function addApiCommands(program: Command): void {
  const api = program.command("api").description("author API wait specs offline: check, eval, presets, schema (no credentials, nothing sent)");
  refuseWith(api, "usage: opgate api <check|eval|presets|schema> [options]  (opgate api --help)");
  const output = () => outputOption("text, or json: one JSON object on stdout");

  const check = api
    .command("check")
    .description("check a spec and its vars offline and print the request each poll would send")
    .usage(`${SPEC_USAGE} [--endpoint URL] [--output text|json]`)
    .action(async (options: Record<string, unknown>) => {
      const { apiCheckReport } = require("./api-check") as typeof import("./api-check");
      process.stdout.write(await orBadUsage(check, () => apiCheckReport(options, process.env)));
    });
  for (const option of [...specOptions(), new Option("--endpoint <url>", "the endpoint to show instead of the default (env: OPGATE_ENDPOINT)"), output()]) check.addOption(option);
  refuseWith(check, `usage: opgate api check ${SPEC_USAGE} [--endpoint URL]`);
  refuseRepeatedOptions(check, EXIT_USAGE);

  const evaluate = api
    .command("eval")
    .description("read a saved answer as a wait would: its state, raw status, message and outputs, or what an error answer does")
    .usage(`${SPEC_USAGE} --answer FILE|- [--status N] [--output text|json]`)
    .action(async (options: Record<string, unknown>) => {
      const { apiEvalReport } = require("./api-eval") as typeof import("./api-eval");
      process.stdout.write(await orBadUsage(evaluate, () => apiEvalReport(options, process.env)));
    });
  const answerOptions = [
    new Option("--answer <file>", "the saved answer's body, as the API sent it (- for standard input)").makeOptionMandatory(),
    new Option("--status <n>", "the HTTP status it came with (default 200): an error answer is given by its status and body"),
  ];
  for (const option of [...specOptions(), ...answerOptions, output()]) evaluate.addOption(option);
  refuseWith(evaluate, `usage: opgate api eval ${SPEC_USAGE} --answer FILE|- [--status N]`);
  refuseRepeatedOptions(evaluate, EXIT_USAGE);

  const presets = api
    .command("presets")
    .description("list the specs shipped in the package (use one with --preset NAME)")
    .action(() => {
      const { listPresets } = require("./api-input") as typeof import("./api-input");
      for (const { name, description } of listPresets()) process.stdout.write(`${name}\n  ${description}\n`);
    });
  refuseWith(presets, "usage: opgate api presets");

  const schema = api
    .command("schema")
    .description("print the JSON Schema of API wait specs (for editors: \"$schema\")")
    .action(() => {
      const { SPEC_SCHEMA } = require("../../providers/api/check") as typeof import("../../providers/api/check");
      process.stdout.write(`${JSON.stringify(SPEC_SCHEMA, null, 2)}\n`);
    });
  refuseWith(schema, "usage: opgate api schema");
}
