/**
 * The fault matrix: every fault kind the emulator injects, on each of the
 * four services, through real HTTP and real signatures. Each row states the
 * outcome, the CLI exit code and the error code it must end with. All rows
 * run at once against one emulator (unique operation IDs), then each row's
 * Result is checked in its own test.
 */
import { OUTCOME_EXIT_CODES } from "../../src/cli/exit";
import type { ProgressEvent } from "../../src/core/progress";
import type { Outcome, Result } from "../../src/core/result";
import type { Emulator, ScenarioFault, ScenarioFrame } from "../../src/emulator";
import { configureRateLimits } from "../../src";
import { waitForOperation, type WaitForOperationOptions, type WaitTuning } from "../../src/wait";
import { emulatorFixture, FAST } from "../integration/helpers";
import { KITS, rawOf, timeline, type ServiceKit } from "./support/services";

/** What a row must end with. */
interface Expected {
  outcome: Outcome;
  /** The CLI exit code of that outcome (docs/contract.md). */
  exit: number;
  /** `error.code`; null when the Result has no error. */
  code: string | null;
  /** Exactly this many polls, when the row pins it. */
  polls?: number;
  status?: string | null;
  rawStatus?: string | null;
}

interface Row {
  name: string;
  kit: ServiceKit;
  timeline: ScenarioFrame[];
  faults: ScenarioFault[];
  timeout?: string;
  tuning?: WaitTuning;
  expect: Expected;
  /** More checks on the Result and the progress events of the wait. */
  check?(result: Result, events: ProgressEvent[]): void;
}

const RIDES_OUT = { outcome: "SUCCESS", exit: 0, code: null } as const;
/**
 * The integration tests' fast schedule, slowed: some 120 waits run at once in
 * one process (signing and verifying every request), beside other test files
 * on a 2-core machine; polling every 5 ms would starve the first requests of
 * the rows that start last.
 */
const MATRIX_TUNING: WaitTuning = { ...FAST, minDelayMs: 50, maxDelayMs: 100 };
/**
 * Rows that end at their deadline poll slowly, so that they do not load the
 * process, and wait long enough for their first answers even when the
 * machine is busy: their Result must show what the API said.
 */
const UNTIL_DEADLINE = { timeout: "6s", tuning: { minDelayMs: 300, maxDelayMs: 600 } };
/** A request timeout far below the `delay` faults' hold-back. */
const SLOW = { requestTimeoutMs: 100 };
const HOLD_BACK_MS = 400;
const UNKNOWN_RAW = "PAUSED_BY_OPERATOR";

/** The wait retried after `code`, and every such retry's pause before the next poll passes `pause`. */
function retriedOn(code: string, pause: (ms: number) => boolean = () => true) {
  return (_: Result, events: ProgressEvent[]) => {
    const retries = events.filter((e) => e.kind === "retry" && e.error?.code === code);
    expect(retries.map((e) => e.error?.code)).toContain(code);
    expect(retries.every((e) => pause(e.nextPollInMs ?? -1))).toBe(true);
  };
}

/** Faults that heal: one hit on the 2nd request, then the operation succeeds. */
function transientRows(kit: ServiceKit): Omit<Row, "kit">[] {
  const ok = timeline(kit, ["running", 2], ["success"]);
  const hintMs = 1000;
  return [
    ...kit.throttleCodes.map((code) => ({
      name: `throttle ${code}, no retry-after: short backoff`,
      timeline: ok,
      faults: [{ poll: 2, kind: "throttle", code }],
      expect: RIDES_OUT,
      check: retriedOn(code, (ms) => ms <= MATRIX_TUNING.maxDelayMs!),
    })),
    { name: "throttle (the cloud's default code)", timeline: ok, faults: [{ poll: 2, kind: "throttle" }], expect: RIDES_OUT, check: retriedOn(kit.throttleCode) },
    {
      name: "throttle with Retry-After 1: the hint is honoured",
      timeline: ok,
      faults: [{ poll: 2, kind: "throttle", retryAfter: 1 }],
      expect: RIDES_OUT,
      check: retriedOn(kit.throttleCode, (ms) => ms >= hintMs),
    },
    { name: "server-error", timeline: ok, faults: [{ poll: 2, kind: "server-error" }], expect: RIDES_OUT, check: retriedOn(kit.serverErrorCode) },
    {
      name: "server-error with Retry-After 1",
      timeline: ok,
      faults: [{ poll: 2, kind: "server-error", retryAfter: 1 }],
      expect: RIDES_OUT,
      check: retriedOn(kit.serverErrorCode, (ms) => ms >= hintMs),
    },
    // Requests 2-4 are one poll and its two immediate re-sends on a fresh connection.
    { name: "reset (beyond the re-sends)", timeline: ok, faults: [{ from: 2, to: 4, kind: "reset" }], expect: RIDES_OUT, check: retriedOn("NetworkError") },
    { name: "reset (healed by a re-send)", timeline: ok, faults: [{ poll: 2, kind: "reset" }], expect: RIDES_OUT },
    {
      name: "delay longer than the request timeout",
      timeline: ok,
      faults: [{ poll: 2, kind: "delay", ms: HOLD_BACK_MS }],
      tuning: SLOW,
      expect: RIDES_OUT,
      check: retriedOn("RequestTimeout"),
    },
    { name: "malformed (HTML) 200", timeline: ok, faults: [{ poll: 2, kind: "malformed" }], expect: RIDES_OUT, check: retriedOn("MalformedResponse") },
    { name: "truncated 200", timeline: ok, faults: [{ poll: 2, kind: "truncated" }], expect: RIDES_OUT, check: retriedOn("MalformedResponse") },
    { name: "error body in a 200", timeline: ok, faults: [{ poll: 2, kind: "error-body" }], expect: RIDES_OUT, check: retriedOn(kit.errorBodyCode) },
  ] as Omit<Row, "kit">[];
}

