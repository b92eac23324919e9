"use strict";
/**
 * Runs library waiters that sleep with setTimeout (and read Date.now) in
 * virtual time: @sinonjs/fake-timers replaces the timers, and whenever the
 * process has nothing else to do (the real setImmediate fires), the clock
 * jumps to the next timer. Hours of polling run in milliseconds.
 */
const FakeTimers = require("@sinonjs/fake-timers");

const realSetImmediate = setImmediate;
const idle = () => new Promise((resolve) => realSetImmediate(resolve));

/**
 * Installs fake timers for the duration of `fn(clock)`: `fn` receives the
 * fake clock and `drive(promise)`, which advances virtual time until
 * `promise` settles and resolves with its value.
 */
async function inFakeTime(fn) {
  const clock = FakeTimers.install({ now: 0, toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
  const drive = async (promise) => {
    let settled = false;
    const done = promise.finally(() => {
      settled = true;
    });
    done.catch(() => undefined);
    await idle();
    while (!settled) {
      if (clock.countTimers() === 0) throw new Error("the waiter neither settled nor scheduled a timer");
      clock.next();
      await idle();
    }
    return done;
  };
  try {
    return await fn(clock, drive);
  } finally {
    clock.uninstall();
  }
}

module.exports = { inFakeTime };
