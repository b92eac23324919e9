import { pollUntilDone, toApiError, type EngineOptions, type WaitTask } from "../../src/core/engine";
import { ApiError, EndpointError, LocalError } from "../../src/core/errors";
import type { ProgressEvent } from "../../src/core/progress";
import type { OperationState, Snapshot } from "../../src/core/result";
import { VirtualClock } from "../../src/testing";

function snap(state: OperationState, rawStatus = state as string, extra: Partial<Snapshot> = {}): Snapshot {
  return { state, rawStatus, message: null, outputs: {}, steps: [], resources: [], ...extra };
}

type Answer = Snapshot | ApiError | "hang" | "hang-ignoring-signal";

/** A task that answers from a script, one entry per poll (the last repeats), recording poll times. */
function scripted(clock: VirtualClock, script: Answer[]) {
  const times: number[] = [];
  const task: WaitTask = {
    service: "emr",
    operationId: "op-1",
    poll(signal) {
      times.push(clock.now());
      const answer = script[Math.min(times.length - 1, script.length - 1)];
      if (answer === "hang-ignoring-signal") return new Promise(() => undefined);
      if (answer === "hang") {
        return new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
      }
      return answer instanceof ApiError ? Promise.reject(answer) : Promise.resolve(answer);
    },
  };
  return { task, times };
}

function opts(clock: VirtualClock, extra: Partial<EngineOptions> = {}): EngineOptions {
  return { timeoutMs: 30 * 60_000, clock, random: () => 0.5, ...extra };
}

const throttled = () => new ApiError({ kind: "transient", code: "Throttling.User", message: "Request was denied due to user flow control.", httpStatus: 400 });

