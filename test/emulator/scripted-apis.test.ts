/**
 * Scripted APIs over real HTTP: any Alibaba RPC action, ROA path or Huawei
 * path, matched by parameters and path templates, frames over time, each
 * style's error bodies, the gateway's unknown-API errors, real signature
 * checks (the tests' independent signers and opgate's own), faults and the
 * rate limit, and the four services' precedence.
 */
import { createApiCaller } from "../../src/clients/index";
import { InputError } from "../../src/core/errors";
import { type Emulator, type Scenario, type ScenarioOperation, type ScriptedApiOperation, startEmulator } from "../../src/emulator/index";
import { ManualClock } from "./support/fake-services";
import { type RawRequest, type RawResponse, json, send } from "./support/http";
import { opgateAcs3Request, opgateHuaweiRequest } from "./support/opgate-signed-requests";
import { scenarioExamples } from "./support/scenario-examples";
import { HUAWEI, acs3Request, huaweiRequest, tokenRequest, v1Request } from "./support/signed-requests";

const ECS = { cloud: "alibaba", product: "ecs", action: "DescribeInstances", version: "2014-05-26" } as const;
const ECS_PARAMS = { RegionId: "cn-hangzhou", InstanceIds: '["i-bp1web"]' };
const instance = (Status: string) => ({ Instances: { Instance: [{ InstanceId: "i-bp1web", Status }] } });

/** ECS DescribeInstances: not visible yet, Pending for 4 s, then Running. */
const ecsOperation: ScriptedApiOperation = {
  service: "api",
  id: "web",
  call: { ...ECS, match: { RegionId: "cn-hangzhou", InstanceIds: ["i-bp1web"] } },
  base: { RequestId: "3F1E0B2A-0000-4000-8000-000000000001", TotalCount: 1, ...instance("Pending") },
  timeline: [
    { polls: 1, body: { RequestId: "3F1E0B2A-0000-4000-8000-000000000002", TotalCount: 0, Instances: { Instance: [] } } },
    { for: "4s", patch: {} },
    { patch: instance("Running") },
  ],
};

const CS = { cloud: "alibaba", product: "cs", action: "DescribeClusterDetail", version: "2015-12-15" } as const;
/** ACK DescribeClusterDetail (ROA): initial, then failed with a lower-case error body. */
const clusterOperation: ScriptedApiOperation = {
  service: "api",
  id: "cluster",
  call: { ...CS, path: "/clusters/{ClusterId}", match: { ClusterId: "c-1" } },
  base: { cluster_id: "c-1", name: "k8s", state: "initial" },
  timeline: [{ polls: 1, patch: {} }, { polls: 1, patch: { state: "running" } }, { error: { status: 404, code: "ErrorClusterNotFound", message: "cluster c-1 not found" } }],
};

const PROJECT = "0123456789abcdef0123456789abcdef";
const JOB = "ff80808288d41e1b018990260955686a";
const JOB_PATH = `/v1/${PROJECT}/jobs/${JOB}`;
/** Huawei ECS job: RUNNING, then FAIL (HTTP 200 data with error_code and fail_reason). */
const jobOperation: ScriptedApiOperation = {
  service: "api",
  id: "job",
  call: { cloud: "huawei", path: "/v1/{project_id}/jobs/{job_id}", match: { job_id: JOB } },
  base: { job_id: JOB, job_type: "createServer", status: "RUNNING", entities: { sub_jobs_total: 1, sub_jobs: [] } },
  timeline: [
    { polls: 1, patch: {} },
    { patch: { status: "FAIL", error_code: "Ecs.0013", fail_reason: "Insufficient EIP quota." } },
  ],
};

let emu: Emulator;
let clock: ManualClock;

beforeEach(async () => {
  clock = new ManualClock();
  emu = await startEmulator({ now: clock.now });
});
afterEach(() => emu.close());

const ecs = (params: Record<string, string> = ECS_PARAMS, extra: Partial<Parameters<typeof acs3Request>[0]> = {}) =>
  acs3Request({ port: emu.port, action: ECS.action, version: ECS.version, params, at: clock.t, ...extra });
