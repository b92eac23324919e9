/**
 * The pipeline examples work as documented: `examples/pipeline/gate.sh`
 * gates on each service against the emulator playing
 * `examples/pipeline/scenario.json` (whose IDs `opgate wait --help` shows);
 * the GitHub Actions and GitLab CI jobs and the README's shell snippet pass in
 * a project that installed the package, run the way their runners run them
 * (each GitHub step in a shell of its own), and leave no emulator behind; and
 * the composite action's script runs the CLI from its inputs, for the four
 * services and for any API (`service: api`: a spec file, JSON text or a
 * preset, vars as lines), with nothing of the API's answer in the step's
 * outputs but what the spec selects.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { SERVICES } from "../../src/core/result";
import { DEMO_OPERATIONS } from "../../src/cli/demo-scenario";
import { loadScenarioFile, startEmulator, type Emulator } from "../../src/emulator";
import { specPath, startApiEmulator, THREE_EXAMPLES, withAnswerCanary, type ApiExample } from "../api/support";
import { send } from "../emulator/support/http";
import { readCommandFile, runGitHubJob, runGitLabJob } from "../package/support/ci-runners";
import { installedPackage, type InstalledPackage } from "../package/support/installed-package";
import { CLI, cliEnv, finished, tempDir } from "./support/run-cli";

jest.setTimeout(120_000);

const ROOT = join(__dirname, "..", "..");
const PIPELINE = join(ROOT, "examples", "pipeline");
const SCENARIO = join(PIPELINE, "scenario.json");

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, scenario: loadScenarioFile(SCENARIO) });
});
afterAll(() => emulator.close());

/** Runs `command args` with `env` in `cwd` (default: a fresh directory). */
function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = tempDir()) {
  return finished(spawn(command, args, { env, cwd, stdio: "pipe" }));
}

/** Whether something answers HTTP on the port of `url`. */
function answers(url: string): Promise<boolean> {
  const port = Number(new URL(url).port);
  return send(port, { method: "GET", path: "/", headers: {} }).then(
    () => true,
    () => false,
  );
}

test("the example scenario plays the operations of the help examples", () => {
  const scenario = loadScenarioFile(SCENARIO);
  for (const demo of DEMO_OPERATIONS) {
    expect(scenario.operations.find((op) => op.service === demo.service)?.id).toBe(demo.operation.id);
  }
});

test.concurrent.each(SERVICES.map((s) => [s]))("gate.sh %s passes against the emulator", async (service) => {
  const env = cliEnv({ OPGATE: `${process.execPath} ${CLI}`, OPGATE_ENDPOINT: emulator.url, TIMEOUT: "1m" });
  const result = await run("sh", [join(PIPELINE, "gate.sh"), service], env);
  expect(result.stderr).toContain(`== gate: ${service} succeeded`);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("== gate: all operations succeeded");
  if (service === "bpstudio") expect(result.stdout).toContain('tagMap: {"cadt":["12xxxxxxx","34xxxxxxx"]}');
});

