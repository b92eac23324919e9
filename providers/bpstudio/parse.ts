/**
 * Reads a BPStudio `GetExecuteOperationResult` answer: its status
 * vocabulary (the README's status table), its outputs and its message.
 */
import { ApiError } from "../../src/core/errors";
import type { Snapshot } from "../../src/core/result";
import { expectObject, expectSameOperation, messageText, parseJsonText, trimmedText, unwrapJsonText } from "../shared/api-answers";
import { isPlainObject } from "../../src/core/values";
import { StatusTable } from "../shared/status-table";

/** BPStudio `Data.Status`: INIT → PENDING, RUNNING → RUNNING, SUCCESS → SUCCESS, FAILURE → FAILURE; case-insensitive. */
export const BPSTUDIO_STATUS = new StatusTable("BPStudio", {
  PENDING: ["INIT"],
  RUNNING: ["RUNNING"],
  SUCCESS: ["SUCCESS"],
  FAILURE: ["FAILURE"],
});

/** The `outputs` of a BPStudio Result. */
export type BpStudioOutputs = {
  /** `Data.Arguments`, parsed when it is JSON (null when absent). */
  arguments: unknown;
  /** `arguments.tagMap` (tag key → resource IDs, as the API documents it), or null. */
  tagMap: Record<string, string[]> | null;
  /** `Data.Message`, decoded while it is a string holding JSON. */
  message: unknown;
};

/**
 * The Snapshot of one answer about `operationId`. Outputs: `arguments`
 * (`Data.Arguments` parsed when it is JSON), `tagMap` (`arguments.tagMap`) and
 * `message` (`Data.Message` decoded while it is a string holding JSON). The
 * message is `Data.Message` as text on FAILURE, else the top-level `Message`
 * unless blank. An answer without `Data` throws a notFound `ApiError`: the ID
 * is unknown or has expired; so does an answer about another operation
 * (`Data.OperationId`, see `expectSameOperation`).
 */
export function parseBpStudioAnswer(answer: unknown, operationId: string): Snapshot {
  const body = expectObject(answer, "the BPStudio answer");
  if (!isPlainObject(body.Data)) {
    throw new ApiError({
      kind: "notFound",
      code: "OperationNotFound",
      message: `BPStudio does not know operation ${operationId}: the ID is unknown or expired (IDs expire after one hour)`,
      httpStatus: 200,
    });
  }
  const data = body.Data;
  expectSameOperation("BPStudio operation", operationId, data.OperationId);
  const rawStatus = trimmedText(data.Status);
  const reading = BPSTUDIO_STATUS.read(rawStatus);
  const args = decodeArguments(data.Arguments);
  const topMessage = messageText(body.Message);
  const outputs: BpStudioOutputs = {
    arguments: args,
    tagMap: isPlainObject(args) && args.tagMap !== undefined ? (args.tagMap as BpStudioOutputs["tagMap"]) : null,
    message: typeof data.Message === "string" ? unwrapJsonText(data.Message).value : (data.Message ?? null),
  };
  return {
    state: reading.state,
    rawStatus,
    message: reading.state === "FAILURE" ? (messageText(data.Message) ?? topMessage) : topMessage,
    outputs,
    steps: [],
    resources: [],
    note: reading.note,
  };
}

/** `Data.Arguments`: parsed when it is a string holding JSON, null when absent. */
function decodeArguments(value: unknown): unknown {
  if (typeof value === "string") return parseJsonText(value);
  return value ?? null;
}
