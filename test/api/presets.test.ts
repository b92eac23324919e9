/**
 * Each shipped preset waits to its end against the emulator, over loopback
 * with real signatures, on answers taken from its API reference's examples
 * (the saved answers of test/providers/api/fixtures/, served verbatim with
 * their HTTP status): the request the preset sends reaches the scripted API
 * (its action, version, path and parameters), and the wait ends as the
 * reference says it should.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startEmulator, type ScriptedCall, type ScriptedFrame } from "../../src/emulator";
import { waitForApi } from "../../src/wait";
import { EMULATOR_ENV } from "../integration/helpers";
import { finished } from "../cli/support/run-cli";
import { PROJECT_ID, ROOT, specOf } from "./support";

const FIXTURES = join(__dirname, "..", "providers", "api", "fixtures");

/** A saved answer of fixtures/, served verbatim with HTTP `status`, for one poll unless it is the last frame. */
function answer(fixture: string, status = 200): ScriptedFrame {
  return { body: JSON.parse(readFileSync(join(FIXTURES, fixture), "utf8")), status, polls: 1 };
}

const INSTANCE = "i-bp67acfmxazb4ph****";
const STACK = "4a6c9851-3b0f-4f5f-b4ca-a14bf691****";
const ECS_JOB = "2c9eb2c15bd1da1b015bd1dd1ebc001a";
const CCE_JOB = "8e2a5b3c-1d4f-11ee-9c1e-0255ac100b02";

const ECS: ScriptedCall = { cloud: "alibaba", product: "ecs", action: "DescribeInstances", version: "2014-05-26", match: { RegionId: "cn-hangzhou", InstanceIds: [INSTANCE] } };
const ROS: ScriptedCall = { cloud: "alibaba", product: "ros", action: "GetStack", version: "2019-09-10", match: { RegionId: "cn-hangzhou", StackId: STACK } };
const ECS_JOBS: ScriptedCall = { cloud: "huawei", path: "/v1/{project_id}/jobs/{job_id}", match: { project_id: PROJECT_ID, job_id: ECS_JOB } };
const CCE_JOBS: ScriptedCall = { cloud: "huawei", path: "/api/v3/projects/{project_id}/jobs/{job_id}", match: { project_id: PROJECT_ID, job_id: CCE_JOB } };

interface PresetRun {
  preset: string;
  call: ScriptedCall;
  timeline: ScriptedFrame[];
  vars: Record<string, string>;
  expected: Record<string, unknown>;
}

