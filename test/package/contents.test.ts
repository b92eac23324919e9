/**
 * What the npm package holds (`npm pack --dry-run --json`): the runnable
 * examples whole and nothing a run of them leaves behind, every path that the
 * shipped Markdown and the help texts name, no source maps, the licence and
 * the changelog, and no script that npm runs when a user installs it.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { CLI, cliEnv, runCli } from "../cli/support/run-cli";
import { packList, ROOT } from "./support/installed-package";

jest.setTimeout(60_000);

let packed: Set<string>;
beforeAll(() => {
  packed = new Set(packList().map((file) => file.path));
});

/** Whether the package holds `path`, a file or a folder. */
const holds = (path: string): boolean => packed.has(path) || [...packed].some((file) => file.startsWith(`${path.replace(/\/$/, "")}/`));

/** The shipped Markdown files. */
const markdown = (): string[] => [...packed].filter((file) => file.endsWith(".md"));

/** The scenarios shipped by name: `examples/<name>/scenario.json`. */
const shippedScenarios = (): string[] => [...packed].flatMap((file) => /^examples\/([^/]+)\/scenario\.json$/.exec(file)?.[1] ?? []);

/** Paths named as `node_modules/opgate/<path>` in `text`. */
const packagePaths = (text: string): string[] => [...text.matchAll(/node_modules\/opgate\/([\w./-]*[\w/])/g)].map((m) => m[1]).filter((path) => !path.startsWith("..."));

/**
 * The `--scenario` values of the emulator commands in `text` that do not work
 * where a user stands: neither the name of a shipped scenario nor a path into
 * the installed package.
 */
function scenariosThatDoNotWork(text: string): string[] {
  const values = [...text.matchAll(/emulator\b[^\n]*?--scenario[ =]([^\s`'")\]]+)/g)].map((m) => m[1]).filter((value) => !/^(FILE|NAME|<.*)/.test(value));
  return values.filter((value) => !shippedScenarios().includes(value) && !(value.startsWith("node_modules/opgate/") && packed.has(value.slice("node_modules/opgate/".length))));
}

test("holds the examples whole, and nothing a run of them leaves behind", () => {
  const tracked = execFileSync("git", ["ls-files", "examples"], { cwd: ROOT, encoding: "utf8" })
    .split("\n")
    .filter((file) => file && !file.endsWith("/.npmignore"));
  expect(tracked.length).toBeGreaterThan(0);
  expect([...packed].filter((file) => file.startsWith("examples/")).sort()).toEqual(tracked.sort());
  expect(shippedScenarios().sort()).toEqual(expect.arrayContaining(["cdktf", "pipeline", "pulumi", "terraform"]));
});

test("the shipped Markdown links to files the package holds, and names paths into it that exist", () => {
  const missing: string[] = [];
  for (const file of markdown()) {
    const text = readFileSync(join(ROOT, file), "utf8");
    for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
      if (/^[a-z]+:/i.test(target)) continue;
      const path = normalize(join(dirname(file), target)).replace(/\\/g, "/");
      if (!holds(path)) missing.push(`${file} links to ${target}`);
    }
    for (const path of packagePaths(text)) if (!holds(path)) missing.push(`${file} names node_modules/opgate/${path}`);
    for (const value of scenariosThatDoNotWork(text)) missing.push(`${file} says --scenario ${value}`);
  }
  expect(missing).toEqual([]);
});

test("every path and scenario the help texts name is in the package", async () => {
  const { buildProgram } = require("../../src/cli/program") as typeof import("../../src/cli/program");
  const commands: string[][] = [[]];
  const walk = (command: import("commander").Command, path: string[]) => {
    for (const sub of command.commands) {
      commands.push([...path, sub.name()]);
      walk(sub, [...path, sub.name()]);
    }
  };
  walk(buildProgram("0.0.0"), []);
  expect(commands).toEqual(expect.arrayContaining([["emulator"], ["emulator", "start"], ["emulator", "stop"]]));

  const missing: string[] = [];
  for (const command of commands) {
    const help = await runCli([...command, "--help"], cliEnv());
    expect(help.code).toBe(0);
    for (const path of packagePaths(help.stdout)) if (!holds(path)) missing.push(`opgate ${command.join(" ")} --help names node_modules/opgate/${path}`);
    for (const value of scenariosThatDoNotWork(help.stdout)) missing.push(`opgate ${command.join(" ")} --help says --scenario ${value}`);
  }
  expect(missing).toEqual([]);
  expect(holds(CLI.slice(ROOT.length + 1).replace(/\\/g, "/"))).toBe(true);
});

test("ships no source maps: they pointed at src/*.ts, which is not shipped", () => {
  expect([...packed].filter((file) => file.endsWith(".map"))).toEqual([]);
  const js = [...packed].filter((file) => file.endsWith(".js"));
  expect(js.filter((file) => readFileSync(join(ROOT, file), "utf8").includes("sourceMappingURL"))).toEqual([]);
});

test("carries the Apache-2.0 licence it declares and a changelog with a section for its version", () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { license: string; version: string };
  expect(manifest.license).toBe("Apache-2.0");
  expect(packed.has("LICENSE")).toBe(true);
  const licence = readFileSync(join(ROOT, "LICENSE"), "utf8");
  expect(licence).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004\s+http:\/\/www\.apache\.org\/licenses\//);
  expect(licence).toContain("END OF TERMS AND CONDITIONS");

  expect(packed.has("CHANGELOG.md")).toBe(true);
  const changelog = readFileSync(join(ROOT, "CHANGELOG.md"), "utf8");
  expect(changelog).toContain("Keep a Changelog");
  expect(changelog).toMatch(new RegExp(`^## \\[${manifest.version.replace(/\./g, "\\.")}\\]`, "m"));
});

test("runs nothing when a user installs it: no install script (prepare included)", () => {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const installScripts = ["preinstall", "install", "postinstall", "preprepare", "prepare", "postprepare"].filter((name) => name in scripts);
  expect(installScripts).toEqual([]);
});
