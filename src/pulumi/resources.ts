/**
 * The opgate Pulumi resources: one per service, and `ApiWait` for any read
 * API (docs/contract.md, "Any read API"). Their arguments mirror the CLI's
 * flags in camelCase (written out here for their documentation; a type test
 * ties each to its provider's field list); their outputs are the Result's
 * fields, with each service's `outputs` typed by its parser (an `ApiWait`'s by
 * its type parameter).
 */
import * as pulumi from "@pulumi/pulumi";
import type { BcsOutputs } from "../../providers/bcs/parse";
import type { BpStudioOutputs } from "../../providers/bpstudio/parse";
import type { EmrOutputs } from "../../providers/emr/parse";
import type { OosOutputs } from "../../providers/oos/parse";
import type { ApiWaitSpec } from "../../providers/api/spec";
import { dynamicProvider } from "./dynamic-provider";
import { operationProps, type OperationArgs, type OperationOutputs } from "./operation-resource";

export type { BcsOutputs, BpStudioOutputs, EmrOutputs, OosOutputs };

/** Arguments of `BpStudioOperation`. */
export interface BpStudioOperationArgs extends OperationArgs {
  /** BPStudio operation ID (`op_...`; BPStudio forgets it after one hour). */
  operationId: pulumi.Input<string>;
  /** Resource group used for permission checks. */
  resourceGroupId?: pulumi.Input<string>;
}

/** The outputs of `BpStudioOperation`. */
export interface BpStudioOperation extends OperationOutputs<BpStudioOutputs> {}

/**
 * Waits for an Alibaba Cloud BPStudio operation (`GetExecuteOperationResult`).
 *
 * @example
 * ```ts
 * import { BpStudioOperation } from "opgate/pulumi";
 *
 * const deploy = new BpStudioOperation("deploy", { operationId: "op_xxxxxxxx", region: "cn-hangzhou" });
 * export const tagMap = deploy.tagMap;
 * ```
 */
export class BpStudioOperation extends pulumi.dynamic.Resource {
  /** `Data.Arguments` of the operation, parsed when it is JSON. */
  declare readonly arguments: pulumi.Output<unknown>;
  /** The operation's `tagMap` (tag key → resource IDs), or null. */
  declare readonly tagMap: pulumi.Output<BpStudioOutputs["tagMap"]>;

  constructor(name: string, args: BpStudioOperationArgs, opts?: pulumi.CustomResourceOptions) {
    super(dynamicProvider, name, operationProps({ service: "bpstudio", type: "BpStudioOperation", name, opts }, args, ["arguments", "tagMap"]), opts, "opgate", "BpStudioOperation");
  }
}

/** Arguments of `EmrOperation`. */
export interface EmrOperationArgs extends OperationArgs {
  /** EMR cluster ID (`c-...`). */
  clusterId: pulumi.Input<string>;
  /** EMR operation ID (`op-...`). */
  operationId: pulumi.Input<string>;
  /** Count `PARTIAL_COMPLETED` as success instead of failure. A change is an update, not a new wait. */
  allowPartial?: pulumi.Input<boolean>;
}

/** The outputs of `EmrOperation`. */
export interface EmrOperation extends OperationOutputs<EmrOutputs> {}

/**
 * Waits for an Alibaba Cloud EMR operation (`GetOperation`).
 *
 * @example
 * ```ts
 * import { EmrOperation } from "opgate/pulumi";
 *
 * const scaleOut = new EmrOperation("scale-out", { region: "cn-hangzhou", clusterId: "c-xxxxxxxx", operationId: "op-xxxxxxxx" });
 * export const finishedAt = scaleOut.outputs.endTime;
 * // Resources that depend on the wait are created only once the operation completed:
 * // new SomeResource("job", { ... }, { dependsOn: [scaleOut] });
 * ```
 */
export class EmrOperation extends pulumi.dynamic.Resource {
  constructor(name: string, args: EmrOperationArgs, opts?: pulumi.CustomResourceOptions) {
    super(dynamicProvider, name, operationProps({ service: "emr", type: "EmrOperation", name, opts }, args), opts, "opgate", "EmrOperation");
  }
}

/** Arguments of `BcsOperation`. */
export interface BcsOperationArgs extends OperationArgs {
  /** Huawei Cloud project ID (falls back to stack config `huaweicloud:projectId`, then `HW_PROJECT_ID`). */
  projectId?: pulumi.Input<string>;
  /** BCS operation record ID. */
  operationId: pulumi.Input<string>;
  /** BCS blockchain ID (narrows the query). */
  blockchainId?: pulumi.Input<string>;
}

