/**
 * Synthesized stacks run by the real `terraform` binary, with every provider
 * download forbidden, against the emulator: init, plan, apply, a later plan
 * from a fresh checkout, a new operation ID, a failure, destroy.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DataResource, TerraformOutput } from "cdktf";
import { EmrOperationWait } from "../../src/cdktf";
import { waitForOperation, type WaitForOperationOptions } from "../../src";
import { describeWithTerraform, errorText, provisionerLines } from "../terraform/support/terraform";
import { freshCopy, stackDirectory, STATE_FROM_STACK, synthesize } from "./helpers";
import { applyTestSetup, OPERATIONS, plannedChanges, shortAddress, TAGS, waitsApp } from "./fixtures";

jest.setTimeout(120_000);

/** The result files in a stack's `.opgate/` folder. */
function resultFiles(stackDir: string): string[] {
  const folder = path.join(stackDir, ".opgate");
  return fs.existsSync(folder) ? fs.readdirSync(folder) : [];
}

/** The ids of the wait resources of construct `name` in the stack's state. */
function waitIds(stackDir: string, name: string): string[] {
  const state = JSON.parse(fs.readFileSync(path.join(stackDir, STATE_FROM_STACK), "utf8")) as { resources: { type: string; name: string; instances: { attributes: { id: string } }[] }[] };
  return state.resources.filter((resource) => shortAddress(`${resource.type}.${resource.name}`) === `terraform_data.${name}_wait`).map((resource) => resource.instances[0].attributes.id);
}

