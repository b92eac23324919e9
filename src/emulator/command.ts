/**
 * `opgate emulator [--port N] [--scenario FILE|NAME]`: starts the emulator on
 * 127.0.0.1, says how to point opgate at it, logs one line per request and
 * stops on SIGINT/SIGTERM/SIGHUP, or when the process that started it ends
 * (`npx opgate emulator &` then `kill $!` kills npx, not its child: the
 * emulator must not stay behind). The CLI wires its flags into
 * `runEmulatorCommand`; `opgate emulator start` (detached.ts) runs the same
 * emulator in a process of its own, with the parent check off, a bounded
 * lifetime and a pid file.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatDuration } from "../core/duration";
import { InputError } from "../core/errors";
import { CREDENTIAL_ENV, DEFAULT_CREDENTIALS, type EmulatorCredentials, credentialsFromEnv, resolveCredentials } from "./credentials";
import { startEmulator } from "./index";
import { loadScenarioFile } from "./scenario";
import type { Emulator } from "./server";

/** Inputs of `opgate emulator`. */
export interface EmulatorCommandOptions {
  /** TCP port (default 0: a free one). */
  port?: number;
  /** A scenario file (see SCENARIOS.md), or the name of a scenario in `shippedScenarios`. */
  scenarioFile?: string;
  /** The folder of the scenarios shipped with opgate, `<folder>/<name>/scenario.json` (the package's `examples/`). */
  shippedScenarios?: string;
  /** Where `OPGATE_EMULATOR_*` credential overrides are read. */
  env: NodeJS.ProcessEnv;
  /** Receives each output line. */
  stdout: (line: string) => void;
  /** Stop when the process that started this one ends (default true). */
  stopWhenParentEnds?: boolean;
  /** Stop after this many milliseconds (default: never). */
  lifetimeMs?: number;
  /** Write the process ID to this file once listening; it is removed when the emulator stops. */
  pidFile?: string;
}

/** How often the emulator checks that the process that started it is still there. */
export const PARENT_CHECK_MS = 1000;
/** The signals that stop the emulator. */
const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
/** What a scenario name looks like (a folder of the shipped examples), as opposed to a path. */
const SCENARIO_NAME = /^[a-z][a-z0-9-]*$/;

/**
 * Starts the emulator. The first line written is exactly
 * `opgate emulator listening on http://127.0.0.1:PORT`; then the variables to
 * export (secrets only when they are the documented defaults), then one line
 * per request. SIGINT, SIGTERM or SIGHUP closes it, and so does the end of
 * its parent process (it is then re-parented: `process.ppid` changes) unless
 * `stopWhenParentEnds` is false, and the end of `lifetimeMs`; so does `close()`.
 * @throws InputError for a bad port or scenario (before listening).
 */
