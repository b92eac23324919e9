/**
 * The process-wide rate limiters: one per key, so that every wait in the
 * process that calls the same API with the same credentials shares one
 * budget. The caller builds the key (e.g. service, region and credential
 * identity); this module knows no cloud.
 */
import type { Clock } from "./clock";
import { RateLimiter, type RateLimiterOptions } from "./rate-limiter";

/** Rate limiters by key on the real clock, created on first use. */
export class RateLimiterRegistry {
  private readonly limiters = new Map<string, RateLimiter>();
  private options: Partial<RateLimiterOptions> = {};

  /** The limiter of `key`, created with the registry's options on first use. */
  get(key: string): RateLimiter {
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = new RateLimiter(this.options);
      this.limiters.set(key, limiter);
    }
    return limiter;
  }

  /** A limiter of its own on `clock`, with the registry's options: real-time budgets cannot pace virtual time. */
  detached(clock: Clock): RateLimiter {
    return new RateLimiter({ ...this.options, clock });
  }

  /**
   * Merges `options` into the registry's and applies the result to every
   * limiter, existing ones included (see `RateLimiter.setOptions`). Validated
   * first: an inconsistent set throws a RangeError and changes nothing.
   */
  configure(options: Partial<RateLimiterOptions>): void {
    const next = { ...this.options, ...options };
    new RateLimiter(next);
    this.options = next;
    for (const limiter of this.limiters.values()) limiter.setOptions(next);
  }
}

/** The registry every wait of this process shares. */
const processRateLimiters = new RateLimiterRegistry();

/**
 * The limiter a wait uses: the process-wide one of `key` on the real clock;
 * on an injected `clock` (tests, benchmarks), one of the wait's own that runs
 * on that clock, with the same options.
 */
export function limiterFor(key: string, clock?: Clock): RateLimiter {
  return clock ? processRateLimiters.detached(clock) : processRateLimiters.get(key);
}

/**
 * Sets the request budget that waits of this process share per API and
 * credentials (default 20 requests per second, halved on throttling and grown
 * back while requests succeed). Options not given keep their current value.
 * Applies at once to every process-wide limiter, including those that waits
 * in progress use; a wait on an injected `tuning.clock` keeps the options it
 * started with. Throws a RangeError, changing nothing, when the options are
 * inconsistent.
 *
 * ```ts
 * import { configureRateLimits } from "opgate";
 * configureRateLimits({ ratePerSecond: 5 });
 * ```
 */
export function configureRateLimits(options: Partial<RateLimiterOptions>): void {
  processRateLimiters.configure(options);
}
