/**
 * Properties of the wait engine on random timelines, random fault
 * sequences, random latencies and random schedules, in virtual time (hours
 * of waiting per run in milliseconds). Each property runs a fixed number of
 * generated cases from a fixed seed, so a failure reproduces.
 */
import fc from "fast-check";
import { pollUntilDone } from "../../src/core/engine";
import type { OperationState, Result } from "../../src/core/result";
import { TERMINAL_STATES } from "../../src/core/result";
import { DEFAULT_SCHEDULE, scheduleOptions, type ScheduleOptions } from "../../src/core/schedule";
import { VirtualClock } from "../../src/testing";
import { endsTheWait, fakeTask, type Fault, type Plan, type PollRecord, type Segment } from "./support/fake-task";
import { geometricPollBound, seededRandom } from "./support/schedule-bound";

const RUNS = { numRuns: 200, seed: 20240601 };
const NON_TERMINAL: OperationState[] = ["PENDING", "RUNNING"];
const ALL_STATES: OperationState[] = [...NON_TERMINAL, "SUCCESS", "FAILURE", "CANCELLED"];

/** One engine configuration: schedule, deadline, request timeout, grace, jitter seed. */
interface Config {
  schedule: ScheduleOptions;
  timeoutMs: number;
  requestTimeoutMs: number;
  notFoundGraceMs: number;
  seed: number;
}

/** Schedules whose poll count stays in the hundreds, so a run takes milliseconds. */
const configArb: fc.Arbitrary<Config> = fc
  .record({
    minDelayMs: fc.integer({ min: 50, max: 5000 }),
    extraMaxMs: fc.integer({ min: 0, max: 120_000 }),
    ratio: fc.double({ min: 0.05, max: 0.5, noNaN: true }),
    jitter: fc.double({ min: 0, max: 0.5, noNaN: true }),
    retryDelayMs: fc.integer({ min: 50, max: 10_000 }),
    deadlineFactor: fc.double({ min: 2, max: 50, noNaN: true }),
    requestTimeoutMs: fc.integer({ min: 100, max: 30_000 }),
    notFoundGraceMs: fc.integer({ min: 0, max: 60_000 }),
    seed: fc.integer(),
  })
  .map((c) => {
    const schedule = scheduleOptions({ minDelayMs: c.minDelayMs, maxDelayMs: c.minDelayMs + c.extraMaxMs, ratio: c.ratio, jitter: c.jitter, retryDelayMs: c.retryDelayMs });
    const timeoutMs = Math.max(1000, Math.round(schedule.maxDelayMs * c.deadlineFactor));
    return { schedule, timeoutMs, requestTimeoutMs: c.requestTimeoutMs, notFoundGraceMs: c.notFoundGraceMs, seed: c.seed };
  });

const segmentArb = (states: OperationState[]) =>
  fc.record({
    state: fc.constantFrom(...states),
    raw: fc.constantFrom("a", "B", "unknown-status"),
    lengthMs: fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 20 * 60_000 })),
    progress: fc.option(fc.record({ done: fc.nat(20), total: fc.nat(20) }), { nil: undefined }),
  });

/** Consecutive segments from their lengths; raw statuses carry the state so the Result can be traced back. */
function toTimeline(parts: { state: OperationState; raw: string; lengthMs: number; progress?: { done: number; total: number } }[]): Segment[] {
  let t = 0;
  return parts.map((p) => {
    t += p.lengthMs;
    return { state: p.state, raw: `${p.state}:${p.raw}`, untilMs: t, ...(p.progress ? { progress: p.progress } : {}) };
  });
}

/** A start in non-terminal states, then any sequence of states, terminal ones going back to running included. */
const anyTimelineArb = fc
  .tuple(fc.array(segmentArb(NON_TERMINAL), { minLength: 1, maxLength: 2 }), fc.array(segmentArb(ALL_STATES), { maxLength: 5 }))
  .map(([start, rest]) => toTimeline([...start, ...rest]));

/** A real operation: non-terminal states, then (maybe) one terminal state that never changes. */
const monotoneTimelineArb = fc
  .tuple(fc.array(segmentArb(NON_TERMINAL), { minLength: 1, maxLength: 4 }), fc.option(segmentArb(["SUCCESS", "FAILURE", "CANCELLED"]), { nil: undefined }))
  .map(([running, end]) => toTimeline(end ? [...running, end] : running));

const transientArb: fc.Arbitrary<Fault> = fc.oneof(
  fc.record({
    kind: fc.constant("transient" as const),
    code: fc.constantFrom("Throttling.User", "ThrottlingException", "APIG.0308", "ServiceUnavailable", "NetworkError", "MalformedResponse"),
    retryAfterMs: fc.option(fc.integer({ min: 0, max: 30_000 }), { nil: null }),
  }),
  fc.constant({ kind: "hang" as const }),
);
const permanentArb: fc.Arbitrary<Fault> = fc.oneof(
  fc.record({ kind: fc.constant("permanent" as const), code: fc.constantFrom("SignatureDoesNotMatch", "InvalidParameter", "Forbidden.RAM") }),
  fc.constant({ kind: "defect" as const }),
);
const anyFaultArb = fc.oneof(
  { arbitrary: transientArb, weight: 4 },
  { arbitrary: permanentArb, weight: 1 },
  { arbitrary: fc.constant({ kind: "notFound" as const }), weight: 1 },
);

