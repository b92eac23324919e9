/**
 * Scripted APIs in the emulator: any Alibaba Cloud RPC action or ROA path,
 * or Huawei Cloud path, answered from a scenario's frames, so that the
 * generic waiter (`opgate wait api`) runs offline. The scenario format is in
 * src/emulator/SCENARIOS.md ("Scripted APIs").
 *
 * A scripted operation's `call` says which requests it answers:
 * - Alibaba RPC `{ cloud: "alibaba", product, action, version, match? }`:
 *   requests to `/` whose `x-acs-action` (or `Action`) is `action`;
 * - Alibaba ROA `{ cloud: "alibaba", product, action, version, method?, path, match? }`:
 *   `method` (default GET) requests to a path the template `path` matches,
 *   with `x-acs-action` `action`;
 * - Huawei `{ cloud: "huawei", method?, path, match? }`.
 *
 * `path` is a template: a segment `{name}` (or `{{name}}`, the spec's
 * placeholder) matches any one segment and captures it as a path parameter.
 * `match` names the parameters a request must carry (path parameters first,
 * then query and form parameters): a string is compared exactly, `null`
 * means absent, any other JSON value is compared with the parameter read as
 * JSON text (how the waiter sends `InstanceIds: ["i-1"]`).
 *
 * Each frame answers with a literal `body`, a `patch` (RFC 7386 JSON merge
 * patch) over the operation's `base`, or an `error` rendered in the style's
 * error body: RPC `{RequestId, HostId, Code, Message, Recommend}`, ROA
 * `{code, message, requestId}`, Huawei `{error_code, error_msg}`.
 */
import { InputError } from "../../src/core/errors";
import { isPlainObject } from "../../src/core/values";
import { alibabaErrorAnswer, huaweiErrorAnswer, newRequestId } from "../shared/error-answers";
import type { Cloud, EmulatorAnswer } from "../types";

/** An HTTP method a ROA or Huawei scripted API serves. */
export type ScriptedMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

const SCRIPTED_METHODS: readonly ScriptedMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/**
 * Parameters a request must carry, by name: a string is compared exactly,
 * `null` means the parameter is absent, any other JSON value is compared
 * with the parameter read as JSON text.
 */
export type ScriptedMatch = Record<string, unknown>;

/** An Alibaba Cloud RPC API: requests to `/` naming `action`. */
export interface ScriptedRpcCall {
  /** Alibaba Cloud (RPC without `path`, ROA with one). */
  cloud: "alibaba";
  /** The product code (`ecs`): the `HostId` of error answers. */
  product: string;
  /** `x-acs-action` (or `Action`). */
  action: string;
  /** `x-acs-version` (or `Version`); a request naming another gets `InvalidVersion`. */
  version: string;
  /** The parameters a request must carry; by default any. */
  match?: ScriptedMatch;
}

/** An Alibaba Cloud ROA API: `method` requests to `path` naming `action`. */
export interface ScriptedRoaCall {
  /** Alibaba Cloud (RPC without `path`, ROA with one). */
  cloud: "alibaba";
  /** The product code (`cs`). */
  product: string;
  /** `x-acs-action`. */
  action: string;
  /** `x-acs-version`. */
  version: string;
  /** Default `GET`. */
  method?: ScriptedMethod;
  /** A path template (`/clusters/{ClusterId}`). */
  path: string;
  /** The parameters a request must carry (path parameters first); by default any. */
  match?: ScriptedMatch;
}

/** A Huawei Cloud API: `method` requests to `path`. */
export interface ScriptedHuaweiCall {
  /** Huawei Cloud. */
  cloud: "huawei";
  /** Default `GET`. */
  method?: ScriptedMethod;
  /** A path template (`/v1/{project_id}/jobs/{job_id}`). */
  path: string;
  /** The parameters a request must carry (path parameters first); by default any. */
  match?: ScriptedMatch;
}

/** Which requests a scripted operation answers (a scenario operation's `call`). */
export type ScriptedCall = ScriptedRpcCall | ScriptedRoaCall | ScriptedHuaweiCall;

/** An error answer as written: rendered in the error body of the API's style. */
export interface ScriptedError {
  /** HTTP status, 400 to 599 (default 400). */
  status?: number;
  /** The error code (`InvalidInstanceId.NotFound`, `Ecs.0103`). */
  code: string;
  /** The error message. */
  message: string;
}

