/**
 * EMR `GetOperation` in the emulator.
 *
 * Frame (the `emr` data of one scenario timeline entry):
 * ```json
 * { "state": "FAILED", "stateChangeReason": { "code": "OutOfStock", "message": "The requested resource is sold out" } }
 * ```
 * - `state` (string, required; `status` is accepted as an alias):
 *   `Operation.OperationState`, verbatim (`IN_PROGRESS`, `HUMAN_PROCESSING`,
 *   `COMPLETED`, `PARTIAL_COMPLETED`, `FAILED`, `TERMINATED`, or anything else).
 * - `operationType` (string, default `CREATE_CLUSTER`, as in the docs' example).
 * - `description` (string): `Operation.Description`. Default: the operation
 *   type in words (`CREATE_CLUSTER` → `Create cluster`; the docs' example sends
 *   a placeholder, `start`).
 * - `stateChangeReason` (`{ code, message }`, optional): sent as
 *   `StateChangeReason: { Code, Message }`; left out when absent or null.
 * - `createTime`, `startTime`, `endTime` (epoch ms, optional): `createTime`
 *   defaults to the docs' 1628589439114, `startTime` to `createTime`,
 *   `endTime` to `startTime` + 10 minutes once the state is terminal (left out before).
 *
 * Attributes: `clusterId`, `region` (a request naming another cluster or
 * region gets the unknown-ID answer).
 *
 * Answers: `{ Operation: { ClusterId, OperationId, CreateTime, StartTime, EndTime,
 * OperationType, OperationState, Description, StateChangeReason }, RequestId }`;
 * an unknown ID gets HTTP 404 `ResourceNotFound` in Alibaba Cloud's error body.
 */
import { TERMINAL_STATES } from "../../src/core/result";
import type { EmulatedOperation, EmulatorAnswer, EmulatorRequest, ProviderEmulator } from "../types";
import { alibabaErrorAnswer, missingParameterAnswer, newRequestId } from "../shared/error-answers";
import { FrameReader, attributeText, firstMissing, identifierDiffers } from "../shared/emulator-support";
import { readEmrState } from "./parse";

const API = { product: "Emr", host: "emr" };
/** `CreateTime` of the docs' example. */
const DOC_CREATE_TIME = 1628589439114;
/** How long an emulated operation ran when the frame does not say. */
const DEFAULT_DURATION_MS = 10 * 60_000;

/** `CREATE_CLUSTER` → `Create cluster`. */
function inWords(operationType: string): string {
  const words = operationType.toLowerCase().replace(/_+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** EMR's answer for an operation it does not know. */
function unknownOperation(req: EmulatorRequest): EmulatorAnswer {
  return alibabaErrorAnswer(404, "ResourceNotFound", `The resource not found by ${req.params.OperationId ?? "OperationId"}.`, API);
}

/** `Operation.StateChangeReason`, or undefined to leave it out. */
function renderReason(frame: FrameReader): Record<string, string> | undefined {
  const reason = frame.raw("stateChangeReason");
  if (reason === undefined || reason === null) return undefined;
  const fields = frame.nested("stateChangeReason", reason);
  return { Code: fields.text("code", ""), Message: fields.text("message", "") };
}

/** How the emulator serves EMR. */
export const emrEmulator: ProviderEmulator = {
  route: { cloud: "alibaba", action: "GetOperation", version: "2021-03-20" },

  operationIdOf(req) {
    const missing = firstMissing(req.params, ["RegionId", "ClusterId", "OperationId"]);
    return missing ? missingParameterAnswer(missing, API) : req.params.OperationId!;
  },

  render(op: EmulatedOperation, frameData: Record<string, unknown>, req: EmulatorRequest) {
    if (identifierDiffers(op, "clusterId", req.params.ClusterId) || identifierDiffers(op, "region", req.params.RegionId)) {
      return unknownOperation(req);
    }
    const frame = new FrameReader("emr", frameData);
    const state = frame.has("state") ? frame.requiredText("state") : frame.requiredText("status");
    const createTime = frame.number("createTime", DOC_CREATE_TIME);
    const startTime = frame.number("startTime", createTime);
    const terminal = TERMINAL_STATES.has(readEmrState(state, true).state);
    const endTime = frame.has("endTime") || terminal ? frame.number("endTime", startTime + DEFAULT_DURATION_MS) : undefined;
    const reason = renderReason(frame);
    const operationType = frame.text("operationType", "CREATE_CLUSTER");
    return {
      status: 200,
      body: {
        Operation: {
          ClusterId: attributeText(op, "clusterId", req.params.ClusterId ?? ""),
          OperationId: op.id,
          CreateTime: createTime,
          StartTime: startTime,
          ...(endTime === undefined ? {} : { EndTime: endTime }),
          OperationType: operationType,
          OperationState: state,
          Description: frame.text("description", inWords(operationType)),
          ...(reason ? { StateChangeReason: reason } : {}),
        },
        RequestId: newRequestId(),
      },
    };
  },

  unknown: unknownOperation,
};
