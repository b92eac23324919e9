/**
 * Preparing an API wait: placeholders filled from vars and the built-ins
 * (with the spec's cloud's fallbacks), values that travel as data (a value
 * filled into a path stays one segment), the request, the operation ID, the
 * endpoint's precedence, the rate-limit scope, the not-found codes and the
 * schedule's bounds.
 */
import fc from "fast-check";
import { checkApiWaitSpec } from "../../../providers/api/check";
import { IRREGULAR_ALIBABA_HOSTS, productEndpointVariable } from "../../../providers/api/endpoint";
import { prepareApiWait, type ApiWaitInputs } from "../../../providers/api/prepare";
import type { ApiWaitSpec } from "../../../providers/api/spec";
import { InputError } from "../../../src/core/errors";
import { encodePath } from "../../../src/signing/canonical";
import { RPC_CALL } from "./support";

const ECS: ApiWaitSpec = {
  call: { ...RPC_CALL, params: { RegionId: "{{region}}", InstanceIds: ["{{instance_id}}"], PageSize: 10, DryRun: false } },
  status: "Instances.Instance[0].Status",
  success: ["Running"],
};
const JOB: ApiWaitSpec = {
  id: "job {{job_id}}",
  call: { cloud: "huawei", service: "ecs", method: "GET", path: "/v1/{{project_id}}/jobs/{{job_id}}", query: { detail: "{{detail}}" } },
  status: "status",
  success: ["SUCCESS"],
};

function prepare(spec: ApiWaitSpec, inputs: Partial<ApiWaitInputs>, env: Record<string, string> = {}) {
  return prepareApiWait(checkApiWaitSpec(spec), { vars: {}, ...inputs }, env);
}

function inputError(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    if (err instanceof InputError) return err.message;
    throw err;
  }
  return "no error";
}

test("an RPC wait: placeholders filled, values that are not strings as their JSON text, the default ID", () => {
  const wait = prepare(ECS, { vars: { instance_id: "i-bp1" }, region: "cn-hangzhou" });
  expect(wait.operationId).toBe("ecs:DescribeInstances");
  expect(wait.target).toMatchObject({ cloud: "alibaba", limiterScope: "alibaba|ecs|cn-hangzhou", projectId: undefined });
  expect(wait.target.defaultEndpoint()).toBe("https://ecs.cn-hangzhou.aliyuncs.com");
  expect(wait.schedule).toBeUndefined();
});

test("a Huawei wait: the project from HW_PROJECT_ID fills {{project_id}} and goes as x-project-id; the region from HW_REGION_NAME", () => {
  const env = { HW_PROJECT_ID: "0f1e2d", HW_REGION_NAME: "cn-north-4", ALIBABA_CLOUD_REGION_ID: "cn-hangzhou" };
  const wait = prepare(JOB, { vars: { job_id: "j-1", detail: "a b" } }, env);
  expect(wait.operationId).toBe("job j-1");
  expect(wait.target).toMatchObject({ cloud: "huawei", projectId: "0f1e2d", limiterScope: "huawei|ecs|cn-north-4" });
  expect(wait.target.defaultEndpoint()).toBe("https://ecs.cn-north-4.myhuaweicloud.com");
});

test("the region falls back by the spec's cloud: an Alibaba call never takes HW_REGION_NAME, nor HW_PROJECT_ID", () => {
  const env = { HW_REGION_NAME: "cn-north-4", HW_PROJECT_ID: "0f1e2d" };
  expect(inputError(() => prepare(ECS, { vars: { instance_id: "i-1" } }, env))).toBe(
    "spec.call.params.RegionId: {{region}} has no value: give the region (or set ALIBABA_CLOUD_REGION_ID or ALICLOUD_REGION)",
  );
  const wait = prepare(ECS, { vars: { instance_id: "i-1" } }, { ...env, ALICLOUD_REGION: "cn-beijing" });
  expect(wait.target).toMatchObject({ limiterScope: "alibaba|ecs|cn-beijing", projectId: undefined });
});

