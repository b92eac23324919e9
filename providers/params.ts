/**
 * The parameters of a wait, for every service and every face: how a field is
 * declared (`FieldSpec` helpers and the fields every service shares), the
 * TypeScript type a field list stands for, and the reading and validation of
 * input values with their environment fallbacks and defaults. The library, the
 * CLI, Pulumi and CDKTF all read through here, so a bad value gets the same
 * message from each.
 */
import { DEFAULT_TIMEOUT } from "../src/core/duration";
import { describeValue, isPlainObject } from "../src/core/values";
import { InputError } from "../src/core/errors";
import type { Cloud, FieldSpec, ParamValue, Params, WaitProvider } from "./types";

/** Longest identifier accepted; real IDs are far shorter. */
const MAX_LENGTH = 512;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
/** A region ID: it becomes part of a host name, so nothing else may pass. */
const REGION_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/i;
const REGION_HINT = "a region ID is letters, digits and dashes, e.g. cn-hangzhou";
/** A Huawei Cloud project ID: it becomes a path segment and a header, so no "/", "?" or "%" may reshape the request. */
export const HUAWEI_PROJECT_ID = {
  regex: /^[A-Za-z0-9_-]+$/,
  hint: "a project ID is letters, digits, '-' and '_' (32 hex characters from IAM)",
} as const;
/** Environment variables the Alibaba Cloud CLI, SDKs and Terraform provider read the region from. */
const ALIBABA_REGION_ENV = ["ALIBABA_CLOUD_REGION_ID", "ALICLOUD_REGION"] as const;
/** Where each cloud's region comes from when a wait names none. */
export const CLOUD_REGION_ENV: Readonly<Record<Cloud, readonly string[]>> = { alibaba: ALIBABA_REGION_ENV, huawei: ["HW_REGION_NAME"] };

// ---- Declaring fields ----

/** The region setting of an Alibaba Cloud service, with an optional default region. */
export function alibabaRegion(defaultRegion?: string): Pick<FieldSpec, "env" | "default"> {
  return defaultRegion === undefined ? { env: ALIBABA_REGION_ENV } : { env: ALIBABA_REGION_ENV, default: defaultRegion };
}

/** A string field that identifies the operation (a change means another operation); keeps the literal types of `spec`. */
export function idField<const Spec extends Pick<FieldSpec, "name" | "flag" | "required" | "description" | "env" | "pattern">>(
  spec: Spec,
): Spec & { readonly kind: "string"; readonly identifying: true } {
  return { kind: "string", identifying: true, ...spec };
}

/** `endpoint`, which every wait takes. Another endpoint is another API (e.g. the emulator instead of the cloud): it identifies the operation. */
export const ENDPOINT_FIELD = {
  name: "endpoint",
  flag: "--endpoint",
  kind: "string",
  required: false,
  identifying: true,
  env: ["OPGATE_ENDPOINT"],
  description: "replace the service endpoint, e.g. the emulator's http://127.0.0.1:8080",
} as const satisfies FieldSpec;

/** `timeout`, which every wait takes (a duration text or a number of seconds). The deadline only bounds the wait: changing it never starts a new one. */
export const TIMEOUT_FIELD = {
  name: "timeout",
  flag: "--timeout",
  kind: "string",
  required: false,
  identifying: false,
  default: DEFAULT_TIMEOUT,
  description: "deadline of the whole wait: 90s, 10m, 1h30m or seconds",
} as const satisfies FieldSpec;

/** What field lists are read from: a provider's own fields and its region setting. */
type FieldSource = Pick<WaitProvider, "fields" | "region">;

/** The region field every service has, with the provider's fallbacks. */
function regionField(provider: FieldSource): FieldSpec {
  return {
    name: "region",
    flag: "--region",
    kind: "string",
    required: provider.region.required ?? provider.region.default === undefined,
    identifying: true,
    env: provider.region.env,
    default: provider.region.default,
    description: "region ID",
    pattern: { regex: REGION_ID, hint: REGION_HINT },
  };
}

/** All fields of a provider, region included, in the order `--help` shows them. */
export function allFields(provider: FieldSource): FieldSpec[] {
  return [regionField(provider), ...provider.fields];
}

/** Every input of a wait of `provider`: its fields (region first), then `endpoint` and `timeout`. */
export function waitFields(provider: FieldSource): FieldSpec[] {
  return [...allFields(provider), ENDPOINT_FIELD, TIMEOUT_FIELD];
}

// ---- The type a field list stands for ----

/** The value type of a field: `boolean` for a switch, names to strings for a map, what `parse` returns for JSON, else `string`. */
type FieldValue<Field extends FieldSpec> = Field["kind"] extends "boolean"
  ? boolean
  : Field["kind"] extends "map"
    ? Record<string, string>
    : Field extends { kind: "json"; parse: (value: unknown) => infer Value }
      ? Value
      : string;