describe("pollUntilDone", () => {
  test("polls at once, then on the schedule, and ends with the terminal state", async () => {
    const clock = new VirtualClock();
    const { task, times } = scripted(clock, [snap("PENDING", "INIT"), snap("RUNNING"), snap("RUNNING"), snap("SUCCESS", "COMPLETED", { outputs: { a: 1 }, message: "done" })]);
    const result = await pollUntilDone(task, opts(clock));
    expect(times[0]).toBe(0);
    expect(times).toHaveLength(4);
    expect(result).toEqual({
      service: "emr",
      operationId: "op-1",
      outcome: "SUCCESS",
      status: "SUCCESS",
      rawStatus: "COMPLETED",
      message: "done",
      outputs: { a: 1 },
      steps: [],
      resources: [],
      polls: 4,
      elapsedMs: times[3],
      error: null,
    });
  });

  test.each(["FAILURE", "CANCELLED"] as const)("%s ends the wait with that outcome and the API's reason", async (state) => {
    const clock = new VirtualClock();
    const { task } = scripted(clock, [snap("RUNNING"), snap(state, "failed", { message: "quota exceeded" })]);
    const result = await pollUntilDone(task, opts(clock));
    expect(result.outcome).toBe(state);
    expect(result.message).toBe("quota exceeded");
    expect(result.error).toBeNull();
  });

  test("the schedule grows with the time waited, between the floor and the cap", async () => {
    const clock = new VirtualClock();
    const { task, times } = scripted(clock, [snap("RUNNING")]);
    const result = await pollUntilDone(task, opts(clock, { timeoutMs: 2 * 3600_000 }));
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    // Jitter only shortens a pause (random 0.5 → by 5 %): the 0.5 s floor and the 60 s cap are never exceeded.
    expect(gaps[0]).toBe(475);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(450);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(60_000);
    // The last pause is shortened: a last look 2 s before the deadline.
    expect(gaps[gaps.length - 2]).toBe(57_000);
    expect(times[times.length - 1]).toBe(2 * 3600_000 - 2000);
    // Each pause is at most 10 % of the time waited once above the floor: the lag bound.
    gaps.forEach((gap, i) => expect(gap).toBeLessThanOrEqual(Math.max(500, 0.1 * times[i]) + 1e-6));
    // Geometric growth: far fewer polls than a fixed 2 s interval (3600) over two hours.
    expect(result.polls).toBeLessThan(200);
    expect(result.outcome).toBe("TIMEOUT");
  });

  test("the deadline ends a wait that never finishes, at the deadline and not later", async () => {
    const clock = new VirtualClock();
    const { task } = scripted(clock, [snap("RUNNING")]);
    const result = await pollUntilDone(task, opts(clock, { timeoutMs: 90_000 }));
    expect(result.outcome).toBe("TIMEOUT");
    expect(result.elapsedMs).toBe(90_000);
    expect(result.status).toBe("RUNNING");
    expect(result.error).toBeNull();
    expect(result.message).toMatch(/did not end within 1m30s/);
  });

  test("the deadline cuts a request that ignores its signal", async () => {
    const clock = new VirtualClock();
    const { task } = scripted(clock, ["hang-ignoring-signal"]);
    const result = await pollUntilDone(task, opts(clock, { timeoutMs: 5000, requestTimeoutMs: 60_000 }));
    expect(result.outcome).toBe("TIMEOUT");
    expect(result.elapsedMs).toBe(5000);
  });

  test("a request slower than the request timeout is a transient error and the next poll goes out", async () => {
    const clock = new VirtualClock();
    const { task, times } = scripted(clock, ["hang", snap("SUCCESS")]);
    const events: ProgressEvent[] = [];
    const result = await pollUntilDone(task, opts(clock, { requestTimeoutMs: 10_000, onProgress: (e) => events.push(e) }));
    expect(result.outcome).toBe("SUCCESS");
    expect(times[1]).toBeGreaterThanOrEqual(10_000);
    expect(events[0]).toMatchObject({ kind: "retry", error: { code: "RequestTimeout" } });
  });

  test("transient errors are retried with backoff and do not change the outcome", async () => {
    const clock = new VirtualClock();
    const { task, times } = scripted(clock, [throttled(), throttled(), throttled(), snap("SUCCESS")]);
    const result = await pollUntilDone(task, opts(clock));
    expect(result.outcome).toBe("SUCCESS");
    expect(result.error).toBeNull();
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    expect(gaps).toEqual([2000, 4000, 8000]);
  });

  test("a retry-after hint is honoured", async () => {
    const clock = new VirtualClock();
    const hinted = new ApiError({ kind: "transient", code: "Throttling", message: "slow down", httpStatus: 429, retryAfterMs: 17_000 });
    const { task, times } = scripted(clock, [hinted, snap("SUCCESS")]);
    await pollUntilDone(task, opts(clock));
    expect(times[1] - times[0]).toBe(17_000);
  });

  test("a retry-after hint of days (an HTTP date in 9999) is honoured for 60 s", async () => {
    const clock = new VirtualClock();
    const hinted = new ApiError({ kind: "transient", code: "ServiceUnavailable", message: "later", httpStatus: 503, retryAfterMs: 2_147_484_000 * 1000 });
    const { task, times } = scripted(clock, [hinted, hinted, snap("SUCCESS")]);
    const events: ProgressEvent[] = [];
    const result = await pollUntilDone(task, opts(clock, { onProgress: (e) => events.push(e) }));
    expect(result.outcome).toBe("SUCCESS");
    expect(times).toEqual([0, 60_000, 120_000]);
    expect(events.map((e) => e.nextPollInMs)).toEqual([60_000, 60_000, null]);
  });

  test("transient errors until the deadline give TIMEOUT with the last error", async () => {
    const clock = new VirtualClock();
    const { task } = scripted(clock, [snap("RUNNING"), throttled()]);
    const result = await pollUntilDone(task, opts(clock, { timeoutMs: 60_000 }));
    expect(result.outcome).toBe("TIMEOUT");
    expect(result.error).toEqual({ code: "Throttling.User", message: "Request was denied due to user flow control." });
    expect(result.status).toBe("RUNNING");
  });

  test("a permanent error ends the wait at once with ERROR", async () => {
    const clock = new VirtualClock();
    const { task } = scripted(clock, [new ApiError({ kind: "permanent", code: "SignatureDoesNotMatch", message: "bad signature", httpStatus: 400 })]);
    const result = await pollUntilDone(task, opts(clock));
    expect(result).toMatchObject({ outcome: "ERROR", polls: 1, elapsedMs: 0, error: { code: "SignatureDoesNotMatch", message: "bad signature" }, message: "bad signature" });
  });

  test("not found is tolerated during the grace period, then the operation appears", async () => {
    const clock = new VirtualClock();
    const nf = new ApiError({ kind: "notFound", code: "ResourceNotFound", message: "no such operation", httpStatus: 404 });
    const { task } = scripted(clock, [nf, nf, nf, snap("RUNNING"), snap("SUCCESS")]);
    const result = await pollUntilDone(task, opts(clock));
    expect(result.outcome).toBe("SUCCESS");
  });

  test("not found after the grace period ends the wait with ERROR", async () => {
    const clock = new VirtualClock();
    const nf = new ApiError({ kind: "notFound", code: "EntityNotExists.Execution", message: "The specified execution does not exist.", httpStatus: 404 });
    const { task, times } = scripted(clock, [nf]);
    const result = await pollUntilDone(task, opts(clock, { notFoundGraceMs: 30_000 }));
    expect(result.outcome).toBe("ERROR");
    expect(result.error?.code).toBe("EntityNotExists.Execution");
    expect(result.elapsedMs).toBe(30_000);
    expect(times.every((t) => t <= 30_000)).toBe(true);
  });

  test("a not-found ERROR says where it looked, when the task says", async () => {
    const clock = new VirtualClock();
    const nf = new ApiError({ kind: "notFound", code: "ResourceNotFound", message: "The resource not found by op-1.", httpStatus: 404 });
    const { task } = scripted(clock, [nf]);
    task.target = "clusterId c-1, operationId op-1 in region cn-beijing at https://emr.cn-beijing.aliyuncs.com";
    const result = await pollUntilDone(task, opts(clock, { notFoundGraceMs: 30_000 }));
    expect(result.error).toEqual({
      code: "ResourceNotFound",
      message:
        "The resource not found by op-1. (still not found after 30s; looked for clusterId c-1, operationId op-1 in region cn-beijing at https://emr.cn-beijing.aliyuncs.com: are the region, endpoint and IDs right?)",
    });
  });

  test("the deadline wins over the not-found grace period", async () => {
    const clock = new VirtualClock();
    const nf = new ApiError({ kind: "notFound", code: "ResourceNotFound", message: "no such operation", httpStatus: 404 });
    const { task } = scripted(clock, [nf]);
    const result = await pollUntilDone(task, opts(clock, { timeoutMs: 10_000, notFoundGraceMs: 30_000 }));
    expect(result.outcome).toBe("TIMEOUT");
    expect(result.elapsedMs).toBe(10_000);
  });

  test("aborting the signal ends the wait with INTERRUPTED, mid-sleep", async () => {
    const clock = new VirtualClock();
    const { task } = scripted(clock, [snap("RUNNING")]);
    const ctl = new AbortController();
    const result = await pollUntilDone(task, opts(clock, { signal: ctl.signal, onProgress: (e) => e.polls === 3 && ctl.abort() }));
    expect(result.outcome).toBe("INTERRUPTED");
    expect(result.polls).toBe(3);
    expect(result.status).toBe("RUNNING");
  });

  test("aborting cuts a request in flight", async () => {
    const clock = new VirtualClock();
    const { task } = scripted(clock, ["hang-ignoring-signal"]);
    const ctl = new AbortController();
    setImmediate(() => ctl.abort());
    const result = await pollUntilDone(task, opts(clock, { signal: ctl.signal }));
    expect(result.outcome).toBe("INTERRUPTED");
  });

  test("progress events tell changes apart from repeats", async () => {
    const clock = new VirtualClock();
    const { task } = scripted(clock, [snap("PENDING", "INIT"), snap("PENDING", "INIT"), snap("RUNNING"), snap("SUCCESS")]);
    const events: ProgressEvent[] = [];
    await pollUntilDone(task, opts(clock, { onProgress: (e) => events.push(e) }));
    expect(events.map((e) => [e.kind, e.changed, e.rawStatus])).toEqual([
      ["poll", true, "INIT"],
      ["poll", false, "INIT"],
      ["poll", true, "RUNNING"],
      ["poll", true, "SUCCESS"],
    ]);
    expect(events[3].nextPollInMs).toBeNull();
    expect(events[0].nextPollInMs).toBe(475);
  });

  test("a throwing progress listener does not change the outcome", async () => {
    const clock = new VirtualClock();
    const { task } = scripted(clock, [snap("SUCCESS")]);
    const result = await pollUntilDone(task, opts(clock, { onProgress: () => { throw new Error("boom"); } }));
    expect(result.outcome).toBe("SUCCESS");
  });

  test("an unexpected exception from a poll is an ERROR, not a crash", async () => {
    const clock = new VirtualClock();
    const task: WaitTask = { service: "oos", operationId: "exec-1", poll: () => Promise.reject(new TypeError("x is undefined")) };
    const result = await pollUntilDone(task, opts(clock));
    expect(result).toMatchObject({ outcome: "ERROR", error: { code: "UnexpectedError" } });
  });
});

