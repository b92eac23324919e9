/**
 * Checking an API wait spec before anything is sent, in three steps, each
 * error an `InputError` naming the JSON path and the fix
 * (`spec.acceptors[2].matcher.output.path: unknown function items() ...`):
 * 1. its size (at most 64 KiB of JSON, nested at most 16 deep);
 * 2. its shape, by the JSON Schema generated from `ApiWaitSpec`
 *    (schema/api-wait.schema.json, walked by json-schema.ts);
 * 3. what a schema cannot say: the read-only rule, well-formed placeholders
 *    and paths, every JMESPath expression compiling with standard functions
 *    only, Smithy's rules for acceptors, lists that need a `status` and do
 *    not overlap, a way to succeed, and delays in order.
 * Vars are not known here: filling them is the wait's (prepare.ts).
 */
import schemaJson from "../../schema/api-wait.schema.json";
import { InputError } from "../../src/core/errors";
import { isPlainObject } from "../../src/core/values";
import { normalizeStatus } from "../shared/status-table";
import { expressionProblem } from "./jmespath";
import { childPath, schemaProblems, type JsonSchema, type SchemaProblem } from "./json-schema";
import { malformedPlaceholder, pathProblem, placeholderNames, textProblem, VAR_NAME } from "./placeholders";
import { parametersOf, readOnlyProblem } from "./read-only";
import type { ApiWaitSpec } from "./spec";

/** The generated schema (a test keeps it equal to what `npm run schema` makes of the type). */
export const SPEC_SCHEMA = schemaJson as JsonSchema;

/** The largest spec, as JSON text. */
export const MAX_SPEC_BYTES = 64 * 1024;
/** The deepest nesting of objects and lists in a spec (parameters that hold JSON included). */
const MAX_DEPTH = 16;

/** The lists of the list form, in the order a raw status is looked up. */
const STATUS_LISTS = ["failure", "cancelled", "success", "pending", "running"] as const;

/** A spec path as an `InputError` field: `spec`, `spec.call.version`, `spec.notes["a b"]`. */
function specField(path: string): string {
  return path === "" ? "spec" : path.startsWith("[") ? `spec${path}` : `spec.${path}`;
}

/**
 * `value` as an `ApiWaitSpec`, once it passes every check that needs no
 * var; throws `InputError` naming the JSON path of the first problem.
 */
export function checkApiWaitSpec(value: unknown): ApiWaitSpec {
  checkSize(value);
  const problem = schemaProblems(SPEC_SCHEMA, value)[0] ?? meaningProblem(value as ApiWaitSpec);
  if (problem) throw new InputError(specField(problem.path), problem.reason);
  return value as ApiWaitSpec;
}

/** Throws `InputError("spec")` for a value nested too deep, too large or not JSON data. */
function checkSize(value: unknown): void {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (!Array.isArray(item) && !isPlainObject(item)) continue;
    if (depth > MAX_DEPTH) throw new InputError("spec", `is nested more than ${MAX_DEPTH} levels deep`);
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    // Reported below: a bigint, a cycle, ...
  }
  if (text === undefined) throw new InputError("spec", "must be JSON data (strings, numbers, booleans, lists and objects)");
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_SPEC_BYTES) throw new InputError("spec", `is ${bytes} bytes of JSON; the limit is ${MAX_SPEC_BYTES}`);
}

/** The first problem a schema cannot see, or undefined. */
function meaningProblem(spec: ApiWaitSpec): SchemaProblem | undefined {
  return (
    readOnlyProblem(spec.call) ??
    placeholderProblem(spec) ??
    pathTemplateProblem(spec) ??
    expressionsProblem(spec) ??
    listsProblem(spec) ??
    acceptorsProblem(spec) ??
    outputsProblem(spec) ??
    delaysProblem(spec)
  );
}

/** Every text that may hold placeholders, with its path: `id`, `call.path`, and each string inside the parameters. */
export function placeholderTexts(spec: ApiWaitSpec): { path: string; text: string }[] {
  const texts: { path: string; text: string }[] = [];
  if (spec.id !== undefined) texts.push({ path: "id", text: spec.id });
  if ("path" in spec.call) texts.push({ path: "call.path", text: spec.call.path });
  const collect = (value: unknown, path: string): void => {
    if (typeof value === "string") texts.push({ path, text: value });
    else if (Array.isArray(value)) value.forEach((item, i) => collect(item, childPath(path, i)));
    else if (isPlainObject(value)) for (const [key, item] of Object.entries(value)) collect(item, childPath(path, key));
  };
  const { path, parameters } = parametersOf(spec.call);
  collect(parameters, path);
  return texts;
}

function placeholderProblem(spec: ApiWaitSpec): SchemaProblem | undefined {
  for (const { path, text } of placeholderTexts(spec)) {
    const reason = textProblem(text) ?? malformedPlaceholder(text);
    if (reason) return { path, reason };
  }
  return undefined;
}

