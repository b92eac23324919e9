/**
 * `waitForApi` end to end against a loopback server that plays an API's
 * answers: the Result of each outcome (service "api", the operation ID, the
 * status text, the message, only the outputs the spec selects), the signed
 * request of each call style, and bad input rejected before any request with
 * the JSON path named.
 */
import type http from "node:http";
import { waitForApi, waitForOperation } from "../../../src/wait";
import { InputError } from "../../../src/core/errors";
import type { ApiWaitSpec } from "../../../providers/api/spec";
import { answer, startServer, type LocalServer } from "../../clients/local-server";
import { RPC_CALL, testEnv } from "./support";

/** What the server saw of each request. */
interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server answering the n-th request with `answers[n]` (the last one from then on): `[status, body]`. */
async function playing(answers: [number, unknown][]): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = await startServer((req, res) => {
    seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    const [status, body] = answers[Math.min(seen.length - 1, answers.length - 1)];
    answer(res, status, body);
  });
  return { url: server.url, seen };
}

const FAST = { minDelayMs: 5, maxDelayMs: 20, retryDelayMs: 5, notFoundGraceMs: 100 };

const ECS: ApiWaitSpec = {
  id: "ecs:{{instance_id}}",
  call: { ...RPC_CALL, params: { RegionId: "{{region}}", InstanceIds: ["{{instance_id}}"] } },
  status: "Instances.Instance[0].Status",
  success: ["Running"],
  pending: ["Pending", "Starting"],
  outputs: { privateIp: "Instances.Instance[0].VpcAttributes.PrivateIpAddress.IpAddress[0]", zoneId: "Instances.Instance[0].ZoneId" },
};

test("an ECS instance: not visible yet, Pending, then Running; the Result keeps only the selected outputs", async () => {
  const instance = (status: string) => ({ InstanceId: "i-bp1", Status: status, ZoneId: "cn-hangzhou-h", Password: "never kept", VpcAttributes: { PrivateIpAddress: { IpAddress: ["172.16.0.9"] } } });
  const { url, seen } = await playing([
    [200, { RequestId: "r1", Instances: { Instance: [] } }],
    [200, { RequestId: "r2", Instances: { Instance: [instance("Pending")] } }],
    [200, { RequestId: "r3", Instances: { Instance: [instance("Running")] } }],
  ]);
  const result = await waitForApi(ECS, { vars: { instance_id: "i-bp1" }, region: "cn-hangzhou", endpoint: url, env: testEnv(), tuning: FAST });
  expect(result).toMatchObject({
    service: "api",
    operationId: "ecs:i-bp1",
    outcome: "SUCCESS",
    status: "SUCCESS",
    rawStatus: "Running",
    message: null,
    outputs: { privateIp: "172.16.0.9", zoneId: "cn-hangzhou-h" },
    steps: [],
    resources: [],
    polls: 3,
    error: null,
  });
  expect(JSON.stringify(result)).not.toContain("never kept");
  expect(seen[0]).toMatchObject({ method: "POST", url: "/?InstanceIds=%5B%22i-bp1%22%5D&RegionId=cn-hangzhou" });
  expect(seen[0].headers).toMatchObject({ "x-acs-action": "DescribeInstances", "x-acs-version": "2014-05-26" });
});

const HUAWEI_JOB: ApiWaitSpec = {
  call: { cloud: "huawei", service: "ecs", method: "GET", path: "/v1/{{project_id}}/jobs/{{job_id}}" },
  status: "status",
  success: ["SUCCESS"],
  failure: ["FAIL"],
  running: ["RUNNING"],
  message: "join(': ', [error_code, fail_reason][?@])",
  outputs: { errorCode: "error_code" },
};

test("a Huawei job: GET of the filled path, SDK-HMAC-signed, x-project-id sent", async () => {
  const { url, seen } = await playing([
    [200, { status: "RUNNING", job_id: "j-1" }],
    [200, { status: "SUCCESS", job_id: "j-1" }],
  ]);
  const result = await waitForApi(HUAWEI_JOB, { vars: { job_id: "j-1" }, projectId: "0f1e2d", region: "cn-north-4", endpoint: url, env: testEnv(), tuning: FAST });
  expect(result).toMatchObject({ operationId: "ecs:GET /v1/0f1e2d/jobs/j-1", outcome: "SUCCESS", rawStatus: "SUCCESS", message: null, outputs: { errorCode: null } });
  expect(seen[0]).toMatchObject({ method: "GET", url: "/v1/0f1e2d/jobs/j-1" });
  expect(seen[0].headers["x-project-id"]).toBe("0f1e2d");
  expect(String(seen[0].headers.authorization)).toMatch(/^SDK-HMAC-SHA256 /);
});

// A failed ECS job answers 200 with error_code and fail_reason (no error_msg): data, not an error answer (a Huawei 2xx is
// an error only with the full shape error_code + error_msg).
test("a Huawei job that fails: FAILURE with the reason from the answer", async () => {
  const { url } = await playing([[200, { status: "FAIL", job_id: "j-1", error_code: "Ecs.0013", fail_reason: "Insufficient EIP quota." }]]);
  const result = await waitForApi(HUAWEI_JOB, { vars: { job_id: "j-1" }, projectId: "0f1e2d", region: "cn-north-4", endpoint: url, env: testEnv(), tuning: FAST });
  expect(result).toMatchObject({ outcome: "FAILURE", rawStatus: "FAIL", message: "Ecs.0013: Insufficient EIP quota.", outputs: { errorCode: "Ecs.0013" } });
});

