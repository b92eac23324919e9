/**
 * Server mechanics over real HTTP: unknown IDs, malformed requests, the rate
 * limit, bigint bodies and the request log.
 */
import { connect } from "node:net";
import type { Emulator } from "../../src/emulator/server";
import { FAKE_BCS_PATH, FAKE_EMR, type ManualClock, startFake } from "./support/fake-services";
import { type RawRequest, type RawResponse, json, send } from "./support/http";
import { ALIBABA, HUAWEI, acs3Request, huaweiRequest, tokenRequest, v1Request } from "./support/signed-requests";

let emu: Emulator;
let clock: ManualClock;
let logLines: string[];

async function start(options: Parameters<typeof startFake>[0] = {}) {
  logLines = [];
  ({ emu, clock } = await startFake({ log: (line) => logLines.push(line), ...options }));
  emu.addOperation({ service: "emr", id: "op-1", clusterId: "c-1", timeline: [{ state: "RUNNING" }] });
}
beforeEach(() => start());
afterEach(() => emu.close());

const emrRequest = (params: Record<string, string> = { OperationId: "op-1" }) =>
  acs3Request({ port: emu.port, ...FAKE_EMR, params, at: clock.t });
/** An EMR request with `body` of media type `contentType` and no query. */
const emrBodyRequest = (body: string, contentType: string) =>
  acs3Request({ port: emu.port, ...FAKE_EMR, params: {}, at: clock.t, body, contentType });
const bcsRequest = () => tokenRequest(emu.port, FAKE_BCS_PATH("p"), { operation_id: "x" });

function errorOf(res: RawResponse): { status: number; code: string } {
  const body = json(res);
  return { status: res.status, code: body.Code ?? body.error_code };
}

async function stillServing(): Promise<void> {
  expect((await send(emu.port, emrRequest())).status).toBe(200);
}

test("a scripted operation is rendered with its attributes; bigints are bare JSON integers", async () => {
  const res = await send(emu.port, emrRequest());
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  expect(res.text).toContain('"Nanos":1618219038464462600');
  expect(json(res)).toMatchObject({ OperationId: "op-1", State: "RUNNING", Attributes: { clusterId: "c-1" } });
});

test("an operation without a scenario gets the provider's unknown-ID answer", async () => {
  expect(errorOf(await send(emu.port, emrRequest({ OperationId: "op-404" })))).toEqual({ status: 404, code: "FakeNotFound" });
  const bcs = await send(emu.port, tokenRequest(emu.port, FAKE_BCS_PATH("p"), { operation_id: "nope" }));
  expect(json(bcs)).toEqual({ count: 0, operation_records: [] });
});

test("the provider's own answer for a request without an operation ID", async () => {
  expect(errorOf(await send(emu.port, emrRequest({})))).toEqual({ status: 400, code: "MissingParameter" });
});

describe("malformed requests get the cloud's error and the server keeps serving", () => {
  test("a form body with bad percent-encoding", async () => {
    const req = emrBodyRequest("OperationId=%zz", "application/x-www-form-urlencoded");
    expect(errorOf(await send(emu.port, req))).toEqual({ status: 400, code: "InvalidParameter" });
    await stillServing();
  });

  test("a JSON body that is not JSON", async () => {
    const req = emrBodyRequest("{not json", "application/json");
    expect(errorOf(await send(emu.port, req))).toEqual({ status: 400, code: "InvalidParameter" });
    await stillServing();
  });

  test("parameters in a JSON object body are read", async () => {
    const req = emrBodyRequest('{"OperationId":"op-1"}', "application/json");
    expect(json(await send(emu.port, req)).State).toBe("RUNNING");
  });

  test("a body over 1 MiB: Alibaba 413, Huawei APIG.0201 413", async () => {
    const big = Buffer.alloc(1024 * 1024 + 1, "a");
    const ali = await send(emu.port, { ...emrRequest(), body: big });
    expect(errorOf(ali)).toEqual({ status: 413, code: "RequestBodyTooLarge" });
    expect(ali.headers.connection).toBe("close");
    const hw = await send(emu.port, { ...bcsRequest(), body: big });
    expect(errorOf(hw)).toEqual({ status: 413, code: "APIG.0201" });
    await stillServing();
  });

  test("a bad percent-encoding in the path", async () => {
    expect(errorOf(await send(emu.port, { method: "GET", path: "/%zz?Action=x", headers: {} }))).toEqual({ status: 400, code: "InvalidParameter" });
    const hw = await send(emu.port, tokenRequest(emu.port, "/v2/%zz/fake/record", { operation_id: "x" }));
    expect(errorOf(hw)).toEqual({ status: 400, code: "APIG.0201" });
    await stillServing();
  });

  test("bytes that are not HTTP", async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(emu.port, "127.0.0.1", () => socket.write("\u0000\u0001 NOT HTTP\r\n\r\n"));
      let text = "";
      socket.on("data", (d) => (text += d.toString()));
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    await stillServing();
  });

  test("a renderer that throws gets the cloud's 500 InternalError", async () => {
    expect(errorOf(await send(emu.port, emrRequest({ OperationId: "op-1", Boom: "1" })))).toEqual({ status: 500, code: "InternalError" });
    expect(logLines.some((l) => l.includes("internal error: renderer bug"))).toBe(true);
    await stillServing();
  });
});

