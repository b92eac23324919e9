/**
 * CDK Terrain (`cdktn`, the maintained fork of CDKTF): the same constructs,
 * `ApiWait` included, imported from `opgate/cdktn`, in a cdktn app,
 * synthesized by cdktn and applied by the real terraform against the emulator.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as cdktn from "cdktn";
import { ApiWait, BcsOperationWait, BpStudioOperationWait, EmrOperationWait } from "../../src/cdktn";
import { apiScenario, PRESET_SUCCESSES, specOf, THREE_EXAMPLES } from "../api/support";
import { describeWithTerraform } from "../terraform/support/terraform";
import { applyTestSetup, TAGS } from "./fixtures";
import { REPO } from "./helpers";

jest.setTimeout(120_000);

/** A Huawei ECS job of examples/api/ that succeeds, with a list among its outputs. */
const JOB = PRESET_SUCCESSES.find((example) => example.operation === "huawei-resize-server")!;

describeWithTerraform("a cdktn app", () => {
  const setup = applyTestSetup(apiScenario().operations);

  test("synthesizes with cdktn's own classes and applies with typed outputs; a later plan is empty", async () => {
    const project = setup.project();
    const app = new cdktn.App({ outdir: path.join(project, "cdktn.out") });
    const stack = new cdktn.TerraformStack(app, "waits");
    new cdktn.LocalBackend(stack, { path: "../../../terraform.waits.tfstate" });
    const bp = new BpStudioOperationWait(stack, "bp", { operationId: "op_first" });
    const emr = new EmrOperationWait(stack, "emr", { region: "cn-hangzhou", clusterId: "c-1", operationId: "op-emr" });
    const bcs = new BcsOperationWait(stack, "bcs", { region: "cn-north-4", operationId: "bcs-op" });
    const job = new ApiWait(stack, "job", { spec: specOf(JOB.source), vars: JOB.vars, region: JOB.region, projectId: JOB.projectId });
    new cdktn.TerraformOutput(stack, "serverIds", { value: cdktn.Fn.lookup(job.outputs, "serverIds", []) });
    new cdktn.TerraformOutput(stack, "tagMap", { value: bp.tagMap });
    new cdktn.TerraformOutput(stack, "emrStatus", { value: emr.status });
    new cdktn.TerraformOutput(stack, "clusterId", { value: cdktn.Fn.lookup(emr.outputs, "clusterId", "") });
    new cdktn.TerraformOutput(stack, "steps", { value: bcs.steps });
    new cdktn.DataResource(stack, "gated", { input: { tags: bp.tagMap }, dependsOn: [bp, emr, bcs] });
    app.synth();

    const stackDir = path.join(project, "cdktn.out", "stacks", "waits");
    const text = fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8");
    expect(text).not.toContain(REPO);
    const json = JSON.parse(text);
    expect(Object.keys(json.resource)).toEqual(["terraform_data"]);
    expect(Object.keys(json.data)).toEqual(["terraform_remote_state"]);

    const tf = await setup.terraform(stackDir);
    await tf.apply();
    const outputs = await tf.outputs();
    expect(outputs).toMatchObject({ tagMap: TAGS, emrStatus: "SUCCESS", clusterId: "c-1", serverIds: JOB.expected.outputs.serverIds });
    expect((outputs.steps as unknown[]).length).toBeGreaterThan(1);
    expect((await tf.plan()).exitCode).toBe(0);
  });

  test("a scope outside any cdktf or cdktn app is refused with a clear error", () => {
    const { Construct } = jest.requireActual<typeof import("constructs")>("constructs");
    expect(() => new EmrOperationWait(new Construct(undefined as never, "root"), "emr", { clusterId: "c-1", operationId: "op-1" })).toThrow(
      /^scope: must belong to a cdktf or cdktn App/,
    );
  });
});

test("ApiWait in a cdktn app passes a cdktn reference in vars as a reference, and refuses one inside the spec", () => {
  const [ecs] = THREE_EXAMPLES;
  const app = new cdktn.App({ outdir: fs.mkdtempSync(path.join(REPO, ".cdktn-")) });
  try {
    const stack = new cdktn.TerraformStack(app, "waits");
    const instance = new cdktn.DataResource(stack, "instance", { input: { id: "i-1" } });
    const reference = instance.getStringAttribute("output.id");
    new ApiWait(stack, "web", { spec: specOf(ecs.source), vars: { instance_id: reference }, region: "cn-hangzhou" });
    const spec = specOf(ecs.source);
    expect(() => new ApiWait(stack, "bad", { spec: { ...spec, id: reference }, vars: { instance_id: "i-1" } })).toThrow(/^spec\.id: is a reference, known only at apply/);
    app.synth();
    const json = JSON.parse(fs.readFileSync(path.join(app.outdir, "stacks", "waits", "cdk.tf.json"), "utf8"));
    const [wait] = Object.entries(json.resource.terraform_data as Record<string, { provisioner?: { "local-exec": { environment: Record<string, string> } }[] }>)
      .filter(([name]) => name.startsWith("web_wait_"))
      .map(([, block]) => block);
    expect(wait.provisioner![0]["local-exec"].environment.OPGATE_ARG_VARS_1).toBe("instance_id=${terraform_data.instance.output.id}");
  } finally {
    fs.rmSync(app.outdir, { recursive: true, force: true });
  }
});
