/**
 * What the opgate Pulumi resources share (the four services' and `ApiWait`):
 * the common inputs, the outputs every wait has, and the properties they
 * register with the one shared provider.
 */
import * as pulumi from "@pulumi/pulumi";
import type { OperationState, ResourceStatus, Step, WaitServiceName } from "../core/result";
import { checkArgs } from "./check";
import { SECRET_INPUT_NAMES } from "./inputs";

/** Inputs every opgate resource takes. */
export interface OperationArgs {
  /**
   * Region ID. Falls back to stack config (`alicloud:region`, `huaweicloud:region`), then to the
   * environment (`ALIBABA_CLOUD_REGION_ID`, `ALICLOUD_REGION`, `HW_REGION_NAME`); BPStudio defaults
   * to `cn-hangzhou`. A change replaces the resource (a new wait).
   */
  region?: pulumi.Input<string>;
  /**
   * Deadline of the wait: `90s`, `10m`, `1h30m` or a number of seconds (default `30m`). Pulumi's
   * `customTimeouts` do not reach a dynamic provider; this does. A change is an update, not a new wait.
   */
  timeout?: pulumi.Input<string | number>;
  /**
   * Replaces the service endpoint (falls back to `OPGATE_ENDPOINT`), e.g. the opgate emulator's
   * `http://127.0.0.1:PORT`. A change replaces the resource.
   */
  endpoint?: pulumi.Input<string>;
}

/**
 * The outputs every opgate resource has; `TOutputs` is its service's `outputs`.
 * Creating a resource blocks until the operation is terminal and fails the
 * update, with the API's reason, unless it succeeded; a failed create records
 * nothing, so the next `up` waits again. Refresh re-reads the operation and
 * keeps the stored outputs once the API has forgotten it. Deleting it does
 * nothing in the cloud.
 */
export interface OperationOutputs<TOutputs extends object> {
  /** opgate's state of the operation (`SUCCESS` once created). */
  readonly status: pulumi.Output<OperationState>;
  /** The status exactly as the API gave it. */
  readonly rawStatus: pulumi.Output<string | null>;
  /** The API's human message, if any. */
  readonly message: pulumi.Output<string | null>;
  /** The service's outputs (see the Result in opgate's README). */
  readonly outputs: pulumi.Output<TOutputs>;
  /** BCS: the operation's steps and sub-steps; empty for other services. */
  readonly steps: pulumi.Output<Step[]>;
  /** OOS: the status of every resource of the execution; empty for other services. */
  readonly resources: pulumi.Output<ResourceStatus[]>;
}

/** Which opgate resource is being constructed, for its checks and their messages. */
export interface ResourceIdentity {
  service: WaitServiceName;
  /** The class: `EmrOperation`. */
  type: string;
  /** The resource's name in the program. */
  name: string;
  opts?: pulumi.CustomResourceOptions;
}

/**
 * The properties an opgate resource registers with the one shared provider:
 * its args, its service, the names of its secret inputs, and its outputs
 * (`serviceOutputs` besides those of `OperationOutputs`), unknown until created.
 * Throws `pulumi.ResourceError` first, registering nothing, when an argument
 * already known is one the provider's check would refuse (see `checkArgs`).
 */
export function operationProps(resource: ResourceIdentity, args: OperationArgs, serviceOutputs: readonly string[] = []): pulumi.Inputs {
  const { service, type, name, opts } = resource;
  checkArgs(service, type, name, args, opts?.parent);
  const outputNames = ["status", "rawStatus", "message", "outputs", "steps", "resources", ...serviceOutputs];
  return {
    ...args,
    service,
    [SECRET_INPUT_NAMES]: secretInputNames(args),
    ...Object.fromEntries(outputNames.map((output) => [output, undefined])),
  };
}

/**
 * The names of the inputs given as secrets. The engine strips secret marks
 * before it calls a dynamic provider, and re-marks only the outputs named like
 * a secret input; with these names the provider also marks the outputs that
 * may quote one (an echoed cluster ID, an API message).
 */
async function secretInputNames(args: OperationArgs): Promise<string[]> {
  const entries = Object.entries(args).filter(([, value]) => value !== undefined);
  const secret = await Promise.all(entries.map(([, value]) => pulumi.isSecret(pulumi.output(value))));
  return entries.filter((_, i) => secret[i]).map(([name]) => name);
}
