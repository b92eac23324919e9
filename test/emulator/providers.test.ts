/**
 * The emulator over the real providers (PROVIDERS): the documented answer
 * shapes through requests signed by the tests' own signers, and one poll per
 * service through the real signed clients of src/clients.
 */
import { createApiCaller } from "../../src/clients/index";
import { PROVIDERS } from "../../providers/index";
import { readParams } from "../../providers/params";
import { type Emulator, type ServiceScenarioOperation, parseScenario, startEmulator } from "../../src/emulator/index";
import { json, send } from "./support/http";
import { scenarioExamples } from "./support/scenario-examples";
import { acs3Request, huaweiRequest, tokenRequest, v1Request } from "./support/signed-requests";

let emu: Emulator;
const PROJECT = "051ddda57400d2982fccc014fab5749d";

beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(() => emu.close());

describe("answers in the documented shapes (independent signers)", () => {
  test("EMR GetOperation (ACS3): timeline, wrong cluster and unknown ID", async () => {
    emu.addOperation({ service: "emr", id: "op-1", clusterId: "c-1", timeline: [{ polls: 1, state: "IN_PROGRESS" }, { state: "COMPLETED" }] });
    const api = { action: "GetOperation", version: "2021-03-20" };
    const get = (params: Record<string, string>) =>
      send(emu.port, acs3Request({ port: emu.port, ...api, params: { RegionId: "cn-hangzhou", ...params }, at: Date.now() }));
    const first = json(await get({ ClusterId: "c-1", OperationId: "op-1" }));
    expect(first.Operation).toMatchObject({ ClusterId: "c-1", OperationId: "op-1", OperationState: "IN_PROGRESS" });
    expect(json(await get({ ClusterId: "c-1", OperationId: "op-1" })).Operation.OperationState).toBe("COMPLETED");
    for (const params of [{ ClusterId: "c-2", OperationId: "op-1" }, { ClusterId: "c-1", OperationId: "op-404" }]) {
      const res = await get(params);
      expect({ status: res.status, code: json(res).Code }).toEqual({ status: 404, code: "ResourceNotFound" });
    }
  });

  test("BPStudio GetExecuteOperationResult (v1): Data, and no Data for an unknown ID", async () => {
    emu.addOperation({ service: "bpstudio", id: "op_1", timeline: [{ status: "SUCCESS" }] });
    const get = (id: string) =>
      send(emu.port, v1Request({ port: emu.port, params: { Action: "GetExecuteOperationResult", Version: "2021-09-31", OperationId: id }, at: Date.now() }));
    const known = json(await get("op_1"));
    expect(known).toMatchObject({ Code: "200", Data: { OperationId: "op_1", Status: "SUCCESS" } });
    const unknown = await get("op_2");
    expect(unknown.status).toBe(200);
    expect(json(unknown)).not.toHaveProperty("Data");
  });

  test("OOS ListResourceExecutionStatus: every page request counts as a poll", async () => {
    emu.addOperation({ service: "oos", id: "exec-1", timeline: [{ count: 150, status: "Running" }], faults: [{ poll: 3, kind: "throttle" }] });
    const page = (token?: string) =>
      send(
        emu.port,
        acs3Request({
          port: emu.port,
          action: "ListResourceExecutionStatus",
          version: "2019-06-01",
          params: { RegionId: "cn-hangzhou", ExecutionId: "exec-1", MaxResults: "100", ...(token ? { NextToken: token } : {}) },
          at: Date.now(),
        }),
      );
    const first = json(await page());
    expect(first.ResourceExecutionStatus).toHaveLength(100);
    const second = json(await page(first.NextToken));
    expect(second.ResourceExecutionStatus).toHaveLength(50);
    expect(second).not.toHaveProperty("NextToken");
    const third = await page();
    expect({ status: third.status, code: json(third).Code }).toEqual({ status: 400, code: "Throttling.User" });
    expect(emu.requests.map((r) => r.fault)).toEqual([null, null, "throttle"]);
  });

  test("BCS operation/record (AK/SK and token): nanosecond times as bare integers, unknown ID as an empty list", async () => {
    emu.addOperation({ service: "bcs", id: "rec-1", projectId: PROJECT, timeline: [{ status: "processing" }] });
    const path = `/v2/${PROJECT}/operation/record`;
    const signed = await send(emu.port, huaweiRequest({ port: emu.port, path, query: { operation_id: "rec-1" }, at: Date.now() }));
    expect(signed.status).toBe(200);
    expect(json(signed)).toMatchObject({ count: 1, operation_records: [{ operation_id: "rec-1", operation_status: "processing" }] });
    expect(signed.text).toMatch(/"start_time":\d{19}/);
    const unknown = await send(emu.port, tokenRequest(emu.port, path, { operation_id: "rec-2" }));
    expect(json(unknown)).toEqual({ count: 0, operation_records: [] });
  });
});

