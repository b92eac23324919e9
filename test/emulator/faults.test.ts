/**
 * Every fault kind, observed over real HTTP on 127.0.0.1.
 */
import type { Emulator } from "../../src/emulator/server";
import type { ScenarioFault } from "../../src/emulator/scenario";
import { FAKE_BCS_PATH, FAKE_EMR, FAKE_OOS, type ManualClock, startFake } from "./support/fake-services";
import { type RawResponse, json, send } from "./support/http";
import { acs3Request, tokenRequest } from "./support/signed-requests";

let emu: Emulator;
let clock: ManualClock;

beforeEach(async () => {
  ({ emu, clock } = await startFake());
});
afterEach(() => emu.close());

type Target = "emr" | "oos" | "bcs";

function script(target: Target, faults: ScenarioFault[], id = "op-1") {
  emu.addOperation({ service: target, id, timeline: [{ state: "RUNNING" }], faults });
}

function request(target: Target, id = "op-1") {
  if (target === "bcs") return tokenRequest(emu.port, FAKE_BCS_PATH("p"), { operation_id: id });
  const api = target === "emr" ? FAKE_EMR : FAKE_OOS;
  return acs3Request({ port: emu.port, ...api, params: { OperationId: id }, at: clock.t });
}

const poll = (target: Target, id = "op-1"): Promise<RawResponse> => send(emu.port, request(target, id));

function errorOf(res: RawResponse): { status: number; code: string } {
  const body = json(res);
  return { status: res.status, code: body.Code ?? body.error_code };
}

describe("throttle", () => {
  test.each([
    ["emr", 400, "ThrottlingException"],
    ["oos", 400, "Throttling.User"],
    ["bcs", 429, "APIG.0308"],
  ] as const)("%s answers HTTP %d %s", async (target, status, code) => {
    script(target, [{ poll: 1, kind: "throttle" }]);
    expect(errorOf(await poll(target))).toEqual({ status, code });
    expect((await poll(target)).status).toBe(200);
    expect(emu.stats()).toEqual({ requests: 2, throttled: 1 });
  });

  test("code and retryAfter are honoured", async () => {
    script("oos", [{ poll: 1, kind: "throttle", code: "Throttling.Api", retryAfter: 7 }]);
    const res = await poll("oos");
    expect(errorOf(res)).toEqual({ status: 400, code: "Throttling.Api" });
    expect(res.headers["retry-after"]).toBe("7");
  });
});

test("server-error: Alibaba 503 ServiceUnavailable, Huawei 500 BCS.5000500", async () => {
  script("emr", [{ from: 1, to: 2, kind: "server-error", retryAfter: 2 }]);
  script("bcs", [{ poll: 1, kind: "server-error" }]);
  const first = await poll("emr");
  expect(errorOf(first)).toEqual({ status: 503, code: "ServiceUnavailable" });
  expect(first.headers["retry-after"]).toBe("2");
  expect(errorOf(await poll("emr"))).toEqual({ status: 503, code: "ServiceUnavailable" });
  expect((await poll("emr")).status).toBe(200);
  expect(errorOf(await poll("bcs"))).toEqual({ status: 500, code: "BCS.5000500" });
});

test("reset destroys the connection without an answer; the server goes on", async () => {
  script("emr", [{ poll: 1, kind: "reset" }]);
  await expect(poll("emr")).rejects.toThrow(/socket hang up|ECONNRESET/);
  expect((await poll("emr")).status).toBe(200);
  expect(emu.requests.map((r) => [r.status, r.fault])).toEqual([
    [0, "reset"],
    [200, null],
  ]);
});

test("delay holds the answer back (another request overtakes it), then answers normally", async () => {
  script("emr", [{ poll: 1, kind: "delay", ms: 400 }]);
  script("oos", []);
  const order: string[] = [];
  const slow = poll("emr").then((res) => (order.push("delayed"), res));
  await new Promise((r) => setTimeout(r, 20));
  await poll("oos").then(() => order.push("prompt"));
  const res = await slow;
  expect(order).toEqual(["prompt", "delayed"]);
  expect(json(res).State).toBe("RUNNING");
  expect(emu.requests.find((r) => r.service === "emr")?.fault).toBe("delay");
});

