import type http from "node:http";
import net from "node:net";
import { acs3Signature } from "../../src/signing/alibaba";
import { huaweiSignature } from "../../src/signing/huawei";
import { createApiCaller, type ClientOptions } from "../../src/clients/index";
import { ReadBudget } from "../../src/clients/read-budget";
import { ApiError, InputError } from "../../src/core/errors";
import type { ApiRequest } from "../../providers/types";
import { answer, bodyOf, startServer, type LocalServer } from "./local-server";
import { rejection } from "./rejection";

const CANARY_SECRET = "CANARY-SECRET-0b5e1d";
const CANARY_TOKEN = "CANARY-TOKEN-92c4aa";

const ALIBABA_ENV = { ALIBABA_CLOUD_ACCESS_KEY_ID: "test-id", ALIBABA_CLOUD_ACCESS_KEY_SECRET: CANARY_SECRET };
const ALIBABA_STS_ENV = { ...ALIBABA_ENV, ALIBABA_CLOUD_SECURITY_TOKEN: CANARY_TOKEN };
const HUAWEI_ENV = { HW_ACCESS_KEY: "TESTAK", HW_SECRET_KEY: CANARY_SECRET };

const isNotFound = (code: string) => code.startsWith("EntityNotExists.") || code === "ResourceNotFound";
const RPC: ApiRequest = {
  style: "rpc",
  action: "ListResourceExecutionStatus",
  version: "2019-06-01",
  params: { RegionId: "cn-hangzhou", ExecutionId: "exec-1 *x" },
};
const REST: ApiRequest = { style: "rest", method: "GET", path: "/v2/proj1/operation/record", query: { operation_id: "op 1" } };

function options(cloud: ClientOptions["cloud"], endpoint: string, env: ClientOptions["env"]): ClientOptions {
  return { cloud, endpoint, env, isNotFound, projectId: cloud === "huawei" ? "proj1" : undefined };
}

/** What a test server saw of one request. */
interface Seen {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
}

async function seen(req: http.IncomingMessage): Promise<Seen> {
  const url = new URL(req.url ?? "/", "http://x");
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
  return {
    method: req.method ?? "",
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body: await bodyOf(req),
  };
}

/** Checks an ACS3 signature the way the cloud does; returns the signed header names. */
function verifyAcs3(s: Seen, secret: string): string[] {
  const m = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(
    s.headers.authorization ?? "",
  );
  if (!m) throw new Error(`bad authorization header: ${s.headers.authorization}`);
  const signed = m[2]!.split(";");
  expect(acs3Signature(s, signed, secret)).toBe(m[3]);
  return signed;
}

function verifyHuawei(s: Seen, secret: string): string[] {
  const m = /^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
    s.headers.authorization ?? "",
  );
  if (!m) throw new Error(`bad authorization header: ${s.headers.authorization}`);
  const signed = m[2]!.split(";");
  expect(huaweiSignature(s, signed, secret, s.headers["x-sdk-date"]!)).toBe(m[3]);
  return signed;
}