/** The outputs of `BcsOperation`. */
export interface BcsOperation extends OperationOutputs<BcsOutputs> {}

/**
 * Waits for a Huawei Cloud BCS operation (`GET /v2/{project_id}/operation/record`).
 *
 * @example
 * ```ts
 * import { BcsOperation } from "opgate/pulumi";
 *
 * const chain = new BcsOperation("chain", { region: "cn-north-4", projectId: "0123456789abcdef", operationId: "4b8f..." });
 * export const steps = chain.steps;
 * ```
 */
export class BcsOperation extends pulumi.dynamic.Resource {
  constructor(name: string, args: BcsOperationArgs, opts?: pulumi.CustomResourceOptions) {
    super(dynamicProvider, name, operationProps({ service: "bcs", type: "BcsOperation", name, opts }, args), opts, "opgate", "BcsOperation");
  }
}

/** Arguments of `OosExecution`. */
export interface OosExecutionArgs extends OperationArgs {
  /** OOS execution ID (`exec-...`). */
  executionId: pulumi.Input<string>;
}

/** The outputs of `OosExecution`. */
export interface OosExecution extends OperationOutputs<OosOutputs> {}

/**
 * Waits for an Alibaba Cloud OOS execution (`ListResourceExecutionStatus`, all pages).
 *
 * @example
 * ```ts
 * import { OosExecution } from "opgate/pulumi";
 *
 * const patch = new OosExecution("patch", { region: "cn-hangzhou", executionId: "exec-xxxxxxxx" });
 * export const perResource = patch.resources;
 * ```
 */
export class OosExecution extends pulumi.dynamic.Resource {
  constructor(name: string, args: OosExecutionArgs, opts?: pulumi.CustomResourceOptions) {
    super(dynamicProvider, name, operationProps({ service: "oos", type: "OosExecution", name, opts }, args), opts, "opgate", "OosExecution");
  }
}

/** Arguments of `ApiWait`. */
export interface ApiWaitArgs extends OperationArgs {
  /**
   * The API wait spec: the read call to poll and how its answer maps to the
   * states, message and outputs (docs/api-wait.md), e.g. a file of yours or a
   * preset of `node_modules/opgate/presets/` read as JSON. Checked when the
   * resource is constructed; an error names its JSON path (`spec.call.action: ...`).
   * A change replaces the resource (a new wait).
   */
  spec: pulumi.Input<ApiWaitSpec>;
  /**
   * Values of the spec's `{{name}}` placeholders (besides the built-ins
   * `region` and `project_id`), each any `pulumi.Input<string>`, e.g. the ID
   * of the instance just created. They never enter an expression. A change
   * replaces the resource (a new wait).
   */
  vars?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * Huawei Cloud project (`{{project_id}}` and the `x-project-id` header);
   * falls back to stack config `huaweicloud:projectId`, then to `HW_PROJECT_ID`.
   * A change replaces the resource.
   */
  projectId?: pulumi.Input<string>;
}

/** The outputs of `ApiWait`: `outputs` holds what the spec's `outputs` select (a missing value is null), typed by `Outputs`. */
export interface ApiWait<Outputs extends object = Record<string, unknown>> extends OperationOutputs<Outputs> {}

/**
 * Waits on any read API of Alibaba Cloud or Huawei Cloud, described by an
 * API wait spec. Credentials come from the spec's cloud: stack config
 * `alicloud:*` or `huaweicloud:*`, else the environment, at run time.
 *
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { ApiWait } from "opgate/pulumi";
 *
 * const spec = JSON.parse(readFileSync("waits/ecs-running.json", "utf8"));
 * const web = new ApiWait<{ privateIp: string | null }>("web-running", {
 *   spec,
 *   vars: { instance_id: instance.id },
 *   region: "cn-hangzhou",
 *   timeout: "15m",
 * });
 * export const webIp = web.outputs.apply((outputs) => outputs.privateIp);
 * ```
 */
export class ApiWait<Outputs extends object = Record<string, unknown>> extends pulumi.dynamic.Resource {
  /** What the spec's `outputs` select (a missing value is null). */
  declare readonly outputs: pulumi.Output<Outputs>;

  constructor(name: string, args: ApiWaitArgs, opts?: pulumi.CustomResourceOptions) {
    super(dynamicProvider, name, operationProps({ service: "api", type: "ApiWait", name, opts }, args), opts, "opgate", "ApiWait");
  }
}
