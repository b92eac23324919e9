/**
 * The jest environment that gives each test file its own temporary folder
 * fails a file that leaves anything there, in a way `.ci/run` counts.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { temporaryFolder } from "./temporary-folder";

const REPO = path.resolve(__dirname, "../..");

test("each test file runs with a temporary folder of its own", () => {
  expect(path.basename(os.tmpdir())).toMatch(/^opgate-jest-/);
  expect(process.env.TMPDIR).toBe(os.tmpdir());
});

test("a test file that leaves an entry there fails, naming it, and counts as a failed suite", () => {
  const report = path.join(temporaryFolder("opgate-leak-report-"), "report.json");
  const run = spawnSync(
    process.execPath,
    [
      path.join(REPO, "node_modules/jest/bin/jest.js"),
      "--config",
      JSON.stringify({
        rootDir: path.join(REPO, "test/support/fixtures/leaky"),
        testEnvironment: path.join(REPO, "test/support/temp-dir-environment.js"),
        testMatch: ["**/*.fixture.js"],
      }),
      "--ci", "--json", "--outputFile", report,
    ],
    { cwd: REPO, encoding: "utf8", env: { ...process.env, OPGATE_TEST_OUTER_TMPDIR: os.tmpdir() } },
  );
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/leaky\.fixture\.js left 1 entries in its temporary folder .*: forgotten-/);
  const result = JSON.parse(fs.readFileSync(report, "utf8")) as { numRuntimeErrorTestSuites: number; numFailedTestSuites: number };
  expect(result.numRuntimeErrorTestSuites + result.numFailedTestSuites).toBeGreaterThan(0);
  expect(result.numRuntimeErrorTestSuites).toBe(1);
  // The leaked folder itself went with the file's temporary folder.
  expect(fs.readdirSync(os.tmpdir()).filter((entry) => entry.startsWith("forgotten-"))).toEqual([]);
});