const RUNS: [string, PresetRun][] = [
  [
    "alibaba-ecs-instance-running: not visible yet, Starting, Running",
    {
      preset: "alibaba-ecs-instance-running",
      call: ECS,
      timeline: [answer("alibaba-ecs-describe-empty.json"), answer("alibaba-ecs-describe-starting.json"), answer("alibaba-ecs-describe-running.json")],
      vars: { instance_id: INSTANCE },
      expected: { outcome: "SUCCESS", rawStatus: "Running", outputs: { instanceId: INSTANCE, privateIp: "192.0.2.15", publicIp: "198.51.100.7", zoneId: "cn-hangzhou-g" } },
    },
  ],
  [
    "alibaba-ros-stack-create: StackNotFound at first, CREATE_IN_PROGRESS, CREATE_COMPLETE",
    {
      preset: "alibaba-ros-stack-create",
      call: ROS,
      timeline: [answer("alibaba-ros-stack-not-found.json", 404), answer("alibaba-ros-stack-creating.json"), answer("alibaba-ros-stack-complete.json")],
      vars: { stack_id: STACK },
      expected: {
        outcome: "SUCCESS",
        rawStatus: "CREATE_COMPLETE",
        outputs: {
          stackId: STACK,
          stackName: "app-prod",
          stackOutputs: [
            { key: "Url", value: "http://app.example.com", description: "the entry URL" },
            { key: "InstanceIds", value: ["i-1", "i-2"], description: "" },
          ],
        },
      },
    },
  ],
  [
    "alibaba-ros-stack-create: CREATE_IN_PROGRESS, CREATE_ROLLBACK_COMPLETE",
    {
      preset: "alibaba-ros-stack-create",
      call: ROS,
      timeline: [answer("alibaba-ros-stack-creating.json"), answer("alibaba-ros-stack-rollback-complete.json")],
      vars: { stack_id: STACK },
      expected: { outcome: "FAILURE", rawStatus: "CREATE_ROLLBACK_COMPLETE", message: "Resource CREATE failed: InvalidVSwitchId.NotFound: The specified VSwitchId does not exist." },
    },
  ],
  [
    "alibaba-ros-stack-delete: DELETE_IN_PROGRESS, then StackNotFound (HTTP 404)",
    {
      preset: "alibaba-ros-stack-delete",
      call: ROS,
      timeline: [answer("alibaba-ros-stack-deleting.json"), answer("alibaba-ros-stack-not-found.json", 404)],
      vars: { stack_id: STACK },
      expected: { outcome: "SUCCESS", rawStatus: "StackNotFound", outputs: { stackId: null, stackName: null } },
    },
  ],
  [
    "huawei-ecs-job: PENDING_PAYMENT, RUNNING, SUCCESS",
    {
      preset: "huawei-ecs-job",
      call: ECS_JOBS,
      timeline: [answer("huawei-ecs-job-pending-payment.json"), answer("huawei-ecs-job-running.json"), answer("huawei-ecs-job-success.json")],
      vars: { job_id: ECS_JOB },
      expected: { outcome: "SUCCESS", rawStatus: "SUCCESS", message: null, outputs: { jobType: "createServer", serverIds: ["bae51750-0089-41a1-9b18-5c777978ad17"], errorCode: null } },
    },
  ],
  [
    "huawei-ecs-job: RUNNING, FAIL",
    {
      preset: "huawei-ecs-job",
      call: ECS_JOBS,
      timeline: [answer("huawei-ecs-job-running.json"), answer("huawei-ecs-job-fail.json")],
      vars: { job_id: ECS_JOB },
      expected: { outcome: "FAILURE", rawStatus: "FAIL", message: "Ecs.0013: Insufficient EIP quota.", outputs: expect.objectContaining({ errorCode: "Ecs.0013" }) },
    },
  ],
  [
    "huawei-cce-job: Running, Failed",
    {
      preset: "huawei-cce-job",
      call: CCE_JOBS,
      timeline: [answer("huawei-cce-job-running.json"), answer("huawei-cce-job-failed.json")],
      vars: { job_id: CCE_JOB },
      expected: { outcome: "FAILURE", rawStatus: "Failed", message: "create cluster master failed: the subnet has no free IP address" },
    },
  ],
];

test.concurrent.each(RUNS)("%s", async (_, run) => {
  const emulator = await startEmulator({ scenario: { operations: [{ service: "api", id: run.preset, call: run.call, timeline: run.timeline }] } });
  try {
    const huawei = run.call.cloud === "huawei";
    const result = await waitForApi(specOf({ preset: run.preset }), {
      vars: run.vars,
      region: huawei ? "cn-north-4" : "cn-hangzhou",
      projectId: huawei ? PROJECT_ID : undefined,
      endpoint: emulator.url,
      env: { ...EMULATOR_ENV },
      timeout: "1m",
    });
    expect(result).toMatchObject({ service: "api", error: null, ...run.expected });
    // One request per frame, each routed to the scripted API (its action, path and match), its signature accepted,
    // and answered with the frame's own status.
    const requests = emulator.requests;
    expect(requests.map((r) => [r.operationId, r.status])).toEqual(run.timeline.map((frame) => [run.preset, "status" in frame ? frame.status : 200]));
  } finally {
    await emulator.close();
  }
});

test("every preset is importable by its package path, opgate/presets/<name>.json (for the Pulumi and CDKTF faces)", async () => {
  const names = readdirSync(join(ROOT, "presets")).filter((file) => file.endsWith(".json")).map((file) => file.slice(0, -".json".length));
  expect(names.length).toBeGreaterThanOrEqual(5);
  // A fresh node resolving the package by its name, as a project that installed it does (the package refers to itself here).
  const script = `console.log(JSON.stringify(${JSON.stringify(names)}.map((name) => require("opgate/presets/" + name + ".json"))))`;
  const run = await finished(spawn(process.execPath, ["-e", script], { cwd: ROOT }));
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout)).toEqual(names.map((preset) => specOf({ preset })));
});