/** The same faults on every request: TIMEOUT at the deadline, with the last error. */
function lastingRows(kit: ServiceKit): Omit<Row, "kit">[] {
  const running = timeline(kit, ["running"]);
  const timedOut = (code: string): Expected => ({ outcome: "TIMEOUT", exit: 3, code, status: null });
  const lasting = (kind: string, code: string, extra: Partial<Row> = {}): Omit<Row, "kit"> => ({
    name: `${kind} until the deadline`,
    timeline: running,
    faults: [{ from: 1, kind, ...(kind === "delay" ? { ms: HOLD_BACK_MS } : {}) } as ScenarioFault],
    ...UNTIL_DEADLINE,
    expect: timedOut(code),
    ...extra,
    tuning: { ...UNTIL_DEADLINE.tuning, ...extra.tuning },
  });
  return [
    lasting("throttle", kit.throttleCode),
    lasting("server-error", kit.serverErrorCode),
    lasting("reset", "NetworkError"),
    lasting("delay", "RequestTimeout", { tuning: SLOW }),
    lasting("malformed", "MalformedResponse"),
    lasting("truncated", "MalformedResponse"),
    lasting("error-body", kit.errorBodyCode),
  ];
}

/** `SUCCESS` → `success`, `finished` → `FINISHED`. */
function swapCase(text: string): string {
  return [...text].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("");
}

/** Statuses: unknown ones, case, and terminal answers that go back to running. */
function statusRows(kit: ServiceKit): Omit<Row, "kit">[] {
  const success = rawOf(kit, "success");
  const otherEnd = kit.raws.cancelled ? ("cancelled" as const) : ("failure" as const);
  return [
    {
      name: "an unknown status is RUNNING, reported, and the wait goes on",
      timeline: timeline(kit, [{ raw: UNKNOWN_RAW }, 2], ["success"]),
      faults: [],
      expect: { ...RIDES_OUT, rawStatus: success },
      check: (_, events) => {
        const seen = events.find((e) => e.rawStatus === UNKNOWN_RAW);
        expect(seen).toMatchObject({ state: "RUNNING" });
        expect(seen?.snapshot?.note).toMatch(/unknown/i);
      },
    },
    {
      name: "an unknown status forever is never success: TIMEOUT",
      timeline: timeline(kit, [{ raw: UNKNOWN_RAW }]),
      faults: [],
      ...UNTIL_DEADLINE,
      expect: { outcome: "TIMEOUT", exit: 3, code: null, status: "RUNNING", rawStatus: UNKNOWN_RAW },
    },
    {
      name: "the success status in another case is success",
      timeline: timeline(kit, ["running"], [{ raw: ` ${swapCase(success)} ` }]),
      faults: [],
      expect: { ...RIDES_OUT, polls: 2 },
    },
    {
      name: "success then running again: the first terminal answer wins",
      timeline: timeline(kit, ["running"], ["success"], ["running"]),
      faults: [],
      expect: { ...RIDES_OUT, polls: 2, rawStatus: success },
    },
    {
      name: `${otherEnd} then success: the first terminal answer wins`,
      timeline: timeline(kit, ["running"], [otherEnd], ["success"]),
      faults: [],
      expect: { outcome: otherEnd === "failure" ? "FAILURE" : "CANCELLED", exit: 1, code: null, polls: 2, rawStatus: rawOf(kit, otherEnd) },
    },
  ];
}

/** Faults that do not heal: ERROR at once (or after the not-found grace), exit 4. */
function permanentRows(kit: ServiceKit): Omit<Row, "kit">[] {
  const running = timeline(kit, ["running"]);
  return [
    {
      name: "expiry in the middle of the wait",
      timeline: running,
      faults: [{ from: 3, kind: "expire" }],
      expect: { outcome: "ERROR", exit: 4, code: kit.notFoundCode, status: "RUNNING" },
      check: (r) => kit.service === "bpstudio" && expect(r.error?.message).toMatch(/unknown or expired/),
    },
    {
      name: "skewed clock on the first request: ERROR at once",
      timeline: running,
      faults: [{ poll: 1, kind: "skewed-clock" }],
      expect: { outcome: "ERROR", exit: 4, code: kit.skewedClockCode, polls: 1, status: null },
    },
    {
      name: "skewed clock in the middle of the wait",
      timeline: running,
      faults: [{ poll: 3, kind: "skewed-clock" }],
      expect: { outcome: "ERROR", exit: 4, code: kit.skewedClockCode, polls: 3, status: "RUNNING" },
    },
    {
      name: "a body over the size cap",
      timeline: running,
      faults: [{ poll: 2, kind: "huge" }],
      expect: { outcome: "ERROR", exit: 4, code: "ResponseTooLarge", polls: 2, status: "RUNNING" },
    },
  ];
}

