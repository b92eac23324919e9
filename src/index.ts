/**
 * opgate: block until a cloud asynchronous operation ends.
 *
 * ```ts
 * import { waitForOperation } from "opgate";
 * const result = await waitForOperation({ service: "emr", region: "cn-hangzhou", clusterId, operationId });
 * if (result.outcome !== "SUCCESS") throw new Error(result.message ?? result.outcome);
 * ```
 *
 * @packageDocumentation
 */
export { waitForOperation, readOperation, DEFAULT_TIMEOUT } from "./wait";
export type {
  WaitForOperationOptions,
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
  Step,
  SubStep,
  ResourceStatus,
  ResultError,
  Snapshot,
} from "./core/result";
export { SERVICES } from "./core/result";
export type { ProgressEvent, ProgressKind, ProgressListener } from "./core/progress";
export type { ScheduleOptions } from "./core/schedule";
export { InputError, ApiError } from "./core/errors";
export type { ApiErrorKind, ApiErrorOptions } from "./core/errors";
export type { Clock } from "./core/clock";
export { parseDuration, formatDuration } from "./core/duration";
export { configureRateLimits } from "./core/rate-limiters";
export type { RateLimiterOptions } from "./core/rate-limiter";
