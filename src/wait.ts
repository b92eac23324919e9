/**
 * The library face: `waitForOperation()`, and `waitForApi()` for a wait on any
 * read API. Validates the input, prepares the wait (its request and where it
 * goes), builds a signed client for its API and runs the engine.
 */
import { getWaitProvider, prepareWait } from "../providers";
import type { ApiWaitSpec } from "../providers/api/spec";
import { readWaitInputs } from "../providers/params";
import type { Params, WaitProvider } from "../providers/types";
import { createApiCaller } from "./clients";
import type { Clock } from "./core/clock";
import { DEFAULT_TIMEOUT } from "./core/duration";
import { limiterFor } from "./core/rate-limiters";
import { ENGINE_DEFAULTS, pollUntilDone, type EngineOptions, type WaitTask } from "./core/engine";
import { ApiError, InputError } from "./core/errors";
import type { ProgressListener } from "./core/progress";
import type { Result, ResultError, Snapshot, WaitServiceName } from "./core/result";
import { boundedSnapshot } from "./core/result-depth";
import type { ScheduleOptions } from "./core/schedule";
import { checkOptionNames, checkWaitOptions } from "./wait-checks";

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

/** A wait on any read API (`waitForApi` is the shorter way to write it). */
export interface ApiOperationTarget {
  /** The generic waiter. */
  service: "api";
  /** What to call and how to read its answers (docs/api-wait.md). */
  spec: ApiWaitSpec;
  /** Values of the spec's `{{name}}` placeholders (besides the built-ins `region` and `project_id`). */
  vars?: Record<string, string>;
  /** Huawei Cloud: the project (`{{project_id}}`, `x-project-id`; falls back to HW_PROJECT_ID). */
  projectId?: string;
}

/** The operation to look at: the service and the IDs it needs (`service` decides which). */
export type OperationTarget = BpStudioOperationTarget | EmrOperationTarget | BcsOperationTarget | OosExecutionTarget | ApiOperationTarget;

/** Where and how to reach the API, for every service. */
export interface ConnectionOptions {
  /** Region (falls back to ALIBABA_CLOUD_REGION_ID / ALICLOUD_REGION, or HW_REGION_NAME, by the API's cloud; bpstudio defaults to cn-hangzhou). */
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
  const { task, timeoutMs, limiterKey, bounds } = await prepare(options);
  const { requestTimeoutMs, notFoundGraceMs, firstAnswerPolls, firstAnswerMs, clock, random, ...tuned } = options.tuning ?? {};
  // The wait's own bounds (an API wait spec's minDelay/maxDelay) apply unless the tuning sets either.
  const schedule = tuned.minDelayMs === undefined && tuned.maxDelayMs === undefined ? { ...bounds, ...tuned } : tuned;
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

/** The options of `waitForApi`: what `waitForOperation` takes besides the service and the spec. */
export type WaitForApiOptions = Omit<ApiOperationTarget, "service" | "spec"> & ConnectionOptions & WaitControls;

/**
 * Waits on any read API, as `spec` describes it (docs/api-wait.md): the same
 * as `waitForOperation({ service: "api", spec, ...options })`. Resolves with
 * the Result for every outcome (`service` is `"api"`, `outputs` only what
 * the spec's `outputs` select); rejects only with `InputError` for invalid
 * input (a spec error names its JSON path, `spec.call.version: ...`) or
 * missing credentials, before any request is sent.
 */
export async function waitForApi(spec: ApiWaitSpec, options: WaitForApiOptions = {}): Promise<Result> {
  if (options === null || typeof options !== "object") throw new InputError("options", "must be an object");
  return waitForOperation({ ...options, service: "api", spec });
}

/** What one look at an operation found. */
export type OperationReading =
  | { found: true; service: WaitServiceName; operationId: string; snapshot: Snapshot }
  | { found: false; service: WaitServiceName; operationId: string; error: ResultError };

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

/** What `prepare` makes of the options: the engine's task, the deadline, the rate limiter's key and the wait's own schedule bounds. */
interface PreparedTask {
  task: WaitTask;
  timeoutMs: number;
  limiterKey: string;
  bounds: Partial<ScheduleOptions> | undefined;
}

/** Validates the input, prepares the wait, resolves credentials and builds the task. Sends nothing. */
async function prepare(options: ReadOperationOptions & Pick<WaitControls, "timeout">): Promise<PreparedTask> {
  if (options === null || typeof options !== "object") throw new InputError("options", "must be an object");
  const input = options as unknown as Record<string, unknown>;
  checkWaitOptions(input);
  const env = options.env ?? process.env;
  const provider = getWaitProvider(options.service);
  checkOptionNames(provider, input);
  const { params, endpoint: given, timeoutMs } = readWaitInputs(provider, input, { env });
  const wait = prepareWait(provider, params, env);
  const { target } = wait;
  const endpoint = given ?? target.defaultEndpoint();
  const api = await createApiCaller({
    cloud: target.cloud,
    endpoint,
    env,
    projectId: target.projectId,
    allowInsecureHttp: options.allowInsecureHttp,
    isNotFound: target.isNotFound,
  });
  const task: WaitTask = {
    service: provider.name,
    operationId: wait.operationId,
    target: describeTarget(provider, params, wait.operationId, endpoint),
    poll: (signal) => wait.poll(api, signal),
  };
  const limiterKey = [provider.name, target.limiterScope, endpoint, api.identity].join("|");
  return { task, timeoutMs, limiterKey, bounds: wait.schedule };
}

/**
 * Where a wait asks and by which IDs, for a not-found message:
 * `clusterId c-1, operationId op-1 in region cn-hangzhou at https://emr.cn-hangzhou.aliyuncs.com`
 * (an API wait, whose identifiers are its spec and vars, by its operation ID).
 */
function describeTarget(provider: WaitProvider, params: Params, operationId: string, endpoint: string): string {
  const ids = provider.fields.filter((field) => field.identifying && typeof params[field.name] === "string").map((field) => `${field.name} ${String(params[field.name])}`);
  const region = typeof params.region === "string" ? ` in region ${params.region}` : "";
  return `${ids.length > 0 ? ids.join(", ") : operationId}${region} at ${endpoint}`;
}
