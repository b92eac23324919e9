/**
 * Hostile IDs and regions: shell metacharacters and Terraform template syntax
 * reach the API verbatim (or are refused at synth); nothing runs. Checked with
 * the Terraform-semantics executor and, when a `terraform` binary is on PATH,
 * with the real engine on the wait resources (its built-in `terraform_data`
 * and `local-exec` need no provider download).
 */
import { execFile } from "node:child_process";
import { withRealTerraform } from "./processes";
import { promisify } from "node:util";
import * as fs from "node:fs";
import * as path from "node:path";
import { Testing, TerraformOutput, TerraformStack } from "cdktf";
import { BpStudioOperationWait, EmrOperationWait } from "../../src/cdktf";
import { InputError } from "../../src/core/errors";
import type { ScenarioOperation } from "../../src/emulator";
import { REPO, STACK, synthesize, synthesizedText } from "./helpers";
import { applyTestSetup } from "./fixtures";
import type { Json } from "./synthesized";
import { TerraformExecutor } from "./terraform-executor";

const setup = applyTestSetup();

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

/** Files named `pwned` under `dirs` (recursively). */
function pwnedFiles(dirs: string[]): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.name === "pwned") found.push(full);
      else if (entry.isDirectory() && entry.name !== "node_modules") visit(full);
    }
  };
  dirs.filter((dir) => fs.existsSync(dir)).forEach(visit);
  return found;
}

/** A victim directory in the stack directory (the commands' cwd) that `rm -rf victim` would delete. */
function plantVictim(stackDir: string): string {
  const victim = path.join(stackDir, "victim");
  fs.mkdirSync(victim, { recursive: true });
  fs.writeFileSync(path.join(victim, "keep"), "keep");
  return victim;
}

function expectNothingRan(project: string, home: string, victim: string): void {
  expect(pwnedFiles([project, home])).toEqual([]);
  expect(fs.existsSync(path.join(REPO, "pwned"))).toBe(false);
  expect(fs.readFileSync(path.join(victim, "keep"), "utf8")).toBe("keep");
}

function expectVerbatimRequests(): void {
  const asked = new Set(setup.emulator().requests.map((request) => request.operationId));
  for (const id of [...HOSTILE_IDS, "op-emr"]) expect(asked).toContain(id);
  expect(setup.emulator().requests.every((request) => request.status === 200)).toBe(true);
}

beforeEach(() => setup.emulator().loadScenario({ operations: operations() }));

test("reach the API verbatim and run nothing (Terraform-semantics executor)", async () => {
  const project = setup.project();
  const home = setup.home();
  const stackDir = synthesize(project, hostileApp(setup.emulator().url));
  const victim = plantVictim(stackDir);
  const applied = await new TerraformExecutor(stackDir, setup.env()).apply();

  HOSTILE_IDS.forEach((id, i) => expect(applied.outputs[`tags${i}`]).toEqual({ id: [id] }));
  expect(applied.outputs.emrStatus).toBe("SUCCESS");
  expectVerbatimRequests();
  expectNothingRan(project, home, victim);
});

withRealTerraform("reach the API verbatim and run nothing (real terraform, wait resources only)", async () => {
  const project = setup.project();
  const home = setup.home();
  const stackDir = synthesize(project, hostileApp(setup.emulator().url));
  // Keep the waits only: the external provider cannot be downloaded here.
  const json = JSON.parse(synthesizedText(project)) as Json;
  delete json.data;
  delete json.output;
  delete json.terraform.required_providers;
  for (const name of Object.keys(json.resource.terraform_data)) if (!name.includes("_wait_")) delete json.resource.terraform_data[name];
  fs.writeFileSync(path.join(stackDir, "cdk.tf.json"), JSON.stringify(json));
  const victim = plantVictim(stackDir);
  const cliConfig = path.join(home, "terraformrc");
  fs.writeFileSync(cliConfig, "");
  const env = { ...setup.env(), CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_CLI_CONFIG_FILE: cliConfig };
  // Asynchronously: the emulator answers from this process.
  const run = async (...args: string[]) => (await promisify(execFile)("terraform", [...args, "-input=false", "-no-color"], { cwd: stackDir, env })).stdout;

  await run("init");
  expect(await run("apply", "-auto-approve")).toContain(`Apply complete! Resources: ${HOSTILE_IDS.length + 1} added`);
  expectVerbatimRequests();
  expectNothingRan(project, home, victim);
  expect(await run("plan")).toContain("No changes.");
});

test.each(["cn-hangzhou;touch pwned", "$(touch pwned)", "${path.root}", "%{ if true }x%{ endif }", "cn-hangzhou'\"", "`id`"])(
  "the region %j is refused at synth",
  (region) => {
    const stack = new TerraformStack(Testing.app(), STACK);
    expect(() => new EmrOperationWait(stack, "emr", { region, clusterId: "c-1", operationId: "op-1" })).toThrow(/^region: .* is not valid: a region ID is letters, digits and dashes/);
  },
);

test.each([
  ["operationId", "op_1\ntouch pwned"],
  ["operationId", "op\r_1"],
  ["resourceGroupId", "rg\u0000"],
  ["region", "cn-hangzhou\n$(touch pwned)"],
])("%s with a control character is refused at synth", (field, value) => {
  const stack = new TerraformStack(Testing.app(), STACK);
  expect(() => new BpStudioOperationWait(stack, "bp", { operationId: "op_1", [field]: value })).toThrow(InputError);
  expect(() => new BpStudioOperationWait(stack, "bp2", { operationId: "op_1", [field]: value })).toThrow(new RegExp(`^${field}: must not contain control characters`));
});