const cluster = (id = "c-1", extra: Partial<Parameters<typeof acs3Request>[0]> = {}) =>
  acs3Request({ port: emu.port, action: CS.action, version: CS.version, path: `/clusters/${id}`, method: "GET", at: clock.t, ...extra });
const job = (path = JOB_PATH) => huaweiRequest({ port: emu.port, path, at: clock.t });

function errorOf(res: RawResponse): { status: number; code: string; message: string } {
  const body = json(res);
  return { status: res.status, code: body.Code ?? body.code ?? body.error_code, message: body.Message ?? body.message ?? body.error_msg };
}

const NOT_FOUND_ALIBABA = { status: 404, code: "InvalidAction.NotFound", message: "Specified api is not found, please check your url and method." };
const NOT_FOUND_HUAWEI = { status: 404, code: "APIGW.0101", message: "The API does not exist or has not been published in the environment" };

describe("Alibaba RPC", () => {
  test("frames over time: a literal body, then patches over the base, matched by parameters sent as JSON text", async () => {
    emu.addOperation(ecsOperation);
    const first = json(await send(emu.port, ecs()));
    expect(first).toEqual({ RequestId: "3F1E0B2A-0000-4000-8000-000000000002", TotalCount: 0, Instances: { Instance: [] } });
    expect(json(await send(emu.port, ecs()))).toEqual({ RequestId: "3F1E0B2A-0000-4000-8000-000000000001", TotalCount: 1, ...instance("Pending") });
    clock.advance(3999);
    expect(json(await send(emu.port, ecs())).Instances.Instance[0].Status).toBe("Pending");
    clock.advance(1);
    expect(json(await send(emu.port, ecs())).Instances.Instance[0]).toEqual({ InstanceId: "i-bp1web", Status: "Running" });
    expect(emu.requests.map((r) => [r.service, r.action, r.operationId, r.status])).toEqual(Array(4).fill(["api", ECS.action, "web", 200]));
  });

  test("signature v1, as a GET query or a POST form, reaches the same operation", async () => {
    emu.addOperation({ ...ecsOperation, timeline: [{ body: instance("Running") }] });
    for (const form of [false, true]) {
      const res = await send(emu.port, v1Request({ port: emu.port, params: { Action: ECS.action, Version: ECS.version, ...ECS_PARAMS }, at: clock.t, form }));
      expect(json(res)).toEqual(instance("Running"));
    }
  });

  test("an error frame is Alibaba's RPC error body, with its status", async () => {
    emu.addOperation({ ...ecsOperation, timeline: [{ error: { status: 403, code: "Forbidden.RAM", message: "User not authorized to operate on the specified resource." } }] });
    const res = await send(emu.port, ecs());
    const body = json(res);
    expect(Object.keys(body).sort()).toEqual(["Code", "HostId", "Message", "Recommend", "RequestId"]);
    expect(body).toMatchObject({ Code: "Forbidden.RAM", HostId: "ecs.aliyuncs.com", Message: "User not authorized to operate on the specified resource." });
    expect(res.status).toBe(403);
  });

  test("a version the API does not serve is InvalidVersion, none is MissingParameter", async () => {
    emu.addOperation(ecsOperation);
    expect(errorOf(await send(emu.port, ecs(ECS_PARAMS, { version: "2016-03-14" })))).toMatchObject({ status: 400, code: "InvalidVersion" });
    const noVersion = v1Request({ port: emu.port, params: { Action: ECS.action, ...ECS_PARAMS }, at: clock.t });
    expect(errorOf(await send(emu.port, noVersion))).toMatchObject({ status: 400, code: "MissingParameter" });
  });
});

