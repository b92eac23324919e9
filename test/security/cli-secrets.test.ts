/**
 * Canary credentials through the CLI's environment (both Alibaba Cloud
 * variable families with STS tokens; Huawei AK/SK with a security token, and
 * an X-Auth-Token), against emulators that accept exactly them. Every outcome
 * (success, failure, timeout, authentication error, transient faults until
 * the deadline, a fault then success, an interruption) in every output mode
 * (text, json, quiet, OPGATE_DEBUG=1): no canary in stdout, stderr,
 * GITHUB_OUTPUT or GITHUB_STEP_SUMMARY. The exit codes prove the canaries
 * were used: the emulators accept nothing else.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROVIDERS } from "../../providers";
import { SERVICES, type ServiceName } from "../../src/core/result";
import { exampleArguments } from "../../src/cli/wait-flags";
import { startEmulator, type Emulator, type ScenarioFault, type ScenarioOperation } from "../../src/emulator";
import { SERVICE_SCRIPTS, timeline } from "../../bench/lib/emulated-services";
import { cliEnv, finished, runCli, STACK_LINE, startCli, stderrContains, tempDir, type CliRun } from "../cli/support/run-cli";
import { CHANNELS, leakedCanaries, type CredentialChannel } from "./support/canaries";

type Outcome = "success" | "failure" | "timeout" | "auth" | "transient" | "recovered" | "interrupted";
type Mode = "text" | "json" | "quiet" | "debug";

/** The outcomes of the matrix (an interruption needs a signal: it has its own test). */
const OUTCOMES: readonly Outcome[] = ["success", "failure", "timeout", "auth", "transient", "recovered"];
const MODES: readonly Mode[] = ["text", "json", "quiet", "debug"];
/** A transient fault per service, answered on every request of the `transient` runs. */
const TRANSIENT_FAULTS: Readonly<Record<ServiceName, ScenarioFault>> = {
  bpstudio: { from: 1, kind: "throttle", retryAfter: 1 },
  emr: { from: 1, kind: "server-error" },
  bcs: { from: 1, kind: "throttle" },
  oos: { from: 1, kind: "error-body" },
};

interface Run {
  channel: CredentialChannel;
  service: ServiceName;
  outcome: Outcome;
  mode: Mode;
}

/**
 * Every outcome in every mode, the services rotating so that each outcome
 * meets all four and both channels; then the (channel, cloud) pairs of
 * success and authentication error that the rotation missed.
 */
function plannedRuns(): Run[] {
  const runs = OUTCOMES.flatMap((outcome, o) =>
    MODES.map((mode, m) => ({ outcome, mode, service: SERVICES[(o + m) % SERVICES.length], channel: CHANNELS[m % CHANNELS.length] })),
  );
  for (const channel of CHANNELS) {
    for (const outcome of ["success", "auth"] as const) {
      for (const service of ["emr", "bcs"] as const) {
        const cloud = PROVIDERS[service].cloud;
        if (!runs.some((r) => r.channel === channel && r.outcome === outcome && PROVIDERS[r.service].cloud === cloud)) {
          runs.push({ channel, outcome, service, mode: "json" });
        }
      }
    }
  }
  return runs;
}

const RUNS = plannedRuns();
const EXIT_CODES: Readonly<Record<Outcome, number>> = { success: 0, failure: 1, timeout: 3, auth: 4, transient: 3, recovered: 0, interrupted: 130 };

function idOf(run: Run): string {
  return `op-${run.outcome}-${run.mode}-${CHANNELS.indexOf(run.channel)}`;
}

function scriptOf(service: ServiceName) {
  return SERVICE_SCRIPTS.find((s) => s.service === service)!;
}

/** The operation a run waits for. */
function operationOf(run: Run): ScenarioOperation {
  const script = scriptOf(run.service);
  const phase = run.outcome === "failure" ? "failure" : run.outcome === "timeout" || run.outcome === "interrupted" ? "running" : "success";
  const faults = run.outcome === "transient" ? [TRANSIENT_FAULTS[run.service]] : run.outcome === "recovered" ? [{ poll: 1, kind: "throttle" }] : [];
  return script.operation(idOf(run), timeline(script, [phase]), faults) as ScenarioOperation;
}

