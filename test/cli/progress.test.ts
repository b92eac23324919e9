/**
 * The progress views in isolation: plain CI lines with their heartbeat, the
 * live terminal board, and the words of a progress line.
 */
import type { ProgressEvent } from "../../src/core/progress";
import type { Result } from "../../src/core/result";
import { describeProgress } from "../../src/cli/progress/describe";
import { createProgressView, HEARTBEAT_MS, LiveBoard, PlainLog } from "../../src/cli/progress/view";

function event(overrides: Partial<ProgressEvent> = {}): ProgressEvent {
  return {
    service: "emr",
    operationId: "op-1",
    kind: "poll",
    changed: true,
    state: "RUNNING",
    rawStatus: "IN_PROGRESS",
    snapshot: { state: "RUNNING", rawStatus: "IN_PROGRESS", message: null, outputs: {}, steps: [], resources: [] },
    error: null,
    polls: 1,
    elapsedMs: 4000,
    nextPollInMs: 5000,
    ...overrides,
  };
}

const RESULT: Result = {
  service: "emr",
  operationId: "op-1",
  outcome: "SUCCESS",
  status: "SUCCESS",
  rawStatus: "COMPLETED",
  message: null,
  outputs: {},
  steps: [],
  resources: [],
  polls: 3,
  elapsedMs: 12_000,
  error: null,
};

/** A stream that records what is written. */
function recorder(tty: boolean, columns?: number) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY: tty, columns, write: (text: string) => chunks.push(text) } };
}

describe("describeProgress", () => {
  test("service, operation, state with raw status, elapsed time and the countdown to the next poll", () => {
    expect(describeProgress(event())).toBe("emr op-1 | RUNNING (IN_PROGRESS) | elapsed 4s | next poll in 5s");
  });

  test("time moves on with the age of the event while the wait goes on", () => {
    expect(describeProgress(event(), 3000)).toBe("emr op-1 | RUNNING (IN_PROGRESS) | elapsed 7s | next poll in 2s");
    expect(describeProgress(event(), 4700)).toContain("next poll in 300ms");
  });

  test("steps or resources done of total, and a note that a human must act", () => {
    const snapshot = { ...event().snapshot!, progress: { done: 2, total: 5, unit: "steps" }, note: "someone must act" };
    expect(describeProgress(event({ snapshot }))).toContain("| 2/5 steps done | someone must act |");
  });

  test("retries and not-found answers name the error; control characters from the API are flattened", () => {
    const retry = describeProgress(event({ kind: "retry", changed: false, error: { code: "Throttling.User", message: "slow\ndown\u001b[31m" } }));
    expect(retry).toContain("retrying after Throttling.User: slow down [31m");
    expect(describeProgress(event({ kind: "not-found", state: null, rawStatus: null, snapshot: null, error: { code: "ResourceNotFound", message: "x" } }))).toBe(
      "emr op-1 | no answer yet | not found yet (ResourceNotFound) | elapsed 4s | next poll in 5s",
    );
  });

  test("a finished wait shows no countdown and its time stands still", () => {
    expect(describeProgress(event({ state: "SUCCESS", rawStatus: "COMPLETED", nextPollInMs: null }), 9000)).toBe("emr op-1 | SUCCESS (COMPLETED) | elapsed 4s");
  });
});

