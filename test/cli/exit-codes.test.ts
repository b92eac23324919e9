/**
 * `opgate wait` exit codes end to end: the built CLI as a child process
 * against an emulator in this process, for every outcome, an interruption
 * mid-wait, and the service flags that change the outcome.
 */
import { cliEnv, finished, runCli, STACK_LINE, startCli, stderrContains } from "./support/run-cli";
import { emrOperation as emr, resultOf, useEmulator } from "./support/wait-fixture";

const running = { polls: 1, state: "IN_PROGRESS" };

const waitArgs = useEmulator([
  emr("op-ok", [running, { state: "COMPLETED", stateChangeReason: { code: "Success", message: "3 nodes added" } }]),
  emr("op-fail", [running, { state: "FAILED", stateChangeReason: { code: "OutOfStock", message: "The requested resource is sold out" } }]),
  emr("op-human", [{ state: "HUMAN_PROCESSING" }]),
  emr("op-slow", [{ state: "IN_PROGRESS" }]),
  emr("op-secret", [{ state: "COMPLETED" }]),
  emr("op-sigint", [{ state: "IN_PROGRESS" }]),
  emr("op-partial", [{ state: "PARTIAL_COMPLETED" }]),
  { service: "bpstudio", id: "op_rg", resourceGroupId: "rg-1", timeline: [{ status: "SUCCESS" }] },
  { service: "oos", id: "exec-cancel", region: "cn-hangzhou", timeline: [{ resources: [{ resourceId: "i-1", status: "Cancelled" }, { resourceId: "i-2", status: "Success" }] }] },
]);

describe("exit codes", () => {
  test.concurrent("0 on SUCCESS, with a text summary of the outputs and one plain progress line per change", async () => {
    const run = await runCli(waitArgs("emr", "op-ok"));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^SUCCESS: emr op-ok, last status SUCCESS \(COMPLETED\)/);
    expect(run.stdout).toContain("stateChangeReason");
    expect(run.stdout).toContain("3 nodes added");
    expect(run.stderr).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z emr op-ok \| RUNNING \(IN_PROGRESS\) \|.*next poll in/m);
    expect(run.stderr).toMatch(/Z emr op-ok \| SUCCESS \(COMPLETED\)/);
  });

  test.concurrent("1 on FAILURE, with the API's reason", async () => {
    const run = await runCli(waitArgs("emr", "op-fail"));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAILURE: emr op-fail/);
    expect(run.stdout).toContain("message: The requested resource is sold out");
  });

  test.concurrent("1 on CANCELLED (OOS: a resource was cancelled)", async () => {
    const run = await runCli(waitArgs("oos", "exec-cancel", ["--output", "json"]));
    expect(run.code).toBe(1);
    expect(resultOf(run)).toMatchObject({ outcome: "CANCELLED", status: "CANCELLED", rawStatus: "Cancelled" });
  });

  test.concurrent("3 on TIMEOUT, with the last status in the JSON Result", async () => {
    const run = await runCli(waitArgs("emr", "op-slow", ["--timeout", "3s", "--output", "json"]));
    expect(run.code).toBe(3);
    expect(resultOf(run)).toMatchObject({ outcome: "TIMEOUT", status: "RUNNING", rawStatus: "IN_PROGRESS", error: null });
  });

  test.concurrent("3 while EMR waits for a human: progress and summary say that someone must act", async () => {
    const run = await runCli(waitArgs("emr", "op-human", ["--timeout", "3s"]));
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/RUNNING \(HUMAN_PROCESSING\) \| [^|]*must act/);
    expect(run.stdout).toMatch(/^TIMEOUT: emr op-human/);
    expect(run.stdout).toMatch(/^note: .*must act/m);
  });

  test.concurrent("4 on a permanent API error (a wrong secret), with the API's code, no stack trace and no secret", async () => {
    const env = cliEnv({ ALIBABA_CLOUD_ACCESS_KEY_SECRET: "not-the-emulator-secret" });
    const run = await runCli(waitArgs("emr", "op-secret", ["--output", "json"]), env);
    expect(run.code).toBe(4);
    const result = resultOf(run);
    expect(result).toMatchObject({ outcome: "ERROR", polls: 1 });
    expect((result.error as { code: string }).code).toMatch(/Signature/);
    expect(run.stdout + run.stderr).not.toContain("not-the-emulator-secret");
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  test.concurrent("130 on SIGINT mid-wait, printing the partial Result", async () => {
    const child = startCli(waitArgs("emr", "op-sigint", ["--output", "json"]), cliEnv());
    const done = finished(child);
    await stderrContains(child, "RUNNING (IN_PROGRESS)");
    child.kill("SIGINT");
    const run = await done;
    expect(run.code).toBe(130);
    expect(resultOf(run)).toMatchObject({ outcome: "INTERRUPTED", status: "RUNNING", rawStatus: "IN_PROGRESS", error: null });
    expect(run.stderr).toContain("SIGINT received");
  });

  test.concurrent("130 when two signals arrive in a row", async () => {
    const child = startCli(waitArgs("emr", "op-sigint"), cliEnv());
    const done = finished(child);
    await stderrContains(child, "RUNNING (IN_PROGRESS)");
    child.kill("SIGTERM");
    child.kill("SIGINT");
    const run = await done;
    expect(run.code).toBe(130);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });
});


describe("service flags reach the API", () => {
  test.concurrent("--allow-partial turns PARTIAL_COMPLETED from FAILURE (1) into SUCCESS (0)", async () => {
    const [strict, partial] = await Promise.all([runCli(waitArgs("emr", "op-partial", ["--quiet"])), runCli(waitArgs("emr", "op-partial", ["--quiet", "--allow-partial"]))]);
    expect([strict.code, partial.code]).toEqual([1, 0]);
    expect(strict.stdout).toContain("pass --allow-partial");
  });

  test.concurrent("--resource-group-id is sent: another group does not see the operation", async () => {
    const [mine, other] = await Promise.all([
      runCli(waitArgs("bpstudio", "op_rg", ["--resource-group-id", "rg-1", "--output", "json"])),
      runCli(waitArgs("bpstudio", "op_rg", ["--resource-group-id", "rg-2", "--output", "json", "--timeout", "1500ms"])),
    ]);
    expect([mine.code, other.code]).toEqual([0, 3]);
    expect(resultOf(other)).toMatchObject({ outcome: "TIMEOUT", status: null });
  });
});