describe("pollUntilDone: a last look before the deadline", () => {
  /** A task whose operation runs until `endMs`, then answers SUCCESS. */
  function endingAt(clock: VirtualClock, endMs: number, before: (t: number) => Snapshot | ApiError = () => snap("RUNNING")) {
    const times: number[] = [];
    const task: WaitTask = {
      service: "emr",
      operationId: "op-1",
      poll() {
        times.push(clock.now());
        const answer = clock.now() >= endMs ? snap("SUCCESS") : before(clock.now());
        return answer instanceof ApiError ? Promise.reject(answer) : Promise.resolve(answer);
      },
    };
    return { task, times };
  }

  // The schedule polls at about 534 and 587 s, then would sleep until about 645 s.
  test.each([588_000, 590_000, 595_000, 597_999])("an operation ending at %i ms of a 600 s wait is seen by a poll 2 s before the deadline", async (endMs) => {
    const clock = new VirtualClock();
    const { task, times } = endingAt(clock, endMs);
    const result = await pollUntilDone(task, { timeoutMs: 600_000, clock, random: () => 0 });
    expect(result).toMatchObject({ outcome: "SUCCESS", elapsedMs: 598_000 });
    expect(times[times.length - 2]).toBeCloseTo(586_963.5, 0);
    expect(times[times.length - 1]).toBe(598_000);
  });

  test("only one last look: a wait that still runs then ends at the deadline, with TIMEOUT", async () => {
    const clock = new VirtualClock();
    const { task, times } = endingAt(clock, Infinity);
    const result = await pollUntilDone(task, { timeoutMs: 600_000, clock, random: () => 0 });
    expect(result).toMatchObject({ outcome: "TIMEOUT", elapsedMs: 600_000 });
    expect(times.filter((t) => t > 587_000)).toEqual([598_000]);
  });

  test("after a retry pause or a not-found pause that would cross the deadline", async () => {
    const hinted = new ApiError({ kind: "transient", code: "ServiceUnavailable", message: "later", httpStatus: 503, retryAfterMs: 50_000 });
    const notFound = new ApiError({ kind: "notFound", code: "ResourceNotFound", message: "not yet", httpStatus: 404 });
    for (const error of [hinted, notFound]) {
      const clock = new VirtualClock();
      const { task, times } = endingAt(clock, 55_000, (t) => (t < 30_000 ? snap("RUNNING") : error));
      const schedule = { retryDelayMs: 50_000 };
      const result = await pollUntilDone(task, { timeoutMs: 60_000, notFoundGraceMs: 600_000, schedule, clock, random: () => 0 });
      expect(result.outcome).toBe("SUCCESS");
      expect(times[times.length - 1]).toBe(58_000);
    }
  });

  test("a poll answering after the look point is followed at once by the last look", async () => {
    const clock = new VirtualClock();
    const times: number[] = [];
    const task: WaitTask = {
      service: "emr",
      operationId: "op-1",
      async poll(signal) {
        const start = clock.now();
        times.push(start);
        // The poll that goes out at 50 s takes 9 s and reports the state at its start.
        if (start === 50_000) await clock.sleep(9_000, signal);
        return start >= 55_000 ? snap("SUCCESS") : snap("RUNNING");
      },
    };
    const result = await pollUntilDone(task, { timeoutMs: 60_000, clock, random: () => 0, schedule: { minDelayMs: 10_000, maxDelayMs: 10_000 } });
    expect(times).toEqual([0, 10_000, 20_000, 30_000, 40_000, 50_000, 59_000]);
    expect(result).toMatchObject({ outcome: "SUCCESS", elapsedMs: 59_000 });
  });

  test("lastLookMs 0 turns it off", async () => {
    const clock = new VirtualClock();
    const { task } = endingAt(clock, 590_000);
    const result = await pollUntilDone(task, { timeoutMs: 600_000, clock, random: () => 0, lastLookMs: 0 });
    expect(result.outcome).toBe("TIMEOUT");
  });
});

