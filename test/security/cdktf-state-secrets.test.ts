/**
 * CDKTF at apply time, where test/cdktf/synth.test.ts stops (it shows that
 * the synthesized JSON holds no credential of the synthesizing machine):
 * canary credentials in the environment of `terraform apply` (run by the
 * Terraform-semantics executor) are used by the wait and the read, and reach
 * neither the state, the commands' arguments and input nor what they print
 * (the read's output is what Terraform keeps in state for the data source),
 * also when a later read or a wait fails with wrong credentials.
 */
import { startEmulator, type Emulator } from "../../src/emulator";
import { executions, OPERATIONS, waitsApp } from "../cdktf/fixtures";
import { cleanUp, newProject, synthesize, synthesizedText, temporaryHome, terraformEnvironment } from "../cdktf/helpers";
import { ApplyError, TerraformExecutor } from "../cdktf/terraform-executor";
import { ALICLOUD_CHANNEL, ENV_CHANNEL, leakedCanaries, searchable } from "./support/canaries";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ scenario: { operations: OPERATIONS }, credentials: ENV_CHANNEL.accepts });
});
afterAll(async () => {
  await emulator?.close();
  cleanUp();
});

function applyEnv(credentials: Record<string, string>): Record<string, string> {
  return terraformEnvironment(temporaryHome(), { credentials: false, extra: { ...credentials, OPGATE_ENDPOINT: emulator.url, HW_PROJECT_ID: "proj-1" } });
}

test("no canary in the state or the commands' output: a wait, a read with wrong credentials, a wait with wrong credentials", async () => {
  const project = newProject();
  const stackDir = synthesize(project, waitsApp());
  const waited = await new TerraformExecutor(stackDir, applyEnv(ENV_CHANNEL.env)).apply();
  expect(executions(waited, "local-exec").map((run) => run.exitCode)).toEqual([0, 0, 0, 0]);
  expect(executions(waited, "external").map((run) => JSON.parse(run.stdout).read)).toEqual(["OK", "OK", "OK", "OK"]);

  const tf = new TerraformExecutor(stackDir, applyEnv(ALICLOUD_CHANNEL.wrongEnv));
  const reread = await tf.apply();
  const reads = executions(reread, "external").map((run) => JSON.parse(run.stdout) as Record<string, string>);
  expect(reads.map((read) => read.read)).toEqual(["UNAVAILABLE", "UNAVAILABLE", "UNAVAILABLE", "UNAVAILABLE"]);
  expect(reads.every((read) => read.readMessage !== "")).toBe(true);

  const failing = new TerraformExecutor(synthesize(newProject(), waitsApp({ twoServices: true })), applyEnv(ENV_CHANNEL.wrongEnv));
  const failed = await failing.apply().then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(failed).toBeInstanceOf(ApplyError);
  const failedWaits = executions((failed as ApplyError).report, "local-exec");
  expect(failedWaits.some((run) => run.exitCode === 4 && run.stdout.includes("SignatureDoesNotMatch"))).toBe(true);

  const states = [tf, failing].map((executor) => JSON.stringify(executor.state()));
  // Everything of the processes but the environment they were given (where the canaries are set).
  const processes = [...waited.executions, ...reread.executions, ...failedWaits].map(({ argv, stdin, stdout, stderr }) => ({ argv, stdin, stdout, stderr }));
  const everything = searchable(states, synthesizedText(project), processes, (failed as Error).message, emulator.requests);
  expect(leakedCanaries(everything)).toEqual([]);
});
