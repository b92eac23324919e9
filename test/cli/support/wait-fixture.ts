/**
 * The fixture of the `opgate wait` tests: an emulator in the test process
 * playing the given operations, the flags that name an operation of each
 * service, and readers of what the CLI wrote.
 */
import { startEmulator, type Emulator, type ScenarioFrame, type ScenarioOperation } from "../../../src/emulator";
import { RESULT_KEYS, type CliRun } from "./run-cli";

/** Where the EMR and BCS operations of the tests live. */
export const EMR = { region: "cn-hangzhou", clusterId: "c-cli" };
export const BCS = { region: "cn-north-4", projectId: "p-cli" };

/** An EMR operation of the tests' cluster. */
export function emrOperation(id: string, timeline: ScenarioFrame[]): ScenarioOperation {
  return { service: "emr", id, ...EMR, timeline };
}

const ids: Record<string, (id: string) => string[]> = {
  bpstudio: (id) => ["--operation-id", id],
  emr: (id) => ["--region", EMR.region, "--cluster-id", EMR.clusterId, "--operation-id", id],
  bcs: (id) => ["--region", BCS.region, "--project-id", BCS.projectId, "--operation-id", id],
  oos: (id) => ["--region", "cn-hangzhou", "--execution-id", id],
};

/**
 * Starts an emulator playing `operations` for the test file and returns
 * `waitArgs(service, id, flags)`: `wait SERVICE <its ids> --endpoint <emulator> ...flags`.
 */
export function useEmulator(operations: ScenarioOperation[]): (service: string, id: string, flags?: string[]) => string[] {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, scenario: { operations } });
  });
  afterAll(() => emulator.close());
  return (service, id, flags = []) => ["wait", service, ...ids[service](id), "--endpoint", emulator.url, ...flags];
}

/** Parses stdout as exactly one JSON object (one line) and checks it has the Result's keys. */
export function resultOf(run: CliRun): Record<string, unknown> {
  expect(run.stdout.endsWith("\n")).toBe(true);
  expect(run.stdout.trimEnd().split("\n")).toHaveLength(1);
  const result = JSON.parse(run.stdout) as Record<string, unknown>;
  expect(Object.keys(result)).toEqual(RESULT_KEYS);
  return result;
}

/** The `name<<DELIM ... DELIM` entries of a GITHUB_OUTPUT file. */
export function githubOutputs(text: string): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const match of text.matchAll(/^(\w+)<<(opgate_[0-9a-f]+)\n([\s\S]*?)\n\2\n/gm)) entries[match[1]] = match[3];
  return entries;
}
