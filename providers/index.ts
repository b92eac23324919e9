/**
 * The registry of the providers: the four fixed services and the generic
 * waiter (`api`), the input type each one's field list stands for, and how a
 * wait of any of them is prepared.
 */
import { InputError } from "../src/core/errors";
import { API_SERVICE, SERVICES, type ServiceName, type WaitServiceName } from "../src/core/result";
import { apiProvider } from "./api";
import { bcs } from "./bcs";
import { bpstudio } from "./bpstudio";
import { emr } from "./emr";
import { oos } from "./oos";
import { optionalText, type FieldValues } from "./params";
import type { Params, PreparedWait, ServiceProvider, WaitProvider } from "./types";

/** The four fixed services' providers, by service name. */
export const PROVIDERS: Readonly<Record<ServiceName, ServiceProvider>> = { bpstudio, emr, bcs, oos };

/** Each service's field list, with its literal names, kinds and required flags. */
interface ServiceFieldLists {
  bpstudio: typeof bpstudio.fields;
  emr: typeof emr.fields;
  bcs: typeof bcs.fields;
  oos: typeof oos.fields;
  api: typeof apiProvider.fields;
}

/** The values of service `S`'s own fields: `ServiceFieldValues<"emr">` is `{ clusterId: string; operationId: string; allowPartial?: boolean }`. */
export type ServiceFieldValues<S extends WaitServiceName> = FieldValues<ServiceFieldLists[S]>;

/** What a message lists as the services there are. */
function serviceChoices(names: readonly string[]): string {
  return `use one of ${names.join(", ")}`;
}

/** A service name as the registries key it (lower case), or undefined for a value that is not text. */
function serviceKey(name: unknown): string | undefined {
  return typeof name === "string" ? name.toLowerCase() : undefined;
}

/** A shown form of a value that should have been a service name. */
function shownService(name: unknown): string {
  const shown = typeof name === "string" || typeof name === "number" || typeof name === "boolean" || name == null ? String(name) : typeof name;
  return JSON.stringify(shown);
}

/**
 * The provider of one of the four fixed services, in any case (`EMR` is `emr`,
 * as for the CLI and the HCL module); throws `InputError` on field `service`
 * for anything else.
 */
export function getProvider(name: unknown): ServiceProvider {
  const key = serviceKey(name);
  if (key !== undefined && Object.hasOwn(PROVIDERS, key)) return PROVIDERS[key as ServiceName];
  throw new InputError("service", `unknown service ${shownService(name)}: ${serviceChoices(SERVICES)}`);
}

/** The provider a wait on `name` (in any case) runs with: a fixed service's, or the generic waiter's for `api`. Throws `InputError` on field `service`. */
export function getWaitProvider(name: unknown): WaitProvider {
  const key = serviceKey(name);
  if (key === API_SERVICE) return apiProvider;
  if (key !== undefined && Object.hasOwn(PROVIDERS, key)) return PROVIDERS[key as ServiceName];
  throw new InputError("service", `unknown service ${shownService(name)}: ${serviceChoices([...SERVICES, API_SERVICE])}`);
}

/**
 * One wait of `provider`, ready to run. A fixed service's wait goes to its
 * API in the wait's region; the generic waiter prepares its own from the spec.
 */
export function prepareWait(provider: WaitProvider, params: Params, env: Readonly<Record<string, string | undefined>>): PreparedWait {
  if (provider.name === API_SERVICE) return provider.prepare(params, env);
  const region = optionalText(params, "region") ?? "";
  return {
    operationId: provider.operationIdOf(params),
    target: {
      cloud: provider.cloud,
      defaultEndpoint: () => provider.defaultEndpoint(region),
      projectId: optionalText(params, "projectId"),
      limiterScope: region,
      isNotFound: provider.isNotFound,
    },
    poll: (api, signal) => provider.poll(params, api, signal),
  };
}
