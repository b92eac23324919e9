/**
 * How progress is shown: a live board redrawn in place on a terminal, plain
 * timestamped lines in CI logs, or nothing with `--quiet`. Every view shows
 * one or more waits ("slots"); `opgate wait` has one, `opgate demo` four.
 */
import type { ProgressEvent } from "../../core/progress";
import type { Result } from "../../core/result";
import { describeEnd, describeProgress } from "./describe";

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
  /** The wait in `slot` ended with `result`. */
  showEnd(slot: number, result: Result): void;
  /** Stops timers; the view writes nothing more. */
  close(): void;
}

/** A view that shows nothing (`--quiet`). */
const SILENT: ProgressView = { update() {}, showEnd() {}, close() {} };

/**
 * The view for `stream`: live when it is a terminal, plain lines otherwise,
 * silent when `quiet`. `labels` name the slots before their first event.
 */
export function createProgressView(stream: ProgressStream, labels: readonly string[], quiet = false): ProgressView {
  if (quiet) return SILENT;
  return stream.isTTY ? new LiveBoard(stream, labels) : new PlainLog(stream, labels);
}

/** How often the live board redraws its lines. */
const REDRAW_MS = 1000;
/** Width assumed when the terminal does not say. */
const DEFAULT_COLUMNS = 80;

type BoardSlot = { label: string } | { event: ProgressEvent; at: number } | { end: string };

/**
 * The terminal view: one status line per wait, redrawn in place every second
 * so the elapsed time and the countdown to the next poll move. Nothing is
 * drawn before the first event or tick, so input errors print alone.
 */
export class LiveBoard implements ProgressView {
  private readonly slots: BoardSlot[];
  private drawn = false;
  private closed = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly stream: ProgressStream,
    labels: readonly string[],
    private readonly now: () => number = Date.now,
  ) {
    this.slots = labels.map((label) => ({ label }));
    this.timer = setInterval(() => this.draw(), REDRAW_MS);
    this.timer.unref();
  }

  update(slot: number, event: ProgressEvent): void {
    this.slots[slot] = { event, at: this.now() };
    this.draw();
  }

  showEnd(slot: number, result: Result): void {
    this.slots[slot] = { end: describeEnd(result) };
    this.draw();
  }

  close(): void {
    if (this.closed) return;
    clearInterval(this.timer);
    if (this.drawn) this.draw();
    this.closed = true;
  }

  /** Moves back over the lines drawn last time and writes them anew, clipped to the terminal width. */
  private draw(): void {
    if (this.closed) return;
    const width = Math.max(20, (this.stream.columns || DEFAULT_COLUMNS) - 1);
    const up = this.drawn ? `\x1b[${this.slots.length}A\r` : "";
    const lines = this.slots.map((slot) => `\x1b[2K${clip(this.text(slot), width)}\n`);
    this.stream.write(up + lines.join(""));
    this.drawn = true;
  }

  private text(slot: BoardSlot): string {
    if ("end" in slot) return slot.end;
    if ("event" in slot) return describeProgress(slot.event, this.now() - slot.at);
    return `${slot.label} | waiting for the first answer`;
  }
}

function clip(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

/** Silence after which a heartbeat line is written. */
export const HEARTBEAT_MS = 30_000;
/** How often silence is checked: the longest gap stays under HEARTBEAT_MS + CHECK_MS = 40 s. */
const CHECK_MS = 10_000;

type LogSlot = { label: string; event?: ProgressEvent; at: number; ended: boolean };

/**
 * The CI view: one timestamped line per change (state, raw status, progress,
 * note), per retry and per not-found answer, and a heartbeat so that a CI
 * system never sees a job silent for 40 s or more.
 */
export class PlainLog implements ProgressView {
  private readonly slots: LogSlot[];
  private lastLineAt: number;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly stream: ProgressStream,
    labels: readonly string[],
    private readonly now: () => number = Date.now,
  ) {
    this.slots = labels.map((label) => ({ label, at: now(), ended: false }));
    this.lastLineAt = now();
    this.timer = setInterval(() => this.tick(), CHECK_MS);
    this.timer.unref();
  }

  update(slot: number, event: ProgressEvent): void {
    this.slots[slot] = { ...this.slots[slot], event, at: this.now() };
    if (event.changed || event.kind !== "poll") this.line(describeProgress(event));
  }

  showEnd(slot: number, result: Result): void {
    this.slots[slot].ended = true;
    this.line(`ended | ${describeEnd(result)}`);
  }

  close(): void {
    clearInterval(this.timer);
  }

  /** Writes a heartbeat per wait still going after HEARTBEAT_MS without a line. */
  private tick(): void {
    if (this.now() - this.lastLineAt < HEARTBEAT_MS) return;
    for (const slot of this.slots) {
      if (slot.ended) continue;
      const status = slot.event ? describeProgress(slot.event, this.now() - slot.at) : `${slot.label} | waiting for the first answer`;
      this.line(`still waiting | ${status}`);
    }
  }

  private line(text: string): void {
    this.stream.write(`${new Date().toISOString()} ${text}\n`);
    this.lastLineAt = this.now();
  }
}
