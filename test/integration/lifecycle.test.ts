/**
 * Each service through its whole life against the emulator: real HTTP, real
 * signatures, credentials from the environment, Result checked field by field.
 */
import type { Emulator } from "../../src/emulator";
import type { WaitForOperationOptions } from "../../src/wait";
import { waitForOperation } from "../../src/wait";
import { emulatorFixture, EMULATOR_ENV, FAST } from "./helpers";

let emu: Emulator;
let opts: (o: WaitForOperationOptions) => WaitForOperationOptions;
beforeAll(async () => ({ emu, opts } = await emulatorFixture()));
afterAll(() => emu.close());

const SEED_TAGMAP = { cadt: ["12xxxxxxx", "34xxxxxxx"] };

describe("bpstudio", () => {
  test("INIT → RUNNING → SUCCESS gives Arguments, tagMap and the decoded Message", async () => {
    emu.addOperation({
      service: "bpstudio",
      id: "op_life_ok",
      timeline: [{ polls: 1, status: "INIT" }, { polls: 2, status: "RUNNING" }, { status: "SUCCESS" }],
    });
    const result = await waitForOperation(opts({ service: "bpstudio", operationId: "op_life_ok" }));
    expect(result).toMatchObject({
      service: "bpstudio",
      operationId: "op_life_ok",
      outcome: "SUCCESS",
      status: "SUCCESS",
      rawStatus: "SUCCESS",
      steps: [],
      resources: [],
      polls: 4,
      error: null,
    });
    expect(result.outputs.arguments).toEqual({ tagMap: SEED_TAGMAP });
    expect(result.outputs.tagMap).toEqual(SEED_TAGMAP);
    const message = result.outputs.message as Array<Record<string, unknown>>;
    expect(message[0]).toMatchObject({ listenerPort: 80, vServerGroupId: "rsp-xxxx", healthCheckHttpCode: "http_3xx,http_2xx" });
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  test("FAILURE ends with the operation's message as the reason", async () => {
    emu.addOperation({ service: "bpstudio", id: "op_life_fail", timeline: [{ polls: 1, status: "RUNNING" }, { status: "FAILURE", message: "quota exceeded for slb", arguments: null }] });
    const result = await waitForOperation(opts({ service: "bpstudio", operationId: "op_life_fail" }));
    expect(result).toMatchObject({ outcome: "FAILURE", status: "FAILURE", rawStatus: "FAILURE", message: "quota exceeded for slb", error: null });
    expect(result.outputs).toMatchObject({ arguments: null, tagMap: null });
  });

  test("an ID the API does not know ends with ERROR after the grace period, saying it is unknown or expired", async () => {
    const result = await waitForOperation(opts({ service: "bpstudio", operationId: "op_never_existed" }));
    expect(result.outcome).toBe("ERROR");
    expect(result.status).toBeNull();
    expect(result.error?.message).toMatch(/unknown or expired/);
  });

  test("an ID that expires in the middle of the wait ends with ERROR", async () => {
    emu.addOperation({ service: "bpstudio", id: "op_expiring", timeline: [{ status: "RUNNING" }], faults: [{ from: 3, kind: "expire" }] });
    const result = await waitForOperation(opts({ service: "bpstudio", operationId: "op_expiring" }));
    expect(result).toMatchObject({ outcome: "ERROR", status: "RUNNING" });
    expect(result.error?.message).toMatch(/unknown or expired/);
  });
});

describe("emr", () => {
  const base = { service: "emr" as const, region: "cn-hangzhou", clusterId: "c-b933c5aac8fe0001" };
  const reason = { code: "OutOfStock", message: "The requested resource is sold out in the specified zone, try other types of resources or other regions and zones." };

  test("IN_PROGRESS → HUMAN_PROCESSING → COMPLETED gives the operation's outputs and StateChangeReason", async () => {
    emu.addOperation({
      service: "emr",
      id: "op-life-ok",
      clusterId: base.clusterId,
      timeline: [{ polls: 1, state: "IN_PROGRESS", operationType: "CREATE_CLUSTER" }, { polls: 1, state: "HUMAN_PROCESSING", operationType: "CREATE_CLUSTER" }, { state: "COMPLETED", operationType: "CREATE_CLUSTER", description: "start", stateChangeReason: reason }],
    });
    const notes: string[] = [];
    const result = await waitForOperation(opts({ ...base, operationId: "op-life-ok", onProgress: (e) => e.snapshot?.note && notes.push(e.snapshot.note) }));
    expect(result).toMatchObject({ service: "emr", operationId: "op-life-ok", outcome: "SUCCESS", status: "SUCCESS", rawStatus: "COMPLETED", message: reason.message, polls: 3, error: null });
    expect(result.outputs).toMatchObject({ operationType: "CREATE_CLUSTER", clusterId: base.clusterId, description: "start", stateChangeReason: reason });
    for (const key of ["createTime", "startTime", "endTime"]) expect(typeof result.outputs[key]).toBe("number");
    expect(notes.join(" ")).toMatch(/human/i);
  });

  test.each([
    ["FAILED", "FAILURE"],
    ["TERMINATED", "FAILURE"],
  ])("%s ends the wait with %s and the reason", async (raw, outcome) => {
    const id = `op-life-${raw.toLowerCase()}`;
    emu.addOperation({ service: "emr", id, clusterId: base.clusterId, timeline: [{ polls: 1, state: "IN_PROGRESS" }, { state: raw, stateChangeReason: reason }] });
    const result = await waitForOperation(opts({ ...base, operationId: id }));
    expect(result).toMatchObject({ outcome, status: "FAILURE", rawStatus: raw, message: reason.message });
  });

  test("PARTIAL_COMPLETED is success only with allowPartial", async () => {
    emu.addOperation({ service: "emr", id: "op-life-partial", clusterId: base.clusterId, timeline: [{ state: "PARTIAL_COMPLETED" }] });
    const strict = await waitForOperation(opts({ ...base, operationId: "op-life-partial" }));
    const lenient = await waitForOperation(opts({ ...base, operationId: "op-life-partial", allowPartial: true }));
    expect([strict.outcome, strict.rawStatus]).toEqual(["FAILURE", "PARTIAL_COMPLETED"]);
    expect([lenient.outcome, lenient.rawStatus]).toEqual(["SUCCESS", "PARTIAL_COMPLETED"]);
  });

  test("another cluster's operation is not found (ResourceNotFound) and ends with ERROR", async () => {
    const result = await waitForOperation(opts({ ...base, clusterId: "c-other", operationId: "op-life-ok" }));
    expect(result).toMatchObject({ outcome: "ERROR", error: { code: "ResourceNotFound" } });
  });
});

describe("bcs", () => {
  const project = "051ddda57400d2982fccc014fab5749d";
  const base = { service: "bcs" as const, region: "cn-north-4", projectId: project };
  const steps = [
    { name: "Preparation", status: "finished", subSteps: [{ name: "Generate basic configurations", status: "finished", startTime: "1618218591951266000", endTime: "1618218591951266000" }] },
    { name: "Create Other Dependent Resource", status: "finished", subSteps: [{ name: "Create EIP", status: "finished", startTime: "1618219038464462600", endTime: "1618219038464462600" }, { name: "Create network storage", status: "finished" }] },
  ];

  test("waiting → processing → finished gives ordered steps with exact times", async () => {
    emu.addOperation({
      service: "bcs",
      id: "BCSSVC01-99-life-ok",
      projectId: project,
      blockchainName: "bcs-i3b0ms",
      timeline: [{ polls: 1, status: "waiting" }, { polls: 1, status: "processing", steps: [steps[0], { ...steps[1], status: "processing" }] }, { status: "finished", steps }],
    });
    const result = await waitForOperation(opts({ ...base, operationId: "BCSSVC01-99-life-ok" }));
    expect(result).toMatchObject({ outcome: "SUCCESS", status: "SUCCESS", rawStatus: "finished", polls: 3, error: null });
    expect(result.outputs).toMatchObject({ blockchainName: "bcs-i3b0ms" });
    expect(result.steps.map((s) => [s.name, s.serialNum])).toEqual([["Preparation", 1], ["Create Other Dependent Resource", 2]]);
    expect(result.steps[1].subSteps.map((s) => s.name)).toEqual(["Create EIP", "Create network storage"]);
    expect(result.steps[1].subSteps[0]).toMatchObject({ startTime: "2021-04-12T09:17:18.464Z", endTime: "2021-04-12T09:17:18.464Z" });
    expect(result.steps[0].subSteps[0].startTime).toBe("2021-04-12T09:09:51.951Z");
  });

  test.each([
    ["failed", "FAILURE"],
    ["stop", "CANCELLED"],
  ])("%s ends the wait with %s", async (raw, outcome) => {
    const id = `BCSSVC01-99-life-${raw}`;
    emu.addOperation({ service: "bcs", id, projectId: project, timeline: [{ polls: 1, status: "processing" }, { status: raw }] });
    const result = await waitForOperation(opts({ ...base, operationId: id }));
    expect(result).toMatchObject({ outcome, status: outcome, rawStatus: raw });
  });

  test("X-Auth-Token works when no AK/SK is set", async () => {
    emu.addOperation({ service: "bcs", id: "BCSSVC01-99-token", projectId: project, timeline: [{ status: "finished" }] });
    const env = { ...EMULATOR_ENV, HW_ACCESS_KEY: undefined, HW_SECRET_KEY: undefined, HW_AUTH_TOKEN: "opgate-emulator-token" };
    const result = await waitForOperation(opts({ ...base, operationId: "BCSSVC01-99-token", env }));
    expect(result.outcome).toBe("SUCCESS");
  });

  test("no record with the operation ID ends with ERROR after the grace period", async () => {
    const result = await waitForOperation(opts({ ...base, operationId: "BCSSVC01-99-unknown" }));
    expect(result.outcome).toBe("ERROR");
  });
});

describe("oos", () => {
  const base = { service: "oos" as const, region: "cn-hangzhou" };

  test("no statuses yet → Running over two pages → all Success/Skipped is SUCCESS with every resource", async () => {
    emu.addOperation({
      service: "oos",
      id: "exec-life-ok",
      timeline: [
        { polls: 1 },
        { polls: 4, count: 150, status: "Running" },
        { resources: [{ resourceId: "i-a", status: "Success", outputs: { commandOutput: "hello\n" }, executionTime: "2020-11-13T08:48:34Z" }, { resourceId: "i-b", status: "Skipped" }] },
      ],
    });
    const states: string[] = [];
    const result = await waitForOperation(opts({ ...base, executionId: "exec-life-ok", onProgress: (e) => e.changed && states.push(`${e.state}:${e.snapshot?.resources.length}`) }));
    expect(states).toEqual(["PENDING:0", "RUNNING:150", "SUCCESS:2"]);
    expect(result).toMatchObject({ service: "oos", operationId: "exec-life-ok", outcome: "SUCCESS", status: "SUCCESS", rawStatus: "Success", error: null });
    expect(result.resources).toEqual([
      { resourceId: "i-a", status: "Success", outputs: { commandOutput: "hello\n" }, executionTime: "2020-11-13T08:48:34Z" },
      expect.objectContaining({ resourceId: "i-b", status: "Skipped" }),
    ]);
    expect(result.outputs).toEqual({ counts: { Success: 1, Skipped: 1 } });
  });

  test("an empty execution is never SUCCESS", async () => {
    emu.addOperation({ service: "oos", id: "exec-life-empty", timeline: [{}] });
    const result = await waitForOperation(opts({ ...base, executionId: "exec-life-empty", timeout: "3s" }));
    expect(result).toMatchObject({ outcome: "TIMEOUT", status: "PENDING" });
  });

  test.each([
    [[{ resourceId: "i-a", status: "Success" }, { resourceId: "i-b", status: "Failed" }, { resourceId: "i-c", status: "Cancelled" }], "FAILURE", "Failed"],
    [[{ resourceId: "i-a", status: "Success" }, { resourceId: "i-c", status: "Cancelled" }], "CANCELLED", "Cancelled"],
  ])("resources %j end the wait with %s", async (resources, outcome, raw) => {
    const id = `exec-life-${outcome.toLowerCase()}`;
    emu.addOperation({ service: "oos", id, timeline: [{ polls: 1, count: 3, status: "Running" }, { resources }] });
    const result = await waitForOperation(opts({ ...base, executionId: id }));
    expect(result).toMatchObject({ outcome, status: outcome, rawStatus: raw });
  });

  test("an unknown execution (EntityNotExists.Execution) ends with ERROR", async () => {
    const result = await waitForOperation(opts({ ...base, executionId: "exec-unknown" }));
    expect(result).toMatchObject({ outcome: "ERROR", error: { code: "EntityNotExists.Execution" } });
  });
});

describe("errors from the API", () => {
  test("a wrong secret is a permanent error: ERROR after one request", async () => {
    emu.addOperation({ service: "bpstudio", id: "op_badkey", timeline: [{ status: "RUNNING" }] });
    const env = { ...EMULATOR_ENV, ALIBABA_CLOUD_ACCESS_KEY_SECRET: "not-the-secret" };
    const result = await waitForOperation(opts({ service: "bpstudio", operationId: "op_badkey", env }));
    expect(result).toMatchObject({ outcome: "ERROR", polls: 1, error: { code: "SignatureDoesNotMatch" } });
    expect(JSON.stringify(result)).not.toContain("not-the-secret");
  });

  test("throttling, 5xx, resets and broken bodies are ridden out", async () => {
    emu.addOperation({
      service: "emr",
      id: "op-faulty",
      clusterId: "c-1",
      timeline: [{ polls: 2, state: "IN_PROGRESS" }, { state: "COMPLETED" }],
      faults: [
        { poll: 1, kind: "throttle" },
        { poll: 2, kind: "server-error" },
        { poll: 3, kind: "malformed" },
        { poll: 4, kind: "truncated" },
        { poll: 5, kind: "error-body" },
      ],
    });
    const result = await waitForOperation(opts({ service: "emr", region: "cn-hangzhou", clusterId: "c-1", operationId: "op-faulty" }));
    expect(result).toMatchObject({ outcome: "SUCCESS", rawStatus: "COMPLETED", error: null });
    expect(result.polls).toBeGreaterThanOrEqual(8);
  });

  test("a body over the size cap ends the wait with ERROR, not an out-of-memory", async () => {
    emu.addOperation({ service: "oos", id: "exec-huge", timeline: [{ count: 1, status: "Running" }], faults: [{ poll: 1, kind: "huge" }] });
    const result = await waitForOperation(opts({ service: "oos", region: "cn-hangzhou", executionId: "exec-huge" }));
    expect(result).toMatchObject({ outcome: "ERROR", error: { code: "ResponseTooLarge" } });
  });

  test("transient errors until the deadline give TIMEOUT with the last error", async () => {
    emu.addOperation({ service: "emr", id: "op-always-throttled", clusterId: "c-1", timeline: [{ state: "IN_PROGRESS" }], faults: [{ from: 1, kind: "throttle" }] });
    const result = await waitForOperation(opts({ service: "emr", region: "cn-hangzhou", clusterId: "c-1", operationId: "op-always-throttled", timeout: "3s" }));
    expect(result).toMatchObject({ outcome: "TIMEOUT", status: null, error: { code: "ThrottlingException" } });
  });

  // The answer would come after 10 minutes and the request timeout is 10 minutes too: only cutting the
  // request at the 2 s deadline (room for the first request to go out on a busy machine) lets this test finish.
  test("a request slower than the deadline is cut at the deadline", async () => {
    emu.addOperation({ service: "emr", id: "op-slow", clusterId: "c-1", timeline: [{ state: "IN_PROGRESS" }], faults: [{ from: 1, kind: "delay", ms: 600_000 }] });
    const result = await waitForOperation(
      opts({ service: "emr", region: "cn-hangzhou", clusterId: "c-1", operationId: "op-slow", timeout: "2s", tuning: { ...FAST, requestTimeoutMs: 600_000 } }),
    );
    expect(result).toMatchObject({ outcome: "TIMEOUT", polls: 1, status: null });
  }, 15_000);

  test("aborting the signal interrupts the wait", async () => {
    emu.addOperation({ service: "emr", id: "op-abort", clusterId: "c-1", timeline: [{ state: "IN_PROGRESS" }] });
    const ctl = new AbortController();
    const result = await waitForOperation(opts({ service: "emr", region: "cn-hangzhou", clusterId: "c-1", operationId: "op-abort", signal: ctl.signal, onProgress: (e) => e.polls >= 2 && ctl.abort() }));
    expect(result).toMatchObject({ outcome: "INTERRUPTED", status: "RUNNING", polls: 2 });
  });
});
