/**
 * Jobs of the CI examples, run the way the runners run them: a GitHub Actions
 * job step by step, each `run:` step in a shell of its own
 * (`bash --noprofile --norc -eo pipefail`), `$GITHUB_ENV` and `$GITHUB_OUTPUT`
 * read after each step, `uses:` of a composite action running its `run:`
 * steps with the inputs; a GitLab CI job's `script` in one shell and its
 * `after_script` in another. Only the expressions the examples use are
 * understood (`${{ steps.ID.outputs.NAME }}`, `${{ inputs.NAME }}`, `if:
 * always()`); anything else fails the test, so an example never goes
 * untested by accident.
 */
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { finished, type CliRun } from "../../cli/support/run-cli";
import { temporaryFolder } from "../../support/temporary-folder";

/** A step of a workflow or of a composite action, as written. */
interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
}

/** What one step did. */
export interface StepRun extends CliRun {
  /** The step's name, else its `run` or `uses`. */
  step: string;
  /** What it wrote to `$GITHUB_OUTPUT` (for a `uses:` step, the action's outputs). */
  outputs: Record<string, string>;
}

/** How to run a GitHub Actions job. */
export interface GitHubJobOptions {
  /** The workspace: the working directory of every step. */
  cwd: string;
  /** The runner's environment. */
  env: NodeJS.ProcessEnv;
  /** The folder of each composite action a step `uses:`, by the name it is used by. */
  actions: Record<string, string>;
  /** Steps the test stands in for (checkout, setup-node, `npm ci`): they are not run. */
  skip: (step: Step) => boolean;
}

/** Runs job `job` of the workflow in `file`; resolves with each step that ran, in order. */
export async function runGitHubJob(file: string, job: string, options: GitHubJobOptions): Promise<StepRun[]> {
  const workflow = parse(readFileSync(file, "utf8")) as { jobs: Record<string, { steps: Step[] }> };
  const env: NodeJS.ProcessEnv = { ...options.env };
  const outputs: Record<string, Record<string, string>> = {};
  const runs: StepRun[] = [];
  for (const step of workflow.jobs[job].steps) {
    if (options.skip(step)) continue;
    const failed = runs.some((run) => run.code !== 0);
    if (step.if === undefined ? failed : step.if !== "always()") {
      if (step.if !== undefined) throw new Error(`unsupported if: ${step.if}`);
      continue;
    }
    const files = stepFiles();
    const stepEnv = { ...env, ...evaluateAll(step.env ?? {}, { steps: outputs }), ...files };
    let run: CliRun & { outputs: Record<string, string> };
    if (step.run !== undefined) {
      run = { ...(await bash(step.run, options.cwd, stepEnv)), outputs: readCommandFile(files.GITHUB_OUTPUT) };
    } else {
      const action = options.actions[step.uses ?? ""];
      if (action === undefined) throw new Error(`no action for uses: ${step.uses}`);
      run = await runCompositeAction(action, step.with ?? {}, options.cwd, stepEnv);
    }
    Object.assign(env, readCommandFile(files.GITHUB_ENV));
    if (step.id !== undefined) outputs[step.id] = run.outputs;
    runs.push({ ...run, step: step.name ?? step.run ?? step.uses ?? "?" });
  }
  return runs;
}

/** How to run a GitLab CI job. */
export interface GitLabJobOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Script lines the test stands in for (`npm ci`): they are not run. */
  skip: (line: string) => boolean;
}

/** Runs job `job` of the GitLab CI file `file`: its `script` in one shell, then its `after_script` in another. */
export async function runGitLabJob(file: string, job: string, options: GitLabJobOptions): Promise<{ script: CliRun; afterScript: CliRun }> {
  const definition = (parse(readFileSync(file, "utf8")) as Record<string, { variables?: Record<string, string>; script: string[]; after_script?: string[] }>)[job];
  const env = { ...options.env, ...definition.variables };
  const lines = (list: string[] = []) => list.filter((line) => !options.skip(line)).join("\n");
  const script = await bash(lines(definition.script), options.cwd, env);
  const afterScript = await bash(lines(definition.after_script), options.cwd, env);
  return { script, afterScript };
}

