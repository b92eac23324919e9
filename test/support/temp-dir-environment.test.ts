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

test("Terraform's update check is off while a test file runs (cdktf runs `terraform version` at synth time in the jest process: no ~/.terraform.d, no call out)", () => {
  expect(process.env.CHECKPOINT_DISABLE).toBe("1");
});

/** Runs the fixtures' test files in a child jest, as `.ci/run` runs the suite. */
function runFixtures(): { status: number | null; stderr: string; result: Record<string, number> } {
  const folder = temporaryFolder("opgate-leak-report-");
  const report = path.join(folder, "report.json");
  const run = spawnSync(
    process.execPath,
    [
      path.join(REPO, "node_modules/jest/bin/jest.js"),
      "--config",
      JSON.stringify({
        rootDir: path.join(REPO, "test/support/fixtures/leaky"),
        testEnvironment: path.join(REPO, "test/support/temp-dir-environment.js"),
        testMatch: ["**/*.fixture.js"],
        // jest's own cache, in a folder this file removes.
        cacheDirectory: path.join(folder, "jest-cache"),
      }),
      "--ci", "--json", "--outputFile", report,
    ],
    // The child's temporary folder is this file's: what its files leave would show here.
    { cwd: REPO, encoding: "utf8", env: process.env },
  );
  return { status: run.status, stderr: run.stderr, result: JSON.parse(fs.readFileSync(report, "utf8")) };
}

test("a test file that leaves an entry there fails, naming it, and counts as a failure in .ci/run; one that removes it in its own afterAll passes", () => {
  const { status, stderr, result } = runFixtures();
  expect(status).toBe(1);
  expect(stderr).toMatch(/leaky\.fixture\.js left 1 entries in its temporary folder .*: forgotten-/);
  expect(stderr).toMatch(/PASS .*tidy\.fixture\.js/);
  expect(result.numRuntimeErrorTestSuites).toBe(1);
  expect(result.numFailedTestSuites).toBe(1);
  expect(result.numPassedTestSuites).toBe(1);
  // .ci/run's count of failures.
  expect(result.numFailedTests + result.numRuntimeErrorTestSuites).toBe(1);
  // The leaked folder itself went with the file's temporary folder, and nothing else is left.
  expect(fs.readdirSync(os.tmpdir()).filter((entry) => !entry.startsWith("opgate-leak-report-"))).toEqual([]);
});