describeWithTerraform("a stack of the four waits on the real terraform", () => {
  const setup = applyTestSetup();

  /** The library's Result for the same operation, from a fresh copy of the scenario. */
  async function libraryResult(options: WaitForOperationOptions) {
    setup.emulator().loadScenario({ operations: OPERATIONS });
    const env = setup.env();
    const { polls: _polls, elapsedMs: _elapsed, ...result } = await waitForOperation({ endpoint: setup.emulator().url, env, ...options });
    return result;
  }

  test("init needs no provider; plan neither waits nor reads; apply waits, keeps the Result as text, gives typed outputs equal to the library's Result; the next plan is empty; destroy removes the result files", async () => {
    const stackDir = synthesize(setup.project(), waitsApp());
    const tf = await setup.terraform(stackDir);
    expect(fs.readdirSync(path.join(stackDir, ".terraform"))).not.toContain("providers");

    const plan = await tf.plan();
    expect(plan.exitCode).toBe(2);
    expect(setup.emulator().requests).toHaveLength(0);
    expect(plannedChanges(plan.stdout).filter((change) => change.startsWith("data."))).toEqual(
      ["bcs", "bp", "emr", "oos"].map((name) => `data.terraform_remote_state.${name}_read will be read during apply`),
    );

    const applied = await tf.apply();
    const bpWaitLines = provisionerLines(applied.stdout, applied.stdout.match(/terraform_data\.bp_wait_[0-9A-F]{8}/)![0]);
    expect(bpWaitLines.some((line) => /ended \| bpstudio op_first \| SUCCESS/.test(line))).toBe(true);
    expect(bpWaitLines.some((line) => /^SUCCESS: bpstudio op_first, last status SUCCESS, after \S+ and 3 polls$/.test(line))).toBe(true);

    const outputs = await tf.outputs();
    expect(outputs).toMatchObject({ bpStatus: "SUCCESS", emrStatus: "SUCCESS", bcsStatus: "SUCCESS", oosStatus: "SUCCESS", emrRawStatus: "COMPLETED", tagMap: TAGS });
    expect(outputs.arguments).toEqual({ tagMap: TAGS });
    // Typed: a map of lists, lists of objects, numbers; each equal to what the library returns.
    const bp = await libraryResult({ service: "bpstudio", operationId: "op_first" });
    const emr = await libraryResult({ service: "emr", region: "cn-hangzhou", clusterId: "c-1", operationId: "op-emr" });
    const bcs = await libraryResult({ service: "bcs", region: "cn-north-4", projectId: "proj-1", operationId: "bcs-op" });
    const oos = await libraryResult({ service: "oos", region: "cn-hangzhou", executionId: "exec-1" });
    expect(outputs.bpOutputs).toEqual(bp.outputs);
    expect(outputs.emrOutputs).toEqual(emr.outputs);
    expect(typeof (outputs.emrOutputs as Record<string, unknown>).createTime).toBe("number");
    expect(outputs.bcsSteps).toEqual(bcs.steps);
    expect((outputs.bcsSteps as unknown[]).length).toBeGreaterThan(1);
    expect(outputs.oosResources).toEqual(oos.resources);
    expect(outputs.oosResources).toEqual([
      { resourceId: "i-a", status: "Success", outputs: { port: 80 }, executionTime: expect.any(String) },
      { resourceId: "i-b", status: "Skipped", outputs: {}, executionTime: expect.any(String) },
    ]);
    for (const [name, result] of Object.entries({ bp, emr, bcs, oos })) expect(outputs[`${name}Result`]).toMatchObject(result);
    const state = JSON.parse(fs.readFileSync(path.join(stackDir, "../../../terraform.waits.tfstate"), "utf8"));
    const gated = state.resources.find((resource: { name: string }) => resource.name === "gated");
    expect(gated.instances[0].attributes.output.value).toEqual({ after: "all waits", tags: TAGS });
    // The kept results hold text only: no typed list or object that every later plan would compare element by element.
    const kept = state.resources.filter((resource: { name: string }) => /_result_/.test(resource.name));
    expect(kept).toHaveLength(4);
    for (const resource of kept) {
      const { value } = resource.instances[0].attributes.output as { value: Record<string, unknown> };
      expect(Object.keys(value).sort()).toEqual(["fieldsJson", "message", "outputsJson", "rawStatus", "resourcesJson", "status", "stepsJson"]);
      expect(Object.values(value).every((item) => item === null || typeof item === "string")).toBe(true);
    }
    expect(resultFiles(stackDir)).toHaveLength(4);

    const requests = setup.emulator().requests.length;
    const again = await tf.plan();
    expect(again.exitCode).toBe(0);
    expect(setup.emulator().requests.length).toBe(requests);
    expect(await tf.outputs()).toEqual(outputs);

    const destroyed = await tf.destroy();
    expect(destroyed.stdout).toMatch(/Destroy complete! Resources: 9 destroyed\./);
    // Each wait took its result file with it.
    expect(resultFiles(stackDir)).toEqual([]);
  });

  test("a later plan from a fresh checkout (configuration and state only, the operations forgotten, no credentials) exits 0 with every output intact", async () => {
    const project = setup.project();
    const tf = await setup.terraform(synthesize(project, waitsApp()));
    await tf.apply();
    const outputs = await tf.outputs();
    for (const op of OPERATIONS) setup.emulator().forget(op.id);
    const requests = setup.emulator().requests.length;

    const fresh = freshCopy(project);
    expect(fs.existsSync(path.join(stackDirectory(fresh), ".opgate"))).toBe(false);
    const later = await setup.terraform(stackDirectory(fresh), setup.env({ credentials: false }));
    expect((await later.plan()).exitCode).toBe(0);
    expect((await later.apply()).stdout).toContain("Apply complete! Resources: 0 added, 0 changed, 0 destroyed.");
    expect(await later.outputs()).toEqual(outputs);
    expect(setup.emulator().requests.length).toBe(requests);
  });

  test("a new operation ID waits again and removes the replaced wait's result file; a new timeout or allowPartial starts no wait", async () => {
    const project = setup.project();
    const first = await setup.terraform(synthesize(project, waitsApp({ twoServices: true })));
    await first.apply();
    const outputs = await first.outputs();

    const calm = await setup.terraform(synthesize(project, waitsApp({ twoServices: true, timeout: "45m", allowPartial: true })));
    expect((await calm.plan()).exitCode).toBe(0);

    const changed = await setup.terraform(synthesize(project, waitsApp({ twoServices: true, bpOperationId: "op_second" })));
    const plan = await changed.plan();
    expect(plannedChanges(plan.stdout)).toEqual([
      "data.terraform_remote_state.bp_read will be read during apply",
      "terraform_data.bp_result must be replaced",
      "terraform_data.bp_wait must be replaced",
      "terraform_data.gated will be updated in-place",
    ]);
    const requests = setup.emulator().requests.length;
    const stackDir = stackDirectory(project);
    const [replaced] = waitIds(stackDir, "bp");
    await changed.apply();
    expect(setup.emulator().requests.slice(requests).map((request) => request.operationId)).toEqual(["op_second"]);
    // The replaced wait's result file went with it: one file per wait, each named after a wait in state.
    expect(waitIds(stackDir, "bp")).not.toContain(replaced);
    expect(resultFiles(stackDir).sort()).toEqual([...waitIds(stackDir, "bp"), ...waitIds(stackDir, "emr")].map((id) => `${id}.tfstate`).sort());
    const next = await changed.outputs();
    expect(next).toEqual({
      ...outputs,
      tagMap: { web: ["i-2"] },
      arguments: { tagMap: { web: ["i-2"] } },
      bpOutputs: expect.objectContaining({ tagMap: { web: ["i-2"] } }),
      bpResult: expect.objectContaining({ operationId: "op_second" }),
    });
  });

  test("FAILURE fails the apply with the API's reason last, creates nothing after the wait, and the next apply waits again", async () => {
    const reason = "disk quota exceeded on node core-1";
    const emr = { service: "emr" as const, id: "op-fail", clusterId: "c-1", region: "cn-hangzhou" };
    setup.emulator().addOperation({ ...emr, timeline: [{ polls: 1, state: "IN_PROGRESS" }, { state: "FAILED", stateChangeReason: { code: "DiskFull", message: reason } }] });
    const stackDir = synthesize(setup.project(), (stack) => {
      const wait = new EmrOperationWait(stack, "emr", { region: "cn-hangzhou", clusterId: "c-1", operationId: "op-fail" });
      new TerraformOutput(stack, "status", { value: wait.status });
      new DataResource(stack, "gated", { input: { after: "the wait" }, dependsOn: [wait] });
    });
    const tf = await setup.terraform(stackDir);

    const failed = await tf.run(["apply", "-auto-approve"]);
    expect(failed.exitCode).toBe(1);
    const text = errorText(failed.stderr);
    expect(text).toMatch(/local-exec provisioner error .* exit status 1\. Output: /);
    expect(text.endsWith(`message: ${reason}`)).toBe(true);
    const waitAddress = failed.stdout.match(/terraform_data\.emr_wait_[0-9A-F]{8}/)![0];
    const lines = provisionerLines(failed.stdout, waitAddress);
    expect(lines.at(-1)).toBe(`message: ${reason}`);
    expect(lines.some((line) => line.includes(`| FAILURE | last status FAILURE (FAILED) | 2 polls`) && line.endsWith(`| ${reason}`))).toBe(true);
    const state = JSON.parse(fs.readFileSync(path.join(stackDir, "../../../terraform.waits.tfstate"), "utf8"));
    expect(state.resources.map((resource: { type: string; name: string; instances: { status?: string }[] }) => [`${resource.type}.${shortAddress(resource.name)}`, resource.instances[0].status])).toEqual([
      ["terraform_data.emr_wait", "tainted"],
    ]);
    expect(fs.existsSync(path.join(stackDir, ".opgate"))).toBe(false);

    const plan = await tf.plan();
    expect(plannedChanges(plan.stdout)).toEqual([
      "data.terraform_remote_state.emr_read will be read during apply",
      "terraform_data.emr_result will be created",
      "terraform_data.emr_wait is tainted, so must be replaced",
      "terraform_data.gated will be created",
    ]);
    setup.emulator().addOperation({ ...emr, timeline: [{ state: "COMPLETED" }] });
    await tf.apply();
    expect((await tf.outputs()).status).toBe("SUCCESS");
  });

  test("the timeout prop bounds the wait: TIMEOUT fails the apply with exit status 3", async () => {
    setup.emulator().addOperation({ service: "emr", id: "op-slow", clusterId: "c-1", region: "cn-hangzhou", timeline: [{ state: "IN_PROGRESS" }] });
    const stackDir = synthesize(setup.project(), (stack) => new EmrOperationWait(stack, "emr", { region: "cn-hangzhou", clusterId: "c-1", operationId: "op-slow", timeout: "2s" }));
    const failed = await (await setup.terraform(stackDir)).run(["apply", "-auto-approve"]);
    expect(failed.exitCode).toBe(1);
    expect(errorText(failed.stderr)).toMatch(/exit status 3\. Output: .*TIMEOUT: emr op-slow/);
  });
});
