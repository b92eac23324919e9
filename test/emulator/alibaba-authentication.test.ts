/**
 * Alibaba Cloud authentication over real HTTP: ACS3-HMAC-SHA256 and v1
 * HMAC-SHA1 requests signed by the tests' own signers.
 */
import type { Emulator } from "../../src/emulator/server";
import { FAKE_EMR, type ManualClock, startFake } from "./support/fake-services";
import { json, send } from "./support/http";
import { type Acs3Options, acs3Request, nonce, v1Request } from "./support/signed-requests";

let emu: Emulator;
let clock: ManualClock;
const MIN = 60_000;

beforeEach(async () => {
  ({ emu, clock } = await startFake({ scenario: { operations: [{ service: "emr", id: "op-1", timeline: [{ state: "RUNNING" }] }] } }));
});
afterEach(() => emu.close());

const acs3 = (o: Partial<Acs3Options> = {}) =>
  acs3Request({ port: emu.port, ...FAKE_EMR, params: { OperationId: "op-1", RegionId: "cn-hangzhou" }, at: clock.t, ...o });
const v1 = (o: { at?: number; secret?: string; ak?: string; nonce?: string; form?: boolean; token?: string; params?: Record<string, string> } = {}) =>
  v1Request({
    port: emu.port,
    params: o.params ?? { Action: FAKE_EMR.action, Version: FAKE_EMR.version, OperationId: "op-1" },
    at: o.at ?? clock.t,
    ...(({ params, at, ...rest }) => rest)(o),
  });

async function expectError(req: ReturnType<typeof acs3>, status: number, code: string) {
  const res = await send(emu.port, req);
  const body = json(res);
  expect({ status: res.status, code: body.Code }).toEqual({ status, code });
  expect(Object.keys(body).sort()).toEqual(["Code", "HostId", "Message", "Recommend", "RequestId"]);
  return body;
}

describe("ACS3-HMAC-SHA256", () => {
  test("a correctly signed request is answered by the service", async () => {
    const res = await send(emu.port, acs3());
    expect(res.status).toBe(200);
    expect(json(res)).toMatchObject({ OperationId: "op-1", State: "RUNNING" });
  });

  test("parameters in a signed form body reach the renderer", async () => {
    const res = await send(emu.port, acs3({ params: {}, body: "OperationId=op-1&Extra=a%20b", contentType: "application/x-www-form-urlencoded" }));
    expect(res.status).toBe(200);
    expect(json(res).Params).toMatchObject({ OperationId: "op-1", Extra: "a b" });
  });

  test("a wrong secret is SignatureDoesNotMatch (400)", async () => {
    await expectError(acs3({ secret: "not-the-secret" }), 400, "SignatureDoesNotMatch");
  });

  test("an unknown AccessKey ID is InvalidAccessKeyId.NotFound (404)", async () => {
    await expectError(acs3({ ak: "someone-else" }), 404, "InvalidAccessKeyId.NotFound");
  });

  test.each([16 * MIN, -16 * MIN])("a date %d ms off is InvalidTimeStamp.Expired", async (offset) => {
    await expectError(acs3({ at: clock.t + offset }), 400, "InvalidTimeStamp.Expired");
  });

  test("a date 14 minutes off is accepted", async () => {
    expect((await send(emu.port, acs3({ at: clock.t - 14 * MIN }))).status).toBe(200);
  });

  test("a malformed date is InvalidTimeStamp.Format", async () => {
    await expectError(acs3({ after: (h) => (h["x-acs-date"] = "yesterday") }), 400, "InvalidTimeStamp.Format");
  });

  test("a nonce reused within 15 minutes is SignatureNonceUsed, and accepted again once it expired", async () => {
    const n = nonce();
    expect((await send(emu.port, acs3({ nonce: n }))).status).toBe(200);
    clock.advance(5 * MIN);
    await expectError(acs3({ nonce: n }), 400, "SignatureNonceUsed");
    clock.advance(11 * MIN);
    expect((await send(emu.port, acs3({ nonce: n }))).status).toBe(200);
  });

  test("a body that does not match x-acs-content-sha256 is rejected", async () => {
    const req = acs3({ body: "OperationId=op-1", contentType: "application/x-www-form-urlencoded" });
    await expectError({ ...req, body: "OperationId=op-2" }, 400, "SignatureDoesNotMatch");
  });

  test("a tampered parameter is SignatureDoesNotMatch", async () => {
    const req = acs3();
    await expectError({ ...req, path: req.path.replace("op-1", "op-2") }, 400, "SignatureDoesNotMatch");
  });

  test.each([
    ["no Signature", (h: Record<string, string>) => (h.authorization = h.authorization.replace(/,Signature=.*/, ""))],
    ["garbage", (h: Record<string, string>) => (h.authorization = "ACS3-HMAC-SHA256 nonsense")],
    ["a short signature", (h: Record<string, string>) => (h.authorization = h.authorization.replace(/Signature=(\w+)/, "Signature=abc"))],
    ["an unsupported scheme", (h: Record<string, string>) => (h.authorization = "Bearer abc")],
    ["x-acs-date not signed", (h: Record<string, string>) => (h.authorization = h.authorization.replace("x-acs-date;", ""))],
    ["an unsigned x-acs header", (h: Record<string, string>) => (h["x-acs-extra"] = "1")],
  ])("an Authorization header with %s is IncompleteSignature", async (_name, after) => {
    await expectError(acs3({ after }), 400, "IncompleteSignature");
  });

  test("a missing x-acs-signature-nonce is MissingParameter", async () => {
    const body = await expectError(acs3({ after: (h) => delete h["x-acs-signature-nonce"] }), 400, "MissingParameter");
    expect(body.Message).toContain("x-acs-signature-nonce");
  });

  test("a wrong Version is InvalidVersion; an unknown action is InvalidAction.NotFound (404)", async () => {
    await expectError(acs3({ version: "2000-01-01" }), 400, "InvalidVersion");
    await expectError(acs3({ action: "DeleteEverything" }), 404, "InvalidAction.NotFound");
    await expectError({ method: "GET", path: "/favicon.ico", headers: {} }, 404, "InvalidAction.NotFound");
  });
});

