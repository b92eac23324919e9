/**
 * `opgate wait` output end to end: the built CLI as a child process against
 * an emulator in this process, in text and JSON mode, and the GitHub Actions
 * files.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cliEnv, runCli, tempDir } from "./support/run-cli";
import { BCS, emrOperation as emr, githubOutputs, resultOf, useEmulator } from "./support/wait-fixture";

/** An API message with Markdown that would render as a link and a remote image, and a right-to-left override. */
const HOSTILE = "quota exceeded: see [the fix](https://evil.example/fix) ![x](https://evil.example/pixel.png) invoice\u202Efdp.exe";
/** An API message longer than any terminal line. */
const LONG_REASON = `You are not authorized to do this action. ${"Check the RAM policy of the user. ".repeat(8)}End of the reason.`;

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
  emr("op-hostile", [{ state: "FAILED", stateChangeReason: { code: "Hostile", message: HOSTILE } }]),
  { ...emr("op-denied", [{ state: "IN_PROGRESS" }]), faults: [{ from: 1, kind: "error-body", code: "Forbidden.RAM", message: LONG_REASON }] },
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
    expect(summary).toContain("opgate: bcs rec\\-gh: SUCCESS");
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
    expect(summary.match(/^\| i\\-9 \| Success \|/gm)).toHaveLength(2);
    const output = readFileSync(files.GITHUB_OUTPUT, "utf8");
    expect(output.match(/^outcome<</gm)).toHaveLength(2);
    expect(JSON.parse(githubOutputs(output).outputs)).toEqual({ counts: { Success: 1 } });
  });
});

describe("API text is shown, never obeyed; reasons are said once and whole", () => {
  test.concurrent("Markdown and a right-to-left override in an API message: literal in the job summary, visible on the terminal, escaped in JSON", async () => {
    const dir = tempDir();
    const env = cliEnv({ GITHUB_STEP_SUMMARY: join(dir, "summary.md") });
    const [text, json] = await Promise.all([runCli(waitArgs("emr", "op-hostile"), env), runCli(waitArgs("emr", "op-hostile", ["--output", "json"]))]);
    expect([text.code, json.code]).toEqual([1, 1]);
    expect(text.stdout + text.stderr + json.stdout).not.toContain("\u202E");
    expect(text.stdout.trimEnd().split("\n").at(-1)).toBe("message: quota exceeded: see [the fix](https://evil.example/fix) ![x](https://evil.example/pixel.png) invoice<U+202E>fdp.exe");
    expect(json.stdout).toContain("invoice\\u202efdp.exe");
    expect((resultOf(json) as { message: string }).message).toBe(HOSTILE);
    const summary = readFileSync(join(dir, "summary.md"), "utf8");
    expect(summary).toContain("see \\[the fix\\]\\(https\\:\\/\\/evil\\.example\\/fix\\) \\!\\[x\\]");
    expect(summary).not.toContain("\u202E");
    // Outside the outputs' JSON code block nothing of it is markup.
    expect(summary.replace(/```json[\s\S]*?```/, "")).not.toMatch(/(?<!\\)\[the fix\]|(?<!\\)!\[x\]/);
  });

  test.concurrent("an ERROR's summary says its reason once, and the ended line in a CI log keeps all of it", async () => {
    const run = await runCli(waitArgs("emr", "op-denied"));
    expect(run.code).toBe(4);
    expect(run.stdout.split("End of the reason.")).toHaveLength(2);
    expect(run.stdout.trimEnd().split("\n").at(-1)).toMatch(new RegExp(`^error: Forbidden\\.RAM: ${LONG_REASON.replace(/\./g, "\\.")} \\(RequestId: [-\\w]+\\)$`));
    expect(run.stderr).toMatch(new RegExp(`Z ended \\| emr op-denied \\| ERROR \\| .*\\| ${LONG_REASON.replace(/\./g, "\\.")} \\(RequestId: [-\\w]+\\)\n`));
    expect(run.stderr).not.toContain("…");
  });

  test.concurrent("a refused endpoint's retries are one line, then the end says how many polls it covered", async () => {
    const args = waitArgs("emr", "op-denied");
    args[args.indexOf("--endpoint") + 1] = "http://127.0.0.1:1";
    const run = await runCli(args);
    expect(run.code).toBe(4);
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines.filter((line) => line.includes("retrying after NetworkError"))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/Z ended \| emr op-denied \| ERROR \| \d+ polls \| .*ECONNREFUSED .* \| \d+ more polls? like the line before$/);
  }, 60_000);
});
