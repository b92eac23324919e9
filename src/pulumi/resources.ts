/**
 * The four opgate Pulumi resources, one per cloud API. Their arguments mirror
 * the CLI's flags in camelCase (written out here for their documentation; a
 * type test ties each to its service's field list); their outputs are the
 * Result's fields, with each service's `outputs` typed by its parser.
 */
import * as pulumi from "@pulumi/pulumi";
import type { BcsOutputs } from "../../providers/bcs/parse";
import type { BpStudioOutputs } from "../../providers/bpstudio/parse";
import type { EmrOutputs } from "../../providers/emr/parse";
import type { OosOutputs } from "../../providers/oos/parse";
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
