/**
 * Progress events: what a face shows while a wait goes on.
 */
import type { OperationState, ResultError, Snapshot, WaitServiceName } from "./result";

/** Why a progress event was sent. */
export type ProgressKind =
  /** A poll got an answer. */
  | "poll"
  /** A poll failed with a transient error; it will be retried. */
  | "retry"
  /** The API does not know the operation (yet); tolerated for the grace period. */
  | "not-found";

/** One progress event. Sent after every poll, `changed` tells whether anything moved. */
export interface ProgressEvent {
  /** The service waited on. */
  service: WaitServiceName;
  /** The operation waited on. */
  operationId: string;
  /** Why the event was sent. */
  kind: ProgressKind;
  /** The state, raw status or progress differs from the previous answer (always true for the first answer). */
  changed: boolean;
  /** The last state seen (null before the first answer). */
  state: OperationState | null;
  /** The last status as the API gave it (null before the first answer). */
  rawStatus: string | null;
  /** The last answer in full (null before the first answer). */
  snapshot: Snapshot | null;
  /** The error of a `retry` or `not-found` event. */
  error: ResultError | null;
  /** Requests sent so far. */
  polls: number;
  /** Milliseconds since the wait started. */
  elapsedMs: number;
  /** When the next poll will go out, or null when the wait is over. */
  nextPollInMs: number | null;
}

/** Receives progress events. Exceptions it throws are ignored. */
export type ProgressListener = (event: ProgressEvent) => void;
