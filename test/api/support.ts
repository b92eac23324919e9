/**
 * The three API wait examples of examples/api/ and the operations its
 * scenario plays, in one table every face's end-to-end test reads (the
 * library, the CLI, Pulumi, the GitHub action; the Terraform faces may use
 * it too): which spec, which vars, and how each wait must end.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ApiWaitSpec } from "../../providers/api/spec";
import { loadScenarioFile, startEmulator, type Emulator, type Scenario } from "../../src/emulator";

/** The repository root. */
export const ROOT = join(__dirname, "..", "..");
/** The folder of the examples. */
export const EXAMPLES = join(ROOT, "examples", "api");
/** The scenario that plays them (`opgate emulator --scenario api`). */
export const API_SCENARIO = join(EXAMPLES, "scenario.json");

/** The Huawei project of the scenario's jobs. */
export const PROJECT_ID = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

/** Where a spec comes from: an example file of examples/api/, or a preset of presets/. */
export type SpecSource = { file: string } | { preset: string };

/** The JSON file of `source`. */
export function specPath(source: SpecSource): string {
  return "file" in source ? join(EXAMPLES, source.file) : join(ROOT, "presets", `${source.preset}.json`);
}

/** The spec of `source`, parsed. */
export function specOf(source: SpecSource): ApiWaitSpec {
  return JSON.parse(readFileSync(specPath(source), "utf8")) as ApiWaitSpec;
}

/** One wait on an operation of the scenario, and how it ends. */
export interface ApiExample {
  /** The scenario operation's `id`. */
  operation: string;
  source: SpecSource;
  vars: Record<string, string>;
  region: string;
  projectId?: string;
  /** The Result's fields this wait must end with. */
  expected: { outcome: "SUCCESS" | "FAILURE"; operationId: string; rawStatus: string; message?: string | null; outputs: Record<string, unknown> };
}

const ALIBABA_REGION = "cn-hangzhou";
const HUAWEI_REGION = "cn-north-4";

/** The three examples of the design (ECS, ROS, Huawei ECS job), in that order. */
export const THREE_EXAMPLES: readonly ApiExample[] = [
  {
    operation: "ecs-web",
    source: { file: "ecs-running.json" },
    vars: { instance_id: "i-bp1f3a9c7d2e5b8a0c4d" },
    region: ALIBABA_REGION,
    expected: {
      outcome: "SUCCESS",
      operationId: "ecs:i-bp1f3a9c7d2e5b8a0c4d",
      rawStatus: "Running",
      message: null,
      outputs: { instanceId: "i-bp1f3a9c7d2e5b8a0c4d", privateIp: "192.0.2.15", publicIp: "198.51.100.33", zoneId: "cn-hangzhou-h" },
    },
  },
  {
    operation: "ros-web-stack",
    source: { file: "ros-stack-create.json" },
    vars: { stack_id: "4a6c9851-3b0f-4f5f-b4ca-a14bf6910001" },
    region: ALIBABA_REGION,
    expected: {
      outcome: "FAILURE",
      operationId: "ros:4a6c9851-3b0f-4f5f-b4ca-a14bf6910001",
      rawStatus: "CREATE_ROLLBACK_COMPLETE",
      message: "Resource CREATE failed: InvalidVSwitchId.NotFound: The specified VSwitchId does not exist.",
      outputs: { stackId: "4a6c9851-3b0f-4f5f-b4ca-a14bf6910001", stackName: "web-stack", stackOutputs: [] },
    },
  },
  {
    operation: "huawei-create-server",
    source: { preset: "huawei-ecs-job" },
    vars: { job_id: "ff80808288d41e1b018990260955686a" },
    region: HUAWEI_REGION,
    projectId: PROJECT_ID,
    expected: {
      outcome: "FAILURE",
      operationId: "ecs-job:ff80808288d41e1b018990260955686a",
      rawStatus: "FAIL",
      message: "Ecs.0013: Insufficient EIP quota.",
      outputs: { jobType: "createServer", serverIds: ["bae51750-0089-41a1-9b18-5c777978ad17"], errorCode: "Ecs.0013", endTime: "2024-05-10T08:01:05.000Z" },
    },
  },
];

