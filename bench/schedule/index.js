"use strict";
/**
 * bench/schedule: API calls and detection lag of every waiter on the same
 * simulated operations, against the geometric lower bound; opgate matched to
 * each peer; and opgate with and without its progress estimator.
 */
const { DEFAULT_SCHEDULE } = require("../lib/opgate");
const { summarize, seconds, percent, fixed, markdownTable } = require("../lib/stats");
const { durations, progressOperations } = require("./operations");
const { PEERS } = require("./peers");
const { measureOpgate, measureLastLook } = require("./opgate");
const { guaranteeOf, boundCalls } = require("./bound");
const { matchPeer } = require("./frontier");

const OPERATIONS = 2000;
const SEED = 20_240_611;

/** One row of the main table. */
function row(name, waits) {
  const s = summarize(waits);
  const guarantee = guaranteeOf(waits);
  const bound = boundCalls(guarantee, waits);
  return { name, waits, summary: s, guarantee, bound, ratio: s.callsMean / bound };
}

function lagCells(s) {
  return [seconds(s.lagP50), seconds(s.lagP95), seconds(s.lagMax), percent(s.relP50), percent(s.relP95), percent(s.relMax)];
}

function mainTable(rows) {
  const header = ["waiter", "calls mean", "calls p95", "lag p50", "lag p95", "lag max", "lag/T p50", "lag/T p95", "lag/T max", "guarantee r / floor / cap", "bound calls", "calls / bound"];
  return markdownTable(
    header,
    rows.map((r) => [
      r.name,
      fixed(r.summary.callsMean),
      String(r.summary.callsP95),
      ...lagCells(r.summary),
      `${fixed(r.guarantee.ratio, 2)} / ${seconds(r.guarantee.floorMs)} / ${seconds(r.guarantee.capMs)}`,
      fixed(r.bound),
      fixed(r.ratio, 2),
    ]),
  );
}

function tuningText(t) {
  return `ratio ${t.ratio}, min ${seconds(t.minDelayMs)}, max ${seconds(t.maxDelayMs)}`;
}

/** opgate's schedule matched to each peer's p95 relative lag, and to its calls (simulated schedule function, see frontier.js). */
function headToHead(peers, durationsMs) {
  const rows = peers.map((peer) => ({ peer, ...matchPeer(peer.summary, peer.guarantee.capMs, durationsMs, SEED) }));
  const cells = (label, s, tuning) => [label, fixed(s.callsMean), percent(s.relP95), seconds(s.lagP95), seconds(s.lagMax), tuning];
  const body = [];
  for (const { peer, atLag, atCalls } of rows) {
    body.push(cells(`**${peer.name}**`, peer.summary, ""));
    const none = (label) => [label, "no tuning in the grid", "", "", "", ""];
    body.push(atLag ? cells("opgate at its p95 lag/T", atLag.summary, tuningText(atLag.tuning)) : none("opgate at its p95 lag/T"));
    body.push(atCalls ? cells("opgate at its calls", atCalls.summary, tuningText(atCalls.tuning)) : none("opgate at its calls"));
  }
  return { rows, table: markdownTable(["waiter", "calls mean", "lag/T p95", "lag p95", "lag max", "opgate tuning"], body) };
}

function asOperations(durationsMs) {
  return durationsMs.map((durationMs) => ({ kind: "none", durationMs, unitEndsMs: null }));
}

async function estimatorTable() {
  const operations = progressOperations(OPERATIONS, SEED);
  const blind = await measureOpgate(operations, SEED, { estimator: null });
  const guided = await measureOpgate(operations, SEED);
  const kinds = [
    ["BCS steps (5 steps)", "bcs"],
    ["OOS resources (1–200, 10 at a time)", "oos"],
    ["no progress (EMR, BPStudio)", "none"],
    ["all", null],
  ];
  const body = [];
  const results = [];
  for (const [label, kind] of kinds) {
    const pick = (waits) => waits.filter((w) => kind === null || w.kind === kind);
    const b = summarize(pick(blind));
    const g = summarize(pick(guided));
    results.push({ kind: kind ?? "all", blind: b, guided: g });
    const cells = (name, s) => [name, fixed(s.callsMean), String(s.callsP95), ...lagCells(s)];
    body.push(cells(`${label}: blind`, b), cells(`${label}: progress estimator`, g));
  }
  const header = ["operations: schedule", "calls mean", "calls p95", "lag p50", "lag p95", "lag max", "lag/T p50", "lag/T p95", "lag/T max"];
  return { results, table: markdownTable(header, body) };
}

/** Deadlines the last look is measured under: the default 30 min, a short and a long one. */
const LAST_LOOK_DEADLINES_MS = [10 * 60_000, 30 * 60_000, 2 * 3600_000];

/** What the last look before the deadline costs in calls, under each deadline, on the bench's operations. */
async function lastLookTable(durationsMs) {
  const results = [];
  for (const timeoutMs of LAST_LOOK_DEADLINES_MS) results.push(await measureLastLook(asOperations(durationsMs), SEED, timeoutMs));
  const header = ["deadline", "waits", "calls per wait, no last look", "calls per wait, last look", "extra calls per wait", "waits that looked once more", "TIMEOUT turned SUCCESS"];
  const body = results.map((r) => [
    seconds(r.timeoutMs),
    String(r.waits),
    fixed(r.callsWithout, 2),
    fixed(r.callsWith, 2),
    fixed(r.extraPerWait, 3),
    `${r.lookedAgain} (${percent(r.lookedAgain / r.waits)})`,
    String(r.rescued),
  ]);
  return { results, table: markdownTable(header, body) };
}

/** Runs the whole schedule bench; resolves with its tables (Markdown) and the figures behind them. */
async function runScheduleBench(log = () => undefined) {
  const durationsMs = durations(OPERATIONS, SEED);
  const rows = [];
  for (const peer of PEERS) {
    log(`schedule: ${peer.name}`);
    rows.push({ ...row(peer.name, await peer.measure(durationsMs, SEED)), how: peer.how });
  }
  log("schedule: opgate defaults");
  const opgate = { ...row("**opgate defaults**", await measureOpgate(asOperations(durationsMs), SEED)), how: "real engine (pollUntilDone), VirtualClock" };
  log("schedule: opgate matched to each peer");
  const h2h = headToHead(rows, durationsMs);
  log("schedule: progress estimator");
  const estimator = await estimatorTable();
  log("schedule: the last look before the deadline");
  const lastLook = await lastLookTable(durationsMs);
  const defaults = DEFAULT_SCHEDULE;
  return {
    opgate,
    peers: rows,
    headToHead: h2h.rows,
    estimator: estimator.results,
    lastLook: lastLook.results,
    markdown: {
      main: mainTable([...rows, opgate]),
      sources: markdownTable(["waiter", "how it is run"], [...rows, opgate].map((r) => [r.name, r.how])),
      headToHead: h2h.table,
      estimator: estimator.table,
      lastLook: lastLook.table,
      defaults: `ratio ${defaults.ratio}, minDelay ${seconds(defaults.minDelayMs)}, maxDelay ${seconds(defaults.maxDelayMs)}, jitter −${percent(defaults.jitter)} (only shortens), ${OPERATIONS} operations, T log-uniform 2 s … 6 h, seed ${SEED}`,
    },
  };
}

module.exports = { runScheduleBench };

if (require.main === module) {
  runScheduleBench((line) => console.error(line)).then((r) => {
    for (const [name, text] of Object.entries(r.markdown)) console.log(`\n## ${name}\n\n${text}`);
  });
}