describe("Alibaba ROA", () => {
  test("a GET of a path template with x-acs-action; an error frame in ROA's lower-case body", async () => {
    emu.addOperation(clusterOperation);
    expect(json(await send(emu.port, cluster()))).toEqual({ cluster_id: "c-1", name: "k8s", state: "initial" });
    expect(json(await send(emu.port, cluster())).state).toBe("running");
    const gone = await send(emu.port, cluster());
    const body = json(gone);
    expect(Object.keys(body).sort()).toEqual(["code", "message", "requestId"]);
    expect({ status: gone.status, code: body.code, message: body.message }).toEqual({ status: 404, code: "ErrorClusterNotFound", message: "cluster c-1 not found" });
    expect(body.requestId).toMatch(/^[0-9A-F-]{36}$/);
  });

  test("the method and the action are part of the API", async () => {
    emu.addOperation({ ...clusterOperation, call: { ...clusterOperation.call, method: "DELETE" } as ScriptedApiOperation["call"] });
    expect(errorOf(await send(emu.port, cluster()))).toEqual(NOT_FOUND_ALIBABA);
    expect((await send(emu.port, cluster("c-1", { method: "DELETE" }))).status).toBe(200);
    expect(errorOf(await send(emu.port, cluster("c-1", { method: "DELETE", action: "DeleteCluster" })))).toEqual(NOT_FOUND_ALIBABA);
  });
});

describe("Huawei", () => {
  test("a path template with AK/SK or X-Auth-Token; a failed job is HTTP 200 data", async () => {
    emu.addOperation(jobOperation);
    expect(json(await send(emu.port, job())).status).toBe("RUNNING");
    const failed = await send(emu.port, tokenRequest(emu.port, JOB_PATH, {}));
    expect(failed.status).toBe(200);
    expect(json(failed)).toMatchObject({ status: "FAIL", error_code: "Ecs.0013", fail_reason: "Insufficient EIP quota." });
    expect(emu.requests.map((r) => [r.service, r.action, r.operationId])).toEqual(Array(2).fill(["api", null, "job"]));
  });

  test("an error frame is Huawei's {error_code, error_msg}; a wrong token is the gateway's APIGW.0301", async () => {
    emu.addOperation({ ...jobOperation, timeline: [{ error: { status: 404, code: "Ecs.0103", message: "The job does not exist." } }] });
    const res = await send(emu.port, job());
    expect({ status: res.status, body: json(res) }).toEqual({ status: 404, body: { error_code: "Ecs.0103", error_msg: "The job does not exist." } });
    expect(errorOf(await send(emu.port, tokenRequest(emu.port, JOB_PATH, {}, "stolen")))).toMatchObject({ status: 401, code: "APIGW.0301" });
  });

  test("an operation added with a bigint sends its exact digits", async () => {
    emu.addOperation({ ...jobOperation, timeline: [{ patch: { begin_time: 1618219038464462600n } }] });
    expect((await send(emu.port, job())).text).toContain('"begin_time":1618219038464462600');
  });

  test("a request to a scripted Huawei path without Huawei headers gets the Huawei gateway, unless it names an Alibaba action", async () => {
    emu.loadScenario({ operations: [jobOperation, { ...clusterOperation, call: { ...CS, path: "/v1/{project_id}/jobs/{job_id}" } }] });
    expect(errorOf(await send(emu.port, { method: "GET", path: JOB_PATH, headers: {} }))).toMatchObject({ status: 401, code: "APIGW.0301" });
    const roa = await send(emu.port, acs3Request({ port: emu.port, action: CS.action, version: CS.version, path: JOB_PATH, method: "GET", at: clock.t }));
    expect(json(roa).cluster_id).toBe("c-1");
  });
});

test.each<[string, () => RawRequest, typeof NOT_FOUND_ALIBABA]>([
  ["another RPC action", () => ecs(ECS_PARAMS, { action: "DescribeDisks" }), NOT_FOUND_ALIBABA],
  ["the RPC action with other parameters", () => ecs({ RegionId: "cn-hangzhou", InstanceIds: '["i-other"]' }), NOT_FOUND_ALIBABA],
  ["the RPC action without a matched parameter", () => ecs({ RegionId: "cn-hangzhou" }), NOT_FOUND_ALIBABA],
  ["the RPC action at a path", () => ecs(ECS_PARAMS, { path: "/instances" }), NOT_FOUND_ALIBABA],
  ["another ROA path", () => cluster("c-1", { path: "/clusters/c-1/nodes" }), NOT_FOUND_ALIBABA],
  ["the ROA path with another value", () => cluster("c-2"), NOT_FOUND_ALIBABA],
  ["another Huawei path", () => job(`/v1/${PROJECT}/jobs`), NOT_FOUND_HUAWEI],
  ["the Huawei path with another job", () => job(`/v1/${PROJECT}/jobs/other`), NOT_FOUND_HUAWEI],
])("%s gets the gateway's unknown-API error", async (_name, request, expected) => {
  emu.loadScenario({ operations: [ecsOperation, clusterOperation, jobOperation] });
  expect(errorOf(await send(emu.port, request()))).toEqual(expected);
});

