/**
 * What one poll may read over all its requests. An OOS poll follows
 * `NextToken` through every page, each up to the 10 MiB answer cap: a server
 * handing out fresh tokens forever could make one poll read gigabytes. The
 * provider gives its requests one budget; the client takes each answer's
 * bytes from it and refuses an answer that would pass it.
 */
import { ApiError } from "../core/errors";

/** A byte budget shared by the requests of one poll. */
export class ReadBudget {
  private bytesRead = 0;

  constructor(
    /** The most bytes the poll's answers may hold together. */
    readonly maxBytes: number,
    /** What is read, for the message: `the pages of OOS execution exec-1`. */
    private readonly what: string,
  ) {}

  /** Bytes the poll may still read. */
  get bytesLeft(): number {
    return Math.max(0, this.maxBytes - this.bytesRead);
  }

  /** Takes an answer of `bytes` from the budget. */
  spend(bytes: number): void {
    this.bytesRead += bytes;
  }

  /**
   * The permanent `PollTooLarge` error of a poll that would pass the budget:
   * asking again reads the same, so the wait ends with ERROR saying why.
   */
  exceeded(): ApiError {
    const mib = Math.round(this.maxBytes / 2 ** 20);
    return new ApiError({
      kind: "permanent",
      code: "PollTooLarge",
      message: `${this.what} hold more than ${mib} MiB, more than one poll reads (docs/reliability.md)`,
    });
  }
}