/** One operation of the scenario that succeeds for each preset. */
export const PRESET_SUCCESSES: readonly ApiExample[] = [
  {
    operation: "ecs-app",
    source: { preset: "alibaba-ecs-instance-running" },
    vars: { instance_id: "i-bp1e0d4c2b9a7f6e5d3c" },
    region: ALIBABA_REGION,
    expected: { outcome: "SUCCESS", operationId: "ecs:i-bp1e0d4c2b9a7f6e5d3c", rawStatus: "Running", outputs: { privateIp: "192.0.2.20", publicIp: "203.0.113.8" } },
  },
  {
    operation: "ros-app-stack",
    source: { preset: "alibaba-ros-stack-create" },
    vars: { stack_id: "4a6c9851-3b0f-4f5f-b4ca-a14bf6910002" },
    region: ALIBABA_REGION,
    expected: {
      outcome: "SUCCESS",
      operationId: "ros:4a6c9851-3b0f-4f5f-b4ca-a14bf6910002",
      rawStatus: "CREATE_COMPLETE",
      outputs: { stackOutputs: [{ key: "Url", value: "http://app.example.com", description: "the entry URL" }, { key: "InstanceIds", value: ["i-bp1e0d4c2b9a7f6e5d3c"], description: "the app servers" }] },
    },
  },
  {
    operation: "ros-old-stack",
    source: { preset: "alibaba-ros-stack-delete" },
    vars: { stack_id: "4a6c9851-3b0f-4f5f-b4ca-a14bf6910003" },
    region: ALIBABA_REGION,
    expected: { outcome: "SUCCESS", operationId: "ros-delete:4a6c9851-3b0f-4f5f-b4ca-a14bf6910003", rawStatus: "StackNotFound", outputs: { stackId: null } },
  },
  {
    operation: "huawei-resize-server",
    source: { preset: "huawei-ecs-job" },
    vars: { job_id: "2c9eb2c15bd1da1b015bd1dd1ebc001a" },
    region: HUAWEI_REGION,
    projectId: PROJECT_ID,
    expected: { outcome: "SUCCESS", operationId: "ecs-job:2c9eb2c15bd1da1b015bd1dd1ebc001a", rawStatus: "SUCCESS", outputs: { serverIds: ["7c1a7b3e-2f41-4b8a-9c55-0d6a3e9f1b22"], errorCode: null } },
  },
  {
    operation: "huawei-cce-cluster",
    source: { preset: "huawei-cce-job" },
    vars: { job_id: "8e2a5b3c-1d4f-11ee-9c1e-0255ac100b02" },
    region: HUAWEI_REGION,
    projectId: PROJECT_ID,
    expected: { outcome: "SUCCESS", operationId: "cce-job:8e2a5b3c-1d4f-11ee-9c1e-0255ac100b02", rawStatus: "Success", outputs: { jobType: "CreateCluster", resourceName: "prod-cluster" } },
  },
];

/** The scenario of examples/api/, as the emulator loads it. */
export function apiScenario(): Scenario {
  return loadScenarioFile(API_SCENARIO);
}

/** `scenario` with `canary` in every scripted answer's base, outside anything a spec of the examples selects. */
export function withAnswerCanary(canary: string): (scenario: Scenario) => Scenario {
  return (scenario) => ({
    ...scenario,
    operations: scenario.operations.map((op) => (op.service === "api" && op.base !== undefined ? { ...op, base: { ...(op.base as object), Canary: canary } } : op)),
  });
}

/** An emulator playing the scenario of examples/api/ (`change` may edit a copy of it first). */
export function startApiEmulator(change: (scenario: Scenario) => Scenario = (scenario) => scenario): Promise<Emulator> {
  return startEmulator({ scenario: change(apiScenario()) });
}

/** The CLI flags that give `source`: `--spec FILE` or `--preset NAME`. */
export function specFlags(source: SpecSource): string[] {
  return "file" in source ? ["--spec", specPath(source)] : ["--preset", source.preset];
}

/** The CLI flags that give `vars`: `--var NAME=VALUE` each. */
export function varFlags(vars: Record<string, string>): string[] {
  return Object.entries(vars).flatMap(([name, value]) => ["--var", `${name}=${value}`]);
}

/** The CLI flags of `example`'s region and project. */
export function placeFlags(example: ApiExample): string[] {
  return ["--region", example.region, ...(example.projectId ? ["--project-id", example.projectId] : [])];
}

/** The CLI arguments of `example`'s wait: its spec as a file or a preset, its vars, region and project. */
export function cliArguments(example: ApiExample): string[] {
  return ["wait", "api", ...specFlags(example.source), ...varFlags(example.vars), ...placeFlags(example)];
}
