/**
 * The library face: `waitForOperation()`. Validates the input, builds a signed
 * client for the service's API and runs the engine.
 */
import { getProvider } from "../providers";
import type { Params, ServiceProvider } from "../providers/types";
import { readParams } from "../providers/params";
import { createApiCaller } from "./clients";
import type { Clock } from "./core/clock";
import { DEFAULT_TIMEOUT } from "./core/duration";
import { parseDuration } from "./core/duration";
import { limiterFor } from "./core/rate-limiters";
import { ENGINE_DEFAULTS, pollUntilDone, type EngineOptions, type WaitTask } from "./core/engine";
import { ApiError, InputError } from "./core/errors";
import type { ProgressListener } from "./core/progress";
import type { Result, ResultError, ServiceName, Snapshot } from "./core/result";
import { boundedSnapshot } from "./core/result-depth";
import type { ScheduleOptions } from "./core/schedule";
import { checkWaitOptions } from "./wait-checks";

export { DEFAULT_TIMEOUT };

/** A BPStudio operation (`GetExecuteOperationResult`). Region defaults to cn-hangzhou. */
export interface BpStudioOperationTarget {
  /** The API to ask. */
  service: "bpstudio";
  /** The operation ID (`op_...`); BPStudio forgets it after one hour. */
  operationId: string;
  /** Resource group used for permission checks. */
  resourceGroupId?: string;
}

/** An EMR operation (`GetOperation`). */
export interface EmrOperationTarget {
  /** The API to ask. */
  service: "emr";
  /** The cluster (`c-...`). */
  clusterId: string;
  /** The operation (`op-...`). */
  operationId: string;
  /** Count PARTIAL_COMPLETED as success instead of failure (default false). */
  allowPartial?: boolean;
}

/** A BCS operation record (`GET /v2/{project_id}/operation/record`). */
export interface BcsOperationTarget {
  /** The API to ask. */
  service: "bcs";
  /** The Huawei Cloud project (falls back to HW_PROJECT_ID). */
  projectId?: string;
  /** The operation record ID. */
  operationId: string;
  /** Narrows the query to one blockchain. */
  blockchainId?: string;
}

/** An OOS execution (`ListResourceExecutionStatus`, all pages). */
export interface OosExecutionTarget {
  /** The API to ask. */
  service: "oos";
  /** The execution (`exec-...`). */
  executionId: string;
}

/** The operation to look at: the service and the IDs it needs (`service` decides which). */
export type OperationTarget = BpStudioOperationTarget | EmrOperationTarget | BcsOperationTarget | OosExecutionTarget;

/** Where and how to reach the API, for every service. */
export interface ConnectionOptions {
  /** Region (falls back to ALIBABA_CLOUD_REGION_ID / ALICLOUD_REGION, or HW_REGION_NAME; bpstudio defaults to cn-hangzhou). */
  region?: string;
  /** Replaces the service endpoint (falls back to OPGATE_ENDPOINT), e.g. the emulator's URL. */
  endpoint?: string;
  /** Where region, endpoint and credential fallbacks are read (default `process.env`). Never logged. */
  env?: Record<string, string | undefined>;
  /** Allow sending tokens over plain HTTP to a non-loopback host (default false). */
  allowInsecureHttp?: boolean;
}

/** How a wait runs. */
export interface WaitControls {
  /** Deadline: `90s`, `10m`, `1h30m` or seconds (default 30m). */
  timeout?: string | number;
  /** Aborting it ends the wait with outcome INTERRUPTED. */
  signal?: AbortSignal;
  /** Called after every poll, with what it found (see `ProgressEvent`). */
  onProgress?: ProgressListener;
  /** Advanced: poll schedule, request timeout, not-found grace, clock. */
  tuning?: WaitTuning;
}

/** What to wait for, and how: `{ service: "emr", clusterId, operationId, region?, timeout?, ... }`. */
export type WaitForOperationOptions = OperationTarget & ConnectionOptions & WaitControls;

/** What to look at, once: the target and the connection (no deadline: one request, cut by its own timeout or `signal`). */
export type ReadOperationOptions = OperationTarget &
  ConnectionOptions & {
    /** Aborting it cancels the request. */
    signal?: AbortSignal;
  };

/** Advanced knobs, mostly for tests and benchmarks; the poll schedule's are those of `ScheduleOptions`. */
export interface WaitTuning extends Partial<ScheduleOptions> {
  /** The longest one request may take before it is retried (default 20 s; the deadline cuts it sooner). */
  requestTimeoutMs?: number;
  /** How long "not found" is tolerated before the wait ends with ERROR (default 30 s). */
  notFoundGraceMs?: number;
  /**
   * The budget of an endpoint that has not once answered like the API: the
   * wait ends with ERROR once at least `firstAnswerPolls` polls (default 3)
   * and `firstAnswerMs` (default 20 s) are spent without one well-formed answer.
   */
  firstAnswerPolls?: number;
  /** See `firstAnswerPolls`. */
  firstAnswerMs?: number;
  /**
   * The time the wait runs on (default the real clock). A wait on its own
   * clock is paced by a rate limiter of its own on that clock, with the
   * options of `configureRateLimits`, instead of the process-wide one: a
   * budget in real time cannot pace another time.
   */
  clock?: Clock;
  /** The source of the jitter, in [0, 1) (default `Math.random`). */
  random?: () => number;
}

