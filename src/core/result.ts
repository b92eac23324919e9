/**
 * The shapes every face of opgate shares: the five operation states, the six
 * ways a wait can end, and the Result of `docs/contract.md`.
 */

/** The four fixed services: each has its own typed IDs, outputs and classes in every face. */
export const SERVICES = ["bpstudio", "emr", "bcs", "oos"] as const;
/** One of the four fixed services. */
export type ServiceName = (typeof SERVICES)[number];
/** The generic waiter's service: a wait on any read API, described by an API wait spec (`opgate wait api`). */
export const API_SERVICE = "api";
/** The service a wait is on: one of the four fixed services, or `api`. */
export type WaitServiceName = ServiceName | "api";

/** opgate's view of an operation: every raw status maps to one of these. */
export type OperationState = "PENDING" | "RUNNING" | "SUCCESS" | "FAILURE" | "CANCELLED";

/** States after which the operation never changes again. */
export const TERMINAL_STATES: ReadonlySet<OperationState> = new Set(["SUCCESS", "FAILURE", "CANCELLED"]);

/** How a wait ended. */
export type Outcome = "SUCCESS" | "FAILURE" | "CANCELLED" | "TIMEOUT" | "ERROR" | "INTERRUPTED";

/** A sub-step of a BCS step. Times are ISO-8601 strings (milliseconds) or null. */
export interface SubStep {
  /** The sub-step's name as BCS gives it. */
  name: string;
  /** Its raw BCS status. */
  status: string;
  /** BCS's detail text, or null. */
  detail: string | null;
  /** BCS's messages, or null. */
  message: string[] | null;
  /** When it started, or null. */
  startTime: string | null;
  /** When it ended, or null. */
  endTime: string | null;
  /** Its position among the sub-steps of its step. */
  serialNum: number;
}

/** A BCS operation step, ordered by `serialNum`. */
export interface Step {
  /** The step's name as BCS gives it. */
  name: string;
  /** Its raw BCS status. */
  status: string;
  /** BCS's detail text, or null. */
  detail: string | null;
  /** Its position among the steps. */
  serialNum: number;
  /** Its sub-steps, ordered by `serialNum`. */
  subSteps: SubStep[];
}

/** One OOS resource execution status. `outputs` is parsed JSON when it is JSON. */
export interface ResourceStatus {
  /** The resource the execution ran on. */
  resourceId: string;
  /** Its raw OOS status (`Success`, `Failed`, `Skipped`, `Running`, ...). */
  status: string;
  /** Its outputs: parsed JSON when they are JSON, else as OOS gave them. */
  outputs: unknown;
  /** When it ran, as OOS gives it, or null. */
  executionTime: string | null;
}

/** The error of an `ERROR` outcome (or the last transient error of a `TIMEOUT`). */
export interface ResultError {
  /** The API's error code, or a local one (`NetworkError`, `RequestTimeout`, `UnexpectedError`). */
  code: string;
  /** What went wrong, for a human. */
  message: string;
}

/** What a wait returns, for every outcome. Field names are public contract. */
export interface Result {
  /** The service waited on. */
  service: WaitServiceName;
  /** The operation waited on (for OOS, the execution ID). */
  operationId: string;
  /** How the wait ended. */
  outcome: Outcome;
  /** The last state seen, or null when no answer came. */
  status: OperationState | null;
  /** The last status as the API gave it, or null. */
  rawStatus: string | null;
  /** The human reason of the outcome, or null. */
  message: string | null;
  /** The service's outputs (see the README's "The Result"); empty before the first answer. */
  outputs: Record<string, unknown>;
  /** BCS: the operation's steps, ordered by `serialNum`; else empty. */
  steps: Step[];
  /** OOS: the resources of the execution, in API order over all pages; else empty. */
  resources: ResourceStatus[];
  /** Requests sent. */
  polls: number;
  /** Milliseconds from the start of the wait to its end. */
  elapsedMs: number;
  /** For ERROR, and the last transient error of a TIMEOUT; else null. */
  error: ResultError | null;
}

/**
 * What one poll learned: the provider's reading of one API answer (for OOS, of
 * all its pages). The engine turns a sequence of these into a Result.
 */
export interface Snapshot {
  /** The state the raw status maps to. */
  state: OperationState;
  /** The raw status string as the API gave it (null when the API gave none). */
  rawStatus: string | null;
  /** The API's reason or message, or null. */
  message: string | null;
  /** The service's outputs, as in `Result.outputs`. */
  outputs: Record<string, unknown>;
  /** BCS: the steps; else empty. */
  steps: Step[];
  /** OOS: the resources; else empty. */
  resources: ResourceStatus[];
  /** Units of work done of total, when the API tells (BCS steps, OOS resources). */
  progress?: { done: number; total: number; unit: string };
  /** A remark worth showing a human (EMR HUMAN_PROCESSING, an unknown status). */
  note?: string;
}
