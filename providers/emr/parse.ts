/**
 * Reads an EMR `GetOperation` answer: its status vocabulary (the README's
 * status table, PARTIAL_COMPLETED and HUMAN_PROCESSING included), its outputs
 * and its message.
 */
import type { Snapshot } from "../../src/core/result";
import { expectObject, expectSameOperation, numberOf, textOf, trimmedText } from "../shared/api-answers";
import { isPlainObject } from "../../src/core/values";
import { normalizeStatus, StatusTable, type StatusReading } from "../shared/status-table";

/** The `outputs` of an EMR Result. Times are epoch milliseconds. */
export type EmrOutputs = {
  operationType: string | null;
  clusterId: string | null;
  description: string | null;
  createTime: number | null;
  startTime: number | null;
  endTime: number | null;
  /** `StateChangeReason`, or null when the API gives none. */
  stateChangeReason: { code: string | null; message: string | null } | null;
};

/** EMR `OperationState` values with a plain mapping (the README's status table). */
export const EMR_STATUS = new StatusTable("EMR", {
  RUNNING: ["IN_PROGRESS", "HUMAN_PROCESSING"],
  SUCCESS: ["COMPLETED"],
  FAILURE: ["FAILED", "TERMINATED"],
});

/** The progress remark while EMR waits for a person. */
export const HUMAN_PROCESSING_NOTE = "EMR state HUMAN_PROCESSING: someone must act on this operation in the EMR console before it can go on; still waiting";

/**
 * The state of an EMR `OperationState`: IN_PROGRESS and HUMAN_PROCESSING (with
 * a note that a person must act) → RUNNING, COMPLETED → SUCCESS, FAILED and
 * TERMINATED → FAILURE, PARTIAL_COMPLETED → SUCCESS only when `allowPartial`,
 * else FAILURE. Case-insensitive; anything else → RUNNING with a note.
 */
export function readEmrState(raw: string | null, allowPartial: boolean): StatusReading {
  const key = raw === null ? "" : normalizeStatus(raw);
  if (key === "partial_completed") {
    return allowPartial
      ? { state: "SUCCESS", note: "EMR operation completed only partially; accepted because allowPartial is set" }
      : { state: "FAILURE", note: "EMR operation completed only partially (PARTIAL_COMPLETED): pass --allow-partial (allowPartial) to accept that" };
  }
  if (key === "human_processing") return { state: "RUNNING", note: HUMAN_PROCESSING_NOTE };
  return EMR_STATUS.read(raw);
}

/**
 * The Snapshot of one answer about `operationId`. Outputs: `operationType`,
 * `clusterId`, `description`, `createTime`, `startTime`, `endTime` (epoch ms
 * or null) and `stateChangeReason` (`{ code, message }` or null). The
 * message is `StateChangeReason.Message`; a partial completion refused for
 * lack of `allowPartial` without a reason gets the explanation instead. An
 * answer about another operation (`Operation.OperationId`) throws a notFound
 * `ApiError` (see `expectSameOperation`).
 */
export function parseEmrAnswer(answer: unknown, operationId: string, allowPartial: boolean): Snapshot {
  const body = expectObject(answer, "the EMR answer");
  const operation = expectObject(body.Operation, "Operation in the EMR answer");
  expectSameOperation("EMR operation", operationId, operation.OperationId);
  const rawStatus = trimmedText(operation.OperationState);
  const reading = readEmrState(rawStatus, allowPartial);
  const reason = readReason(operation.StateChangeReason);
  const reasonText = reason?.message?.trim() ? reason.message : null;
  const outputs: EmrOutputs = {
    operationType: textOf(operation.OperationType),
    clusterId: textOf(operation.ClusterId),
    description: textOf(operation.Description),
    createTime: numberOf(operation.CreateTime),
    startTime: numberOf(operation.StartTime),
    endTime: numberOf(operation.EndTime),
    stateChangeReason: reason,
  };
  return {
    state: reading.state,
    rawStatus,
    message: reasonText ?? (reading.state === "FAILURE" ? (reading.note ?? null) : null),
    outputs,
    steps: [],
    resources: [],
    note: reading.note,
  };
}

/** `StateChangeReason` as `{ code, message }`, null when absent or empty. */
function readReason(value: unknown): EmrOutputs["stateChangeReason"] {
  if (!isPlainObject(value)) return null;
  const code = textOf(value.Code);
  const message = textOf(value.Message);
  return code === null && message === null ? null : { code, message };
}
