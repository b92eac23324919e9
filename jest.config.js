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
  // Most test files spend their time waiting on processes they start (terraform, the CLI, the emulator) and on
  // timers, not on the CPU: one worker more than the 2 cores keeps both busy (CI: about 4 min instead of 8).
  maxWorkers: 3,
};
