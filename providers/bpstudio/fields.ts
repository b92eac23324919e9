/** The input fields of a BPStudio wait. */
import type { FieldSpec } from "../types";
import { idField } from "../shared/fields";

/** `--operation-id` (required) and `--resource-group-id` (optional); both identify the operation. */
export const BPSTUDIO_FIELDS: readonly FieldSpec[] = [
  idField({ name: "operationId", flag: "--operation-id", required: true, description: "BPStudio operation ID (op_...; valid for one hour)" }),
  idField({ name: "resourceGroupId", flag: "--resource-group-id", required: false, description: "resource group ID used for permission checks" }),
];