const faultsArb = (fault: fc.Arbitrary<Fault>) => fc.array(fc.option(fault, { nil: null, freq: 2 }), { maxLength: 12 });

/** Latencies as percentages of the request timeout, below it: only planned faults fail a poll. */
const latencyArb = fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 90 })), { minLength: 1, maxLength: 5 });

function latencies(percents: number[], config: Config): number[] {
  return percents.map((p) => Math.floor((p / 100) * config.requestTimeoutMs));
}

/** Runs the engine on `plan` with `config` in virtual time. */
async function run(plan: Plan, config: Config): Promise<{ result: Result; polls: PollRecord[] }> {
  const clock = new VirtualClock();
  const { task, polls } = fakeTask(clock, plan);
  const result = await pollUntilDone(task, {
    timeoutMs: config.timeoutMs,
    requestTimeoutMs: config.requestTimeoutMs,
    notFoundGraceMs: config.notFoundGraceMs,
    // The fake is always the API, however slow: the budget of an endpoint that never
    // answered (its hangs would exhaust it) has its own tests in test/core/engine.test.ts.
    firstAnswerPolls: Infinity,
    schedule: config.schedule,
    clock,
    random: seededRandom(config.seed),
  });
  return { result, polls };
}

/** The state a delivered poll said, or null for a fault. */
function saidState(record: PollRecord): OperationState | null {
  return "state" in record.said ? record.said.state : null;
}

test("a terminal outcome is the state the API said on the last poll, the first answer that ends the wait wins, and SUCCESS is never invented", async () => {
  await fc.assert(
    fc.asyncProperty(anyTimelineArb, faultsArb(anyFaultArb), latencyArb, configArb, async (timeline, faults, latency, config) => {
      const { result, polls } = await run({ timeline, faults, latencyMs: latencies(latency, config) }, config);
      expect(result.polls).toBe(polls.length);
      const last = polls[polls.length - 1];
      if (TERMINAL_STATES.has(result.outcome as OperationState)) {
        expect(last.endMs).not.toBeNull();
        expect(saidState(last)).toBe(result.outcome);
        expect(result.rawStatus).toBe("state" in last.said ? last.said.raw : undefined);
      }
      if (result.outcome === "ERROR") expect(saidState(last)).toBeNull();
      const firstEnd = polls.findIndex(endsTheWait);
      // Nothing after an answer that ends the wait; only the not-found grace may end it earlier.
      if (firstEnd >= 0) expect(polls.length).toBeLessThanOrEqual(firstEnd + 1);
      if (firstEnd >= 0 && firstEnd === polls.length - 1) {
        const state = saidState(last);
        expect(result.outcome).toBe(state ?? "ERROR");
        expect(result.elapsedMs).toBe(Math.round(last.endMs!));
      }
    }),
    RUNS,
  );
});

test("the wait ends by its deadline (a TIMEOUT exactly at it), whatever the API does", async () => {
  await fc.assert(
    fc.asyncProperty(anyTimelineArb, faultsArb(anyFaultArb), latencyArb, configArb, async (timeline, faults, latency, config) => {
      const { result } = await run({ timeline, faults, latencyMs: latencies(latency, config) }, config);
      // Virtual time (VirtualClock), so this is exact, not a wall-clock measurement. The bound is
      // deadline + one request timeout; the engine cuts the request in flight, so the deadline itself holds.
      const virtualElapsedMs = result.elapsedMs;
      expect(virtualElapsedMs).toBeLessThanOrEqual(config.timeoutMs);
      if (result.outcome === "TIMEOUT") expect(result.elapsedMs).toBe(config.timeoutMs);
    }),
    RUNS,
  );
});

/**
 * `config` with a deadline that leaves time for the operation to reach its
 * last state at `lastChangeMs`, for every fault (a request timeout and the
 * longest pause), and for one more poll. The pause cap grows with the
 * deadline so that a run stays within a few hundred polls.
 */
function generous(config: Config, lastChangeMs: number, faults: (Fault | null)[]): Config {
  const retryAfterMs = Math.max(0, ...faults.map((f) => (f?.kind === "transient" ? (f.retryAfterMs ?? 0) : 0)));
  const slots = faults.length + 2;
  const maxDelayMs = Math.max(config.schedule.maxDelayMs, (lastChangeMs + slots * (config.requestTimeoutMs + retryAfterMs)) / (200 - slots));
  const timeoutMs = Math.ceil(lastChangeMs + slots * (config.requestTimeoutMs + maxDelayMs + retryAfterMs));
  return { ...config, timeoutMs, schedule: { ...config.schedule, maxDelayMs } };
}

