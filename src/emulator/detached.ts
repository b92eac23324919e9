/**
 * `opgate emulator start` and `opgate emulator stop`: an emulator that
 * outlives the command that started it, for CI jobs whose steps each run in a
 * shell of their own (a GitHub Actions `run:` step ends its shell with the
 * step, and `opgate emulator` stops when the process that started it ends).
 *
 * `start` forks this module as a detached process (a session of its own, its
 * output in a log file, no parent check), returns once it listens, or fails
 * with the reason (a port in use, a bad scenario) instead of leaving a script
 * to poll for a line that never comes, and hands on the endpoint and the
 * credentials (`export` lines on stdout, `NAME=value` lines in an env file
 * such as `$GITHUB_ENV`). The emulator keeps its process ID in a pid file and
 * stops on `opgate emulator stop`, on SIGTERM or SIGINT, or when its lifetime
 * ends: it never lingers.
 */
import { type ChildProcess, fork } from "node:child_process";
import { appendFileSync, closeSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { formatDuration, parseDuration } from "../core/duration";
import { InputError } from "../core/errors";
import { emulatorVariables, runEmulatorCommand, scenarioPath } from "./command";
import { credentialsFromEnv, resolveCredentials } from "./credentials";

/** How long `start` waits for the emulator to listen. */
const STARTUP_MS = 15_000;
/** How long `stop` waits for the emulator to stop after SIGTERM, before SIGKILL. */
const STOP_MS = 5_000;
/** Lines of the log quoted when the emulator ended before it listened. */
const LOG_TAIL_LINES = 5;

/** Inputs of `opgate emulator start`. */
export interface StartOptions {
  /** TCP port (default 0: a free one). */
  port?: number;
  /** A scenario file, or the name of a scenario in `shippedScenarios`. */
  scenarioFile?: string;
  /** The folder of the scenarios shipped with opgate (see `runEmulatorCommand`). */
  shippedScenarios?: string;
  /** The emulator stops by itself after this long: a CLI-style duration (`90m`, `6h`), at most 7 days. */
  lifetime: string;
  /** Where its process ID is kept (created with its folder). */
  pidFile: string;
  /** Where its output goes (default: the pid file's path with `.log` for `.pid`). */
  logFile?: string;
  /** A file to append `NAME=value` lines to, e.g. `$GITHUB_ENV`. */
  envOut?: string;
  /** The environment of the emulator (`OPGATE_EMULATOR_*` overrides its credentials). */
  env: NodeJS.ProcessEnv;
  /** Receives the `export NAME='value'` lines, for `eval`. */
  stdout: (line: string) => void;
  /** Receives what happened, for people. */
  stderr: (line: string) => void;
}

/** What the detached process sends its starter, once. */
type StartReport = { url: string } | { field: string; reason: string } | { error: string };

/** What `start` passes the detached process (as its one argument, JSON). */
interface DetachedOptions {
  port?: number;
  scenarioFile?: string;
  lifetimeMs: number;
  pidFile: string;
}

/**
 * Starts a detached emulator and resolves once it listens, with its process
 * ID and URL, after writing the variables that point opgate at it.
 * @throws InputError for bad options, a port in use, a bad scenario, or a pid
 *   file that names an emulator still running (nothing is left running).
 */
export async function startDetachedEmulator(opts: StartOptions): Promise<{ pid: number; url: string }> {
  const lifetimeMs = parseDuration(opts.lifetime, "--lifetime");
  const pidFile = resolve(opts.pidFile);
  const logShown = opts.logFile ?? opts.pidFile.replace(/(\.pid)?$/, ".log");
  const logFile = resolve(logShown);
  const running = readPid(pidFile);
  if (running !== undefined && isRunning(running)) {
    throw new InputError("--pid-file", `${opts.pidFile} names an emulator that is still running (pid ${running}): stop it with \`opgate emulator stop\`, or give another --pid-file`);
  }
  const credentials = resolveCredentials(credentialsFromEnv(opts.env));
  if (opts.envOut !== undefined) {
    // One line per variable: a line break in a value would add lines of its own.
    const unwritable = emulatorVariables("", credentials).find((variable) => /[\r\n]/.test(variable.value ?? ""));
    if (unwritable) throw new InputError("--env-out", `cannot write ${unwritable.name}: its value holds a line break`);
    appendTo(opts.envOut, ""); // fails now, before anything runs, rather than after
  }
  const scenarioFile = opts.scenarioFile === undefined ? undefined : resolve(scenarioPath(opts.scenarioFile, opts.shippedScenarios));

  mkdirSync(dirname(pidFile), { recursive: true });
  mkdirSync(dirname(logFile), { recursive: true });
  const detached: DetachedOptions = { port: opts.port, scenarioFile, lifetimeMs, pidFile };
  const log = openSync(logFile, "w");
  let child: ChildProcess;
  try {
    child = fork(__filename, [JSON.stringify(detached)], { detached: true, stdio: ["ignore", log, log, "ipc"], execArgv: [], env: opts.env });
  } finally {
    closeSync(log);
  }
  const report = await firstReport(child, logFile);
  if ("field" in report) {
    rmSync(logFile, { force: true }); // it says nothing the error does not
    throw new InputError(report.field, report.reason);
  }
  if ("error" in report) throw new Error(report.error);
  child.disconnect();
  child.unref();

  const pid = child.pid!;
  const lifetime = formatDuration(lifetimeMs);
  opts.stderr(`opgate emulator listening on ${report.url} (pid ${pid}, pid file ${opts.pidFile}, log ${logShown}): it stops after ${lifetime}, or on \`opgate emulator stop\``);
  const variables = emulatorVariables(report.url, credentials);
  for (const variable of variables) opts.stdout(`export ${variable.name}=${variable.value === undefined ? `"$${variable.heldBy}"` : shellQuoted(variable.value)}`);
  if (opts.envOut !== undefined) {
    appendTo(opts.envOut, variables.flatMap((v) => (v.value === undefined ? [] : [`${v.name}=${v.value}\n`])).join(""));
    for (const v of variables) if (v.value === undefined) opts.stderr(`opgate emulator: ${v.name} is not written to ${opts.envOut}: set it from ${v.heldBy}`);
  }
  return { pid, url: report.url };
}

/**
 * Stops the detached emulator whose process ID `pidFile` holds: SIGTERM, then
 * SIGKILL when it has not stopped within 5 s. Nothing to stop (no pid file,
 * or a process that has ended) is said on stderr, and is not an error.
 * @throws InputError when `pidFile` does not hold a process ID.
 */
export async function stopDetachedEmulator(opts: { pidFile: string; stderr: (line: string) => void }): Promise<void> {
  const pidFile = resolve(opts.pidFile);
  const pid = readPid(pidFile);
  if (pid === undefined) {
    opts.stderr(`opgate emulator stop: nothing to stop (${opts.pidFile} does not exist)`);
    return;
  }
  if (!isRunning(pid)) {
    rmSync(pidFile, { force: true });
    opts.stderr(`opgate emulator stop: the emulator of ${opts.pidFile} (pid ${pid}) had already stopped`);
    return;
  }
  process.kill(pid, "SIGTERM");
  // It removes its pid file once it has stopped listening (an ended process may linger as a zombie).
  const stopped = () => !isRunning(pid) || readPid(pidFile) !== pid;
  const deadline = Date.now() + STOP_MS;
  while (!stopped() && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));
  if (!stopped()) process.kill(pid, "SIGKILL");
  if (readPid(pidFile) === pid) rmSync(pidFile, { force: true });
  opts.stderr(`opgate emulator stopped (pid ${pid})`);
}

