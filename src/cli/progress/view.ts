/**
 * How progress is shown: a live board redrawn in place on a terminal, plain
 * timestamped lines in CI logs, or nothing with `--quiet`. Every view shows
 * one or more waits ("slots"); `opgate wait` has one, `opgate demo` four.
 */
import type { ProgressEvent } from "../../core/progress";
import type { Result } from "../../core/result";
import { describeEnd, describeProgress, describeState } from "./describe";

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

/** Silence after which a heartbeat line is written: no gap in a CI log is longer. */
export const HEARTBEAT_MS = 30_000;

type LogSlot = {
  label: string;
  event?: ProgressEvent;
  /** When `event` arrived. */
  at: number;
  ended: boolean;
  /** What the slot's last line said, without its times (`describeState`). */
  shown?: string;
  /** Events since that line that said the same: folded into it. */
  folded: number;
};

/**
 * The CI view: one timestamped line per change (state, raw status, progress,
 * note, a retry's or a not-found answer's error). Events that say what the
 * slot's last line said are folded into it, and the next line of the slot
 * (a change, a heartbeat or the end) says how many polls it covered. A
 * heartbeat comes after exactly HEARTBEAT_MS without a line, so a CI system
 * never sees a job silent for longer.
 */
export class PlainLog implements ProgressView {
  private readonly slots: LogSlot[];
  private heartbeat: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly stream: ProgressStream,
    labels: readonly string[],
    private readonly now: () => number = Date.now,
  ) {
    this.slots = labels.map((label) => ({ label, at: now(), ended: false, folded: 0 }));
    this.armHeartbeat();
  }

  update(slot: number, event: ProgressEvent): void {
    const state = this.slots[slot];
    Object.assign(state, { event, at: this.now() });
    const said = describeState(event);
    if (said === state.shown) state.folded++;
    else this.line(slot, describeProgress(event), said);
  }

  showEnd(slot: number, result: Result): void {
    this.slots[slot].ended = true;
    this.line(slot, `ended | ${describeEnd(result)}`);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.heartbeat);
  }

  /** A heartbeat per wait still going: where it stands now. */
  private beat(): void {
    this.slots.forEach((slot, index) => {
      if (slot.ended) return;
      const status = slot.event ? describeProgress(slot.event, this.now() - slot.at) : `${slot.label} | waiting for the first answer`;
      this.line(index, `still waiting | ${status}`);
    });
  }

  /** Writes `text` for `slot`, with the polls folded since its last line; `said` is what a later event must differ from to get a line. */
  private line(slot: number, text: string, said?: string): void {
    const state = this.slots[slot];
    const folded = state.folded ? ` | ${state.folded} more ${state.folded === 1 ? "poll" : "polls"} like the line before` : "";
    this.stream.write(`${new Date().toISOString()} ${text}${folded}\n`);
    state.folded = 0;
    if (said !== undefined) state.shown = said;
    this.armHeartbeat();
  }

  /** (Re)starts the countdown to the next heartbeat. */
  private armHeartbeat(): void {
    if (this.closed) return;
    clearTimeout(this.heartbeat);
    this.heartbeat = setTimeout(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }
}
