/**
 * The unit-test example (examples/pulumi/index.test.ts with its jest.config.js)
 * runs as a user runs it in their project, `npx jest` in the program's folder,
 * without the pulumi binary: it passes against the built `opgate/pulumi`, and
 * its test of bad arguments shows that constructing a resource refuses them.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { exampleEntryPoint, REPO, temporaryHome } from "./harness/program";
import { temporaryFolder } from "../support/temporary-folder";

test("the example's unit tests pass under jest, with mocks and no pulumi binary", async () => {
  const { pwd } = exampleEntryPoint();
  const { home, cleanup } = temporaryHome();
  try {
    const jest = path.join(REPO, "node_modules", "jest", "bin", "jest.js");
    const run = promisify(execFile)(process.execPath, [jest, "--config", path.join(pwd, "jest.config.js"), "--rootDir", pwd, "--json", "--no-cache"], {
      cwd: pwd,
      // No credential, no stack config: under mocks nothing is sent anywhere.
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, TMPDIR: temporaryFolder("opgate-example-jest-"), ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" },
    });
    const report = JSON.parse((await run).stdout) as { success: boolean; numPassedTests: number; testResults: { assertionResults: { fullName: string; status: string }[] }[] };
    const tests = report.testResults.flatMap((file) => file.assertionResults);
    expect(tests.map((t) => [t.fullName, t.status])).toEqual([
      ["the program constructs its waits with arguments opgate takes, and gates the release on them", "passed"],
      ["opgate's resources, constructed with bad arguments throw, naming each argument at fault in the words of the provider's check", "passed"],
      ["opgate's resources, constructed with bad arguments leave what is only known later (an output of another resource) to the check at preview", "passed"],
    ]);
    expect(report.success).toBe(true);
  } finally {
    cleanup();
  }
}, 120_000);
