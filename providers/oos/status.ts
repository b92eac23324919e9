/**
 * OOS resource statuses and the execution-wide rule of docs/contract.md.
 */
import type { OperationState } from "../../src/core/result";
import { StatusTable, type StatusReading } from "../shared/status-table";

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
 * The state of an execution from its resources' raw statuses, in API order:
 * FAILURE if any is Failed; CANCELLED if any is Cancelled (and none Failed);
 * SUCCESS if there is at least one and all are Success or Skipped; else
 * RUNNING if any is Running (or unknown, with a note), else PENDING. No
 * resource at all is PENDING. `rawStatus` is `Success` on success, else the
 * raw status of the first resource that is not Success or Skipped.
 */
export function readOosExecution(statuses: readonly string[]): OosReading {
  const states = statuses.map((raw) => OOS_RESOURCE_STATUS.lookup(raw));
  const unknown = statuses.find((_, i) => states[i] === undefined);
  const state = aggregate(states);
  const firstUnfinished = statuses.find((_, i) => states[i] !== "SUCCESS");
  return {
    state,
    rawStatus: state === "SUCCESS" ? "Success" : (firstUnfinished ?? null),
    note: unknown === undefined ? undefined : OOS_RESOURCE_STATUS.unknownNote(unknown),
  };
}

function aggregate(states: readonly (OperationState | undefined)[]): OperationState {
  if (states.includes("FAILURE")) return "FAILURE";
  if (states.includes("CANCELLED")) return "CANCELLED";
  if (states.length > 0 && states.every((s) => s === "SUCCESS")) return "SUCCESS";
  if (states.some((s) => s === "RUNNING" || s === undefined)) return "RUNNING";
  return "PENDING";
}
