/**
 * Scenario files: the operations the emulator plays (their timelines of
 * states and their faults), of the four services or of scripted APIs. The
 * format is documented in SCENARIOS.md. Every validation error names the
 * operation index and the key at fault.
 */
import { readFileSync } from "node:fs";
import { parseDuration } from "../core/duration";
import { InputError } from "../core/errors";
import { SERVICES, type ServiceName } from "../core/result";
import { FAULT_KINDS, type Fault, type FaultKind, type ScenarioFault, parseFault } from "./fault-spec";
import type { EmulatedOperation } from "../../providers/types";
import {
  DEFAULT_UNKNOWN_ANSWER,
  type ScriptedAnswer,
  type ScriptedAnswerSpec,
  ScriptedApi,
  type ScriptedCall,
  scriptedAnswerReader,
} from "../../providers/api/emulator";

export type { FaultKind, ScenarioFault, Fault };

/** The `service` of a scripted API operation. */
export const SCRIPTED_API = "api";

/** What a scenario operation is of: one of the four services, or a scripted API. */
export type EmulatedServiceName = ServiceName | typeof SCRIPTED_API;

/** Every `service` a scenario operation may name. */
const EMULATED_SERVICE_NAMES: readonly string[] = [...new Set<string>([...SERVICES, SCRIPTED_API])];

/** How long a frame lasts, as written: `for` or `polls` (the last frame lasts forever). */
export interface FrameTiming {
  /** Lasts this long: a duration string (`2s`, `1m30s`; plain digits are seconds) or milliseconds. */
  for?: string | number;
  /** Lasts this many answers. */
  polls?: number;
}

/** One frame of a service operation's timeline as written: how long it lasts, plus the service's frame data. */
export interface ScenarioFrame extends FrameTiming {
  /** The frame data the provider renders (`status`, `state`, `resources`, ...). */
  [data: string]: unknown;
}

/** One operation of the four services as written in a scenario. */
export interface ServiceScenarioOperation {
  /** The service whose API the operation belongs to (one of the four: `api` is a scripted API's). */
  service: Exclude<ServiceName, typeof SCRIPTED_API>;
  /** The ID a request asks about (BPStudio and EMR `OperationId`, BCS `operation_id`, OOS `ExecutionId`). */
  id: string;
  /** How its state changes over time. */
  timeline: ScenarioFrame[];
  /** What the API does instead of answering, on which requests. */
  faults?: ScenarioFault[];
  /** Service identifiers and defaults (`clusterId`, `projectId`, ...). */
  [identifier: string]: unknown;
}

/** One frame of a scripted API's timeline as written: how long it lasts and what it answers. */
export type ScriptedFrame = FrameTiming & ScriptedAnswerSpec;

/** A scripted API operation as written in a scenario (see SCENARIOS.md, Scripted APIs). */
export interface ScriptedApiOperation {
  /** `api`. */
  service: typeof SCRIPTED_API;
  /** The operation's name (in the request log, for `forget` and `expire`). */
  id: string;
  /** Which requests it answers. */
  call: ScriptedCall;
  /** The body `patch` frames are merged over. */
  base?: unknown;
  /** What it answers over time. */
  timeline: ScriptedFrame[];
  /** What the API does instead of answering, on which requests. */
  faults?: ScenarioFault[];
  /** The answer once the API no longer knows the operation (`expire`, `forget`); default 404 `ResourceNotFound`. */
  unknown?: ScriptedAnswerSpec;
}

/** One scripted operation as written in a scenario. */
export type ScenarioOperation = ServiceScenarioOperation | ScriptedApiOperation;

/** The server-wide rate limit. */
export interface RateLimit {
  perSecond: number;
}

/** A scenario file. */
export interface Scenario {
  operations: ScenarioOperation[];
  rateLimit?: RateLimit;
}

/** How long a frame lasts once it starts. */
export type FrameLength = { ms: number } | { polls: number } | "forever";

