/**
 * `opgate emulator`: the first stdout line, the credential hints (secrets only
 * when they are the public defaults), per-request log lines, and how it ends:
 * SIGTERM, its lifetime, the end of the process that started it; and
 * `opgate emulator start`/`stop` (the built CLI), which keep it running across
 * the steps of a CI job.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../../src/core/errors";
import { PARENT_CHECK_MS, runEmulatorCommand } from "../../src/emulator/command";
import type { Emulator } from "../../src/emulator/server";
import { send } from "./support/http";
import { acs3Request, tokenRequest } from "./support/signed-requests";
import { temporaryFolder } from "../support/temporary-folder";
import { CLI, cliEnv, finished } from "../cli/support/run-cli";

let emu: Emulator | undefined;
let lines: string[];
const stdout = (line: string) => lines.push(line);

beforeEach(() => {
  lines = [];
});
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const EMR_PARAMS = { RegionId: "cn-hangzhou", ClusterId: "c-1", OperationId: "op-1" };
const emrCall = (port: number, secret?: string) =>
  acs3Request({ port, action: "GetOperation", version: "2021-03-20", params: EMR_PARAMS, at: Date.now(), secret, ak: secret && "custom-id" });

test("the first line names the URL; the defaults are printed as variables to export", async () => {
  emu = await runEmulatorCommand({ port: 0, env: {}, stdout });
  expect(lines[0]).toBe(`opgate emulator listening on http://127.0.0.1:${emu.port}`);
  expect(lines).toEqual(
    expect.arrayContaining([
      `  export OPGATE_ENDPOINT=http://127.0.0.1:${emu.port}`,
      "  export ALIBABA_CLOUD_ACCESS_KEY_ID=opgate-emulator",
      "  export ALIBABA_CLOUD_ACCESS_KEY_SECRET=opgate-emulator-secret",
      "  export HW_ACCESS_KEY=OPGATEEMULATORAK",
      "  export HW_SECRET_KEY=opgate-emulator-sk",
    ]),
  );
  expect(lines.join("\n")).toContain("HW_AUTH_TOKEN=opgate-emulator-token");
});

test("overridden secrets are accepted but never printed, not even in request lines", async () => {
  const env = {
    OPGATE_EMULATOR_ALIBABA_ACCESS_KEY_ID: "custom-id",
    OPGATE_EMULATOR_ALIBABA_ACCESS_KEY_SECRET: "private-alibaba-secret",
    OPGATE_EMULATOR_HUAWEI_SECRET_KEY: "private-huawei-sk",
    OPGATE_EMULATOR_HUAWEI_AUTH_TOKEN: "private-huawei-token",
  };
  emu = await runEmulatorCommand({ env, stdout });
  expect(lines).toContain("  export ALIBABA_CLOUD_ACCESS_KEY_ID=custom-id");
  expect(lines).toContain("  export ALIBABA_CLOUD_ACCESS_KEY_SECRET=<the value of OPGATE_EMULATOR_ALIBABA_ACCESS_KEY_SECRET>");

  const accepted = await send(emu.port, emrCall(emu.port, "private-alibaba-secret"));
  expect(accepted.status).toBe(404); // authenticated; the operation is not scripted
  expect(JSON.parse(accepted.text).Code).toBe("ResourceNotFound");
  expect(JSON.parse((await send(emu.port, emrCall(emu.port))).text).Code).toBe("InvalidAccessKeyId.NotFound");
  expect((await send(emu.port, tokenRequest(emu.port, "/v2/p/operation/record", { operation_id: "x" }, "private-huawei-token"))).status).toBe(200);

  const requestLines = lines.filter((l) => l.includes(" -> "));
  expect(requestLines).toHaveLength(3);
  for (const secret of Object.values(env).filter((v) => v.startsWith("private"))) expect(lines.join("\n")).not.toContain(secret);
});

test("a scenario file is played; a bad one fails before listening", async () => {
  const dir = temporaryFolder("opgate-emulator-cmd-");
  const good = join(dir, "good.json");
  writeFileSync(good, JSON.stringify({ operations: [{ service: "emr", id: "op-1", clusterId: "c-1", timeline: [{ state: "COMPLETED" }] }] }));
  emu = await runEmulatorCommand({ scenarioFile: good, env: {}, stdout });
  const res = await send(emu.port, emrCall(emu.port));
  expect(JSON.parse(res.text).Operation.OperationState).toBe("COMPLETED");

  const bad = join(dir, "bad.json");
  writeFileSync(bad, JSON.stringify({ operations: [{ service: "emr", id: "op-1", timeline: [{ state: 5 }] }] }));
  const before = lines.length;
  await expect(runEmulatorCommand({ scenarioFile: bad, env: {}, stdout })).rejects.toThrow(/operations\[0\]\.timeline\[0\]/);
  await expect(runEmulatorCommand({ port: 70000, env: {}, stdout })).rejects.toBeInstanceOf(InputError);
  await expect(runEmulatorCommand({ port: emu.port, env: {}, stdout })).rejects.toThrow(/cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\)/);
  expect(lines.length).toBe(before);
});

test("SIGTERM stops it and removes its signal handlers", async () => {
  const beforeTerm = new Set(process.listeners("SIGTERM"));
  const beforeInt = new Set(process.listeners("SIGINT"));
  const started = await runEmulatorCommand({ env: {}, stdout });
  const added = process.listeners("SIGTERM").filter((l) => !beforeTerm.has(l));
  expect(added).toHaveLength(1);
  expect(process.listeners("SIGINT").filter((l) => !beforeInt.has(l))).toHaveLength(1);
  (added[0] as () => void)();
  for (let i = 0; i < 100 && lines[lines.length - 1] !== "opgate emulator stopped"; i++) await new Promise((r) => setTimeout(r, 20));
  expect(lines[lines.length - 1]).toBe("opgate emulator stopped");
  await expect(send(started.port, emrCall(started.port))).rejects.toThrow(/ECONNREFUSED/);
  expect(process.listeners("SIGTERM").filter((l) => !beforeTerm.has(l))).toHaveLength(0);
  expect(process.listeners("SIGINT").filter((l) => !beforeInt.has(l))).toHaveLength(0);
});

describe("how it ends", () => {
  test("a lifetime stops it; it removes its pid file then, and only its own", async () => {
    const dir = temporaryFolder("opgate-emulator-life-");
    const pidFile = join(dir, "emulator.pid");
    const started = await runEmulatorCommand({ env: {}, stdout, stopWhenParentEnds: false, lifetimeMs: 300, pidFile });
    expect(readFileSync(pidFile, "utf8")).toBe(`${process.pid}\n`);
    await until(() => lines.includes("opgate emulator stopped"));
    expect(lines.slice(-2)).toEqual(["opgate emulator: its lifetime of 300ms is over", "opgate emulator stopped"]);
    expect(existsSync(pidFile)).toBe(false);
    await expect(send(started.port, emrCall(started.port))).rejects.toThrow(/ECONNREFUSED/);

    emu = await runEmulatorCommand({ env: {}, stdout, pidFile });
    writeFileSync(pidFile, "1\n"); // another emulator took the file over
    await emu.close();
    emu = undefined;
    expect(readFileSync(pidFile, "utf8")).toBe("1\n");
  });

  test("a pid file that cannot be written fails the start, and leaves nothing listening", async () => {
    const pidFile = join(temporaryFolder("opgate-emulator-pid-"), "no-such-folder", "emulator.pid");
    const port = await freePort();
    await expect(runEmulatorCommand({ port, env: {}, stdout, pidFile })).rejects.toThrow(/--pid-file: cannot write .*ENOENT/);
    await expect(send(port, emrCall(port))).rejects.toThrow(/ECONNREFUSED/);
  });

  test("started by a process that ends, it stops by itself (npx opgate emulator & ... kill $! leaves nothing behind)", async () => {
    // The starter stands for npx: it starts the emulator, says its port, and is killed without passing it on.
    const starter = `
      const child = require("node:child_process").spawn(process.execPath, [${JSON.stringify(CLI)}, "emulator"], { stdio: ["ignore", "pipe", "inherit"] });
      child.stdout.once("data", (chunk) => { process.stdout.write(chunk.toString().split("\\n")[0] + "\\n"); process.kill(process.pid, "SIGKILL"); });`;
    const run = await finished(spawn(process.execPath, ["-e", starter], { env: cliEnv(), stdio: "pipe" }));
    const port = Number(/^opgate emulator listening on http:\/\/127\.0\.0\.1:(\d+)$/m.exec(run.stdout)?.[1]);
    expect(port).toBeGreaterThan(0);
    await until(() => send(port, emrCall(port)).then(() => false, (err: Error) => /ECONNREFUSED/.test(err.message)), 10_000);
  });
});

describe("opgate emulator start and stop", () => {
  let project: string;
  beforeEach(() => {
    project = temporaryFolder("opgate-emulator-project-");
  });
  afterEach(async () => {
    await runIn(project, ["emulator", "stop"]);
  });

  test("start returns once it listens, hands on the variables, and the emulator outlives it until stop", async () => {
    const started = await runIn(project, ["emulator", "start", "--scenario", "pipeline", "--env-out", "github.env", "--lifetime", "5m"]);
    expect(started.code).toBe(0);
    const url = /^export OPGATE_ENDPOINT='(http:\/\/127\.0\.0\.1:(\d+))'$/m.exec(started.stdout)!;
    expect(started.stderr).toMatch(new RegExp(`^opgate emulator listening on ${url[1]} \\(pid \\d+, pid file \\.opgate/emulator\\.pid, log \\.opgate/emulator\\.log\\): it stops after 5m`));
    expect(started.stdout.trim().split("\n")).toEqual([
      `export OPGATE_ENDPOINT='${url[1]}'`,
      "export ALIBABA_CLOUD_ACCESS_KEY_ID='opgate-emulator'",
      "export ALIBABA_CLOUD_ACCESS_KEY_SECRET='opgate-emulator-secret'",
      "export HW_ACCESS_KEY='OPGATEEMULATORAK'",
      "export HW_SECRET_KEY='opgate-emulator-sk'",
    ]);
    expect(readFileSync(join(project, "github.env"), "utf8")).toBe(started.stdout.replace(/^export /gm, "").replace(/'/g, ""));

    // Longer than the parent check: the starter is gone, the emulator still answers.
    await new Promise((done) => setTimeout(done, 2 * PARENT_CHECK_MS + 500));
    const port = Number(url[2]);
    expect(JSON.parse((await send(port, emrCall(port))).text).Code).toBe("ResourceNotFound");
    expect(readFileSync(join(project, ".opgate", "emulator.log"), "utf8").split("\n")[0]).toBe(`opgate emulator listening on ${url[1]}`);

    const stopped = await runIn(project, ["emulator", "stop"]);
    expect(stopped).toMatchObject({ code: 0, stderr: expect.stringMatching(/^opgate emulator stopped \(pid \d+\)$/m) });
    await expect(send(port, emrCall(port))).rejects.toThrow(/ECONNREFUSED/);
    expect(existsSync(join(project, ".opgate", "emulator.pid"))).toBe(false);
    expect((await runIn(project, ["emulator", "stop"])).stderr).toContain("nothing to stop (.opgate/emulator.pid does not exist)");
  });

  test("a start that cannot listen, write its variables or read its scenario fails at once with the reason, and leaves no emulator and no pid file", async () => {
    const busy = await runEmulatorCommand({ env: {}, stdout, stopWhenParentEnds: false });
    emu = busy;
    const run = await runIn(project, ["emulator", "start", "--port", String(busy.port)]);
    expect(run).toMatchObject({ code: 2, stdout: "" });
    expect(run.stderr).toContain(`opgate: error: --port cannot listen on 127.0.0.1:${busy.port} (EADDRINUSE): choose another port, or 0 for a free one`);
    expect(readdirSync(join(project, ".opgate"))).toEqual([]);

    const unwritable = await runIn(project, ["emulator", "start", "--env-out", join(project, "no-such-folder", "env")]);
    expect(unwritable).toMatchObject({ code: 2, stdout: "" });
    expect(unwritable.stderr).toMatch(/--env-out cannot write .*no-such-folder.*ENOENT/);
    expect(readdirSync(join(project, ".opgate"))).toEqual([]);

    const bad = await runIn(project, ["emulator", "start", "--scenario", "no-such-scenario"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--scenario cannot read no-such-scenario: no such file \(give the path of a scenario file, or the name of a scenario shipped with opgate: [a-z, -]*pipeline/);
  });

  test("a second start on the same pid file is refused while the first runs; secrets set through OPGATE_EMULATOR_* are never written", async () => {
    const env = cliEnv({ OPGATE_EMULATOR_ALIBABA_ACCESS_KEY_SECRET: "private-secret" }, {});
    const first = await runIn(project, ["emulator", "start", "--env-out", "vars.env", "--lifetime", "5m"], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`export ALIBABA_CLOUD_ACCESS_KEY_SECRET="$OPGATE_EMULATOR_ALIBABA_ACCESS_KEY_SECRET"`);
    expect(first.stderr).toContain("ALIBABA_CLOUD_ACCESS_KEY_SECRET is not written to vars.env: set it from OPGATE_EMULATOR_ALIBABA_ACCESS_KEY_SECRET");
    const written = readFileSync(join(project, "vars.env"), "utf8");
    expect(written).not.toContain("private-secret");
    expect(written).not.toContain("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    expect(first.stdout + first.stderr).not.toContain("private-secret");

    const second = await runIn(project, ["emulator", "start"]);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/--pid-file \.opgate\/emulator\.pid names an emulator that is still running \(pid \d+\): stop it with `opgate emulator stop`, or give another --pid-file/);
    expect((await runIn(project, ["emulator", "--port", "0", "start"])).stderr).toContain("--port goes after 'start'");
  });
});

/** Runs the built CLI in `cwd`. */
function runIn(cwd: string, args: string[], env: NodeJS.ProcessEnv = cliEnv({}, {})) {
  return finished(spawn(process.execPath, [CLI, ...args], { cwd, env, stdio: "pipe" }));
}

/** Resolves once `check` holds, checking every 50 ms; rejects after `ms`. */
async function until(check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  for (const deadline = Date.now() + ms; !(await check()); ) {
    if (Date.now() > deadline) throw new Error(`not true within ${ms} ms: ${check.toString()}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** A port nothing listens on (a moment ago). */
async function freePort(): Promise<number> {
  const probe = await runEmulatorCommand({ env: {}, stdout: () => undefined, stopWhenParentEnds: false });
  await probe.close();
  return probe.port;
}
