#!/usr/bin/env node
/**
 * One fresh process of bench/services: how long `require("opgate")` takes,
 * then two waits of the same service in a row on operations that are
 * already done (one request each), against the emulator at OPGATE_ENDPOINT.
 * The first wait pays what the service loads on first use (the generic
 * waiter: the spec's checks and the JMESPath library); the second does not.
 * Prints one JSON line: `{ requireMs, firstMs, secondMs, modules }`.
 *
 *   node bench/services/first-wait.js <service>
 */
"use strict";
const { performance } = require("node:perf_hooks");
const { waitOptions } = require("./waits");

const service = process.argv[2];
const loaded = () => Object.keys(require.cache).length;

async function main() {
  const start = performance.now();
  const opgate = require("opgate");
  const requireMs = performance.now() - start;
  // Two requests in a row must not wait for the default rate limit's next token.
  opgate.configureRateLimits({ ratePerSecond: 1000 });
  const before = loaded();
  const times = [];
  for (const id of ["done-1", "done-2"]) {
    const began = performance.now();
    const result = await opgate.waitForOperation(waitOptions(service, id, process.env.OPGATE_ENDPOINT));
    if (result.outcome !== "SUCCESS") throw new Error(`${service} ${id}: ${result.outcome} ${result.message}`);
    times.push(performance.now() - began);
  }
  console.log(JSON.stringify({ requireMs, firstMs: times[0], secondMs: times[1], modules: loaded() - before }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
