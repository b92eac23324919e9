/** EMR `OperationState` values (CONTRACT status table). */
import { normalizeStatus, StatusTable, type StatusReading } from "../shared/status-table";

const EMR_STATUS = new StatusTable("EMR", {
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
