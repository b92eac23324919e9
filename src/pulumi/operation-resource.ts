/**
 * What the four opgate Pulumi resources share: the common inputs, the outputs
 * every service has, and the registration with the one shared provider.
 */
import * as pulumi from "@pulumi/pulumi";
import type { OperationState, ResourceStatus, ServiceName, Step } from "../core/result";
import { dynamicProvider } from "./dynamic-provider";
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
 * A cloud operation that `pulumi up` waits for. Creating it blocks until the
 * operation is terminal and fails the update, with the API's reason, unless it
 * succeeded; a failed create records nothing, so the next `up` waits again.
 * Refresh re-reads the operation and keeps the stored outputs once the API has
 * forgotten it. Deleting it does nothing in the cloud.
 */
export abstract class OperationResource<TOutputs extends object> extends pulumi.dynamic.Resource {
  /** opgate's state of the operation (`SUCCESS` once created). */
  declare readonly status: pulumi.Output<OperationState>;
  /** The status exactly as the API gave it. */
  declare readonly rawStatus: pulumi.Output<string | null>;
  /** The API's human message, if any. */
  declare readonly message: pulumi.Output<string | null>;
  /** The service's outputs (see the Result in opgate's README). */
  declare readonly outputs: pulumi.Output<TOutputs>;
  /** BCS: the operation's steps and sub-steps; empty for other services. */
  declare readonly steps: pulumi.Output<Step[]>;
  /** OOS: the status of every resource of the execution; empty for other services. */
  declare readonly resources: pulumi.Output<ResourceStatus[]>;

  protected constructor(
    service: ServiceName,
    type: string,
    name: string,
    args: OperationArgs,
    opts: pulumi.CustomResourceOptions | undefined,
    serviceOutputs: readonly string[] = [],
  ) {
    const outputNames = ["status", "rawStatus", "message", "outputs", "steps", "resources", ...serviceOutputs];
    const props: pulumi.Inputs = {
      ...args,
      service,
      [SECRET_INPUT_NAMES]: secretInputNames(args),
      ...Object.fromEntries(outputNames.map((output) => [output, undefined])),
    };
    super(dynamicProvider, name, props, opts, "opgate", type);
  }
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
