/**
 * `--version`, `--help`, and the bad usage of the commands other than `wait`:
 * the built CLI as a child process.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROVIDERS } from "../../providers";
import { allFields } from "../../providers/params";
import { SERVICES } from "../../src/core/result";
import { runCli, STACK_LINE } from "./support/run-cli";

describe("bad usage of the other commands exits 2", () => {
  test.concurrent.each([
    ["a port that is not a number", ["--port", "http"], "--port must be an integer"],
    ["a missing scenario file", ["--scenario", "/nonexistent/opgate.json"], "--scenario"],
  ])("emulator: %s", async (_name, args, names) => {
    const run = await runCli(["emulator", ...args]);
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: "" });
    expect(run.stderr).toContain(names);
    expect(run.stderr).toContain("usage: opgate emulator [--port N] [--scenario FILE]");
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  test.concurrent("no command: the help on stderr, exit 2", async () => {
    const run = await runCli([]);
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: "" });
    expect(run.stderr).toContain("Usage: opgate [options] [command]");
  });
});

describe("version and help", () => {
  test.concurrent.each([["--version"], ["-V"]])("%s prints the package version", async (flag) => {
    const { version } = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string };
    const run = await runCli([flag]);
    expect(run).toEqual({ code: 0, signal: null, stdout: `${version}\n`, stderr: "" });
  });

  test.concurrent("--help lists the commands and the exit codes", async () => {
    const run = await runCli(["--help"]);
    expect(run.code).toBe(0);
    for (const text of ["wait", "emulator", "demo", "130  INTERRUPTED"]) expect(run.stdout).toContain(text);
  });

  test.concurrent("wait --help shows an example per service", async () => {
    const run = await runCli(["wait", "--help"]);
    expect(run.code).toBe(0);
    for (const service of SERVICES) expect(run.stdout).toMatch(new RegExp(`^  opgate wait ${service} --`, "m"));
  });

  test.concurrent.each(SERVICES.map((s) => [s]))("wait %s --help shows every field's flag and the common options", async (service) => {
    const run = await runCli(["wait", service, "--help"]);
    expect(run.code).toBe(0);
    for (const field of allFields(PROVIDERS[service])) expect(run.stdout).toContain(field.flag);
    for (const flag of ["--timeout", "--endpoint", "--output", "--quiet", "--allow-insecure-http"]) expect(run.stdout).toContain(flag);
    expect(run.stdout).toMatch(new RegExp(`^Example:\\n  opgate wait ${service} --`, "m"));
  });
});
