/**
 * Hostile IDs and regions: shell metacharacters and Terraform template syntax
 * reach the API verbatim (or are refused at synth); nothing runs. Checked by
 * the real terraform binary applying the synthesized stack.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Testing, TerraformOutput, TerraformStack } from "cdktf";
import { BpStudioOperationWait, EmrOperationWait } from "../../src/cdktf";
import { InputError } from "../../src/core/errors";
import type { ScenarioOperation } from "../../src/emulator";
import { describeWithTerraform, filesNamed } from "../terraform/support/terraform";
import { cleanUp, newProject, REPO, STACK, synthesize } from "./helpers";
import { applyTestSetup } from "./fixtures";

jest.setTimeout(120_000);
afterAll(cleanUp);

/** BPStudio operation IDs (and resource groups) that would run something if spliced into a shell or a template. */
const HOSTILE_IDS = [
  "op_$(touch pwned)`touch pwned``id`;touch pwned;rm -rf victim && touch pwned || touch pwned | touch pwned",
  "op_${path.module}%{ if }%{ if true }x%{ endif }$${x}%%{y}${file(\"/etc/passwd\")}",
  `op_"'\\"'$HOME$(id)\\n\\$PATH>pwned<victim`,
  "--help",
];
/** An EMR cluster likewise (regions are refused at synth, see below). */
const HOSTILE_CLUSTER = 'c-1 "$(touch pwned)" %{ for x in y }';

function operations(): ScenarioOperation[] {
  return [
    ...HOSTILE_IDS.map((id) => ({ service: "bpstudio" as const, id, resourceGroupId: id, timeline: [{ status: "SUCCESS", arguments: { tagMap: { id: [id] } } }] })),
    { service: "emr", id: "op-emr", clusterId: HOSTILE_CLUSTER, region: "cn-hangzhou", timeline: [{ state: "COMPLETED" }] },
  ];
}

function hostileApp(endpoint: string) {
  return (stack: TerraformStack) => {
    HOSTILE_IDS.forEach((id, i) => {
      const wait = new BpStudioOperationWait(stack, `bp${i}`, { operationId: id, resourceGroupId: id, endpoint, timeout: "8s" });
      new TerraformOutput(stack, `tags${i}`, { value: wait.tagMap });
    });
    const emr = new EmrOperationWait(stack, "emr", { region: "cn-hangzhou", clusterId: HOSTILE_CLUSTER, operationId: "op-emr", endpoint, timeout: "8s" });
    new TerraformOutput(stack, "emrStatus", { value: emr.status });
  };
}

/** A victim directory in the stack directory (the commands' cwd) that `rm -rf victim` would delete. */
function plantVictim(stackDir: string): string {
  const victim = path.join(stackDir, "victim");
  fs.mkdirSync(victim, { recursive: true });
  fs.writeFileSync(path.join(victim, "keep"), "keep");
  return victim;
}

describeWithTerraform("hostile IDs on the real terraform", () => {
  const setup = applyTestSetup();
  beforeEach(() => setup.emulator().loadScenario({ operations: operations() }));

  test("reach the API verbatim, come back verbatim in the outputs, and run nothing", async () => {
    const project = setup.project();
    const stackDir = synthesize(project, hostileApp(setup.emulator().url));
    const victim = plantVictim(stackDir);
    const tf = await setup.terraform(stackDir);
    await tf.apply();

    const outputs = await tf.outputs();
    HOSTILE_IDS.forEach((id, i) => expect(outputs[`tags${i}`]).toEqual({ id: [id] }));
    expect(outputs.emrStatus).toBe("SUCCESS");
    const asked = new Set(setup.emulator().requests.map((request) => request.operationId));
    for (const id of [...HOSTILE_IDS, "op-emr"]) expect(asked).toContain(id);
    expect(setup.emulator().requests.every((request) => request.status === 200)).toBe(true);
    expect(filesNamed("pwned", [project, setup.home(), REPO])).toEqual([]);
    expect(fs.readFileSync(path.join(victim, "keep"), "utf8")).toBe("keep");
    expect((await tf.plan()).exitCode).toBe(0);
  });
});

test.each(["cn-hangzhou;touch pwned", "$(touch pwned)", "${path.root}", "%{ if true }x%{ endif }", "cn-hangzhou'\"", "`id`"])(
  "the region %j is refused at synth",
  (region) => {
    const stack = new TerraformStack(Testing.app({ outdir: newProject() }), STACK);
    expect(() => new EmrOperationWait(stack, "emr", { region, clusterId: "c-1", operationId: "op-1" })).toThrow(/^region: is not valid: a region ID is letters, digits and dashes/);
  },
);

test.each([
  ["operationId", "op_1\ntouch pwned"],
  ["operationId", "op\r_1"],
  ["resourceGroupId", "rg\u0000"],
  ["region", "cn-hangzhou\n$(touch pwned)"],
])("%s with a control character is refused at synth", (field, value) => {
  const stack = new TerraformStack(Testing.app({ outdir: newProject() }), STACK);
  expect(() => new BpStudioOperationWait(stack, "bp", { operationId: "op_1", [field]: value })).toThrow(InputError);
  expect(() => new BpStudioOperationWait(stack, "bp2", { operationId: "op_1", [field]: value })).toThrow(new RegExp(`^${field}: must not contain control characters`));
});
