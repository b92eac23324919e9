"use strict";
/**
 * The emulator of bench/scale, in its own process so that its CPU and memory
 * are measured apart from the waiters'. Driven over IPC by bench/scale/index.js:
 *   { type: "start", rateLimit, operations } → { type: "ready", url }
 *   { type: "measure" } → { type: "measured", stats, cpuMs, rssPeak }
 *   { type: "stop" } → exits
 */
const { startEmulator } = require("../lib/opgate");
const { peakRss } = require("./process-meter");

let emulator = null;
const rss = peakRss();

process.on("message", async (msg) => {
  if (msg.type === "start") {
    emulator = await startEmulator({ rateLimit: msg.rateLimit ?? undefined });
    for (const op of msg.operations) emulator.addOperation(op);
    process.send({ type: "ready", url: emulator.url });
  } else if (msg.type === "measure") {
    const cpu = process.cpuUsage();
    process.send({ type: "measured", stats: emulator.stats(), cpuMs: (cpu.user + cpu.system) / 1000, rssPeak: rss.peak() });
  } else if (msg.type === "stop") {
    rss.stop();
    await emulator?.close();
    process.exit(0);
  }
});