/** A frame ready to play: how long it lasts, and what it answers (a service's frame data, or a scripted answer). */
export interface Frame<Data = Record<string, unknown>> {
  lasts: FrameLength;
  data: Data;
}

/** A validated operation of one of the four services, ready to play. */
export interface ServiceOperationPlan {
  kind: "service";
  operation: EmulatedOperation;
  frames: Frame[];
  faults: Fault[];
}

/** A validated scripted API operation. */
interface ScriptedOperation {
  service: typeof SCRIPTED_API;
  id: string;
  /** Which requests it answers, and the shape of its error answers. */
  api: ScriptedApi;
  /** The answer once the API no longer knows it. */
  unknown: ScriptedAnswer;
}

/** A validated scripted API operation, ready to play. */
export interface ScriptedOperationPlan {
  kind: "scripted";
  operation: ScriptedOperation;
  frames: Frame<ScriptedAnswer>[];
  faults: Fault[];
}

/** A validated operation, ready to play. */
export type OperationPlan = ServiceOperationPlan | ScriptedOperationPlan;

const OPERATION_KEYS = new Set(["service", "id", "timeline", "faults"]);
const SCRIPTED_OPERATION_KEYS = ["service", "id", "call", "base", "timeline", "faults", "unknown"];
const SCENARIO_KEYS = new Set(["operations", "rateLimit"]);

/** True for a plain JSON object. */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Validates a parsed scenario file and returns it typed.
 * @throws InputError naming the key at fault (`operations[1].timeline[0].polls`).
 */
export function parseScenario(json: unknown): Scenario {
  if (!isObject(json)) throw new InputError("scenario", "must be a JSON object with an `operations` array");
  const unknown = Object.keys(json).find((key) => !SCENARIO_KEYS.has(key));
  if (unknown) throw new InputError(unknown, "is not a scenario key: use `operations` and `rateLimit`");
  if (!Array.isArray(json.operations)) throw new InputError("operations", "must be an array of operations");
  const seen = new Map<string, number>();
  json.operations.forEach((op, index) => {
    const plan = planOperation(op, `operations[${index}]`);
    const key = operationKey(plan.operation.service, plan.operation.id);
    const first = seen.get(key);
    if (first !== undefined) {
      const reason = `${JSON.stringify(plan.operation.id)} is already used by operations[${first}] (${plan.operation.service})`;
      throw new InputError(`operations[${index}].id`, reason);
    }
    seen.set(key, index);
  });
  if (json.rateLimit !== undefined) parseRateLimit(json.rateLimit, "rateLimit");
  return structuredClone(json) as unknown as Scenario;
}

