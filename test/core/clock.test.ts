import { MAX_TIMER_MS, systemClock } from "../../src/core/clock";

describe("systemClock.sleep", () => {
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  test("never hands setTimeout more than 2^31 - 1 ms (a longer delay fires after 1 ms): a longer sleep runs in steps", async () => {
    expect(MAX_TIMER_MS).toBe(2 ** 31 - 1);
    jest.useFakeTimers();
    const setTimeoutSpy = jest.spyOn(global, "setTimeout");
    let done = false;
    const sleeping = systemClock.sleep(2.5 * MAX_TIMER_MS).then(() => (done = true));
    await jest.advanceTimersByTimeAsync(MAX_TIMER_MS);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(1.5 * MAX_TIMER_MS - 1);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await sleeping;
    expect(done).toBe(true);
    const delays = setTimeoutSpy.mock.calls.map((call) => call[1] ?? 0);
    expect(delays.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...delays)).toBeLessThanOrEqual(MAX_TIMER_MS);
  });

  test("an abort ends a long sleep at once, in any step", async () => {
    jest.useFakeTimers();
    const ctl = new AbortController();
    const sleeping = systemClock.sleep(1e12, ctl.signal);
    await jest.advanceTimersByTimeAsync(MAX_TIMER_MS + 10);
    ctl.abort(new Error("stop"));
    await expect(sleeping).rejects.toThrow("stop");
    expect(jest.getTimerCount()).toBe(0);
  });

  test("an infinite sleep only ends by its signal", async () => {
    jest.useFakeTimers();
    const ctl = new AbortController();
    const sleeping = systemClock.sleep(Infinity, ctl.signal);
    await jest.advanceTimersByTimeAsync(10 * MAX_TIMER_MS);
    ctl.abort(new Error("stop"));
    await expect(sleeping).rejects.toThrow("stop");
  });
});
