/**
 * Plays one scripted operation: counts the requests for it, walks its
 * timeline (frames lasting a time or a number of answers) and remembers when
 * it expired.
 */
import type { OperationPlan } from "./scenario";

/** The live state of one scenario operation (of a service, or a scripted API: `Plan`). */
export class OperationPlayer<Plan extends OperationPlan = OperationPlan> {
  /** Requests seen for this operation (faulted ones included). */
  private requests = 0;
  private frameIndex = 0;
  /** When the current frame started (emulator clock, ms); set by the first request. */
  private frameStart = 0;
  /** Answers rendered from the current frame. */
  private frameAnswers = 0;
  /** Set by an `expire` fault or `forget`: the API no longer knows the operation. */
  expired = false;

  constructor(readonly plan: Plan) {}

  /** Counts a request arriving at `now` and returns its 1-based number (the poll index faults refer to). */
  arrive(now: number): number {
    if (this.requests === 0) this.frameStart = now;
    return ++this.requests;
  }

  /**
   * The frame in force at `now`. A `for` frame ends its duration after it
   * started; a `polls` frame ends after that many answers, and the next frame
   * starts with the next request. The last frame lasts forever.
   */
  frameAt(now: number): Plan["frames"][number] {
    const frames = this.plan.frames;
    for (;;) {
      const frame = frames[this.frameIndex];
      const lasts = frame.lasts;
      if (lasts === "forever") return frame;
      if ("ms" in lasts) {
        if (now < this.frameStart + lasts.ms) return frame;
        this.next(this.frameStart + lasts.ms);
      } else {
        if (this.frameAnswers < lasts.polls) return frame;
        this.next(now);
      }
    }
  }

  /** Records one answer rendered from the current frame. */
  answered(): void {
    this.frameAnswers++;
  }

  private next(start: number): void {
    this.frameIndex++;
    this.frameStart = start;
    this.frameAnswers = 0;
  }
}
