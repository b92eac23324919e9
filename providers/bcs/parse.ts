/**
 * Reads a BCS `GET /v2/{project_id}/operation/record` answer: its status
 * vocabulary (the README's status table), its outputs, steps and message.
 */
import { ApiError } from "../../src/core/errors";
import type { Snapshot, Step, SubStep } from "../../src/core/result";
import { expectArray, expectObject, nanosToIso, numberOf, textOf, trimmedText } from "../shared/api-answers";
import { isPlainObject } from "../../src/core/values";
import { StatusTable } from "../shared/status-table";

/** BCS `operation_status`: waiting → PENDING, processing → RUNNING, finished → SUCCESS, failed → FAILURE, stop → CANCELLED; case-insensitive. */
export const BCS_STATUS = new StatusTable("BCS", {
  PENDING: ["waiting"],
  RUNNING: ["processing"],
  SUCCESS: ["finished"],
  FAILURE: ["failed"],
  CANCELLED: ["stop"],
});

/** The `outputs` of a BCS Result (the steps are the Result's `steps`). */
export type BcsOutputs = {
  blockchainId: string | null;
  blockchainName: string | null;
  resourceType: string | null;
  operationType: string | null;
  /** `cluster_info` as the API gives it (null when absent). */
  clusterInfo: unknown;
};

/**
 * The Snapshot of the record whose `operation_id` is `operationId` (none:
 * a notFound `ApiError`). Outputs: `blockchainId`, `blockchainName`,
 * `resourceType`, `operationType`, `clusterInfo`. Steps and sub-steps come
 * from the `operation_process` map ordered by `serial_num`, with nanosecond
 * times as ISO strings. Progress counts finished steps. The message is the
 * record's `message` lines, else its `desc`; on FAILURE followed by the steps
 * and sub-steps that failed, with their detail and messages (see
 * `describeFailedSteps`).
 */
export function parseBcsAnswer(answer: unknown, operationId: string): Snapshot {
  const body = expectObject(answer, "the BCS answer");
  const records = expectArray(body.operation_records, "operation_records in the BCS answer");
  const record = records.find((r) => isPlainObject(r) && textOf(r.operation_id) === operationId);
  if (!isPlainObject(record)) {
    throw new ApiError({ kind: "notFound", code: "OperationNotFound", message: `BCS has no record of operation ${operationId}`, httpStatus: 200 });
  }
  const rawStatus = trimmedText(record.operation_status);
  const reading = BCS_STATUS.read(rawStatus);
  const steps = bySerial(entriesOf(record.operation_process).map(([key, value]) => readStep(key, value)));
  const outputs: BcsOutputs = {
    blockchainId: textOf(record.blockchain_id),
    blockchainName: textOf(record.blockchain_name),
    resourceType: textOf(record.resource_type),
    operationType: textOf(record.operation_type),
    clusterInfo: record.cluster_info ?? null,
  };
  const reason = joinLines(record.message) ?? trimmedText(record.desc);
  const failedAt = reading.state === "FAILURE" ? describeFailedSteps(steps) : null;
  return {
    state: reading.state,
    rawStatus,
    message: [reason, failedAt].filter((part) => part !== null).join("; ") || null,
    outputs,
    steps,
    resources: [],
    progress: { done: steps.filter((s) => BCS_STATUS.lookup(s.status) === "SUCCESS").length, total: steps.length, unit: "steps" },
    note: reading.note,
  };
}

function readStep(key: string, value: unknown): Step {
  const step = expectObject(value, `step ${JSON.stringify(key)} of operation_process`);
  return {
    name: textOf(step.step_name) || key,
    status: textOf(step.status) ?? "",
    detail: textOf(step.detail),
    serialNum: numberOf(step.serial_num) ?? 0,
    subSteps: bySerial(entriesOf(step.sub_steps).map(([subKey, subValue]) => readSubStep(subKey, subValue))),
  };
}

function readSubStep(key: string, value: unknown): SubStep {
  const sub = expectObject(value, `sub-step ${JSON.stringify(key)} of operation_process`);
  return {
    name: textOf(sub.substep_name) || key,
    status: textOf(sub.status) ?? "",
    detail: textOf(sub.detail),
    message: linesOf(sub.message),
    startTime: nanosToIso(sub.start_time),
    endTime: nanosToIso(sub.end_time),
    serialNum: numberOf(sub.serial_num) ?? 0,
  };
}

/** True for a step or sub-step whose status is BCS's `failed`. */
function failed(item: { status: string }): boolean {
  return BCS_STATUS.lookup(item.status) === "FAILURE";
}

/** Non-blank texts joined by ", ", or null. */
function texts(values: readonly (string | null)[]): string | null {
  const kept = values.filter((text): text is string => text !== null && text.trim() !== "");
  return kept.length ? kept.join(", ") : null;
}

/**
 * Where the operation failed, from its step table: every step that failed
 * or holds a sub-step that failed, with its detail, and each such sub-step
 * with its detail and messages:
 * `step "Create Other Dependent Resource" failed (timeout), sub-step "Create EIP" failed: EIP quota exceeded`.
 * Null when no step says it failed.
 */
function describeFailedSteps(steps: readonly Step[]): string | null {
  const parts: string[] = [];
  for (const step of steps) {
    const failedSubSteps = step.subSteps.filter(failed);
    if (!failed(step) && failedSubSteps.length === 0) continue;
    const detail = texts([step.detail]);
    const subSteps = failedSubSteps.map((sub) => {
      const why = texts([sub.detail, ...(sub.message ?? [])]);
      return `, sub-step ${JSON.stringify(sub.name)} ${sub.status.trim()}${why ? `: ${why}` : ""}`;
    });
    parts.push(`step ${JSON.stringify(step.name)} ${step.status.trim()}${detail ? ` (${detail})` : ""}${subSteps.join("")}`);
  }
  return parts.length ? parts.join("; ") : null;
}

/** The entries of a JSON map (`operation_process`, `sub_steps`); none when it is absent or null. */
function entriesOf(map: unknown): [string, unknown][] {
  return isPlainObject(map) ? Object.entries(map) : [];
}

/** Items ordered by `serialNum`; ties keep the API's order. */
function bySerial<T extends { serialNum: number }>(items: T[]): T[] {
  return items.sort((a, b) => a.serialNum - b.serialNum);
}

/** An array of strings, or null when the API gives none. */
function linesOf(value: unknown): string[] | null {
  return Array.isArray(value) ? value.map((line) => textOf(line) ?? "") : null;
}

/** Message lines joined by "; ", null when there is no non-blank line. */
function joinLines(value: unknown): string | null {
  const lines = (linesOf(value) ?? []).filter((line) => line.trim() !== "");
  return lines.length ? lines.join("; ") : null;
}