describe("toApiError", () => {
  test("a defect becomes a permanent UnexpectedError that keeps it as its cause", () => {
    const defect = new TypeError("x is undefined");
    expect(toApiError(defect)).toMatchObject({ kind: "permanent", code: "UnexpectedError", message: "x is undefined", cause: defect });
    expect(toApiError("thrown text")).toMatchObject({ message: "thrown text", cause: "thrown text" });
  });

  test("an ApiError passes as it is", () => {
    const error = new ApiError({ kind: "transient", code: "Throttling", message: "slow down", httpStatus: 429, retryAfterMs: 1000 });
    expect(toApiError(error)).toBe(error);
  });
});

describe("ApiError", () => {
  test("takes its fields from an options object; status and retry hint default to null, cause is set only when given", () => {
    const error = new ApiError({ kind: "notFound", code: "OperationNotFound", message: "gone" });
    expect(error).toMatchObject({ name: "ApiError", kind: "notFound", code: "OperationNotFound", message: "gone", httpStatus: null, retryAfterMs: null });
    expect("cause" in error).toBe(false);
    const socket = new Error("ECONNRESET");
    expect(new EndpointError({ kind: "transient", code: "NetworkError", message: "h: ECONNRESET", cause: socket }).cause).toBe(socket);
  });
});

