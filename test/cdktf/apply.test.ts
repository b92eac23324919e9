/**
 * Apply tests: what Terraform executes from the synthesized JSON (see
 * terraform-executor.ts), against the emulator.
 */
import { synthesize } from "./helpers";
import { applyTestSetup, executions, TAGS, waitsApp } from "./fixtures";
import { UNKNOWN } from "./template";
import { TerraformExecutor } from "./terraform-executor";

const setup = applyTestSetup();

test("plan neither waits nor reads; apply waits for every operation, then the outputs hold the results", async () => {
  const tf = new TerraformExecutor(synthesize(setup.project(), waitsApp()), setup.env());

  const plan = await tf.plan();
  expect(plan.executions).toEqual([]);
  expect(setup.emulator().requests).toHaveLength(0);
  expect(Object.values(plan.outputs).every((value) => value === UNKNOWN)).toBe(true);
  expect(Object.entries(plan.actions).filter(([address]) => address.startsWith("data.")).every(([, action]) => action === "defer")).toBe(true);

  const applied = await tf.apply();
  const waits = executions(applied, "local-exec");
  expect(waits.map((run) => run.exitCode)).toEqual([0, 0, 0, 0]);
  const bpWait = waits.find((run) => run.argv.at(-1)!.includes("wait bpstudio"))!;
  expect(bpWait.argv.slice(0, 2)).toEqual(["/bin/sh", "-c"]);
  expect(JSON.parse(bpWait.stdout)).toMatchObject({ outcome: "SUCCESS", operationId: "op_first", polls: 3 });
  // Each read ran after its wait had ended, each result after its read, and the gated resource after every result.
  const position = (piece: string) => applied.completed.findIndex((address) => address.includes(piece));
  for (const name of ["bp", "emr", "bcs", "oos"]) {
    expect(position(`${name}_read_`)).toBeGreaterThan(position(`${name}_wait_`));
    expect(position(`${name}_result_`)).toBeGreaterThan(position(`${name}_read_`));
    expect(position("terraform_data.gated")).toBeGreaterThan(position(`${name}_result_`));
  }

  expect(applied.outputs).toMatchObject({ bpStatus: "SUCCESS", emrStatus: "SUCCESS", bcsStatus: "SUCCESS", oosStatus: "SUCCESS", emrRawStatus: "COMPLETED", tagMap: TAGS });
  expect(JSON.parse(applied.outputs.bpOutputs as string)).toEqual({ arguments: { tagMap: TAGS }, tagMap: TAGS, message: [{ listenerPort: 80 }] });
  expect(JSON.parse(applied.outputs.emrOutputs as string)).toMatchObject({ clusterId: "c-1" });
  expect(JSON.parse(applied.outputs.bcsOutputs as string)).toHaveProperty("blockchainId");
  expect(JSON.parse(applied.outputs.oosOutputs as string)).toEqual({ counts: { Success: 1, Skipped: 1 } });
  expect(tf.state().resources["terraform_data.gated"].attributes.output).toEqual({ after: "all waits" });

  const again = await tf.plan();
  expect(executions(again, "local-exec")).toEqual([]);
  expect(Object.values(again.actions).filter((action) => action !== "read").every((action) => action === "no-op")).toBe(true);
  expect(again.outputs).toEqual(applied.outputs);
});