describe("signature checks", () => {
  beforeEach(() => emu.loadScenario({ operations: [ecsOperation, clusterOperation, jobOperation] }));

  test.each<[string, () => RawRequest, { status: number; code: string }]>([
    ["RPC with a wrong secret", () => ecs(ECS_PARAMS, { secret: "wrong" }), { status: 400, code: "SignatureDoesNotMatch" }],
    ["ROA with a wrong secret", () => cluster("c-1", { secret: "wrong" }), { status: 400, code: "SignatureDoesNotMatch" }],
    ["ROA with a tampered path", () => ({ ...cluster("c-1", { path: "/clusters/c-2" }), path: "/clusters/c-1" }), { status: 400, code: "SignatureDoesNotMatch" }],
    ["ROA with an old nonce", () => cluster("c-1", { nonce: "n-1" }), { status: 400, code: "SignatureNonceUsed" }],
    ["ROA dated 16 minutes ago", () => cluster("c-1", { at: clock.t - 16 * 60_000 }), { status: 400, code: "InvalidTimeStamp.Expired" }],
    ["Huawei with a wrong SK", () => huaweiRequest({ port: emu.port, path: JOB_PATH, at: clock.t, sk: "wrong" }), { status: 401, code: "APIGW.0301" }],
    ["Huawei with another AK", () => huaweiRequest({ port: emu.port, path: JOB_PATH, at: clock.t, ak: "OTHER" }), { status: 401, code: "APIGW.0301" }],
  ])("%s is refused", async (name, request, expected) => {
    if (name.includes("old nonce")) await send(emu.port, cluster("c-1", { nonce: "n-1" }));
    expect(errorOf(await send(emu.port, request()))).toMatchObject(expected);
  });

  test("requests signed by opgate's own signers pass: RPC, ROA and Huawei", async () => {
    const rpc = opgateAcs3Request({ port: emu.port, method: "POST", path: "/", query: ECS_PARAMS, ...ECS, at: clock.t });
    expect(json(await send(emu.port, rpc)).TotalCount).toBe(0);
    const roa = opgateAcs3Request({ port: emu.port, method: "GET", path: "/clusters/c-1", ...CS, at: clock.t });
    expect(json(await send(emu.port, roa)).state).toBe("initial");
    expect(json(await send(emu.port, opgateHuaweiRequest({ port: emu.port, method: "GET", path: JOB_PATH, at: clock.t }))).status).toBe("RUNNING");
    const wrong = opgateAcs3Request({ port: emu.port, method: "GET", path: "/clusters/c-1", ...CS, at: clock.t, secret: "wrong" });
    expect(errorOf(await send(emu.port, wrong))).toMatchObject({ status: 400, code: "SignatureDoesNotMatch" });
  });

  test("a path parameter that needs percent-encoding is sent encoded, signed and matched decoded", async () => {
    emu.addOperation({ ...clusterOperation, call: { ...clusterOperation.call, match: { ClusterId: "c 1é" } } as ScriptedApiOperation["call"] });
    const roa = opgateAcs3Request({ port: emu.port, method: "GET", path: "/clusters/c 1é", ...CS, at: clock.t });
    expect(roa.path).toBe("/clusters/c%201%C3%A9");
    expect((await send(emu.port, roa)).status).toBe(200);
  });
});

