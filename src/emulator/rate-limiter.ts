/**
 * The server-wide rate limit: at most `perSecond` requests in any sliding
 * window of one second of the emulator clock.
 */
export class RateLimiter {
  /** Times (ms) of the requests let through in the last second, oldest first. */
  private readonly recent: number[] = [];

  constructor(private readonly perSecond: number) {}

  /** True when a request at `now` is within the limit (and counts it); false when it must be throttled. */
  admit(now: number): boolean {
    while (this.recent.length > 0 && this.recent[0] <= now - 1000) this.recent.shift();
    if (this.recent.length >= this.perSecond) return false;
    this.recent.push(now);
    return true;
  }
}
