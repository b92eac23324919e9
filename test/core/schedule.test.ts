import fc from "fast-check";
import { boundDelay, DEFAULT_SCHEDULE, pollDelay, retryDelay, scheduleOptions, type ScheduleOptions } from "../../src/core/schedule";

const opts = (extra: Partial<ScheduleOptions> = {}) => scheduleOptions(extra);

describe("pollDelay", () => {
  test("follows the geometric schedule: ratio of the time waited, between floor and cap", () => {
    const o = opts({ jitter: 0 });
    expect(pollDelay(0, o, Math.random)).toBe(500);
    expect(pollDelay(3000, o, Math.random)).toBe(500);
    expect(pollDelay(100_000, o, Math.random)).toBe(10_000);
    expect(pollDelay(3_600_000, o, Math.random)).toBe(60_000);
  });

  test("jitter only shortens a pause, by at most the jitter fraction", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e8, noNaN: true }), fc.double({ min: 0, max: 0.999, noNaN: true }), fc.double({ min: 0, max: 0.99, noNaN: true }), (elapsed, r, jitter) => {
        const o = opts({ jitter });
        const bound = boundDelay(elapsed, o);
        const delay = pollDelay(elapsed, o, () => r);
        return delay <= bound && delay >= bound * (1 - jitter) - 1e-9;
      }),
    );
  });

  test("a prediction stretches the pause up to the predicted window, never beyond the cap", () => {
    const o = opts({ jitter: 0 });
    expect(pollDelay(20_000, o, Math.random, { earliestMs: 45_000, endMs: 90_000 })).toBe(25_000);
    expect(pollDelay(20_000, o, Math.random, { earliestMs: 3_600_000, endMs: 7_200_000 })).toBe(60_000);
  });

  test("inside or past the predicted window the blind schedule applies", () => {
    const o = opts({ jitter: 0 });
    expect(pollDelay(100_000, o, Math.random, { earliestMs: 100_500, endMs: 120_000 })).toBe(10_000);
    expect(pollDelay(100_000, o, Math.random, { earliestMs: 50_000, endMs: 120_000 })).toBe(10_000);
  });
});

describe("retryDelay", () => {
  test("doubles from retryDelayMs per failure in a row, up to the cap", () => {
    const o = opts();
    const half = () => 0.5;
    expect([1, 2, 3, 4, 10].map((n) => retryDelay(n, o, null, half))).toEqual([2000, 4000, 8000, 16_000, 60_000]);
  });

  test("is never shorter than a retry-after hint, even past the cap", () => {
    expect(retryDelay(1, opts(), 90_000, () => 0)).toBe(90_000);
    expect(retryDelay(1, opts(), 100, () => 0.5)).toBe(2000);
  });

  test("spreads by ±jitter", () => {
    expect(retryDelay(1, opts(), null, () => 0)).toBe(1800);
    expect(retryDelay(1, opts(), null, () => 0.999_999)).toBeCloseTo(2200, 2);
  });
});

describe("scheduleOptions", () => {
  test("fills in the defaults and ignores undefined fields", () => {
    expect(scheduleOptions({ ratio: undefined, maxDelayMs: 30_000 })).toEqual({ ...DEFAULT_SCHEDULE, maxDelayMs: 30_000 });
  });

  test.each([{ minDelayMs: 0 }, { minDelayMs: 5000, maxDelayMs: 1000 }, { ratio: -1 }, { jitter: 1 }, { retryDelayMs: 0 }])("rejects %j", (bad) => {
    expect(() => scheduleOptions(bad)).toThrow(RangeError);
  });
});
