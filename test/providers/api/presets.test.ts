/**
 * The shipped presets (presets/*.json): each passes the spec check, cites its
 * API reference and names its vars, and reads saved answers (fixtures/,
 * shaped after the references' documented answers) as a live wait would:
 * through the clients' answer reading (the HTTP status and error body
 * classed exactly as on the wire), then the spec.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { checkApiWaitSpec, placeholderTexts } from "../../../providers/api/check";
import { placeholderNames } from "../../../providers/api/placeholders";
import { prepareApiWait } from "../../../providers/api/prepare";
import { readSavedAnswer } from "../../../src/clients/offline";
import { ApiError } from "../../../src/core/errors";
import type { Snapshot } from "../../../src/core/result";

const PRESETS = join(__dirname, "..", "..", "..", "presets");
const FIXTURES = join(__dirname, "fixtures");

function preset(name: string): unknown {
  return JSON.parse(readFileSync(join(PRESETS, `${name}.json`), "utf8"));
}

/** One poll of `name` on the saved answer `fixture` that came with HTTP `status`. */
async function evaluate(name: string, vars: Record<string, string>, fixture: string, status = 200): Promise<Snapshot | ApiError> {
  const spec = checkApiWaitSpec(preset(name));
  const wait = prepareApiWait(spec, { vars, region: "cn-hangzhou", projectId: "0f1e2d3c4b5a69788796a5b4c3d2e1f0" }, {});
  const text = readFileSync(join(FIXTURES, fixture), "utf8");
  const api = { call: async (request: Parameters<typeof readSavedAnswer>[1]) => readSavedAnswer(wait.target.cloud, request, status, text, wait.target.isNotFound) };
  return wait.poll(api, new AbortController().signal).catch((err: unknown) => {
    if (err instanceof ApiError) return err;
    throw err;
  });
}

const NAMES = readdirSync(PRESETS).map((file) => file.replace(/\.json$/, ""));

test("the five presets the contract names ship", () => {
  expect(NAMES.sort()).toEqual(["alibaba-ecs-instance-running", "alibaba-ros-stack-create", "alibaba-ros-stack-delete", "huawei-cce-job", "huawei-ecs-job"]);
});

describe.each(NAMES)("%s", (name) => {
  test("passes the spec check, cites its API reference and names the vars it needs", () => {
    const spec = checkApiWaitSpec(preset(name));
    expect(spec.description).toMatch(/API reference: https:\/\/\S+/);
    const vars = [...new Set(placeholderTexts(spec).flatMap(({ text }) => placeholderNames(text)))].filter((v) => v !== "region" && v !== "project_id");
    for (const v of vars) expect(spec.description).toContain(v);
  });
});

const ECS_JOB = { job_id: "2c9eb2c15bd1da1b015bd1dd1ebc001a" };
const CCE_JOB = { job_id: "8e2a5b3c-1d4f-11ee-9c1e-0255ac100b02" };
const INSTANCE = { instance_id: "i-bp67acfmxazb4ph****" };
const STACK = { stack_id: "4a6c9851-3b0f-4f5f-b4ca-a14bf691****" };

