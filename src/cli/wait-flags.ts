/**
 * The flags of `opgate wait <service>`, derived from the provider's field
 * specs (`allFields(provider)`, and the `endpoint` and `timeout` fields every
 * wait has) plus the options only the CLI has. One
 * place turns fields into commander options, a usage line, a help example and,
 * back, an `InputError` into the flag to fix.
 */
import { Option, type Command } from "commander";
import { allFields, ENDPOINT_FIELD, TIMEOUT_FIELD, type Speller } from "../../providers/params";
import type { FieldSpec, WaitProvider } from "../../providers/types";
import type { InputError } from "../core/errors";
import { USAGE_MISTAKE } from "./refusal";
import { isRepeatable, structuredOptions, structuredUsage, structuredValue } from "./structured-flags";

/** The output formats of `--output`. */
export const OUTPUT_FORMATS = ["text", "json"] as const;
/** One of `OUTPUT_FORMATS`. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The values of the options every service shares, as commander parses them. */
export interface CommonOptions {
  timeout?: string;
  endpoint?: string;
  /** Absent: text. */
  output?: OutputFormat;
  quiet?: boolean;
  allowInsecureHttp?: boolean;
  /** Where to write the Result as a Terraform state file (SUCCESS only). */
  stateOut?: string;
}

/** Flags of the library inputs every service shares, by the name `InputError.field` uses. */
const COMMON_FLAGS: Readonly<Record<string, string>> = {
  [TIMEOUT_FIELD.name]: TIMEOUT_FIELD.flag,
  [ENDPOINT_FIELD.name]: `${ENDPOINT_FIELD.flag} (or ${ENDPOINT_FIELD.env.join(" or ")})`,
  allowInsecureHttp: "--allow-insecure-http",
};

/** The options every `wait` command has. The library applies the defaults. */
export function commonOptions(): Option[] {
  return [
    new Option(`${TIMEOUT_FIELD.flag} <duration>`, fieldHelp(TIMEOUT_FIELD)),
    new Option(`${ENDPOINT_FIELD.flag} <url>`, fieldHelp(ENDPOINT_FIELD)),
    outputOption("text: progress and a summary; json: exactly one Result object on stdout"),
    new Option("--quiet", "no progress output (the summary or the JSON still goes to stdout)"),
    new Option("--allow-insecure-http", "allow sending tokens over plain http:// to a host that is not loopback"),
    new Option(
      "--state-out <file>",
      "on SUCCESS, also write the Result as a Terraform state file (format 4, outputs only) for terraform_remote_state; a file an earlier run left there is removed first",
    ),
  ];
}

/** `--output text|json` (default text), with what each format prints. */
export function outputOption(description: string): Option {
  return new Option("--output <format>", `${description} (default: text)`).choices(OUTPUT_FORMATS);
}

/** The commander options of the service's own fields, region included (a JSON or map field has two: structured-flags.ts). */
export function fieldOptions(provider: WaitProvider): Option[] {
  return allFields(provider).flatMap((field) => {
    if (field.kind === "json" || field.kind === "map") return structuredOptions(field, fieldHelp(field));
    return field.kind === "boolean" ? new Option(field.flag, fieldHelp(field)) : new Option(`${field.flag} <id>`, fieldHelp(field));
  });
}

/**
 * Makes every option of `command` that takes a value refuse a second one:
 * `--operation-id a --operation-id b` is bad usage (exit 2) reported in
 * opgate's own words, `--operation-id is given more than once: pass it once`,
 * not a silent wait for `b`. Call it once the options are added.
 */
export function refuseRepeatedOptions(command: Command, exitCode: number): void {
  for (const option of command.options.filter((o) => (o.required || o.optional) && !isRepeatable(o))) {
    let seen = false;
    command.on(`option:${option.name()}`, () => {
      if (seen) command.error(`${option.long} is given more than once: pass it once`, { exitCode, code: USAGE_MISTAKE });
      seen = true;
    });
  }
}

/** `--region ID --cluster-id ID --operation-id ID [--allow-partial] [options]`. */
export function usageLine(provider: WaitProvider): string {
  const parts = allFields(provider).map((field) => {
    if (field.kind === "json" || field.kind === "map") return structuredUsage(field);
    const flag = field.kind === "boolean" ? field.flag : `${field.flag} ID`;
    return field.required ? flag : `[${flag}]`;
  });
  return [...parts, "[options]"].join(" ");
}

/**
 * The arguments of an example run, in the order of the fields:
 * `--region cn-hangzhou --cluster-id c-1 --operation-id op-1`. `input` holds
 * field values by field name; absent and false ones are left out.
 */
export function exampleArguments(provider: WaitProvider, input: Readonly<Record<string, unknown>>): string {
  return allFields(provider)
    .filter((field) => input[field.name] !== undefined && input[field.name] !== false)
    .map((field) => (field.kind === "boolean" ? field.flag : `${field.flag} ${String(input[field.name])}`))
    .join(" ");
}

/**
 * The service's field values from commander's parsed options, by field name
 * (what `waitForOperation` takes). Options not given are left out so that the
 * library applies the environment fallbacks and defaults.
 */
export function fieldValues(provider: WaitProvider, options: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of allFields(provider)) {
    const value = field.kind === "json" || field.kind === "map" ? structuredValue(field, options) : options[attributeName(field)];
    if (value !== undefined) values[field.name] = value;
  }
  return values;
}

/** The flag (or setting) to fix for an `InputError`, when the field is one of the CLI's. */
function flagOfField(provider: WaitProvider, fieldName: string): string | undefined {
  return allFields(provider).find((field) => field.name === fieldName)?.flag ?? COMMON_FLAGS[fieldName];
}

/** How the CLI asks for a missing value: `pass --cluster-id`. */
export const FLAG_SPELLER: Speller = (field) => `pass ${field.flag}`;

/** One line naming the flag at fault and the fix: `--cluster-id is required: pass --cluster-id`. */
export function inputErrorLine(provider: WaitProvider, err: InputError): string {
  const flag = flagOfField(provider, err.field);
  return flag ? `${flag} ${err.reason}` : err.field === "credentials" ? err.reason : err.message;
}

/**
 * Whether `err` says that a required field of the service is missing: not
 * given as a flag nor set in the environment (a missing argument, which the
 * usage line helps with), rather than a bad value.
 */
export function isMissingField(provider: WaitProvider, err: InputError, options: Readonly<Record<string, unknown>>, env: Record<string, string | undefined>): boolean {
  const field = allFields(provider).find((f) => f.name === err.field);
  return !!field && field.required && options[attributeName(field)] === undefined && !field.env?.some((name) => env[name]);
}

/** How commander names the option's value: `--cluster-id` → `clusterId`. */
function attributeName(field: FieldSpec): string {
  return new Option(field.flag).attributeName();
}

/** `EMR cluster ID (c-...) (required; env: X)`. */
function fieldHelp(field: FieldSpec): string {
  const notes: string[] = [];
  if (field.required) notes.push(field.env?.length ? "required unless set in the environment" : "required");
  if (field.default !== undefined) notes.push(`default: ${field.default}`);
  if (field.env?.length) notes.push(`env: ${field.env.join(", ")}`);
  return notes.length ? `${field.description} (${notes.join("; ")})` : field.description;
}
