/**
 * The wait engine: polls until the operation is terminal, the deadline
 * passes, the caller aborts, or an error that will not heal. Knows no cloud:
 * a `WaitTask` hides the API behind one `poll()`.
 */
import { systemClock, type Clock } from "./clock";
import { formatDuration } from "./duration";
import { ApiError, EndpointError, LocalError } from "./errors";
import { progressEstimator, type Estimator } from "./estimate";
import type { ProgressEvent, ProgressKind, ProgressListener } from "./progress";
import { boundedSnapshot } from "./result-depth";
import { TERMINAL_STATES, type Outcome, type Result, type ResultError, type Snapshot, type WaitServiceName } from "./result";
import { MAX_RETRY_AFTER_MS, pollDelay, retryDelay, scheduleOptions, type ScheduleOptions } from "./schedule";
import type { RateLimiter } from "./rate-limiter";
import { clockTimer, namedError, raceAbort } from "./timers";

/** One operation to wait for. */
export interface WaitTask {
  service: WaitServiceName;
  operationId: string;
  /**
   * Where the operation is asked about and by which IDs, for messages:
   * `clusterId c-1, operationId op-1 in region cn-hangzhou at https://emr.cn-hangzhou.aliyuncs.com`.
   * A not-found ERROR names it, since a wrong region or ID looks just like
   * an operation that does not exist.
   */
  target?: string;
  /** Asks the API once. Resolves with what it said; rejects with `ApiError` or the signal's reason. */
  poll(signal: AbortSignal): Promise<Snapshot>;
}

/** How long and how often to wait. */
export interface EngineOptions {
  /** The deadline of the whole wait. */
  timeoutMs: number;
  /** The longest one request may take (default 20 s; the deadline cuts it sooner). */
  requestTimeoutMs?: number;
  /** How long "not found" is tolerated before the wait ends with ERROR (default 30 s). */
  notFoundGraceMs?: number;
  /**
   * The budget of an endpoint that has not once answered like the API. While
   * every poll has failed with an `EndpointError` (connection refused or reset,
   * no answer in time, an HTML page, a body that is not the API's), the wait
   * ends with ERROR at the first such failure once at least `firstAnswerPolls`
   * polls failed so (default 3) and `firstAnswerMs` has passed since the wait
   * started (default 20 s; the retry pauses are shortened to land on it). After
   * one well-formed answer (data, or the API's own error code), these failures
   * are transient again until the deadline. A `LocalError` (this machine out
   * of file descriptors) is retried and counts neither way.
   */
  firstAnswerPolls?: number;
  firstAnswerMs?: number;
  /**
   * A last look before the deadline: when the next pause would run past the
   * point this long before the deadline, it is shortened so that one last
   * poll starts there (at once when that point has passed while a poll was
   * in flight). Default 2 s, at most the request timeout; 0 turns it off.
   * The deadline still cuts that poll (docs/contract.md, "A last look before
   * the deadline").
   */
  lastLookMs?: number;
  schedule?: Partial<ScheduleOptions>;
  clock?: Clock;
  /** Source of jitter in [0, 1) (default Math.random). */
  random?: () => number;
  /** Aborting it ends the wait with INTERRUPTED. */
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  /**
   * Predicts the end from the answers so polls skip the stretch where it is
   * very unlikely (never pausing longer than the schedule's cap). Default: a
   * fresh `progressEstimator()`, which predicts only from `Snapshot.progress`;
   * null polls on the blind schedule only.
   */
  estimator?: Estimator | null;
  /** Shared budget of requests: every poll waits for a token and reports throttling back (default: none). */
  limiter?: RateLimiter;
}

/** Defaults of the engine options. */
export const ENGINE_DEFAULTS = { requestTimeoutMs: 20_000, notFoundGraceMs: 30_000, firstAnswerPolls: 3, firstAnswerMs: 20_000, lastLookMs: 2000 } as const;

/** Waits for `task` and resolves with the Result for every outcome. */
export async function pollUntilDone(task: WaitTask, options: EngineOptions): Promise<Result> {
  return new WaitRun(task, options).run();
}

