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

describe("bad usage of the other commands exits 2, the reason last", () => {
  test.concurrent.each([
    ["a port that is not a number", ["emulator", "--port", "http"], "--port must be an integer", null],
    ["a missing scenario file", ["emulator", "--scenario", "/nonexistent/opgate.json"], "--scenario", null],
    ["an unknown option", ["emulator", "--prot", "1"], "unknown option '--prot' (Did you mean --port?)", "usage: opgate emulator [--port N] [--scenario FILE]  |  opgate emulator start [options]  |  opgate emulator stop [options]"],
    ["an unknown demo format", ["demo", "--output", "yaml"], "argument 'yaml' is invalid. Allowed choices are text, json.", null],
    ["an unknown command", ["wiat"], "unknown command 'wiat' (Did you mean wait?)", "usage: opgate <command> [options]  (opgate --help shows the commands)"],
  ])("%s", async (_name, args, names, usage) => {
    const run = await runCli(args);
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: "" });
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines.at(-1)).toMatch(/^opgate: error: /);
    expect(lines.at(-1)).toContain(names);
    expect(lines.slice(0, -1)).toEqual(usage === null ? [] : [usage]);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  test.concurrent("no command: the help on stderr, then the reason, exit 2", async () => {
    const run = await runCli([]);
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: "" });
    expect(run.stderr).toContain("Usage: opgate [options] [command]");
    expect(run.stderr.trimEnd().split("\n").at(-1)).toBe("opgate: error: missing command: use one of wait, api, emulator, demo");
  });
});

describe("help that helps", () => {
  test.concurrent("the services by their own names, one synopsis of wait in --help and wait --help", async () => {
    const [top, wait] = await Promise.all([runCli(["--help"]), runCli(["wait", "--help"])]);
    expect(top.stdout).toMatch(/^ {2}wait <service> \[options\] {2}/m);
    expect(wait.stdout.split("\n")[0]).toBe("Usage: opgate wait <service> [options]");
    const titles = { bpstudio: "Alibaba Cloud BPStudio", emr: "Alibaba Cloud EMR", bcs: "Huawei Cloud BCS", oos: "Alibaba Cloud OOS" };
    for (const service of SERVICES) expect(wait.stdout).toMatch(new RegExp(`^ {2}${service} \\[options\\] +wait for an operation of ${titles[service]}$`, "m"));
  });

  test.concurrent("numeric defaults show as numbers", async () => {
    const run = await runCli(["emulator", "--help"]);
    expect(run.stdout).toContain("(default: 0)");
    expect(run.stdout).not.toContain('"0"');
  });

  test.concurrent.each([
    ["ems", "emr"],
    ["BPSTUDO", "bpstudio"],
    ["bsc", "bcs"],
    ["oss", "oos"],
  ])("a mistyped service (%s) gets the nearest name (%s)", async (typed, nearest) => {
    const run = await runCli(["wait", typed, "--operation-id", "op-1"]);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split("\n").at(-1)).toBe(`opgate: error: unknown service '${typed}': use one of ${[...SERVICES, "api"].join(", ")} (Did you mean ${nearest}?)`);
  });

  test.concurrent("a service far from every name gets no suggestion", async () => {
    const run = await runCli(["wait", "kubernetes"]);
    expect(run.stderr).not.toContain("Did you mean");
  });

  /** Every flag of another service that `service` does not take, with the services that take it. */
  const foreignFlags = SERVICES.flatMap((service) => {
    const own = new Set(allFields(PROVIDERS[service]).map((field) => field.flag));
    const foreign = new Set(SERVICES.flatMap((other) => allFields(PROVIDERS[other]).map((field) => field.flag)).filter((flag) => !own.has(flag)));
    return [...foreign].map((flag) => [flag, service, SERVICES.filter((other) => allFields(PROVIDERS[other]).some((field) => field.flag === flag))] as const);
  });

  test.concurrent.each(foreignFlags)("%s on %s names the services that take it", async (flag, service, owners) => {
    const run = await runCli(["wait", service, `${flag}=x`]);
    expect(run.code).toBe(2);
    const takers = owners.map((owner) => `opgate wait ${owner}`).join(" and ");
    expect(run.stderr.trimEnd().split("\n").at(-1)).toBe(`opgate: error: unknown option '${flag}' for opgate wait ${service}: it is a flag of ${takers}`);
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
