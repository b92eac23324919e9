/**
 * The pipeline examples work as documented: `examples/pipeline/gate.sh`
 * gates on each service against the emulator playing
 * `examples/pipeline/scenario.json` (whose IDs `opgate wait --help` shows),
 * and the composite action's script runs the CLI from its inputs.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SERVICES } from "../../src/core/result";
import { DEMO_OPERATIONS } from "../../src/cli/demo-scenario";
import { loadScenarioFile, startEmulator, type Emulator } from "../../src/emulator";
import { CLI, cliEnv, finished, tempDir } from "./support/run-cli";

const ROOT = join(__dirname, "..", "..");
const SCENARIO = join(ROOT, "examples", "pipeline", "scenario.json");

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, scenario: loadScenarioFile(SCENARIO) });
});
afterAll(() => emulator.close());

/** Runs `command args` with `env` in a fresh directory. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  return finished(spawn(command, args, { env, cwd: tempDir(), stdio: "pipe" }));
}

test("the example scenario plays the operations of the help examples", () => {
  const scenario = loadScenarioFile(SCENARIO);
  for (const demo of DEMO_OPERATIONS) {
    expect(scenario.operations.find((op) => op.service === demo.service)?.id).toBe(demo.operation.id);
  }
});

test.concurrent.each(SERVICES.map((s) => [s]))("gate.sh %s passes against the emulator", async (service) => {
  const env = cliEnv({ OPGATE: `${process.execPath} ${CLI}`, OPGATE_ENDPOINT: emulator.url, TIMEOUT: "1m" });
  const result = await run("sh", [join(ROOT, "examples", "pipeline", "gate.sh"), service], env);
  expect(result.stderr).toContain(`== gate: ${service} succeeded`);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("== gate: all operations succeeded");
  if (service === "bpstudio") expect(result.stdout).toContain('tagMap: {"cadt":["12xxxxxxx","34xxxxxxx"]}');
});

describe("action.yml", () => {
  const action = readFileSync(join(ROOT, "action.yml"), "utf8");

  /** The `run: |` block of the step with `id: wait`, unindented. */
  function waitScript(): string {
    const lines = action.split("\n");
    const step = lines.findIndex((line) => line.trim() === "id: wait");
    const start = lines.findIndex((line, i) => i > step && line.trim() === "run: |");
    const indent = lines[start + 1].length - lines[start + 1].trimStart().length;
    const body: string[] = [];
    for (const line of lines.slice(start + 1)) {
      if (line.trim() !== "" && line.length - line.trimStart().length < indent) break;
      body.push(line.slice(indent));
    }
    return body.join("\n");
  }

  test("every input reaches the script through env, never spliced into a run block", () => {
    const inputs = [...action.split(/^outputs:/m)[0].matchAll(/^ {2}([a-z-]+):$/gm)].map((m) => m[1]);
    expect(inputs).toEqual(expect.arrayContaining(["service", "region", "operation-id", "cluster-id", "project-id", "execution-id", "timeout", "endpoint"]));
    for (const input of inputs.filter((name) => name !== "node-version")) {
      expect(action).toContain(`: \${{ inputs.${input} }}`);
    }
    expect(waitScript()).not.toContain("${{");
  });

  test.concurrent("the wait step runs the CLI from its inputs and writes the step outputs", async () => {
    const output = join(tempDir(), "output");
    const env = cliEnv({
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_OUTPUT: output,
      OPGATE_INPUT_SERVICE: "emr",
      OPGATE_INPUT_REGION: "cn-hangzhou",
      OPGATE_INPUT_OPERATION_ID: "op-13c37a77c505417b",
      OPGATE_INPUT_RESOURCE_GROUP_ID: "",
      OPGATE_INPUT_CLUSTER_ID: "c-b933c5aac8fe4b1c",
      OPGATE_INPUT_ALLOW_PARTIAL: "false",
      OPGATE_INPUT_PROJECT_ID: "",
      OPGATE_INPUT_BLOCKCHAIN_ID: "",
      OPGATE_INPUT_EXECUTION_ID: "",
      OPGATE_INPUT_TIMEOUT: "1m",
      OPGATE_INPUT_ENDPOINT: emulator.url,
      OPGATE_INPUT_ALLOW_INSECURE_HTTP: "false",
      OPGATE_INPUT_VERSION: "",
    });
    const result = await run("bash", ["-c", waitScript()], env);
    expect(result.code).toBe(0);
    const written = readFileSync(output, "utf8");
    expect(written).toMatch(/^outcome<<(opgate_[0-9a-f]+)\nSUCCESS\n\1$/m);
    expect(written).toMatch(/^outputs<<(opgate_[0-9a-f]+)\n\{"operationType":/m);
  });
});
