/**
 * The Alibaba caller's ROA style (the generic waiter's `call` with a `path`):
 * a GET of the path with its query and no body, ACS3-signed like RPC (checked
 * with the tests' independent signer), and ROA's lower-case error bodies read
 * on answers that are not 2xx only.
 */
import type http from "node:http";
import { createApiCaller } from "../../src/clients/index";
import { ApiError } from "../../src/core/errors";
import type { ApiRequest } from "../../providers/types";
import { acs3Sign } from "../emulator/support/independent-signers";
import { answer, bodyOf, startServer, type LocalServer } from "./local-server";
import { rejection } from "./rejection";

const SECRET = "roa-test-secret";
const ENV = { ALIBABA_CLOUD_ACCESS_KEY_ID: "roa-test-id", ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET };
const ROA: ApiRequest = {
  style: "roa",
  method: "GET",
  action: "DescribeClusterDetail",
  version: "2015-12-15",
  path: "/clusters/c a*b",
  query: { detail: "true", "tag key": "x/y" },
};
const signal = new AbortController().signal;

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function callerFor(handler: http.RequestListener) {
  server = await startServer(handler);
  return createApiCaller({ cloud: "alibaba", endpoint: server.url, env: ENV, isNotFound: (code) => code === "ErrorClusterNotFound" });
}

test("sends a GET of the encoded path with the query, no body, x-acs-action/version, ACS3-signed", async () => {
  const seen: { method?: string; rawUrl?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  const caller = await callerFor(async (req, res) => {
    seen.push({ method: req.method, rawUrl: req.url, headers: req.headers, body: await bodyOf(req) });
    answer(res, 200, { cluster_id: "c a*b", state: "running", code: "not-an-error" });
  });
  await expect(caller.call(ROA, signal)).resolves.toEqual({ cluster_id: "c a*b", state: "running", code: "not-an-error" });
  const [request] = seen;
  expect(request.method).toBe("GET");
  expect(request.rawUrl).toBe("/clusters/c%20a%2Ab?detail=true&tag%20key=x%2Fy");
  expect(request.body).toBe("");
  expect(request.headers).toMatchObject({ "x-acs-action": "DescribeClusterDetail", "x-acs-version": "2015-12-15" });
  const match = /^ACS3-HMAC-SHA256 Credential=roa-test-id,SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(String(request.headers.authorization));
  expect(match).not.toBeNull();
  const signed = match![1].split(";");
  const headers = Object.fromEntries(signed.map((name) => [name, String(request.headers[name])]));
  expect(acs3Sign("GET", ROA.style === "roa" ? ROA.path : "", { detail: "true", "tag key": "x/y" }, headers, signed, "", SECRET).signature).toBe(match![2]);
});

test("reads ROA's lower-case error body on a non-2xx answer, and classes it like any error", async () => {
  const answers = [
    { status: 404, body: { code: "ErrorClusterNotFound", message: "cluster c-1 not found", requestId: "R-1" } },
    { status: 400, body: { code: "Throttling.User", message: "slow down", requestId: "R-2" } },
    { status: 403, body: { Code: "Forbidden.RAM", Message: "no permission", RequestId: "R-3", code: "ignored" } },
  ];
  let i = 0;
  const caller = await callerFor((_req, res) => {
    const next = answers[i++];
    answer(res, next.status, next.body);
  });
  const errors = [];
  for (let n = 0; n < answers.length; n++) errors.push((await rejection(caller.call(ROA, signal))) as ApiError);
  expect(errors.map((e) => [e.kind, e.code, e.message])).toEqual([
    ["notFound", "ErrorClusterNotFound", "cluster c-1 not found (RequestId: R-1)"],
    ["transient", "Throttling.User", "slow down (RequestId: R-2)"],
    ["permanent", "Forbidden.RAM", "no permission (RequestId: R-3)"],
  ]);
});

test("an RPC answer's lower-case code is no error code (only ROA reads that spelling, and only off 2xx)", async () => {
  const caller = await callerFor((_req, res) => answer(res, 400, { code: "InvalidParameter", message: "bad" }));
  const rpc: ApiRequest = { style: "rpc", action: "DescribeInstances", version: "2014-05-26", params: {} };
  const error = (await rejection(caller.call(rpc, signal))) as ApiError;
  expect(error.code).toBe("HTTP400");
});