test("opgate's clients poll scripted APIs: RPC through the Alibaba client, a path through the Huawei client", async () => {
  emu.loadScenario({ operations: [ecsOperation, { ...jobOperation, timeline: [{ patch: { status: "SUCCESS" } }] }] });
  const signal = new AbortController().signal;
  const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: "opgate-emulator", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "opgate-emulator-secret", HW_ACCESS_KEY: HUAWEI.ak, HW_SECRET_KEY: HUAWEI.sk };
  clock.t = Date.now(); // the clients sign with the real time
  const alibaba = await createApiCaller({ cloud: "alibaba", endpoint: emu.url, env, isNotFound: () => false });
  const answer = await alibaba.call({ style: "rpc", action: ECS.action, version: ECS.version, params: ECS_PARAMS }, signal);
  expect(answer).toMatchObject({ TotalCount: 0 });
  const huawei = await createApiCaller({ cloud: "huawei", endpoint: emu.url, env, projectId: PROJECT, isNotFound: () => false });
  expect(await huawei.call({ style: "rest", method: "GET", path: JOB_PATH, query: {} }, signal)).toMatchObject({ status: "SUCCESS" });
});

describe("matching", () => {
  const op = (id: string, match: Record<string, unknown>, status: string): ScriptedApiOperation => ({
    service: "api",
    id,
    call: { ...ECS, match },
    timeline: [{ body: { Status: status } }],
  });
  const statusOf = async (params: Record<string, string>) => {
    const res = await send(emu.port, ecs(params));
    return res.status === 200 ? json(res).Status : errorOf(res).code;
  };

  test("the first operation added whose match fits answers", async () => {
    emu.loadScenario({ operations: [op("specific", { InstanceIds: ["i-1"] }, "one"), op("any", {}, "any")] });
    expect(await statusOf({ InstanceIds: '["i-1"]' })).toBe("one");
    expect(await statusOf({ InstanceIds: '["i-2"]' })).toBe("any");
  });

  test("strings exactly, other JSON as the parameter read as JSON, null as absent", async () => {
    emu.loadScenario({
      operations: [
        op("json", { PageSize: 10, DryRun: false, Tag: { Key: "env" } }, "json"),
        op("absent", { NextToken: null, RegionId: "cn-hangzhou" }, "first page"),
        op("text", { PageNumber: "01" }, "text"),
      ],
    });
    expect(await statusOf({ PageSize: "10", DryRun: "false", Tag: '{ "Key": "env" }' })).toBe("json");
    expect(await statusOf({ PageSize: "10.0", DryRun: "false", Tag: '{"Key":"env"}' })).toBe("json");
    expect(await statusOf({ PageSize: "ten", DryRun: "false", Tag: '{"Key":"env"}' })).toBe("InvalidAction.NotFound");
    expect(await statusOf({ RegionId: "cn-hangzhou" })).toBe("first page");
    expect(await statusOf({ RegionId: "cn-hangzhou", NextToken: "t" })).toBe("InvalidAction.NotFound");
    expect(await statusOf({ PageNumber: "01" })).toBe("text");
    expect(await statusOf({ PageNumber: "1" })).toBe("InvalidAction.NotFound");
  });

  test("a path parameter is matched before a query parameter of the same name; {{name}} is a path parameter too", async () => {
    emu.addOperation({ ...jobOperation, call: { cloud: "huawei", path: "/v1/{{project_id}}/jobs/{job_id}", match: { job_id: JOB, project_id: PROJECT } } });
    expect((await send(emu.port, huaweiRequest({ port: emu.port, path: JOB_PATH, query: { job_id: "other" }, at: clock.t }))).status).toBe(200);
    expect(errorOf(await send(emu.port, job(`/v1/other/jobs/${JOB}`)))).toEqual(NOT_FOUND_HUAWEI);
  });
});