describe("in a project that installed opgate", () => {
  let installed: InstalledPackage;
  beforeAll(() => {
    installed = installedPackage();
  });
  /** The emulator a job started, from the pid file it left (none once stopped). */
  const pidFile = () => join(installed.project, ".opgate", "emulator.pid");
  afterEach(async () => {
    // Whatever a failed job left running.
    if (existsSync(pidFile())) await run(process.execPath, [CLI, "emulator", "stop"], cliEnv({}, {}), installed.project);
  });
  /** Runs job `job` of the example workflow in the project, with the installed package as the action. */
  const runWorkflowJob = (job: string) =>
    runGitHubJob(join(PIPELINE, "github-workflow.yml"), job, {
      cwd: installed.project,
      env: installed.env({ TIMEOUT: undefined }),
      actions: { "<owner>/opgate@v1": installed.packageDir },
      // The runner has Node.js and the checkout; the test's project stands for `npm ci`.
      skip: (step) => /^actions\/(checkout|setup-node)@/.test(step.uses ?? "") || step.run === "npm ci",
    });

  test("the GitHub Actions job: the emulator started in one step serves the next ones, and stops at the end", async () => {
    const steps = await runWorkflowJob("gate-against-emulator");
    expect(steps.map((step) => [step.step, step.code])).toEqual([
      ["Start the emulator", 0],
      ["Wait for the BPStudio deployment", 0],
      ["Wait for the EMR scale-out", 0],
      ["Wait for the BCS blockchain", 0],
      ["Wait for the OOS execution", 0],
      ["Use the outputs", 0],
      ["Stop the emulator", 0],
    ]);
    expect(steps[1].outputs.outcome).toBe("SUCCESS");
    expect(steps[5].stdout).toContain('tagMap: {"cadt":["12xxxxxxx","34xxxxxxx"]}');
    const endpoint = /^export OPGATE_ENDPOINT='(.*)'$/m.exec(steps[0].stdout)![1];
    expect(await answers(endpoint)).toBe(false);
    expect(existsSync(pidFile())).toBe(false);
  });

  test("the GitHub Actions job waiting on any API: a spec file and a preset against --scenario api, the outputs used, the emulator stopped", async () => {
    const steps = await runWorkflowJob("wait-on-any-api");
    expect(steps.map((step) => [step.step, step.code])).toEqual([
      ["Start the emulator", 0],
      ["Wait for the web instance", 0],
      ["Wait for the app stack", 0],
      ["Use the outputs", 0],
      ["Stop the emulator", 0],
    ]);
    expect(steps[1].outputs).toMatchObject({ outcome: "SUCCESS", status: "SUCCESS" });
    expect(steps[3].stdout).toBe("web private IP: 192.0.2.15\n");
    expect(existsSync(pidFile())).toBe(false);
  });

  test("the GitLab CI job: start, gate, and the emulator stopped by after_script", async () => {
    const job = await runGitLabJob(join(PIPELINE, "gitlab-ci.yml"), "gate-against-emulator", {
      cwd: installed.project,
      env: installed.env(),
      skip: (line) => line === "npm ci",
    });
    expect(job.script.stdout).toContain("== gate: all operations succeeded: deploying");
    expect(job.script.code).toBe(0);
    expect(job.afterScript).toMatchObject({ code: 0, stderr: expect.stringMatching(/^opgate emulator stopped/m) });
    expect(readFileSync(join(installed.project, ".opgate", "emulator.log"), "utf8")).toContain("-> 200");
    expect(existsSync(pidFile())).toBe(false);
  });

  test("the README's shell snippet gates the next stage, and its trap stops the emulator", async () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const snippet = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]).find((block) => block.includes("emulator=$(npx opgate emulator start") && block.includes("npx opgate wait"));
    expect(snippet).toBeDefined();
    const next = join(installed.project, "deploy-next-stage.sh");
    writeFileSync(next, "#!/bin/sh\necho deploying the next stage\n");
    chmodSync(next, 0o755);
    const result = await run("sh", ["-c", snippet!], installed.env(), installed.project);
    expect(result.stdout).toContain("deploying the next stage");
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^opgate emulator stopped/m);
    expect(existsSync(pidFile())).toBe(false);
  });
});

