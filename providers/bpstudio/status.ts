/** BPStudio `Data.Status` values (CONTRACT status table). */
import { StatusTable } from "../shared/status-table";

/** INIT → PENDING, RUNNING → RUNNING, SUCCESS → SUCCESS, FAILURE → FAILURE; case-insensitive. */
export const BPSTUDIO_STATUS = new StatusTable("BPStudio", {
  PENDING: ["INIT"],
  RUNNING: ["RUNNING"],
  SUCCESS: ["SUCCESS"],
  FAILURE: ["FAILURE"],
});