/** Runs the `run:` steps of the composite action in `folder` with `inputs`; its `uses:` steps (setting up Node.js) are the runner's. */
async function runCompositeAction(folder: string, given: Record<string, unknown>, cwd: string, env: NodeJS.ProcessEnv): Promise<CliRun & { outputs: Record<string, string> }> {
  const action = parse(readFileSync(join(folder, "action.yml"), "utf8")) as {
    inputs: Record<string, { default?: string }>;
    outputs: Record<string, { value: string }>;
    runs: { steps: Step[] };
  };
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, String(given[name] ?? input.default ?? "")]));
  const steps: Record<string, Record<string, string>> = {};
  let last: CliRun = { code: 0, signal: null, stdout: "", stderr: "" };
  for (const step of action.runs.steps) {
    if (step.uses !== undefined) continue;
    if (step.if !== undefined) throw new Error(`unsupported if in the action: ${step.if}`);
    if (step.shell !== "bash") throw new Error(`unsupported shell in the action: ${step.shell}`);
    const output = stepFiles().GITHUB_OUTPUT;
    last = await bash(step.run!, cwd, { ...env, ...evaluateAll(step.env ?? {}, { inputs }), GITHUB_ACTION_PATH: folder, GITHUB_OUTPUT: output });
    if (step.id !== undefined) steps[step.id] = readCommandFile(output);
    if (last.code !== 0) break;
  }
  const outputs = Object.fromEntries(Object.entries(action.outputs).map(([name, output]) => [name, evaluate(output.value, { steps })]));
  return { ...last, outputs };
}

/** What `${{ ... }}` may read. */
interface Context {
  steps?: Record<string, Record<string, string>>;
  inputs?: Record<string, string>;
}

/** `text` with each `${{ steps.ID.outputs.NAME }}` and `${{ inputs.NAME }}` replaced by its value ("" when unset). */
function evaluate(text: string, context: Context): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_all, expression: string) => {
    const step = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
    if (step && context.steps) return context.steps[step[1]]?.[step[2]] ?? "";
    const input = /^inputs\.([\w-]+)$/.exec(expression);
    if (input && context.inputs) return context.inputs[input[1]] ?? "";
    throw new Error(`unsupported expression: ${expression}`);
  });
}

function evaluateAll(values: Record<string, string>, context: Context): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, evaluate(String(value), context)]));
}

/** Fresh, empty files for a step's `$GITHUB_ENV`, `$GITHUB_OUTPUT` and `$GITHUB_STEP_SUMMARY`. */
function stepFiles(): { GITHUB_ENV: string; GITHUB_OUTPUT: string; GITHUB_STEP_SUMMARY: string } {
  const dir = temporaryFolder("opgate-step-");
  const files = { GITHUB_ENV: join(dir, "env"), GITHUB_OUTPUT: join(dir, "output"), GITHUB_STEP_SUMMARY: join(dir, "summary") };
  for (const path of Object.values(files)) writeFileSync(path, "");
  return files;
}

/** The `NAME=value` and `NAME<<DELIMITER ... DELIMITER` entries of a `$GITHUB_ENV` or `$GITHUB_OUTPUT` file. */
export function readCommandFile(path: string): Record<string, string> {
  const lines = readFileSync(path, "utf8").split("\n");
  const entries: Record<string, string> = {};
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      entries[heredoc[1]] = lines.slice(i + 1, end).join("\n");
      i = end;
    } else if (lines[i].includes("=")) {
      entries[lines[i].slice(0, lines[i].indexOf("="))] = lines[i].slice(lines[i].indexOf("=") + 1);
    }
  }
  return entries;
}

/** `script` as the runners' bash runs it. */
function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<CliRun> {
  return finished(spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], { cwd, env, stdio: "pipe" }));
}
