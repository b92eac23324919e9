/** What a change of the props does on the next apply. */
import { synthesize } from "./helpers";
import { applyTestSetup, executions, waitsApp } from "./fixtures";
import { TerraformExecutor } from "./terraform-executor";

const setup = applyTestSetup();

test("a new operation ID replaces its wait and its result; timeout and allowPartial changes start no wait", async () => {
  const dir = setup.project();
  const first = await new TerraformExecutor(synthesize(dir, waitsApp({ twoServices: true })), setup.env()).apply();
  expect(first.outputs).toMatchObject({ bpStatus: "SUCCESS", emrStatus: "SUCCESS" });

  const calm = await new TerraformExecutor(synthesize(dir, waitsApp({ twoServices: true, timeout: "45m", allowPartial: true })), setup.env()).plan();
  expect(Object.entries(calm.actions).filter(([, action]) => action !== "read" && action !== "no-op")).toEqual([]);
  expect(executions(calm, "local-exec")).toEqual([]);

  const tf = new TerraformExecutor(synthesize(dir, waitsApp({ twoServices: true, bpOperationId: "op_second" })), setup.env());
  const plan = await tf.plan();
  const changed = Object.entries(plan.actions)
    .filter(([, action]) => action !== "no-op" && action !== "read")
    .map(([address, action]) => `${address.replace(/_[0-9A-F]{8}$/, "")} ${action}`);
  expect(changed.sort()).toEqual(["data.external.bp_read defer", "terraform_data.bp_result replace", "terraform_data.bp_wait replace"]);

  const applied = await tf.apply();
  expect(executions(applied, "local-exec").map((run) => run.env.OPGATE_ARG_OPERATION_ID)).toEqual(["op_second"]);
  expect(applied.outputs).toEqual({ ...first.outputs, tagMap: { web: ["i-2"] }, bpOutputs: expect.stringContaining("i-2") });
});