describe("faults, expiry and the rate limit apply unchanged", () => {
  test.each<[string, ScriptedApiOperation["faults"], () => RawRequest, { status: number; code: string }]>([
    ["throttle (RPC)", [{ poll: 1, kind: "throttle" }], () => ecs(), { status: 400, code: "Throttling.User" }],
    ["throttle (Huawei)", [{ poll: 1, kind: "throttle" }], () => job(), { status: 429, code: "APIG.0308" }],
    ["server-error (ROA)", [{ poll: 1, kind: "server-error" }], () => cluster(), { status: 503, code: "ServiceUnavailable" }],
    ["error-body (Huawei)", [{ poll: 1, kind: "error-body", code: "Ecs.9999" }], () => job(), { status: 200, code: "Ecs.9999" }],
    ["skewed-clock (RPC)", [{ poll: 1, kind: "skewed-clock" }], () => ecs(), { status: 400, code: "InvalidTimeStamp.Expired" }],
  ])("%s", async (_name, faults, request, expected) => {
    emu.loadScenario({ operations: [ecsOperation, clusterOperation, jobOperation].map((op) => ({ ...op, faults })) });
    expect(errorOf(await send(emu.port, request()))).toMatchObject(expected);
    expect((await send(emu.port, request())).status).toBe(200);
  });

  test("malformed, huge and delay", async () => {
    emu.addOperation({ ...jobOperation, faults: [{ poll: 1, kind: "malformed" }, { poll: 2, kind: "huge", bytes: 64 }, { poll: 3, kind: "delay", ms: 20 }] });
    const malformed = await send(emu.port, job());
    expect([malformed.status, malformed.headers["content-type"]]).toEqual([200, "text/html; charset=utf-8"]);
    expect((await send(emu.port, job())).bytes).toBe(64);
    expect(json(await send(emu.port, job())).status).toBe("RUNNING");
    expect(emu.requests.map((r) => r.fault)).toEqual(["malformed", "huge", "delay"]);
  });

  test("a fault does not use up a polls frame; reset and truncated", async () => {
    emu.addOperation({ ...ecsOperation, faults: [{ poll: 1, kind: "truncated" }, { poll: 2, kind: "reset" }] });
    const truncated = await send(emu.port, ecs());
    expect(truncated.status).toBe(200);
    expect(() => JSON.parse(truncated.text)).toThrow();
    await expect(send(emu.port, ecs())).rejects.toThrow();
    expect(json(await send(emu.port, ecs())).TotalCount).toBe(0);
  });

  test("expire and forget: the operation's unknown answer, 404 ResourceNotFound by default", async () => {
    const stack = { cloud: "alibaba", product: "ros", action: "GetStack", version: "2019-09-10" } as const;
    const stackGone = { error: { status: 404, code: "StackNotFound", message: "The Stack (s-1) could not be found." } };
    emu.loadScenario({
      operations: [
        { ...ecsOperation, faults: [{ from: 2, kind: "expire" }] },
        { service: "api", id: "stack", call: stack, timeline: [{ body: { Status: "CREATE_IN_PROGRESS" } }], unknown: stackGone },
      ],
    });
    expect((await send(emu.port, ecs())).status).toBe(200);
    expect(errorOf(await send(emu.port, ecs()))).toEqual({ status: 404, code: "ResourceNotFound", message: "The specified resource is not found." });
    const getStack = () => acs3Request({ port: emu.port, action: "GetStack", version: stack.version, params: { StackId: "s-1" }, at: clock.t });
    expect(json(await send(emu.port, getStack())).Status).toBe("CREATE_IN_PROGRESS");
    emu.forget("stack", "emr");
    expect((await send(emu.port, getStack())).status).toBe(200);
    emu.forget("stack", "api");
    expect(errorOf(await send(emu.port, getStack()))).toMatchObject({ status: 404, code: "StackNotFound" });
  });

  test("the rate limit counts scripted requests", async () => {
    await emu.close();
    emu = await startEmulator({ now: clock.now, rateLimit: { perSecond: 2 }, scenario: { operations: [ecsOperation, jobOperation] } });
    const statuses = [];
    for (const request of [ecs, job, ecs, job]) statuses.push(errorOf(await send(emu.port, request())).code ?? "ok");
    expect(statuses.slice(2)).toEqual(["Throttling.User", "APIG.0308"]);
    expect(emu.stats()).toEqual({ requests: 4, throttled: 2 });
  });
});

