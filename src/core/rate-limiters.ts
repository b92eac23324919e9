/**
 * The process-wide rate limiters: one per key, so that every wait in the
 * process that calls the same API with the same credentials shares one
 * budget. The caller builds the key (e.g. service, region and credential
 * identity); this module knows no cloud.
 */
import { RateLimiter, type RateLimiterOptions } from "./rate-limiter";

/** Rate limiters by key, created on first use. */
export class RateLimiterRegistry {
  private readonly limiters = new Map<string, RateLimiter>();
  private defaults: Partial<RateLimiterOptions>;

  constructor(defaults: Partial<RateLimiterOptions> = {}) {
    this.defaults = { ...defaults };
  }

  /** The limiter of `key`, created with the registry's defaults on first use. */
  get(key: string): RateLimiter {
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = new RateLimiter(this.defaults);
      this.limiters.set(key, limiter);
    }
    return limiter;
  }

  /** Changes the options of limiters created from now on (e.g. the default rate). Validated at once. */
  configure(defaults: Partial<RateLimiterOptions>): void {
    const next = { ...this.defaults, ...defaults };
    new RateLimiter(next);
    this.defaults = next;
  }
}

/** The registry every wait of this process shares. */
export const processRateLimiters = new RateLimiterRegistry();

/** The process-wide limiter of `key`. */
export function limiterFor(key: string): RateLimiter {
  return processRateLimiters.get(key);
}
