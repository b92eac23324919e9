/**
 * The emulated operations and the app of the real-Terraform tests: one wait
 * per service, outputs of the typed attributes, and a resource gated on all
 * waits. The endpoint and BCS's project come from the apply-time environment.
 */
import { DataResource, TerraformOutput, type TerraformStack } from "cdktf";
import { BcsOperationWait, BpStudioOperationWait, EmrOperationWait, OosExecutionWait } from "../../src/cdktf";
import type { ScenarioOperation } from "../../src/emulator";
import { emulatedTerraform, type EmulatedTerraform } from "../terraform/support/emulated-terraform";
import { newProject } from "./helpers";

/** BPStudio's tagMap in the first operation. */
export const TAGS = { cadt: ["12xxxxxxx", "34xxxxxxx"] };

/** The operations the emulator holds at the start of every test. */
export const OPERATIONS: ScenarioOperation[] = [
  {
    service: "bpstudio",
    id: "op_first",
    timeline: [{ polls: 2, status: "RUNNING" }, { status: "SUCCESS", arguments: { tagMap: TAGS }, message: [{ listenerPort: 80 }] }],
  },
  { service: "bpstudio", id: "op_second", timeline: [{ status: "SUCCESS", arguments: { tagMap: { web: ["i-2"] } } }] },
  { service: "emr", id: "op-emr", clusterId: "c-1", region: "cn-hangzhou", timeline: [{ polls: 1, state: "IN_PROGRESS" }, { state: "COMPLETED" }] },
  { service: "bcs", id: "bcs-op", projectId: "proj-1", timeline: [{ status: "finished" }] },
  {
    service: "oos",
    id: "exec-1",
    region: "cn-hangzhou",
    timeline: [{ resources: [{ resourceId: "i-a", status: "Success", outputs: { port: 80 } }, { resourceId: "i-b", status: "Skipped" }] }],
  },
];

/** What varies between the apps of a test. */
export interface AppOptions {
  bpOperationId?: string;
  timeout?: string;
  allowPartial?: boolean;
  /** Only the BPStudio and EMR waits. */
  twoServices?: boolean;
}

/**
 * The app: waits and their outputs (`<name>Status`, `<name>Outputs`,
 * `<name>Result`, plus `tagMap`, `arguments`, `emrRawStatus`, `bcsSteps`,
 * `oosResources`), and `terraform_data.gated` after all of them.
 */
export function waitsApp(options: AppOptions = {}): (stack: TerraformStack) => void {
  return (stack) => {
    const bp = new BpStudioOperationWait(stack, "bp", { operationId: options.bpOperationId ?? "op_first", timeout: options.timeout });
    const emr = new EmrOperationWait(stack, "emr", { region: "cn-hangzhou", clusterId: "c-1", operationId: "op-emr", allowPartial: options.allowPartial });
    const waits = options.twoServices
      ? { bp, emr }
      : {
          bp,
          emr,
          bcs: new BcsOperationWait(stack, "bcs", { region: "cn-north-4", operationId: "bcs-op" }),
          oos: new OosExecutionWait(stack, "oos", { region: "cn-hangzhou", executionId: "exec-1" }),
        };
    for (const [name, wait] of Object.entries(waits)) {
      new TerraformOutput(stack, `${name}Status`, { value: wait.status });
      new TerraformOutput(stack, `${name}Outputs`, { value: wait.outputs });
      new TerraformOutput(stack, `${name}Result`, { value: wait.result });
    }
    new TerraformOutput(stack, "tagMap", { value: bp.tagMap });
    new TerraformOutput(stack, "arguments", { value: bp.arguments });
    new TerraformOutput(stack, "emrRawStatus", { value: emr.rawStatus });
    if (waits.bcs) new TerraformOutput(stack, "bcsSteps", { value: waits.bcs.steps });
    if (waits.oos) new TerraformOutput(stack, "oosResources", { value: waits.oos.resources });
    new DataResource(stack, "gated", { input: { after: "all waits", tags: bp.tagMap }, dependsOn: Object.values(waits) });
  };
}

/** An emulator holding OPERATIONS (and `more`), a temporary HOME and projects for one test file, with their cleanup registered. */
export function applyTestSetup(more: ScenarioOperation[] = []): EmulatedTerraform & { project: () => string } {
  return { ...emulatedTerraform([...OPERATIONS, ...more]), project: newProject };
}

/** `terraform_data.bp_wait_1A2B3C4D` → `terraform_data.bp_wait`: addresses without CDKTF's hash. */
export function shortAddress(address: string): string {
  return address.replace(/_[0-9A-F]{8}$/, "");
}

/** The planned actions of a `terraform plan` text, `address action` (e.g. `terraform_data.bp_wait must be replaced`). */
export function plannedChanges(planText: string): string[] {
  return [...planText.matchAll(/^ {2}# (\S+) (will be created|must be replaced|is tainted, so must be replaced|will be updated in-place|will be destroyed|will be read during apply)/gm)]
    .map((match) => `${shortAddress(match[1])} ${match[2]}`)
    .sort();
}
