/**
 * The shapes every face of opgate shares: the five operation states, the six
 * ways a wait can end, and the Result of `../shared/CONTRACT.md`.
 */

/** The service names opgate knows. */
export const SERVICES = ["bpstudio", "emr", "bcs", "oos"] as const;
/** One of the four supported cloud APIs. */
export type ServiceName = (typeof SERVICES)[number];

/** opgate's view of an operation: every raw status maps to one of these. */
export type OperationState = "PENDING" | "RUNNING" | "SUCCESS" | "FAILURE" | "CANCELLED";

/** States after which the operation never changes again. */
export const TERMINAL_STATES: ReadonlySet<OperationState> = new Set(["SUCCESS", "FAILURE", "CANCELLED"]);

/** How a wait ended. */
export type Outcome = "SUCCESS" | "FAILURE" | "CANCELLED" | "TIMEOUT" | "ERROR" | "INTERRUPTED";

/** A sub-step of a BCS step. Times are ISO-8601 strings (milliseconds) or null. */
export interface SubStep {
  name: string;
  status: string;
  detail: string | null;
  message: string[] | null;
  startTime: string | null;
  endTime: string | null;
  serialNum: number;
}

/** A BCS operation step, ordered by `serialNum`. */
export interface Step {
  name: string;
  status: string;
  detail: string | null;
  serialNum: number;
  subSteps: SubStep[];
}

/** One OOS resource execution status. `outputs` is parsed JSON when it is JSON. */
export interface ResourceStatus {
  resourceId: string;
  status: string;
  outputs: unknown;
  executionTime: string | null;
}

/** The error of an `ERROR` outcome (or the last transient error of a `TIMEOUT`). */
export interface ResultError {
  code: string;
  message: string;
}

/** What a wait returns, for every outcome. Field names are public contract. */
export interface Result {
  service: ServiceName;
  operationId: string;
  outcome: Outcome;
  status: OperationState | null;
  rawStatus: string | null;
  message: string | null;
  outputs: Record<string, unknown>;
  steps: Step[];
  resources: ResourceStatus[];
  polls: number;
  elapsedMs: number;
  error: ResultError | null;
}

/**
 * What one poll learned: the provider's reading of one API answer (for OOS, of
 * all its pages). The engine turns a sequence of these into a Result.
 */
export interface Snapshot {
  state: OperationState;
  /** The raw status string as the API gave it (null when the API gave none). */
  rawStatus: string | null;
  message: string | null;
  outputs: Record<string, unknown>;
  steps: Step[];
  resources: ResourceStatus[];
  /** Units of work done of total, when the API tells (BCS steps, OOS resources). */
  progress?: { done: number; total: number; unit: string };
  /** A remark worth showing a human (EMR HUMAN_PROCESSING, an unknown status). */
  note?: string;
}
