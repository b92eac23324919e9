/**
 * The emulator under hostile input: every malformed request gets the
 * cloud's own error (status, code and body shape), and the server keeps
 * serving, including a real signed wait running through the whole barrage.
 */
import { connect } from "node:net";
import { startEmulator, type Emulator } from "../../src/emulator";
import { waitForOperation } from "../../src/wait";
import { type RawRequest, json, send } from "../emulator/support/http";
import { acs3Request, huaweiRequest, nonce, tokenRequest, v1Request } from "../emulator/support/signed-requests";
import { EMULATOR_ENV, FAST } from "../integration/helpers";

const EMR = { action: "GetOperation", version: "2021-03-20" };
const EMR_PARAMS = { RegionId: "cn-hangzhou", ClusterId: "c-1", OperationId: "op-known" };
const BCS_PATH = "/v2/051ddda57400d2982fccc014fab5749d/operation/record";
const BIG_BODY = Buffer.alloc(2 * 1024 * 1024, "a");
const HOUR_MS = 3600_000;

let emu: Emulator;

/** What a hostile request must get back. */
interface Case {
  name: string;
  request: () => RawRequest;
  status: number;
  code: string;
}

const emr = (extra: Partial<Parameters<typeof acs3Request>[0]> = {}) => acs3Request({ port: emu.port, ...EMR, params: EMR_PARAMS, at: Date.now(), ...extra });
const bcs = (extra: Partial<Parameters<typeof huaweiRequest>[0]> = {}) =>
  huaweiRequest({ port: emu.port, path: BCS_PATH, query: { operation_id: "BCSSVC-known" }, at: Date.now(), ...extra });
const tamper = (edit: (h: Record<string, string>) => void) => ({ after: edit });

const ALIBABA_CASES: Case[] = [
  { name: "no Authorization header", request: () => emr(tamper((h) => delete h.authorization)), status: 400, code: "MissingParameter" },
  { name: "garbage Authorization", request: () => emr(tamper((h) => (h.authorization = "ACS3-HMAC-SHA256 garbage"))), status: 400, code: "IncompleteSignature" },
  { name: "an unknown signing scheme", request: () => emr(tamper((h) => (h.authorization = "Bearer abc.def.ghi"))), status: 400, code: "IncompleteSignature" },
  { name: "10 KiB of Authorization", request: () => emr(tamper((h) => (h.authorization = `ACS3-HMAC-SHA256 ${"x".repeat(10_240)}`))), status: 400, code: "IncompleteSignature" },
  { name: "an unknown AccessKey ID", request: () => emr({ ak: "not-a-key" }), status: 404, code: "InvalidAccessKeyId.NotFound" },
  { name: "a wrong signature", request: () => emr({ secret: "wrong" }), status: 400, code: "SignatureDoesNotMatch" },
  { name: "a signed header changed after signing", request: () => emr(tamper((h) => (h["x-acs-signature-nonce"] = nonce()))), status: 400, code: "SignatureDoesNotMatch" },
  { name: "an unreadable x-acs-date", request: () => emr(tamper((h) => (h["x-acs-date"] = "yesterday"))), status: 400, code: "InvalidTimeStamp.Format" },
  { name: "a date an hour old", request: () => emr({ at: Date.now() - HOUR_MS }), status: 400, code: "InvalidTimeStamp.Expired" },
  { name: "a 2 MiB body", request: () => ({ ...emr(), body: BIG_BODY }), status: 413, code: "RequestBodyTooLarge" },
  { name: "a form body with bad percent-encoding", request: () => emr({ body: "a=%zz", contentType: "application/x-www-form-urlencoded" }), status: 400, code: "InvalidParameter" },
  { name: "a JSON body that is not JSON", request: () => emr({ body: "{not json", contentType: "application/json" }), status: 400, code: "InvalidParameter" },
  { name: "a JSON body that is an array", request: () => emr({ body: "[1,2]", contentType: "application/json" }), status: 400, code: "InvalidParameter" },
  { name: "an unknown action", request: () => acs3Request({ port: emu.port, action: "DeleteEverything", version: EMR.version, at: Date.now() }), status: 404, code: "InvalidAction.NotFound" },
  { name: "a wrong API version", request: () => acs3Request({ port: emu.port, action: EMR.action, version: "1999-01-01", params: EMR_PARAMS, at: Date.now() }), status: 400, code: "InvalidVersion" },
  { name: "an unknown path without an action", request: () => ({ method: "GET", path: "/no/such/path", headers: {} }), status: 404, code: "InvalidAction.NotFound" },
  { name: "a DELETE", request: () => ({ ...emr(), method: "DELETE" }), status: 404, code: "InvalidAction.NotFound" },
  { name: "v1 without a Signature", request: () => v1Without("Signature"), status: 400, code: "MissingParameter" },
  { name: "v1 with a garbage Signature", request: () => v1With({ Signature: "!!!" }), status: 400, code: "SignatureDoesNotMatch" },
  { name: "v1 with an unknown SignatureMethod", request: () => v1With({ SignatureMethod: "ROT13" }), status: 400, code: "IncompleteSignature" },
  { name: "a path with bad percent-encoding", request: () => ({ method: "GET", path: "/%zz?Action=GetOperation", headers: {} }), status: 400, code: "InvalidParameter" },
];

