/**
 * The status vocabulary every provider speaks: lists of raw statuses per
 * state (the four services' tables, and the generic waiter's `success`,
 * `failure`, `cancelled`, `pending` and `running` lists), read one status at
 * a time or as a whole set (OOS resources, a list status of an API wait).
 * Raw statuses compare case-insensitively and ignore surrounding white space
 * (the SDKs show `success` where the docs show `SUCCESS`, the BPStudio docs a
 * trailing newline). An unknown status is never success: it reads as RUNNING
 * with a note, so the wait goes on and the user sees why.
 */
import type { OperationState } from "../../src/core/result";

/** The raw statuses a service documents for each state. */
export type StatusVocabulary = Partial<Record<OperationState, readonly string[]>>;

/** A state read from a raw status, with a remark for humans when there is one. */
export interface StatusReading {
  state: OperationState;
  note?: string;
}

/** The form raw statuses are compared in. */
export function normalizeStatus(raw: string): string {
  return raw.trim().toLowerCase();
}

/** One service's status vocabulary. */
export class StatusTable {
  private readonly states = new Map<string, OperationState>();

  /** `service` names the API in notes (`unknown EMR status ...`). */
  constructor(
    readonly service: string,
    /** The raw statuses of each state, as given. */
    readonly vocabulary: StatusVocabulary,
  ) {
    for (const [state, raws] of Object.entries(vocabulary) as [OperationState, readonly string[]][]) {
      for (const raw of raws) this.states.set(normalizeStatus(raw), state);
    }
  }

  /** The state `raw` documents, or undefined when it is unknown or absent. */
  lookup(raw: string | null): OperationState | undefined {
    return raw === null ? undefined : this.states.get(normalizeStatus(raw));
  }

  /** The state of `raw`; an unknown or absent status reads as RUNNING with a note. */
  read(raw: string | null): StatusReading {
    const state = this.lookup(raw);
    if (state) return { state };
    return { state: "RUNNING", note: this.unknownNote(raw) };
  }

  /**
   * The state of a whole set of raw statuses (the contract's OOS rule):
   * FAILURE if any failed; else CANCELLED if any was cancelled; else SUCCESS
   * when there is at least one and every one succeeded; else RUNNING if any
   * is running or unknown (with a note naming the first unknown one); else
   * PENDING (no status at all included).
   */
  readSet(raws: readonly string[]): StatusReading {
    const states = raws.map((raw) => this.lookup(raw));
    const unknown = raws.find((_, i) => states[i] === undefined);
    const note = unknown === undefined ? undefined : this.unknownNote(unknown);
    if (states.includes("FAILURE")) return { state: "FAILURE", note };
    if (states.includes("CANCELLED")) return { state: "CANCELLED", note };
    if (states.length > 0 && states.every((s) => s === "SUCCESS")) return { state: "SUCCESS" };
    if (states.some((s) => s === "RUNNING" || s === undefined)) return { state: "RUNNING", note };
    return { state: "PENDING" };
  }

  /** The note for a status this table does not know. */
  unknownNote(raw: string | null): string {
    return raw === null || raw.trim() === ""
      ? `${this.service} answered without a status: still waiting`
      : `unknown ${this.service} status ${JSON.stringify(raw)}: not treated as success, still waiting`;
  }
}
