/**
 * Reads an EMR `GetOperation` answer.
 */
import type { Snapshot } from "../../src/core/result";
import { expectObject, isObject, numberOf, textOf, trimmedText } from "../shared/json-value";
import { readEmrState } from "./status";

/**
 * The Snapshot of one answer. Outputs: `operationType`, `clusterId`,
 * `description`, `createTime`, `startTime`, `endTime` (epoch ms or null) and
 * `stateChangeReason` (`{ code, message }` or null). The message is
 * `StateChangeReason.Message`; a partial completion refused for lack of
 * `allowPartial` without a reason gets the explanation instead.
 */
export function parseEmrAnswer(answer: unknown, allowPartial: boolean): Snapshot {
  const body = expectObject(answer, "the EMR answer");
  const operation = expectObject(body.Operation, "Operation in the EMR answer");
  const rawStatus = trimmedText(operation.OperationState);
  const reading = readEmrState(rawStatus, allowPartial);
  const reason = readReason(operation.StateChangeReason);
  const reasonText = reason?.message?.trim() ? reason.message : null;
  return {
    state: reading.state,
    rawStatus,
    message: reasonText ?? (reading.state === "FAILURE" ? (reading.note ?? null) : null),
    outputs: {
      operationType: textOf(operation.OperationType),
      clusterId: textOf(operation.ClusterId),
      description: textOf(operation.Description),
      createTime: numberOf(operation.CreateTime),
      startTime: numberOf(operation.StartTime),
      endTime: numberOf(operation.EndTime),
      stateChangeReason: reason,
    },
    steps: [],
    resources: [],
    note: reading.note,
  };
}

/** `StateChangeReason` as `{ code, message }`, null when absent or empty. */
function readReason(value: unknown): { code: string | null; message: string | null } | null {
  if (!isObject(value)) return null;
  const code = textOf(value.Code);
  const message = textOf(value.Message);
  return code === null && message === null ? null : { code, message };
}
