/**
 * The parameters of a wait, for every service and every face: how a field is
 * declared (`FieldSpec` helpers and the fields every service shares), the
 * TypeScript type a field list stands for, and the reading and validation of
 * input values with their environment fallbacks and defaults. The library, the
 * CLI, Pulumi and CDKTF all read through here, so a bad value gets the same
 * reason from each; each face names the field its own way (see `Speller`).
 * The HCL module checks the same rules with the same words
 * (terraform/operation-wait/main.tf); test/faces/refusals.test.ts holds every
 * face to one table.
 */
import { parseEndpoint } from "../src/clients/endpoint";
import { DEFAULT_TIMEOUT, parseDuration } from "../src/core/duration";
import { describeValue, isPlainObject } from "../src/core/values";
import { InputError } from "../src/core/errors";
import { nearestName } from "../src/core/suggest";
import type { Cloud, FieldSpec, ParamValue, Params, WaitProvider } from "./types";

/** Longest value accepted, in Unicode code points (as Terraform's regular expressions count, not UTF-16 units); real IDs are far shorter. */
const MAX_LENGTH = 512;
/**
 * The white space no value may start or end with: what JavaScript's `trim()`
 * removes (`\s`: tab, LF, VT, FF, CR, the space separators, U+2028, U+2029,
 * U+FEFF) and what Go's `unicode.IsSpace` (Terraform's `trimspace`) removes,
 * together: the latter adds U+0085 and lacks U+FEFF.
 */
