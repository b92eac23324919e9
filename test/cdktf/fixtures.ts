/**
 * The emulated operations and the app of the apply tests: one wait per
 * service, outputs of every attribute, and a resource gated on all waits.
 * The endpoint and BCS's project come from the apply-time environment.
 */
import { DataResource, TerraformOutput, type TerraformStack } from "cdktf";
import { BcsOperationWait, BpStudioOperationWait, EmrOperationWait, OosExecutionWait } from "../../src/cdktf";
import { startEmulator, type Emulator, type ScenarioOperation } from "../../src/emulator";
import { newProject, cleanUp, temporaryHome, terraformEnvironment } from "./helpers";
import type { RunReport, Execution } from "./terraform-executor";

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
  { service: "oos", id: "exec-1", region: "cn-hangzhou", timeline: [{ resources: [{ resourceId: "i-a", status: "Success" }, { resourceId: "i-b", status: "Skipped" }] }] },
];

/** What varies between the apps of a test. */
export interface AppOptions {
  bpOperationId?: string;
  timeout?: string;
  allowPartial?: boolean;
  /** Only the BPStudio and EMR waits. */
  twoServices?: boolean;
}

/** The app: waits, their outputs (`<name>Status`, `<name>Outputs`, `tagMap`, `emrRawStatus`) and `terraform_data.gated`. */
export function waitsApp(options: AppOptions = {}): (stack: TerraformStack) => void {
  return (stack) => {
    const waits = {
      bp: new BpStudioOperationWait(stack, "bp", { operationId: options.bpOperationId ?? "op_first", timeout: options.timeout }),
      emr: new EmrOperationWait(stack, "emr", { region: "cn-hangzhou", clusterId: "c-1", operationId: "op-emr", allowPartial: options.allowPartial }),
      ...(options.twoServices
        ? {}
        : {
            bcs: new BcsOperationWait(stack, "bcs", { region: "cn-north-4", operationId: "bcs-op" }),
            oos: new OosExecutionWait(stack, "oos", { region: "cn-hangzhou", executionId: "exec-1" }),
          }),
    };
    for (const [name, wait] of Object.entries(waits)) {
      new TerraformOutput(stack, `${name}Status`, { value: wait.status });
      new TerraformOutput(stack, `${name}Outputs`, { value: wait.outputsJson });
    }
    new TerraformOutput(stack, "tagMap", { value: waits.bp.tagMap });
    new TerraformOutput(stack, "emrRawStatus", { value: waits.emr.rawStatus });
    new DataResource(stack, "gated", { input: { after: "all waits" }, dependsOn: Object.values(waits) });
  };
}

/** The processes of one kind a run started. */
export function executions(report: RunReport, kind: Execution["kind"]): Execution[] {
  return report.executions.filter((run) => run.kind === kind);
}

/** An emulator, a temporary HOME and projects for one test file, with their cleanup registered. */
export function applyTestSetup(): {
  emulator: () => Emulator;
  /** The HOME of the apply-time environment. */
  home: () => string;
  project: () => string;
  env: (options?: { credentials?: boolean }) => Record<string, string>;
} {
  let emulator: Emulator;
  let home: string;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    home = temporaryHome();
  });
  beforeEach(() => emulator.loadScenario({ operations: OPERATIONS }));
  afterAll(async () => {
    await emulator?.close();
    cleanUp();
  });
  return {
    emulator: () => emulator,
    home: () => home,
    project: newProject,
    env: (options = {}) =>
      terraformEnvironment(home, { credentials: options.credentials, extra: { OPGATE_ENDPOINT: emulator.url, HW_PROJECT_ID: "proj-1" } }),
  };
}