/**
 * Blocks until the operation ends and resolves with its Result, whatever the
 * outcome (SUCCESS, FAILURE, CANCELLED, TIMEOUT, ERROR, INTERRUPTED). Rejects
 * only with `InputError` for invalid input or missing credentials, before any
 * request is sent.
 */
export async function waitForOperation(options: WaitForOperationOptions): Promise<Result> {
  const { task, timeoutMs, limiterKey } = await prepare(options);
  const { requestTimeoutMs, notFoundGraceMs, firstAnswerPolls, firstAnswerMs, clock, random, ...schedule } = options.tuning ?? {};
  const engine: EngineOptions = {
    timeoutMs,
    // Waits of this process that call the same API with the same credentials share one request budget;
    // a wait on an injected clock (tests, benchmarks) has a limiter of its own on that clock.
    limiter: limiterFor(limiterKey, clock),
    requestTimeoutMs,
    notFoundGraceMs,
    firstAnswerPolls,
    firstAnswerMs,
    clock,
    random,
    schedule,
    signal: options.signal,
    onProgress: options.onProgress,
  };
  return pollUntilDone(task, engine);
}

/** What one look at an operation found. */
export type OperationReading =
  | { found: true; service: ServiceName; operationId: string; snapshot: Snapshot }
  | { found: false; service: ServiceName; operationId: string; error: ResultError };

/**
 * Asks the API once, without waiting: for refreshes and plans that must not
 * block. Resolves `found: false` when the API does not know the operation
 * (e.g. an expired BPStudio ID). Rejects with `InputError` for invalid input
 * and with `ApiError` for other API errors. It takes no `timeout`: the one
 * request is bounded by the request timeout (20 s) and `signal`; a `timeout`
 * that a JavaScript caller passes anyway is checked as `waitForOperation`
 * checks it, then ignored.
 */
export async function readOperation(options: ReadOperationOptions): Promise<OperationReading> {
  const { task } = await prepare(options);
  const ids = { service: task.service, operationId: task.operationId };
  const signal = AbortSignal.any([AbortSignal.timeout(ENGINE_DEFAULTS.requestTimeoutMs), ...(options.signal ? [options.signal] : [])]);
  try {
    return { found: true, ...ids, snapshot: boundedSnapshot(await task.poll(signal)) };
  } catch (err) {
    if (err instanceof ApiError && err.kind === "notFound") return { found: false, ...ids, error: { code: err.code, message: err.message } };
    throw err;
  }
}

/** Validates the input, resolves credentials and builds the task. Sends nothing. */
async function prepare(options: ReadOperationOptions & Pick<WaitControls, "timeout">): Promise<{ task: WaitTask; timeoutMs: number; limiterKey: string }> {
  if (options === null || typeof options !== "object") throw new InputError("options", "must be an object");
  checkWaitOptions(options as unknown as Record<string, unknown>);
  const env = options.env ?? process.env;
  const provider = getProvider(options.service);
  const params = readParams(provider, options as unknown as Record<string, unknown>, env);
  const timeoutMs = parseDuration(options.timeout ?? DEFAULT_TIMEOUT, "timeout");
  const endpoint = options.endpoint ?? nonEmpty(env.OPGATE_ENDPOINT) ?? provider.defaultEndpoint(params.region as string);
  const api = await createApiCaller({
    cloud: provider.cloud,
    endpoint,
    env,
    projectId: params.projectId as string | undefined,
    allowInsecureHttp: options.allowInsecureHttp,
    isNotFound: provider.isNotFound,
  });
  const task: WaitTask = {
    service: provider.name,
    operationId: provider.operationIdOf(params),
    target: describeTarget(provider, params, endpoint),
    poll: (signal) => provider.poll(params, api, signal),
  };
  const limiterKey = [provider.name, params.region, endpoint, api.identity].join("|");
  return { task, timeoutMs, limiterKey };
}

/** `clusterId c-1, operationId op-1 in region cn-hangzhou at https://emr.cn-hangzhou.aliyuncs.com`: the IDs given, the region and the endpoint. */
function describeTarget(provider: ServiceProvider, params: Params, endpoint: string): string {
  const ids = provider.fields.filter((field) => field.identifying && typeof params[field.name] === "string").map((field) => `${field.name} ${String(params[field.name])}`);
  const region = typeof params.region === "string" ? ` in region ${params.region}` : "";
  return `${ids.join(", ")}${region} at ${endpoint}`;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== "" ? value : undefined;
}