const signal = () => new AbortController().signal;

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("Alibaba RPC caller", () => {
  it("POSTs / with the params in the query and Action/Version as ACS3-signed headers", async () => {
    const requests: Seen[] = [];
    server = await startServer(async (req, res) => {
      requests.push(await seen(req));
      answer(res, 200, '{"RequestId":"r","Big":1618219038464000000,"Small":7}');
    });
    const caller = await createApiCaller(options("alibaba", server.url, ALIBABA_STS_ENV));
    const body = await caller.call(RPC, signal());
    expect(body).toEqual({ RequestId: "r", Big: 1618219038464000000n, Small: 7 });
    const [s] = requests;
    expect(verifyAcs3(s!, CANARY_SECRET)).toEqual([
      "host",
      "x-acs-action",
      "x-acs-content-sha256",
      "x-acs-date",
      "x-acs-security-token",
      "x-acs-signature-nonce",
      "x-acs-version",
    ]);
    expect(s).toMatchObject({
      method: "POST",
      path: "/",
      query: { RegionId: "cn-hangzhou", ExecutionId: "exec-1 *x" },
      body: "",
    });
    expect(s!.query.Action).toBeUndefined();
    expect(s!.headers).toMatchObject({
      "x-acs-action": "ListResourceExecutionStatus",
      "x-acs-version": "2019-06-01",
      "x-acs-security-token": CANARY_TOKEN,
      accept: "application/json",
    });
    expect(Math.abs(Date.parse(s!.headers["x-acs-date"]!) - Date.now())).toBeLessThan(60_000);
  });

  it("classes Alibaba error bodies and keeps Message and RequestId", async () => {
    const answers = [
      { status: 400, body: { RequestId: "R1", HostId: "h", Code: "Throttling.User", Message: "Request was denied due to user flow control.", Recommend: "https://x" } },
      { status: 404, body: { RequestId: "R2", Code: "EntityNotExists.Execution", Message: "The Execution does not exist." } },
      { status: 404, body: { RequestId: "R3", Code: "InvalidAccessKeyId.NotFound", Message: "Specified access key is not found." } },
      { status: 403, body: { RequestId: "R4", Code: "SignatureDoesNotMatch", Message: "Specified signature is not matched." } },
    ];
    let i = 0;
    server = await startServer((_req, res) => {
      const a = answers[i++]!;
      answer(res, a.status, a.body, a.status === 400 ? { "retry-after": "3" } : {});
    });
    const caller = await createApiCaller(options("alibaba", server.url, ALIBABA_ENV));
    const errors = [];
    for (let n = 0; n < answers.length; n++) errors.push(await rejection(caller.call(RPC, signal())));
    expect(errors.every((e) => e instanceof ApiError)).toBe(true);
    expect(errors.map((e) => [(e as ApiError).kind, (e as ApiError).code, (e as ApiError).httpStatus])).toEqual([
      ["transient", "Throttling.User", 400],
      ["notFound", "EntityNotExists.Execution", 404],
      ["permanent", "InvalidAccessKeyId.NotFound", 404],
      ["permanent", "SignatureDoesNotMatch", 403],
    ]);
    expect((errors[0] as ApiError).message).toBe("Request was denied due to user flow control. (RequestId: R1)");
    expect((errors[0] as ApiError).retryAfterMs).toBe(3000);
  });

  it("a 2xx body whose Code is not a success code is an error, with or without Message; Code 200, OK or Success is data", async () => {
    const answers = [{ Code: "200", Data: { x: 1 } }, { Code: "Success", Data: {} }, { Code: "Forbidden.RAM" }, { Code: "InternalError", Message: "busy" }];
    let i = 0;
    server = await startServer((_req, res) => answer(res, 200, answers[i++]));
    const caller = await createApiCaller(options("alibaba", server.url, ALIBABA_ENV));
    await expect(caller.call(RPC, signal())).resolves.toEqual({ Code: "200", Data: { x: 1 } });
    await expect(caller.call(RPC, signal())).resolves.toEqual({ Code: "Success", Data: {} });
    expect(await rejection(caller.call(RPC, signal()))).toMatchObject({ kind: "permanent", code: "Forbidden.RAM", httpStatus: 200 });
    expect(await rejection(caller.call(RPC, signal()))).toMatchObject({ kind: "transient", code: "InternalError" });
  });

  it("calls a non-JSON 200 MalformedResponse (transient)", async () => {
    server = await startServer((_req, res) => answer(res, 200, "<html>proxy login</html>"));
    const caller = await createApiCaller(options("alibaba", server.url, ALIBABA_ENV));
    expect(await rejection(caller.call(RPC, signal()))).toMatchObject({ kind: "transient", code: "MalformedResponse" });
  });

  it("re-signs (new nonce) when it re-sends after a reset connection", async () => {
    const requests: Seen[] = [];
    server = await startServer(async (req, res) => {
      requests.push(await seen(req));
      if (requests.length === 1) return req.socket.destroy();
      answer(res, 200, { ok: true });
    });
    const caller = await createApiCaller(options("alibaba", server.url, ALIBABA_ENV));
    expect(await caller.call(RPC, signal())).toEqual({ ok: true });
    expect(requests).toHaveLength(2);
    for (const s of requests) verifyAcs3(s, CANARY_SECRET);
    const [first, second] = requests.map((s) => s.headers["x-acs-signature-nonce"]);
    expect(first).not.toBe(second);
  });

  it("takes every answer of a poll from its read budget, and refuses one that would pass it with PollTooLarge", async () => {
    const page = JSON.stringify({ RequestId: "r", Text: "x".repeat(400 * 1024) });
    server = await startServer((_req, res) => answer(res, 200, page));
    const caller = await createApiCaller(options("alibaba", server.url, ALIBABA_ENV));
    const budget = new ReadBudget(1024 * 1024, "the pages of OOS execution exec-1");
    await caller.call(RPC, signal(), budget);
    await caller.call(RPC, signal(), budget);
    expect(budget.bytesLeft).toBe(1024 * 1024 - 2 * Buffer.byteLength(page));
    expect(await rejection(caller.call(RPC, signal(), budget))).toMatchObject({
      kind: "permanent",
      code: "PollTooLarge",
      message: "the pages of OOS execution exec-1 hold more than 1 MiB, more than one poll reads (docs/reliability.md)",
    });
    // Without a budget, the answer cap alone applies.
    await expect(caller.call(RPC, signal())).resolves.toMatchObject({ RequestId: "r" });
  });

  it("rejects REST requests", async () => {
    const caller = await createApiCaller(options("alibaba", "http://127.0.0.1:9", ALIBABA_ENV));
    await expect(caller.call(REST, signal())).rejects.toThrow(TypeError);
  });
});

