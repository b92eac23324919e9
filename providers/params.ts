/**
 * Reads and validates a provider's input fields, with their environment
 * fallbacks and defaults. Shared by every face, so a bad value gets the same
 * message from the library, the CLI, Pulumi and CDKTF.
 */
import { describeValue } from "../src/core/values";
import { InputError } from "../src/core/errors";
import type { FieldSpec, Params, ServiceProvider } from "./types";

/** Longest identifier accepted; real IDs are far shorter. */
const MAX_LENGTH = 512;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The region field every service has. */
export function regionField(provider: ServiceProvider): FieldSpec {
  return {
    name: "region",
    flag: "--region",
    kind: "string",
    required: provider.region.default === undefined,
    identifying: true,
    env: provider.region.env,
    default: provider.region.default,
    description: "region ID",
    pattern: { regex: /^[a-z0-9]+(?:-[a-z0-9]+)*$/i, hint: "a region ID is letters, digits and dashes, e.g. cn-hangzhou" },
  };
}

/** All fields of a provider, region included, in the order `--help` shows them. */
export function allFields(provider: ServiceProvider): FieldSpec[] {
  return [regionField(provider), ...provider.fields];
}

/**
 * Validates `input` against the provider's fields. Missing values fall back to
 * `env` then to defaults. Throws `InputError` naming the field and the fix.
 */
export function readParams(
  provider: ServiceProvider,
  input: Record<string, unknown>,
  env: Record<string, string | undefined> = process.env,
): Params {
  const params: Params = {};
  for (const field of allFields(provider)) {
    params[field.name] = readField(field, input[field.name], env);
  }
  return params;
}

function readField(field: FieldSpec, value: unknown, env: Record<string, string | undefined>): string | boolean | undefined {
  if (field.kind === "boolean") {
    if (value === undefined || value === null) return false;
    if (typeof value === "boolean") return value;
    if (value === "true" || value === "false") return value === "true";
    throw new InputError(field.name, `must be true or false, got ${describeValue(value)}`);
  }
  if (value === undefined || value === null) {
    const fromEnv = field.env?.map((name) => env[name]).find((v) => v !== undefined && v !== "");
    value = fromEnv ?? field.default;
    if (value === undefined) {
      if (!field.required) return undefined;
      const envHint = field.env?.length ? ` or set ${field.env.join(" or ")}` : "";
      throw new InputError(field.name, `is required: pass ${field.flag}${envHint}`);
    }
  }
  return checkString(field, value);
}

/** A non-empty printable string of sane length, returned verbatim. */
function checkString(field: FieldSpec, value: unknown): string {
  if (typeof value !== "string") {
    throw new InputError(field.name, `must be a string, got ${describeValue(value)}`);
  }
  if (value.trim() === "") throw new InputError(field.name, `must not be empty: pass the ${field.description}`);
  if (value !== value.trim()) throw new InputError(field.name, "must not start or end with white space");
  if (CONTROL.test(value)) throw new InputError(field.name, "must not contain control characters (newline, tab, ...)");
  if (value.length > MAX_LENGTH) throw new InputError(field.name, `is ${value.length} characters long; the limit is ${MAX_LENGTH}`);
  if (field.pattern && !field.pattern.regex.test(value)) {
    throw new InputError(field.name, `${describeValue(value)} is not valid: ${field.pattern.hint}`);
  }
  return value;
}