describe("STS security token", () => {
  beforeEach(async () => {
    await emu.close();
    ({ emu, clock } = await startFake({
      credentials: { alibabaSecurityToken: "sts-token-123" },
      scenario: { operations: [{ service: "emr", id: "op-1", timeline: [{ state: "RUNNING" }] }] },
    }));
  });

  test("the configured token, signed, is accepted (ACS3 and v1)", async () => {
    expect((await send(emu.port, acs3({ token: "sts-token-123" }))).status).toBe(200);
    expect((await send(emu.port, v1({ token: "sts-token-123" }))).status).toBe(200);
  });

  test("a missing or wrong token is rejected", async () => {
    await expectError(acs3(), 400, "MissingParameter");
    await expectError(acs3({ token: "other" }), 400, "InvalidSecurityToken.MismatchWithAccessKey");
    await expectError(v1({ token: "other" }), 400, "InvalidSecurityToken.MismatchWithAccessKey");
  });

  test("an unsigned token header is IncompleteSignature", async () => {
    await expectError(acs3({ after: (h) => (h["x-acs-security-token"] = "sts-token-123") }), 400, "IncompleteSignature");
  });

  test("the renderer never sees the token or the signature parameters", async () => {
    const res = await send(emu.port, v1({ token: "sts-token-123" }));
    const params = json(res).Params;
    expect(Object.keys(params).sort()).toEqual(["Action", "Format", "OperationId", "Version"]);
  });
});

describe("signature version 1.0 (HMAC-SHA1)", () => {
  test("GET with query parameters and POST with a form are accepted", async () => {
    expect(json(await send(emu.port, v1()))).toMatchObject({ OperationId: "op-1", State: "RUNNING" });
    expect(json(await send(emu.port, v1({ form: true })))).toMatchObject({ OperationId: "op-1", State: "RUNNING" });
  });

  test("wrong secret, unknown key, stale date and reused nonce get their codes", async () => {
    await expectError(v1({ secret: "wrong" }), 400, "SignatureDoesNotMatch");
    await expectError(v1({ ak: "nobody" }), 404, "InvalidAccessKeyId.NotFound");
    await expectError(v1({ at: clock.t + 16 * MIN }), 400, "InvalidTimeStamp.Expired");
    await expectError(v1({ at: clock.t - 16 * MIN }), 400, "InvalidTimeStamp.Expired");
    const n = nonce();
    expect((await send(emu.port, v1({ nonce: n }))).status).toBe(200);
    await expectError(v1({ nonce: n }), 400, "SignatureNonceUsed");
  });

  test("a request without signature parameters is MissingParameter", async () => {
    const body = await expectError(
      { method: "GET", path: `/?Action=${FAKE_EMR.action}&Version=${FAKE_EMR.version}&OperationId=op-1`, headers: {} },
      400,
      "MissingParameter",
    );
    expect(body.Message).toContain("AccessKeyId");
  });

  test("a signature method other than HMAC-SHA1 is rejected", async () => {
    const req = v1();
    await expectError({ ...req, path: req.path.replace("SignatureMethod=HMAC-SHA1", "SignatureMethod=HMAC-SHA256") }, 400, "IncompleteSignature");
  });

  test("a missing Version is MissingParameter; a wrong one InvalidVersion", async () => {
    await expectError(v1({ params: { Action: FAKE_EMR.action, OperationId: "op-1" } }), 400, "MissingParameter");
    await expectError(v1({ params: { Action: FAKE_EMR.action, Version: "1999-01-01", OperationId: "op-1" } }), 400, "InvalidVersion");
  });
});
