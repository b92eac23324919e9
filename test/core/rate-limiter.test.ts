import { pollUntilDone, type WaitTask } from "../../src/core/engine";
import { ApiError } from "../../src/core/errors";
import { RateLimiter } from "../../src/core/rate-limiter";
import { limiterFor, RateLimiterRegistry } from "../../src/core/rate-limiters";
import type { Snapshot } from "../../src/core/result";
import { VirtualClock } from "../../src/testing";

/** Asks for `n` tokens at once and records when each was granted, in order of the grants. */
async function grants(limiter: RateLimiter, clock: VirtualClock, n: number) {
  const order: Array<{ who: number; at: number }> = [];
  await Promise.all(Array.from({ length: n }, (_, who) => limiter.acquire().then(() => order.push({ who, at: clock.now() }))));
  return order;
}

describe("RateLimiter", () => {
  test("paces requests at the rate after the burst, first come first served", async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter({ ratePerSecond: 10, clock });
    const order = await grants(limiter, clock, 5);
    expect(order.map((g) => g.who)).toEqual([0, 1, 2, 3, 4]);
    expect(order.map((g) => g.at)).toEqual([0, 100, 200, 300, 400]);
  });

  test("a burst larger than one lets that many go at once after a quiet spell", async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter({ ratePerSecond: 10, burst: 3, clock });
    const order = await grants(limiter, clock, 5);
    expect(order.map((g) => g.at)).toEqual([0, 0, 0, 100, 200]);
  });

  test("an aborted wait leaves the queue with the signal's reason and the others move up", async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter({ ratePerSecond: 1, clock });
    await limiter.acquire();
    const ctl = new AbortController();
    const first = limiter.acquire(ctl.signal);
    const second = limiter.acquire();
    expect(limiter.waiting).toBe(2);
    ctl.abort(new Error("stop"));
    await expect(first).rejects.toThrow("stop");
    expect(limiter.waiting).toBe(1);
    await second;
    expect(clock.now()).toBe(1000);
  });

  test("an already aborted signal is refused at once", async () => {
    const limiter = new RateLimiter({ clock: new VirtualClock() });
    await expect(limiter.acquire(AbortSignal.abort())).rejects.toThrow();
  });

  test("throttling halves the rate once per congestion event, not once per throttled reply", async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter({ ratePerSecond: 20, clock });
    const tickets = await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    for (const ticket of tickets) limiter.onThrottle(ticket);
    expect(limiter.rate).toBe(10);
    // Sent after the cut, but throttled within the calm second: the server's window still held the old requests.
    const soon = await limiter.acquire();
    limiter.onThrottle(soon);
    expect(limiter.rate).toBe(10);
    await clock.sleep(1000);
    limiter.onThrottle(await limiter.acquire());
    expect(limiter.rate).toBe(5);
  });

  test("the rate never drops below the minimum", async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter({ ratePerSecond: 4, minRatePerSecond: 1, calmMs: 0, clock });
    for (let i = 0; i < 5; i++) limiter.onThrottle(await limiter.acquire());
    expect(limiter.rate).toBe(1);
  });

  test("successes grow the rate back linearly up to the configured rate", async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter({ ratePerSecond: 20, increasePerSecond: 2, clock });
    limiter.onThrottle(await limiter.acquire());
    expect(limiter.rate).toBe(10);
    for (let s = 1; s <= 3; s++) {
      await clock.sleep(1000);
      limiter.onSuccess();
    }
    expect(limiter.rate).toBe(16);
    for (let s = 0; s < 10; s++) {
      await clock.sleep(1000);
      limiter.onSuccess();
    }
    expect(limiter.rate).toBe(20);
  });

  test("a retry-after hint holds every request back that long", async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter({ ratePerSecond: 10, clock });
    limiter.onThrottle(await limiter.acquire(), 5000);
    await limiter.acquire();
    expect(clock.now()).toBeGreaterThanOrEqual(5000);
  });

  test("a retry-after hint holds the others back at most maxHoldMs (default 60 s)", async () => {
    for (const [options, hold] of [[{}, 60_000], [{ maxHoldMs: 5000 }, 5000]] as const) {
      const clock = new VirtualClock();
      const limiter = new RateLimiter({ ratePerSecond: 10, clock, ...options });
      limiter.onThrottle(await limiter.acquire(), 86_400_000);
      await limiter.acquire();
      expect(clock.now()).toBeGreaterThanOrEqual(hold);
      expect(clock.now()).toBeLessThanOrEqual(hold + 200);
    }
  });

  test("rejects invalid options", () => {
    expect(() => new RateLimiter({ maxHoldMs: -1 })).toThrow(RangeError);
    expect(() => new RateLimiter({ ratePerSecond: 0 })).toThrow(RangeError);
    expect(() => new RateLimiter({ decreaseFactor: 1 })).toThrow(RangeError);
    expect(() => new RateLimiter({ ratePerSecond: 1, minRatePerSecond: 2 })).toThrow(RangeError);
    expect(() => new RateLimiter({ calmMs: -1 })).toThrow(RangeError);
  });
});