test("close() cuts a long delay short", async () => {
  script("emr", [{ poll: 1, kind: "delay", ms: 3_600_000 }]);
  const pending = poll("emr");
  await new Promise((r) => setTimeout(r, 50));
  await emu.close();
  await expect(pending).rejects.toThrow();
});

test("malformed: HTTP 200 whose body is not JSON", async () => {
  script("emr", [{ poll: 1, kind: "malformed" }]);
  const res = await poll("emr");
  expect(res.status).toBe(200);
  expect(() => JSON.parse(res.text)).toThrow();
});

test("truncated: HTTP 200 with the first half of the normal body", async () => {
  script("emr", [{ poll: 1, kind: "truncated" }]);
  const cut = await poll("emr");
  const whole = await poll("emr");
  expect(cut.status).toBe(200);
  expect(() => JSON.parse(cut.text)).toThrow();
  expect(cut.text.length).toBe(Math.floor(whole.text.length / 2));
  expect(whole.text.startsWith(cut.text.slice(0, cut.text.indexOf('"Attributes"')))).toBe(true);
});

test("error-body: HTTP 200 whose body is the cloud's error object", async () => {
  script("emr", [{ poll: 1, kind: "error-body" }, { poll: 2, kind: "error-body", code: "Forbidden.RAM", message: "no" }]);
  script("bcs", [{ poll: 1, kind: "error-body" }]);
  const first = json(await poll("emr"));
  expect(first).toMatchObject({ Code: "InternalError" });
  expect(Object.keys(first).sort()).toEqual(["Code", "HostId", "Message", "Recommend", "RequestId"]);
  const second = await poll("emr");
  expect(second.status).toBe(200);
  expect(json(second)).toMatchObject({ Code: "Forbidden.RAM", Message: "no" });
  const bcs = await poll("bcs");
  expect({ status: bcs.status, body: json(bcs) }).toEqual({ status: 200, body: { error_code: "BCS.5000500", error_msg: "Internal Server Error" } });
});

test("expire: from that poll on, forever, the unknown-ID answer", async () => {
  script("emr", [{ poll: 2, kind: "expire" }]);
  expect((await poll("emr")).status).toBe(200);
  for (let i = 0; i < 3; i++) expect(errorOf(await poll("emr"))).toEqual({ status: 404, code: "FakeNotFound" });
});

test("forget() simulates expiry", async () => {
  script("emr", []);
  expect((await poll("emr")).status).toBe(200);
  emu.forget("op-1");
  expect(errorOf(await poll("emr"))).toEqual({ status: 404, code: "FakeNotFound" });
});

test("huge: a streamed 200 body of 11 MiB by default, or of `bytes`", async () => {
  script("emr", [{ poll: 1, kind: "huge" }, { poll: 2, kind: "huge", bytes: 100 }]);
  const big = await poll("emr");
  expect(big.status).toBe(200);
  expect(big.bytes).toBe(11 * 1024 * 1024);
  expect(big.headers["content-length"]).toBeUndefined();
  const small = await poll("emr");
  expect(small.bytes).toBe(100);
  expect(JSON.parse(small.text).Padding).toHaveLength(100 - '{"Padding":""}'.length);
});

test("skewed-clock: InvalidTimeStamp.Expired / APIGW.0303", async () => {
  script("oos", [{ poll: 1, kind: "skewed-clock" }]);
  script("bcs", [{ poll: 1, kind: "skewed-clock" }]);
  expect(errorOf(await poll("oos"))).toEqual({ status: 400, code: "InvalidTimeStamp.Expired" });
  expect(errorOf(await poll("bcs"))).toEqual({ status: 401, code: "APIGW.0303" });
});

test("the first listed fault wins when two hit the same poll", async () => {
  script("oos", [{ from: 1, kind: "server-error" }, { poll: 1, kind: "throttle" }]);
  expect(errorOf(await poll("oos")).code).toBe("ServiceUnavailable");
  expect(errorOf(await poll("oos")).code).toBe("ServiceUnavailable");
});
