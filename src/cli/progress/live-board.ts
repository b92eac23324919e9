/**
 * The terminal view: one status line per wait, redrawn in place every second
 * so the elapsed time and the countdown to the next poll move. Nothing is
 * drawn before the first event or tick, so input errors print alone.
 */
import type { ProgressEvent } from "../../core/progress";
import type { Result } from "../../core/result";
import { describeEnd, describeProgress } from "./describe";
import type { ProgressStream, ProgressView } from "./view";

/** How often the lines are redrawn. */
const REDRAW_MS = 1000;
/** Width assumed when the terminal does not say. */
const DEFAULT_COLUMNS = 80;

type Slot = { label: string } | { event: ProgressEvent; at: number } | { end: string };

/** Live status lines, one per slot. */
export class LiveBoard implements ProgressView {
  private readonly slots: Slot[];
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

  finish(slot: number, result: Result): void {
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

  private text(slot: Slot): string {
    if ("end" in slot) return slot.end;
    if ("event" in slot) return describeProgress(slot.event, this.now() - slot.at);
    return `${slot.label} | waiting for the first answer`;
  }
}

function clip(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}
