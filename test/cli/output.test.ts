/**
 * `opgate wait` output end to end: the built CLI as a child process against
 * an emulator in this process, in text and JSON mode, and the GitHub Actions
 * files.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cliEnv, runCli, tempDir } from "./support/run-cli";
import { BCS, emrOperation as emr, githubOutputs, resultOf, useEmulator } from "./support/wait-fixture";

const waitArgs = useEmulator([
  { service: "bpstudio", id: "op_text", timeline: [{ polls: 1, status: "RUNNING" }, { status: "SUCCESS" }] },
  { service: "bpstudio", id: "op_json", timeline: [{ polls: 1, status: "INIT" }, { status: "SUCCESS" }] },
  emr("op-quiet", [{ state: "COMPLETED" }]),
  { service: "bcs", id: "rec-ok", projectId: BCS.projectId, timeline: [{ polls: 1, status: "processing" }, { status: "finished" }] },
  { service: "bcs", id: "rec-gh", projectId: BCS.projectId, timeline: [{ status: "finished" }] },
  {
    service: "oos",
    id: "exec-ok",
    region: "cn-hangzhou",
    timeline: [
      { polls: 1, resources: [{ resourceId: "i-1", status: "Running" }, { resourceId: "i-2", status: "Queued" }] },
      { resources: [{ resourceId: "i-1", status: "Success", outputs: { commandOutput: "hello" } }, { resourceId: "i-2", status: "Skipped" }] },
    ],
  },
  { service: "oos", id: "exec-gh", region: "cn-hangzhou", timeline: [{ resources: [{ resourceId: "i-9", status: "Success" }] }] },
]);

describe("output modes", () => {
  test.concurrent("--output json: stdout is exactly the Result; progress stays on stderr", async () => {
    const run = await runCli(waitArgs("bpstudio", "op_json", ["--output", "json"]));
    expect(run.code).toBe(0);
    const result = resultOf(run);
    expect(result).toMatchObject({ service: "bpstudio", operationId: "op_json", outcome: "SUCCESS", status: "SUCCESS", rawStatus: "SUCCESS", error: null });
    expect((result.outputs as { tagMap: unknown }).tagMap).toEqual({ cadt: ["12xxxxxxx", "34xxxxxxx"] });
    expect(run.stderr).toContain("bpstudio op_json | PENDING (INIT)");
  });

  test.concurrent("text: the BPStudio summary shows the tagMap", async () => {
    const run = await runCli(waitArgs("bpstudio", "op_text"));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}tagMap +\{"cadt":\["12xxxxxxx","34xxxxxxx"\]\}$/m);
  });

  test.concurrent("text: the BCS summary has the step table with sub-steps; progress counts steps", async () => {
    const run = await runCli(waitArgs("bcs", "rec-ok"));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}1 +Preparation +finished/m);
    expect(run.stdout).toMatch(/^ {2}2\.1 +Create EIP +finished +2021-04-12T09:17:18\.464Z/m);
    expect(run.stderr).toMatch(/RUNNING \(processing\) \| 1\/2 steps done/);
  });

  test.concurrent("text: the OOS summary lists every resource's status; progress counts resources", async () => {
    const run = await runCli(waitArgs("oos", "exec-ok"));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}i-1 +Success .*"commandOutput":"hello"/m);
    expect(run.stdout).toMatch(/^ {2}i-2 +Skipped/m);
    expect(run.stderr).toMatch(/0\/2 resources done/);
  });

  test.concurrent("--quiet: no progress at all", async () => {
    const run = await runCli(waitArgs("emr", "op-quiet", ["--quiet"]));
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^SUCCESS: emr op-quiet/);
  });
});


describe("GitHub Actions", () => {
  test.concurrent("GITHUB_OUTPUT gets status, outcome and outputs; GITHUB_STEP_SUMMARY the steps with a gantt", async () => {
    const dir = tempDir();
    const files = { GITHUB_OUTPUT: join(dir, "output"), GITHUB_STEP_SUMMARY: join(dir, "summary.md") };
    const run = await runCli(waitArgs("bcs", "rec-gh", ["--output", "json"]), cliEnv(files));
    expect(run.code).toBe(0);
    const result = resultOf(run);
    const outputs = githubOutputs(readFileSync(files.GITHUB_OUTPUT, "utf8"));
    expect(Object.keys(outputs)).toEqual(["status", "outcome", "outputs"]);
    expect(outputs.status).toBe("SUCCESS");
    expect(outputs.outcome).toBe("SUCCESS");
    expect(JSON.parse(outputs.outputs)).toEqual(result.outputs);
    const summary = readFileSync(files.GITHUB_STEP_SUMMARY, "utf8");
    expect(summary).toContain("opgate: bcs rec-gh: SUCCESS");
    expect(summary).toMatch(/^\| 2\.1 \| Create EIP \| finished \| 2021-04-12T09:17:18\.464Z \|/m);
    expect(summary).toMatch(/```mermaid\ngantt\n[\s\S]*section 2 Create Other Dependent Resource\n\s+Create EIP :done, 2021-04-12T09:17:18\.464Z, 2021-04-12T09:17:18\.464Z\n/);
  });

  test.concurrent("GITHUB_STEP_SUMMARY gets the OOS resource table; files are appended to, not replaced", async () => {
    const dir = tempDir();
    const files = { GITHUB_OUTPUT: join(dir, "output"), GITHUB_STEP_SUMMARY: join(dir, "summary.md") };
    const env = cliEnv(files);
    const first = await runCli(waitArgs("oos", "exec-gh"), env);
    const second = await runCli(waitArgs("oos", "exec-gh"), env);
    expect([first.code, second.code]).toEqual([0, 0]);
    const summary = readFileSync(files.GITHUB_STEP_SUMMARY, "utf8");
    expect(summary.match(/^\| i-9 \| Success \|/gm)).toHaveLength(2);
    const output = readFileSync(files.GITHUB_OUTPUT, "utf8");
    expect(output.match(/^outcome<</gm)).toHaveLength(2);
    expect(JSON.parse(githubOutputs(output).outputs)).toEqual({ counts: { Success: 1 } });
  });
});