/** A path as the API reference writes it (`{project_id}`) is a mistake; so is anything that leaves the path. */
function pathTemplateProblem(spec: ApiWaitSpec): SchemaProblem | undefined {
  if (!("path" in spec.call)) return undefined;
  const literal = spec.call.path.replace(/\{\{[A-Za-z_][A-Za-z0-9_]*\}\}/g, "x");
  const single = /\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(literal);
  if (single) return { path: "call.path", reason: `${single[0]} is how the API reference writes a parameter: write {{${single[1]}}} and give its value as a var` };
  const reason = pathProblem(literal);
  return reason ? { path: "call.path", reason } : undefined;
}

/** Every JMESPath expression of a spec, with its path. */
function expressionsOf(spec: ApiWaitSpec): { path: string; expression: string }[] {
  const found: { path: string; expression: string }[] = [];
  const add = (path: string, expression: string | undefined) => expression !== undefined && found.push({ path, expression });
  add("status", spec.status);
  (spec.acceptors ?? []).forEach((acceptor, i) => {
    const matcher = acceptor.matcher;
    if ("output" in matcher) add(`acceptors[${i}].matcher.output.path`, matcher.output.path);
    if ("inputOutput" in matcher) add(`acceptors[${i}].matcher.inputOutput.path`, matcher.inputOutput.path);
    add(`acceptors[${i}].message`, acceptor.message);
  });
  add("message", spec.message);
  for (const [name, expression] of Object.entries(spec.outputs ?? {})) add(childPath("outputs", name), expression);
  add("progress.done", spec.progress?.done);
  add("progress.total", spec.progress?.total);
  return found;
}

function expressionsProblem(spec: ApiWaitSpec): SchemaProblem | undefined {
  for (const { path, expression } of expressionsOf(spec)) {
    const name = placeholderNames(expression)[0];
    if (name !== undefined) {
      return { path, reason: `{{${name}}}: placeholders are never filled into expressions (a value could change what the expression does); compare with a literal, or select by a field of the answer` };
    }
    const reason = expressionProblem(expression);
    if (reason) return { path, reason: `${reason} (in ${JSON.stringify(expression)})` };
  }
  return undefined;
}

function acceptorsProblem(spec: ApiWaitSpec): SchemaProblem | undefined {
  const acceptors = spec.acceptors ?? [];
  for (const [i, acceptor] of acceptors.entries()) {
    if (acceptor.message !== undefined && acceptor.state !== "failure") {
      return { path: `acceptors[${i}].message`, reason: `only a failure acceptor has a message (Smithy), and this one's state is ${acceptor.state}` };
    }
    const matcher = "output" in acceptor.matcher ? acceptor.matcher.output : "inputOutput" in acceptor.matcher ? acceptor.matcher.inputOutput : undefined;
    if (matcher?.comparator === "booleanEquals" && matcher.expected !== "true" && matcher.expected !== "false") {
      const which = "output" in acceptor.matcher ? "output" : "inputOutput";
      return { path: `acceptors[${i}].matcher.${which}.expected`, reason: `must be "true" or "false" for booleanEquals, got ${JSON.stringify(matcher.expected)}` };
    }
  }
  const listSuccess = spec.status !== undefined && (spec.success?.length ?? 0) > 0;
  if (!listSuccess && !acceptors.some((a) => a.state === "success")) {
    return { path: "", reason: "has no way to succeed: give status and a success list, or an acceptor with state success (Smithy asks for one)" };
  }
  return undefined;
}

function listsProblem(spec: ApiWaitSpec): SchemaProblem | undefined {
  const given = STATUS_LISTS.filter((list) => spec[list] !== undefined);
  if (spec.status === undefined && (given.length > 0 || spec.notes !== undefined)) {
    return { path: "status", reason: `is required with ${[...given, ...(spec.notes ? ["notes"] : [])].join(", ")}: the JMESPath of the raw status they are compared with` };
  }
  const seen = new Map<string, string>();
  for (const list of given) {
    for (const [i, raw] of spec[list]!.entries()) {
      const key = normalizeStatus(raw);
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        return { path: `${list}[${i}]`, reason: `${JSON.stringify(raw)} is also in ${earlier} (compared trimmed and case-insensitively): a raw status belongs to one list` };
      }
      seen.set(key, list);
    }
  }
  return undefined;
}

function outputsProblem(spec: ApiWaitSpec): SchemaProblem | undefined {
  const bad = Object.keys(spec.outputs ?? {}).find((name) => !VAR_NAME.test(name));
  return bad === undefined
    ? undefined
    : { path: childPath("outputs", bad), reason: "is not an output name: letters, digits and _, not starting with a digit (so every face can address it)" };
}

function delaysProblem(spec: ApiWaitSpec): SchemaProblem | undefined {
  if (spec.minDelay !== undefined && spec.maxDelay !== undefined && spec.minDelay > spec.maxDelay) {
    return { path: "minDelay", reason: `must not exceed maxDelay (${spec.maxDelay}), got ${spec.minDelay}` };
  }
  return undefined;
}
