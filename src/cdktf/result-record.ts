/**
 * What the `external` data source returns and the result resource keeps in
 * state: a flat object of strings (the only shape Terraform's `external` data
 * source accepts), built from one look at the operation.
 */
import { toJson } from "../core/json-text";
import type { OperationReading } from "../wait";

/** How the look at the operation went. */
export type ReadStatus =
  /** The API answered: the fields below are the operation's. */
  | "OK"
  /** The API no longer knows the operation (e.g. an expired BPStudio ID). */
  | "NOT_FOUND"
  /** No answer: missing credentials, a permanent error, or transient errors that outlasted the retries. */
  | "UNAVAILABLE";

/** The attributes of the result, all strings (null becomes `""`). */
export interface ResultRecord {
  /** How the look went. */
  read: ReadStatus;
  /** Why it did not go well (`""` when `read` is OK). */
  readMessage: string;
  /** SUCCESS, FAILURE, CANCELLED, RUNNING, PENDING (`""` when unread). */
  status: string;
  /** The API's own status string. */
  rawStatus: string;
  /** The human reason the API gave. */
  message: string;
  /** The JSON text of the Result's `outputs` (`{}` when unread). */
  outputsJson: string;
  /** The JSON text of BPStudio's `outputs.tagMap`, `{}` when there is none. */
  tagMapJson: string;
}

/** The record of a reading. */
export function readingRecord(reading: OperationReading): ResultRecord {
  if (!reading.found) return unreadRecord("NOT_FOUND", `${reading.error.code}: ${reading.error.message}`);
  const { snapshot } = reading;
  const tagMap = snapshot.outputs.tagMap;
  return {
    read: "OK",
    readMessage: "",
    status: snapshot.state,
    rawStatus: snapshot.rawStatus ?? "",
    message: snapshot.message ?? "",
    outputsJson: toJson(snapshot.outputs),
    tagMapJson: tagMap !== null && typeof tagMap === "object" && !Array.isArray(tagMap) ? toJson(tagMap) : "{}",
  };
}

/** The record of a look that found nothing (`why` says what happened). */
export function unreadRecord(read: Exclude<ReadStatus, "OK">, why: string): ResultRecord {
  return { read, readMessage: why, status: "", rawStatus: "", message: "", outputsJson: "{}", tagMapJson: "{}" };
}
