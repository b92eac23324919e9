/** Results the tests of what consumes a Result (state files, reports) start from. */
import type { Result } from "../../src/core/result";

/** A successful OOS Result with a number no double holds in its outputs; `change` replaces fields. */
export function oosResult(change: Partial<Result> = {}): Result {
  return {
    service: "oos",
    operationId: "exec-1",
    outcome: "SUCCESS",
    status: "SUCCESS",
    rawStatus: "Success",
    message: null,
    outputs: { counts: { Success: 2 }, big: 12345678901234567890n },
    steps: [],
    resources: [],
    polls: 3,
    elapsedMs: 1200,
    error: null,
    ...change,
  };
}
