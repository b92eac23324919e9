/**
 * Huawei Cloud authentication over real HTTP: SDK-HMAC-SHA256 requests
 * signed by the tests' own signer, and X-Auth-Token.
 */
import type { Emulator } from "../../src/emulator/server";
import { FAKE_BCS_PATH, type ManualClock, startFake } from "./support/fake-services";
import { type RawRequest, json, send } from "./support/http";
import { type HuaweiOptions, huaweiRequest, tokenRequest } from "./support/signed-requests";

let emu: Emulator;
let clock: ManualClock;
const MIN = 60_000;
const PATH = FAKE_BCS_PATH("proj-1");
const QUERY = { operation_id: "bcs-op-1" };

beforeEach(async () => {
  ({ emu, clock } = await startFake({ scenario: { operations: [{ service: "bcs", id: "bcs-op-1", timeline: [{ state: "processing" }] }] } }));
});
afterEach(() => emu.close());

const signed = (o: Partial<HuaweiOptions> = {}) => huaweiRequest({ port: emu.port, path: PATH, query: QUERY, at: clock.t, ...o });

async function expectError(req: RawRequest, status: number, code: string) {
  const res = await send(emu.port, req);
  const body = json(res);
  expect({ status: res.status, code: body.error_code }).toEqual({ status, code });
  expect(Object.keys(body).sort()).toEqual(["error_code", "error_msg"]);
  return body;
}

test("a correctly signed AK/SK request is answered, with the path parameters", async () => {
  const res = await send(emu.port, signed());
  expect(res.status).toBe(200);
  expect(json(res)).toEqual({ count: 1, id: "bcs-op-1", state: "processing", project: "proj-1" });
});

test("a wrong SK or an unknown AK is APIGW.0301 (401)", async () => {
  await expectError(signed({ sk: "wrong-sk" }), 401, "APIGW.0301");
  await expectError(signed({ ak: "UNKNOWNAK" }), 401, "APIGW.0301");
});

test.each([16 * MIN, -16 * MIN])("X-Sdk-Date %d ms off is APIGW.0303 (401)", async (offset) => {
  await expectError(signed({ at: clock.t + offset }), 401, "APIGW.0303");
});

test("X-Sdk-Date 14 minutes off is accepted", async () => {
  expect((await send(emu.port, signed({ at: clock.t + 14 * MIN }))).status).toBe(200);
});

test("a tampered query is APIGW.0301", async () => {
  const req = signed();
  await expectError({ ...req, path: req.path.replace("bcs-op-1", "bcs-op-2") }, 401, "APIGW.0301");
});

test.each([
  ["garbage", (h: Record<string, string>) => (h.authorization = "SDK-HMAC-SHA256 junk")],
  ["x-sdk-date unsigned", (h: Record<string, string>) => (h.authorization = h.authorization.replace("host;x-sdk-date", "host"))],
  ["a malformed date", (h: Record<string, string>) => (h["x-sdk-date"] = "2024-01-01")],
])("an AK/SK request with %s is APIGW.0301", async (_name, after) => {
  await expectError(signed({ after }), 401, "APIGW.0301");
});

test("X-Auth-Token: the accepted token passes, another is BCS.4010401, none is 401", async () => {
  expect((await send(emu.port, tokenRequest(emu.port, PATH, QUERY))).status).toBe(200);
  const bad = await expectError(tokenRequest(emu.port, PATH, QUERY, "stolen"), 401, "BCS.4010401");
  expect(bad.error_msg).toBe("Incorrect token or token resolution failed");
  const none = await send(emu.port, { method: "GET", path: `${PATH}?operation_id=bcs-op-1`, headers: {} });
  expect(none.status).toBe(401);
});

test("an overridden token replaces the default", async () => {
  await emu.close();
  ({ emu, clock } = await startFake({ credentials: { huaweiAuthToken: "custom-token" } }));
  expect((await send(emu.port, tokenRequest(emu.port, PATH, QUERY, "custom-token"))).status).toBe(200);
  await expectError(tokenRequest(emu.port, PATH, QUERY), 401, "BCS.4010401");
});

test("an unknown Huawei path is APIGW.0101 (404); so is another method on a known path", async () => {
  const body = await expectError(tokenRequest(emu.port, "/v2/proj-1/other", {}), 404, "APIGW.0101");
  expect(body.error_msg).toBe("The API does not exist or has not been published in the environment");
  await expectError({ ...tokenRequest(emu.port, PATH, QUERY), method: "DELETE" }, 404, "APIGW.0101");
});
