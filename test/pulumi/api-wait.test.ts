/**
 * `ApiWait` through the real provider host, as the engine drives it: a
 * program with one wait per example of examples/api/ (run under mocks to
 * capture what it registers, `__provider` included), created against the
 * emulator playing examples/api/scenario.json, then previewed, planned,
 * updated, refreshed and destroyed. The scenario's answers carry a canary
 * outside the outputs the specs select, and the stack config carries canary
 * secret keys: neither may reach the state, the errors or the host's log.
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import { apiScenario, THREE_EXAMPLES, withAnswerCanary } from "../api/support";
import { plainOutputs, urnOf, type Registration, type StoredResource } from "./harness/engine";
import { isSecretValue, RpcError, UNKNOWN, withSecretsHidden, type Props } from "./harness/provider-host";
import { startTestStack, type TestStack } from "./harness/stack";

const PROGRAM = { pwd: path.join(__dirname, "programs", "api-wait"), program: "index.ts" };
const ANSWER_CANARY = `answer-canary-${randomUUID()}`;
const CREDENTIAL_CANARIES = { alibaba: `alibaba-secret-canary-${randomUUID()}`, huawei: `huawei-secret-canary-${randomUUID()}` };
const SECRET_JOB = "2c9eb2c15bd1da1b015bd1dd1ebc001a";

let stack: TestStack;
/** Everything the program, the engine and the host handed out, searched for the canaries at the end. */
const seen: unknown[] = [];
const stored: Record<string, StoredResource> = {};

