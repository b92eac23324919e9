/**
 * One API wait, ready to run: the spec's placeholders filled from the vars
 * and the built-ins `region` and `project_id` (with the spec's cloud's
 * environment fallbacks), the request, where it goes, which codes mean not
 * found, the schedule's bounds, and the poll. Everything here happens
 * before any request; every mistake is an `InputError`.
 */
import { ApiError, EndpointError, InputError } from "../../src/core/errors";
import { DEFAULT_SCHEDULE } from "../../src/core/schedule";
import { checkRegion, CLOUD_REGION_ENV, HUAWEI_PROJECT_ID } from "../params";
import { isNotFoundCode } from "../shared/api-answers";
import { isPlainObject } from "../../src/core/values";
import type { PreparedApiWait, PreparedWait } from "../types";
import { placeholderTexts } from "./check";
import { apiEndpoint } from "./endpoint";
import { AnswerJudge } from "./judge";
import { childPath } from "./json-schema";
import { BUILT_IN_VARS, fillText, pathValueProblem, placeholderNames, textProblem, type PlaceholderValues } from "./placeholders";
import { callInput, callRequest, defaultOperationId } from "./request";
import type { ApiCall, ApiWaitSpec } from "./spec";

/** The inputs of one wait besides its spec. */
export interface ApiWaitInputs {
  vars: Readonly<Record<string, string>>;
  region?: string;
  projectId?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The input that gives each built-in var. */
const INPUT_OF_BUILT_IN: Readonly<Record<string, string>> = { region: "region", project_id: "projectId" };

/** The first non-blank value of `names` in `env`. */
function fromEnv(names: readonly string[], env: Env): string | undefined {
  return names.map((name) => env[name]?.trim()).find((value) => value !== undefined && value !== "");
}

/** Prepares the wait `spec` describes (already checked: see check.ts). Throws `InputError`. */
export function prepareApiWait(spec: ApiWaitSpec, inputs: ApiWaitInputs, env: Env): PreparedApiWait {
  const cloud = spec.call.cloud;
  const regionEnv = CLOUD_REGION_ENV[cloud];
  const region = inputs.region ?? fromEnv(regionEnv, env);
  if (region !== undefined) checkRegion(region);
  const projectId = inputs.projectId ?? (cloud === "huawei" ? fromEnv(["HW_PROJECT_ID"], env) : undefined);
  if (projectId !== undefined && !HUAWEI_PROJECT_ID.regex.test(projectId)) {
    throw new InputError("projectId", `is not valid (HW_PROJECT_ID counts too): ${HUAWEI_PROJECT_ID.hint}`);
  }
  checkVars(spec, inputs.vars);
  const fill: PlaceholderValues = {
    values: { ...inputs.vars, ...(region === undefined ? {} : { region }), ...(projectId === undefined ? {} : { project_id: projectId }) },
    howToGive: (name) =>
      name === "region"
        ? `give the region (or set ${regionEnv.join(" or ")})`
        : name === "project_id"
          ? "give the project ID (or set HW_PROJECT_ID)"
          : `give a var named ${name}`,
  };
  const call = fillCall(spec.call, fill);
  const request = callRequest(call);
  const judge = new AnswerJudge(spec, callInput(call));
  const notFound = spec.notFound ?? [];
  const host = call.cloud === "huawei" ? call.service : call.product;
  return {
    request,
    operationId: spec.id === undefined ? defaultOperationId(call) : fillText(spec.id, fill, "spec.id"),
    target: {
      cloud,
      defaultEndpoint: () => apiEndpoint(call, region, env),
      projectId: cloud === "huawei" ? projectId : undefined,
      limiterScope: [cloud, host, region ?? ""].join("|"),
      isNotFound: (code) => isNotFoundCode(code) || notFound.some((listed) => codeMatches(listed, code)),
    },
    schedule: scheduleBounds(spec),
    async poll(api, signal) {
      let answer: unknown;
      try {
        answer = await api.call(request, signal);
      } catch (err) {
        // Only the API's own error answers meet the acceptors: transient ones are retried, and what is not the API's is not an answer.
        const answered = err instanceof ApiError && !(err instanceof EndpointError) && err.kind !== "transient";
        const matched = answered ? judge.readError(err) : undefined;
        if (matched) return matched;
        throw err;
      }
      return judge.read(answer);
    },
  };
}

/** `listed` (a code, or `Prefix.*` for the prefix and its dotted variants) matches `code`. */
function codeMatches(listed: string, code: string): boolean {
  if (!listed.endsWith(".*")) return listed === code;
  const prefix = listed.slice(0, -2);
  return code === prefix || code.startsWith(`${prefix}.`);
}

/** Each var's value is a text input like any other; then its name must be one the spec can take (`checkVarNames`). */
function checkVars(spec: ApiWaitSpec, vars: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(vars)) {
    const problem = textProblem(value);
    if (problem) throw new InputError(`vars.${name}`, problem);
  }
  checkVarNames(spec, Object.keys(vars));
}

