/**
 * BPStudio `GetExecuteOperationResult` in the emulator.
 *
 * Frame (the `bpstudio` data of one scenario timeline entry):
 * ```json
 * { "status": "SUCCESS", "message": [{ "listenerPort": 80 }], "arguments": { "tagMap": { "cadt": ["12xxxxxxx"] } } }
 * ```
 * - `status` (string, required): `Data.Status`, verbatim (`INIT`, `RUNNING`,
 *   `SUCCESS`, `FAILURE`, in any case, or any other text to play an unknown status).
 * - `message` (optional): `Data.Message`. A string is sent verbatim; any other
 *   JSON value as its JSON text wrapped in quotes, exactly as the docs show it
 *   (`"[{"vServerGroupId":...}]"`, quotes included). Default: the docs'
 *   listener list when the status is SUCCESS, else `""` (also for null).
 * - `arguments` (optional): `Data.Arguments`. An object is sent as indented
 *   JSON text, a string verbatim, `null` leaves the field out. Default: the
 *   docs' `{ "tagMap": { "cadt": ["12xxxxxxx", "34xxxxxxx"] } }` when the
 *   status is SUCCESS, else left out (a failed or running operation shows no
 *   outputs it does not have).
 *
 * Attributes: `resourceGroupId` (a request naming another resource group gets
 * the unknown-ID answer).
 *
 * Answers: `{ Message, RequestId, Data: { OperationId, Status, Message, Arguments }, Code: "200" }`;
 * an unknown or expired ID gets the same body without `Data` (HTTP 200).
 */
import type { EmulatedOperation, EmulatorAnswer, EmulatorRequest, ProviderEmulator } from "../types";
import { missingParameterAnswer, newRequestId } from "../shared/error-answers";
import { FrameReader, firstMissing, identifierDiffers } from "../shared/emulator-support";
import { normalizeStatus } from "../shared/status-table";
import { DOC_ARGUMENTS, DOC_LISTENERS, DOC_TOP_MESSAGE } from "./doc-example";

const API = { product: "BPStudio", host: "bpstudio" };

/** The answer envelope; `data` is left out for an unknown operation. */
function answer(data?: Record<string, unknown>): EmulatorAnswer {
  return {
    status: 200,
    body: { Message: DOC_TOP_MESSAGE, RequestId: newRequestId(), ...(data ? { Data: data } : {}), Code: "200" },
  };
}

/** A JSON value as the docs show it in `Data.Message`: its JSON text between quotes. */
function quotedJson(value: unknown): string {
  return `"${JSON.stringify(value)}"`;
}

/** `Data.Message` as BPStudio sends it. */
function renderMessage(frame: FrameReader, status: string): string {
  if (!frame.has("message")) return normalizeStatus(status) === "success" ? quotedJson(DOC_LISTENERS) : "";
  const message = frame.raw("message");
  if (message === null || message === undefined) return "";
  return typeof message === "string" ? message : quotedJson(message);
}

/** `Data.Arguments` as BPStudio sends it, or undefined to leave it out. */
function renderArguments(frame: FrameReader, status: string): string | undefined {
  const docDefault = normalizeStatus(status) === "success" ? DOC_ARGUMENTS : undefined;
  const args = frame.has("arguments") ? frame.raw("arguments") : docDefault;
  if (args === null || args === undefined) return undefined;
  return typeof args === "string" ? args : JSON.stringify(args, null, 4);
}

/** BPStudio's answer for an operation it does not know or has forgotten: no `Data`. */
function unknownOperation(): EmulatorAnswer {
  return answer();
}

/** How the emulator serves BPStudio. */
export const bpstudioEmulator: ProviderEmulator = {
  route: { cloud: "alibaba", action: "GetExecuteOperationResult", version: "2021-09-31" },

  operationIdOf(req: EmulatorRequest) {
    const missing = firstMissing(req.params, ["OperationId"]);
    return missing ? missingParameterAnswer(missing, API) : req.params.OperationId!;
  },

  render(op: EmulatedOperation, frameData: Record<string, unknown>, req: EmulatorRequest) {
    if (identifierDiffers(op, "resourceGroupId", req.params.ResourceGroupId)) return unknownOperation();
    const frame = new FrameReader("bpstudio", frameData);
    const status = frame.requiredText("status");
    const args = renderArguments(frame, status);
    return answer({
      OperationId: op.id,
      Status: status,
      Message: renderMessage(frame, status),
      ...(args === undefined ? {} : { Arguments: args }),
    });
  },

  unknown: unknownOperation,
};