class WaitRun {
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly schedule: ScheduleOptions;
  private readonly requestTimeoutMs: number;
  private readonly notFoundGraceMs: number;
  private readonly firstAnswerPolls: number;
  private readonly firstAnswerMs: number;
  private readonly lastLookMs: number;
  private readonly start: number;
  private readonly deadline;
  private readonly user: AbortSignal;
  /** Aborts on interruption or at the deadline. */
  private readonly ended: AbortSignal;
  private readonly estimator: Estimator | null;
  private polls = 0;
  /** Polls that failed with an `EndpointError` before the API answered once. */
  private unprovenPolls = 0;
  /** When the latest poll went out. */
  private polledAt = 0;
  private failures = 0;
  private notFoundSince: number | null = null;
  /** Whether the API has answered once (data or its own error), i.e. the endpoint is the API. */
  private answered = false;
  private last: Snapshot | null = null;
  private lastTransient: ResultError | null = null;
  /** Set when the deadline passed while the shared rate limiter held this wait back. */
  private heldBack: ResultError | null = null;

  constructor(
    private readonly task: WaitTask,
    private readonly options: EngineOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.schedule = scheduleOptions(options.schedule);
    this.requestTimeoutMs = options.requestTimeoutMs ?? ENGINE_DEFAULTS.requestTimeoutMs;
    this.notFoundGraceMs = options.notFoundGraceMs ?? ENGINE_DEFAULTS.notFoundGraceMs;
    this.firstAnswerPolls = options.firstAnswerPolls ?? ENGINE_DEFAULTS.firstAnswerPolls;
    this.firstAnswerMs = options.firstAnswerMs ?? ENGINE_DEFAULTS.firstAnswerMs;
    this.lastLookMs = Math.min(options.lastLookMs ?? ENGINE_DEFAULTS.lastLookMs, this.requestTimeoutMs);
    this.user = options.signal ?? new AbortController().signal;
    this.start = this.clock.now();
    this.deadline = clockTimer(this.clock, options.timeoutMs, namedError("TimeoutError", "deadline reached"));
    this.ended = AbortSignal.any([this.user, this.deadline.signal]);
    this.estimator = options.estimator === undefined ? progressEstimator() : options.estimator;
  }

  async run(): Promise<Result> {
    try {
      for (;;) {
        if (this.user.aborted) return this.resultFor("INTERRUPTED");
        if (this.deadline.signal.aborted) return this.resultFor("TIMEOUT");
        const step = await this.pollOnce();
        if (step.done) return step.result;
        try {
          await this.clock.sleep(step.delayMs, this.ended);
        } catch {
          // The loop head tells the deadline from an interruption.
        }
      }
    } finally {
      this.deadline.cancel();
    }
  }

  /** One poll and its consequence: a Result, or the pause before the next poll. */
  private async pollOnce(): Promise<{ done: true; result: Result } | { done: false; delayMs: number }> {
    const limiter = this.options.limiter;
    let ticket = 0;
    if (limiter) {
      const queuedAt = this.clock.now();
      try {
        ticket = await limiter.acquire(this.ended);
      } catch {
        if (this.user.aborted) return { done: true, result: this.resultFor("INTERRUPTED") };
        const heldMs = this.clock.now() - queuedAt;
        // A poll that queued just before the deadline was not held back: the deadline ended it.
        if (heldMs >= Math.min(REPORTED_HOLD_MS, this.options.timeoutMs / 2)) this.heldBack = heldBackError(limiter, heldMs);
        return { done: true, result: this.resultFor("TIMEOUT") };
      }
    }
    this.polls++;
    this.polledAt = this.clock.now();
    const requestTimer = clockTimer(this.clock, this.requestTimeoutMs, namedError("TimeoutError", "request timed out"));
    const signal = AbortSignal.any([this.user, this.deadline.signal, requestTimer.signal]);
    try {
      const snapshot = await raceAbort(this.task.poll(signal), signal);
      limiter?.onSuccess();
      return this.onAnswer(boundedSnapshot(snapshot));
    } catch (err) {
      if (this.user.aborted) return { done: true, result: this.resultFor("INTERRUPTED") };
      if (this.deadline.signal.aborted) return { done: true, result: this.resultFor("TIMEOUT") };
      const error = requestTimer.signal.aborted
        ? new EndpointError({ kind: "transient", code: "RequestTimeout", message: `no answer within ${formatDuration(this.requestTimeoutMs)}` })
        : toApiError(err);
      if (error.throttled) limiter?.onThrottle(ticket, this.retryAfterMs(error));
      else limiter?.onSuccess();
      return this.onError(error);
    } finally {
      requestTimer.cancel();
    }
  }

