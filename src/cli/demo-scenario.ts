/**
 * The built-in scenario of `opgate demo`: one operation per service, each
 * going PENDING → RUNNING → SUCCESS within about 13 seconds of its first poll,
 * with the outputs a real one has (BPStudio Arguments with a tagMap and the
 * docs' listener Message, an EMR state change reason, BCS steps and sub-steps
 * progressing, OOS resources over two pages). `examples/pipeline/scenario.json`
 * is this scenario as a file, for `opgate emulator --scenario`; the examples
 * of `opgate wait --help` use its IDs.
 */
import type { ServiceName } from "../core/result";
import type { Scenario, ScenarioFrame, ScenarioOperation } from "../emulator/scenario";

/** One operation of the demo: what to wait for, and how the emulator plays it. */
export interface DemoOperation {
  service: ServiceName;
  /** The wait's input fields by name, exactly as the CLI flags give them. */
  input: Readonly<Record<string, string>>;
  /** The scenario entry the emulator plays. */
  operation: ScenarioOperation;
}

const REGION = "cn-hangzhou";
const HUAWEI_REGION = "cn-north-4";

const BPSTUDIO = { region: REGION, operationId: "op_7b2c6a1e4f9d4c3a8e5b0f6d2a9c1e7b" };
const EMR = { region: REGION, clusterId: "c-b933c5aac8fe4b1c", operationId: "op-13c37a77c505417b" };
const BCS = { region: HUAWEI_REGION, projectId: "0f1e2d3c4b5a69788796a5b4c3d2e1f0", operationId: "9e7b1c52-4a83-4d0e-b6f1-3c2a8d5e7f90" };
const OOS = { region: REGION, executionId: "exec-5f1b7e0c9a2d4e6f" };

/** BCS sub-steps of the demo, per step, with how long each runs (seconds). */
const BCS_STEPS: readonly { name: string; subSteps: readonly [string, number][] }[] = [
  { name: "Preparation", subSteps: [["Generate basic configurations", 1], ["Check resource quotas", 1]] },
  { name: "Create Other Dependent Resource", subSteps: [["Create EIP", 2], ["Create network storage", 2]] },
  { name: "Deploy Blockchain", subSteps: [["Install orderer and peer nodes", 3], ["Create and join channels", 2]] },
];
/** Start of the demo operation's first sub-step, in nanoseconds since the epoch. */
const BCS_START_NS = 1_718_000_000_000_000_000n;

/** More resources than one page of 100 holds, so every poll reads two pages. */
const OOS_RESOURCES = 105;

/** The demo's four operations, in the order the demo shows them. */
export const DEMO_OPERATIONS: readonly DemoOperation[] = [
  {
    service: "bpstudio",
    input: BPSTUDIO,
    operation: {
      service: "bpstudio",
      id: BPSTUDIO.operationId,
      timeline: [
        { for: "2s", status: "INIT" },
        { for: "9s", status: "RUNNING" },
        {
          status: "SUCCESS",
          arguments: { tagMap: { cadt: ["12xxxxxxx", "34xxxxxxx"] }, applicationId: "ZA2PFRJ3LHJ0L1J5", templateId: "T9SYM8KCW2RXV6P2" },
        },
      ],
    },
  },
  {
    service: "emr",
    input: EMR,
    operation: {
      service: "emr",
      id: EMR.operationId,
      clusterId: EMR.clusterId,
      region: EMR.region,
      timeline: [
        { for: "4s", state: "IN_PROGRESS", operationType: "SCALE_OUT_NODE_GROUP", description: "scale out task-group-1 by 3 nodes" },
        { for: "3s", state: "HUMAN_PROCESSING", operationType: "SCALE_OUT_NODE_GROUP", description: "scale out task-group-1 by 3 nodes" },
        { for: "5s", state: "IN_PROGRESS", operationType: "SCALE_OUT_NODE_GROUP", description: "scale out task-group-1 by 3 nodes" },
        {
          state: "COMPLETED",
          operationType: "SCALE_OUT_NODE_GROUP",
          description: "scale out task-group-1 by 3 nodes",
          stateChangeReason: { code: "Success", message: "3 of 3 nodes added to task-group-1" },
        },
      ],
    },
  },
  {
    service: "bcs",
    input: BCS,
    operation: {
      service: "bcs",
      id: BCS.operationId,
      projectId: BCS.projectId,
      blockchainId: "5c0f2a8e-3b7d-4e19-a6c4-9d8e1f2b3a70",
      blockchainName: "bcs-demo-ledger",
      operationType: "CREATE",
      clusterInfo: { cluster_type: "cce", name: "bcs-demo-cce", cluster_id: "8a1d6e2c-4f3b-11ef-9c7a-0255ac100b21", node_infos: null },
      timeline: bcsTimeline(),
    },
  },
  {
    service: "oos",
    input: OOS,
    operation: {
      service: "oos",
      id: OOS.executionId,
      region: OOS.region,
      timeline: [
        { for: "2s", resources: oosResources(0, 0) },
        { for: "4s", resources: oosResources(30, 45) },
        { for: "5s", resources: oosResources(85, 20) },
        { resources: oosResources(OOS_RESOURCES, 0) },
      ],
    },
  },
];

