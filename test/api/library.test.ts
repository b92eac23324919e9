/**
 * `waitForApi` end to end, with the three examples of examples/api/ against
 * the emulator playing its scenario over loopback (real signatures, real
 * schedule): the ECS instance SUCCESS with its outputs after a throttle, the
 * ROS stack FAILURE with its StatusReason and the progress moving, the
 * Huawei ECS job FAILURE with `Ecs.0013: ...` and `outputs.errorCode`; and
 * one wait that succeeds for each preset.
 */
import type { ProgressEvent } from "../../src/core/progress";
import type { Emulator } from "../../src/emulator";
import { waitForApi, type WaitForApiOptions } from "../../src/wait";
import { EMULATOR_ENV } from "../integration/helpers";
import { PRESET_SUCCESSES, specOf, startApiEmulator, THREE_EXAMPLES, type ApiExample } from "./support";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startApiEmulator();
});
afterAll(() => emulator.close());

/** Waits on `example` with the library against `target`; the progress events are collected into `events`. */
function wait(example: ApiExample, events: ProgressEvent[] = [], target: Emulator = emulator) {
  const options: WaitForApiOptions = {
    vars: example.vars,
    region: example.region,
    projectId: example.projectId,
    endpoint: target.url,
    env: { ...EMULATOR_ENV },
    timeout: "1m",
    onProgress: (event) => events.push(event),
  };
  return waitForApi(specOf(example.source), options);
}

/** The emulator's answers to `operation`, in order: the error code of each, or null. */
function answerCodes(operation: string): (string | null)[] {
  return emulator.requests.filter((r) => r.operationId === operation).map((r) => r.code);
}

const [ECS, ROS, HUAWEI_JOB] = THREE_EXAMPLES;

test.concurrent("ECS DescribeInstances: not visible yet, throttled once, Pending, Starting, then Running: SUCCESS with the selected outputs", async () => {
  const events: ProgressEvent[] = [];
  const result = await wait(ECS, events);
  expect(result).toMatchObject({ service: "api", ...ECS.expected, status: "SUCCESS", steps: [], resources: [], error: null });
  expect(result.outputs).toEqual(ECS.expected.outputs);
  expect(answerCodes("ecs-web")).toEqual([null, "Throttling.User", null, null, null]);
  expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(["not-found", "retry"]));
  expect(events.filter((e) => e.snapshot !== null).map((e) => e.snapshot?.rawStatus)).toEqual(["Pending", "Starting", "Running"]);
});

test.concurrent("ROS GetStack: the progress moves, the rollback is waited out, then FAILURE with the stack's StatusReason", async () => {
  const events: ProgressEvent[] = [];
  const result = await wait(ROS, events);
  expect(result).toMatchObject({ ...ROS.expected, status: "FAILURE", error: null });
  const answers = events.filter((e) => e.snapshot !== null);
  expect(answers.map((e) => [e.rawStatus, e.snapshot?.progress?.done])).toEqual([
    ["CREATE_IN_PROGRESS", 20],
    ["CREATE_IN_PROGRESS", 60],
    ["CREATE_ROLLBACK_IN_PROGRESS", 80],
    ["CREATE_ROLLBACK_COMPLETE", 100],
  ]);
  expect(answers[0].snapshot?.progress).toEqual({ done: 20, total: 100, unit: "%" });
  expect(answers[2].snapshot?.note).toContain("rolling it back");
});

test.concurrent("Huawei ECS job: RUNNING, then FAIL in an HTTP 200 answer: FAILURE with error_code: fail_reason and outputs.errorCode", async () => {
  const events: ProgressEvent[] = [];
  const result = await wait(HUAWEI_JOB, events);
  expect(result).toMatchObject({ ...HUAWEI_JOB.expected, status: "FAILURE", error: null });
  expect(events.find((e) => e.snapshot?.rawStatus === "RUNNING")?.snapshot?.progress).toEqual({ done: 1, total: 2, unit: "sub-jobs" });
  expect(emulator.requests.filter((r) => r.operationId === "huawei-create-server").every((r) => r.status === 200)).toBe(true);
});

test.concurrent.each(PRESET_SUCCESSES.map((example) => [example.operation, example] as const))("a preset that succeeds: %s", async (_, example) => {
  const result = await wait(example);
  expect(result).toMatchObject({ ...example.expected, status: "SUCCESS", error: null });
});

test("the preset alibaba-ros-stack-create fails the same stack as soon as its rollback starts", async () => {
  const fresh = await startApiEmulator();
  try {
    const result = await wait({ ...ROS, source: { preset: "alibaba-ros-stack-create" } }, [], fresh);
    expect(result).toMatchObject({ outcome: "FAILURE", rawStatus: "CREATE_ROLLBACK_IN_PROGRESS", message: ROS.expected.message, polls: 3 });
  } finally {
    await fresh.close();
  }
});
