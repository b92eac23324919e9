/** @type {import('jest').Config} */
module.exports = {
  // Node's environment with a temporary folder per test file that must be empty at its end.
  testEnvironment: "<rootDir>/test/support/temp-dir-environment.js",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.[tj]s$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.test.json" }],
  },
  // p-retry and its helper ship as ES modules only; let ts-jest turn them into CommonJS.
  transformIgnorePatterns: ["/node_modules/(?!(p-retry|is-network-error)/)"],
  testTimeout: 30000,
  // One worker per core (jest's default leaves one core idle: on CI's 2 cores, one worker and 8 to 9 minutes instead of
  // under 5). Not more: the tests with short deadlines need the CPU they expect.
  maxWorkers: 2,
};