export async function runEmulatorCommand(opts: EmulatorCommandOptions): Promise<Emulator> {
  const port = opts.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InputError("--port", "must be an integer from 0 to 65535 (0 picks a free port)");
  }
  const scenarioFile = opts.scenarioFile === undefined ? undefined : scenarioPath(opts.scenarioFile, opts.shippedScenarios);
  const scenario = scenarioFile === undefined ? undefined : loadScenarioFile(scenarioFile);
  const overrides = credentialsFromEnv(opts.env);
  const emulator = await startEmulator({ port, host: "127.0.0.1", scenario, credentials: overrides, log: opts.stdout });
  let pidFile: { remove(): void } | undefined;
  try {
    pidFile = opts.pidFile === undefined ? undefined : ownPidFile(opts.pidFile);
  } catch (err) {
    await emulator.close();
    throw new InputError("--pid-file", `cannot write ${opts.pidFile}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const close = async () => {
    unwatch();
    await emulator.close();
    pidFile?.remove();
    opts.stdout("opgate emulator stopped");
  };
  // Stops on a signal from the moment the first line says it is listening.
  const unwatch = watchForStop(opts, () => void close());

  opts.stdout(`opgate emulator listening on ${emulator.url}`);
  for (const line of exportLines(emulator.url, resolveCredentials(overrides))) opts.stdout(line);
  if (scenario) opts.stdout(`playing ${scenario.operations.length} operation(s) from ${scenarioFile}`);
  return { ...emulator, close };
}

/**
 * Calls `stop` on SIGINT, SIGTERM or SIGHUP, when the parent process ends
 * (unless `stopWhenParentEnds` is false) and when `lifetimeMs` has passed.
 * Returns the function that stops watching.
 */
function watchForStop(opts: EmulatorCommandOptions, stop: () => void): () => void {
  for (const signal of STOP_SIGNALS) process.once(signal, stop);
  const timers: NodeJS.Timeout[] = [];
  if (opts.stopWhenParentEnds ?? true) {
    const parent = process.ppid;
    timers.push(setInterval(() => process.ppid !== parent && stop(), PARENT_CHECK_MS).unref());
  }
  if (opts.lifetimeMs !== undefined) {
    const lifetime = formatDuration(opts.lifetimeMs);
    const end = () => {
      opts.stdout(`opgate emulator: its lifetime of ${lifetime} is over`);
      stop();
    };
    timers.push(setTimeout(end, opts.lifetimeMs).unref());
  }
  return () => {
    for (const timer of timers) clearTimeout(timer);
    for (const signal of STOP_SIGNALS) process.off(signal, stop);
  };
}

/**
 * The file `--scenario value` names: `value` itself when it exists, else the
 * scenario shipped under that name (`pipeline` is
 * `<shipped>/pipeline/scenario.json`).
 * @throws InputError naming both ways when neither exists.
 */
export function scenarioPath(value: string, shipped: string | undefined): string {
  if (existsSync(value)) return value;
  const names = shipped === undefined ? [] : shippedScenarioNames(shipped);
  if (SCENARIO_NAME.test(value) && names.includes(value)) return join(shipped!, value, "scenario.json");
  const choices = names.length ? `, or the name of a scenario shipped with opgate: ${names.join(", ")}` : "";
  throw new InputError("scenario", `cannot read ${value}: no such file (give the path of a scenario file${choices})`);
}

/** The names of the scenarios in `folder`: its subfolders that hold a `scenario.json`. */
function shippedScenarioNames(folder: string): string[] {
  try {
    return readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && SCENARIO_NAME.test(entry.name) && existsSync(join(folder, entry.name, "scenario.json")))
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

/**
 * Writes this process's ID to `file`; `remove()` deletes the file, unless it
 * names another process by then (a later emulator took it over), and runs
 * when the process exits too.
 */
function ownPidFile(file: string): { remove(): void } {
  writeFileSync(file, `${process.pid}\n`);
  const remove = () => {
    process.off("exit", remove);
    try {
      if (readFileSync(file, "utf8").trim() === String(process.pid)) rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
  process.once("exit", remove);
  return { remove };
}

/** A variable that points opgate at the emulator. */
export interface EmulatorVariable {
  name: string;
  /** The value; undefined for a secret set through `OPGATE_EMULATOR_*` (never printed). */
  value?: string;
  /** The `OPGATE_EMULATOR_*` variable that holds a secret left out. */
  heldBy?: string;
}

/**
 * The variables that point opgate at the emulator at `url` with the
 * credentials it accepts: `OPGATE_ENDPOINT`, then Alibaba Cloud's and Huawei
 * Cloud's. A secret is given only when it is the documented default; one
 * overridden through `OPGATE_EMULATOR_*` is named by the variable that holds it.
 */
export function emulatorVariables(url: string, creds: EmulatorCredentials): EmulatorVariable[] {
  return [
    { name: "OPGATE_ENDPOINT", value: url },
    { name: "ALIBABA_CLOUD_ACCESS_KEY_ID", value: creds.alibabaAccessKeyId },
    secret("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "alibabaAccessKeySecret", creds),
    ...(creds.alibabaSecurityToken ? [secret("ALIBABA_CLOUD_SECURITY_TOKEN", "alibabaSecurityToken", creds)] : []),
    { name: "HW_ACCESS_KEY", value: creds.huaweiAccessKey },
    secret("HW_SECRET_KEY", "huaweiSecretKey", creds),
  ];
}

/** The variable `name` set to the secret `key`, or, when it is not the documented default, left out and named by the variable that holds it. */
function secret(name: string, key: keyof EmulatorCredentials, creds: EmulatorCredentials): EmulatorVariable {
  return creds[key] === DEFAULT_CREDENTIALS[key] ? { name, value: String(creds[key]) } : { name, heldBy: CREDENTIAL_ENV[key] };
}

/** The lines after the first: `export NAME=value` for each variable, and the Huawei token as the alternative. */
function exportLines(url: string, creds: EmulatorCredentials): string[] {
  const shown = ({ value, heldBy }: EmulatorVariable) => value ?? `<the value of ${heldBy}>`;
  return [
    "point opgate at it with:",
    ...emulatorVariables(url, creds).map((variable) => `  export ${variable.name}=${shown(variable)}`),
    `  (or, instead of HW_ACCESS_KEY/HW_SECRET_KEY: export HW_AUTH_TOKEN=${shown(secret("HW_AUTH_TOKEN", "huaweiAuthToken", creds))})`,
  ];
}