/**
 * True when an input must give the field: it is required and has neither an
 * environment fallback nor a default (BCS `projectId` falls back to
 * `HW_PROJECT_ID`, so it may be left out).
 */
type MustBeGiven<Field extends FieldSpec> = Field extends { required: true }
  ? Field extends { env: readonly [string, ...string[]] } | { default: string }
    ? false
    : true
  : false;

/** The names of the fields of `Fields` an input must give. */
type RequiredFieldName<Fields extends readonly FieldSpec[]> = {
  [Index in keyof Fields]: MustBeGiven<Fields[Index]> extends true ? Fields[Index]["name"] : never;
}[number];

/**
 * The input values a field list stands for: `{ clusterId: string; allowPartial?: boolean; ... }`.
 * Fields an input must give are required properties, the others optional.
 */
export type FieldValues<Fields extends readonly FieldSpec[]> = {
  -readonly [Field in Fields[number] as Field["name"] extends RequiredFieldName<Fields> ? Field["name"] : never]: FieldValue<Field>;
} & {
  -readonly [Field in Fields[number] as Field["name"] extends RequiredFieldName<Fields> ? never : Field["name"]]?: FieldValue<Field>;
};

/** The values of the inputs every service takes besides its own fields (`timeout` also as a number of seconds). */
export interface CommonFieldValues {
  region?: string;
  endpoint?: string;
  timeout?: string | number;
}

// ---- Reading values ----

/**
 * Validates `input` against the provider's fields. Missing values fall back to
 * `env` then to defaults. Throws `InputError` naming the field and the fix.
 */
export function readParams(
  provider: FieldSource,
  input: Record<string, unknown>,
  env: Record<string, string | undefined> = process.env,
): Params {
  const params: Params = {};
  for (const field of allFields(provider)) {
    params[field.name] = readField(field, input[field.name], env);
  }
  return params;
}

function readField(field: FieldSpec, value: unknown, env: Record<string, string | undefined>): ParamValue | undefined {
  if (field.kind === "json" || field.kind === "map") return readStructured(field, value);
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

/** How many names a `map` field may hold. */
const MAX_MAP_SIZE = 256;

/**
 * A `json` field's document, checked by its `parse`, or a `map` field's
 * names and strings (each name of the field's `pattern`, each value a
 * non-empty printable string); undefined when absent and optional.
 */
function readStructured(field: FieldSpec, value: unknown): ParamValue | undefined {
  if (value === undefined || value === null) {
    if (field.required) throw new InputError(field.name, `is required: pass ${field.flag}`);
    return undefined;
  }
  if (field.kind === "json") return (field.parse ? field.parse(value) : value) as ParamValue;
  if (!isPlainObject(value)) throw new InputError(field.name, `must be an object of names to strings, got ${describeValue(value)}`);
  const entries = Object.entries(value);
  if (entries.length > MAX_MAP_SIZE) throw new InputError(field.name, `has ${entries.length} entries; the limit is ${MAX_MAP_SIZE}`);
  const map: Record<string, string> = {};
  for (const [name, item] of entries) {
    const entry: FieldSpec = { ...field, name: `${field.name}.${name}`, kind: "string", description: `value of ${name}`, pattern: undefined };
    if (field.pattern && !field.pattern.regex.test(name)) throw new InputError(entry.name, `is not a valid name: ${field.pattern.hint}`);
    Object.defineProperty(map, name, { value: checkString(entry, item), enumerable: true, writable: true, configurable: true });
  }
  return map;
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

// ---- Using validated values ----

/** The non-empty string field `name`; throws `InputError` when it is missing. */
export function requiredText(params: Params, name: string): string {
  const value = params[name];
  if (typeof value === "string" && value !== "") return value;
  throw new InputError(name, "is required");
}

/** The string field `name`, or undefined when it is not set. */
export function optionalText(params: Params, name: string): string | undefined {
  const value = params[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The boolean field `name` (false when it is not set). */
export function flag(params: Params, name: string): boolean {
  return params[name] === true;
}

/**
 * `https://{service}.{region}.{domain}`, the default endpoint. The region
 * becomes part of a host name, so it is checked first: a value like
 * `evil.example#` must not redirect signed requests. Throws `InputError`.
 */
export function regionalEndpoint(service: string, region: string, domain: string): string {
  return `https://${service}.${checkRegion(region)}.${domain}`;
}

/** `region` when it is a region ID (it becomes part of a host name); throws `InputError("region")` otherwise. */
export function checkRegion(region: string): string {
  if (!REGION_ID.test(region)) {
    throw new InputError("region", `${JSON.stringify(region)} is not a region ID: use letters, digits and dashes, e.g. cn-hangzhou`);
  }
  return region;
}
