/**
 * opgate: block until a cloud asynchronous operation ends.
 *
 * ```ts
 * import { waitForOperation } from "opgate";
 * const result = await waitForOperation({ service: "emr", region: "cn-hangzhou", clusterId, operationId });
 * if (result.outcome !== "SUCCESS") throw new Error(result.message ?? result.outcome);
 * ```
 *
 * Any other read API, described by an API wait spec (docs/api-wait.md):
 *
 * ```ts
 * import { waitForApi } from "opgate";
 * const result = await waitForApi(spec, { vars: { instance_id: "i-bp1..." }, region: "cn-hangzhou", timeout: "15m" });
 * ```
 *
 * @packageDocumentation
 */
export { waitForOperation, waitForApi, readOperation, DEFAULT_TIMEOUT } from "./wait";
export type {
  WaitForOperationOptions,
  WaitForApiOptions,
  ApiOperationTarget,
  ReadOperationOptions,
  OperationTarget,
  BpStudioOperationTarget,
  EmrOperationTarget,
  BcsOperationTarget,
  OosExecutionTarget,
  ConnectionOptions,
  WaitControls,
  WaitTuning,
  OperationReading,
} from "./wait";
export type {
  Result,
  Outcome,
  OperationState,
  ServiceName,
  WaitServiceName,
  Step,
  SubStep,
  ResourceStatus,
  ResultError,
  Snapshot,
} from "./core/result";
export { SERVICES } from "./core/result";
export type {
  ApiWaitSpec,
  ApiCall,
  AlibabaRpcCall,
  AlibabaRoaCall,
  HuaweiRestCall,
  ApiParameters,
  ParameterValue,
  WaitAcceptor,
  AcceptorState,
  AcceptorMatcher,
  OutputMatcher,
  InputOutputMatcher,
  SuccessMatcher,
  ErrorTypeMatcher,
  PathMatcher,
  PathComparator,
  ProgressExpressions,
  OutputExpressions,
  StatusNotes,
  StatusList,
  RawStatus,
  JmesPath,
  ErrorCode,
  HostLabel,
  ApiVersion,
  ActionName,
  ApiPath,
  DelaySeconds,
} from "../providers/api/spec";
export type { ProgressEvent, ProgressKind, ProgressListener } from "./core/progress";
export type { ScheduleOptions } from "./core/schedule";
export { InputError, ApiError } from "./core/errors";
export type { ApiErrorKind, ApiErrorOptions } from "./core/errors";
export type { Clock } from "./core/clock";
export { parseDuration, formatDuration } from "./core/duration";
export { configureRateLimits } from "./core/rate-limiters";
export type { RateLimiterOptions } from "./core/rate-limiter";
