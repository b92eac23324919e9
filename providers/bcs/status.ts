/** BCS `operation_status` values (CONTRACT status table). */
import { StatusTable } from "../shared/status-table";

/** waiting → PENDING, processing → RUNNING, finished → SUCCESS, failed → FAILURE, stop → CANCELLED; case-insensitive. */
export const BCS_STATUS = new StatusTable("BCS", {
  PENDING: ["waiting"],
  RUNNING: ["processing"],
  SUCCESS: ["finished"],
  FAILURE: ["failed"],
  CANCELLED: ["stop"],
});
