/**
 * Remembers signature nonces for the replay window, in bounded memory: a nonce
 * is forgotten once its window has passed, and the oldest are dropped beyond
 * `capacity`.
 */
export class NonceStore {
  /** key → expiry (ms epoch), in insertion order, so the oldest come first. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly capacity = 100_000,
  ) {}

  /**
   * Records `nonce` of `accessKeyId` at `now`. Returns false when the same
   * nonce was already used within the window (a replay).
   */
  use(accessKeyId: string, nonce: string, now: number): boolean {
    this.expire(now);
    const key = `${accessKeyId}\n${nonce}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, now + this.windowMs);
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.keys().next().value as string);
    return true;
  }

  /** How many nonces are remembered. */
  get size(): number {
    return this.seen.size;
  }

  private expire(now: number): void {
    for (const [key, expiry] of this.seen) {
      if (expiry > now) break;
      this.seen.delete(key);
    }
  }
}