describe("action.yml", () => {
  const action = readFileSync(join(ROOT, "action.yml"), "utf8");
  const definition = parse(action) as { inputs: Record<string, { default?: string }>; runs: { steps: { id?: string; run?: string; env?: Record<string, string> }[] } };
  const waitStep = () => definition.runs.steps.find((step) => step.id === "wait")!;
  /** The script of the step with `id: wait`. */
  const waitScript = (): string => waitStep().run!;

  /**
   * The environment GitHub gives the wait step for the action's `inputs`
   * (the others at their defaults), the CLI's clean environment under it:
   * each `${{ inputs.NAME }}` of the step's `env` evaluated.
   */
  const actionEnv = (inputs: Record<string, string>, extra: Record<string, string> = {}) => {
    const input = (name: string) => inputs[name] ?? definition.inputs[name]?.default ?? "";
    const stepEnv = Object.fromEntries(Object.entries(waitStep().env!).map(([name, value]) => [name, value.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, key: string) => input(key))]));
    return cliEnv({ ...stepEnv, ...extra });
  };

  /** The environment of the wait step for an EMR wait against the emulator. */
  const emrInputs = (extra: Record<string, string>) =>
    actionEnv({ service: "emr", region: "cn-hangzhou", "operation-id": "op-13c37a77c505417b", "cluster-id": "c-b933c5aac8fe4b1c", timeout: "1m", endpoint: emulator.url }, extra);

  test("every input reaches the script through env, never spliced into a run block", () => {
    const inputs = [...action.split(/^outputs:/m)[0].matchAll(/^ {2}([a-z-]+):$/gm)].map((m) => m[1]);
    expect(inputs).toEqual(expect.arrayContaining(["service", "region", "operation-id", "cluster-id", "project-id", "execution-id", "spec", "preset", "vars", "timeout", "endpoint"]));
    for (const input of inputs.filter((name) => name !== "node-version")) {
      expect(action).toContain(`: \${{ inputs.${input} }}`);
    }
    expect(waitScript()).not.toContain("${{");
  });

  test.concurrent("the wait step runs the CLI from its inputs and writes the step outputs", async () => {
    const output = join(tempDir(), "output");
    const result = await run("bash", ["-c", waitScript()], emrInputs({ GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: output }));
    expect(result.code).toBe(0);
    const written = readFileSync(output, "utf8");
    expect(written).toMatch(/^outcome<<(opgate_[0-9a-f]+)\nSUCCESS\n\1$/m);
    expect(readCommandFile(output).outputs).toMatch(/^\{"operationType":/);
  });

  test.concurrent("an action checkout without a build runs the package of the action's version with npx", async () => {
    const checkout = tempDir();
    writeFileSync(join(checkout, "package.json"), readFileSync(join(ROOT, "package.json")));
    const bin = tempDir();
    writeFileSync(join(bin, "npx"), '#!/bin/sh\necho "npx $*"\n');
    chmodSync(join(bin, "npx"), 0o755);
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    const env = emrInputs({ GITHUB_ACTION_PATH: checkout, PATH: `${bin}:${process.env.PATH}` });
    const result = await run("bash", ["-c", waitScript()], env);
    expect(result).toMatchObject({ code: 0, stdout: `npx --yes opgate@${version} wait emr --region cn-hangzhou --operation-id op-13c37a77c505417b --cluster-id c-b933c5aac8fe4b1c --timeout 1m --endpoint ${emulator.url}\n` });
  });

  describe("service: api", () => {
    const [ECS, ROS, HUAWEI_JOB] = THREE_EXAMPLES;
    const ANSWER_CANARY = `answer-canary-${randomUUID()}`;
    let apiEmulator: Emulator;
    beforeAll(async () => {
      // Every answer carries a canary outside what the specs select.
      apiEmulator = await startApiEmulator(withAnswerCanary(ANSWER_CANARY));
    });
    afterAll(() => apiEmulator.close());

    /** The action's inputs for `example`: its spec (a file, JSON text or a preset), its vars as lines. */
    const apiInputs = (example: ApiExample, spec: Record<string, string>) => ({
      service: "api",
      ...spec,
      vars: Object.entries(example.vars).map(([name, value]) => `${name}=${value}`).join("\n"),
      region: example.region,
      "project-id": example.projectId ?? "",
      timeout: "1m",
      endpoint: apiEmulator.url,
    });

    /** Runs the wait step with `inputs` against the emulator; resolves with its run, its step outputs and its job summary. */
    async function runWait(inputs: Record<string, string>) {
      const folder = tempDir();
      const files = { GITHUB_OUTPUT: join(folder, "output"), GITHUB_STEP_SUMMARY: join(folder, "summary") };
      const result = await run("bash", ["-c", waitScript()], actionEnv(inputs, { GITHUB_ACTION_PATH: ROOT, ...files }));
      const summary = existsSync(files.GITHUB_STEP_SUMMARY) ? readFileSync(files.GITHUB_STEP_SUMMARY, "utf8") : "";
      return { result, outputs: readCommandFile(files.GITHUB_OUTPUT), written: readFileSync(files.GITHUB_OUTPUT, "utf8") + summary };
    }

    test("spec as a file and vars as lines: SUCCESS, the selected outputs as the step's outputs, nothing else of the answer", async () => {
      const { result, outputs, written } = await runWait(apiInputs(ECS, { spec: specPath(ECS.source) }));
      expect(result.code).toBe(0);
      expect(outputs).toMatchObject({ outcome: "SUCCESS", status: "SUCCESS" });
      expect(JSON.parse(outputs.outputs)).toEqual(ECS.expected.outputs);
      expect(`${written}${result.stdout}${result.stderr}`).not.toContain(ANSWER_CANARY);
    });

    test("spec as JSON text: FAILURE (exit 1) with the step outputs, nothing else of the answer", async () => {
      const { result, outputs, written } = await runWait(apiInputs(ROS, { spec: `\n  ${readFileSync(specPath(ROS.source), "utf8")}` }));
      expect(result.code).toBe(1);
      expect(outputs).toMatchObject({ outcome: "FAILURE", status: "FAILURE" });
      expect(JSON.parse(outputs.outputs)).toEqual(ROS.expected.outputs);
      expect(result.stdout).toContain(ROS.expected.message);
      expect(`${written}${result.stdout}${result.stderr}`).not.toContain(ANSWER_CANARY);
    });

    test("a preset with the project ID: FAILURE (exit 1), outputs.errorCode", async () => {
      const { result, outputs, written } = await runWait(apiInputs(HUAWEI_JOB, { preset: "huawei-ecs-job" }));
      expect(result.code).toBe(1);
      expect(outputs.outcome).toBe("FAILURE");
      expect(JSON.parse(outputs.outputs)).toMatchObject({ errorCode: "Ecs.0013" });
      expect(result.stdout).toContain("message: Ecs.0013: Insufficient EIP quota.");
      expect(`${written}${result.stdout}${result.stderr}`).not.toContain(ANSWER_CANARY);
    });

    test("a spec error: USAGE_ERROR (exit 2) naming the JSON path, nothing sent", async () => {
      const before = apiEmulator.requests.length;
      const spec = JSON.stringify({ ...JSON.parse(readFileSync(specPath(ECS.source), "utf8")), status: "Instances.Instance[0" });
      const { result, outputs } = await runWait(apiInputs(ECS, { spec }));
      expect(result.code).toBe(2);
      expect(outputs).toMatchObject({ outcome: "USAGE_ERROR", error: expect.stringContaining("spec.status:") });
      expect(apiEmulator.requests.length).toBe(before);
    });

    test("vars lines reach the CLI verbatim, one --var each, as data: blank lines and surrounding blanks dropped, CRLF too", async () => {
      const checkout = tempDir();
      writeFileSync(join(checkout, "package.json"), readFileSync(join(ROOT, "package.json")));
      const bin = tempDir();
      writeFileSync(join(bin, "npx"), '#!/bin/sh\nfor arg in "$@"; do printf "%s\\n" "$arg"; done\n');
      chmodSync(join(bin, "npx"), 0o755);
      const marker = join(tempDir(), "ran");
      const vars = `\n  stack_id=$(touch ${marker})  \r\n\nname=a b;\`id\`\n`;
      const env = actionEnv({ service: "api", preset: "alibaba-ros-stack-create", vars }, { GITHUB_ACTION_PATH: checkout, PATH: `${bin}:${process.env.PATH}` });
      const result = await run("bash", ["-c", waitScript()], env);
      expect(result.code).toBe(0);
      expect(result.stdout.split("\n")).toEqual(expect.arrayContaining(["wait", "api", "--preset", "alibaba-ros-stack-create", `--var=stack_id=$(touch ${marker})`, "--var=name=a b;`id`"]));
      expect(result.stdout.match(/^--var=/gm)).toHaveLength(2);
      expect(existsSync(marker)).toBe(false);
    });
  });
});
