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
 * Credentials are read when the provider runs, from stack config
 * (`alicloud:accessKey`, `alicloud:secretKey`, `alicloud:region`, `huaweicloud:accessKey`,
 * `huaweicloud:secretKey`, `huaweicloud:region`, `huaweicloud:projectId`) or the
 * environment; they never reach the state.
 *
 * @packageDocumentation
 */
import "./require-peers";

export { BpStudioOperation, EmrOperation, BcsOperation, OosExecution } from "./resources";
export type {
  BpStudioOperationArgs,
  EmrOperationArgs,
  BcsOperationArgs,
  OosExecutionArgs,
  BpStudioOutputs,
  EmrOutputs,
  BcsOutputs,
  OosOutputs,
} from "./resources";
export type { OperationArgs, OperationOutputs } from "./operation-resource";
export type { OperationState, ServiceName, Step, SubStep, ResourceStatus } from "../core/result";
export { SERVICES } from "../core/result";
