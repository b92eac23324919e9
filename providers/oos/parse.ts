/**
 * Reads OOS `ListResourceExecutionStatus` pages and judges the execution on
 * the resources of all pages together (the rule of the README's status table).
 */
import type { ResourceStatus, Snapshot } from "../../src/core/result";
import { expectArray, expectObject, expectSameOperation, parseJsonText, textOf, trimmedText } from "../shared/api-answers";
import { StatusTable, type StatusReading } from "../shared/status-table";

/** The `outputs` of an OOS Result (the resources are the Result's `resources`). */
export type OosOutputs = {
  /** Raw resource status → number of resources. */
  counts: Record<string, number>;
};

/** One resource's raw status → state (case-insensitive). */
export const OOS_RESOURCE_STATUS = new StatusTable("OOS resource", {
  PENDING: ["Started", "Queued", "Waiting", "Pending"],
  RUNNING: ["Running"],
  SUCCESS: ["Success", "Skipped"],
  FAILURE: ["Failed"],
  CANCELLED: ["Cancelled"],
});

/** The execution's reading plus the raw status the Result reports. */
export interface OosReading extends StatusReading {
  rawStatus: string | null;
}

/**
 * The state of an execution from its resources' raw statuses, in API order,
 * by the whole-set rule (`StatusTable.readSet`): no resource at all is
 * PENDING. `rawStatus` is `Success` on success, else the raw status of the
 * first resource that is not Success or Skipped.
 */
export function readOosExecution(statuses: readonly string[]): OosReading {
  const reading = OOS_RESOURCE_STATUS.readSet(statuses);
  const firstUnfinished = statuses.find((raw) => OOS_RESOURCE_STATUS.lookup(raw) !== "SUCCESS");
  return { ...reading, rawStatus: reading.state === "SUCCESS" ? "Success" : (firstUnfinished ?? null) };
}

/** One page: its resources in API order and the token of the next page (null on the last). */
export interface OosPage {
  resources: ResourceStatus[];
  nextToken: string | null;
}

/** How many resource IDs a failure message lists before "...". */
const LISTED_IDS = 5;

/**
 * Reads one page of the answer about execution `executionId`. An item about
 * another execution (its `ExecutionId`) throws a notFound `ApiError` (see
 * `expectSameOperation`).
 */
export function parseOosPage(answer: unknown, executionId: string): OosPage {
  const body = expectObject(answer, "the OOS answer");
  const items = expectArray(body.ResourceExecutionStatus, "ResourceExecutionStatus in the OOS answer");
  return {
    resources: items.map((item) => readResource(expectObject(item, "an item of ResourceExecutionStatus"), executionId)),
    nextToken: trimmedText(body.NextToken),
  };
}

function readResource(item: Record<string, unknown>, executionId: string): ResourceStatus {
  expectSameOperation("OOS execution", executionId, item.ExecutionId);
  const outputs = item.Outputs;
  return {
    resourceId: textOf(item.ResourceId) ?? "",
    status: trimmedText(item.Status) ?? "",
    outputs: typeof outputs === "string" ? parseJsonText(outputs) : (outputs ?? null),
    executionTime: textOf(item.ExecutionTime),
  };
}

/**
 * The Snapshot of an execution from all its resources. Outputs: `counts`
 * (raw status → number of resources). Progress counts the resources that are
 * done (Success, Skipped, Failed, Cancelled).
 */
export function oosSnapshot(resources: ResourceStatus[]): Snapshot {
  const reading = readOosExecution(resources.map((r) => r.status));
  const counts: OosOutputs["counts"] = {};
  let done = 0;
  for (const resource of resources) {
    counts[resource.status] = (counts[resource.status] ?? 0) + 1;
    const state = OOS_RESOURCE_STATUS.lookup(resource.status);
    if (state === "SUCCESS" || state === "FAILURE" || state === "CANCELLED") done += 1;
  }
  return {
    state: reading.state,
    rawStatus: reading.rawStatus,
    message: reading.state === "FAILURE" || reading.state === "CANCELLED" ? describeEnd(resources, reading.state) : null,
    outputs: { counts } satisfies OosOutputs,
    steps: [],
    resources,
    progress: { done, total: resources.length, unit: "resources" },
    note: reading.note,
  };
}

/** "2 of 5 resources failed: i-a, i-b". */
function describeEnd(resources: ResourceStatus[], state: "FAILURE" | "CANCELLED"): string {
  const ids = resources.filter((r) => OOS_RESOURCE_STATUS.lookup(r.status) === state).map((r) => r.resourceId);
  const listed = ids.slice(0, LISTED_IDS).join(", ") + (ids.length > LISTED_IDS ? ", ..." : "");
  const verb = state === "FAILURE" ? "failed" : "were cancelled";
  return `${ids.length} of ${resources.length} resources ${verb}: ${listed}`;
}
