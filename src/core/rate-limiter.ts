/**
 * A rate limiter shared by every wait that calls the same API with the same
 * credentials: a token bucket whose rate adapts like TCP's congestion
 * window (AIMD). It halves on throttling, grows back linearly while requests
 * succeed, and serves waiting requests first come, first served.
 */
import { abortReason, systemClock, type Clock } from "./clock";
import { MAX_RETRY_AFTER_MS } from "./schedule";

/** Tuning of a `RateLimiter`. */
export interface RateLimiterOptions {
  /** Starting and highest rate, in requests per second (default 20). */
  ratePerSecond: number;
  /** The rate never drops below this (default 0.5 per second). */
  minRatePerSecond: number;
  /** Additive increase: requests per second gained per second of requests without throttling (default a tenth of `ratePerSecond`). */
  increasePerSecond: number;
  /** Multiplicative decrease: the rate is multiplied by this on throttling (default 0.5). */
  decreaseFactor: number;
  /** Requests that may go at once after a quiet spell (default 1: evenly paced). */
  burst: number;
  /**
   * After a cut, throttling within this long does not cut again (default 1 s):
   * servers count requests per window, and the window still holds requests
   * sent at the old rate.
   */
  calmMs: number;
  /**
   * The longest a retry-after hint holds every request back (default 60 s,
   * `MAX_RETRY_AFTER_MS`, as long as the wait that got the hint pauses): a
   * server that tells one wait to come back tomorrow must not stall every
   * other wait of the process that long.
   */
  maxHoldMs: number;
}

/** The defaults (`increasePerSecond` is a tenth of `ratePerSecond` unless given). */
export const RATE_LIMITER_DEFAULTS: Omit<RateLimiterOptions, "increasePerSecond"> = {
  ratePerSecond: 20,
  minRatePerSecond: 0.5,
  decreaseFactor: 0.5,
  burst: 1,
  calmMs: 1000,
  maxHoldMs: MAX_RETRY_AFTER_MS,
};

/**
 * A token short of 1 by no more than this is whole: after sleeping exactly
 * until the next token, the refill can fall short by a rounding error, and
 * a pause of a rounding error leaves a virtual clock's time unchanged.
 */
const ROUNDING = 1e-9;

interface Waiter {
  resolve(ticket: number): void;
  reject(err: Error): void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/** `options` over the defaults (undefined values are not given); throws a RangeError when they are inconsistent. */
function resolveOptions(options: Partial<RateLimiterOptions>): RateLimiterOptions {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const merged = { ...RATE_LIMITER_DEFAULTS, ...given };
  const o: RateLimiterOptions = { increasePerSecond: merged.ratePerSecond / 10, ...merged };
  const valid =
    o.ratePerSecond > 0 &&
    o.minRatePerSecond > 0 &&
    o.minRatePerSecond <= o.ratePerSecond &&
    o.increasePerSecond >= 0 &&
    o.decreaseFactor > 0 &&
    o.decreaseFactor < 1 &&
    o.burst >= 1 &&
    o.calmMs >= 0 &&
    o.maxHoldMs >= 0;
  if (!valid) {
    throw new RangeError(
      "invalid rate limiter: need 0 < minRatePerSecond <= ratePerSecond, increasePerSecond >= 0, 0 < decreaseFactor < 1, burst >= 1, calmMs >= 0, maxHoldMs >= 0",
    );
  }
  return o;
}

/** A token bucket with an adaptive rate and a FIFO queue. */
export class RateLimiter {
  private opts: RateLimiterOptions;
  private readonly clock: Clock;
  private rateNow: number;
  private tokens: number;
  private refilledAt: number;
  private grownAt: number;
  /** Tokens handed out so far; a token's number is its ticket. */
  private granted = 0;
  /** Throttling of requests holding a ticket up to this one belongs to a congestion event already acted on. */
  private calmThrough = 0;
  /** When the rate was last cut. */
  private cutAt = -Infinity;
  private readonly queue: Waiter[] = [];
  private pumping = false;
  /** Ends the pump's sleep when nobody waits any more. */
  private pumpSleep: AbortController | null = null;

  /** Throws a RangeError when the options are inconsistent. Time runs on `clock` (default the real one). */
  constructor({ clock = systemClock, ...options }: Partial<RateLimiterOptions> & { clock?: Clock } = {}) {
    this.opts = resolveOptions(options);
    this.clock = clock;
    this.rateNow = this.opts.ratePerSecond;
    this.tokens = this.opts.burst;
    this.refilledAt = this.grownAt = this.clock.now();
  }

