/**
 * The API wait cookbooks run as written, offline: every `opgate` command of
 * the README's "Wait on any API" section and of examples/api/README.md, with
 * the example files copied to `waits/` as the README says, against the
 * emulator playing `--scenario api` (`npx opgate` and `opgate` are the built
 * CLI). A block that starts the emulator runs whole, as a shell script; the
 * other commands run one by one against an emulator of the same scenario. The
 * one command that is not opgate's (`aliyun ... > answer.json`, saving a real
 * answer) is stood in for by a saved answer of the API reference.
 */
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Emulator } from "../../src/emulator";
import { CLI, cliEnv, finished, tempDir, type CliRun } from "../cli/support/run-cli";
import { EXAMPLES, ROOT, startApiEmulator } from "./support";

jest.setTimeout(120_000);

const FIXTURES = join(__dirname, "..", "providers", "api", "fixtures");
/** What stands in for the answers the README saves from the cloud. */
const SAVED_ANSWERS: Readonly<Record<string, string>> = {
  "answer.json": "alibaba-ros-stack-rollback-complete.json",
  "not-found.json": "alibaba-ros-stack-not-found.json",
};

/** The `sh` blocks of `markdown` (between `from` and the next heading of its level, when given). */
function shellBlocks(markdown: string, from?: string): string[] {
  let text = markdown;
  if (from !== undefined) {
    const start = markdown.indexOf(`\n${from}\n`);
    const level = /^#+ /.exec(from)![0];
    const end = markdown.indexOf(`\n${level}`, start + from.length + 2);
    text = markdown.slice(start, end === -1 ? undefined : end);
  }
  return [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/** The commands of a block, continuation lines joined. */
const commands = (block: string) => block.replace(/\\\n\s*/g, "").split("\n").filter((line) => line.trim() !== "");

/** A project folder with the example files in `waits/` and the saved answers the README names. */
function project(): string {
  const cwd = tempDir();
  mkdirSync(join(cwd, "waits"));
  for (const file of readdirSync(EXAMPLES).filter((name) => name.endsWith(".json") && name !== "scenario.json")) copyFileSync(join(EXAMPLES, file), join(cwd, "waits", file));
  for (const [name, fixture] of Object.entries(SAVED_ANSWERS)) copyFileSync(join(FIXTURES, fixture), join(cwd, name));
  return cwd;
}

/** Runs `script` in bash in `cwd`, `opgate` and `npx opgate` being the built CLI, the package's files where `node_modules/opgate` would be. */
function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<CliRun> {
  const prelude = [`opgate() { "${process.execPath}" "${CLI}" "$@"; }`, 'npx() { "$@"; }', `mkdir -p node_modules && ln -sfn "${ROOT}" node_modules/opgate`].join("\n");
  return finished(spawn("bash", ["--noprofile", "--norc", "-c", `${prelude}\n${script}`], { cwd, env, stdio: "pipe" }));
}

const README = readFileSync(join(ROOT, "README.md"), "utf8");
const EXAMPLES_README = readFileSync(join(EXAMPLES, "README.md"), "utf8");
const BLOCKS: [string, string][] = [
  ...shellBlocks(README, "## Wait on any API").map((block, i) => [`README.md, Wait on any API, block ${i + 1}`, block] as [string, string]),
  ...shellBlocks(EXAMPLES_README).map((block, i) => [`examples/api/README.md, block ${i + 1}`, block] as [string, string]),
];

test("the cookbooks have the commands this test runs", () => {
  expect(BLOCKS.length).toBeGreaterThanOrEqual(4);
  expect(BLOCKS.filter(([, block]) => block.includes("emulator start --scenario api"))).toHaveLength(2);
});

describe.each(BLOCKS.filter(([, block]) => block.includes("emulator start --scenario api")))("%s", (_, block) => {
  test("runs as a script: the emulator starts, the ECS wait succeeds with its outputs, the ROS and Huawei waits fail with their reasons, the emulator stops", async () => {
    const cwd = project();
    const run = await bash(block, cwd, cliEnv());
    // Whatever a failed script left running.
    if (existsSync(join(cwd, ".opgate", "emulator.pid"))) await bash("opgate emulator stop", cwd, cliEnv());
    expect(run.stdout).toContain("SUCCESS: api ecs:i-bp1f3a9c7d2e5b8a0c4d");
    expect(run.stdout).toContain("privateIp   192.0.2.15");
    expect(run.stdout).toContain("message: Resource CREATE failed: InvalidVSwitchId.NotFound");
    expect(run.stdout).toContain('"message":"Ecs.0013: Insufficient EIP quota."');
    expect(run.stderr).toMatch(/^opgate emulator stopped/m);
    expect(run.code).toBe(0);
  });
});

describe("the other commands, one by one", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApiEmulator();
  });
  afterAll(() => emulator.close());

  const lines = BLOCKS.filter(([, block]) => !block.includes("emulator start")).flatMap(([where, block]) => commands(block).map((line) => [where, line] as const));

  test.each(lines.filter(([, line]) => !line.startsWith("aliyun ")))("%s: %s", async (_, line) => {
    const run = await bash(line, project(), cliEnv({ OPGATE_ENDPOINT: emulator.url }));
    // A wait ends as the scenario plays it (0 or 1); nothing is refused, times out or fails to call.
    expect(run.stderr).not.toContain("opgate: error:");
    expect([0, 1]).toContain(run.code);
  });

  test("the only commands that are not opgate's save a real answer to a file", () => {
    for (const [, line] of lines.filter(([, command]) => !/^(npx )?opgate /.test(command))) expect(line).toMatch(/^aliyun .* > answer\.json$/);
  });
});