const BLANK = /^[\s\u0085]*$/;
const PADDED = /^[\s\u0085]|[\s\u0085]$/;
/** C0 controls, DEL and C1 controls. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Half of a surrogate pair without the other half: text cut in the middle of a character (`u`: pairs are one code point). */
const LONE_SURROGATE = /[\ud800-\udfff]/u;
/** A region ID: it becomes a label of a host name (at most 63 characters), so nothing else may pass. */
const REGION_ID = /^(?=.{1,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$/i;
const REGION_HINT = "a region ID is letters, digits and dashes (at most 63), e.g. cn-hangzhou";
/** A Huawei Cloud project ID: it becomes a path segment and a header, so no "/", "?" or "%" may reshape the request. */
export const HUAWEI_PROJECT_ID = {
  regex: /^[A-Za-z0-9_-]+$/,
  hint: "a project ID is letters, digits, '-' and '_' (32 hex characters from IAM)",
} as const;
/** Environment variables the Alibaba Cloud CLI, SDKs and Terraform provider read the region from. */
const ALIBABA_REGION_ENV = ["ALIBABA_CLOUD_REGION_ID", "ALICLOUD_REGION"] as const;
/** Where each cloud's region comes from when a wait names none. */
export const CLOUD_REGION_ENV: Readonly<Record<Cloud, readonly string[]>> = { alibaba: ALIBABA_REGION_ENV, huawei: ["HW_REGION_NAME"] };

/**
 * Why text that is not in Unicode NFC is refused on every face: Terraform
 * rewrites every string it reads to NFC (config, variables, environment,
 * function results), so `op-e\u0301` would reach the API as `op-é`.
 */
export const NOT_NFC = "must be in Unicode normalization form C (NFC): Terraform rewrites other forms, which would reach the API as another ID";

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

/**
 * The flag that gives a `json` or `map` field as JSON text, for the faces
 * that pass it on without a file (Terraform's local-exec, `jsonencode`):
 * `--spec-json` for `--spec`; `--vars-json` for the field `vars` (whose own
 * flag `--var` names one entry).
 */
export function jsonTextFlag(field: FieldSpec): string {
  return field.kind === "json" ? `${field.flag}-json` : `--${field.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-json`;
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
 * How a face asks for a field that is missing, in its own spelling: the
 * library says `pass the clusterId option`, the CLI `pass --cluster-id`, Pulumi
 * `set the clusterId argument`, CDKTF `set the clusterId prop` (and the HCL
 * module `set cluster_id in the module block`). Every other reason is the same
 * on every face; the face names the field in front of it.
 */
export type Speller = (field: FieldSpec) => string;

/** The library's spelling: its options. */
export const OPTION_SPELLER: Speller = (field) => `pass the ${field.name} option`;

/** What a face reads its inputs with, besides the inputs. */
export interface ReadContext {
  /** Where missing fields fall back to (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** How the face asks for a missing field (default `OPTION_SPELLER`). */
  spell?: Speller;
  /**
   * True for a value that is only known later (a Terraform reference at synth,
   * a Pulumi output not resolved yet): it counts as given, and is checked when
   * the wait runs.
   */
  isUnknown?: (value: unknown) => boolean;
  /**
   * True when the environment of the wait does not exist yet (a CDKTF synth, a
   * Pulumi program): a field left out that has an environment fallback or a
   * default is that environment's business, not an error (`env` is not read).
   */
  fallbacksLater?: boolean;
}

/** A wait's inputs once checked: the service's parameters, the endpoint if one is set, and the deadline. */
export interface WaitInputs {
  params: Params;
  endpoint: string | undefined;
  timeoutMs: number;
}

/**
 * Validates the provider's fields of `input` (region first). Missing values
 * fall back to `env` then to defaults. Throws `InputError` naming the first
 * field at fault and the fix.
 */
export function readParams(
  provider: FieldSource,
  input: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>> = process.env,
  spell: Speller = OPTION_SPELLER,
): Params {
  const params: Params = {};
  for (const field of allFields(provider)) params[field.name] = readInput(field, input[field.name], { env, spell });
  return params;
}

/**
 * Validates every input of a wait of `provider`: its fields, `endpoint` and
 * `timeout`, with their fallbacks. Throws `InputError` for the first input at
 * fault, in the order of `waitFields`.
 */
export function readWaitInputs(provider: FieldSource, input: Readonly<Record<string, unknown>>, context: ReadContext = {}): WaitInputs {
  const { endpoint, timeout, ...params } = Object.fromEntries(waitFields(provider).map((field) => [field.name, readInput(field, input[field.name], context)]));
  return { params, endpoint: endpoint as string | undefined, timeoutMs: parseDuration(timeout, TIMEOUT_FIELD.name) };
}

/**
 * Every problem of `input` as the inputs of a wait of `provider`: one
 * `InputError` per input at fault, in the order of `waitFields` (empty when
 * valid). For the faces that report them all at once (Pulumi's check).
 */
export function waitInputProblems(provider: FieldSource, input: Readonly<Record<string, unknown>>, context: ReadContext = {}): InputError[] {
  const problems: InputError[] = [];
  for (const field of waitFields(provider)) {
    try {
      readInput(field, input[field.name], context);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      problems.push(err);
    }
  }
  return problems;
}

/**
 * One `InputError` per key of `input` that `known` does not list (keys whose
 * value is undefined or null count as absent): `does not apply to the emr
 * wait`, with the nearest known name when one is close (`operationID` →
 * `operationId`, as the CLI suggests flags).
 */
export function foreignInputProblems(input: Readonly<Record<string, unknown>>, known: readonly string[], service: string): InputError[] {
  return Object.keys(input)
    .filter((key) => !known.includes(key) && input[key] !== undefined && input[key] !== null)
    .map((key) => {
      const near = nearestName(key, known);
      return new InputError(key, `does not apply to the ${service} wait: ${near === null ? "remove it" : `did you mean ${near}?`}`);
    });
}

/** The checked value of one field (a timeout given as a number of seconds as its text), or undefined when it is absent and may be. */
function readInput(field: FieldSpec, given: unknown, context: ReadContext): ParamValue | undefined {
  if (given !== undefined && given !== null && context.isUnknown?.(given)) return undefined;
  if (field.kind === "json" || field.kind === "map") return readStructured(field, given, context);
  if (field.kind === "boolean") {
    if (given === undefined || given === null) return false;
    if (typeof given === "boolean") return given;
    if (given === "true" || given === "false") return given === "true";
    throw new InputError(field.name, `must be true or false, got ${describeValue(given)}`);
  }
  let value = given;
  if (value === undefined || value === null) {
    if (context.fallbacksLater && (field.env?.length || field.default !== undefined)) return undefined;
    const env = context.env ?? process.env;
    value = field.env?.map((name) => env[name]).find((v) => v !== undefined && v !== "") ?? field.default;
    if (value === undefined) {
      if (!field.required) return undefined;
      const envHint = field.env?.length ? ` or set ${field.env.join(" or ")}` : "";
      throw new InputError(field.name, `is required: ${(context.spell ?? OPTION_SPELLER)(field)}${envHint}`);
    }
  }
  if (field.name === TIMEOUT_FIELD.name && typeof value === "number") {
    parseDuration(value, field.name);
    return String(value);
  }
  const text = checkText(field.name, value);
  if (field.pattern && !field.pattern.regex.test(text)) throw new InputError(field.name, `is not valid: ${field.pattern.hint}`);
  if (field.name === ENDPOINT_FIELD.name) checkEndpoint(text);
  if (field.name === TIMEOUT_FIELD.name) parseDuration(text, field.name);
  return text;
}

/** How many names a `map` field may hold. */
const MAX_MAP_SIZE = 256;

/**
 * A `json` field's document, checked by its `parse`, or a `map` field's
 * names and strings (each name of the field's `pattern`, each value a text
 * input like any other, or a value `context.isUnknown` says is known only
 * later); undefined when absent and optional.
 */
function readStructured(field: FieldSpec, value: unknown, context: ReadContext): ParamValue | undefined {
  if (value === undefined || value === null) {
    if (field.required) throw new InputError(field.name, `is required: ${(context.spell ?? OPTION_SPELLER)(field)}`);
    return undefined;
  }
  if (field.kind === "json") return (field.parse ? field.parse(value) : value) as ParamValue;
  if (!isPlainObject(value)) throw new InputError(field.name, `must be an object of names to strings, got ${describeValue(value)}`);
  const entries = Object.entries(value);
  if (entries.length > MAX_MAP_SIZE) throw new InputError(field.name, `has ${entries.length} entries; the limit is ${MAX_MAP_SIZE}`);
  const map: Record<string, string> = {};
  for (const [name, item] of entries) {
    const entryName = `${field.name}.${name}`;
    if (field.pattern && !field.pattern.regex.test(name)) throw new InputError(entryName, `is not a valid name: ${field.pattern.hint}`);
    // A value known only later (a Pulumi output, a Terraform reference) is checked when the wait runs.
    if (item !== undefined && item !== null && context.isUnknown?.(item)) continue;
    Object.defineProperty(map, name, { value: checkText(entryName, item), enumerable: true, writable: true, configurable: true });
  }
  return map;
}

/**
 * The rules every text input follows, in the order they are checked; the
 * first one broken is reported. The HCL module checks the same, in the same
 * order and words.
 */
const TEXT_RULES: readonly { broken: (text: string) => boolean; reason: string }[] = [
  { broken: (text) => BLANK.test(text), reason: "must not be empty" },
  { broken: (text) => PADDED.test(text), reason: "must not start or end with white space" },
  { broken: (text) => CONTROL.test(text), reason: "must not contain control characters (newline, tab, ...)" },
  { broken: (text) => LONE_SURROGATE.test(text), reason: "must not contain half of a UTF-16 surrogate pair (text cut inside a character)" },
  { broken: (text) => text.normalize("NFC") !== text, reason: NOT_NFC },
  { broken: (text) => codePoints(text) > MAX_LENGTH, reason: `is longer than ${MAX_LENGTH} characters (Unicode code points)` },
];

/** A string that breaks none of `TEXT_RULES`, returned verbatim. Throws `InputError` naming `name`. */
function checkText(name: string, value: unknown): string {
  if (typeof value !== "string") throw new InputError(name, `must be a string, got ${describeValue(value)}`);
  const broken = TEXT_RULES.find((rule) => rule.broken(value));
  if (broken) throw new InputError(name, broken.reason);
  return value;
}

/** The length of `text` in Unicode code points, as Terraform's regular expressions count (not UTF-16 units). */
function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/**
 * The shape of an endpoint, in the order checked (the HCL module checks the
 * same), then `parseEndpoint`, which has the last word on what a URL is.
 */
function checkEndpoint(text: string): void {
  if (!/^https?:\/\//i.test(text)) throw new InputError(ENDPOINT_FIELD.name, "must start with http:// or https://");
  const authority = /^[^/]*\/\/[^/?#]*/.exec(text)![0];
  if (authority.includes("@")) throw new InputError(ENDPOINT_FIELD.name, "must not contain credentials (user:password@); use the environment variables instead");
  if (text !== authority && text !== `${authority}/`) {
    throw new InputError(ENDPOINT_FIELD.name, "must be a base URL without path, query or fragment, e.g. http://127.0.0.1:8080");
  }
  const hostAndPort = /^[^/]*\/\/(?:[\w-]+(?:\.[\w-]+)*|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/i.exec(authority);
  if (!hostAndPort || Number(hostAndPort[1] ?? 0) > 65535) {
    throw new InputError(ENDPOINT_FIELD.name, "must name a host (letters, digits, '-', '_' and dots, or an [IPv6] address) and optionally a port up to 65535");
  }
  parseEndpoint(text);
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
  if (!REGION_ID.test(region)) throw new InputError("region", `is not valid: ${REGION_HINT}`);
  return region;
}
