/** An operation that does not succeed fails `terraform apply` with its reason, and the next apply waits again. */
import { DataResource, TerraformOutput } from "cdktf";
import { EmrOperationWait } from "../../src/cdktf";
import { synthesize } from "./helpers";
import { applyTestSetup, executions } from "./fixtures";
import { ApplyError, TerraformExecutor } from "./terraform-executor";

const setup = applyTestSetup();
const REASON = "disk quota exceeded on node core-1";

function app(timeout?: string) {
  return synthesize(setup.project(), (stack) => {
    const wait = new EmrOperationWait(stack, "emr", { region: "cn-hangzhou", clusterId: "c-1", operationId: "op-fail", timeout });
    new TerraformOutput(stack, "status", { value: wait.status });
    new DataResource(stack, "gated", { input: { after: "the wait" }, dependsOn: [wait] });
  });
}

async function applyError(tf: TerraformExecutor): Promise<ApplyError> {
  try {
    await tf.apply();
  } catch (err) {
    if (err instanceof ApplyError) return err;
    throw err;
  }
  throw new Error("apply succeeded");
}

test("FAILURE fails the apply with the API's reason, creates nothing after the wait, and the next apply waits again", async () => {
  setup.emulator().addOperation({
    service: "emr",
    id: "op-fail",
    clusterId: "c-1",
    region: "cn-hangzhou",
    timeline: [{ polls: 1, state: "IN_PROGRESS" }, { state: "FAILED", stateChangeReason: { code: "DiskFull", message: REASON } }],
  });
  const tf = new TerraformExecutor(app(), setup.env());

  const error = await applyError(tf);
  expect(error.message).toMatch(/local-exec provisioner error: .*exit status 1\./);
  expect(error.message).toContain(REASON);
  const resources = tf.state().resources;
  const wait = Object.keys(resources).find((address) => address.includes("emr_wait_"))!;
  expect(resources[wait].tainted).toBe(true);
  expect(Object.keys(resources)).toEqual([wait]); // no read kept, no result, nothing gated
  expect(executions(error.report, "external")).toEqual([]);

  const plan = await tf.plan();
  expect(Object.entries(plan.actions).map(([address, action]) => `${address.replace(/_[0-9A-F]{8}$/, "")} ${action}`).sort()).toEqual([
    "data.external.emr_read defer",
    "terraform_data.emr_result create",
    "terraform_data.emr_wait replace",
    "terraform_data.gated create",
  ]);

  setup.emulator().addOperation({ service: "emr", id: "op-fail", clusterId: "c-1", region: "cn-hangzhou", timeline: [{ state: "COMPLETED" }] });
  const applied = await tf.apply();
  expect(executions(applied, "local-exec").map((run) => run.exitCode)).toEqual([0]);
  expect(applied.outputs.status).toBe("SUCCESS");
  expect(tf.state().resources["terraform_data.gated"]).toBeDefined();
});

test("the timeout prop bounds the wait: TIMEOUT fails the apply with exit status 3", async () => {
  setup.emulator().addOperation({ service: "emr", id: "op-fail", clusterId: "c-1", region: "cn-hangzhou", timeline: [{ state: "IN_PROGRESS" }] });
  const error = await applyError(new TerraformExecutor(app("1s"), setup.env()));
  expect(error.message).toMatch(/exit status 3\./);
  expect(error.message).toContain('"outcome":"TIMEOUT"');
});