describe("Huawei caller", () => {
  it("GETs the path with an AK/SK signature over every header, x-project-id included", async () => {
    const requests: Seen[] = [];
    server = await startServer(async (req, res) => {
      requests.push(await seen(req));
      answer(res, 200, '{"count":1,"operation_records":[{"start_time":1618219038464123456}]}');
    });
    const caller = await createApiCaller(options("huawei", server.url, HUAWEI_ENV));
    const body = await caller.call(REST, signal());
    expect(body).toEqual({ count: 1, operation_records: [{ start_time: 1618219038464123456n }] });
    expect(verifyHuawei(requests[0]!, CANARY_SECRET)).toEqual(["content-type", "host", "x-project-id", "x-sdk-date"]);
    expect(requests[0]).toMatchObject({
      method: "GET",
      path: "/v2/proj1/operation/record",
      query: { operation_id: "op 1" },
      headers: { "content-type": "application/json", "x-project-id": "proj1" },
    });
    expect(requests[0]!.headers["x-auth-token"]).toBeUndefined();
  });

  it("sends X-Auth-Token when only a token is set, and reads {error_code, error_msg}", async () => {
    const requests: Seen[] = [];
    server = await startServer(async (req, res) => {
      requests.push(await seen(req));
      answer(res, 401, { error_code: "BCS.4010401", error_msg: "token expired" }, { "x-request-id": "hw-req" });
    });
    const caller = await createApiCaller(options("huawei", server.url, { HW_AUTH_TOKEN: CANARY_TOKEN }));
    const err = await rejection(caller.call(REST, signal()));
    expect(err).toMatchObject({ kind: "permanent", code: "BCS.4010401", httpStatus: 401, message: "token expired (RequestId: hw-req)" });
    expect(requests[0]!.headers["x-auth-token"]).toBe(CANARY_TOKEN);
    expect(requests[0]!.headers.authorization).toBeUndefined();
  });

  it("a 2xx body is an error only with the full error shape: a failed job (status FAIL, error_code, fail_reason) is data, BCS's {error_code, error_msg} an error", async () => {
    const failedJob = { status: "FAIL", job_id: "j-1", error_code: "Ecs.0013", fail_reason: "Insufficient EIP quota." };
    const answers = [failedJob, { error_code: "BCS.4010401", error_msg: "token expired" }, { error_code: "BCS.5000500", error_msg: "busy" }];
    let i = 0;
    server = await startServer((_req, res) => answer(res, 200, answers[i++]));
    const caller = await createApiCaller(options("huawei", server.url, HUAWEI_ENV));
    await expect(caller.call(REST, signal())).resolves.toEqual(failedJob);
    expect(await rejection(caller.call(REST, signal()))).toMatchObject({ kind: "permanent", code: "BCS.4010401", httpStatus: 200, message: "token expired" });
    expect(await rejection(caller.call(REST, signal()))).toMatchObject({ kind: "transient", code: "BCS.5000500" });
  });

  it("treats APIG.0308 as transient and BCS.4040404 as permanent", async () => {
    const answers = [
      { status: 429, body: { error_code: "APIG.0308", error_msg: "throttled" } },
      { status: 404, body: { error_code: "BCS.4040404", error_msg: "unknown url" } },
    ];
    let i = 0;
    server = await startServer((_req, res) => {
      const a = answers[i++]!;
      answer(res, a.status, a.body);
    });
    const caller = await createApiCaller({ ...options("huawei", server.url, HUAWEI_ENV), isNotFound: () => true });
    expect(await rejection(caller.call(REST, signal()))).toMatchObject({ kind: "transient", code: "APIG.0308" });
    expect(await rejection(caller.call(REST, signal()))).toMatchObject({ kind: "permanent", code: "BCS.4040404" });
  });
});

