/**
 * The example program, end to end without the pulumi binary: run under mocks
 * to capture what it registers (including `__provider`), then its resources
 * driven through the real dynamic-provider host over gRPC, as the engine
 * drives them, against the emulator playing examples/pulumi/scenario.json.
 * Credentials are canaries given through the environment AND stack config;
 * the emulator accepts only the stack config ones.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { plainOutputs, type StoredResource } from "./harness/engine";
import { exampleEntryPoint } from "./harness/program";
import { RPC_STATUS, UNKNOWN } from "./harness/provider-host";
import { startTestStack, type TestStack } from "./harness/stack";

const { pwd } = exampleEntryPoint();
const scenario = JSON.parse(readFileSync(path.join(pwd, "scenario.json"), "utf8"));

const canaries = {
  alibabaEnv: `alibaba-env-canary-${randomUUID()}`,
  alibabaConfig: `alibaba-config-canary-${randomUUID()}`,
  huaweiEnv: `huawei-env-canary-${randomUUID()}`,
  huaweiConfig: `huawei-config-canary-${randomUUID()}`,
};

/** What the mocked engine answers for the waits, so the stack outputs can be checked. */
const MOCK_OUTPUTS = {
  "pulumi-nodejs:dynamic/opgate:BpStudioOperation": { status: "SUCCESS", tagMap: { cadt: ["mock"] } },
  "pulumi-nodejs:dynamic/opgate:BcsOperation": { status: "SUCCESS", steps: [{ name: "mock step" }] },
  "pulumi-nodejs:dynamic/opgate:OosExecution": { status: "SUCCESS", resources: [{ resourceId: "i-mock" }] },
  "pulumi-nodejs:dynamic/opgate:EmrOperation": { status: "SUCCESS" },
};

const WAITS = ["opgate:BpStudioOperation", "opgate:EmrOperation", "opgate:BcsOperation", "opgate:OosExecution"];

let stack: TestStack;
/** Everything the program and the host handed out, searched for the canaries at the end. */
const seen: unknown[] = [];

beforeAll(async () => {
  stack = await startTestStack({
    scenario,
    credentials: { alibabaAccessKeySecret: canaries.alibabaConfig, huaweiSecretKey: canaries.huaweiConfig },
    config: {
      "alicloud:accessKey": "opgate-emulator",
      "alicloud:secretKey": canaries.alibabaConfig,
      "huaweicloud:accessKey": "OPGATEEMULATORAK",
      "huaweicloud:secretKey": canaries.huaweiConfig,
    },
    env: {
      ALIBABA_CLOUD_ACCESS_KEY_ID: "opgate-emulator",
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: canaries.alibabaEnv,
      HW_ACCESS_KEY: "OPGATEEMULATORAK",
      HW_SECRET_KEY: canaries.huaweiEnv,
    },
    mockOutputs: MOCK_OUTPUTS,
  });
  seen.push(stack.run);
}, 30_000);

afterAll(async () => {
  await stack?.close();
});

describe("the example program under mocks", () => {
  test("runs without errors and registers one wait per service plus a resource gated on them", () => {
    expect(stack.run.errors).toEqual([]);
    const waits = WAITS.map((type) => stack.registration(type));
    const release = stack.registration("example:Release");
    expect(release.dependencies).toHaveLength(waits.length);
    for (const wait of waits) expect(release.dependencies).toContainEqual(expect.stringContaining(`::${wait.name}`));
    for (const wait of waits) expect(wait.dependencies).toEqual([]);
  });

  test("every wait carries the same __provider, well under 16 KiB", () => {
    const providers = WAITS.map((type) => stack.registration(type).inputs.__provider as string);
    const size = Buffer.byteLength(providers[0], "utf8");
    console.log(`serialized __provider: ${size} bytes (${(size / 1024).toFixed(2)} KiB)`);
    expect(size).toBeLessThan(16 * 1024);
    expect(new Set(providers).size).toBe(1);
    // It loads opgate at call time instead of carrying it.
    expect(providers[0]).toContain('"opgate/pulumi/provider"');
    expect(providers[0]).not.toContain("waitForOperation");
  });

  test("the stack outputs hold the tagMap, the BCS steps, the OOS per-resource results and each wait's result", () => {
    expect(stack.run.stackOutputs).toMatchObject({
      tagMap: { cadt: ["mock"] },
      bcsSteps: [{ name: "mock step" }],
      oosResources: [{ resourceId: "i-mock" }],
      results: { bpstudio: { status: "SUCCESS" }, emr: { status: "SUCCESS" }, bcs: { status: "SUCCESS" }, oos: { status: "SUCCESS" } },
      releasedTagMap: { cadt: ["mock"] },
    });
  });
});

