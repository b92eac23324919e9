/** The input fields of an OOS wait. */
import type { FieldSpec } from "../types";
import { idField } from "../shared/fields";

/** `--execution-id` (required, identifying). */
export const OOS_FIELDS: readonly FieldSpec[] = [
  idField({ name: "executionId", flag: "--execution-id", required: true, description: "OOS execution ID (exec-...)" }),
];