const HUAWEI_CASES: Case[] = [
  { name: "no authentication at all", request: () => ({ method: "GET", path: `${BCS_PATH}?operation_id=x`, headers: {} }), status: 401, code: "APIGW.0301" },
  { name: "garbage Authorization", request: () => bcs(tamper((h) => (h.authorization = "SDK-HMAC-SHA256 garbage"))), status: 401, code: "APIGW.0301" },
  { name: "a wrong secret key", request: () => bcs({ sk: "wrong" }), status: 401, code: "APIGW.0301" },
  { name: "an unknown access key", request: () => bcs({ ak: "NOSUCHKEY" }), status: 401, code: "APIGW.0301" },
  { name: "an X-Sdk-Date an hour old", request: () => bcs({ at: Date.now() - HOUR_MS }), status: 401, code: "APIGW.0303" },
  { name: "an unreadable X-Sdk-Date", request: () => bcs(tamper((h) => (h["x-sdk-date"] = "soon"))), status: 401, code: "APIGW.0301" },
  { name: "a wrong X-Auth-Token", request: () => tokenRequest(emu.port, BCS_PATH, { operation_id: "x" }, "not-the-token"), status: 401, code: "BCS.4010401" },
  { name: "an unknown path", request: () => tokenRequest(emu.port, "/v2/p1/operation/nothing", { operation_id: "x" }), status: 404, code: "APIGW.0101" },
  { name: "a POST to a GET API", request: () => ({ ...tokenRequest(emu.port, BCS_PATH, { operation_id: "x" }), method: "POST" }), status: 404, code: "APIGW.0101" },
  { name: "a 2 MiB body", request: () => ({ ...bcs(), body: BIG_BODY }), status: 413, code: "APIG.0201" },
  { name: "a path parameter with bad percent-encoding", request: () => tokenRequest(emu.port, "/v2/%zz/operation/record", { operation_id: "x" }), status: 400, code: "APIG.0201" },
];

function v1With(override: Record<string, string>): RawRequest {
  const req = v1Request({ port: emu.port, params: { Action: EMR.action, Version: EMR.version, ...EMR_PARAMS }, at: Date.now() });
  const url = new URL(req.path, "http://x");
  for (const [k, v] of Object.entries(override)) url.searchParams.set(k, v);
  return { ...req, path: `${url.pathname}${url.search}` };
}

function v1Without(name: string): RawRequest {
  const req = v1Request({ port: emu.port, params: { Action: EMR.action, Version: EMR.version, ...EMR_PARAMS }, at: Date.now() });
  const url = new URL(req.path, "http://x");
  url.searchParams.delete(name);
  return { ...req, path: `${url.pathname}${url.search}` };
}

/** Sends raw bytes on a fresh connection and resolves with everything received until the server closes it. */
function rawExchange(bytes: string | Buffer, endAfterWrite = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(emu.port, "127.0.0.1", () => {
      socket.write(bytes);
      if (endAfterWrite) socket.end();
    });
    let text = "";
    socket.on("data", (d) => (text += d.toString("latin1")));
    socket.on("close", () => resolve(text));
    socket.on("error", reject);
  });
}

/** Opens a connection, writes `bytes` and destroys it at once, without waiting for an answer. */
function abandon(bytes: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(emu.port, "127.0.0.1", () => {
      socket.write(bytes);
      socket.destroy();
      resolve();
    });
    socket.on("error", () => resolve());
  });
}