describe("pollUntilDone: an endpoint that never answered like the API", () => {
  const refused = () => new EndpointError({ kind: "transient", code: "NetworkError", message: "127.0.0.1:1: ECONNREFUSED" });

  test("ends with ERROR at the first failure once 3 polls and 20 s are spent, the pauses landing on the budget", async () => {
    const clock = new VirtualClock();
    const { task, times } = scripted(clock, [refused()]);
    const result = await pollUntilDone(task, opts(clock));
    expect(times).toEqual([0, 2000, 6000, 14_000, 20_000]);
    expect(result).toMatchObject({ outcome: "ERROR", status: null, polls: 5, elapsedMs: 20_000, error: { code: "NetworkError" } });
    expect(result.error?.message).toBe("127.0.0.1:1: ECONNREFUSED (no answer from the API in 5 polls over 20s: is the endpoint right?)");
  });

  test("needs the polls as well as the time: requests that time out get 3 polls", async () => {
    const clock = new VirtualClock();
    const { task, times } = scripted(clock, ["hang"]);
    const result = await pollUntilDone(task, opts(clock, { requestTimeoutMs: 20_000 }));
    expect(times).toEqual([0, 22_000, 46_000]);
    expect(result).toMatchObject({ outcome: "ERROR", polls: 3, elapsedMs: 66_000, error: { code: "RequestTimeout" } });
  });

  test("the budget is tunable", async () => {
    const clock = new VirtualClock();
    const { task } = scripted(clock, [refused()]);
    const result = await pollUntilDone(task, opts(clock, { firstAnswerPolls: 1, firstAnswerMs: 0 }));
    expect(result).toMatchObject({ outcome: "ERROR", polls: 1, elapsedMs: 0 });
  });

  test("after one answer the same failures are transient until the deadline", async () => {
    const clock = new VirtualClock();
    const { task } = scripted(clock, [snap("RUNNING"), refused()]);
    const result = await pollUntilDone(task, opts(clock, { timeoutMs: 10 * 60_000 }));
    expect(result).toMatchObject({ outcome: "TIMEOUT", status: "RUNNING", elapsedMs: 10 * 60_000, error: { code: "NetworkError" } });
  });

  test("the API's own error (a throttle, not found) is an answer: later failures are transient", async () => {
    for (const first of [throttled(), new ApiError({ kind: "notFound", code: "EntityNotExists.Execution", message: "not yet", httpStatus: 404 })]) {
      const clock = new VirtualClock();
      const { task } = scripted(clock, [first, refused()]);
      const result = await pollUntilDone(task, opts(clock, { timeoutMs: 5 * 60_000 }));
      expect(result).toMatchObject({ outcome: "TIMEOUT", error: { code: "NetworkError" } });
    }
  });

  test("failures that heal within the budget do not change the outcome", async () => {
    const clock = new VirtualClock();
    const { task } = scripted(clock, [refused(), refused(), refused(), refused(), snap("SUCCESS")]);
    const result = await pollUntilDone(task, opts(clock));
    expect(result).toMatchObject({ outcome: "SUCCESS", polls: 5 });
  });

  test("running out of file descriptors is retried and never charged to the endpoint's budget", async () => {
    const local = () => new LocalError({ kind: "transient", code: "TooManyOpenFiles", message: "127.0.0.1:8080: too many open files in this process (EMFILE)" });
    const clock = new VirtualClock();
    const { task, times } = scripted(clock, [local(), local(), local(), local(), local(), refused(), refused(), snap("SUCCESS")]);
    const result = await pollUntilDone(task, opts(clock));
    expect(times[5]).toBeGreaterThan(20_000);
    expect(result).toMatchObject({ outcome: "SUCCESS", polls: 8 });
  });

  test("a local fault is no answer of the API either: the endpoint still gets its 3 polls, then ERROR", async () => {
    const local = new LocalError({ kind: "transient", code: "TooManyOpenFiles", message: "too many open files" });
    const clock = new VirtualClock();
    const { task } = scripted(clock, [local, refused()]);
    const result = await pollUntilDone(task, opts(clock));
    expect(result).toMatchObject({ outcome: "ERROR", polls: 5, elapsedMs: 20_000, error: { code: "NetworkError" } });
  });

  test("a deadline shorter than the budget still ends with TIMEOUT", async () => {
    const clock = new VirtualClock();
    const { task } = scripted(clock, [refused()]);
    const result = await pollUntilDone(task, opts(clock, { timeoutMs: 10_000 }));
    expect(result).toMatchObject({ outcome: "TIMEOUT", elapsedMs: 10_000, error: { code: "NetworkError" } });
  });
});
