/**
 * The `ApiWait` construct: checks at synth (the spec, naming its JSON path;
 * references refused inside a spec, taken in vars; the vars' names against
 * the placeholders) and, on the real `terraform` with every provider
 * download forbidden, the ECS, ROS and Huawei-job examples of examples/api/
 * against the emulator: typed outputs (a list included), vars given as
 * references and hostile vars reaching the API verbatim, nothing of the
 * answer outside `outputs` kept, failures with the API's reason last.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DataResource, Fn, Testing, TerraformOutput, TerraformStack, Token } from "cdktf";
import { ApiWait, type ApiWaitProps } from "../../src/cdktf";
import type { ScenarioOperation } from "../../src/emulator";
import { apiScenario, PRESET_SUCCESSES, specOf, THREE_EXAMPLES, withAnswerCanary, type ApiExample } from "../api/support";
import { emulatedTerraform } from "../terraform/support/emulated-terraform";
import { allText, describeWithTerraform, errorText, filesNamed, literal } from "../terraform/support/terraform";
import { newProject, REPO, STACK, synthesize, synthesizedText } from "./helpers";
import { waitBlocks, localExec, type Json } from "./synthesized";

jest.setTimeout(180_000);

const [ECS, ROS, HUAWEI_JOB] = THREE_EXAMPLES;
/** A Huawei ECS job that succeeds, with a list among its outputs (`serverIds`). */
const JOB_WITH_LIST = PRESET_SUCCESSES.find((example) => example.operation === "huawei-resize-server")!;

/** An instance ID that would run something if spliced into a shell command or a Terraform template. */
const HOSTILE = "i-$(touch pwned)`touch pwned`;rm -rf victim && ${path.module}%{ if true }x%{ endif }$${y}\"'\\a=b é";
/** HOSTILE as a Terraform JSON string (template syntax escaped: CDKTF writes other resources' literals as they are). */
const HOSTILE_IN_TERRAFORM = literal(HOSTILE);
/** What the answers hold outside anything the examples' specs select: it must never be kept. */
const CANARY = "canary-7f3e9a1c-answer-only";

/** The props of `example`'s wait, `endpoint` and a short timeout added. */
function propsOf(example: ApiExample, endpoint?: string): ApiWaitProps {
  return { spec: specOf(example.source), vars: example.vars, region: example.region, projectId: example.projectId, endpoint, timeout: "2m" };
}

/** The scenario of examples/api/ (the canary in every answer), with an instance whose ID is HOSTILE. */
function operations(): ScenarioOperation[] {
  const scenario = withAnswerCanary(CANARY)(apiScenario());
  const template = scenario.operations.find((op) => op.id === "ecs-app") as ScenarioOperation & { call: { match: Record<string, unknown> } };
  const hostile = JSON.parse(JSON.stringify(template).split("i-bp1e0d4c2b9a7f6e5d3c").join("@HOSTILE@"), (_, value: unknown) =>
    value === "@HOSTILE@" ? HOSTILE : value,
  ) as ScenarioOperation;
  return [...scenario.operations, { ...hostile, id: "ecs-hostile" }];
}

