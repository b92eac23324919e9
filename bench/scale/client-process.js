"use strict";
/**
 * The waiters of bench/scale, in their own process (one per run): N
 * concurrent waits, either opgate's engine sharing one rate limiter or N
 * independent @smithy/util-waiter waiters, each polling the emulator with
 * the product's signed client. Driven over IPC:
 *   { type: "run", contender, url, waits: [{ id, durationMs }], limiter } → { type: "done", ... }
 */
const { createWaiter, WaiterState } = require("@smithy/util-waiter");
const { pollUntilDone, RateLimiter, TERMINAL_STATES } = require("../lib/opgate");
const { emrPoller } = require("./emr-client");
const { peakRss } = require("./process-meter");

const TIMEOUT_MS = 3600_000;

/**
 * Wraps `poll` to record, per wait, when its first answered request went out
 * (the emulator starts the operation's timeline at the first request it
 * answers) and when the terminal answer arrived.
 */
function timedPoll(poll, record) {
  return async (signal) => {
    const sentAt = performance.now();
    const snapshot = await poll(signal);
    record.firstAnsweredAt ??= sentAt;
    if (TERMINAL_STATES.has(snapshot.state)) record.endSeenAt ??= performance.now();
    return snapshot;
  };
}

async function opgateWait(poller, wait, record, limiter) {
  const task = { service: "emr", operationId: wait.id, poll: timedPoll((signal) => poller.poll(wait.id, signal), record) };
  const result = await pollUntilDone(task, { timeoutMs: TIMEOUT_MS, limiter });
  return result.outcome;
}

async function smithyWait(poller, wait, record) {
  const poll = timedPoll((signal) => poller.poll(wait.id, signal), record);
  const result = await createWaiter({ client: {}, maxWaitTime: TIMEOUT_MS / 1000, minDelay: 2, maxDelay: 120 }, {}, async () => {
    try {
      const snapshot = await poll(AbortSignal.timeout(20_000));
      if (!TERMINAL_STATES.has(snapshot.state)) return { state: WaiterState.RETRY };
      return { state: snapshot.state === "SUCCESS" ? WaiterState.SUCCESS : WaiterState.FAILURE };
    } catch (err) {
      // What an AWS SDK waiter does with an error no acceptor matches: try again.
      return { state: err && err.kind === "permanent" ? WaiterState.FAILURE : WaiterState.RETRY, reason: err };
    }
  });
  return result.state === WaiterState.SUCCESS ? "SUCCESS" : result.state;
}

process.on("message", async (msg) => {
  if (msg.type !== "run") return;
  const rss = peakRss();
  const poller = await emrPoller(msg.url);
  const limiter = msg.contender === "opgate" ? new RateLimiter(msg.limiter) : null;
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  const records = msg.waits.map(() => ({ firstAnsweredAt: null, endSeenAt: null }));
  const outcomes = await Promise.all(
    msg.waits.map((wait, i) => (msg.contender === "opgate" ? opgateWait(poller, wait, records[i], limiter) : smithyWait(poller, wait, records[i]))),
  );
  const wallMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);
  rss.stop();
  const waits = msg.waits.map((wait, i) => {
    const r = records[i];
    return {
      durationMs: wait.durationMs,
      outcome: outcomes[i],
      firstAnswerMs: r.firstAnsweredAt === null ? null : r.firstAnsweredAt - startedAt,
      lagMs: r.endSeenAt === null || r.firstAnsweredAt === null ? null : r.endSeenAt - (r.firstAnsweredAt + wait.durationMs),
    };
  });
  process.send({ type: "done", waits, counts: poller.counts, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, rssPeak: rss.peak() });
});

/** Capacity probe: `concurrency` loops polling one operation for `ms`, no limiter. */
process.on("message", async (msg) => {
  if (msg.type !== "blast") return;
  const poller = await emrPoller(msg.url);
  const startedAt = performance.now();
  const until = startedAt + msg.ms;
  const loop = async () => {
    while (performance.now() < until) await poller.poll(msg.operationId, AbortSignal.timeout(20_000)).catch(() => undefined);
  };
  await Promise.all(Array.from({ length: msg.concurrency }, loop));
  process.send({ type: "blasted", counts: poller.counts, wallMs: performance.now() - startedAt });
});
