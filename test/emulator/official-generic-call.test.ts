/**
 * The official Alibaba Cloud generic call (`@alicloud/openapi-client`'s
 * `Client.callApi`, which signs with ACS3-HMAC-SHA256 and sends the SDK's own
 * headers) is accepted by the emulator's scripted APIs, RPC and ROA, over
 * plain HTTP on loopback with AccessKey credentials given explicitly.
 */
import os from "node:os";
import OpenApi, { Config, OpenApiRequest, Params } from "@alicloud/openapi-client";
import { RuntimeOptions } from "@alicloud/tea-util";
import { type Emulator, DEFAULT_CREDENTIALS, startEmulator } from "../../src/emulator/index";
import { temporaryFolder } from "../support/temporary-folder";

const saved = { ...process.env };
let emu: Emulator;
let client: OpenApi;

beforeAll(async () => {
  // No credential chain runs (the credentials are explicit), but nothing may reach a metadata service or a real profile.
  for (const name of Object.keys(process.env)) if (name.startsWith("ALIBABA_CLOUD_") || name.startsWith("ALICLOUD_")) delete process.env[name];
  process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";
  const home = temporaryFolder("opgate-generic-call-");
  process.env.HOME = home;
  jest.spyOn(os, "homedir").mockReturnValue(home);

  emu = await startEmulator({
    scenario: {
      operations: [
        {
          service: "api",
          id: "web",
          call: { cloud: "alibaba", product: "ecs", action: "DescribeInstances", version: "2014-05-26", match: { RegionId: "cn-hangzhou", InstanceIds: ["i-bp1web"] } },
          base: { RequestId: "3F1E0B2A-0000-4000-8000-000000000001", TotalCount: 1, Instances: { Instance: [{ InstanceId: "i-bp1web", Status: "Pending" }] } },
          timeline: [{ polls: 1, patch: {} }, { patch: { Instances: { Instance: [{ InstanceId: "i-bp1web", Status: "Running" }] } } }],
        },
        {
          service: "api",
          id: "cluster",
          call: { cloud: "alibaba", product: "cs", action: "DescribeClusterDetail", version: "2015-12-15", path: "/clusters/{ClusterId}" },
          base: { cluster_id: "c-1", state: "initial" },
          timeline: [{ polls: 1, patch: {} }, { error: { status: 404, code: "ErrorClusterNotFound", message: "cluster c-1 not found" } }],
        },
      ],
    },
  });
  client = new OpenApi(
    new Config({
      accessKeyId: DEFAULT_CREDENTIALS.alibabaAccessKeyId,
      accessKeySecret: DEFAULT_CREDENTIALS.alibabaAccessKeySecret,
      endpoint: `127.0.0.1:${emu.port}`,
      protocol: "http",
    }),
  );
});
afterAll(async () => {
  await emu.close();
  for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
  Object.assign(process.env, saved);
  jest.restoreAllMocks();
});

const rpc = (action: string) =>
  new Params({ action, version: "2014-05-26", protocol: "HTTP", pathname: "/", method: "POST", authType: "AK", style: "RPC", reqBodyType: "formData", bodyType: "json" });
const roa = (pathname: string) =>
  new Params({ action: "DescribeClusterDetail", version: "2015-12-15", protocol: "HTTP", pathname, method: "GET", authType: "AK", style: "ROA", reqBodyType: "json", bodyType: "json" });
const runtime = () => new RuntimeOptions({});

test("RPC: callApi's DescribeInstances gets the scripted frames", async () => {
  const request = () => new OpenApiRequest({ query: { RegionId: "cn-hangzhou", InstanceIds: JSON.stringify(["i-bp1web"]) } });
  const pending = await client.callApi(rpc("DescribeInstances"), request(), runtime());
  expect(pending.statusCode).toBe(200);
  expect(pending.body.Instances.Instance[0].Status).toBe("Pending");
  const running = await client.callApi(rpc("DescribeInstances"), request(), runtime());
  expect(running.body.Instances.Instance[0].Status).toBe("Running");
});

test("ROA: callApi's GET of a path gets the scripted frames; the SDK reads the lower-case error body", async () => {
  const initial = await client.callApi(roa("/clusters/c-1"), new OpenApiRequest({}), runtime());
  expect(initial.body).toEqual({ cluster_id: "c-1", state: "initial" });
  await expect(client.callApi(roa("/clusters/c-1"), new OpenApiRequest({}), runtime())).rejects.toMatchObject({
    code: "ErrorClusterNotFound",
    message: expect.stringContaining("cluster c-1 not found"),
  });
});

test("an API the scenario does not script is the gateway's InvalidAction.NotFound", async () => {
  await expect(client.callApi(rpc("DescribeDisks"), new OpenApiRequest({ query: {} }), runtime())).rejects.toMatchObject({
    code: "InvalidAction.NotFound",
  });
  expect(emu.requests.map((r) => [r.action, r.status, r.code])).toEqual([
    ["DescribeInstances", 200, null],
    ["DescribeInstances", 200, null],
    ["DescribeClusterDetail", 200, null],
    ["DescribeClusterDetail", 404, "ErrorClusterNotFound"],
    ["DescribeDisks", 404, "InvalidAction.NotFound"],
  ]);
});
