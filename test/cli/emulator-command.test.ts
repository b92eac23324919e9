/**
 * `opgate emulator` as a user runs it: the built CLI serves the scenario
 * until SIGINT, and `opgate wait` gates on it.
 */
import { join } from "node:path";
import { runCli, startCli, finished, cliEnv } from "./support/run-cli";

const SCENARIO = join(__dirname, "..", "..", "examples", "pipeline", "scenario.json");

test("serves the scenario on the port it prints first, until SIGINT", async () => {
  const emulator = startCli(["emulator", "--port", "0", "--scenario", SCENARIO], cliEnv({}, {}));
  const done = finished(emulator);
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    emulator.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const first = out.split("\n")[0];
      if (out.includes("\n")) {
        const match = /^opgate emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(first);
        if (match) resolve(match[1]);
        else reject(new Error(`unexpected first line: ${first}`));
      }
    });
  });
  try {
    const run = await runCli(["wait", "oos", "--region", "cn-hangzhou", "--execution-id", "exec-5f1b7e0c9a2d4e6f", "--output", "json"], cliEnv({ OPGATE_ENDPOINT: url }));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ outcome: "SUCCESS", outputs: { counts: { Success: 2, Skipped: 1 } } });
  } finally {
    emulator.kill("SIGINT");
  }
  const stopped = await done;
  expect(stopped.code).toBe(0);
  expect(stopped.stdout).toContain("POST / oos ListResourceExecutionStatus exec-5f1b7e0c9a2d4e6f -> 200");
  expect(stopped.stdout.trimEnd().split("\n").pop()).toBe("opgate emulator stopped");
});
