/**
 * How progress is shown: a live board redrawn in place on a terminal, plain
 * timestamped lines in CI logs, or nothing with `--quiet`. Every view shows
 * one or more waits ("slots"); `opgate wait` has one, `opgate demo` four.
 */
import type { ProgressEvent } from "../../core/progress";
import type { Result } from "../../core/result";
import { LiveBoard } from "./live-board";
import { PlainLog } from "./plain-log";

/** Where progress is written (stderr). */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Shows the progress of one or more waits. */
export interface ProgressView {
  /** A progress event of the wait in `slot`. */
  update(slot: number, event: ProgressEvent): void;
  /** The wait in `slot` ended. */
  finish(slot: number, result: Result): void;
  /** Stops timers; the view writes nothing more. */
  close(): void;
}

/** A view that shows nothing (`--quiet`). */
const SILENT: ProgressView = { update() {}, finish() {}, close() {} };

/**
 * The view for `stream`: live when it is a terminal, plain lines otherwise,
 * silent when `quiet`. `labels` name the slots before their first event.
 */
export function createProgressView(stream: ProgressStream, labels: readonly string[], quiet = false): ProgressView {
  if (quiet) return SILENT;
  return stream.isTTY ? new LiveBoard(stream, labels) : new PlainLog(stream, labels);
}
