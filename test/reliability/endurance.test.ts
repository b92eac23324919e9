/**
 * Endurance at CI size: hundreds of waits at once against one emulator,
 * mixed services, faults on, every outcome known in advance. The full
 * N = 2000 runs as `node --expose-gc bench/endurance.js` on the build.
 */
import { startEmulator } from "../../src/emulator";
import { configureRateLimits, waitForOperation } from "../../src";
import { runEndurance } from "../../bench/endurance";
import { EMULATOR_ENV } from "../integration/helpers";

const N = 300;

test(`${N} concurrent waits all reach their expected outcome, with no unhandled rejection`, async () => {
  const report = await runEndurance({ startEmulator, waitForOperation, configureRateLimits }, { n: N, env: { ...EMULATOR_ENV } });
  expect(report.mismatches).toEqual([]);
  expect(report.unhandledRejections).toBe(0);
  // Every kind of wait ran: each expected outcome shows up.
  expect(Object.keys(report.tally).sort()).toEqual(["CANCELLED CANCELLED", "ERROR ERROR", "FAILURE FAILURE", "SUCCESS SUCCESS"]);
  expect(Object.values(report.tally).reduce((a, b) => a + b, 0)).toBe(N);
  const mib = (b: number) => Math.round(b / 1024 / 1024);
  process.stderr.write(`endurance N=${N}: ${report.requests} requests; RSS before ${mib(report.before.rss)} MiB, peak ${mib(report.peakRss)} MiB, after ${mib(report.after.rss)} MiB; heap ${mib(report.before.heapUsed)} → ${mib(report.after.heapUsed)} MiB\n`);
});