test("an ROA call: GET of the path, ACS3-signed, x-acs-action; a lower-case ROA error ends the wait with ERROR and its code", async () => {
  const spec: ApiWaitSpec = {
    call: { cloud: "alibaba", product: "cs", version: "2015-12-15", action: "DescribeClusterDetail", method: "GET", path: "/clusters/{{cluster_id}}" },
    status: "state",
    success: ["running"],
  };
  const { url, seen } = await playing([[403, { code: "Forbidden.RAM", message: "not allowed", requestId: "R-1" }]]);
  const result = await waitForApi(spec, { vars: { cluster_id: "c-1" }, region: "cn-hangzhou", endpoint: url, env: testEnv(), tuning: FAST });
  expect(result).toMatchObject({ outcome: "ERROR", error: { code: "Forbidden.RAM", message: "not allowed (RequestId: R-1)" }, polls: 1 });
  expect(seen[0]).toMatchObject({ method: "GET", url: "/clusters/c-1" });
  expect(seen[0].headers).toMatchObject({ "x-acs-action": "DescribeClusterDetail", "x-acs-version": "2015-12-15" });
});

test("a stack that is gone: the spec's errorType acceptor makes StackNotFound a SUCCESS", async () => {
  const spec: ApiWaitSpec = {
    call: { cloud: "alibaba", product: "ros", version: "2019-09-10", action: "GetStack", params: { StackId: "{{stack_id}}" } },
    status: "Status",
    success: ["DELETE_COMPLETE"],
    running: ["DELETE_IN_PROGRESS"],
    acceptors: [{ state: "success", matcher: { errorType: "StackNotFound" } }],
  };
  const { url } = await playing([
    [200, { Status: "DELETE_IN_PROGRESS" }],
    [404, { Code: "StackNotFound", Message: "The Stack (s-1) could not be found.", RequestId: "R" }],
  ]);
  const result = await waitForApi(spec, { vars: { stack_id: "s-1" }, endpoint: url, env: testEnv(), tuning: FAST });
  expect(result).toMatchObject({ outcome: "SUCCESS", status: "SUCCESS", rawStatus: "StackNotFound", polls: 2 });
});

test("not found: the spec's notFound codes are tolerated for the grace period, then ERROR", async () => {
  const { url } = await playing([[404, { Code: "InvalidInstanceId.NotFound", Message: "no such instance", RequestId: "R" }]]);
  const result = await waitForApi({ ...ECS, notFound: ["InvalidInstanceId.NotFound"] }, { vars: { instance_id: "i-x" }, region: "cn-hangzhou", endpoint: url, env: testEnv(), tuning: FAST });
  expect(result).toMatchObject({ outcome: "ERROR", error: { code: "InvalidInstanceId.NotFound" } });
  expect(result.error?.message).toMatch(/still not found after/);
  expect(result.polls).toBeGreaterThan(1);
});

test("waitForApi is waitForOperation({ service: 'api', spec })", async () => {
  const { url } = await playing([[200, { Instances: { Instance: [{ Status: "Running" }] } }]]);
  const result = await waitForOperation({ service: "api", spec: ECS, vars: { instance_id: "i-1" }, region: "cn-hangzhou", endpoint: url, env: testEnv(), tuning: FAST });
  expect(result).toMatchObject({ service: "api", outcome: "SUCCESS" });
});

test("bad input rejects with an InputError naming the JSON path or the input, before any request", async () => {
  const { url, seen } = await playing([[200, {}]]);
  const options = { vars: { instance_id: "i-1" }, region: "cn-hangzhou", endpoint: url, env: testEnv() };
  const cases: [unknown, unknown, string][] = [
    [{ ...ECS, call: { ...ECS.call, action: "RunInstances" } }, options, "spec.call.action"],
    [{ ...ECS, outputs: { ip: "items(@)" } }, options, "spec.outputs.ip"],
    [ECS, { ...options, vars: {} }, "spec.call.params.InstanceIds[0]"],
    [ECS, { ...options, vars: { instance_id: "i-1", extra: "x" } }, "vars.extra"],
    [ECS, { ...options, vars: { instance_id: 7 } }, "vars.instance_id"],
    [ECS, { ...options, vars: { "bad name": "x" } }, "vars.bad name"],
    ["not a spec", options, "spec"],
    [undefined, options, "spec"],
    [ECS, { ...options, env: {} }, "credentials"],
  ];
  for (const [spec, opts, field] of cases) {
    const err = await waitForApi(spec as ApiWaitSpec, opts as never).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).field).toBe(field);
  }
  expect(seen).toHaveLength(0);
});

test("the spec's minDelay and maxDelay pace the polls unless the tuning sets its own", async () => {
  const { url, seen } = await playing([[200, { Instances: { Instance: [{ Status: "Pending" }] } }]]);
  const result = await waitForApi({ ...ECS, minDelay: 1, maxDelay: 1 }, { vars: { instance_id: "i-1" }, region: "cn-hangzhou", endpoint: url, env: testEnv(), timeout: "2500ms" });
  expect(result.outcome).toBe("TIMEOUT");
  // One poll at once, then one a second: no more than four in 2.5 s (the default schedule would poll every 0.5 s at first).
  expect(seen.length).toBeLessThanOrEqual(4);
});