const SOCKET_CASES: { name: string; exchange: () => Promise<string>; answer: RegExp }[] = [
  { name: "bytes that are not HTTP", exchange: () => rawExchange("\u0000\u0001\u0002 NOT HTTP\r\n\r\n"), answer: /^HTTP\/1\.1 400/ },
  { name: "a 100 KiB header", exchange: () => rawExchange(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(100 * 1024)}\r\n\r\n`), answer: /^HTTP\/1\.1 431/ },
  {
    name: "an absolute-form request target",
    exchange: () => rawExchange("GET http://elsewhere.example/?Action=GetOperation HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
    answer: /^HTTP\/1\.1 400[^]*"Code":"InvalidParameter"/,
  },
  {
    name: "a body shorter than its Content-Length, then EOF",
    exchange: () => rawExchange("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nab", true),
    answer: /^$|^HTTP\/1\.1 400/,
  },
];

/** Requests that must still be answered normally afterwards, one per cloud and signing scheme. */
async function expectServing(): Promise<void> {
  expect(json(await send(emu.port, emr())).Operation).toMatchObject({ OperationId: "op-known", OperationState: "IN_PROGRESS" });
  const v1 = v1Request({ port: emu.port, params: { Action: EMR.action, Version: EMR.version, ...EMR_PARAMS }, at: Date.now() });
  expect(json(await send(emu.port, v1)).Operation).toMatchObject({ OperationId: "op-known" });
  expect(json(await send(emu.port, bcs())).operation_records).toHaveLength(1);
  expect(json(await send(emu.port, tokenRequest(emu.port, BCS_PATH, { operation_id: "BCSSVC-known" }))).count).toBe(1);
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  emu.addOperation({ service: "emr", id: "op-known", clusterId: "c-1", timeline: [{ state: "IN_PROGRESS" }] });
  emu.addOperation({ service: "bcs", id: "BCSSVC-known", timeline: [{ status: "processing" }] });
});
afterAll(() => emu.close());

describe.each([
  ["Alibaba Cloud", ALIBABA_CASES, ["RequestId", "HostId", "Code", "Message", "Recommend"]],
  ["Huawei Cloud", HUAWEI_CASES, ["error_code", "error_msg"]],
] as const)("%s errors for malformed requests", (_, cases, shape) => {
  test.each(cases.map((c) => [c.name, c] as const))("%s", async (__, c) => {
    const res = await send(emu.port, c.request());
    const body = json(res);
    expect(Object.keys(body).sort()).toEqual([...shape].sort());
    expect({ status: res.status, code: body.Code ?? body.error_code }).toEqual({ status: c.status, code: c.code });
    await expectServing();
  });
});

describe("hostile bytes on the socket", () => {
  test.each(SOCKET_CASES.map((c) => [c.name, c] as const))("%s", async (_, c) => {
    expect(await c.exchange()).toMatch(c.answer);
    await expectServing();
  });

  test("connections that open and vanish mid-request", async () => {
    await Promise.all(Array.from({ length: 50 }, (_, i) => abandon(i % 2 ? "POST / HTTP/1.1\r\nContent-Length: 999\r\n\r\nabc" : "GET /v2/")));
    await expectServing();
  });
});

test("a real signed wait runs to SUCCESS through the whole barrage", async () => {
  emu.addOperation({ service: "emr", id: "op-through", clusterId: "c-1", timeline: [{ polls: 20, state: "IN_PROGRESS" }, { state: "COMPLETED" }] });
  const wait = waitForOperation({
    service: "emr",
    region: "cn-hangzhou",
    clusterId: "c-1",
    operationId: "op-through",
    endpoint: emu.url,
    env: { ...EMULATOR_ENV },
    timeout: "30s",
    tuning: FAST,
  });
  const barrage = Promise.all([
    ...[...ALIBABA_CASES, ...HUAWEI_CASES].map((c) => send(emu.port, c.request()).catch(() => undefined)),
    ...SOCKET_CASES.map((c) => c.exchange()),
  ]);
  const [result] = await Promise.all([wait, barrage]);
  expect(result).toMatchObject({ outcome: "SUCCESS", rawStatus: "COMPLETED", error: null });
  expect(result.polls).toBe(21);
});
