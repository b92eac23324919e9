/** The input fields of an EMR wait. */
import type { FieldSpec } from "../types";
import { idField } from "../shared/fields";

/** `--cluster-id` and `--operation-id` identify the operation; `--allow-partial` only changes how it is judged. */
export const EMR_FIELDS: readonly FieldSpec[] = [
  idField({ name: "clusterId", flag: "--cluster-id", required: true, description: "EMR cluster ID (c-...)" }),
  idField({ name: "operationId", flag: "--operation-id", required: true, description: "EMR operation ID (op-...)" }),
  {
    name: "allowPartial",
    flag: "--allow-partial",
    kind: "boolean",
    required: false,
    identifying: false,
    description: "count PARTIAL_COMPLETED as success instead of failure",
  },
];
