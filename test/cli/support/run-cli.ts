/**
 * Runs the BUILT CLI (`node dist/src/cli/main.js`) as a child process, with a
 * clean environment: no real cloud credentials or settings from the machine,
 * a temporary HOME, the ECS metadata lookup disabled, and the emulator's
 * credentials unless a test says otherwise.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_CREDENTIALS } from "../../../src/emulator/credentials";
import { temporaryFolder } from "../../support/temporary-folder";

/** The built CLI; `npm run build` makes it. */
export const CLI = join(__dirname, "..", "..", "..", "dist", "src", "cli", "main.js");

/** Variables from the machine that must not reach the child. */
const FOREIGN = /^(ALIBABA_CLOUD_|ALICLOUD_|HW_|OPGATE_|GITHUB_|CI$)/;

/** The emulator's documented credentials, as the CLI reads them. */
export const EMULATOR_CREDENTIALS: Readonly<Record<string, string>> = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_CREDENTIALS.alibabaAccessKeyId,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_CREDENTIALS.alibabaAccessKeySecret,
  HW_ACCESS_KEY: DEFAULT_CREDENTIALS.huaweiAccessKey,
  HW_SECRET_KEY: DEFAULT_CREDENTIALS.huaweiSecretKey,
};

/** What a finished run left. */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A temporary directory. */
export function tempDir(): string {
  return temporaryFolder("opgate-cli-");
}

/**
 * The child's environment: the machine's minus cloud and CI variables, plus a
 * temporary HOME, metadata disabled, `credentials` (default: the emulator's)
 * and `extra`. A value of `undefined` in `extra` removes the variable.
 */
export function cliEnv(extra: Record<string, string | undefined> = {}, credentials: Record<string, string> = EMULATOR_CREDENTIALS): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!FOREIGN.test(name)) env[name] = value;
  Object.assign(env, { HOME: tempDir(), ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" }, credentials);
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** Starts the CLI with `args`. */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv = cliEnv()): ChildProcessWithoutNullStreams {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before the CLI tests`);
  return spawn(process.execPath, [CLI, ...args], { env, stdio: "pipe" });
}

/** Collects the output of `child` until it exits. */
export function finished(child: ChildProcessWithoutNullStreams): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs the CLI with `args` to the end. */
export function runCli(args: readonly string[], env?: NodeJS.ProcessEnv): Promise<CliRun> {
  return finished(startCli(args, env));
}

/** Resolves once the child's stderr contains `text`. */
export function stderrContains(child: ChildProcessWithoutNullStreams, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const onData = (chunk: Buffer | string) => {
      seen += chunk.toString();
      if (seen.includes(text)) {
        child.stderr.off("data", onData);
        resolve();
      }
    };
    child.stderr.on("data", onData);
    child.on("close", () => reject(new Error(`exited before printing ${JSON.stringify(text)} on stderr:\n${seen}`)));
  });
}

/** The keys of a Result, in the contract's order. */
export const RESULT_KEYS = ["service", "operationId", "outcome", "status", "rawStatus", "message", "outputs", "steps", "resources", "polls", "elapsedMs", "error"];

/** A stack trace line (`    at foo (file.js:1:2)`). */
export const STACK_LINE = /^\s+at\s/m;