describe("createApiCaller endpoint and plain-HTTP rules", () => {
  // The endpoints below name hosts that are not loopback (10.0.0.1, example.com) only to be refused or
  // to build a caller that is never called: every socket this block opens must go to loopback.
  let connect: jest.SpyInstance;
  beforeEach(() => {
    connect = jest.spyOn(net.Socket.prototype, "connect");
  });
  afterEach(() => {
    // Node hands `connect` its normalized arguments: [options, callback].
    const hosts = connect.mock.calls.map(([target]) => ((Array.isArray(target) ? target[0] : target) as net.TcpNetConnectOpts).host);
    connect.mockRestore();
    expect(hosts.filter((host) => !["127.0.0.1", "::1", "localhost"].includes(String(host)))).toEqual([]);
  });

  it.each([
    ["not a url", "absolute"],
    ["ftp://example.com", "http"],
    ["/relative", "absolute"],
    ["https://example.com/some/path", "base URL"],
    ["https://example.com/?x=1", "base URL"],
  ])("refuses endpoint %p", async (endpoint, words) => {
    const err = await rejection(createApiCaller(options("alibaba", endpoint, ALIBABA_ENV)));
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).field).toBe("endpoint");
    expect((err as Error).message).toContain(words);
  });

  it("refuses credentials in the endpoint without repeating them", async () => {
    const err = await rejection(createApiCaller(options("alibaba", `https://user:${CANARY_SECRET}@example.com`, ALIBABA_ENV)));
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).field).toBe("endpoint");
    expect((err as Error).message).not.toContain(CANARY_SECRET);
  });

  it.each([
    ["huawei", { HW_AUTH_TOKEN: CANARY_TOKEN }],
    ["huawei", { ...HUAWEI_ENV, HW_SECURITY_TOKEN: CANARY_TOKEN }],
    ["alibaba", ALIBABA_STS_ENV],
  ] as const)("refuses to send a %s token to http://10.0.0.1 before any request", async (cloud, env) => {
    const err = await rejection(createApiCaller(options(cloud, "http://10.0.0.1:8080", env)));
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).field).toBe("endpoint");
    expect((err as Error).message).toContain("--allow-insecure-http");
    expect((err as Error).message).not.toContain(CANARY_TOKEN);
  });

  it("allows plain HTTP for signatures without tokens, with allowInsecureHttp, and over https", async () => {
    await expect(createApiCaller(options("huawei", "http://10.0.0.1:8080", HUAWEI_ENV))).resolves.toBeDefined();
    await expect(createApiCaller(options("alibaba", "http://10.0.0.1:8080", ALIBABA_ENV))).resolves.toBeDefined();
    await expect(
      createApiCaller({ ...options("huawei", "http://10.0.0.1:8080", { HW_AUTH_TOKEN: "t" }), allowInsecureHttp: true }),
    ).resolves.toBeDefined();
    await expect(createApiCaller(options("huawei", "https://10.0.0.1", { HW_AUTH_TOKEN: "t" }))).resolves.toBeDefined();
  });

  it.each(["http://127.0.0.1:1", "http://127.1.2.3:1", "http://localhost:1", "http://[::1]:1"])(
    "allows tokens over plain HTTP to loopback %s",
    async (endpoint) => {
      await expect(createApiCaller(options("huawei", endpoint, { HW_AUTH_TOKEN: "t" }))).resolves.toBeDefined();
    },
  );

  it("sends a token to a loopback emulator over plain HTTP", async () => {
    server = await startServer((_req, res) => answer(res, 200, { count: 0, operation_records: [] }));
    const caller = await createApiCaller(options("huawei", server.url, { HW_AUTH_TOKEN: "t" }));
    expect(await caller.call(REST, signal())).toEqual({ count: 0, operation_records: [] });
  });

  it("fails on missing credentials with InputError('credentials') before any request", async () => {
    const err = await rejection(createApiCaller(options("huawei", "http://127.0.0.1:1", { HW_SECRET_KEY: CANARY_SECRET })));
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).field).toBe("credentials");
  });
});