/** Reads and validates a scenario file; errors name the file. */
export function loadScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new InputError("scenario", `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError("scenario", `${path} is not valid JSON: ${(err as Error).message}`);
  }
  try {
    return parseScenario(json);
  } catch (err) {
    if (err instanceof InputError) throw new InputError(err.field, `${err.reason} (in ${path})`);
    throw err;
  }
}

/** Validates a rate limit: `{ perSecond: N }` with N > 0. */
export function parseRateLimit(value: unknown, where: string): RateLimit {
  if (!isObject(value) || Object.keys(value).some((key) => key !== "perSecond")) {
    throw new InputError(where, "must be { \"perSecond\": N }");
  }
  const perSecond = value.perSecond;
  if (typeof perSecond !== "number" || !Number.isInteger(perSecond) || perSecond <= 0) {
    throw new InputError(`${where}.perSecond`, "must be a positive integer");
  }
  return { perSecond };
}

/** What identifies an operation in a scenario: its service and ID (an operation added with the same key replaces it). */
export function operationKey(service: EmulatedServiceName, id: string): string {
  return `${service}\n${id}`;
}

/** Validates one operation (`where` is its path in the scenario, e.g. `operations[2]`). */
export function planOperation(value: unknown, where: string): OperationPlan {
  if (!isObject(value)) throw new InputError(where, "must be an object with `service`, `id` and `timeline`");
  const { service, id, timeline, faults = [] } = value;
  if (typeof service !== "string" || !EMULATED_SERVICE_NAMES.includes(service)) {
    throw new InputError(`${where}.service`, `must be one of ${EMULATED_SERVICE_NAMES.join(", ")} (${SCRIPTED_API}: a scripted API)`);
  }
  if (typeof id !== "string" || id.trim() === "") throw new InputError(`${where}.id`, "must be a non-empty string");
  if (!Array.isArray(timeline) || timeline.length === 0) {
    throw new InputError(`${where}.timeline`, "must be a non-empty array of frames");
  }
  if (!Array.isArray(faults)) throw new InputError(`${where}.faults`, `must be an array of faults (kinds: ${FAULT_KINDS.join(", ")})`);
  const frames = timeline.map((frame, i) => parseFrame(frame, `${where}.timeline[${i}]`, i === timeline.length - 1));
  const validFaults = faults.map((fault, i) => parseFault(fault, `${where}.faults[${i}]`));
  if (service === SCRIPTED_API) return planScripted(value, id, frames, validFaults, where);
  const attributes = Object.fromEntries(Object.entries(value).filter(([key]) => !OPERATION_KEYS.has(key)));
  return { kind: "service", operation: { service: service as ServiceName, id, attributes }, frames, faults: validFaults };
}

/** A scripted API operation's plan: its call, and each frame's data read as an answer. */
function planScripted(value: Record<string, unknown>, id: string, frames: Frame[], faults: Fault[], where: string): ScriptedOperationPlan {
  const extra = Object.keys(value).find((key) => !SCRIPTED_OPERATION_KEYS.includes(key));
  if (extra) throw new InputError(`${where}.${extra}`, `is not a key of a scripted API operation: use ${SCRIPTED_OPERATION_KEYS.join(", ")}`);
  const api = ScriptedApi.parse(value.call, `${where}.call`);
  const readAnswer = scriptedAnswerReader(value.base, where);
  let unknown = DEFAULT_UNKNOWN_ANSWER;
  if (value.unknown !== undefined) {
    if (!isObject(value.unknown)) throw new InputError(`${where}.unknown`, "must be an answer: { body }, { patch } or { error }");
    unknown = readAnswer(value.unknown, `${where}.unknown`);
  }
  return {
    kind: "scripted",
    operation: { service: SCRIPTED_API, id, api, unknown },
    frames: frames.map((frame, i) => ({ lasts: frame.lasts, data: readAnswer(frame.data, `${where}.timeline[${i}]`) })),
    faults,
  };
}

function parseFrame(value: unknown, where: string, last: boolean): Frame {
  if (!isObject(value)) throw new InputError(where, "must be an object");
  const { for: duration, polls, ...data } = value;
  if (duration !== undefined && polls !== undefined) throw new InputError(where, "use either `for` or `polls`, not both");
  let lasts: FrameLength = "forever";
  if (duration !== undefined) lasts = { ms: parseFrameDuration(duration, `${where}.for`) };
  if (polls !== undefined) {
    if (typeof polls !== "number" || !Number.isInteger(polls) || polls <= 0) {
      throw new InputError(`${where}.polls`, "must be a positive integer");
    }
    lasts = { polls };
  }
  if (last) return { lasts: "forever", data };
  if (lasts === "forever") throw new InputError(where, "needs `for` or `polls`: only the last frame lasts forever");
  return { lasts, data };
}

function parseFrameDuration(value: unknown, where: string): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value <= 0) throw new InputError(where, "must be a positive number of milliseconds");
    return value;
  }
  if (typeof value !== "string") throw new InputError(where, "must be a duration such as \"2s\" or a number of milliseconds");
  return parseDuration(value, where);
}
