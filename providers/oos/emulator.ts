/**
 * OOS `ListResourceExecutionStatus` in the emulator, paginated like the API.
 *
 * Frame (the `oos` data of one scenario timeline entry), either the list:
 * ```json
 * { "resources": [{ "resourceId": "i-a", "status": "Success", "outputs": { "commandOutput": "hello\n" } },
 *                 { "resourceId": "i-b", "status": "Running" }] }
 * ```
 * or the shorthand `{ "count": 250, "status": "Running" }` (`count` resources
 * with generated IDs `i-opgate00000000000001`..., all in `status`; `count`
 * defaults to 1 when `status` is given). `{}` is an execution without
 * resource statuses yet.
 * - `status` (string, required per resource): `Status`, verbatim (`Queued`,
 *   `Running`, `Success`, `Failed`, `Cancelled`, `Skipped`, ...).
 * - `resourceId` (string): default generated as above.
 * - `outputs`: `Outputs`; a string is sent verbatim, any other value as JSON
 *   text. Default: the docs' `{ "commandOutput": "hello\n" }` text for
 *   Success, else `{}`.
 * - `executionTime` (string): default the docs' `2020-11-13T08:48:34Z`.
 *
 * Attributes: `region` (a request naming another region gets the unknown-ID answer).
 *
 * Requests: `MaxResults` 10..100 (default 50) and an opaque `NextToken`;
 * other values get HTTP 400 `InvalidParameter`. Answers:
 * `{ NextToken, RequestId, MaxResults, ResourceExecutionStatus: [{ Outputs, Status, ExecutionTime, ResourceId, ExecutionId }] }`,
 * `NextToken` left out on the last page; an unknown ID gets HTTP 404
 * `EntityNotExists.Execution` in Alibaba Cloud's error body.
 */
import type { EmulatedOperation, EmulatorAnswer, EmulatorRequest, ProviderEmulator } from "../types";
import { alibabaErrorAnswer, missingParameterAnswer, newRequestId } from "../shared/error-answers";
import { FrameReader, firstMissing, identifierDiffers } from "../shared/emulator-support";
import { normalizeStatus } from "../shared/status-table";

const API = { product: "Oos", host: "oos" };
const DEFAULT_PAGE_SIZE = 50;
const MIN_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 100;
/** `Outputs` of the docs' example, verbatim. */
const DOC_OUTPUTS = '{ \t\t\t\t"commandOutput": "hello\\n" \t\t\t}';
/** `ExecutionTime` of the docs' example. */
const DOC_EXECUTION_TIME = "2020-11-13T08:48:34Z";

/** OOS's answer for an execution it does not know. */
function unknownExecution(): EmulatorAnswer {
  return alibabaErrorAnswer(404, "EntityNotExists.Execution", "The specified execution does not exist.", API);
}

function invalidParameter(name: string): EmulatorAnswer {
  return alibabaErrorAnswer(400, "InvalidParameter", `The parameter ${name} is invalid.`, API);
}

/** `MaxResults` of the request, or undefined when it is out of the API's range. */
function pageSize(req: EmulatorRequest): number | undefined {
  const text = req.params.MaxResults;
  if (text === undefined || text === "") return DEFAULT_PAGE_SIZE;
  const size = /^\d+$/.test(text) ? Number(text) : NaN;
  return size >= MIN_PAGE_SIZE && size <= MAX_PAGE_SIZE ? size : undefined;
}

/** The opaque token of the page starting at `offset` of execution `executionId`. */
function pageToken(executionId: string, offset: number): string {
  return Buffer.from(`${offset}/${executionId}`, "utf8").toString("base64url");
}

/** The offset a token stands for, or undefined when it is not one of ours for this execution. */
function tokenOffset(token: string, executionId: string): number | undefined {
  const match = /^(\d+)\/(.*)$/s.exec(Buffer.from(token, "base64url").toString("utf8"));
  if (!match || match[2] !== executionId || pageToken(executionId, Number(match[1])) !== token) return undefined;
  return Number(match[1]);
}

/** `ResourceExecutionStatus` items of the whole execution in this frame. */
function renderResources(frame: FrameReader, executionId: string): Record<string, string>[] {
  const listed = frame.list("resources");
  const entries = listed
    ? listed.map((item, i) => frame.nested(`resources[${i}]`, item))
    : Array.from({ length: frame.has("status") ? frame.count("count", 1) : 0 }, () => frame);
  return entries.map((entry, i) => {
    const status = entry.requiredText("status");
    return {
      Outputs: renderOutputs(entry, status),
      Status: status,
      ExecutionTime: entry.text("executionTime", DOC_EXECUTION_TIME),
      ResourceId: listed ? entry.text("resourceId", generatedId(i)) : generatedId(i),
      ExecutionId: executionId,
    };
  });
}

function generatedId(index: number): string {
  return `i-opgate${String(index + 1).padStart(14, "0")}`;
}

function renderOutputs(entry: FrameReader, status: string): string {
  if (!entry.has("outputs")) return normalizeStatus(status) === "success" ? DOC_OUTPUTS : "{}";
  const outputs = entry.raw("outputs");
  return typeof outputs === "string" ? outputs : JSON.stringify(outputs ?? null);
}

/** How the emulator serves OOS. */
export const oosEmulator: ProviderEmulator = {
  route: { cloud: "alibaba", action: "ListResourceExecutionStatus", version: "2019-06-01" },

  operationIdOf(req) {
    const missing = firstMissing(req.params, ["RegionId", "ExecutionId"]);
    if (missing) return missingParameterAnswer(missing, API);
    if (pageSize(req) === undefined) return invalidParameter("MaxResults");
    return req.params.ExecutionId!;
  },

  render(op: EmulatedOperation, frameData: Record<string, unknown>, req: EmulatorRequest) {
    if (identifierDiffers(op, "region", req.params.RegionId)) return unknownExecution();
    const size = pageSize(req);
    if (size === undefined) return invalidParameter("MaxResults");
    const token = req.params.NextToken;
    const offset = token ? tokenOffset(token, op.id) : 0;
    const all = renderResources(new FrameReader("oos", frameData), op.id);
    if (offset === undefined || offset > all.length) return invalidParameter("NextToken");
    const end = offset + size;
    return {
      status: 200,
      body: {
        ...(end < all.length ? { NextToken: pageToken(op.id, end) } : {}),
        RequestId: newRequestId(),
        MaxResults: size,
        ResourceExecutionStatus: all.slice(offset, end),
      },
    };
  },

  unknown: unknownExecution,
};