describe("secrets never appear in thrown errors", () => {
  /**
   * Answers that echo the client's secrets (the token it sent, and the secret
   * of a signing client) in every place an error message comes from.
   */
  const echo = (status: number, wrap: (all: string) => unknown) => async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const secret = req.headers.authorization ? CANARY_SECRET : "";
    const all = `${secret} ${CANARY_TOKEN} ${JSON.stringify(req.headers)}`;
    answer(res, status, wrap(all));
  };
  const cases: [string, number, (all: string) => unknown][] = [
    ["an Alibaba-style error message", 400, (all) => ({ Code: "InvalidParameter", Message: all, RequestId: CANARY_TOKEN })],
    ["a Huawei-style error message", 400, (all) => ({ error_code: "BCS.4000001", error_msg: all })],
    ["a non-JSON error page", 502, (all) => `<html>${all}</html>`],
    ["a malformed 2xx", 200, (all) => `not json ${all}`],
  ];

  it.each(cases)("in %s", async (_name, status, wrap) => {
    server = await startServer(echo(status, wrap));
    const callers = [
      [await createApiCaller(options("alibaba", server.url, ALIBABA_STS_ENV)), RPC],
      [await createApiCaller(options("huawei", server.url, { ...HUAWEI_ENV, HW_SECURITY_TOKEN: CANARY_TOKEN })), REST],
      [await createApiCaller(options("huawei", server.url, { HW_AUTH_TOKEN: CANARY_TOKEN })), REST],
    ] as const;
    for (const [caller, request] of callers) {
      const err = await rejection(caller.call(request, signal()));
      expect(err).toBeInstanceOf(ApiError);
      expect((err as Error).message).toContain("***");
      expect((err as Error).message).not.toContain(CANARY_SECRET);
      expect((err as Error).message).not.toContain(CANARY_TOKEN);
    }
  });

  it("in network errors", async () => {
    server = await startServer((req) => req.socket.destroy());
    const caller = await createApiCaller(options("alibaba", server.url, ALIBABA_STS_ENV));
    const err = await rejection(caller.call(RPC, signal()));
    expect(err).toMatchObject({ kind: "transient", code: "NetworkError" });
    expect(JSON.stringify({ m: (err as Error).message, e: err })).not.toMatch(/CANARY/);
  });
});

describe("caller identity (the shared rate limiter's key)", () => {
  test("is the access key ID, or a digest of a token, never a secret", async () => {
    const alibaba = await createApiCaller(options("alibaba", "http://127.0.0.1:9", ALIBABA_STS_ENV));
    const aksk = await createApiCaller(options("huawei", "http://127.0.0.1:9", HUAWEI_ENV));
    const token = await createApiCaller(options("huawei", "http://127.0.0.1:9", { HW_AUTH_TOKEN: CANARY_TOKEN }));
    expect(alibaba.identity).toBe("test-id");
    expect(aksk.identity).toBe("TESTAK");
    expect(token.identity).toMatch(/^token:[0-9a-f]{16}$/);
    for (const caller of [alibaba, aksk, token]) {
      expect(caller.identity).not.toContain(CANARY_SECRET);
      expect(caller.identity).not.toContain(CANARY_TOKEN);
    }
  });
});
