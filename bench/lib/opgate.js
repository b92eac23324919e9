"use strict";
/**
 * What the benches take from opgate, in one place. Public names come from
 * the package's entry points (`opgate/testing`, `opgate/emulator`, resolved
 * through package.json `exports` to the build in dist/), as a user would
 * import them. The benches also measure parts no entry point exports (the
 * engine's loop on a simulated operation, the schedule function, the shared
 * rate limiter, the signed EMR client without the wait around it): those are
 * required from the build, each with what it is for, so that a move inside
 * the source is fixed here once. Each name loads its module when first read,
 * so a bench process loads only what it uses (the scale bench measures the
 * memory of its processes). Run `npm run build` first.
 */
const { join } = require("node:path");

/** The build of a part no entry point exports. */
const internal = (path) => require(join(__dirname, "..", "..", "dist", path));

const LOADERS = {
  // Public.
  VirtualClock: () => require("opgate/testing").VirtualClock,
  startEmulator: () => require("opgate/emulator").startEmulator,
  waitForOperation: () => require("opgate").waitForOperation,
  configureRateLimits: () => require("opgate").configureRateLimits,
  // Internal: the engine's loop on a task whose poll() is simulated (bench/schedule, bench/scale).
  pollUntilDone: () => internal("src/core/engine").pollUntilDone,
  // Internal: the states that end a wait (SUCCESS, FAILURE, CANCELLED), to time the terminal answer (bench/scale).
  TERMINAL_STATES: () => internal("src/core/result").TERMINAL_STATES,
  // Internal: the schedule function and its defaults, searched over a grid (bench/schedule).
  pollDelay: () => internal("src/core/schedule").pollDelay,
  scheduleOptions: () => internal("src/core/schedule").scheduleOptions,
  DEFAULT_SCHEDULE: () => internal("src/core/schedule").DEFAULT_SCHEDULE,
  // Internal: one rate limiter shared by N concurrent waits (bench/scale); it slows down on an ApiError marked `throttled`.
  RateLimiter: () => internal("src/core/rate-limiter").RateLimiter,
  // Internal: the signed client and EMR provider `waitForOperation` builds, to count each request (bench/scale).
  getProvider: () => internal("providers").getProvider,
  readParams: () => internal("providers/params").readParams,
  createApiCaller: () => internal("src/clients").createApiCaller,
};

for (const [name, load] of Object.entries(LOADERS)) {
  Object.defineProperty(module.exports, name, { enumerable: true, get: load });
}
