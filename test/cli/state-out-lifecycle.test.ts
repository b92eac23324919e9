/**
 * Issue 17 §5 through the BUILT CLI: a `--state-out` file never outlives the
 * run that should replace it (exit 2, signals, a killed writer), an empty or
 * impossible FILE is refused before any request, and what scripts read (the
 * JSON, the GitHub outputs, the summary) agrees with the exit code when the
 * file cannot be written after SUCCESS. Nothing after the wait turns a
 * SUCCESS into an "internal error".
 */
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startEmulator, type Emulator } from "../../src/emulator";
import { CLI, cliEnv, finished, runCli, STACK_LINE, startCli, stderrContains, tempDir } from "./support/run-cli";
import { EMR, emrOperation as emr, githubOutputs, resultOf, useEmulator } from "./support/wait-fixture";

const waitArgs = useEmulator([
  emr("op-ok", [{ state: "COMPLETED" }]),
  // Three polls in progress (over a second at the first pauses) before it completes.
  emr("op-later", [{ polls: 3, state: "IN_PROGRESS" }, { state: "COMPLETED" }]),
  emr("op-long", [{ state: "IN_PROGRESS" }]),
]);

/** A folder with a stale result at `w.tfstate` and what a killed writer left beside it. */
function staleState(): { dir: string; file: string; temporary: string } {
  const dir = tempDir();
  const file = join(dir, "w.tfstate");
  const temporary = `${file}.0123456789ab.tmp`;
  writeFileSync(file, '{"version":4,"outputs":{"status":{"value":"SUCCESS","type":"string"}}}');
  writeFileSync(temporary, '{"version":4,"outp');
  return { dir, file, temporary };
}

describe("a stale result is never read", () => {
  test.concurrent.each([
    ["an unknown flag before --state-out (commander refuses it before the wait command runs)", ["--regoin", "x"], {}],
    ["a bad value", ["--timeout", "0s"], {}],
    ["missing credentials", [], { ALIBABA_CLOUD_ACCESS_KEY_ID: undefined, ALIBABA_CLOUD_ACCESS_KEY_SECRET: undefined }],
  ] as const)("exit 2 on %s removes it", async (_name, flags, env) => {
    const { file, temporary } = staleState();
    const run = await runCli([...waitArgs("emr", "op-ok", [...flags, "--state-out", file])], cliEnv(env));
    expect(run.code).toBe(2);
    expect([existsSync(file), existsSync(temporary)]).toEqual([false, false]);
  });

  test.concurrent("it is gone before the first request, and a killed writer's temporary file with it", async () => {
    const { dir, file } = staleState();
    const child = startCli(waitArgs("emr", "op-long", [`--state-out=${file}`, "--output", "json"]), cliEnv());
    const done = finished(child);
    await stderrContains(child, "RUNNING (IN_PROGRESS)");
    const seen = readdirSync(dir);
    child.kill("SIGTERM");
    const run = await done;
    expect(seen).toEqual([]);
    expect(run.code).toBe(130);
    expect(resultOf(run)).toMatchObject({ outcome: "INTERRUPTED" });
  });

  test.concurrent("SIGHUP (a CI runner losing its terminal) ends the wait like SIGTERM: INTERRUPTED, exit 130, outputs written, no file", async () => {
    const { dir, file } = staleState();
    const env = cliEnv({ GITHUB_OUTPUT: join(dir, "out") });
    const child = startCli(waitArgs("emr", "op-long", ["--state-out", file, "--output", "json"]), env);
    const done = finished(child);
    await stderrContains(child, "RUNNING (IN_PROGRESS)");
    child.kill("SIGHUP");
    const run = await done;
    expect({ code: run.code, signal: run.signal }).toEqual({ code: 130, signal: null });
    expect(resultOf(run)).toMatchObject({ outcome: "INTERRUPTED", status: "RUNNING" });
    expect(run.stderr).toContain("SIGHUP received");
    expect(githubOutputs(readFileSync(join(dir, "out"), "utf8"))).toMatchObject({ outcome: "INTERRUPTED", status: "RUNNING" });
    expect(existsSync(file)).toBe(false);
  });

  test.concurrent("a second signal exits at once, leaving no file", async () => {
    const { dir, file } = staleState();
    const child = startCli(waitArgs("emr", "op-long", ["--state-out", file]), cliEnv());
    const done = finished(child);
    await stderrContains(child, "RUNNING (IN_PROGRESS)");
    child.kill("SIGHUP");
    child.kill("SIGINT");
    const run = await done;
    expect(run.code).toBe(130);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("a FILE that can never be written is refused before any request (exit 2)", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, scenario: { operations: [emr("op-1", [{ state: "COMPLETED" }])] } });
  });
  afterAll(() => emulator.close());

  const plainFile = () => {
    const path = join(tempDir(), "plain");
    writeFileSync(path, "");
    return path;
  };
  // Not concurrent: jest starts concurrent tests before this block's beforeAll.
  test.each([
    ["empty", () => ["--state-out", ""], "--state-out must name a file: pass --state-out FILE"],
    ["empty after =", () => ["--state-out="], "--state-out must name a file: pass --state-out FILE"],
    ["a folder", () => ["--state-out", tempDir()], "is a folder: name a file"],
    ["under a plain file", () => ["--state-out", join(plainFile(), "w.tfstate")], "is a file, not a folder"],
  ] as const)("%s", async (_name, flags, words) => {
    const run = await runCli(["wait", "emr", "--region", EMR.region, "--cluster-id", EMR.clusterId, "--operation-id", "op-1", "--endpoint", emulator.url, "--timeout", "20s", ...flags()]);
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: "" });
    expect(run.stderr.trimEnd().split("\n")).toEqual([expect.stringMatching(/^opgate: error: --state-out/)]);
    expect(run.stderr).toContain(words);
    expect(emulator.requests).toHaveLength(0);
  });
});

