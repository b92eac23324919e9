/**
 * A later plan in a fresh checkout: only the synthesized JSON and the state of
 * the first apply, the emulator having forgotten every operation.
 */
import { freshCopy, stackDirectory, synthesize } from "./helpers";
import { applyTestSetup, executions, OPERATIONS, waitsApp } from "./fixtures";
import { TerraformExecutor } from "./terraform-executor";

const setup = applyTestSetup();

test("neither fails nor waits and keeps the outputs, with or without credentials", async () => {
  const dir = setup.project();
  const first = await new TerraformExecutor(synthesize(dir, waitsApp()), setup.env()).apply();
  for (const op of OPERATIONS) setup.emulator().forget(op.id);
  const requestsBefore = setup.emulator().requests.length;

  const plan = await new TerraformExecutor(stackDirectory(freshCopy(dir)), setup.env()).plan();
  expect(executions(plan, "local-exec")).toEqual([]);
  expect(Object.entries(plan.actions).every(([address, action]) => action === (address.startsWith("data.") ? "read" : "no-op"))).toBe(true);
  expect(plan.outputs).toEqual(first.outputs);
  expect(executions(plan, "external").map((run) => JSON.parse(run.stdout).read)).toEqual(Array(4).fill("NOT_FOUND"));
  // One look per operation, no polling.
  expect(setup.emulator().requests.length - requestsBefore).toBe(4);

  const tf = new TerraformExecutor(stackDirectory(freshCopy(dir)), setup.env({ credentials: false }));
  const applied = await tf.apply();
  expect(executions(applied, "local-exec")).toEqual([]);
  expect(executions(applied, "external").map((run) => [run.exitCode, JSON.parse(run.stdout).read])).toEqual(Array(4).fill([0, "UNAVAILABLE"]));
  expect(applied.outputs).toEqual(first.outputs);
  expect(tf.state().outputs).toEqual(first.outputs);
  expect(setup.emulator().requests.length - requestsBefore).toBe(4);
});