describe("rate limit", () => {
  test("above perSecond: Throttling.User (400) / APIG.0308 (429), counted in stats", async () => {
    await emu.close();
    await start({ rateLimit: { perSecond: 3 } });
    const statuses: RawResponse[] = [];
    for (let i = 0; i < 4; i++) statuses.push(await send(emu.port, emrRequest()));
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 200, 400]);
    expect(errorOf(statuses[3]).code).toBe("Throttling.User");
    expect(errorOf(await send(emu.port, bcsRequest()))).toEqual({ status: 429, code: "APIG.0308" });
    expect(emu.stats()).toEqual({ requests: 5, throttled: 2 });
    clock.advance(1000);
    expect((await send(emu.port, emrRequest())).status).toBe(200);
  });

  test("a scenario's rateLimit applies", async () => {
    emu.loadScenario({ operations: [{ service: "emr", id: "op-1", timeline: [{ state: "RUNNING" }] }], rateLimit: { perSecond: 1 } });
    expect((await send(emu.port, emrRequest())).status).toBe(200);
    expect((await send(emu.port, emrRequest())).status).toBe(400);
  });
});

test("the request log and records hold no secret, signature or query", async () => {
  await emu.close();
  const token = "sts-secret-token-value";
  await start({ credentials: { alibabaSecurityToken: token } });
  const requests: RawRequest[] = [
    acs3Request({ port: emu.port, ...FAKE_EMR, params: { OperationId: "op-1" }, at: clock.t, token }),
    acs3Request({ port: emu.port, ...FAKE_EMR, params: { OperationId: "op-1" }, at: clock.t, token, secret: "wrong-secret" }),
    v1Request({ port: emu.port, params: { Action: FAKE_EMR.action, Version: FAKE_EMR.version, OperationId: "op-1" }, at: clock.t, token }),
    huaweiRequest({ port: emu.port, path: FAKE_BCS_PATH("p"), query: { operation_id: "x" }, at: clock.t }),
    tokenRequest(emu.port, FAKE_BCS_PATH("p"), { operation_id: "x" }),
    tokenRequest(emu.port, FAKE_BCS_PATH("p"), { operation_id: "x" }, "wrong-token-value"),
  ];
  const signatures: string[] = [];
  for (const req of requests) {
    const res = await send(emu.port, req);
    expect(res.status).toBeLessThan(500);
    const auth = req.headers.authorization ?? decodeURIComponent(/Signature=([^&]+)/.exec(req.path)?.[1] ?? "");
    if (auth) signatures.push(/Signature=([0-9a-f]{64})/.exec(auth)?.[1] ?? auth);
  }
  expect(signatures).toHaveLength(4);
  expect(emu.requests).toHaveLength(requests.length);
  expect(logLines.filter((l) => / -> \d+/.test(l))).toHaveLength(requests.length);
  const everything = JSON.stringify(emu.requests) + "\n" + logLines.join("\n");
  for (const secret of [ALIBABA.secret, HUAWEI.sk, HUAWEI.token, token, "wrong-token-value", "wrong-secret", "Signature=", ...signatures]) {
    expect(everything).not.toContain(secret);
  }
  expect(emu.requests[0]).toEqual({
    time: clock.t,
    method: "POST",
    path: "/",
    service: "emr",
    action: FAKE_EMR.action,
    operationId: "op-1",
    status: 200,
    code: null,
    fault: null,
  });
  expect(emu.requests[1]).toMatchObject({ status: 400, code: "SignatureDoesNotMatch", operationId: null });
});

test("log lines strip control characters from request text", async () => {
  await send(emu.port, { method: "GET", path: "/?Action=Get%0AOperation%1B%5B31m", headers: {} });
  const line = logLines.find((l) => l.includes("InvalidAction.NotFound"))!;
  expect(line).toContain("Get?Operation?[31m");
});