test("a permanent error ends the wait at the poll that got it, with its code", async () => {
  const before = fc.array(fc.option(transientArb, { nil: null }), { maxLength: 6 });
  await fc.assert(
    fc.asyncProperty(before, permanentArb, latencyArb, configArb, async (earlier, fatal, latency, config) => {
      // A deadline with room for every fault and an operation that never ends: only the permanent error can end the wait.
      const faults = [...earlier, fatal];
      const timeline: Segment[] = [{ state: "RUNNING", raw: "RUNNING", untilMs: 0 }];
      const { result, polls } = await run({ timeline, faults, latencyMs: latencies(latency, config) }, generous(config, 0, faults));
      const at = earlier.length;
      expect(polls).toHaveLength(at + 1);
      expect(result.outcome).toBe("ERROR");
      expect(result.error?.code).toBe(fatal.kind === "permanent" ? fatal.code : "UnexpectedError");
      expect(result.elapsedMs).toBe(Math.round(polls[at].endMs!));
    }),
    RUNS,
  );
});

test("transient faults inside a generous deadline never change the outcome", async () => {
  await fc.assert(
    fc.asyncProperty(monotoneTimelineArb, faultsArb(transientArb), latencyArb, configArb, async (timeline, faults, latency, config) => {
      const lastChangeMs = timeline[timeline.length - 2]?.untilMs ?? 0;
      const roomy = generous(config, lastChangeMs, faults);
      const latencyMs = latencies(latency, config);
      const clean = await run({ timeline, faults: [], latencyMs }, roomy);
      const faulty = await run({ timeline, faults, latencyMs }, roomy);
      const pick = (r: Result) => ({ outcome: r.outcome, status: r.status, rawStatus: r.rawStatus });
      expect(pick(faulty.result)).toEqual(pick(clean.result));
      if (faulty.result.outcome !== "TIMEOUT") expect(faulty.result.error).toBeNull();
    }),
    RUNS,
  );
});

test("the number of polls stays within the schedule's bound (plus one per failed poll and the last look)", async () => {
  await fc.assert(
    fc.asyncProperty(anyTimelineArb, faultsArb(anyFaultArb), latencyArb, configArb, async (timeline, faults, latency, config) => {
      const { result, polls } = await run({ timeline, faults, latencyMs: latencies(latency, config) }, config);
      const bound = geometricPollBound(config.schedule, config.timeoutMs);
      const failed = polls.filter((p) => "fault" in p.said).length;
      expect(result.polls).toBeLessThanOrEqual(bound + failed + 1);
      expect(failed).toBeLessThanOrEqual(faults.filter((f) => f !== null).length);
      // The coarse form: one poll per shortest pause, plus the failures.
      const shortest = (1 - config.schedule.jitter) * config.schedule.minDelayMs;
      expect(result.polls - failed).toBeLessThanOrEqual(2 + Math.floor(config.timeoutMs / shortest));
    }),
    RUNS,
  );
});

/** A wait on a clean API, with the schedule's floor and cap chosen by the case: the default schedule when both are null. */
const lastLookArb = fc.record({
  deadlineMs: fc.oneof(fc.integer({ min: 5000, max: 120_000 }), fc.integer({ min: 120_000, max: 2 * 3600_000 })),
  /** When the operation ends, as a fraction of the time it may take (up to 3 s before the deadline). */
  endFraction: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.9, max: 1, noNaN: true }), fc.constant(1)),
  minDelayMs: fc.option(fc.integer({ min: 50, max: 10_000 }), { nil: undefined }),
  extraMaxMs: fc.option(fc.integer({ min: 0, max: 600_000 }), { nil: undefined }),
  jitterSeed: fc.integer(),
  latencyMs: fc.integer({ min: 0, max: 900 }),
});

test("a last look before the deadline: an operation that ends at least 3 s before it is SUCCESS, whatever the schedule", async () => {
  await fc.assert(
    fc.asyncProperty(lastLookArb, async (c) => {
      const endMs = Math.floor(c.endFraction * (c.deadlineMs - 3000));
      const minDelayMs = c.minDelayMs ?? DEFAULT_SCHEDULE.minDelayMs;
      // A cap of at least a thousandth of the deadline keeps a run within a few thousand polls.
      const maxDelayMs = c.extraMaxMs === undefined ? DEFAULT_SCHEDULE.maxDelayMs : Math.max(minDelayMs + c.extraMaxMs, c.deadlineMs / 1000);
      const schedule = scheduleOptions({ minDelayMs, maxDelayMs });
      const clock = new VirtualClock();
      const timeline: Segment[] = [
        { state: "RUNNING", raw: "RUNNING", untilMs: endMs },
        { state: "SUCCESS", raw: "SUCCESS", untilMs: Infinity },
      ];
      const { task } = fakeTask(clock, { timeline, faults: [], latencyMs: [c.latencyMs] });
      const result = await pollUntilDone(task, { timeoutMs: c.deadlineMs, schedule, clock, random: seededRandom(c.jitterSeed), estimator: null });
      expect(result.outcome).toBe("SUCCESS");
    }),
    RUNS,
  );
});