  private onAnswer(snapshot: Snapshot): { done: true; result: Result } | { done: false; delayMs: number } {
    const changed = isChange(this.last, snapshot);
    this.last = snapshot;
    this.answered = true;
    this.failures = 0;
    this.notFoundSince = null;
    this.lastTransient = null;
    if (TERMINAL_STATES.has(snapshot.state)) {
      this.emit("poll", changed, null, null);
      return { done: true, result: this.resultFor(snapshot.state as Outcome) };
    }
    const elapsed = this.elapsed();
    const estimate = this.estimator?.observe(elapsed, snapshot) ?? null;
    const delayMs = this.beforeDeadline(pollDelay(elapsed, this.schedule, this.random, estimate));
    this.emit("poll", changed, null, delayMs);
    return { done: false, delayMs };
  }

  private onError(error: ApiError): { done: true; result: Result } | { done: false; delayMs: number } {
    const resultError = { code: error.code, message: error.message };
    if (error.kind === "permanent") return { done: true, result: this.resultFor("ERROR", resultError) };
    const unproven = !this.answered && error instanceof EndpointError;
    if (unproven) this.unprovenPolls++;
    else if (!(error instanceof LocalError)) this.answered = true;
    const spent = this.clock.now() - this.start;
    if (unproven && this.unprovenPolls >= this.firstAnswerPolls && spent >= this.firstAnswerMs) {
      const message = `${error.message} (no answer from the API in ${this.polls} polls over ${formatDuration(spent)}: is the endpoint right?)`;
      return { done: true, result: this.resultFor("ERROR", { code: error.code, message }) };
    }
    if (error.kind === "notFound") {
      const now = this.clock.now();
      this.notFoundSince ??= now;
      if (now - this.notFoundSince >= this.notFoundGraceMs) {
        const lookedFor = this.task.target ? `; looked for ${this.task.target}: are the region, endpoint and IDs right?` : "";
        const message = `${error.message} (still not found after ${formatDuration(now - this.notFoundSince)}${lookedFor})`;
        return { done: true, result: this.resultFor("ERROR", { code: error.code, message }) };
      }
      const delayMs = this.beforeDeadline(Math.min(this.schedule.retryDelayMs, this.notFoundSince + this.notFoundGraceMs - now));
      this.emit("not-found", false, resultError, delayMs);
      return { done: false, delayMs };
    }
    this.failures++;
    this.lastTransient = resultError;
    const retryAfterMs = this.retryAfterMs(error);
    let delayMs = retryDelay(this.failures, this.schedule, retryAfterMs, this.random);
    const budgetLeft = this.firstAnswerMs - spent;
    if (unproven && budgetLeft > 0) delayMs = Math.max(Math.min(delayMs, budgetLeft), retryAfterMs ?? 0);
    delayMs = this.beforeDeadline(delayMs);
    this.emit("retry", false, resultError, delayMs);
    return { done: false, delayMs };
  }

  /** The server's retry-after hint, honoured up to `MAX_RETRY_AFTER_MS`; the deadline bounds it further (see `beforeDeadline`). */
  private retryAfterMs(error: ApiError): number | null {
    return error.retryAfterMs === null ? null : Math.min(error.retryAfterMs, MAX_RETRY_AFTER_MS);
  }