/** The scenario the emulator plays in `opgate demo`. */
export function demoScenario(): Scenario {
  return { operations: DEMO_OPERATIONS.map((demo) => structuredClone(demo.operation)) };
}

/** `waiting`, then one frame per sub-step while it runs, then `finished`. */
function bcsTimeline(): ScenarioFrame[] {
  const all = BCS_STEPS.flatMap((step) => step.subSteps);
  const frames: ScenarioFrame[] = [{ for: "2s", status: "waiting", steps: bcsSteps(0, false) }];
  all.forEach(([, seconds], finished) => frames.push({ for: `${seconds}s`, status: "processing", steps: bcsSteps(finished, true) }));
  frames.push({ status: "finished", steps: bcsSteps(all.length, false) });
  return frames;
}

/** Every step when the first `finished` sub-steps (over all steps) are done and, if `running`, the next one runs. */
function bcsSteps(finished: number, running: boolean): Record<string, unknown>[] {
  let index = 0;
  let startS = 0;
  return BCS_STEPS.map((step, s) => {
    const subSteps = step.subSteps.map(([name, seconds], i) => {
      const n = index++;
      const start = BCS_START_NS + BigInt(startS) * 1_000_000_000n;
      startS += seconds;
      const end = BCS_START_NS + BigInt(startS) * 1_000_000_000n;
      const base = { name, serialNum: i + 1 };
      if (n < finished) return { ...base, status: "finished", detail: "success", startTime: String(start), endTime: String(end) };
      if (running && n === finished) return { ...base, status: "processing", detail: "running", startTime: String(start), endTime: "0" };
      return { ...base, status: "", detail: "waiting", startTime: "0", endTime: "0" };
    });
    const status = subSteps.every((sub) => sub.status === "finished") ? "finished" : subSteps.some((sub) => sub.status !== "") ? "processing" : "waiting";
    return { name: step.name, status, serialNum: s + 1, subSteps };
  });
}

/** The OOS resources with the first `done` Success, the next `running` Running, the rest Queued. */
function oosResources(done: number, running: number): Record<string, unknown>[] {
  return Array.from({ length: OOS_RESOURCES }, (_, i) => {
    const resourceId = `i-bp1demo${String(i + 1).padStart(4, "0")}`;
    if (i < done) {
      return { resourceId, status: "Success", outputs: { commandOutput: `deployed web-app 2.4.1 on ${resourceId}\n`, exitCode: 0 }, executionTime: "2024-06-10T06:13:20Z" };
    }
    return { resourceId, status: i < done + running ? "Running" : "Queued", outputs: {}, executionTime: "2024-06-10T06:13:00Z" };
  });
}
