/**
 * Failing waits and bad inputs on the real provider host: Create fails with
 * the API's reason and records nothing (the next `up` waits again); Check
 * names the field at fault.
 */
import { plainOutputs } from "./harness/engine";
import { RpcError } from "./harness/provider-host";
import { startTestStack, type TestStack } from "./harness/stack";

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({
    scenario: {
      operations: [
        { service: "emr", id: "op-fails", clusterId: "c-1", timeline: [{ state: "FAILED", stateChangeReason: { code: "NodeFailure", message: "2 nodes failed to start" } }] },
        { service: "emr", id: "op-partial", clusterId: "c-1", timeline: [{ state: "PARTIAL_COMPLETED" }] },
        { service: "bpstudio", id: "op_fails", timeline: [{ status: "FAILURE", message: "ROS stack rollback: quota exceeded" }] },
        { service: "bcs", id: "op-stopped", projectId: "p-1", timeline: [{ status: "stop", message: ["stopped by the user"] }] },
        { service: "oos", id: "exec-forever", timeline: [{ count: 1, status: "Running" }] },
        { service: "oos", id: "exec-skewed", timeline: [{ count: 1, status: "Running" }], faults: [{ from: 1, kind: "skewed-clock" }] },
      ],
    },
  });
}, 30_000);

afterAll(async () => {
  await stack?.close();
});

/** Check + Create of the example's resource of `type` with `change`d inputs; resolves with the Create error. */
async function failedCreate(type: string, change: Record<string, unknown>): Promise<RpcError> {
  const error = await stack.engine.create(stack.registration(type, change)).then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(error instanceof RpcError)) throw new Error(`expected Create to fail over gRPC, got ${String(error)}`);
  return error;
}

describe("Create fails with the reason, recording nothing", () => {
  test("EMR FAILED: the StateChangeReason message", async () => {
    const error = await failedCreate("opgate:EmrOperation", { clusterId: "c-1", operationId: "op-fails" });
    expect(error.message).toContain("FAILURE");
    expect(error.message).toContain("2 nodes failed to start");
    expect(error.initFailed).toBe(false);

    // Nothing was recorded, so the next `up` creates (and waits) again.
    const before = stack.emulator.requests.length;
    await expect(failedCreate("opgate:EmrOperation", { clusterId: "c-1", operationId: "op-fails" })).resolves.toBeInstanceOf(RpcError);
    expect(stack.emulator.requests.length).toBeGreaterThan(before);
  });

  test("EMR PARTIAL_COMPLETED fails unless allowPartial", async () => {
    const error = await failedCreate("opgate:EmrOperation", { clusterId: "c-1", operationId: "op-partial" });
    expect(error.message).toContain("FAILURE");
    const created = await stack.engine.create(stack.registration("opgate:EmrOperation", { clusterId: "c-1", operationId: "op-partial", allowPartial: true }));
    expect(plainOutputs(created)).toMatchObject({ status: "SUCCESS", rawStatus: "PARTIAL_COMPLETED", allowPartial: true });
  });

  test("BPStudio FAILURE: Data.Message", async () => {
    const error = await failedCreate("opgate:BpStudioOperation", { operationId: "op_fails" });
    expect(error.message).toContain("FAILURE");
    expect(error.message).toContain("ROS stack rollback: quota exceeded");
  });

  test("BCS stop: CANCELLED", async () => {
    const error = await failedCreate("opgate:BcsOperation", { projectId: "p-1", operationId: "op-stopped" });
    expect(error.message).toContain("CANCELLED");
    expect(error.message).toContain("stopped by the user");
  });

  test("TIMEOUT: the resource's own deadline ends the wait", async () => {
    const error = await failedCreate("opgate:OosExecution", { executionId: "exec-forever", timeout: "1s" });
    expect(error.message).toContain("TIMEOUT");
    expect(error.message).toContain("did not end within 1s");
    expect(error.message).toContain("last status Running");
  });

  test("ERROR: a permanent API error ends the wait at once with the API's code and message", async () => {
    const error = await failedCreate("opgate:OosExecution", { executionId: "exec-skewed" });
    expect(error.message).toContain("ended with ERROR InvalidTimeStamp.Expired");
    expect(stack.emulator.requests.filter((r) => r.operationId === "exec-skewed")).toHaveLength(1);
  });

  test("missing credentials: the message names the stack config keys", async () => {
    const host = await stack.startHost({ ...stack.env, PULUMI_CONFIG: JSON.stringify({}) });
    const reg = stack.registration("opgate:BcsOperation", { projectId: "p-1", operationId: "op-stopped" });
    const error = await host.create(`urn:pulumi:test::opgate-example::${reg.type}::${reg.name}`, reg.inputs).then(() => undefined, (err: RpcError) => err);
    expect(error?.message).toContain("HW_ACCESS_KEY");
    expect(error?.message).toContain("huaweicloud:accessKey");
  });
});

describe("Check names the field at fault", () => {
  async function failures(type: string, change: Record<string, unknown>) {
    const reg = stack.registration(type, change);
    return (await stack.engine.preview({ ...reg, inputs: Object.fromEntries(Object.entries(reg.inputs).filter(([, v]) => v !== null)) })).failures;
  }

  test("a missing operation ID", async () => {
    expect(await failures("opgate:EmrOperation", { operationId: null })).toEqual([
      { property: "operationId", reason: expect.stringContaining("set the operationId argument") },
    ]);
  });

  test("a missing region, with where else it may come from", async () => {
    expect(await failures("opgate:EmrOperation", { region: null })).toEqual([
      { property: "region", reason: expect.stringMatching(/alicloud:region.*ALIBABA_CLOUD_REGION_ID/) },
    ]);
  });

  test("a missing BCS project falls back to stack config, else is named", async () => {
    expect(await failures("opgate:BcsOperation", { projectId: null })).toEqual([
      { property: "projectId", reason: expect.stringMatching(/huaweicloud:projectId.*HW_PROJECT_ID/) },
    ]);
  });

  test("bad values of different inputs are all reported", async () => {
    const found = await failures("opgate:EmrOperation", { clusterId: " c-1", timeout: "soon", endpoint: "ftp://example.com", allowPartial: "yes" });
    expect(found.map((f) => f.property).sort()).toEqual(["allowPartial", "clusterId", "endpoint", "timeout"]);
    expect(found.find((f) => f.property === "timeout")?.reason).toContain("is not a duration");
  });

  test("a non-boolean allowPartial", async () => {
    expect(await failures("opgate:EmrOperation", { allowPartial: "yes" })).toEqual([
      { property: "allowPartial", reason: expect.stringContaining("true or false") },
    ]);
  });
});
