/**
 * Runs a Pulumi program under mocks in its own Node.js process, as the
 * language host would run it, and returns what it registered; builds the
 * environment the engine gives its plugins.
 */
import { execFile } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { Registration } from "./engine";
import type { Props } from "./provider-host";
import { temporaryFolder } from "../../support/temporary-folder";

/** The repository root. */
export const REPO = path.resolve(__dirname, "..", "..", "..");

/** One RegisterResource request as the program sent it. */
export interface RegisteredResource extends Registration {
  dependencies: string[];
  additionalSecretOutputs: string[];
}

/** What a program run under mocks registered. */
export interface ProgramRun {
  resources: RegisteredResource[];
  stackOutputs: Props | null;
  errors: string[];
}

/** The example's directory and entry point, as the root Pulumi.yaml's `main` gives them. */
export function exampleEntryPoint(): { pwd: string; program: string } {
  const yaml = readFileSync(path.join(REPO, "Pulumi.yaml"), "utf8");
  const main = /^main:\s*(\S+)\s*$/m.exec(yaml)?.[1];
  if (!main) throw new Error("Pulumi.yaml has no main");
  const entry = path.join(REPO, main);
  return { pwd: path.dirname(entry), program: path.basename(entry) };
}

/** A temporary HOME (no real cloud profile can leak in); removed by `cleanup`. */
export function temporaryHome(): { home: string; cleanup: () => void } {
  const home = temporaryFolder("opgate-pulumi-home-");
  return { home, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

/**
 * The environment the engine gives the program and the provider host: a
 * minimal one (no variable of the test runner leaks in), the stack config in
 * PULUMI_CONFIG, the Alibaba metadata lookup disabled, a temporary folder of
 * its own, plus `extra`.
 */
export function engineEnv(home: string, config: Record<string, string>, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    // Where ts-node keeps what it compiles: a folder removed after the test file.
    TMPDIR: temporaryFolder("opgate-pulumi-tmp-"),
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
    PULUMI_CONFIG: JSON.stringify(config),
    PULUMI_PROJECT: "opgate-example",
    PULUMI_NODEJS_PROJECT: "opgate-example",
    PULUMI_NODEJS_STACK: "test",
    ...extra,
  };
}

/** Runs `program` (relative to `pwd`) under mocks with `env` and returns what it registered. */
export async function runUnderMocks(pwd: string, program: string, env: Record<string, string>): Promise<ProgramRun> {
  const dir = temporaryFolder("opgate-pulumi-run-");
  const out = path.join(dir, "registered.json");
  try {
    const script = path.join(__dirname, "run-under-mocks.js");
    await promisify(execFile)(process.execPath, [script, pwd, program, out], { cwd: REPO, env, timeout: 30_000 });
    return JSON.parse(readFileSync(out, "utf8")) as ProgramRun;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
