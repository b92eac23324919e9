/**
 * Synth-time validation of a wait's props, with the same rules and messages
 * as the library and the CLI (`readParams`, `parseDuration`,
 * `parseEndpoint`). Values that are CDKTF tokens (references resolved by
 * Terraform) are not known yet and pass unvalidated. Nothing is read from the
 * synthesizing machine's environment: fields left out fall back to the
 * environment of `terraform apply`.
 */
import { readParams, waitFields } from "../../providers/params";
import type { FieldSpec, ServiceProvider } from "../../providers/types";
import { parseEndpoint } from "../clients/endpoint";
import { parseDuration } from "../core/duration";
import { InputError } from "../core/errors";
import type { TerraformDependable, TerraformKit } from "./terraform-kit";
import { terraformString } from "./terraform-text";

/** Stands for a value only Terraform will know (a reference, or a variable of the apply-time environment). */
const LATER = "resolved-at-apply-time";

/**
 * `props` split into `dependsOn` and the inputs, once checked to be an object
 * whose `dependsOn` (if any) lists resources or constructs: anything else
 * would be dropped by CDKTF without a word, and the wait would no longer
 * come after what it must. Throws `InputError` naming the prop and `where`.
 */
export function splitProps(props: unknown, where: string): { dependsOn?: TerraformDependable[]; inputs: Record<string, unknown> } {
  if (props === null || typeof props !== "object" || Array.isArray(props)) {
    throw new InputError("props", `must be an object of the wait's props (in ${where})`);
  }
  const { dependsOn, ...inputs } = props as Record<string, unknown>;
  if (dependsOn === undefined || dependsOn === null) return { inputs };
  const dependable = (item: unknown) => typeof item === "object" && item !== null && typeof (item as TerraformDependable).fqn === "string";
  if (!Array.isArray(dependsOn) || !dependsOn.every(dependable)) {
    throw new InputError("dependsOn", `must be a list of resources or constructs, e.g. [otherResource] (in ${where})`);
  }
  return { dependsOn, inputs };
}

/**
 * The given props of a wait of `provider` as Terraform JSON strings by field
 * name (absent ones left out; booleans as `"true"`/`"false"`; literals
 * escaped, references passed through). Throws `InputError` naming the prop
 * and `where` (the construct's path) for an unknown prop or a bad value.
 */
export function waitValues(kit: TerraformKit, provider: ServiceProvider, props: Readonly<Record<string, unknown>>, where: string): Record<string, string> {
  const fields = waitFields(provider);
  try {
    rejectUnknown(fields, props);
    const literal = literalProps(kit, fields, props);
    const params = readParams(provider, literal, applyTimeEnvironment(fields));
    if (literal.endpoint !== undefined) parseEndpoint(literal.endpoint);
    if (literal.timeout !== undefined) parseDuration(literal.timeout, "timeout");
    const values: Record<string, string> = {};
    for (const field of fields) {
      const value = props[field.name];
      if (value === undefined || value === null) continue;
      if (field.kind === "boolean") values[field.name] = kit.Token.isUnresolved(value) ? kit.Token.asString(value) : String(params[field.name]);
      else values[field.name] = terraformString(kit, String(value), field.name);
    }
    return values;
  } catch (err) {
    if (err instanceof InputError) throw new InputError(err.field, `${err.reason} (in ${where})`);
    throw err;
  }
}

function rejectUnknown(fields: readonly FieldSpec[], props: Readonly<Record<string, unknown>>): void {
  const names = fields.map((field) => field.name);
  const unknown = Object.keys(props).find((key) => !names.includes(key));
  if (unknown !== undefined) throw new InputError(unknown, `is not a prop of this wait: use ${names.join(", ")}`);
}

/** The props with every token replaced by a stand-in (strings) or left out (booleans), ready to validate. */
function literalProps(kit: TerraformKit, fields: readonly FieldSpec[], props: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const literal: Record<string, unknown> = {};
  for (const field of fields) {
    const value = props[field.name];
    if (value === undefined || value === null) continue;
    if (!kit.Token.isUnresolved(value)) literal[field.name] = value;
    else if (field.kind === "string") literal[field.name] = LATER;
  }
  return literal;
}

/** An environment in which every fallback variable is set: a field left out is the apply-time environment's business. */
function applyTimeEnvironment(fields: readonly FieldSpec[]): Record<string, string> {
  return Object.fromEntries(fields.flatMap((field) => field.env ?? []).map((name) => [name, LATER]));
}
