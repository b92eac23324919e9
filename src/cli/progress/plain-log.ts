/**
 * The CI view: one timestamped line per change (state, raw status, progress,
 * note), per retry and per not-found answer, and a heartbeat so that a CI
 * system never sees a job silent for 40 s or more.
 */
import type { ProgressEvent } from "../../core/progress";
import type { Result } from "../../core/result";
import { describeEnd, describeProgress } from "./describe";
import type { ProgressStream, ProgressView } from "./view";

/** Silence after which a heartbeat line is written. */
export const HEARTBEAT_MS = 30_000;
/** How often silence is checked: the longest gap stays under HEARTBEAT_MS + CHECK_MS = 40 s. */
const CHECK_MS = 10_000;

type Slot = { label: string; event?: ProgressEvent; at: number; ended: boolean };

/** Plain timestamped progress lines. */
export class PlainLog implements ProgressView {
  private readonly slots: Slot[];
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

  finish(slot: number, result: Result): void {
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
