/**
 * Synth-time validation of a wait's props, with the rules and words every
 * face shares (providers/params.ts: `waitInputProblems`). Values that are
 * CDKTF tokens (references resolved by Terraform) are not known yet and pass
 * unvalidated. Nothing is read from the synthesizing machine's environment:
 * fields left out fall back to the environment of `terraform apply`.
 */
import { foreignInputProblems, waitFields, waitInputProblems, type Speller } from "../../providers/params";
import type { ServiceProvider } from "../../providers/types";
import { InputError } from "../core/errors";
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
 * The given props of a wait of `provider` as Terraform JSON strings by field
 * name (absent ones left out; booleans as `"true"`/`"false"`; literals
 * escaped, references passed through). Throws `InputError` naming the prop
 * and `where` (the construct's path) for a prop the wait does not take or a
 * bad value.
 */
export function waitValues(kit: TerraformKit, provider: ServiceProvider, props: Readonly<Record<string, unknown>>, where: string): Record<string, string> {
  const fields = waitFields(provider);
  try {
    const [problem] = [
      ...foreignInputProblems(props, fields.map((field) => field.name), provider.name),
      ...waitInputProblems(provider, props, { fallbacksLater: true, spell: PROP_SPELLER, isUnknown: (value) => kit.Token.isUnresolved(value) }),
    ];
    if (problem) throw problem;
    const values: Record<string, string> = {};
    for (const field of fields) {
      const value = props[field.name];
      if (value === undefined || value === null) continue;
      if (field.kind === "boolean" && kit.Token.isUnresolved(value)) values[field.name] = kit.Token.asString(value);
      else values[field.name] = terraformString(kit, String(value), field.name);
    }
    return values;
  } catch (err) {
    if (err instanceof InputError) throw new InputError(err.field, `${err.reason} (in ${where})`);
    throw err;
  }
}