/** The first report of the detached process: its URL, why it could not start, or how it ended before saying. */
function firstReport(child: ChildProcess, logFile: string): Promise<StartReport> {
  return new Promise((done) => {
    const onMessage = (message: StartReport) => finish(message);
    const onError = (err: Error) => finish({ error: `cannot start the emulator: ${err.message}` });
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      finish({ error: `the emulator ended (${signal ?? `exit code ${code}`}) before it listened: ${logTail(logFile)}` });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      finish({ error: `the emulator did not listen within ${formatDuration(STARTUP_MS)}; its log: ${logFile}` });
    }, STARTUP_MS);
    const finish = (report: StartReport) => {
      clearTimeout(timer);
      child.off("message", onMessage).off("error", onError).off("exit", onExit);
      done(report);
    };
    child.on("message", onMessage).on("error", onError).on("exit", onExit);
  });
}

/** The last lines of the log, on one line. */
function logTail(logFile: string): string {
  try {
    return readFileSync(logFile, "utf8").trim().split("\n").slice(-LOG_TAIL_LINES).join(" | ") || `nothing in ${logFile}`;
  } catch {
    return `no log at ${logFile}`;
  }
}

/** Appends `text` to the file `--env-out` names. */
function appendTo(file: string, text: string): void {
  try {
    appendFileSync(file, text);
  } catch (err) {
    throw new InputError("--env-out", `cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

/** `value` in single quotes, for a POSIX shell. */
function shellQuoted(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The process ID in `file`; undefined when there is no such file. @throws InputError when it holds something else. */
function readPid(file: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8").trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new InputError("--pid-file", `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  if (!/^[1-9]\d*$/.test(text)) throw new InputError("--pid-file", `${file} does not hold a process ID`);
  return Number(text);
}

/** Whether process `pid` exists (signal 0 checks without sending anything). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The detached process: serves until stopped, and reports to its starter once. */
async function serveDetached(options: DetachedOptions): Promise<void> {
  const report = (message: StartReport) => new Promise<void>((done) => process.send!(message, () => done()));
  try {
    const emulator = await runEmulatorCommand({
      ...options,
      env: process.env,
      stdout: (line) => process.stdout.write(`${line}\n`),
      stopWhenParentEnds: false,
    });
    await report({ url: emulator.url });
  } catch (err) {
    await report(err instanceof InputError ? { field: err.field, reason: err.reason } : { error: String(err) });
    process.exitCode = 2;
  }
  process.disconnect();
}

if (require.main === module && process.send !== undefined) void serveDetached(JSON.parse(process.argv[2]) as DetachedOptions);
