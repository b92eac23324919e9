/**
 * A misbehaving API on loopback against the library: answers that ask for
 * absurd pauses, that are huge, endless, nested absurdly deep, about another
 * operation, or that carry numbers no double holds. Every wait stays bounded
 * (time, requests, memory) and ends with a Result that says what happened.
 */
import { EventEmitter } from "node:events";
import http from "node:http";
import { stateFileText, stateOutputs } from "../../src/cli/terraform-state";
import type { ProgressEvent } from "../../src/core/progress";
import { DEEP_VALUES_NOTE, MAX_RESULT_DEPTH } from "../../src/core/result-depth";
import type { Result } from "../../src/core/result";
import { toJson } from "../../src/core/values";
import { toWireValue } from "../../src/pulumi/outputs";
import { waitForOperation, type WaitForOperationOptions } from "../../src/wait";
import { EMULATOR_ENV } from "../integration/helpers";
import { answer, serversPerTest } from "../clients/local-server";
import { watchingWarnings } from "./support/warnings";

const serve = serversPerTest();
afterEach(() => jest.restoreAllMocks());

const EMR = { service: "emr", region: "cn-hangzhou", clusterId: "c-1", operationId: "op-1" } as const;
const emrAnswer = (state: string) => ({ RequestId: "r", Operation: { OperationId: "op-1", ClusterId: "c-1", OperationState: state } });

function wait(url: string, extra: Partial<WaitForOperationOptions> = {}): Promise<Result> {
  return waitForOperation({ ...EMR, endpoint: url, env: { ...EMULATOR_ENV }, ...extra } as WaitForOperationOptions);
}

/** `wait(url, extra)`, and the process warnings (a `TimeoutOverflowWarning`) it caused. */
async function waitWatchingWarnings(url: string, extra: Partial<WaitForOperationOptions>): Promise<{ result: Result; warnings: string[] }> {
  const { value: result, warnings } = await watchingWarnings(() => wait(url, extra));
  return { result, warnings };
}

describe("Retry-After and timers are never capped by setTimeout's overflow", () => {
  test("HTTP 503 with Retry-After: 2147484 on every answer: two requests in a 3 s wait, no TimeoutOverflowWarning", async () => {
    const api = await serve((_req, res) => answer(res, 503, { Code: "ServiceUnavailable", Message: "come back much later" }, { "retry-after": "2147484" }));
    const { result, warnings } = await waitWatchingWarnings(api.url, { timeout: "3s" });
    expect(warnings).toEqual([]);
    // The first poll, then the last look 2 s before the deadline: the hint holds for at most 60 s, never until 2038.
    expect(api.requests()).toBe(2);
    expect(result).toMatchObject({ outcome: "TIMEOUT", polls: 2, error: { code: "ServiceUnavailable" } });
  });

  test("HTTP 429 with Retry-After in year 9999: one request, and the wait says the rate limiter held it back", async () => {
    const api = await serve((_req, res) => answer(res, 429, { Code: "Throttling.User", Message: "slow down" }, { "retry-after": "Fri, 31 Dec 9999 23:59:59 GMT" }));
    const { result, warnings } = await waitWatchingWarnings(api.url, { timeout: "3s" });
    expect(warnings).toEqual([]);
    // A throttling answer's hint holds every request of this API and credentials back (up to 60 s): the last look too.
    expect(api.requests()).toBe(1);
    expect(result).toMatchObject({ outcome: "TIMEOUT", polls: 1, error: { code: "Throttling.User" } });
    expect(result.message).toMatch(/; last error Throttling\.User: slow down; then no request went out in the last \d.*: held back by the shared rate limit/);
  });

  test("tuning.requestTimeoutMs 1e12 is a long request timeout, not a 1 ms one", async () => {
    const api = await serve((_req, res, n) => {
      setTimeout(() => answer(res, 200, emrAnswer(n >= 2 ? "COMPLETED" : "IN_PROGRESS")), 50);
    });
    const { result, warnings } = await waitWatchingWarnings(api.url, { timeout: "20s", tuning: { requestTimeoutMs: 1e12, minDelayMs: 10 } });
    expect(warnings).toEqual([]);
    expect(result).toMatchObject({ outcome: "SUCCESS", polls: 2 });
  });
});