describe("PlainLog (not a terminal)", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test("one timestamped line per change, retry and not-found; an unchanged poll is folded into the next line", () => {
    const { chunks, stream } = recorder(false);
    const log = new PlainLog(stream, ["emr"]);
    log.update(0, event());
    log.update(0, event({ changed: false }));
    log.update(0, event({ kind: "retry", changed: false, error: { code: "ServiceUnavailable", message: "busy" } }));
    log.update(0, event({ kind: "not-found", changed: false, error: { code: "ResourceNotFound", message: "x" } }));
    log.showEnd(0, RESULT);
    log.close();
    expect(chunks).toHaveLength(4);
    for (const line of chunks) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z .*\n$/);
    expect(chunks[1]).toMatch(/retrying after ServiceUnavailable: busy \| elapsed 4s \| next poll in 5s \| 1 more poll like the line before\n$/);
    expect(chunks[3]).toContain("ended | emr op-1 | SUCCESS | last status SUCCESS (COMPLETED) | 3 polls | elapsed 12s\n");
  });

  test("a mistyped ID's not-found answers and a refused endpoint's retries fold into one line; the heartbeat and the next change count them", () => {
    const { chunks, stream } = recorder(false);
    const log = new PlainLog(stream, ["emr"]);
    const notFound = (elapsedMs: number) => event({ kind: "not-found", changed: false, state: null, rawStatus: null, snapshot: null, elapsedMs, nextPollInMs: 2000, error: { code: "ResourceNotFound", message: "x" } });
    for (let t = 0; t < 30_000; t += 2000) {
      log.update(0, notFound(t));
      jest.advanceTimersByTime(2000);
    }
    expect(chunks).toHaveLength(2);
    expect(chunks[0]).toContain("emr op-1 | no answer yet | not found yet (ResourceNotFound) | elapsed 0s | next poll in 2s\n");
    expect(chunks[1]).toMatch(/ still waiting \| emr op-1 \| no answer yet \| not found yet \(ResourceNotFound\) \| .* \| 14 more polls like the line before\n$/);
    const refused = { kind: "retry" as const, changed: false, error: { code: "NetworkError", message: "127.0.0.1:1: ECONNREFUSED" } };
    for (let i = 0; i < 5; i++) log.update(0, event({ ...refused, polls: 16 + i }));
    log.update(0, event());
    log.close();
    expect(chunks).toHaveLength(4);
    expect(chunks[2]).toContain("retrying after NetworkError: 127.0.0.1:1: ECONNREFUSED | elapsed 4s | next poll in 5s\n");
    expect(chunks[3]).toContain("| RUNNING (IN_PROGRESS) | elapsed 4s | next poll in 5s | 4 more polls like the line before\n");
  });

  test("a heartbeat comes after exactly HEARTBEAT_MS (30 s) of silence while nothing changes, and stops when the wait ends", () => {
    const { chunks, stream } = recorder(false);
    const times: number[] = [];
    const log = new PlainLog({ ...stream, write: (text: string) => times.push(Date.now()) && chunks.push(text) }, ["emr"]);
    // The first answer comes at any moment, not in step with a timer of the view.
    jest.advanceTimersByTime(5000);
    const start = Date.now();
    log.update(0, event());
    jest.advanceTimersByTime(10 * 60_000);
    expect(chunks.slice(1).every((line) => line.includes("still waiting | emr op-1 | RUNNING (IN_PROGRESS)"))).toBe(true);
    const gaps = [start, ...times, start + 10 * 60_000].map((t, i, all) => (i ? t - all[i - 1] : 0));
    expect(HEARTBEAT_MS).toBe(30_000);
    expect(Math.max(...gaps)).toBe(HEARTBEAT_MS);
    expect(chunks).toHaveLength(1 + 20);
    log.showEnd(0, RESULT);
    const count = chunks.length;
    jest.advanceTimersByTime(5 * 60_000);
    expect(chunks).toHaveLength(count);
    log.close();
  });

  test("a line in a CI log is never cut: the ended line keeps the whole reason", () => {
    const { chunks, stream } = recorder(false);
    const log = new PlainLog(stream, ["emr"]);
    const message = `127.0.0.1:1: ECONNREFUSED ${"(detail) ".repeat(40)}end of the reason`;
    log.showEnd(0, { ...RESULT, outcome: "ERROR", message, error: { code: "NetworkError", message } });
    log.update(0, event({ kind: "retry", changed: false, error: { code: "NetworkError", message } }));
    log.close();
    expect(chunks[0]).toContain(`| ${message}\n`);
    expect(chunks[1]).toContain(`retrying after NetworkError: ${message} |`);
    expect(chunks.join("")).not.toContain("…");
  });
});

describe("LiveBoard (a terminal)", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test("one line per wait, redrawn in place, clipped to the terminal width", () => {
    const { chunks, stream } = recorder(true, 40);
    const board = new LiveBoard(stream, ["emr", "oos"]);
    expect(chunks).toHaveLength(0);
    board.update(0, event());
    const [first, second] = chunks[0].split("\n");
    expect(first).toBe("\x1b[2Kemr op-1 | RUNNING (IN_PROGRESS) | ela…");
    expect(first.length - "\x1b[2K".length).toBe(39);
    expect(second).toBe("\x1b[2Koos | waiting for the first answer");
    jest.advanceTimersByTime(1000);
    expect(chunks[1].startsWith("\x1b[2A\r\x1b[2K")).toBe(true);
    board.showEnd(0, { ...RESULT, message: "x".repeat(200) });
    board.close();
    const last = chunks[chunks.length - 1];
    expect(last).toContain("emr op-1 | SUCCESS");
    // On a terminal, lines are clipped to its width.
    const [line] = last.split("\n");
    expect(line.endsWith("…")).toBe(true);
    expect(line.length - "\x1b[2A\r\x1b[2K".length).toBe(39);
    const count = chunks.length;
    jest.advanceTimersByTime(5000);
    expect(chunks).toHaveLength(count);
  });

  test("the view is live on a terminal, plain otherwise, silent when quiet", () => {
    expect(createProgressView(recorder(true).stream, ["emr"])).toBeInstanceOf(LiveBoard);
    expect(createProgressView(recorder(false).stream, ["emr"])).toBeInstanceOf(PlainLog);
    const quiet = recorder(true);
    const view = createProgressView(quiet.stream, ["emr"], true);
    view.update(0, event());
    view.showEnd(0, RESULT);
    view.close();
    expect(quiet.chunks).toEqual([]);
    for (const v of [createProgressView(recorder(true).stream, ["emr"]), createProgressView(recorder(false).stream, ["emr"])]) v.close();
  });
});