const ROWS: [string, Record<string, string>, string, number, Record<string, unknown>][] = [
  ["huawei-ecs-job", ECS_JOB, "huawei-ecs-job-running.json", 200, { state: "RUNNING", rawStatus: "RUNNING", progress: { done: 1, total: 2, unit: "sub-jobs" } }],
  ["huawei-ecs-job", ECS_JOB, "huawei-ecs-job-pending-payment.json", 200, { state: "RUNNING", note: expect.stringContaining("pay it in the Billing Center") }],
  [
    "huawei-ecs-job",
    ECS_JOB,
    "huawei-ecs-job-success.json",
    200,
    { state: "SUCCESS", message: null, outputs: { jobType: "createServer", serverIds: ["bae51750-0089-41a1-9b18-5c777978ad17"], beginTime: "2026-04-25T20:04:34.604Z", endTime: "2026-04-25T20:08:41.593Z", errorCode: null } },
  ],
  ["huawei-cce-job", CCE_JOB, "huawei-cce-job-running.json", 200, { state: "RUNNING", rawStatus: "Running", progress: { done: 1, total: 2, unit: "sub-jobs" } }],
  [
    "huawei-cce-job",
    CCE_JOB,
    "huawei-cce-job-failed.json",
    200,
    {
      state: "FAILURE",
      rawStatus: "Failed",
      message: "create cluster master failed: the subnet has no free IP address",
      outputs: expect.objectContaining({ jobType: "CreateCluster", resourceName: "prod-cluster", subJobs: [expect.objectContaining({ phase: "Success" }), expect.objectContaining({ phase: "Failed", reason: "the subnet has no free IP address" })] }),
    },
  ],
  ["alibaba-ecs-instance-running", INSTANCE, "alibaba-ecs-describe-empty.json", 200, { kind: "notFound", code: "StatusNotFound" }],
  ["alibaba-ecs-instance-running", INSTANCE, "alibaba-ecs-describe-starting.json", 200, { state: "PENDING", rawStatus: "Starting" }],
  [
    "alibaba-ecs-instance-running",
    INSTANCE,
    "alibaba-ecs-describe-running.json",
    200,
    { state: "SUCCESS", rawStatus: "Running", outputs: { instanceId: "i-bp67acfmxazb4ph****", privateIp: "192.0.2.15", publicIp: "198.51.100.7", zoneId: "cn-hangzhou-g" } },
  ],
  ["alibaba-ros-stack-create", STACK, "alibaba-ros-stack-creating.json", 200, { state: "RUNNING", progress: { done: 35.5, total: 100, unit: "%" } }],
  [
    "alibaba-ros-stack-create",
    STACK,
    "alibaba-ros-stack-complete.json",
    200,
    {
      state: "SUCCESS",
      outputs: {
        stackId: "4a6c9851-3b0f-4f5f-b4ca-a14bf691****",
        stackName: "app-prod",
        stackOutputs: [
          { key: "Url", value: "http://app.example.com", description: "the entry URL" },
          { key: "InstanceIds", value: ["i-1", "i-2"], description: "" },
        ],
      },
    },
  ],
  ["alibaba-ros-stack-create", STACK, "alibaba-ros-stack-rollback-complete.json", 200, { state: "FAILURE", rawStatus: "CREATE_ROLLBACK_COMPLETE", message: "Resource CREATE failed: InvalidVSwitchId.NotFound: The specified VSwitchId does not exist." }],
  ["alibaba-ros-stack-create", STACK, "alibaba-ros-stack-not-found.json", 404, { kind: "notFound", code: "StackNotFound" }],
  ["alibaba-ros-stack-delete", STACK, "alibaba-ros-stack-deleting.json", 200, { state: "RUNNING", rawStatus: "DELETE_IN_PROGRESS", message: "Stack DELETE started" }],
  ["alibaba-ros-stack-delete", STACK, "alibaba-ros-stack-not-found.json", 404, { state: "SUCCESS", rawStatus: "StackNotFound", outputs: { stackId: null, stackName: null } }],
];

test.each(ROWS.map(([name, vars, fixture, status, expected]) => [name, fixture, status, vars, expected] as const))("%s on %s (HTTP %s)", async (name, fixture, status, vars, expected) => {
  expect(await evaluate(name, vars, fixture, status)).toMatchObject(expected);
});

// The ECS job API answers a failed job with 200, error_code and fail_reason: data, not an error answer (a Huawei 2xx is
// an error only with the full shape error_code + error_msg).
test("huawei-ecs-job on huawei-ecs-job-fail.json: FAILURE with Ecs.0013 and the reason", async () => {
  expect(await evaluate("huawei-ecs-job", ECS_JOB, "huawei-ecs-job-fail.json")).toMatchObject({ state: "FAILURE", rawStatus: "FAIL", message: "Ecs.0013: Insufficient EIP quota.", outputs: { errorCode: "Ecs.0013" } });
});
