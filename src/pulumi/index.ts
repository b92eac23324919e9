/**
 * opgate for Pulumi: dynamic resources that make `pulumi up` wait until a
 * cloud asynchronous operation ends.
 *
 * ```ts
 * import { EmrOperation } from "opgate/pulumi";
 *
 * const op = new EmrOperation("scale-out", { region: "cn-hangzhou", clusterId, operationId });
 * // `op` fails the update unless EMR says COMPLETED; later resources can `dependsOn: [op]`.
 * ```
 *
 * Any other read API, described by an API wait spec (docs/api-wait.md):
 *
 * ```ts
 * import { ApiWait } from "opgate/pulumi";
 *
 * const web = new ApiWait("web-running", { spec, vars: { instance_id: instance.id }, region: "cn-hangzhou" });
 * ```
 *
 * Credentials are read when the provider runs, from stack config
 * (`alicloud:accessKey`, `alicloud:secretKey`, `alicloud:region`, `huaweicloud:accessKey`,
 * `huaweicloud:secretKey`, `huaweicloud:region`, `huaweicloud:projectId`) or the
 * environment; they never reach the state.
 *
 * @packageDocumentation
 */
import "./require-peers";

export { BpStudioOperation, EmrOperation, BcsOperation, OosExecution, ApiWait } from "./resources";
export type {
  BpStudioOperationArgs,
  EmrOperationArgs,
  BcsOperationArgs,
  OosExecutionArgs,
  ApiWaitArgs,
  BpStudioOutputs,
  EmrOutputs,
  BcsOutputs,
  OosOutputs,
} from "./resources";
export type { OperationArgs, OperationOutputs } from "./operation-resource";
export type * from "../../providers/api/spec";
export type { OperationState, ServiceName, Step, SubStep, ResourceStatus } from "../core/result";
export { SERVICES } from "../core/result";