describe("the process-wide registry", () => {
  test("one limiter per key", () => {
    expect(limiterFor("emr|cn-hangzhou|AK1")).toBe(limiterFor("emr|cn-hangzhou|AK1"));
    expect(limiterFor("emr|cn-hangzhou|AK1")).not.toBe(limiterFor("emr|cn-beijing|AK1"));
  });

  test("configured options apply to existing limiters and to those created afterwards, and are validated first", () => {
    const registry = new RateLimiterRegistry();
    const before = registry.get("a");
    registry.configure({ ratePerSecond: 3 });
    expect(registry.get("b").rate).toBe(3);
    expect(before.rate).toBe(3);
    registry.configure({ minRatePerSecond: 1 });
    expect(registry.get("c").rate).toBe(3);
    expect(() => registry.configure({ ratePerSecond: -1 })).toThrow(RangeError);
    expect(() => registry.configure({ ratePerSecond: 0.5 })).toThrow(RangeError);
    expect(before.rate).toBe(3);
  });

  test("a wait on an injected clock gets a limiter of its own on that clock, with the configured options", async () => {
    const registry = new RateLimiterRegistry();
    registry.configure({ ratePerSecond: 2 });
    const clock = new VirtualClock();
    const own = registry.detached(clock);
    expect(own).not.toBe(registry.get("k"));
    expect(own).not.toBe(registry.detached(clock));
    expect((await grants(own, clock, 3)).map((g) => g.at)).toEqual([0, 500, 1000]);
    expect(limiterFor("k", clock)).not.toBe(limiterFor("k"));
  });
});

describe("RateLimiter.setOptions", () => {
  test("a limiter at its highest rate moves to the new one, and a sleeping queue follows it at once", async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter({ ratePerSecond: 1, clock });
    const order = grants(limiter, clock, 3);
    expect(limiter.waiting).toBe(2);
    limiter.setOptions({ ratePerSecond: 10 });
    expect(limiter.rate).toBe(10);
    expect((await order).map((g) => g.at)).toEqual([0, 100, 200]);
  });

  test("a limiter cut by throttling keeps its rate within the new bounds", async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter({ ratePerSecond: 20, clock });
    limiter.onThrottle(await limiter.acquire());
    expect(limiter.rate).toBe(10);
    limiter.setOptions({ ratePerSecond: 40 });
    expect(limiter.rate).toBe(10);
    limiter.setOptions({ ratePerSecond: 40, minRatePerSecond: 15 });
    expect(limiter.rate).toBe(15);
    limiter.setOptions({ ratePerSecond: 5 });
    expect(limiter.rate).toBe(5);
  });

  test("inconsistent options throw and change nothing", () => {
    const limiter = new RateLimiter({ ratePerSecond: 4 });
    expect(() => limiter.setOptions({ decreaseFactor: 2 })).toThrow(RangeError);
    expect(limiter.rate).toBe(4);
  });
});