  /**
   * Replaces the options at once (unset ones take the defaults), keeping the
   * queue and the congestion state: a limiter at its highest rate moves to the
   * new `ratePerSecond`, one cut by throttling keeps its rate within the new
   * bounds and grows back from there. Throws a RangeError, changing nothing,
   * when the options are inconsistent.
   */
  setOptions(options: Partial<RateLimiterOptions>): void {
    const next = resolveOptions(options);
    this.refill();
    const atCeiling = this.rateNow >= this.opts.ratePerSecond;
    this.opts = next;
    this.rateNow = atCeiling ? next.ratePerSecond : Math.min(next.ratePerSecond, Math.max(next.minRatePerSecond, this.rateNow));
    this.tokens = Math.min(this.tokens, next.burst);
    // A pump asleep until the next token at the old rate recomputes its pause.
    this.pumpSleep?.abort();
  }

  /** The current rate, in requests per second. */
  get rate(): number {
    return this.rateNow;
  }

  /** The longest a retry-after hint holds every request back. */
  get maxHoldMs(): number {
    return this.opts.maxHoldMs;
  }

  /** Requests waiting for a token. */
  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Resolves with a ticket when the caller may send one request; callers are
   * served in the order they asked. Rejects with the signal's reason as soon
   * as `signal` aborts, giving up its place. Pass the ticket to `onThrottle`
   * if the request is throttled.
   */
  acquire(signal?: AbortSignal): Promise<number> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    this.refill();
    if (this.queue.length === 0 && this.tokens >= 1) return Promise.resolve(this.take());
    return new Promise<number>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          if (this.queue.length === 0) this.pumpSleep?.abort();
          reject(abortReason(signal));
        };
        signal.addEventListener("abort", waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      void this.pump();
    });
  }

  /**
   * Reports that the request holding `ticket` was throttled. The rate is cut
   * by `decreaseFactor` once per congestion event: requests that got their
   * token before the last cut, or throttled within `calmMs` of it, do not cut
   * it again. A server's retry-after hint holds every request back that
   * long, up to `maxHoldMs`.
   */
  onThrottle(ticket: number, retryAfterMs: number | null = null): void {
    const now = this.clock.now();
    this.refill();
    if (ticket > this.calmThrough && now - this.cutAt >= this.opts.calmMs) {
      this.rateNow = Math.max(this.opts.minRatePerSecond, this.rateNow * this.opts.decreaseFactor);
      this.tokens = Math.min(this.tokens, 0);
      this.calmThrough = this.granted;
      this.cutAt = now;
    }
    const holdMs = Math.min(retryAfterMs ?? 0, this.opts.maxHoldMs);
    if (holdMs > 0) this.tokens = Math.min(this.tokens, -(holdMs * this.rateNow) / 1000);
    this.grownAt = now;
  }

  /** Reports an answer that was not throttled: the rate grows back linearly, up to `ratePerSecond`. */
  onSuccess(): void {
    const now = this.clock.now();
    this.refill();
    const seconds = Math.min(1, Math.max(0, now - this.grownAt) / 1000);
    this.grownAt = now;
    this.rateNow = Math.min(this.opts.ratePerSecond, this.rateNow + this.opts.increasePerSecond * seconds);
  }

  private take(): number {
    this.tokens -= 1;
    return ++this.granted;
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.refilledAt);
    this.tokens = Math.min(this.opts.burst, this.tokens + (elapsed * this.rateNow) / 1000);
    this.refilledAt = now;
  }

  /** Hands out tokens to the queue in order, sleeping on the clock until the next one is due. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        this.refill();
        if (this.tokens >= 1 - ROUNDING) {
          const waiter = this.queue.shift()!;
          if (waiter.onAbort) waiter.signal!.removeEventListener("abort", waiter.onAbort);
          waiter.resolve(this.take());
          continue;
        }
        this.pumpSleep = new AbortController();
        await this.clock.sleep(((1 - this.tokens) * 1000) / this.rateNow, this.pumpSleep.signal).catch(() => undefined);
      }
    } finally {
      this.pumping = false;
      this.pumpSleep = null;
    }
  }
}
