/**
 * A misbehaving API on loopback against the library: answers that ask for
 * absurd pauses, that are huge, endless, nested absurdly deep, about another
 * operation, or that carry numbers no double holds. Every wait stays bounded
 * (time, requests, memory) and ends with a Result that says what happened.
 */
import type http from "node:http";
import type { Result } from "../../src/core/result";
import { waitForOperation, type WaitForOperationOptions } from "../../src/wait";
import { EMULATOR_ENV } from "../integration/helpers";
import { answer, startServer, type LocalServer } from "../clients/local-server";

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Serves `handler` on loopback and counts its requests. */
async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void): Promise<{ url: string; requests: () => number }> {
  let n = 0;
  server = await startServer((req, res) => handler(req, res, ++n));
  return { url: server.url, requests: () => n };
}

const EMR = { service: "emr", region: "cn-hangzhou", clusterId: "c-1", operationId: "op-1" } as const;
const emrAnswer = (state: string) => ({ RequestId: "r", Operation: { OperationId: "op-1", ClusterId: "c-1", OperationState: state } });

function wait(url: string, extra: Partial<WaitForOperationOptions> = {}): Promise<Result> {
  return waitForOperation({ ...EMR, endpoint: url, env: { ...EMULATOR_ENV }, ...extra } as WaitForOperationOptions);
}

/** Runs `body` and returns the process warnings it caused. */
async function warningsDuring(body: () => Promise<void>): Promise<string[]> {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
  process.on("warning", onWarning);
  try {
    await body();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off("warning", onWarning);
  }
  return warnings;
}

describe("Retry-After and timers are never capped by setTimeout's overflow", () => {
  test("HTTP 503 with Retry-After: 2147484 on every answer: two requests in a 3 s wait, no TimeoutOverflowWarning", async () => {
    const api = await serve((_req, res) => answer(res, 503, { Code: "ServiceUnavailable", Message: "come back much later" }, { "retry-after": "2147484" }));
    let result: Result | undefined;
    const warnings = await warningsDuring(async () => {
      result = await wait(api.url, { timeout: "3s" });
    });
    expect(warnings).toEqual([]);
    // The first poll, then the last look 2 s before the deadline: the hint holds for at most 60 s, never until 2038.
    expect(api.requests()).toBe(2);
    expect(result).toMatchObject({ outcome: "TIMEOUT", polls: 2, error: { code: "ServiceUnavailable" } });
  });

  test("HTTP 429 with Retry-After in year 9999: one request, the wait held back by the rate limiter says so", async () => {
    const api = await serve((_req, res) => answer(res, 429, { Code: "Throttling.User", Message: "slow down" }, { "retry-after": "Fri, 31 Dec 9999 23:59:59 GMT" }));
    let result: Result | undefined;
    const warnings = await warningsDuring(async () => {
      result = await wait(api.url, { timeout: "3s" });
    });
    expect(warnings).toEqual([]);
    // A throttling answer's hint holds every request of this API and credentials back (up to 60 s): the last look too.
    expect(api.requests()).toBe(1);
    expect(result).toMatchObject({ outcome: "TIMEOUT", polls: 1, error: { code: "RateLimited" } });
    expect(result!.message).toMatch(/held back by the shared rate limit/);
  });

  test("tuning.requestTimeoutMs 1e12 is a long request timeout, not a 1 ms one", async () => {
    const api = await serve((_req, res, n) => {
      setTimeout(() => answer(res, 200, emrAnswer(n >= 2 ? "COMPLETED" : "IN_PROGRESS")), 50);
    });
    let result: Result | undefined;
    const warnings = await warningsDuring(async () => {
      result = await wait(api.url, { timeout: "20s", tuning: { requestTimeoutMs: 1e12, minDelayMs: 10 } });
    });
    expect(warnings).toEqual([]);
    expect(result).toMatchObject({ outcome: "SUCCESS", polls: 2 });
  });
});
