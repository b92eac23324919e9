/**
 * The generic waiter (`service: "api"`, `opgate wait api`): a wait on any
 * read call of Alibaba Cloud or Huawei Cloud, described by an API wait spec
 * (spec.ts). Its fields are declared here once, for every face: the spec (a
 * JSON document, checked by check.ts), the vars that fill its placeholders,
 * and the Huawei project; the region's fallbacks depend on the spec's cloud.
 */
import { API_SERVICE } from "../../src/core/result";
import { optionalText } from "../params";
import type { ApiProvider, FieldSpec } from "../types";
import { checkApiWaitSpec } from "./check";
import { VAR_NAME } from "./placeholders";
import { PROJECT_ID, prepareApiWait } from "./prepare";
import type { ApiWaitSpec } from "./spec";

/** `spec` (required), `vars` and `projectId`; all identify the wait (another spec or value is another wait). */
export const API_FIELDS = [
  {
    name: "spec",
    flag: "--spec",
    kind: "json",
    required: true,
    identifying: true,
    description: "the API wait spec: the read call to poll and how its answer maps to the states, message and outputs",
    parse: checkApiWaitSpec,
  },
  {
    name: "vars",
    flag: "--var",
    kind: "map",
    required: false,
    identifying: true,
    description: "values of the spec's {{name}} placeholders",
    pattern: { regex: VAR_NAME, hint: "a var name is letters, digits and _, not starting with a digit" },
  },
  {
    name: "projectId",
    flag: "--project-id",
    kind: "string",
    required: false,
    identifying: true,
    description: "Huawei Cloud project ID: {{project_id}} and the x-project-id header (falls back to HW_PROJECT_ID)",
    pattern: { regex: PROJECT_ID, hint: "a project ID is letters, digits, '-' and '_' (32 hex characters from IAM)" },
  },
] as const satisfies readonly FieldSpec[];

/** The generic waiter's provider. */
export const apiProvider: ApiProvider<typeof API_FIELDS> = {
  name: API_SERVICE,
  fields: API_FIELDS,
  // Alibaba calls fall back to ALIBABA_CLOUD_REGION_ID / ALICLOUD_REGION, Huawei calls to HW_REGION_NAME (prepare.ts).
  region: { required: false },
  prepare: (params, env) =>
    prepareApiWait(
      params.spec as unknown as ApiWaitSpec,
      { vars: (params.vars as Record<string, string> | undefined) ?? {}, region: optionalText(params, "region"), projectId: optionalText(params, "projectId") },
      env,
    ),
};