/** One answer as written: exactly one of `body`, `patch` and `error`. */
export interface ScriptedAnswerSpec {
  /** The answer's JSON body, verbatim. */
  body?: unknown;
  /** An RFC 7386 JSON merge patch over the operation's `base`: the answer's body. */
  patch?: unknown;
  /** HTTP status of a `body` or `patch` answer, 200 to 599 (default 200). */
  status?: number;
  /** An error answer in the API's error body. */
  error?: ScriptedError;
}

/** A validated answer. */
export type ScriptedAnswer =
  | { kind: "body"; status: number; body: unknown }
  | { kind: "error"; status: number; code: string; message: string };

/** What the emulator answers once the API no longer knows a scripted operation, unless the scenario says. */
export const DEFAULT_UNKNOWN_ANSWER: ScriptedAnswer = {
  kind: "error",
  status: 404,
  code: "ResourceNotFound",
  message: "The specified resource is not found.",
};

/** A request as the scripted APIs see it. */
export interface ScriptedRequest {
  /** The cloud the request is for, as its headers (or a scripted Huawei path) tell. */
  cloud: Cloud;
  /** Upper-case HTTP method. */
  method: string;
  /** The path's segments, each percent-decoded: `/v1/p/jobs` → `["", "v1", "p", "jobs"]`, `/` → `["", ""]`. */
  segments: readonly string[];
  /** Alibaba: `x-acs-action` or `Action`. */
  action: string | undefined;
}

/** One segment of a path template: literal text, or a parameter that captures any one segment. */
type TemplateSegment = { literal: string } | { param: string };

/** The API style: where requests go and what shape error answers take. */
type ApiStyle = "rpc" | "roa" | "huawei";

const CALL_KEYS: Record<ApiStyle, readonly string[]> = {
  rpc: ["cloud", "product", "action", "version", "match"],
  roa: ["cloud", "product", "action", "version", "method", "path", "match"],
  huawei: ["cloud", "method", "path", "match"],
};
const STYLE_NAMES: Record<ApiStyle, string> = { rpc: "an Alibaba RPC call", roa: "an Alibaba ROA call", huawei: "a Huawei call" };
const ANSWER_KEYS = ["body", "patch", "status", "error"];
const ERROR_KEYS = ["status", "code", "message"];
/** A product code: a host label, as the waiter's spec requires. */
const PRODUCT = /^[a-z][a-z0-9-]{0,31}$/;
const ACTION = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/;
/** `{name}` or `{{name}}`: a path parameter. */
const PARAM_SEGMENT = /^\{(\{)?([A-Za-z_][A-Za-z0-9_-]*)(\})?\}$/;

/** One API a scripted operation serves: which requests it answers, and how its answers look. */
export class ScriptedApi {
  private constructor(
    private readonly style: ApiStyle,
    /** Alibaba: the product code (empty for Huawei). */
    private readonly product: string,
    /** Alibaba: the action. */
    readonly action: string | undefined,
    /** Alibaba: the version. */
    private readonly version: string | undefined,
    /** ROA and Huawei: the method. */
    private readonly method: string | undefined,
    /** ROA and Huawei: the path template. */
    private readonly path: readonly TemplateSegment[] | undefined,
    private readonly match: ScriptedMatch,
  ) {}

  /**
   * Validates a scenario operation's `call`.
   * @param where its place in the scenario (`operations[2].call`), named by every error.
   */
  static parse(value: unknown, where: string): ScriptedApi {
    if (!isPlainObject(value)) throw new InputError(where, "must be an object: { cloud, ... } (see SCENARIOS.md, Scripted APIs)");
    const cloud = value.cloud;
    if (cloud !== "alibaba" && cloud !== "huawei") throw new InputError(`${where}.cloud`, 'must be "alibaba" or "huawei"');
    const style: ApiStyle = cloud === "huawei" ? "huawei" : value.path === undefined ? "rpc" : "roa";
    const extra = Object.keys(value).find((key) => !CALL_KEYS[style].includes(key));
    if (extra) throw new InputError(`${where}.${extra}`, `is not a key of ${STYLE_NAMES[style]}: use ${CALL_KEYS[style].join(", ")}`);
    const alibaba = style !== "huawei";
    return new ScriptedApi(
      style,
      alibaba ? matching(value.product, PRODUCT, `${where}.product`, 'a product code such as "ecs"') : "",
      alibaba ? matching(value.action, ACTION, `${where}.action`, 'an API name such as "DescribeInstances"') : undefined,
      alibaba ? nonEmptyText(value.version, `${where}.version`, 'the API version, such as "2014-05-26"') : undefined,
      style === "rpc" ? undefined : methodOf(value.method, `${where}.method`),
      style === "rpc" ? undefined : parsePathTemplate(value.path, `${where}.path`, style),
      parseMatch(value.match, `${where}.match`),
    );
  }

