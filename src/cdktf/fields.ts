/**
 * The inputs of a CDKTF wait: the service's own fields (region included) plus
 * the two every service shares, described with the same `FieldSpec` so that
 * one loop builds the validation, the trigger keys, the command's flags and
 * its environment.
 */
import { allFields } from "../../providers/params";
import type { FieldSpec, ServiceProvider } from "../../providers/types";

/** Another endpoint is another API (e.g. the emulator instead of the cloud): it identifies the operation. */
const ENDPOINT_FIELD: FieldSpec = {
  name: "endpoint",
  flag: "--endpoint",
  kind: "string",
  required: false,
  identifying: true,
  env: ["OPGATE_ENDPOINT"],
  description: "service endpoint replacing the cloud's (e.g. the emulator's URL)",
};

/** The deadline only bounds the wait: changing it never starts a new one. */
const TIMEOUT_FIELD: FieldSpec = {
  name: "timeout",
  flag: "--timeout",
  kind: "string",
  required: false,
  identifying: false,
  description: "deadline of the wait (90s, 10m, 1h30m; default 30m)",
};

/** Every input of a wait of `provider`: its fields (region first), then `endpoint` and `timeout`. */
export function waitFields(provider: ServiceProvider): FieldSpec[] {
  return [...allFields(provider), ENDPOINT_FIELD, TIMEOUT_FIELD];
}

/** `operationId` → `OPGATE_ARG_OPERATION_ID`: the variable that carries the field to the command. */
export function environmentName(field: FieldSpec): string {
  return `OPGATE_ARG_${field.name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}