describe("the example's resources on the real provider host", () => {
  let stored: Record<string, StoredResource>;

  test("Handshake, GetPluginInfo, Configure: the host answers as the engine expects", () => {
    expect(stack.configured.handshake).toBe(RPC_STATUS.UNIMPLEMENTED);
    expect(stack.configured.version).toMatch(/^3\./);
    expect(stack.configured.acceptSecrets).toBe(false);
  });

  test("preview is Check only: inputs not known yet pass, and no API is called", async () => {
    for (const type of WAITS) {
      const reg = stack.registration(type);
      const unknownId = Object.fromEntries(["operationId", "executionId"].filter((k) => k in reg.inputs).map((k) => [k, UNKNOWN]));
      const checked = await stack.engine.preview({ ...reg, inputs: { ...reg.inputs, ...unknownId, region: UNKNOWN } });
      expect(checked.failures).toEqual([]);
      seen.push(checked);
    }
    expect(stack.emulator.requests).toHaveLength(0);
  });

  test("up: Check + Create wait for every operation and give the Result's outputs", async () => {
    const created = await Promise.all(WAITS.map((type) => stack.engine.create(stack.registration(type))));
    stored = Object.fromEntries(WAITS.map((type, i) => [type, created[i]]));
    seen.push(created);

    const bp = plainOutputs(stored["opgate:BpStudioOperation"]);
    expect(bp).toMatchObject({
      service: "bpstudio",
      operationId: "op_0123456789abcdef",
      status: "SUCCESS",
      rawStatus: "SUCCESS",
      outcome: "SUCCESS",
      tagMap: { cadt: ["12xxxxxxx", "34xxxxxxx"] },
      arguments: { tagMap: { cadt: ["12xxxxxxx", "34xxxxxxx"] } },
      outputs: { tagMap: { cadt: ["12xxxxxxx", "34xxxxxxx"] }, message: [{ listenerPort: 80 }] },
      steps: [],
      resources: [],
      error: null,
    });
    expect(bp.polls).toBeGreaterThanOrEqual(2);

    expect(plainOutputs(stored["opgate:EmrOperation"])).toMatchObject({
      clusterId: "c-b933c5aac8feabcd",
      status: "SUCCESS",
      rawStatus: "COMPLETED",
      outputs: {
        operationType: "SCALE_OUT",
        clusterId: "c-b933c5aac8feabcd",
        description: "add 2 task nodes",
        createTime: 1700000000000,
        startTime: 1700000001000,
        endTime: 1700000060000,
        stateChangeReason: null,
      },
    });

    const bcs = plainOutputs(stored["opgate:BcsOperation"]);
    expect(bcs).toMatchObject({ status: "SUCCESS", rawStatus: "finished", outputs: { blockchainName: "demo-chain" } });
    expect(bcs.steps.map((s: { name: string }) => s.name)).toEqual(["Preparation", "Create Other Dependent Resource"]);
    expect(bcs.steps[0].subSteps[0]).toMatchObject({
      name: "Generate basic configurations",
      startTime: "2021-04-12T09:09:51.906Z",
      endTime: "2021-04-12T09:10:38.464Z",
    });

    expect(plainOutputs(stored["opgate:OosExecution"])).toMatchObject({
      executionId: "exec-6be6d6ff805349d9ac13",
      status: "SUCCESS",
      rawStatus: "Success",
      outputs: { counts: { Success: 1, Skipped: 1 } },
      resources: [
        { resourceId: "i-a", status: "Success", outputs: { commandOutput: "hello\n" } },
        { resourceId: "i-b", status: "Skipped" },
      ],
    });
    // The OOS execution ID is echoed under its own name only (a secret input stays secret by name).
    expect(plainOutputs(stored["opgate:OosExecution"])).not.toHaveProperty("operationId");
  });

  test("the gated resource runs on the same host once the waits are done, with the waits' tagMap", async () => {
    const release = stack.registration("example:Release");
    const tagMap = plainOutputs(stored["opgate:BpStudioOperation"]).tagMap;
    const created = await stack.engine.create({ ...release, inputs: { ...release.inputs, tagMap } });
    expect(plainOutputs(created).tagMap).toEqual({ cadt: ["12xxxxxxx", "34xxxxxxx"] });
  });

  test("refresh re-reads the operation; identical inputs are no diff", async () => {
    const emr = stored["opgate:EmrOperation"];
    const refreshed = await stack.engine.refresh(emr);
    expect(plainOutputs(refreshed)).toEqual(plainOutputs(emr));
    const plan = await stack.engine.plan(refreshed, stack.registration("opgate:EmrOperation"));
    expect(plan).toMatchObject({ changes: "DIFF_NONE", replaces: [] });
  });

  test("a changed operation ID, cluster, region or endpoint replaces; timeout and allowPartial update without a wait", async () => {
    const emr = stored["opgate:EmrOperation"];
    const reg = stack.registration("opgate:EmrOperation");
    const planFor = (change: Record<string, unknown>) => stack.engine.plan(emr, { ...reg, inputs: { ...reg.inputs, ...change } });

    expect(await planFor({ operationId: "op-another" })).toMatchObject({ changes: "DIFF_SOME", replaces: ["operationId"] });
    expect(await planFor({ clusterId: "c-another" })).toMatchObject({ changes: "DIFF_SOME", replaces: ["clusterId"] });
    expect(await planFor({ region: "cn-shanghai" })).toMatchObject({ changes: "DIFF_SOME", replaces: ["region"] });
    expect(await planFor({ endpoint: "http://127.0.0.1:9" })).toMatchObject({ changes: "DIFF_SOME", replaces: ["endpoint"] });
    expect(await planFor({ allowPartial: false })).toMatchObject({ changes: "DIFF_NONE" });
    expect(await planFor({ allowPartial: true })).toMatchObject({ changes: "DIFF_SOME", replaces: [] });

    const plan = await planFor({ timeout: "45m" });
    expect(plan).toMatchObject({ changes: "DIFF_SOME", replaces: [] });
    const before = stack.emulator.requests.length;
    const updated = await stack.engine.update(emr, plan);
    expect(stack.emulator.requests.length).toBe(before);
    const { timeout, ...outputs } = plainOutputs(updated);
    expect(timeout).toBe("45m");
    const { timeout: _old, ...storedOutputs } = plainOutputs(emr);
    expect(outputs).toEqual(storedOutputs);
  });

  test("refresh keeps the stored outputs once the API has forgotten the operation; delete calls no API", async () => {
    const bp = stored["opgate:BpStudioOperation"];
    stack.emulator.forget("op_0123456789abcdef", "bpstudio");
    const refreshed = await stack.engine.refresh(bp);
    expect(plainOutputs(refreshed)).toEqual(plainOutputs(bp));
    expect(plainOutputs(refreshed).tagMap).toEqual({ cadt: ["12xxxxxxx", "34xxxxxxx"] });

    const before = stack.emulator.requests.length;
    for (const resource of Object.values(stored)) await stack.engine.destroy(resource);
    expect(stack.emulator.requests.length).toBe(before);
  });

  test("no canary credential appears in __provider, the registered inputs, the stack outputs, any answer or the host's log", () => {
    const everything = JSON.stringify([seen, stored]) + stack.host.stderr;
    for (const canary of Object.values(canaries)) expect(everything).not.toContain(canary);
    // The stack config pair won over the environment's: the emulator only accepts the former.
    expect(stack.emulator.requests.every((r) => r.status === 200)).toBe(true);
  });
});