  /** The cloud whose requests this API answers. */
  get cloud(): Cloud {
    return this.style === "huawei" ? "huawei" : "alibaba";
  }

  /**
   * The path parameters when `req` is a request for this API (its cloud,
   * style, action, method and path; not its version or parameters), else undefined.
   */
  route(req: ScriptedRequest): Record<string, string> | undefined {
    if (req.cloud !== this.cloud || (this.cloud === "alibaba" && req.action !== this.action)) return undefined;
    if (this.path === undefined) {
      const rootPath = req.segments.length === 2 && req.segments[1] === "";
      return rootPath && (req.method === "GET" || req.method === "POST") ? {} : undefined;
    }
    return req.method === this.method ? capture(this.path, req.segments) : undefined;
  }

  /** True when a request naming `version` is for this API's version (Huawei versions are in the path). */
  servesVersion(version: string): boolean {
    return this.version === undefined || this.version === version;
  }

  /** True when the request's parameters (path parameters first, then query and form ones) are those of `match`. */
  matches(pathParams: Record<string, string>, params: Record<string, string>): boolean {
    return Object.entries(this.match).every(([name, expected]) => {
      const actual = Object.hasOwn(pathParams, name) ? pathParams[name] : Object.hasOwn(params, name) ? params[name] : undefined;
      return paramMatches(expected, actual);
    });
  }

  /** A path this API serves (its template, each parameter `x`); for ROA and Huawei APIs. */
  examplePath(): string | undefined {
    return this.path?.map((segment) => ("literal" in segment ? segment.literal : "x")).join("/");
  }

  /** The HTTP answer of `answer`; an error is rendered in this API style's error body. */
  render(answer: ScriptedAnswer): EmulatorAnswer {
    if (answer.kind === "body") return { status: answer.status, body: answer.body };
    const { status, code, message } = answer;
    if (this.style === "huawei") return huaweiErrorAnswer(status, code, message);
    if (this.style === "roa") return { status, body: { code, message, requestId: newRequestId() } };
    return alibabaErrorAnswer(status, code, message, { product: this.product, host: this.product });
  }
}

/** Reads one answer as written (a timeline frame without its `for` or `polls`, or an operation's `unknown`). */
export type ScriptedAnswerReader = (value: Record<string, unknown>, where: string) => ScriptedAnswer;

/**
 * The reader of a scripted operation's answers: each needs exactly one of
 * `body`, `patch` (merged over `base`, which must then be given) and
 * `error`. Every error names the key at fault, after `where`
 * (`operations[0].timeline[2].patch`).
 * @param base the operation's `base`, validated here.
 * @param where the operation's place in the scenario (`operations[0]`).
 */
export function scriptedAnswerReader(base: unknown, where: string): ScriptedAnswerReader {
  const validBase = base === undefined ? undefined : jsonData(base, `${where}.base`);
  return (value, at) => {
    const extra = Object.keys(value).find((key) => !ANSWER_KEYS.includes(key));
    if (extra) {
      throw new InputError(`${at}.${extra}`, "is not a key of a scripted answer: use one of body, patch and error (and status with body or patch)");
    }
    const given = ["body", "patch", "error"].filter((key) => value[key] !== undefined);
    if (given.length !== 1) throw new InputError(at, "needs exactly one of body (the answer), patch (merged over base) and error");
    if (value.error !== undefined) {
      if (value.status !== undefined) {
        throw new InputError(`${at}.status`, "goes inside error for an error answer: { error: { status, code, message } }");
      }
      return parseError(value.error, `${at}.error`);
    }
    const status = value.status === undefined ? 200 : statusIn(value.status, `${at}.status`, 200);
    if (value.body !== undefined) return { kind: "body", status, body: jsonData(value.body, `${at}.body`) };
    if (validBase === undefined) throw new InputError(`${at}.patch`, `needs ${where}.base: a patch is merged over the operation's base`);
    return { kind: "body", status, body: mergePatch(validBase, jsonData(value.patch, `${at}.patch`)) };
  };
}

/** RFC 7386: `patch` merged over `target` (an object patch merges key by key, `null` removes; anything else replaces). */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const merged: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = mergePatch(merged[key], value);
  }
  return merged;
}