test("every SCENARIOS.md example loads into the real providers; the EMR one plays as documented", async () => {
  for (const [, json] of scenarioExamples()) emu.loadScenario(parseScenario(json));
  const emrExample = scenarioExamples().find(([service]) => service === "emr")![1];
  emu.loadScenario(parseScenario(emrExample));
  const get = () =>
    send(
      emu.port,
      acs3Request({
        port: emu.port,
        action: "GetOperation",
        version: "2021-03-20",
        params: { RegionId: "cn-hangzhou", ClusterId: "c-b933c5aac8feabcd", OperationId: "op-13c37a77c505abcd" },
        at: Date.now(),
      }),
    );
  const first = await get();
  expect({ status: first.status, code: json(first).Code, retryAfter: first.headers["retry-after"] }).toEqual({
    status: 503,
    code: "ServiceUnavailable",
    retryAfter: "1",
  });
  expect(json(await get()).Operation.OperationState).toBe("IN_PROGRESS");
});

describe("one wait step per service through the real clients", () => {
  const env = {
    ALIBABA_CLOUD_ACCESS_KEY_ID: "opgate-emulator",
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: "opgate-emulator-secret",
    HW_ACCESS_KEY: "OPGATEEMULATORAK",
    HW_SECRET_KEY: "opgate-emulator-sk",
  };
  const cases: [ServiceScenarioOperation["service"], Record<string, unknown>, Record<string, unknown>, Record<string, unknown>][] = [
    ["bpstudio", { operationId: "op_1" }, { status: "RUNNING" }, { status: "SUCCESS" }],
    ["emr", { region: "cn-hangzhou", clusterId: "c-1", operationId: "op-1" }, { state: "IN_PROGRESS" }, { state: "COMPLETED" }],
    ["bcs", { region: "cn-north-4", projectId: PROJECT, operationId: "rec-1" }, { status: "processing" }, { status: "finished" }],
    ["oos", { region: "cn-hangzhou", executionId: "exec-1" }, { count: 120, status: "Running" }, { count: 120, status: "Success" }],
  ];

  test.each(cases)("%s: RUNNING, then SUCCESS", async (service, input, running, done) => {
    const provider = PROVIDERS[service];
    const params = readParams(provider, input, {});
    emu.addOperation({ service, id: provider.operationIdOf(params), timeline: [{ polls: 1, ...running }, done] });
    const api = await createApiCaller({
      cloud: provider.cloud,
      endpoint: emu.url,
      env,
      projectId: typeof params.projectId === "string" ? params.projectId : undefined,
      isNotFound: provider.isNotFound,
    });
    const signal = new AbortController().signal;
    expect((await provider.poll(params, api, signal)).state).toBe("RUNNING");
    expect((await provider.poll(params, api, signal)).state).toBe("SUCCESS");
    expect(emu.requests.every((r) => r.status === 200)).toBe(true);
  });
});
