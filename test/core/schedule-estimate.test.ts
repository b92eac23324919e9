import { pollUntilDone, type WaitTask } from "../../src/core/engine";
import { progressEstimator } from "../../src/core/estimate";
import type { Snapshot } from "../../src/core/result";
import { VirtualClock } from "../../src/testing";

function snap(done: number | null, total = 100, state: Snapshot["state"] = "RUNNING"): Snapshot {
  const s: Snapshot = { state, rawStatus: state, message: null, outputs: {}, steps: [], resources: [] };
  if (done !== null) s.progress = { done, total, unit: "resources" };
  return s;
}

describe("progressEstimator", () => {
  test("predicts nothing without progress, or before progress moves twice", () => {
    const e = progressEstimator();
    expect(e.observe(0, snap(null))).toBeNull();
    expect(e.observe(1000, snap(0))).toBeNull();
    expect(e.observe(2000, snap(0))).toBeNull();
    expect(e.observe(10_000, snap(10))).toBeNull();
  });

  test("extrapolates the rate since progress first moved to the units left", () => {
    const e = progressEstimator();
    e.observe(0, snap(0));
    e.observe(10_000, snap(10));
    const estimate = e.observe(20_000, snap(30))!;
    // 20 units in 10 s: the 70 left take 35 s more.
    expect(estimate.endMs).toBe(55_000);
    expect(estimate.earliestMs).toBeGreaterThan(20_000);
    expect(estimate.earliestMs).toBeLessThan(55_000);
  });

  test("the margin shrinks as more units are seen", () => {
    const e = progressEstimator();
    e.observe(0, snap(0, 1000));
    e.observe(1000, snap(10, 1000));
    const early = e.observe(2000, snap(20, 1000))!;
    const late = e.observe(50_000, snap(500, 1000))!;
    const share = (x: { endMs: number; earliestMs: number }, now: number) => (x.earliestMs - now) / (x.endMs - now);
    expect(share(late, 50_000)).toBeGreaterThan(share(early, 2000));
  });

  test("few units give no confident window: the earliest end is now", () => {
    const e = progressEstimator();
    e.observe(0, snap(0, 5));
    e.observe(10_000, snap(1, 5));
    const estimate = e.observe(20_000, snap(2, 5))!;
    expect(estimate.earliestMs).toBe(20_000);
  });

  test.each([
    ["the total changes", snap(40, 120)],
    ["done goes back", snap(5)],
    ["progress disappears", snap(null)],
  ])("starts over when %s", (_, erratic) => {
    const e = progressEstimator();
    e.observe(0, snap(0));
    e.observe(10_000, snap(10));
    expect(e.observe(20_000, snap(30))).not.toBeNull();
    expect(e.observe(30_000, erratic)).toBeNull();
    expect(e.observe(40_000, snap(erratic.progress?.done ?? 0, erratic.progress?.total ?? 100))).toBeNull();
  });
});

/** A task whose progress grows linearly to `total` at `endMs`; records poll times. */
function linearTask(clock: VirtualClock, endMs: number, total: number | null) {
  const times: number[] = [];
  const task: WaitTask = {
    service: "oos",
    operationId: "exec-1",
    async poll() {
      const t = clock.now();
      times.push(t);
      if (t >= endMs) return snap(total, total ?? 100, "SUCCESS");
      return snap(total === null ? null : Math.floor((total * t) / endMs), total ?? 100);
    },
  };
  return { task, times };
}

describe("the engine with a progress estimator", () => {
  const run = (total: number | null, estimator?: null) => {
    const clock = new VirtualClock();
    const { task, times } = linearTask(clock, 20 * 60_000, total);
    return pollUntilDone(task, { timeoutMs: 3600_000, clock, random: () => 0.5, estimator }).then((result) => ({ result, times }));
  };

  test("steady progress saves polls, never pauses beyond the cap and still sees the end", async () => {
    const blind = await run(200, null);
    const guided = await run(200);
    expect(guided.result.outcome).toBe("SUCCESS");
    expect(guided.result.polls).toBeLessThan(blind.result.polls);
    const gaps = guided.times.slice(1).map((t, i) => t - guided.times[i]);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(60_000);
    expect(guided.result.elapsedMs - 20 * 60_000).toBeLessThanOrEqual(60_000);
  });

  test("without progress the schedule is the blind one", async () => {
    const blind = await run(null, null);
    const guided = await run(null);
    expect(guided.times).toEqual(blind.times);
  });
});