function parseError(value: unknown, where: string): ScriptedAnswer {
  if (!isPlainObject(value)) throw new InputError(where, "must be { status, code, message }");
  const extra = Object.keys(value).find((key) => !ERROR_KEYS.includes(key));
  if (extra) throw new InputError(`${where}.${extra}`, `is not a key of an error: use ${ERROR_KEYS.join(", ")}`);
  if (typeof value.message !== "string") throw new InputError(`${where}.message`, "must be a string: the error message");
  return {
    kind: "error",
    status: value.status === undefined ? 400 : statusIn(value.status, `${where}.status`, 400),
    code: nonEmptyText(value.code, `${where}.code`, 'the error code, such as "InvalidParameter"'),
    message: value.message,
  };
}

function parsePathTemplate(value: unknown, where: string, style: ApiStyle): TemplateSegment[] {
  if (typeof value !== "string" || !value.startsWith("/")) {
    throw new InputError(where, 'must be a path starting with /, such as "/v1/{project_id}/jobs/{job_id}"');
  }
  if (/[?#]/.test(value)) throw new InputError(where, "is a path without query: match query parameters with match");
  if (style === "roa" && value === "/") throw new InputError(where, "/ is where RPC requests go: leave path out for an RPC API");
  const names = new Set<string>();
  return value.split("/").map((text) => {
    const param = PARAM_SEGMENT.exec(text);
    if (param && Boolean(param[1]) === Boolean(param[3])) {
      const name = param[2];
      if (names.has(name)) throw new InputError(where, `names the path parameter ${name} twice`);
      names.add(name);
      return { param: name };
    }
    if (/[{}]/.test(text)) throw new InputError(where, `segment ${JSON.stringify(text)}: a path parameter is a whole segment, {name}`);
    return { literal: text };
  });
}

/** The parameters `template` captures from `segments`, or undefined when the path does not fit it. */
function capture(template: readonly TemplateSegment[], segments: readonly string[]): Record<string, string> | undefined {
  if (template.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of template.entries()) {
    if ("literal" in segment) {
      if (segment.literal !== segments[i]) return undefined;
    } else {
      if (segments[i] === "") return undefined;
      params[segment.param] = segments[i];
    }
  }
  return params;
}

function parseMatch(value: unknown, where: string): ScriptedMatch {
  if (value === undefined) return {};
  if (!isPlainObject(value)) throw new InputError(where, 'must be an object of parameters: { "InstanceIds": ["i-1"], "RegionId": "cn-hangzhou" }');
  return Object.fromEntries(Object.entries(value).map(([name, expected]) => [name, jsonData(expected, `${where}.${name}`)]));
}

function paramMatches(expected: unknown, actual: string | undefined): boolean {
  if (expected === null) return actual === undefined;
  if (actual === undefined) return false;
  if (typeof expected === "string") return actual === expected;
  try {
    return sameJson(JSON.parse(actual), expected);
  } catch {
    return false;
  }
}

/** True when two JSON values are equal: the same structure, keys in any order (a bigint equals the number of its value). */
function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameJson(a[key], b[key]));
  }
  return typeof b === "bigint" ? Number(b) === a : a === b;
}

/**
 * A deep copy of `value`, which must be JSON data (null, booleans, finite
 * numbers, bigints, strings, arrays and plain objects of them).
 */
function jsonData(value: unknown, where: string): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean" || typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (Array.isArray(value)) return value.map((item, i) => jsonData(item, `${where}[${i}]`));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, jsonData(item, `${where}.${key}`)]));
  throw new InputError(where, "must be JSON data: null, a boolean, a number, a string, an array or an object");
}

function methodOf(value: unknown, where: string): ScriptedMethod {
  if (value === undefined) return "GET";
  if (!(SCRIPTED_METHODS as readonly unknown[]).includes(value)) {
    throw new InputError(where, `must be one of ${SCRIPTED_METHODS.join(", ")} (default GET)`);
  }
  return value as ScriptedMethod;
}

function statusIn(value: unknown, where: string, min: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > 599) {
    throw new InputError(where, `must be an HTTP status from ${min} to 599`);
  }
  return value;
}

function nonEmptyText(value: unknown, where: string, what: string): string {
  if (typeof value !== "string" || value.trim() === "") throw new InputError(where, `must be ${what}`);
  return value;
}

function matching(value: unknown, pattern: RegExp, where: string, what: string): string {
  if (typeof value !== "string" || !pattern.test(value)) throw new InputError(where, `must be ${what}`);
  return value;
}