/** OOS: a fault on the 2nd page of a 101-resource execution whose only failed resource is on that page. */
function oosPageRows(): Row[] {
  const oos = KITS.find((k) => k.service === "oos")!;
  const resources = (last: string) => [
    ...Array.from({ length: 100 }, (_, i) => ({ resourceId: `i-page1-${i}`, status: "Success" })),
    { resourceId: "i-page2", status: last },
  ];
  const failedOnPage2 = [{ resources: resources("Failed") }];
  const failed: Expected = { outcome: "FAILURE", exit: 1, code: null, rawStatus: "Failed" };
  const onPage2 = (kind: string, extra: Partial<ScenarioFault> = {}): Row => ({
    name: `page 2 ${kind}: the failed resource there still counts`,
    kit: oos,
    timeline: failedOnPage2,
    faults: [{ poll: 2, kind, ...extra } as ScenarioFault],
    expect: failed,
    check: (r) => expect(r.resources).toHaveLength(101),
  });
  return [
    onPage2("error-body"),
    onPage2("truncated"),
    onPage2("malformed"),
    onPage2("server-error"),
    onPage2("throttle"),
    { ...onPage2("reset"), faults: [{ from: 2, to: 4, kind: "reset" }] },
    {
      name: "page 2 expires: ERROR, never a verdict on page 1 alone",
      kit: oos,
      timeline: [{ resources: resources("Success") }],
      faults: [{ from: 2, kind: "expire" }],
      expect: { outcome: "ERROR", exit: 4, code: "EntityNotExists.Execution", status: null },
    },
    {
      name: "the list shrinks between pages (stale NextToken): the next poll reads it afresh",
      kit: oos,
      timeline: [{ polls: 1, count: 150, status: "Running" }, { count: 10, status: "Success" }],
      faults: [],
      expect: { ...RIDES_OUT, rawStatus: "Success" },
      check: (r) => expect(r.resources).toHaveLength(10),
    },
    {
      name: "no resource status ever: PENDING until the deadline, never SUCCESS",
      kit: oos,
      timeline: [{}],
      faults: [],
      ...UNTIL_DEADLINE,
      expect: { outcome: "TIMEOUT", exit: 3, code: null, status: "PENDING" },
    },
  ];
}

const ROWS: Row[] = [
  ...KITS.flatMap((kit) =>
    [...transientRows(kit), ...lastingRows(kit), ...statusRows(kit), ...permanentRows(kit)].map((row) => ({ ...row, kit, name: `${kit.service}: ${row.name}` })),
  ),
  ...oosPageRows().map((row) => ({ ...row, name: `oos: ${row.name}` })),
];

/**
 * The rows are independent operations, but the process-wide rate limiter
 * couples every wait on one API (a throttled row would slow its neighbours
 * down to 0.5 requests/s): keep its rate high and fixed for this file, so
 * each row shows its own fault handling. A Retry-After still holds every
 * request of its API back, as in production.
 */
configureRateLimits({ ratePerSecond: 10_000, minRatePerSecond: 10_000 });

let emu: Emulator;
const outcomes = new Map<Row, { result: Result; events: ProgressEvent[] }>();

beforeAll(async () => {
  let opts: (o: WaitForOperationOptions) => WaitForOperationOptions;
  ({ emu, opts } = await emulatorFixture());
  await Promise.all(
    ROWS.map(async (row, i) => {
      const id = `rel-${row.kit.service}-${i}`;
      emu.addOperation(row.kit.operation(id, row.timeline, row.faults));
      const events: ProgressEvent[] = [];
      const result = await waitForOperation(
        opts({
          ...row.kit.wait(id),
          timeout: row.timeout ?? "20s",
          tuning: { ...MATRIX_TUNING, ...row.tuning },
          onProgress: (e) => events.push(e),
        }),
      );
      outcomes.set(row, { result, events });
    }),
  );
});
afterAll(() => emu.close());

test.each(ROWS.map((row) => [row.name, row] as const))("%s", (_, row) => {
  const { result, events } = outcomes.get(row)!;
  const e = row.expect;
  expect({ outcome: result.outcome, exit: OUTCOME_EXIT_CODES[result.outcome], code: result.error?.code ?? null }).toEqual({
    outcome: e.outcome,
    exit: e.exit,
    code: e.code,
  });
  if (e.polls !== undefined) expect(result.polls).toBe(e.polls);
  if (e.status !== undefined) expect(result.status).toBe(e.status);
  if (e.rawStatus !== undefined) expect(result.rawStatus).toBe(e.rawStatus);
  if (result.outcome === "SUCCESS") expect(result.status).toBe("SUCCESS");
  row.check?.(result, events);
});