beforeAll(async () => {
  stack = await startTestStack({
    entryPoint: PROGRAM,
    scenario: withAnswerCanary(ANSWER_CANARY)(apiScenario()),
    // What the mocked engine answers for each wait, so that the program's stack outputs can be computed.
    mockOutputs: { "pulumi-nodejs:dynamic/opgate:ApiWait": { status: "SUCCESS", outputs: { privateIp: "192.0.2.1", serverIds: [] } } },
    credentials: { alibabaAccessKeySecret: CREDENTIAL_CANARIES.alibaba, huaweiSecretKey: CREDENTIAL_CANARIES.huawei },
    config: {
      "alicloud:accessKey": "opgate-emulator",
      "alicloud:secretKey": CREDENTIAL_CANARIES.alibaba,
      "huaweicloud:accessKey": "OPGATEEMULATORAK",
      "huaweicloud:secretKey": CREDENTIAL_CANARIES.huawei,
    },
  });
  seen.push(stack.run);
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

/** The registration of the ApiWait named `name`, its inputs changed by `change`. */
function registration(name: string, change: Props = {}): Registration {
  const found = stack.run.resources.find((r) => r.type === "pulumi-nodejs:dynamic/opgate:ApiWait" && r.name === name);
  if (!found) throw new Error(`the program registered no ApiWait ${name}`);
  return { ...found, inputs: { ...found.inputs, ...change } };
}

/** Requests the emulator answered for the scripted operation `id`. */
const requestsFor = (id: string) => stack.emulator.requests.filter((r) => r.operationId === id).length;

/** Create of `name`; resolves with the error the engine receives. */
async function failedCreate(name: string): Promise<RpcError> {
  const error = await stack.engine.create(registration(name)).then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(error instanceof RpcError)) throw new Error(`expected Create to fail over gRPC, got ${String(error)}`);
  seen.push(error.message);
  return error;
}

test("the program registers one ApiWait per wait, each with the same small __provider, and a secret var marked secret", () => {
  expect(stack.run.errors).toEqual([]);
  const waits = ["web-running", "web-stack", "create-server", "resize-server"].map((name) => registration(name));
  const providers = new Set(waits.map((wait) => wait.inputs.__provider as string));
  expect(providers.size).toBe(1);
  const [provider] = providers;
  expect(Buffer.byteLength(provider, "utf8")).toBeLessThan(16 * 1024);
  expect(provider).toContain('"opgate/pulumi/provider"');
  expect(waits[0].inputs).toMatchObject({ service: "api", spec: { call: { action: "DescribeInstances" } }, vars: { instance_id: "i-bp1f3a9c7d2e5b8a0c4d" }, secretInputNames: [] });
  const secretJob = registration("resize-server").inputs;
  expect(isSecretValue(secretJob.vars.job_id)).toBe(true);
  expect(secretJob.secretInputNames).toEqual(["vars"]);
});

describe("preview is Check only", () => {
  test("vars and a region not known yet pass, and no API is called", async () => {
    const reg = registration("web-running", { vars: { instance_id: UNKNOWN }, region: UNKNOWN });
    expect((await stack.engine.preview(reg)).failures).toEqual([]);
    expect((await stack.engine.preview(registration("web-running", { vars: UNKNOWN }))).failures).toEqual([]);
    expect(stack.emulator.requests).toHaveLength(0);
  });

  test("a spec error names its JSON path; a var no placeholder uses and a missing one are named too; nothing is sent", async () => {
    const { spec } = registration("web-running").inputs;
    const failures = async (change: Props) => (await stack.engine.preview(registration("web-running", change))).failures;
    expect(await failures({ spec: { ...spec, call: { ...spec.call, action: "RunInstances" } } })).toEqual([
      { property: "spec.call.action", reason: expect.stringContaining('"RunInstances" is not named like a read API') },
    ]);
    expect(await failures({ vars: { instance_id: "i-1", other: "x" } })).toEqual([{ property: "vars.other", reason: expect.stringContaining("is not used") }]);
    expect(await failures({ vars: {} })).toEqual([{ property: "spec.call.params.InstanceIds[0]", reason: expect.stringContaining("{{instance_id}} has no value") }]);
    expect(await failures({ spec: null })).toEqual([{ property: "spec", reason: expect.stringContaining("set the spec argument") }]);
    expect(stack.emulator.requests).toHaveLength(0);
  });
});

describe("up", () => {
  test("ECS: Create waits through a throttle until Running; the outputs are the spec's selection, typed", async () => {
    const [ecs] = THREE_EXAMPLES;
    stored.web = await stack.engine.create(registration("web-running"));
    seen.push(stored.web);
    expect(plainOutputs(stored.web)).toMatchObject({
      service: "api",
      status: "SUCCESS",
      rawStatus: "Running",
      message: null,
      outputs: ecs.expected.outputs,
      steps: [],
      resources: [],
      outcome: "SUCCESS",
      error: null,
      vars: ecs.vars,
      region: "cn-hangzhou",
    });
    expect(stack.emulator.requests.filter((r) => r.operationId === "ecs-web").map((r) => r.code)).toContain("Throttling.User");
  });

  test("ROS: Create fails with the stack's StatusReason once the rollback is over, recording nothing", async () => {
    const error = await failedCreate("web-stack");
    expect(error.message).toContain("ended with FAILURE: Resource CREATE failed: InvalidVSwitchId.NotFound");
    expect(error.initFailed).toBe(false);
  });

  test("Huawei ECS job: Create fails with Ecs.0013: Insufficient EIP quota.", async () => {
    const error = await failedCreate("create-server");
    expect(error.message).toContain("ended with FAILURE: Ecs.0013: Insufficient EIP quota.");
  });

  test("a secret var stays secret in the state, with every output that may quote it", async () => {
    stored.secret = await stack.engine.create(registration("resize-server"));
    seen.push(stored.secret);
    const { outputs } = stored.secret;
    expect(isSecretValue(outputs.vars.job_id)).toBe(true);
    for (const name of ["outputs", "message", "steps", "resources", "error"]) expect(isSecretValue(outputs[name])).toBe(true);
    expect((outputs.outputs as { value: Props }).value).toMatchObject({ serverIds: ["7c1a7b3e-2f41-4b8a-9c55-0d6a3e9f1b22"] });
    expect(JSON.stringify(withSecretsHidden({ inputs: stored.secret.inputs, outputs }))).not.toContain(SECRET_JOB);
  });
});

describe("the next up", () => {
  test("the same inputs are no diff, whatever the order of the spec's keys", async () => {
    const reg = registration("web-running");
    const reordered = Object.fromEntries(Object.entries(reg.inputs.spec as Props).reverse());
    expect(await stack.engine.plan(stored.web, reg)).toMatchObject({ changes: "DIFF_NONE", replaces: [] });
    expect(await stack.engine.plan(stored.web, { ...reg, inputs: { ...reg.inputs, spec: reordered } })).toMatchObject({ changes: "DIFF_NONE" });
  });

  test("another spec or other vars replace (a new wait); another timeout is an update without a request", async () => {
    const { spec } = registration("web-running").inputs;
    const planFor = (change: Props) => stack.engine.plan(stored.web, registration("web-running", change));
    expect(await planFor({ spec: { ...spec, success: ["Running", "Stopped"] } })).toMatchObject({ changes: "DIFF_SOME", replaces: ["spec"] });
    expect(await planFor({ vars: { instance_id: "i-bp1e0d4c2b9a7f6e5d3c" } })).toMatchObject({ changes: "DIFF_SOME", replaces: ["vars"] });
    expect(await planFor({ region: "cn-shanghai" })).toMatchObject({ changes: "DIFF_SOME", replaces: ["region"] });

    const plan = await planFor({ timeout: "45m" });
    expect(plan).toMatchObject({ changes: "DIFF_SOME", replaces: [] });
    const before = stack.emulator.requests.length;
    const updated = await stack.engine.update(stored.web, plan);
    expect(stack.emulator.requests.length).toBe(before);
    const { timeout, ...outputs } = plainOutputs(updated);
    expect(timeout).toBe("45m");
    const { timeout: _old, ...kept } = plainOutputs(stored.web);
    expect(outputs).toEqual(kept);
  });
});

describe("refresh and destroy", () => {
  test("refresh asks the API once more; once it no longer knows the instance, the stored outputs stay", async () => {
    const before = requestsFor("ecs-web");
    const refreshed = await stack.engine.refresh(stored.web);
    expect(requestsFor("ecs-web")).toBe(before + 1);
    expect(plainOutputs(refreshed)).toEqual(plainOutputs(stored.web));

    stack.emulator.forget("ecs-web", "api");
    const kept = await stack.engine.refresh(stored.web);
    expect(requestsFor("ecs-web")).toBe(before + 2);
    expect(plainOutputs(kept)).toEqual(plainOutputs(stored.web));
    seen.push(refreshed, kept);
  });

  test("destroy calls no API", async () => {
    const before = stack.emulator.requests.length;
    for (const resource of Object.values(stored)) await stack.engine.destroy(resource);
    expect(stack.emulator.requests.length).toBe(before);
  });
});

test("missing credentials: the message names the stack config keys of the spec's cloud", async () => {
  const host = await stack.startHost({ ...stack.env, PULUMI_CONFIG: JSON.stringify({}) });
  const create = (name: string) => {
    const reg = registration(name);
    return host.create(urnOf(reg), reg.inputs).then(
      () => "",
      (err: RpcError) => err.message,
    );
  };
  const [alibaba, huawei] = await Promise.all([create("web-running"), create("create-server")]);
  expect(alibaba).toContain("alicloud:accessKey");
  expect(huawei).toContain("huaweicloud:accessKey");
  seen.push(alibaba, huawei, host.stderr);
});

test("neither the answers' canary nor a credential appears in the registrations, the state, the errors or the host's log", () => {
  const everything = JSON.stringify(seen) + stack.host.stderr;
  expect(everything).toContain("Insufficient EIP quota");
  for (const canary of [ANSWER_CANARY, ...Object.values(CREDENTIAL_CANARIES)]) expect(everything).not.toContain(canary);
});
