/**
 * The shape every provider room (`providers/<service>/`) has. A provider is
 * everything one cloud API means: its request parameters, its status
 * vocabulary and the parsing of its answers; how the emulator renders it is
 * registered apart (`providers/emulators.ts`), so that the library never loads it.
 */
import type { ApiCaller, ApiRequest, Cloud } from "../src/clients/types";
import type { ServiceName, Snapshot } from "../src/core/result";

export type { ApiCaller, ApiRequest, Cloud };

/** How a field of a provider's input is read (CLI flag, Pulumi/CDKTF prop, env fallback). */
export interface FieldSpec {
  /** camelCase name used by the library, Pulumi and CDKTF (`clusterId`). */
  name: string;
  /** CLI flag (`--cluster-id`). */
  flag: string;
  kind: "string" | "boolean";
  required: boolean;
  /** A change of this field means a different operation (Pulumi replace, CDKTF new wait). */
  identifying: boolean;
  /** Environment variables read, in order, when the input leaves the field out. */
  env?: readonly string[];
  /** Value used when neither input nor environment give one. */
  default?: string;
  /** One line for `--help` and JSDoc. */
  description: string;
  /** A shape the value must have, and how to say so when it does not. */
  pattern?: { regex: RegExp; hint: string };
}

/** The parameters of one wait after validation: field name → value. */
export type Params = Record<string, string | boolean | undefined>;

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

/** Everything opgate knows about one service; `Fields` is the literal type of its field list. */
export interface ServiceProvider<Fields extends readonly FieldSpec[] = readonly FieldSpec[]> {
  readonly name: ServiceName;
  readonly cloud: Cloud;
  /** The service's own input fields (not region/endpoint/timeout, which every service has). */
  readonly fields: Fields;
  /** The region field: its env fallbacks and default (if the service has one). */
  readonly region: Pick<FieldSpec, "env" | "default">;
  /** The operation ID the Result reports (OOS: the execution ID). */
  operationIdOf(params: Params): string;
  /** `https://<service>.<region>.<domain>`. */
  defaultEndpoint(region: string): string;
  /** One poll: ask the API (all pages, for OOS) and read the answer. Throws `ApiError`. */
  poll(params: Params, api: ApiCaller, signal: AbortSignal): Promise<Snapshot>;
  /** True when an API error code means "the operation is not (yet) known". */
  isNotFound(code: string, httpStatus: number): boolean;
}