describe("the four services keep their routes", () => {
  test("an EMR operation and a scripted API are served side by side", async () => {
    emu.loadScenario({ operations: [ecsOperation, { service: "emr", id: "web", clusterId: "c-1", timeline: [{ state: "COMPLETED" }] }] });
    const emr = acs3Request({ port: emu.port, action: "GetOperation", version: "2021-03-20", params: { RegionId: "cn-hangzhou", ClusterId: "c-1", OperationId: "web" }, at: clock.t });
    expect(json(await send(emu.port, emr)).Operation.OperationState).toBe("COMPLETED");
    expect(json(await send(emu.port, ecs())).TotalCount).toBe(0);
    expect(emu.requests.map((r) => r.service)).toEqual(["emr", "api"]);
  });

  test.each<[ScenarioOperation, string]>([
    [{ service: "api", id: "a", call: { cloud: "alibaba", product: "emr", action: "GetOperation", version: "2021-03-20" }, timeline: [{ body: {} }] }, "operations[0].call.action"],
    [{ service: "api", id: "a", call: { cloud: "alibaba", product: "x", action: "ListResourceExecutionStatus", version: "1", path: "/x" }, timeline: [{ body: {} }] }, "operations[0].call.action"],
    [{ service: "api", id: "a", call: { cloud: "huawei", path: "/v2/{project_id}/operation/record" }, timeline: [{ body: {} }] }, "operations[0].call.path"],
  ])("a scripted API cannot take over a service's API: %j", (op, field) => {
    expect(() => emu.loadScenario({ operations: [op] })).toThrow(InputError);
    try {
      emu.loadScenario({ operations: [op] });
    } catch (err) {
      expect((err as InputError).field).toBe(field);
      expect((err as InputError).reason).toMatch(/is the (emr|oos|bcs) service's API/);
    }
  });
});

test("the SCENARIOS.md examples of scripted APIs play as documented", async () => {
  const examples = scenarioExamples().filter(([heading]) => / \((RPC|ROA)\)|Huawei/.test(heading));
  emu.loadScenario({ operations: examples.flatMap(([, json]) => (json as Scenario).operations) });
  const get = async (request: RawRequest) => {
    const res = await send(emu.port, request);
    return { status: res.status, body: json(res) };
  };

  const instances = () => get(ecs({ RegionId: "cn-hangzhou", InstanceIds: '["i-bp1web0000example"]' }));
  const statusOf = async () => ((await instances()).body.Instances?.Instance ?? []).map((i: { Status: string }) => i.Status);
  expect(await statusOf()).toEqual([]);
  expect((await instances()).body.Code).toBe("Throttling.User");
  expect(await statusOf()).toEqual(["Pending"]);
  clock.advance(3000);
  expect(await statusOf()).toEqual(["Starting"]);
  clock.advance(3000);
  expect(await statusOf()).toEqual(["Running"]);

  const stackId = "4a6c9851-3b0f-4f5f-b4ca-a14bf6910000";
  const stackParams = { RegionId: "cn-hangzhou", StackId: stackId, ShowResourceProgress: "PercentageOnly" };
  const stack = () => get(acs3Request({ port: emu.port, action: "GetStack", version: "2019-09-10", params: stackParams, at: clock.t }));
  const progress = [];
  for (let i = 0; i < 4; i++) progress.push((await stack()).body);
  expect(progress.map((b) => [b.Status, b.ResourceProgress.StackOperationProgress])).toEqual([
    ["CREATE_IN_PROGRESS", 20],
    ["CREATE_IN_PROGRESS", 20],
    ["CREATE_IN_PROGRESS", 60],
    ["CREATE_ROLLBACK_COMPLETE", 100],
  ]);
  expect(progress[3].StatusReason).toMatch(/^Resource CREATE failed/);
  emu.forget("stack", "api");
  expect(await stack()).toMatchObject({ status: 404, body: { Code: "StackNotFound" } });

  const clusterId = "c82e6987e2961451182edacd74faf0000";
  expect(await get(cluster(clusterId))).toMatchObject({ status: 404, body: { code: "ErrorClusterNotFound" } });
  expect((await get(cluster(clusterId))).body.state).toBe("initial");
  clock.advance(10_000);
  expect((await get(cluster(clusterId))).body.state).toBe("running");

  const jobPath = `/v1/${PROJECT}/jobs/ff80808288d41e1b018990260955686a`;
  expect((await get(job(jobPath))).body.status).toBe("RUNNING");
  clock.advance(5000);
  const failed = await get(job(jobPath));
  expect(failed).toMatchObject({ status: 200, body: { status: "FAIL", error_code: "Ecs.0013", fail_reason: "Insufficient EIP quota.", entities: { sub_jobs_total: 1 } } });
  expect(failed.body.entities.sub_jobs[0].status).toBe("FAIL");
});
