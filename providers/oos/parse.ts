/**
 * Reads OOS `ListResourceExecutionStatus` pages and judges the execution on
 * the resources of all pages together.
 */
import type { ResourceStatus, Snapshot } from "../../src/core/result";
import { parseJsonText } from "../shared/json-text";
import { expectArray, expectObject, textOf, trimmedText } from "../shared/json-value";
import { OOS_RESOURCE_STATUS, readOosExecution } from "./status";

/** One page: its resources in API order and the token of the next page (null on the last). */
export interface OosPage {
  resources: ResourceStatus[];
  nextToken: string | null;
}

/** How many resource IDs a failure message lists before "...". */
const LISTED_IDS = 5;

/** Reads one page of the answer. */
export function parseOosPage(answer: unknown): OosPage {
  const body = expectObject(answer, "the OOS answer");
  const items = expectArray(body.ResourceExecutionStatus, "ResourceExecutionStatus in the OOS answer");
  return {
    resources: items.map((item) => readResource(expectObject(item, "an item of ResourceExecutionStatus"))),
    nextToken: trimmedText(body.NextToken),
  };
}

function readResource(item: Record<string, unknown>): ResourceStatus {
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
  const counts: Record<string, number> = {};
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
    outputs: { counts },
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