test("vars: a missing one, an unused one, a built-in given as a var, each named", () => {
  expect(inputError(() => prepare(ECS, { region: "cn-hangzhou" }))).toBe("spec.call.params.InstanceIds[0]: {{instance_id}} has no value: give a var named instance_id");
  expect(inputError(() => prepare(ECS, { region: "cn-hangzhou", vars: { instance_id: "i-1", instanceId: "i-1" } }))).toBe(
    "vars.instanceId: is not used: no {{instanceId}} in the spec's id, call.path, call.params or call.query",
  );
  expect(inputError(() => prepare(ECS, { region: "cn-hangzhou", vars: { instance_id: "i-1", region: "cn-beijing" } }))).toBe(
    "vars.region: is built in: give the region instead of a var",
  );
  expect(inputError(() => prepare(JOB, { region: "cn-north-4", vars: { job_id: "j", detail: "d" } }))).toBe(
    "spec.call.path: {{project_id}} has no value: give the project ID (or set HW_PROJECT_ID)",
  );
});

test("a value filled into the path stays one segment: anything that would leave it is refused, naming the var", () => {
  for (const [value, why] of [
    ["a/b", '"/"'],
    ["..", '".."'],
    ["a?b", '"?"'],
    ["a#b", '"#"'],
    ["a\\b", '"\\\\"'],
    ["", "empty"],
  ]) {
    expect(inputError(() => prepare(JOB, { region: "cn-north-4", projectId: "p1", vars: { job_id: value, detail: "x" } }))).toContain(`vars.job_id: fills call.path and`);
    expect(inputError(() => prepare(JOB, { region: "cn-north-4", projectId: "p1", vars: { job_id: value, detail: "x" } }))).toContain(why);
  }
});

test("property: any var value either is refused or reaches the request as exactly one path segment, byte for byte", async () => {
  await fc.assert(
    fc.asyncProperty(fc.string({ unit: "binary", maxLength: 12 }), async (value) => {
      let wait;
      try {
        wait = prepare(JOB, { region: "cn-north-4", projectId: "p1", vars: { job_id: value, detail: "x" } });
      } catch (err) {
        expect(err).toBeInstanceOf(InputError);
        return;
      }
      let path = "";
      await wait.poll({ call: async (request) => ((path = request.style === "rest" ? request.path : ""), { status: "SUCCESS" }) }, new AbortController().signal);
      const segments = encodePath(path).split("/");
      expect(segments).toHaveLength(5);
      expect(decodeURIComponent(segments[4])).toBe(value);
    }),
    { numRuns: 300 },
  );
});

test("the request: JSON text for non-strings, nested placeholders filled, the filled call's parameters as inputOutput's input", async () => {
  const requests: unknown[] = [];
  const spec: ApiWaitSpec = {
    ...ECS,
    call: { ...RPC_CALL, params: { RegionId: "{{region}}", Filter: { Ids: ["{{instance_id}}", 7] } } },
    acceptors: [{ state: "success", matcher: { inputOutput: { path: "input.Filter.Ids[0]", comparator: "stringEquals", expected: "i-1" } } }],
  };
  const wait = prepare(spec, { region: "cn-hangzhou", vars: { instance_id: "i-1" } });
  const snapshot = await wait.poll({ call: async (request) => (requests.push(request), {}) }, new AbortController().signal);
  expect(requests).toEqual([{ style: "rpc", action: "DescribeInstances", version: "2014-05-26", params: { RegionId: "cn-hangzhou", Filter: '{"Ids":["i-1",7]}' } }]);
  expect(snapshot.state).toBe("SUCCESS");
});

test("an ROA wait sends GET of the filled path with the query", async () => {
  const spec: ApiWaitSpec = { call: { cloud: "alibaba", product: "cs", version: "2015-12-15", action: "DescribeClusterDetail", method: "GET", path: "/clusters/{{cluster_id}}", query: { n: 1 } }, status: "state", success: ["running"] };
  const wait = prepare(spec, { region: "cn-hangzhou", vars: { cluster_id: "c 1" } });
  let seen: unknown;
  await wait.poll({ call: async (request) => ((seen = request), { state: "running" }) }, new AbortController().signal);
  expect(seen).toEqual({ style: "roa", method: "GET", action: "DescribeClusterDetail", version: "2015-12-15", path: "/clusters/c 1", query: { n: "1" } });
  expect(wait.operationId).toBe("cs:DescribeClusterDetail");
});