describe("waits sharing a limiter", () => {
  const running: Snapshot = { state: "RUNNING", rawStatus: "RUNNING", message: null, outputs: {}, steps: [], resources: [] };
  const success: Snapshot = { ...running, state: "SUCCESS", rawStatus: "SUCCESS" };

  test("never send faster than the limiter allows, and all end", async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter({ ratePerSecond: 5, clock });
    const sent: number[] = [];
    const task = (i: number): WaitTask => ({
      service: "emr",
      operationId: `op-${i}`,
      async poll() {
        sent.push(clock.now());
        return clock.now() >= 10_000 ? success : running;
      },
    });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => pollUntilDone(task(i), { timeoutMs: 600_000, clock, random: () => 0.5, limiter })));
    expect(results.every((r) => r.outcome === "SUCCESS")).toBe(true);
    sent.sort((a, b) => a - b);
    for (let i = 5; i < sent.length; i++) expect(sent[i] - sent[i - 5]).toBeGreaterThanOrEqual(1000 - 1e-6);
  });

  test("a throttled poll slows the shared limiter down; the wait still ends", async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter({ ratePerSecond: 8, clock });
    let calls = 0;
    const task: WaitTask = {
      service: "emr",
      operationId: "op-1",
      async poll() {
        calls++;
        if (calls === 1) throw new ApiError({ kind: "transient", code: "Throttling.User", message: "Request was denied due to user flow control.", httpStatus: 400, throttled: true });
        return success;
      },
    };
    const result = await pollUntilDone(task, { timeoutMs: 60_000, clock, random: () => 0.5, limiter });
    expect(result.outcome).toBe("SUCCESS");
    expect(limiter.rate).toBeLessThan(8);
  });

  test("the deadline ends a wait queued for a token with TIMEOUT, and an abort with INTERRUPTED", async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter({ ratePerSecond: 0.5, minRatePerSecond: 0.5, clock });
    await limiter.acquire();
    await limiter.acquire().then(() => undefined);
    const task: WaitTask = { service: "emr", operationId: "op-1", poll: async () => running };
    const timedOut = await pollUntilDone(task, { timeoutMs: 1000, clock, limiter });
    expect(timedOut).toMatchObject({ outcome: "TIMEOUT", polls: 0, elapsedMs: 1000, error: { code: "RateLimited" } });
    expect(timedOut.message).toMatch(/held back by the shared rate limit/);
    const ctl = new AbortController();
    const interrupted = pollUntilDone(task, { timeoutMs: 60_000, clock, limiter, signal: ctl.signal });
    ctl.abort();
    await expect(interrupted).resolves.toMatchObject({ outcome: "INTERRUPTED", polls: 0 });
  });

  test.each([
    [9_800, null],
    [5_000, "RateLimited"],
  ])("a wait whose second poll queues for a token at %i ms of 10 s and gets none: TIMEOUT, its error %s", async (queuedAtMs, code) => {
    const clock = new VirtualClock();
    // A limiter that grants the first poll and holds every later one until the deadline.
    let granted = 0;
    const limiter = {
      rate: 1,
      maxHoldMs: 60_000,
      acquire: (signal: AbortSignal) =>
        granted++ === 0 ? Promise.resolve(0) : new Promise<number>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason), { once: true })),
      onSuccess: () => undefined,
      onThrottle: () => undefined,
    };
    const task: WaitTask = { service: "emr", operationId: "op-1", poll: async () => running };
    const schedule = { minDelayMs: queuedAtMs, maxDelayMs: queuedAtMs, jitter: 0 };
    const result = await pollUntilDone(task, { timeoutMs: 10_000, clock, random: () => 0.5, limiter: limiter as never, lastLookMs: 0, estimator: null, schedule });
    expect(result).toMatchObject({ outcome: "TIMEOUT", polls: 1, error: code === null ? null : { code } });
  });

  test("one wait told to come back tomorrow (429, Retry-After 86400) does not stall another wait of the same limiter", async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter({ clock });
    const tomorrow = new ApiError({ kind: "transient", code: "HTTP429", message: "too many requests", httpStatus: 429, retryAfterMs: 86_400_000, throttled: true });
    const throttledWait: WaitTask = { service: "emr", operationId: "op-a", poll: () => Promise.reject(tomorrow) };
    let polls = 0;
    const healthy: WaitTask = { service: "emr", operationId: "op-b", poll: async () => (++polls >= 3 ? success : running) };
    const [a, b] = await Promise.all([
      pollUntilDone(throttledWait, { timeoutMs: 10 * 60_000, clock, random: () => 0.5, limiter }),
      pollUntilDone(healthy, { timeoutMs: 5 * 60_000, clock, random: () => 0.5, limiter }),
    ]);
    // Each of its polls is held back at most 60 s (maxHoldMs) by the other wait's hint, however long that hint.
    expect(b).toMatchObject({ outcome: "SUCCESS", polls: 3 });
    expect(b.elapsedMs).toBeLessThanOrEqual(3 * 61_000);
    // The throttled wait itself honours the hint up to 60 s and keeps polling; its last look is still held back by its
    // own last hint when the deadline comes: its error stays the API's, and its message says it was held back.
    expect(a).toMatchObject({ outcome: "TIMEOUT", error: { code: "HTTP429" } });
    expect(a.message).toMatch(/; last error HTTP429: too many requests; then no request went out in the last .*: held back by the shared rate limit/);
    expect(a.polls).toBeGreaterThan(5);
  });

  test("a wait held back past its deadline by another wait's throttling says so", async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter({ clock });
    limiter.onThrottle(await limiter.acquire(), 86_400_000);
    const task: WaitTask = { service: "emr", operationId: "op-b", poll: async () => success };
    const result = await pollUntilDone(task, { timeoutMs: 30_000, clock, limiter });
    expect(result).toMatchObject({ outcome: "TIMEOUT", polls: 0, elapsedMs: 30_000, error: { code: "RateLimited" } });
    expect(result.message).toMatch(/^the operation did not end within 30s \(last status none\); last error RateLimited: .*held back by the shared rate limit/);
  });
});