describe("at synth", () => {
  const stack = () => new TerraformStack(Testing.app({ outdir: newProject() }), STACK);
  const ecs = () => propsOf(ECS);

  test("a spec is checked, the error naming its JSON path and the construct", () => {
    const spec = { ...ecs().spec, success: [] as string[] };
    expect(() => new ApiWait(stack(), "web", { ...ecs(), spec })).toThrow(/^spec: has no way to succeed: .* \(in waits\/web\)$/);
    const call = { ...ecs().spec.call, action: "RunInstances" };
    expect(() => new ApiWait(stack(), "web", { ...ecs(), spec: { ...ecs().spec, call } as ApiWaitProps["spec"] })).toThrow(/^spec\.call\.action: /);
  });

  test("a reference inside the spec is refused, naming its path and the fix: a var", () => {
    const scope = stack();
    const instance = new DataResource(scope, "instance", { input: { id: "i-1" } });
    const params = { RegionId: "{{region}}", InstanceIds: [instance.getStringAttribute("output.id")] };
    const spec = { ...ecs().spec, call: { ...ecs().spec.call, params } } as ApiWaitProps["spec"];
    expect(() => new ApiWait(scope, "web", { ...ecs(), spec })).toThrow(
      /^spec\.call\.params\.InstanceIds\[0\]: is a reference, known only at apply: write a placeholder \{\{name\}\} here and pass the reference in vars/,
    );
    expect(() => new ApiWait(scope, "whole", { ...ecs(), spec: Fn.jsondecode(Fn.file("waits/ecs.json")) as ApiWaitProps["spec"] })).toThrow(
      /^spec: is a reference, known only at apply: give the spec itself, e\.g\. JSON\.parse\(readFileSync/,
    );
  });

  test.each([
    [{}, /^spec\.call\.params\.InstanceIds\[0\]: \{\{instance_id\}\} has no value: give a var named instance_id/],
    [{ instance_id: "i-1", stack_id: "s-1" }, /^vars\.stack_id: is not used: no \{\{stack_id\}\} in the spec's id/],
    [{ instance_id: "i-1", region: "cn-hangzhou" }, /^vars\.region: is built in: give the region instead of a var/],
    [{ "1x": "i-1" }, /^vars\.1x: is not a valid name: a var name is letters, digits and _/],
    [{ instance_id: " i-1" }, /^vars\.instance_id: must not start or end with white space/],
    [{ instance_id: "i-1\nx" }, /^vars\.instance_id: must not contain control characters/],
    [{ instance_id: "e\u0301" }, /^vars\.instance_id: must be in Unicode normalization form C/],
  ])("the vars %j are refused at synth", (vars, reason) => {
    expect(() => new ApiWait(stack(), "web", { ...ecs(), vars })).toThrow(reason);
  });

  test("the vars' names are checked even where their values are references", () => {
    const scope = stack();
    const instance = new DataResource(scope, "instance", { input: { id: "i-1" } });
    const reference = instance.getStringAttribute("output.id");
    expect(() => new ApiWait(scope, "ok", { ...ecs(), vars: { instance_id: reference } })).not.toThrow();
    expect(() => new ApiWait(scope, "bad", { ...ecs(), vars: { instance: reference } })).toThrow(/^vars\.instance: is not used/);
  });

  test("a prop of another wait is refused, with the nearest name", () => {
    expect(() => new ApiWait(stack(), "web", { ...ecs(), operationId: "op-1" } as ApiWaitProps)).toThrow(/^operationId: does not apply to the api wait: remove it/);
    expect(() => new ApiWait(stack(), "web", { ...ecs(), var: {} } as ApiWaitProps)).toThrow(/^var: does not apply to the api wait: did you mean vars\?/);
  });

  test("the command is fixed text: the spec and each var travel in the environment, references as references", () => {
    const project = newProject();
    synthesize(project, (scope) => {
      const instance = new DataResource(scope, "instance", { input: { id: HOSTILE } });
      new ApiWait(scope, "literal", { ...ecs(), vars: { instance_id: HOSTILE } });
      new ApiWait(scope, "reference", { ...ecs(), vars: { instance_id: instance.getStringAttribute("output.id") } });
    });
    const json = JSON.parse(synthesizedText(project)) as Json;
    const literal = localExec(waitBlocks(json, "literal"));
    const reference = localExec(waitBlocks(json, "reference"));
    for (const { command } of [literal, reference]) {
      expect(command).toBe(
        'exec node "$OPGATE_CLI" wait api --region="$OPGATE_ARG_REGION" --spec-json="$OPGATE_ARG_SPEC" --var="$OPGATE_ARG_VARS_1" --timeout="$OPGATE_ARG_TIMEOUT" --state-out="$OPGATE_STATE_OUT"',
      );
    }
    // Terraform's template escapes keep the literal verbatim; a reference stays one.
    expect(literal.environment.OPGATE_ARG_VARS_1).toBe(`instance_id=${HOSTILE_IN_TERRAFORM}`);
    expect(reference.environment.OPGATE_ARG_VARS_1).toMatch(/^instance_id=\$\{terraform_data\.instance\.output\.id\}$/);
    expect(JSON.parse(literal.environment.OPGATE_ARG_SPEC)).toEqual(ecs().spec);
    expect(synthesizedText(project)).not.toContain(REPO);
  });
});

describeWithTerraform("ApiWait on the real terraform", () => {
  const setup = emulatedTerraform(operations());

  test("the ECS example and a Huawei job succeed with typed outputs (a list too); vars given as references and hostile vars reach the API verbatim; nothing else of the answer is kept; the next plan is empty", async () => {
    const project = newProject();
    const endpoint = setup.emulator().url;
    const stackDir = synthesize(project, (stack) => {
      const ecs = new ApiWait(stack, "ecs", propsOf(ECS, endpoint));
      const job = new ApiWait(stack, "job", propsOf(JOB_WITH_LIST, endpoint));
      const instance = new DataResource(stack, "instance", { input: { id: HOSTILE_IN_TERRAFORM } });
      const byReference = new ApiWait(stack, "by-reference", { ...propsOf(ECS, endpoint), vars: { instance_id: instance.getStringAttribute("output.id") } });
      const literal = new ApiWait(stack, "literal", { ...propsOf(ECS, endpoint), vars: { instance_id: HOSTILE } });
      const serverIds = Fn.lookup(job.outputs, "serverIds", []);
      new TerraformOutput(stack, "ecsStatus", { value: ecs.status });
      new TerraformOutput(stack, "ecsRawStatus", { value: ecs.rawStatus });
      new TerraformOutput(stack, "ecsOutputs", { value: ecs.outputs });
      new TerraformOutput(stack, "privateIp", { value: Fn.lookup(ecs.outputs, "privateIp", null) });
      new TerraformOutput(stack, "ecsResult", { value: ecs.result });
      new TerraformOutput(stack, "serverIds", { value: serverIds });
      new TerraformOutput(stack, "firstServer", { value: Fn.element(serverIds, 0) });
      new TerraformOutput(stack, "serverCount", { value: Fn.lengthOf(serverIds) });
      new TerraformOutput(stack, "byReferenceId", { value: Fn.lookup(byReference.outputs, "instanceId", null) });
      new TerraformOutput(stack, "literalId", { value: Fn.lookup(literal.outputs, "instanceId", null) });
      new TerraformOutput(stack, "outputsJson", { value: literal.outputsJson });
      new DataResource(stack, "gated", { input: { ip: Token.asString(Fn.lookup(ecs.outputs, "privateIp", null)) }, dependsOn: [ecs, job] });
    });
    const victim = path.join(stackDir, "victim");
    fs.mkdirSync(victim, { recursive: true });
    const tf = await setup.terraform(stackDir);
    const applied = await tf.apply();

    const outputs = await tf.outputs();
    expect(outputs).toMatchObject({ ecsStatus: "SUCCESS", ecsRawStatus: "Running", ecsOutputs: ECS.expected.outputs, privateIp: "192.0.2.15" });
    expect(outputs.ecsResult).toMatchObject({ service: "api", outcome: "SUCCESS", operationId: ECS.expected.operationId, outputs: ECS.expected.outputs, steps: [], resources: [] });
    expect(outputs.serverIds).toEqual(JOB_WITH_LIST.expected.outputs.serverIds);
    expect(outputs.firstServer).toBe((JOB_WITH_LIST.expected.outputs.serverIds as string[])[0]);
    expect(outputs.serverCount).toBe(1);
    expect(outputs.byReferenceId).toBe(HOSTILE);
    expect(outputs.literalId).toBe(HOSTILE);
    expect(JSON.parse(outputs.outputsJson as string)).toMatchObject({ instanceId: HOSTILE });

    const asked = setup.emulator().requests.filter((request) => request.operationId === "ecs-hostile");
    expect(asked.length).toBeGreaterThanOrEqual(2);
    expect(filesNamed("pwned", [project, setup.home(), REPO])).toEqual([]);
    expect(fs.existsSync(victim)).toBe(true);
    for (const text of [allText(project), applied.stdout, applied.stderr]) expect(text).not.toContain(CANARY);

    expect((await tf.plan()).exitCode).toBe(0);
  });

  test("the ROS and Huawei-job failures fail the apply, each with the API's reason as its last line", async () => {
    const endpoint = setup.emulator().url;
    const stackDir = synthesize(newProject(), (stack) => {
      new ApiWait(stack, "ros", propsOf(ROS, endpoint));
      new ApiWait(stack, "job", propsOf(HUAWEI_JOB, endpoint));
    });
    const tf = await setup.terraform(stackDir);
    const applied = await tf.run(["apply", "-auto-approve"]);
    expect(applied.exitCode).toBe(1);
    // One diagnostic per failed wait, each ending with the reason.
    const diagnostics = errorText(applied.stderr).split(/(?=Error: )/).map((text) => text.trim());
    for (const example of [ROS, HUAWEI_JOB]) expect(diagnostics.filter((text) => text.endsWith(`message: ${example.expected.message}`))).toHaveLength(1);
  });
});
