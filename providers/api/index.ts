/**
 * The generic waiter (`service: "api"`, `opgate wait api`): a wait on any
 * read call of Alibaba Cloud or Huawei Cloud, described by an API wait spec
 * (spec.ts). Its fields are declared here once, for every face: the spec (a
 * JSON document, checked by check.ts), the vars that fill its placeholders,
 * and the Huawei project; the region's fallbacks depend on the spec's cloud.
 * The checks and the preparation load when a spec is first read, so that
 * `require("opgate")` stays light.
 */
import { API_SERVICE } from "../../src/core/result";
import { HUAWEI_PROJECT_ID, optionalText } from "../params";
import type { ApiProvider, FieldSpec } from "../types";
import { VAR_NAME } from "./placeholders";
import type { ApiWaitSpec } from "./spec";

/** The spec's checks (check.ts), loaded on first use. */
function checks(): typeof import("./check") {
  return require("./check") as typeof import("./check");
}

/** The preparation of a wait (prepare.ts), loaded on first use. */
function preparation(): typeof import("./prepare") {
  return require("./prepare") as typeof import("./prepare");
}

/** `spec` (required), `vars` and `projectId`; all identify the wait (another spec or value is another wait). */
export const API_FIELDS = [
  {
    name: "spec",
    flag: "--spec",
    kind: "json",
    required: true,
    identifying: true,
    description: "the API wait spec: the read call to poll and how its answer maps to the states, message and outputs",
    parse: (value: unknown): ApiWaitSpec => checks().checkApiWaitSpec(value),
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
    pattern: HUAWEI_PROJECT_ID,
  },
] as const satisfies readonly FieldSpec[];

/** The generic waiter's provider. */
export const apiProvider: ApiProvider<typeof API_FIELDS> = {
  name: API_SERVICE,
  fields: API_FIELDS,
  // Alibaba calls fall back to ALIBABA_CLOUD_REGION_ID / ALICLOUD_REGION, Huawei calls to HW_REGION_NAME (prepare.ts).
  region: { required: false },
  prepare: (params, env) =>
    preparation().prepareApiWait(
      params.spec as unknown as ApiWaitSpec,
      { vars: (params.vars as Record<string, string> | undefined) ?? {}, region: optionalText(params, "region"), projectId: optionalText(params, "projectId") },
      env,
    ),
};

/**
 * Checks the names of a wait's vars against `spec` (already checked) before
 * their values are known: none shadows a built-in, each is used, and every
 * placeholder besides the built-ins has one. Throws `InputError`, in the
 * words preparing the wait would use.
 */
export function checkVarNames(spec: ApiWaitSpec, names: readonly string[]): void {
  preparation().checkVarNames(spec, names);
}