describe("wrong or foreign results", () => {
  test("a process out of file descriptors (EMFILE) for a while is not a wrong endpoint: retried, then SUCCESS", async () => {
    const api = await serve((_req, res) => answer(res, 200, emrAnswer("COMPLETED")));
    const request = http.request;
    let refused = 0;
    jest.spyOn(http, "request").mockImplementation(((...args: Parameters<typeof http.request>) => {
      if (++refused > 8) return request(...args);
      const req = Object.assign(new EventEmitter(), { end: () => undefined, destroy: () => undefined });
      setImmediate(() => req.emit("error", Object.assign(new Error("connect EMFILE 127.0.0.1"), { code: "EMFILE" })));
      return req as unknown as http.ClientRequest;
    }) as typeof http.request);
    // A wrong-endpoint budget of 3 polls and 100 ms: 8 failures in a row would exhaust it, were they the endpoint's.
    const result = await wait(api.url, { timeout: "30s", tuning: { firstAnswerMs: 100, retryDelayMs: 20, minDelayMs: 10, maxDelayMs: 40 } });
    expect(result).toMatchObject({ outcome: "SUCCESS", polls: 9, error: null });
  });

  test("a not-found ERROR (a wrong --region looks just like it) names the IDs, the region and the endpoint it asked", async () => {
    const api = await serve((_req, res) => answer(res, 404, { RequestId: "r", Code: "ResourceNotFound", Message: "The resource not found by op-1." }));
    const result = await wait(api.url, { region: "cn-beijing", timeout: "20s", tuning: { notFoundGraceMs: 300, retryDelayMs: 50 } });
    expect(result).toMatchObject({ outcome: "ERROR", error: { code: "ResourceNotFound" } });
    expect(result.error!.message).toMatch(
      /^The resource not found by op-1\. \(RequestId: r\) \(still not found after \d+ms; looked for clusterId c-1, operationId op-1 in region cn-beijing at http:\/\/127\.0\.0\.1:\d+: are the region, endpoint and IDs right\?\)$/,
    );
  });

  test("an EMR answer about another operation never ends this wait: not found for the grace period, then ERROR naming the ID that came back", async () => {
    const api = await serve((_req, res) => answer(res, 200, { RequestId: "r", Operation: { OperationId: "op-2", ClusterId: "c-1", OperationState: "COMPLETED", Description: "op-2's" } }));
    const result = await wait(api.url, { timeout: "20s", tuning: { notFoundGraceMs: 300, retryDelayMs: 50 } });
    expect(result).toMatchObject({ outcome: "ERROR", status: null, outputs: {}, error: { code: "OperationMismatch" } });
    expect(result.error!.message).toMatch(/^the answer is about EMR operation "op-2", not "op-1" .*\(still not found after/);
  });

  test("numbers no double holds keep their exact value through the whole wait: answers, JSON in strings, the Result's JSON, the Terraform state file, Pulumi wire values", async () => {
    const args = '{"tagMap":{"k":["v"]},"id":12345678901234567891,"big":1e400,"tiny":1e-400}';
    const api = await serve((_req, res) =>
      answer(res, 200, `{"Code":"200","Data":{"OperationId":"op_1","Status":"SUCCESS","Arguments":${JSON.stringify(args)},"Message":"[{\\"n\\":12345678901234567891}]"},"RequestId":"r"}`),
    );
    const result = await waitForOperation({ service: "bpstudio", operationId: "op_1", endpoint: api.url, env: { ...EMULATOR_ENV } });
    expect(result.outcome).toBe("SUCCESS");
    expect(toJson(result.outputs)).toBe(`{"arguments":${args},"tagMap":{"k":["v"]},"message":[{"n":12345678901234567891}]}`);
    const argumentsOut = result.outputs.arguments as Record<string, unknown>;
    // Terraform gets them as JSON text, which its jsondecode reads as arbitrary-precision numbers.
    expect(stateOutputs(result).outputsJson.value).toContain(`"arguments":${args}`);
    expect(toWireValue(argumentsOut)).toEqual({ tagMap: { k: ["v"] }, id: "12345678901234567891", big: "1e400", tiny: "1e-400" });
  });

  test("at the top level of an answer too: BCS cluster_info and OOS outputs", async () => {
    const record = `{"operation_id":"op-1","operation_status":"finished","cluster_info":{"n":12345678901234567891,"big":1e400}}`;
    const bcs = await serve((_req, res) => answer(res, 200, `{"count":1,"operation_records":[${record}]}`));
    const result = await waitForOperation({ service: "bcs", region: "cn-north-4", projectId: "p1", operationId: "op-1", endpoint: bcs.url, env: { ...EMULATOR_ENV } });
    expect(result.outcome).toBe("SUCCESS");
    expect(toJson(result.outputs.clusterInfo)).toBe('{"n":12345678901234567891,"big":1e400}');
    const page = { ResourceExecutionStatus: [{ ResourceId: "i-1", Status: "Success", ExecutionId: "exec-1", Outputs: '{"n":12345678901234567891,"big":1e400}' }] };
    const oos = await serve((_req, res) => answer(res, 200, page));
    const oosResult = await waitForOperation({ service: "oos", region: "cn-hangzhou", executionId: "exec-1", endpoint: oos.url, env: { ...EMULATOR_ENV } });
    expect(oosResult.outcome).toBe("SUCCESS");
    expect(toJson(oosResult.resources[0]!.outputs)).toBe('{"n":12345678901234567891,"big":1e400}');
  });
});

describe("a tiny answer cannot blow up everything downstream", () => {
  /** Levels of objects and arrays in `value` (a scalar has 0). */
  const depthOf = (value: unknown): number => (typeof value !== "object" || value === null ? 0 : 1 + Math.max(0, ...Object.values(value).map(depthOf)));
  const nestedText = (levels: number) => `${'{"a":'.repeat(levels - 1)}[1]${"}".repeat(levels - 1)}`;
  const bpstudioAnswer = (args: string) => ({ Code: "200", RequestId: "r", Data: { OperationId: "op_1", Status: "SUCCESS", Arguments: args, Message: "" } });

  test("Arguments nested 200 deep: the Result keeps 32 levels and the rest as exact JSON text, with a note; its state file stays small", async () => {
    const args = nestedText(200);
    const api = await serve((_req, res) => answer(res, 200, bpstudioAnswer(args)));
    const events: ProgressEvent[] = [];
    const result = await waitForOperation({ service: "bpstudio", operationId: "op_1", endpoint: api.url, env: { ...EMULATOR_ENV }, onProgress: (e) => events.push(e) });
    expect(result.outcome).toBe("SUCCESS");
    expect(depthOf(result.outputs)).toBe(MAX_RESULT_DEPTH);
    // outputs is level 1, arguments level 2 ... 32; level 33 and below: their exact JSON text.
    const kept = MAX_RESULT_DEPTH - 1;
    expect(toJson(result.outputs.arguments)).toBe(`${'{"a":'.repeat(kept)}${JSON.stringify(nestedText(200 - kept))}${"}".repeat(kept)}`);
    expect(events[0]!.snapshot!.note).toBe(DEEP_VALUES_NOTE);
    // The Result as a Terraform state file (the CLI's --state-out, the Terraform faces): kilobytes, not 17.9 MB.
    expect(stateFileText(result).length).toBeLessThan(100_000);
  });

  test("Arguments nested 700 deep, too deep to parse: kept as the text it came as", async () => {
    const args = nestedText(700);
    const api = await serve((_req, res) => answer(res, 200, bpstudioAnswer(args)));
    const result = await waitForOperation({ service: "bpstudio", operationId: "op_1", endpoint: api.url, env: { ...EMULATOR_ENV } });
    expect(result).toMatchObject({ outcome: "SUCCESS", outputs: { arguments: args, tagMap: null } });
  });

  test.each([300, 4000, 100_000])("an answer nested %i deep is refused at once with a permanent error: no stack overflow, no retry loop", async (levels) => {
    const api = await serve((_req, res) => answer(res, 200, `{"RequestId":"r","Operation":${nestedText(levels)}}`));
    const result = await wait(api.url, { timeout: "20s" });
    expect(result).toMatchObject({ outcome: "ERROR", polls: 1, error: { code: "AnswerTooDeep" } });
    expect(result.error!.message).toMatch(/^HTTP 200 from http:\/\/127\.0\.0\.1:\d+\/: the answer is nested more than 256 levels deep; refusing it$/);
  });
});

describe("memory and CPU per poll are bounded on paged answers", () => {
  const item = (i: number, outputs: string) => ({ ResourceId: `i-${i}`, Status: "Running", ExecutionId: "exec-1", Outputs: outputs, ExecutionTime: "2021-04-12T09:17:18Z" });
  const oosWait = (url: string) => waitForOperation({ service: "oos", region: "cn-hangzhou", executionId: "exec-1", endpoint: url, env: { ...EMULATOR_ENV }, timeout: "60s" });

  test("endless 9 MiB pages of 85,000 resources each: the first page is refused at once (PageTooLarge), ERROR after 1 poll", async () => {
    const body = JSON.stringify({ RequestId: "r", ResourceExecutionStatus: Array.from({ length: 85_000 }, (_, i) => item(i, "{}")) });
    expect(body.length).toBeGreaterThan(9 * 2 ** 20);
    const api = await serve((_req, res, n) => answer(res, 200, `{"NextToken":"t${n}",${body.slice(1)}`));
    const result = await oosWait(api.url);
    expect(result).toMatchObject({ outcome: "ERROR", polls: 1, error: { code: "PageTooLarge" } });
    expect(api.requests()).toBe(1);
  });

  test("endless 2 MiB pages of 100 resources with fresh tokens: ERROR PollTooLarge on the 17th page, which would pass 32 MiB", async () => {
    const outputs = JSON.stringify({ log: "x".repeat(20 * 1024) });
    const body = JSON.stringify({ RequestId: "r", ResourceExecutionStatus: Array.from({ length: 100 }, (_, i) => item(i, outputs)) });
    const api = await serve((_req, res, n) => answer(res, 200, `{"NextToken":"t${n}",${body.slice(1)}`));
    const result = await oosWait(api.url);
    expect(result).toMatchObject({ outcome: "ERROR", polls: 1, error: { code: "PollTooLarge" } });
    expect(result.error!.message).toBe("the pages of OOS execution exec-1 hold more than 32 MiB, more than one poll reads (docs/reliability.md)");
    expect(api.requests()).toBe(17);
  });
});
