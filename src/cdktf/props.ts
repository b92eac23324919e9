/**
 * Synth-time validation of a wait's props, with the rules and words every
 * face shares (providers/params.ts: `waitInputProblems`). Values that are
 * CDKTF tokens (references resolved by Terraform) are not known yet and pass
 * unvalidated. Nothing is read from the synthesizing machine's environment:
 * fields left out fall back to the environment of `terraform apply`.
 */
import { foreignInputProblems, waitFields, waitInputProblems, type Speller } from "../../providers/params";
import { childPath } from "../../providers/api/json-schema";
import type { WaitProvider } from "../../providers/types";
import { InputError } from "../core/errors";
import { isPlainObject, toJson } from "../core/values";
import type { TerraformDependable, TerraformKit } from "./terraform-kit";
import { terraformString } from "./terraform-text";

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

/** How the constructs ask for a missing value: `set the clusterId prop`. */
const PROP_SPELLER: Speller = (field) => `set the ${field.name} prop`;

/**
 * A prop as Terraform JSON: a string (an ID, a switch, a spec as its JSON
 * text) or, for a `map` field (the vars), its entries as strings by name.
 */
export type TerraformValue = string | Readonly<Record<string, string>>;

/**
 * The given props of a wait of `provider` as Terraform JSON by field name
 * (absent ones left out; booleans as `"true"`/`"false"`; a spec as its JSON
 * text; literals escaped, references passed through). Throws `InputError`
 * naming the prop and `where` (the construct's path) for a prop the wait does
 * not take, a bad value, or a reference inside a spec.
 */
export function waitValues(kit: TerraformKit, provider: WaitProvider, props: Readonly<Record<string, unknown>>, where: string): Record<string, TerraformValue> {
  const fields = waitFields(provider);
  return placed(where, () => {
    const isUnknown = (value: unknown) => kit.Token.isUnresolved(value);
    for (const field of fields.filter((field) => field.kind === "json")) refuseReference(kit, props[field.name], field.name);
    const [problem] = [
      ...foreignInputProblems(props, fields.map((field) => field.name), provider.name),
      ...waitInputProblems(provider, props, { fallbacksLater: true, spell: PROP_SPELLER, isUnknown }),
    ];
    if (problem) throw problem;
    const values: Record<string, TerraformValue> = {};
    for (const field of fields) {
      const value = props[field.name];
      if (value === undefined || value === null) continue;
      if (field.kind === "json") values[field.name] = terraformString(kit, toJson(value), field.name);
      else if (field.kind === "map") values[field.name] = mapValues(kit, value as Record<string, unknown>, field.name);
      else if (field.kind === "boolean" && isUnknown(value)) values[field.name] = kit.Token.asString(value);
      else values[field.name] = terraformString(kit, String(value), field.name);
    }
    return values;
  });
}

/** What `check` returns; an `InputError` it throws says where: `(in <where>)`, the construct's path. */
export function placed<T>(where: string, check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (err instanceof InputError) throw new InputError(err.field, `${err.reason} (in ${where})`);
    throw err;
  }
}

/** A `map` prop's entries (checked strings or references) as Terraform strings, each named `<field>.<name>` in errors. */
function mapValues(kit: TerraformKit, map: Readonly<Record<string, unknown>>, field: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(map)) {
    Object.defineProperty(values, name, { value: terraformString(kit, String(value), `${field}.${name}`), enumerable: true });
  }
  return values;
}

/**
 * Throws `InputError` naming the JSON path of the first reference (a CDKTF
 * token) in the `json` prop `field`: a spec is fixed text once synthesized,
 * and a value known only at apply belongs in a var (`{{name}}` in the spec).
 */
function refuseReference(kit: TerraformKit, value: unknown, field: string): void {
  const visit = (item: unknown, path: string): void => {
    if (kit.Token.isUnresolved(item)) {
      const fix = path === field
        ? `give the ${field} itself, e.g. JSON.parse(readFileSync("waits/ecs.json", "utf8")), with references in vars`
        : "write a placeholder {{name}} here and pass the reference in vars";
      throw new InputError(path, `is a reference, known only at apply: ${fix}`);
    }
    if (Array.isArray(item)) item.forEach((entry, index) => visit(entry, childPath(path, index)));
    else if (isPlainObject(item)) for (const [key, entry] of Object.entries(item)) visit(entry, childPath(path, key));
  };
  visit(value, field);
}
