"use strict";
/**
 * The waiters people would otherwise use, each measured on the same
 * operations. Libraries run as their real code in fake time; the others are
 * the exact formulas of their sources (cited per waiter).
 */
const { createWaiter, WaiterState } = require("@smithy/util-waiter");
const { createHttpPoller } = require("@azure/core-lro");
const { inFakeTime } = require("../lib/fake-time");
const { seeded, withMathRandom } = require("../lib/random");

/**
 * Measures one waiter on every duration. `waitFor(durationMs, clock, drive)`
 * runs one wait in fake time and resolves when it saw the end; the poll
 * function it is given records poll times.
 */
async function measureLibrary(durations, waitFor) {
  return inFakeTime(async (clock, drive) => {
    const waits = [];
    for (const durationMs of durations) {
      clock.reset();
      const polls = [];
      const ended = () => {
        const t = clock.now;
        polls.push(t);
        return t >= durationMs;
      };
      await drive(waitFor(ended));
      waits.push(waitOf(durationMs, polls));
    }
    return waits;
  });
}

/** A wait's figures from its poll times; the last poll is the one that saw the end. */
function waitOf(durationMs, polls) {
  const detectedAt = polls[polls.length - 1];
  let minGapMs = Infinity;
  let maxGapMs = 0;
  for (let i = 1; i < polls.length; i++) {
    const gap = polls[i] - polls[i - 1];
    minGapMs = Math.min(minGapMs, gap);
    maxGapMs = Math.max(maxGapMs, gap);
  }
  const firstGapMs = polls.length > 1 ? polls[1] - polls[0] : null;
  return { durationMs, calls: polls.length, lagMs: detectedAt - durationMs, firstPollMs: polls[0], firstGapMs, minGapMs, maxGapMs };
}

/** Measures a waiter given as a generator of poll times (ms since the start). */
function measureFormula(durations, pollTimes) {
  return durations.map((durationMs) => {
    const polls = [];
    for (const t of pollTimes()) {
      polls.push(t);
      if (t >= durationMs) break;
    }
    return waitOf(durationMs, polls);
  });
}

/** AWS SDK v3 waiters (@smithy/util-waiter createWaiter, real code): minDelay 2 s, maxDelay 120 s. */
const smithy = {
  name: "AWS SDK v3 waiter (@smithy/util-waiter)",
  how: "real code, fake timers; minDelay 2 s, maxDelay 120 s",
  measure: (durations, seed) =>
    withMathRandom(seeded(seed), () =>
      measureLibrary(durations, (ended) =>
        createWaiter({ client: {}, maxWaitTime: 7 * 3600, minDelay: 2, maxDelay: 120 }, {}, async () => ({
          state: ended() ? WaiterState.SUCCESS : WaiterState.RETRY,
        })),
      ),
    ),
};

/** Azure SDK pollers (@azure/core-lro createHttpPoller, real code): 2 s interval. */
const azure = {
  name: "Azure SDK poller (@azure/core-lro)",
  how: "real code, fake timers; intervalInMs 2000",
  measure: (durations) =>
    measureLibrary(durations, (ended) => {
      const request = { method: "POST", url: "https://example.invalid/start" };
      const lro = {
        sendInitialRequest: async () => ({
          flatResponse: {},
          rawResponse: { statusCode: 202, request, headers: { "operation-location": "https://example.invalid/status" } },
        }),
        sendPollRequest: async () => {
          const status = ended() ? "Succeeded" : "Running";
          return { flatResponse: { status }, rawResponse: { statusCode: 200, request, headers: {}, body: { status } } };
        },
      };
      return createHttpPoller(lro, { intervalInMs: 2000, skipFinalGet: true }).pollUntilDone();
    }),
};

/**
 * terraform-plugin-sdk StateChangeConf.WaitForStateContext as
 * terraform-provider-alicloud builds it (BuildStateConf: Delay 5 s,
 * MinTimeout 3 s): first refresh after Delay, then the wait starts at 100 ms,
 * doubles after each refresh, is floored at MinTimeout and capped at 10 s.
 */
function* terraformAlicloud() {
  let t = 5000;
  yield t;
  let wait = 100;
  for (;;) {
    wait = Math.min(10_000, Math.max(3000, wait * 2));
    t += wait;
    yield t;
  }
}

/**
 * google-gax LongrunningOperation.startPolling_: polls at once, then sleeps
 * `delay` (initialRetryDelayMillis 100) and multiplies it by 1.3 after each
 * sleep, up to maxRetryDelayMillis 60 s.
 */
function* googleGax() {
  let t = 0;
  let delay = 100;
  yield t;
  for (;;) {
    t += delay;
    delay = Math.min(delay * 1.3, 60_000);
    yield t;
  }
}

/** A fixed interval, first poll at once. */
function* fixedInterval(ms) {
  for (let t = 0; ; t += ms) yield t;
}

const formulas = [
  {
    name: "Terraform alicloud (StateChangeConf)",
    how: "formula of terraform-plugin-sdk helper/resource/state.go, BuildStateConf Delay 5 s, MinTimeout 3 s",
    pollTimes: terraformAlicloud,
  },
  {
    name: "Google Cloud client LRO (google-gax)",
    how: "formula of gax longrunning.ts startPolling_: 100 ms ×1.3 up to 60 s",
    pollTimes: googleGax,
  },
  {
    name: "aliyun CLI --waiter",
    how: "formula of aliyun-cli openapi/waiter.go: every 5 s (its 180 s default timeout, 600 s max, left out)",
    pollTimes: () => fixedInterval(5000),
  },
  {
    name: "AWS CDK provider framework (isComplete)",
    how: "formula: Step Functions retry every queryInterval 5 s, backoffRate 1",
    pollTimes: () => fixedInterval(5000),
  },
].map((peer) => ({ ...peer, measure: async (durations) => measureFormula(durations, peer.pollTimes) }));

/** Every peer, libraries first. */
const PEERS = [smithy, azure, ...formulas];

module.exports = { PEERS, waitOf };
