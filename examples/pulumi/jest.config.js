/**
 * jest for the example's unit tests (index.test.ts): TypeScript through ts-jest,
 * with this folder's tsconfig.json. In your project: npm install --save-dev jest ts-jest.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: "node",
  testMatch: ["<rootDir>/**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.json" }] },
};
