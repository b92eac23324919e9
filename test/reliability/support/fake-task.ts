/**
 * A WaitTask played from a plan in virtual time: the operation's state over
 * time, what goes wrong on which poll, and how long each answer takes. It
 * records every poll, so properties can compare what the engine concluded
 * with what the "API" actually said.
 */
import type { WaitTask } from "../../../src/core/engine";
import { ApiError } from "../../../src/core/errors";
import { TERMINAL_STATES, type OperationState, type Snapshot } from "../../../src/core/result";
import type { VirtualClock } from "../../../src/testing";

/** The operation is in `state` (raw `raw`) until `untilMs` (the last segment lasts forever). */
export interface Segment {
  state: OperationState;
  raw: string;
  untilMs: number;
  /** Units of work done of total, as BCS and OOS report it. */
  progress?: { done: number; total: number };
}

/** What goes wrong on one poll. */
export type Fault =
  | { kind: "transient"; code: string; retryAfterMs: number | null }
  | { kind: "permanent"; code: string }
  | { kind: "notFound" }
  /** No answer and deaf to the abort signal: only the engine's own timers end it. */
  | { kind: "hang" }
  /** A defect in the provider: a plain Error instead of an ApiError. */
  | { kind: "defect" };

/** Everything the fake API does. */
export interface Plan {
  timeline: Segment[];
  /** Fault of poll i (0-based); none beyond the array. */
  faults: (Fault | null)[];
  /** Latency of poll i, cycled; faults take the same latency (a hang takes forever). */
  latencyMs: number[];
}

/** What happened on one poll. */
export interface PollRecord {
  startMs: number;
  /** When the fake answered; null when the engine cut it first (deadline, request timeout) or it hung. */
  endMs: number | null;
  /** The snapshot's state, or the fault that replaced it. */
  said: { state: OperationState; raw: string } | { fault: Fault };
}

/** The segment in force at `t`. */
export function segmentAt(timeline: readonly Segment[], t: number): Segment {
  return timeline.find((s) => t < s.untilMs) ?? timeline[timeline.length - 1];
}

function snapshotOf(segment: Segment): Snapshot {
  return {
    state: segment.state,
    rawStatus: segment.raw,
    message: null,
    outputs: {},
    steps: [],
    resources: [],
    ...(segment.progress ? { progress: { ...segment.progress, unit: "units" } } : {}),
  };
}

function errorOf(fault: Fault): Error {
  switch (fault.kind) {
    case "transient":
      return new ApiError({ kind: "transient", code: fault.code, message: "try again", httpStatus: 503, retryAfterMs: fault.retryAfterMs });
    case "permanent":
      return new ApiError({ kind: "permanent", code: fault.code, message: "will not heal", httpStatus: 400 });
    case "notFound":
      return new ApiError({ kind: "notFound", code: "EntityNotExists.Execution", message: "not (yet) known", httpStatus: 404 });
    case "defect":
      return new TypeError("provider bug");
    case "hang":
      throw new Error("a hang has no error");
  }
}

/** A WaitTask answering from `plan` on `clock`, and the record of its polls. */
export function fakeTask(clock: VirtualClock, plan: Plan): { task: WaitTask; polls: PollRecord[] } {
  const polls: PollRecord[] = [];
  const task: WaitTask = {
    service: "oos",
    operationId: "exec-property",
    async poll(signal) {
      const i = polls.length;
      const fault = plan.faults[i] ?? null;
      const segment = segmentAt(plan.timeline, clock.now());
      const record: PollRecord = { startMs: clock.now(), endMs: null, said: fault ? { fault } : { state: segment.state, raw: segment.raw } };
      polls.push(record);
      if (fault?.kind === "hang") return new Promise<never>(() => undefined);
      await clock.sleep(plan.latencyMs[i % plan.latencyMs.length], signal);
      record.endMs = clock.now();
      if (fault) throw errorOf(fault);
      return snapshotOf(segment);
    },
  };
  return { task, polls };
}

/** True when the poll delivered an answer that ends a wait: a terminal state or an error that will not heal. */
export function endsTheWait(record: PollRecord): boolean {
  if (record.endMs === null) return false;
  if ("state" in record.said) return TERMINAL_STATES.has(record.said.state);
  return record.said.fault.kind === "permanent" || record.said.fault.kind === "defect";
}
