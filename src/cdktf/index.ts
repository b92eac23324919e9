/**
 * `opgate/cdktf` (and `opgate/cdktn`): CDK for Terraform constructs that make
 * `terraform apply` wait for a cloud asynchronous operation (or, `ApiWait`,
 * for any read API to say so), fail with its reason unless it succeeds, and
 * keep its outputs in state, typed. They
 * synthesize only Terraform built-ins: no provider to download. Each works in
 * a `cdktf` app and in a CDK Terrain (`cdktn`) app.
 *
 * ```ts
 * const wait = new EmrOperationWait(this, "scale-out", { region, clusterId, operationId });
 * new DataResource(this, "after", { dependsOn: [wait] });
 * new TerraformOutput(this, "reason", { value: Fn.lookup(wait.outputs, "stateChangeReason", null) });
 * ```
 *
 * @packageDocumentation
 */
import "./require-peers";
import type { Construct } from "constructs";
import { OperationWait, type OperationWaitProps } from "./operation-wait";
import { placed } from "./props";
import { checkVarNames } from "../../providers/api";
import type { ApiWaitSpec } from "../../providers/api/spec";
import type { TerraformResolvable } from "./terraform-kit";

export { OperationWait, type OperationWaitProps } from "./operation-wait";
export type { TerraformDependable, TerraformResolvable } from "./terraform-kit";
export { SERVICES, type ServiceName, type WaitServiceName } from "../core/result";
export type * from "../../providers/api/spec";

/** Alibaba Cloud BPStudio `GetExecuteOperationResult`. Region defaults to cn-hangzhou. */
export interface BpStudioOperationWaitProps extends OperationWaitProps {
  /** The operation ID (`op_...`); BPStudio forgets it after one hour. */
  readonly operationId: string;
  /** Resource group used for permission checks. */
  readonly resourceGroupId?: string;
}

/** Waits for a BPStudio operation; also exposes the application's `tagMap` and `arguments`. */
export class BpStudioOperationWait extends OperationWait {
  /** `outputs.tagMap` (tag → resource IDs) as a Terraform map of lists of strings; empty when the operation gave none. */
  readonly tagMap: Record<string, string[]>;
  /** `outputs.arguments`: the operation's `Arguments`, parsed when JSON (null when absent). */
  readonly arguments: TerraformResolvable;

  constructor(scope: Construct, id: string, props: BpStudioOperationWaitProps) {
    super(scope, id, "bpstudio", props);
    this.tagMap = this.stringListMapField("tagMap");
    this.arguments = this.outputsField("arguments");
  }
}

/** Alibaba Cloud EMR `GetOperation`. Region falls back to ALIBABA_CLOUD_REGION_ID / ALICLOUD_REGION at apply time. */
export interface EmrOperationWaitProps extends OperationWaitProps {
  /** The cluster (`c-...`). */
  readonly clusterId: string;
  /** The operation (`op-...`). */
  readonly operationId: string;
  /** Count PARTIAL_COMPLETED as success instead of failure. Changing it never starts a new wait. */
  readonly allowPartial?: boolean | TerraformResolvable;
}

/** Waits for an EMR operation. */
export class EmrOperationWait extends OperationWait {
  constructor(scope: Construct, id: string, props: EmrOperationWaitProps) {
    super(scope, id, "emr", props);
  }
}

/** Huawei Cloud BCS operation record. Region and project fall back to HW_REGION_NAME / HW_PROJECT_ID at apply time. */
export interface BcsOperationWaitProps extends OperationWaitProps {
  /** The Huawei Cloud project. */
  readonly projectId?: string;
  /** The operation record ID. */
  readonly operationId: string;
  /** Narrows the query to one blockchain. */
  readonly blockchainId?: string;
}

/** Waits for a BCS operation. */
export class BcsOperationWait extends OperationWait {
  constructor(scope: Construct, id: string, props: BcsOperationWaitProps) {
    super(scope, id, "bcs", props);
  }
}

/** Alibaba Cloud OOS `ListResourceExecutionStatus` (all pages). Region falls back to the environment at apply time. */
export interface OosExecutionWaitProps extends OperationWaitProps {
  /** The execution (`exec-...`). */
  readonly executionId: string;
}

/** Waits for an OOS execution: every resource Success or Skipped. */
export class OosExecutionWait extends OperationWait {
  constructor(scope: Construct, id: string, props: OosExecutionWaitProps) {
    super(scope, id, "oos", props);
  }
}

/**
 * Any read API of Alibaba Cloud or Huawei Cloud, described by an API wait spec
 * (docs/api-wait.md). Region falls back at apply time to the environment of
 * the spec's cloud (ALIBABA_CLOUD_REGION_ID / ALICLOUD_REGION, HW_REGION_NAME).
 */
export interface ApiWaitProps extends OperationWaitProps {
  /**
   * The API wait spec, as an object: e.g. a file of yours or a preset of
   * `node_modules/opgate/presets/` read with `JSON.parse(readFileSync(...))`.
   * Checked at synth (an error names its JSON path, `spec.call.action`); it
   * holds no reference: a value known only at apply is a var. A change is a new wait.
   */
  readonly spec: ApiWaitSpec;
  /**
   * Values of the spec's `{{name}}` placeholders (besides the built-ins
   * `region` and `project_id`): strings or references to other resources
   * (`instance.id`). They reach the API verbatim and never enter an
   * expression. A change is a new wait.
   */
  readonly vars?: Readonly<Record<string, string>>;
  /** Huawei Cloud project (`{{project_id}}` and the `x-project-id` header); left out, HW_PROJECT_ID at apply time. */
  readonly projectId?: string;
}

/**
 * Waits on any read API until the spec's acceptors say it succeeded; fails
 * the apply with the answer's reason when they say it failed. `outputs` holds
 * what the spec's `outputs` select (a missing value is null), typed:
 *
 * ```ts
 * const running = new ApiWait(this, "web-running", {
 *   spec: JSON.parse(readFileSync("waits/ecs-running.json", "utf8")),
 *   vars: { instance_id: instance.id },
 *   region: "cn-hangzhou",
 * });
 * new TerraformOutput(this, "web-ip", { value: Fn.lookup(running.outputs, "privateIp", null) });
 * ```
 */
export class ApiWait extends OperationWait {
  constructor(scope: Construct, id: string, props: ApiWaitProps) {
    super(scope, id, "api", props);
    // The vars' names are known at synth, even where their values are references: each must fill a placeholder.
    placed(this.node.path, () => checkVarNames(props.spec, Object.keys(props.vars ?? {})));
  }
}
