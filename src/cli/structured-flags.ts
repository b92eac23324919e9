/**
 * The CLI flags of the field kinds that are no single ID, derived from the
 * field declarations like the others (wait-flags.ts):
 * - a `json` field (the API wait spec) is `--spec FILE` (`-` reads standard
 *   input) or `--spec-json JSON`;
 * - a `map` field (the vars) is `--var NAME=VALUE`, the one flag that may
 *   repeat (the same name twice is bad usage), and/or `--vars-json JSON`
 *   (an object of names to strings, as Terraform's `jsonencode` makes it).
 * Reading them happens when the command runs; a problem is an `InputError`
 * on the field, which the command reports as bad usage naming the flag.
 */
import { readFileSync } from "node:fs";
import { InvalidArgumentError, Option } from "commander";
import { jsonTextFlag } from "../../providers/params";
import type { FieldSpec } from "../../providers/types";
import { InputError } from "../core/errors";
import { isPlainObject } from "../core/values";

/** Options that may be given more than once (`--var`). */
const REPEATABLE = new WeakSet<Option>();

/** True for an option that may be given more than once. */
export function isRepeatable(option: Option): boolean {
  return REPEATABLE.has(option);
}

/** The commander options of a `json` or `map` field. */
export function structuredOptions(field: FieldSpec, help: string): Option[] {
  if (field.kind === "json") {
    return [new Option(`${field.flag} <file>`, `${help}: a JSON file, or - for standard input`), new Option(`${jsonTextFlag(field)} <json>`, `the same as JSON text`)];
  }
  const pairs = new Option(`${field.flag} <name=value>`, `${help}; repeat it for each`).argParser(collectPair(field.flag));
  REPEATABLE.add(pairs);
  return [pairs, new Option(`${jsonTextFlag(field)} <json>`, `the same as a JSON object of names to strings`)];
}

/** `--var NAME=VALUE` folded into one object; a name given twice is refused. */
function collectPair(flag: string): (text: string, previous: Record<string, string> | undefined) => Record<string, string> {
  return (text, previous = {}) => {
    const at = text.indexOf("=");
    if (at <= 0) throw new InvalidArgumentError(`${flag} takes NAME=VALUE`);
    const name = text.slice(0, at);
    if (Object.hasOwn(previous, name)) throw new InvalidArgumentError(`${flag} ${name} is given more than once: give each name once`);
    const next = { ...previous };
    Object.defineProperty(next, name, { value: text.slice(at + 1), enumerable: true, writable: true, configurable: true });
    return next;
  };
}

/** `--spec FILE|-` or `[--var NAME=VALUE]...`, for a usage line. */
export function structuredUsage(field: FieldSpec): string {
  if (field.kind === "json") return field.required ? `${field.flag} FILE|-` : `[${field.flag} FILE|-]`;
  return `[${field.flag} NAME=VALUE]...`;
}

/** How commander names an option's value: `--vars-json` → `varsJson`. */
function attributeName(flag: string): string {
  return new Option(flag).attributeName();
}

/** The text of `file` (`-`: standard input); throws `InputError` naming the field. */
function readText(field: FieldSpec, file: string): string {
  try {
    return readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "error";
    throw new InputError(field.name, `cannot read ${file === "-" ? "standard input" : JSON.stringify(file)} (${code}): give a readable JSON file`);
  }
}

/** `text` parsed as JSON; throws `InputError` naming the field and where the text came from. */
function parseJson(field: FieldSpec, text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InputError(field.name, `${source} is not JSON: ${(err as Error).message}`);
  }
}

/**
 * The value of a `json` or `map` field from commander's parsed options, or
 * undefined when none of its flags is given.
 */
export function structuredValue(field: FieldSpec, options: Readonly<Record<string, unknown>>): unknown {
  const textFlag = jsonTextFlag(field);
  const text = options[attributeName(textFlag)] as string | undefined;
  const given = options[attributeName(field.flag)];
  if (field.kind === "json") {
    if (given !== undefined && text !== undefined) throw new InputError(field.name, `is given twice: pass ${field.flag} or ${textFlag}, not both`);
    if (text !== undefined) return parseJson(field, text, textFlag);
    return given === undefined ? undefined : parseJson(field, readText(field, given as string), given === "-" ? "standard input" : JSON.stringify(given));
  }
  if (text === undefined) return given;
  const fromJson = parseJson(field, text, textFlag);
  if (!isPlainObject(fromJson)) throw new InputError(field.name, `${textFlag} must be a JSON object of names to strings`);
  const pairs = (given ?? {}) as Record<string, string>;
  const twice = Object.keys(fromJson).find((name) => Object.hasOwn(pairs, name));
  if (twice !== undefined) throw new InputError(field.name, `${twice} is given by both ${field.flag} and ${textFlag}: give it once`);
  return { ...fromJson, ...pairs };
}