  /**
   * `delayMs`, or shorter so that a last look goes out `lastLookMs` before
   * the deadline: when the pause would run past that point and the poll that
   * just ended went out before it. A poll that went out after that point was
   * the last look, so the wait then ends at the deadline.
   */
  private beforeDeadline(delayMs: number): number {
    const lookAt = this.start + this.options.timeoutMs - this.lastLookMs;
    const now = this.clock.now();
    if (now + delayMs <= lookAt || this.polledAt >= lookAt) return delayMs;
    return Math.max(0, lookAt - now);
  }

  private emit(kind: ProgressKind, changed: boolean, error: ResultError | null, nextPollInMs: number | null): void {
    if (!this.options.onProgress) return;
    const event: ProgressEvent = {
      service: this.task.service,
      operationId: this.task.operationId,
      kind,
      changed,
      state: this.last?.state ?? null,
      rawStatus: this.last?.rawStatus ?? null,
      snapshot: this.last,
      error,
      polls: this.polls,
      elapsedMs: this.elapsed(),
      nextPollInMs,
    };
    try {
      this.options.onProgress(event);
    } catch {
      // A listener's failure must not change the outcome of the wait.
    }
  }

  private elapsed(): number {
    return Math.max(0, Math.round(this.clock.now() - this.start));
  }

  private resultFor(outcome: Outcome, error: ResultError | null = null): Result {
    const last = this.last;
    if (outcome === "TIMEOUT") error = this.lastTransient ?? this.heldBack;
    return {
      service: this.task.service,
      operationId: this.task.operationId,
      outcome,
      status: last?.state ?? null,
      rawStatus: last?.rawStatus ?? null,
      message: this.message(outcome, error),
      outputs: last?.outputs ?? {},
      steps: last?.steps ?? [],
      resources: last?.resources ?? [],
      polls: this.polls,
      elapsedMs: this.elapsed(),
      error: outcome === "ERROR" || outcome === "TIMEOUT" ? error : null,
    };
  }

  private message(outcome: Outcome, error: ResultError | null): string | null {
    const status = this.last?.rawStatus ?? "none";
    switch (outcome) {
      case "SUCCESS":
        return this.last?.message ?? null;
      case "FAILURE":
      case "CANCELLED":
        return this.last?.message ?? `the operation ended with status ${status}`;
      case "ERROR":
        return error?.message ?? null;
      case "TIMEOUT": {
        const lastError = error ? `; last error ${error.code}: ${error.message}` : "";
        const held = this.heldBack && this.heldBack !== error ? `; then ${this.heldBack.message}` : "";
        return `the operation did not end within ${formatDuration(this.options.timeoutMs)} (last status ${status})${lastError}${held}`;
      }
      case "INTERRUPTED":
        return `interrupted before the operation ended (last status ${status})`;
    }
  }
}

/** How long the rate limiter must have held a wait's last poll for its TIMEOUT to name it (`RateLimited`; half of a shorter deadline). */
const REPORTED_HOLD_MS = 1_000;

/**
 * What a wait says when its deadline passed while the shared rate limiter
 * held it back for `heldMs`: its `error` when it had no error of its own
 * (another wait's throttling held it), else a part of its message.
 */
function heldBackError(limiter: RateLimiter, heldMs: number): ResultError {
  const rate = Number(limiter.rate.toPrecision(2));
  const message =
    `no request went out in the last ${formatDuration(Math.round(heldMs))}: held back by the shared rate limit of this API and credentials ` +
    `(${rate} requests/s now; it slows down when the API throttles and honours a Retry-After of up to ${formatDuration(limiter.maxHoldMs)})`;
  return { code: "RateLimited", message };
}

/** Anything a poll throws that is not an ApiError is a defect; report it as a permanent error that keeps the defect as its cause. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new ApiError({ kind: "permanent", code: "UnexpectedError", message, cause: err });
}

function isChange(prev: Snapshot | null, next: Snapshot): boolean {
  if (!prev) return true;
  return (
    prev.state !== next.state ||
    prev.rawStatus !== next.rawStatus ||
    prev.progress?.done !== next.progress?.done ||
    prev.progress?.total !== next.progress?.total ||
    prev.note !== next.note
  );
}
