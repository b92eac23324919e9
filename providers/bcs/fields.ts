/** The input fields of a BCS wait. */
import type { FieldSpec } from "../types";
import { idField } from "../shared/fields";

/** `--project-id` (env `HW_PROJECT_ID`), `--operation-id` and optional `--blockchain-id`; all identify the operation. */
export const BCS_FIELDS: readonly FieldSpec[] = [
  {
    ...idField({ name: "projectId", flag: "--project-id", required: true, env: ["HW_PROJECT_ID"], description: "Huawei Cloud project ID" }),
    // It becomes a path segment: no "/", "?" or "%" may reshape the request.
    pattern: { regex: /^[A-Za-z0-9_-]+$/, hint: "a project ID is letters, digits, '-' and '_' (32 hex characters from IAM)" },
  },
  idField({ name: "operationId", flag: "--operation-id", required: true, description: "BCS operation record ID" }),
  idField({ name: "blockchainId", flag: "--blockchain-id", required: false, description: "BCS blockchain ID (narrows the query)" }),
];