describe("what scripts read agrees with the exit code", () => {
  test.concurrent("a FILE that cannot be written after SUCCESS: exit 4, and the JSON, GITHUB_OUTPUT and the job summary say ERROR, naming the file and the cause", async () => {
    const dir = tempDir();
    const file = join(dir, "w.tfstate");
    const env = cliEnv({ GITHUB_OUTPUT: join(dir, "out"), GITHUB_STEP_SUMMARY: join(dir, "summary.md") });
    const child = startCli(waitArgs("emr", "op-later", ["--state-out", file, "--output", "json"]), env);
    const done = finished(child);
    await stderrContains(child, "RUNNING (IN_PROGRESS)");
    mkdirSync(file); // a folder where the file goes: the rename after SUCCESS fails with EISDIR
    const run = await done;
    expect(run.code).toBe(4);
    const message = `cannot write --state-out ${file}: it is a folder: name a file (EISDIR)`;
    expect(resultOf(run)).toMatchObject({ outcome: "ERROR", status: "SUCCESS", rawStatus: "COMPLETED", message, error: { code: "StateOutError", message } });
    expect(githubOutputs(readFileSync(join(dir, "out"), "utf8"))).toEqual({ status: "SUCCESS", outcome: "ERROR", outputs: expect.any(String), error: `StateOutError: ${message}` });
    expect(readFileSync(join(dir, "summary.md"), "utf8")).toContain(": ERROR");
    expect(run.stderr).toMatch(/Z ended \| emr op-later \| ERROR \| last status SUCCESS \(COMPLETED\) .*EISDIR/);
    expect(run.stderr).not.toMatch(/internal error|check the folder exists/);
    expect(readdirSync(dir).sort()).toEqual(["out", "summary.md", "w.tfstate"]);
  });

  test.concurrent("in text mode the summary ends with that error, said once", async () => {
    const dir = tempDir();
    const file = join(dir, "w.tfstate");
    const child = startCli(waitArgs("emr", "op-later", ["--state-out", file]), cliEnv());
    const done = finished(child);
    await stderrContains(child, "RUNNING (IN_PROGRESS)");
    mkdirSync(file);
    const run = await done;
    expect(run.code).toBe(4);
    expect(run.stdout).toMatch(/^ERROR: emr op-later, last status SUCCESS \(COMPLETED\)/);
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe(`error: StateOutError: cannot write --state-out ${file}: it is a folder: name a file (EISDIR)`);
    expect(run.stdout.split("EISDIR")).toHaveLength(2);
  });

  test.concurrent("a SUCCESS whose progress cannot be shown (stderr closed) still prints its Result and exits 0", async () => {
    const child = startCli(waitArgs("emr", "op-later", ["--output", "json"]), cliEnv());
    child.stderr.destroy();
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ outcome: "SUCCESS" });
  });

  test.concurrent("a SUCCESS whose output cannot be printed (stdout on a full disk) still exits 0, with a warning, never an internal error", async () => {
    const full = openSync("/dev/full", "w");
    try {
      const child = spawn(process.execPath, [CLI, ...waitArgs("emr", "op-ok", ["--output", "json"])], { env: cliEnv(), stdio: ["ignore", full, "pipe"] });
      let stderr = "";
      child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
      const code = await new Promise((resolve) => child.on("close", resolve));
      expect(code).toBe(0);
      expect(stderr).toContain("opgate: warning: cannot write to stdout: no space left on the device (ENOSPC)");
      expect(stderr).not.toContain("internal error");
    } finally {
      closeSync(full);
    }
  });
});
