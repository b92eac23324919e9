/**
 * `opgate wait api` end to end (the built CLI against the emulator playing
 * examples/api/scenario.json over loopback): the three examples with their
 * exit codes, Results, reasons and progress lines, and every way of giving
 * the spec (`--spec FILE`, `--spec -`, `--spec-json`, `--preset`) and the
 * vars (`--var`, `--vars-json`) on the waits that succeed for each preset.
 */
import { readFileSync } from "node:fs";
import type { Emulator } from "../../src/emulator";
import { cliEnv, finished, startCli, type CliRun } from "../cli/support/run-cli";
import { cliArguments, placeFlags, PRESET_SUCCESSES, specPath, startApiEmulator, THREE_EXAMPLES, varFlags, type ApiExample } from "./support";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startApiEmulator();
});
afterAll(() => emulator.close());

/** Runs `args` with the emulator as the endpoint. */
function run(args: string[], stdin?: string): Promise<CliRun> {
  const child = startCli([...args, "--timeout", "1m"], cliEnv({ OPGATE_ENDPOINT: emulator.url }));
  child.stdin.end(stdin);
  return finished(child);
}

/** The last line of `text`. */
const lastLine = (text: string) => text.trimEnd().split("\n").pop();

const [ECS, ROS, HUAWEI_JOB] = THREE_EXAMPLES;

test.concurrent("--spec ecs-running.json: exit 0 after a throttle, the outputs on stdout", async () => {
  const result = await run([...cliArguments(ECS), "--output", "json"]);
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({ service: "api", ...ECS.expected });
  expect(result.stderr).toContain("not found yet (StatusNotFound)");
  expect(result.stderr).toContain("retrying after Throttling.User");
  expect(result.stderr).toMatch(/SUCCESS \(Running\)/);
});

test.concurrent("--spec ros-stack-create.json: exit 1, the progress in %, the StatusReason as the last line", async () => {
  const result = await run(cliArguments(ROS));
  expect(result.code).toBe(1);
  expect(result.stdout).toContain(`FAILURE: api ${ROS.expected.operationId}, last status FAILURE (CREATE_ROLLBACK_COMPLETE)`);
  expect(lastLine(result.stdout)).toBe(`message: ${ROS.expected.message}`);
  for (const done of ["20/100 % done", "60/100 % done", "80/100 % done"]) expect(result.stderr).toContain(done);
  expect(result.stderr).toContain("RUNNING (CREATE_ROLLBACK_IN_PROGRESS)");
});

test.concurrent("--preset huawei-ecs-job: exit 1, message Ecs.0013: ..., outputs.errorCode", async () => {
  const result = await run([...cliArguments(HUAWEI_JOB), "--output", "json"]);
  expect(result.code).toBe(1);
  const parsed = JSON.parse(result.stdout) as Record<string, unknown>;
  expect(parsed).toMatchObject({ ...HUAWEI_JOB.expected, status: "FAILURE", error: null });
  expect(result.stderr).toContain("1/2 sub-jobs done");
});

/** The ways of giving a wait's spec and vars; each preset's success runs with one of them. */
const FORMS: [string, (example: ApiExample) => { args: string[]; stdin?: string }][] = [
  ["--preset and --var", (example) => ({ args: cliArguments(example) })],
  [
    "--spec-json and --vars-json",
    (example) => ({ args: ["wait", "api", "--spec-json", specText(example), "--vars-json", JSON.stringify(example.vars), ...placeFlags(example)] }),
  ],
  ["--spec - (standard input) and --var", (example) => ({ args: ["wait", "api", "--spec", "-", ...varFlags(example.vars), ...placeFlags(example)], stdin: specText(example) })],
];

/** The JSON text of `example`'s spec. */
const specText = (example: ApiExample) => readFileSync(specPath(example.source), "utf8");

test.concurrent.each(PRESET_SUCCESSES.map((example, i) => [example.operation, FORMS[i % FORMS.length][0], example, FORMS[i % FORMS.length][1]] as const))(
  "a preset that succeeds: %s, given with %s",
  async (_, __, example, form) => {
    const { args, stdin } = form(example);
    const result = await run([...args, "--output", "json", "--quiet"], stdin);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(result.stdout)).toMatchObject(example.expected);
  },
);
