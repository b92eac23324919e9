/**
 * The registry of the four providers, and the input type each one's field
 * list stands for.
 */
import { InputError } from "../src/core/errors";
import { SERVICES, type ServiceName } from "../src/core/result";
import { bcs } from "./bcs";
import { bpstudio } from "./bpstudio";
import { emr } from "./emr";
import { oos } from "./oos";
import type { FieldValues } from "./params";
import type { ServiceProvider } from "./types";

/** Every provider by service name. */
export const PROVIDERS: Readonly<Record<ServiceName, ServiceProvider>> = { bpstudio, emr, bcs, oos };

/** Each service's field list, with its literal names, kinds and required flags. */
interface ServiceFieldLists {
  bpstudio: typeof bpstudio.fields;
  emr: typeof emr.fields;
  bcs: typeof bcs.fields;
  oos: typeof oos.fields;
}

/** The values of service `S`'s own fields: `ServiceFieldValues<"emr">` is `{ clusterId: string; operationId: string; allowPartial?: boolean }`. */
export type ServiceFieldValues<S extends ServiceName> = FieldValues<ServiceFieldLists[S]>;

/**
 * The provider of service `name`, in any case (`EMR` is `emr`, as for the CLI
 * and the HCL module); throws `InputError` on field `service` for anything else.
 */
export function getProvider(name: unknown): ServiceProvider {
  const key = typeof name === "string" ? name.toLowerCase() : name;
  if (typeof key === "string" && Object.hasOwn(PROVIDERS, key)) return PROVIDERS[key as ServiceName];
  const shown = typeof name === "string" || typeof name === "number" || typeof name === "boolean" || name == null ? String(name) : typeof name;
  throw new InputError("service", `unknown service ${JSON.stringify(shown)}: use one of ${SERVICES.join(", ")}`);
}