/** A wait that goes on until it is interrupted, in debug mode. */
function interruptedRun(channel: CredentialChannel, service: ServiceName): Run {
  return { channel, service, outcome: "interrupted", mode: "debug" };
}

/** One emulator per channel, accepting exactly its credentials. */
const emulators = new Map<CredentialChannel, Emulator>();
beforeAll(async () => {
  for (const channel of CHANNELS) {
    const runs = [...RUNS.filter((r) => r.channel === channel), ...SERVICES.map((service) => interruptedRun(channel, service))];
    emulators.set(channel, await startEmulator({ scenario: { operations: runs.map(operationOf) }, credentials: channel.accepts }));
  }
});
afterAll(async () => {
  for (const emulator of emulators.values()) await emulator.close();
});

/** `wait <service> <ids> --endpoint <emulator> ...` of a run, with its environment and GitHub files. */
function invocation(run: Run): { args: string[]; env: NodeJS.ProcessEnv; files: { output: string; summary: string } } {
  const ids = exampleArguments(PROVIDERS[run.service], scriptOf(run.service).wait(idOf(run)) as Record<string, unknown>).split(" ");
  const flags = { text: [], json: ["--output", "json"], quiet: ["--quiet"], debug: [] }[run.mode];
  const timeout = run.outcome === "timeout" || run.outcome === "transient" ? ["--timeout", "1s"] : ["--timeout", "20s"];
  const dir = tempDir();
  const files = { output: join(dir, "github-output"), summary: join(dir, "step-summary") };
  const env = cliEnv(
    { GITHUB_OUTPUT: files.output, GITHUB_STEP_SUMMARY: files.summary, OPGATE_DEBUG: run.mode === "debug" ? "1" : undefined },
    run.outcome === "auth" ? run.channel.wrongEnv : run.channel.env,
  );
  return { args: ["wait", run.service, ...ids, "--endpoint", emulators.get(run.channel)!.url, ...flags, ...timeout], env, files };
}

/** Everything a run wrote, for the search: stdout, stderr and both GitHub files (which must exist). */
function everythingWritten(run: CliRun, files: { output: string; summary: string }): string {
  const output = readFileSync(files.output, "utf8");
  const summary = readFileSync(files.summary, "utf8");
  expect(output).toMatch(/^status<</);
  expect(summary).toMatch(/^### /);
  return [run.stdout, run.stderr, output, summary].join("\n");
}

function describeRun(run: Run): string {
  return `${run.outcome} of ${run.service} in ${run.mode} mode via ${run.channel.name}`;
}

describe("no canary in any output of the CLI", () => {
  test.concurrent.each(RUNS.map((run) => [describeRun(run), run] as const))("%s", async (_name, run) => {
    const { args, env, files } = invocation(run);
    const result = await runCli(args, env);
    if (result.code !== EXIT_CODES[run.outcome]) throw new Error(`exit ${result.code}, expected ${EXIT_CODES[run.outcome]}:\n${result.stdout}\n${result.stderr}`);
    if (run.outcome === "auth") expect(result.stdout).toContain(run.channel.authErrorCode[PROVIDERS[run.service].cloud]);
    if (run.outcome === "transient") expect(result.stdout).toMatch(/last error/);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(leakedCanaries(everythingWritten(result, files))).toEqual([]);
  });

  test.concurrent.each(CHANNELS.map((channel) => [channel.name, channel] as const))("an interrupted wait in debug mode via %s", async (_name, channel) => {
    const written = await Promise.all(
      SERVICES.map(async (service) => {
        const { args, env, files } = invocation(interruptedRun(channel, service));
        const child = startCli(args, env);
        const done = finished(child);
        await stderrContains(child, "RUNNING");
        child.kill("SIGINT");
        const result = await done;
        expect(result.code).toBe(EXIT_CODES.interrupted);
        return everythingWritten(result, files);
      }),
    );
    expect(leakedCanaries(written.join("\n"))).toEqual([]);
  });
});