/**
 * What the names of a wait's vars must be, checked before their values are
 * known (the constructs check it at synth, when a var may be a reference):
 * no var shadows a built-in, every var is used by a placeholder, and every
 * placeholder besides the built-ins has a var. Throws `InputError`.
 */
export function checkVarNames(spec: ApiWaitSpec, names: readonly string[]): void {
  const texts = placeholderTexts(spec);
  const used = new Set(texts.flatMap(({ text }) => placeholderNames(text)));
  for (const name of names) {
    if ((BUILT_IN_VARS as readonly string[]).includes(name)) {
      throw new InputError(`vars.${name}`, `is built in: give the ${name === "region" ? "region" : "project ID"} instead of a var`);
    }
    if (!used.has(name)) {
      throw new InputError(`vars.${name}`, `is not used: no {{${name}}} in the spec's id, call.path, call.params or call.query`);
    }
  }
  // In the order preparing fills them: the call, then the id.
  for (const { path, text } of [...texts.filter((t) => t.path !== "id"), ...texts.filter((t) => t.path === "id")]) {
    const missing = placeholderNames(text).find((name) => !names.includes(name) && !(BUILT_IN_VARS as readonly string[]).includes(name));
    if (missing !== undefined) throw new InputError(`spec.${path}`, `{{${missing}}} has no value: give a var named ${missing}`);
  }
}

/** A copy of `call` with its placeholders filled; a value filled into the path must stay one segment. */
function fillCall(call: ApiCall, fill: PlaceholderValues): ApiCall {
  const fillValue = (value: unknown, path: string): unknown => {
    if (typeof value === "string") return fillText(value, fill, path);
    if (Array.isArray(value)) return value.map((item, i) => fillValue(item, childPath(path, i)));
    if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillValue(item, childPath(path, key))]));
    return value;
  };
  if (!("path" in call)) return { ...call, ...(call.params === undefined ? {} : { params: fillValue(call.params, "spec.call.params") as typeof call.params }) };
  for (const name of placeholderNames(call.path)) {
    const value = fill.values[name];
    const problem = value === undefined ? undefined : pathValueProblem(value);
    if (problem) throw new InputError(INPUT_OF_BUILT_IN[name] ?? `vars.${name}`, `fills call.path and ${problem}`);
  }
  const path = fillText(call.path, fill, "spec.call.path");
  return { ...call, path, ...(call.query === undefined ? {} : { query: fillValue(call.query, "spec.call.query") as typeof call.query }) };
}

/** The poll schedule's floor and cap from `minDelay` / `maxDelay` (seconds), each kept consistent with the other's default. */
function scheduleBounds(spec: ApiWaitSpec): PreparedWait["schedule"] {
  if (spec.minDelay === undefined && spec.maxDelay === undefined) return undefined;
  const minDelayMs = spec.minDelay === undefined ? undefined : spec.minDelay * 1000;
  const maxDelayMs = spec.maxDelay === undefined ? undefined : spec.maxDelay * 1000;
  return {
    minDelayMs: minDelayMs ?? Math.min(DEFAULT_SCHEDULE.minDelayMs, maxDelayMs!),
    maxDelayMs: maxDelayMs ?? Math.max(DEFAULT_SCHEDULE.maxDelayMs, minDelayMs!),
  };
}