test("the endpoint: ALIBABA_CLOUD_ENDPOINT_<PRODUCT> (a host or a URL), then the irregular hosts, then the regional rule", () => {
  const ros: ApiWaitSpec = { call: { cloud: "alibaba", product: "ros", version: "2019-09-10", action: "GetStack" }, status: "Status", success: ["CREATE_COMPLETE"] };
  const kv: ApiWaitSpec = { call: { cloud: "alibaba", product: "r-kvstore", version: "2015-01-01", action: "DescribeInstances" }, status: "Status", success: ["Normal"] };
  expect(prepare(ros, {}).target.defaultEndpoint()).toBe("https://ros.aliyuncs.com");
  expect(prepare(ros, {}, { ALIBABA_CLOUD_ENDPOINT_ROS: "ros-intl.aliyuncs.com" }).target.defaultEndpoint()).toBe("https://ros-intl.aliyuncs.com");
  expect(prepare(kv, {}, { ALIBABA_CLOUD_ENDPOINT_R_KVSTORE: "http://127.0.0.1:9" }).target.defaultEndpoint()).toBe("http://127.0.0.1:9");
  expect(prepare(kv, { region: "cn-shanghai" }).target.defaultEndpoint()).toBe("https://r-kvstore.cn-shanghai.aliyuncs.com");
  expect(inputError(() => prepare(kv, {}).target.defaultEndpoint())).toBe(
    "region: is required to reach r-kvstore at https://r-kvstore.{region}.aliyuncs.com: give the region, set ALIBABA_CLOUD_REGION_ID or ALICLOUD_REGION, or give the endpoint",
  );
  expect(inputError(() => prepare(ros, {}, { ALIBABA_CLOUD_ENDPOINT_ROS: "ros.aliyuncs.com/path" }).target.defaultEndpoint())).toMatch(/^ALIBABA_CLOUD_ENDPOINT_ROS: must be a base URL/);
  expect(productEndpointVariable("r-kvstore")).toBe("ALIBABA_CLOUD_ENDPOINT_R_KVSTORE");
  for (const host of Object.values(IRREGULAR_ALIBABA_HOSTS)) expect(host).toMatch(/^[a-z0-9-]+\.aliyuncs\.com$/);
});

test("a product named like an Object property is no irregular host", () => {
  const spec: ApiWaitSpec = { call: { cloud: "alibaba", product: "constructor", version: "2019-09-10", action: "GetX" }, status: "s", success: ["x"] };
  expect(prepare(spec, { region: "cn-hangzhou" }).target.defaultEndpoint()).toBe("https://constructor.cn-hangzhou.aliyuncs.com");
});

test("not found: the defaults, the spec's codes, and Prefix.* for a prefix and its dotted variants", () => {
  const { isNotFound } = prepare({ ...ECS, notFound: ["StackNotFound", "InvalidInstanceId.*"] }, { region: "cn-hangzhou", vars: { instance_id: "i" } }).target;
  expect(["ResourceNotFound", "EntityNotExists.Stack", "StackNotFound", "InvalidInstanceId", "InvalidInstanceId.NotFound"].map((c) => isNotFound(c, 404))).toEqual([true, true, true, true, true]);
  expect(["StackNotFoundX", "InvalidInstanceIdX", "Forbidden.RAM"].map((c) => isNotFound(c, 404))).toEqual([false, false, false]);
});

test("minDelay / maxDelay set the schedule's floor and cap, each kept consistent with the other's default", () => {
  const withDelays = (extra: Partial<ApiWaitSpec>) => prepare({ ...ECS, ...extra }, { region: "cn-hangzhou", vars: { instance_id: "i" } }).schedule;
  expect(withDelays({ minDelay: 2, maxDelay: 30 })).toEqual({ minDelayMs: 2000, maxDelayMs: 30_000 });
  expect(withDelays({ minDelay: 120 })).toEqual({ minDelayMs: 120_000, maxDelayMs: 120_000 });
  expect(withDelays({ maxDelay: 5 })).toEqual({ minDelayMs: 500, maxDelayMs: 5000 });
});

test("a region or project ID from the environment is checked like one given", () => {
  expect(inputError(() => prepare(ECS, { vars: { instance_id: "i" } }, { ALIBABA_CLOUD_REGION_ID: "evil.example#" }))).toMatch(/^region: is not valid: a region ID is letters/);
  expect(inputError(() => prepare(JOB, { region: "cn-north-4", vars: { job_id: "j", detail: "d" } }, { HW_PROJECT_ID: "../x" }))).toMatch(/^projectId: is not valid \(HW_PROJECT_ID counts too\): a project ID is letters/);
});
