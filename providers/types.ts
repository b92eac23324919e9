/**
 * The shape every provider room (`providers/<service>/`) has. A provider is
 * everything one cloud API means: its request parameters, its status
 * vocabulary and the parsing of its answers; how the emulator renders it is
 * registered apart (`providers/emulators.ts`), so that the library never loads it.
 */
import type { ApiCaller, ApiRequest, Cloud } from "../src/clients/types";
import type { API_SERVICE, ServiceName, Snapshot } from "../src/core/result";
import type { ScheduleOptions } from "../src/core/schedule";

export type { ApiCaller, ApiRequest, Cloud };

/** How a field of a provider's input is read (CLI flag, Pulumi/CDKTF prop, env fallback). */
export interface FieldSpec {
  /** camelCase name used by the library, Pulumi and CDKTF (`clusterId`). */
  name: string;
  /** CLI flag (`--cluster-id`). */
  flag: string;
  /**
   * The value's kind: `string` (an ID), `boolean` (a switch), `json` (a JSON
   * document checked by `parse`, e.g. the API wait spec) or `map` (names to
   * strings, e.g. the vars of an API wait).
   */
  kind: "string" | "boolean" | "json" | "map";
  required: boolean;
  /** A change of this field means a different operation (Pulumi replace, CDKTF new wait). */
  identifying: boolean;
  /** Environment variables read, in order, when the input leaves the field out. */
  env?: readonly string[];
  /** Value used when neither input nor environment give one. */
  default?: string;
  /** One line for `--help` and JSDoc. */
  description: string;
  /** A shape the value (of a `map`: each name) must have, and how to say so when it does not. */
  pattern?: { regex: RegExp; hint: string };
  /**
   * A `json` field's check: returns the value as the field's type, or throws
   * `InputError` naming the path inside it (`spec.call.version`).
   */
  parse?: (value: unknown) => unknown;
}

/** A field's value after validation: a string, a switch, a checked JSON document or a map of strings. */
export type ParamValue = string | boolean | Readonly<Record<string, unknown>>;

/** The parameters of one wait after validation: field name → value. */
export type Params = Record<string, ParamValue | undefined>;

/** How a provider's region is read: its environment fallbacks and default, and whether a wait must have one (by default: when there is no default). */
export interface RegionSetting extends Pick<FieldSpec, "env" | "default"> {
  required?: boolean;
}

/** An HTTP request as the emulator hands it to a provider's renderer. */
export interface EmulatorRequest {
  /** Alibaba: query + form parameters merged. Huawei: query parameters. */
  params: Record<string, string>;
  /** Huawei: path parameters captured by the route (`project_id`). */
  pathParams: Record<string, string>;
}

/** What the emulator sends back. */
export interface EmulatorAnswer {
  status: number;
  body: unknown;
}

/** A scripted operation as the emulator holds it (see the scenario format in the README). */
export interface EmulatedOperation {
  service: ServiceName;
  id: string;
  /** Service-specific identifiers and defaults from the scenario (`clusterId`, `projectId`, ...). */
  attributes: Record<string, unknown>;
}

/** How the emulator serves one provider's API. */
export interface ProviderEmulator {
  /** Where requests for this API arrive. */
  route:
    | { cloud: "alibaba"; action: string; version: string }
    | { cloud: "huawei"; method: "GET"; path: RegExp };
  /**
   * The operation ID a request asks about, or the API's own error answer
   * (e.g. MissingParameter) when the request is malformed.
   */
  operationIdOf(req: EmulatorRequest): string | EmulatorAnswer;
  /**
   * The API's answer while `op` is in the scripted `frame` (a timeline entry's
   * service data, e.g. `{ status: "RUNNING" }`). Also checks that the request's
   * other identifiers match the operation (EMR `ClusterId`), answering as the
   * API does when they do not.
   */
  render(op: EmulatedOperation, frame: Record<string, unknown>, req: EmulatorRequest): EmulatorAnswer;
  /** The answer of the real API for an operation it does not know (or that expired). */
  unknown(req: EmulatorRequest): EmulatorAnswer;
}

/** Everything opgate knows about one of the four fixed services; `Fields` is the literal type of its field list. */
export interface ServiceProvider<Fields extends readonly FieldSpec[] = readonly FieldSpec[]> {
  readonly name: ServiceName;
  readonly cloud: Cloud;
  /** The service's own input fields (not region/endpoint/timeout, which every service has). */
  readonly fields: Fields;
  /** The region field: its env fallbacks and default (if the service has one). */
  readonly region: RegionSetting;
  /** The operation ID the Result reports (OOS: the execution ID). */
  operationIdOf(params: Params): string;
  /** `https://<service>.<region>.<domain>`. */
  defaultEndpoint(region: string): string;
  /** One poll: ask the API (all pages, for OOS) and read the answer. Throws `ApiError`. */
  poll(params: Params, api: ApiCaller, signal: AbortSignal): Promise<Snapshot>;
  /** True when an API error code means "the operation is not (yet) known". */
  isNotFound(code: string, httpStatus: number): boolean;
}

/** Where the requests of one wait go, and how their error codes read. */
export interface ApiTarget {
  /** The cloud that signs and serves the requests. */
  readonly cloud: Cloud;
  /** The endpoint when the wait names none (`endpoint`, then `OPGATE_ENDPOINT`, come first). Throws `InputError`. */
  defaultEndpoint(): string;
  /** Huawei Cloud: the project, sent as `x-project-id`. */
  readonly projectId?: string;
  /** What names the API in the rate-limiter key, besides the service, endpoint and identity (a fixed service: its region). */
  readonly limiterScope: string;
  /** True when an error code means "the operation is not (yet) known". */
  isNotFound(code: string, httpStatus: number): boolean;
}

/** One wait, ready to run: made from its validated parameters and the environment, before any request. */
export interface PreparedWait {
  /** The operation ID the Result reports. */
  readonly operationId: string;
  /** Where its requests go. */
  readonly target: ApiTarget;
  /** The poll schedule's floor and cap the wait asks for (an API wait spec's `minDelay` and `maxDelay`). */
  readonly schedule?: Partial<Pick<ScheduleOptions, "minDelayMs" | "maxDelayMs">>;
  /** One poll with the signed client of `target`. Throws `ApiError`. */
  poll(api: ApiCaller, signal: AbortSignal): Promise<Snapshot>;
}

/** An API wait ready to run: also the one request each of its polls sends (`opgate api check` shows it). */
export interface PreparedApiWait extends PreparedWait {
  readonly request: ApiRequest;
}

/**
 * The generic waiter's provider (`service: "api"`): each wait's cloud,
 * endpoint, request and reading of the answer come from its API wait spec.
 */
export interface ApiProvider<Fields extends readonly FieldSpec[] = readonly FieldSpec[]> {
  readonly name: typeof API_SERVICE;
  /** Its own input fields (the spec, the vars, the project). */
  readonly fields: Fields;
  /** The region field: its fallbacks depend on the spec's cloud, so they are read in `prepare`. */
  readonly region: RegionSetting;
  /** Prepares one wait; throws `InputError` (placeholders without a value, unused vars, no region where one is needed). */
  prepare(params: Params, env: Readonly<Record<string, string | undefined>>): PreparedApiWait;
}

/** Any provider a wait runs with: one of the four fixed services, or the generic waiter. */
export type WaitProvider = ServiceProvider | ApiProvider;
