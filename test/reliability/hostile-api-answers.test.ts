/**
 * The generic waiter carries arbitrary answers through the paths the four
 * services use, so it meets the same bounds: a misbehaving API on loopback
 * answering an API wait with huge, absurdly deep or throttling answers, or
 * numbers no double holds. Every wait stays bounded and its Result says why.
 */
import type { ApiWaitSpec } from "../../providers/api/spec";
import { DEEP_VALUES_NOTE, MAX_RESULT_DEPTH } from "../../src/core/result-depth";
import type { ProgressEvent } from "../../src/core/progress";
import type { Result } from "../../src/core/result";
import { toJson } from "../../src/core/values";
import { waitForApi, type WaitForApiOptions } from "../../src/wait";
import { EMULATOR_ENV } from "../integration/helpers";
import { answer, serversPerTest } from "../clients/local-server";
import { watchingWarnings } from "./support/warnings";

const serve = serversPerTest();

/** A ROS stack until CREATE_COMPLETE, its `Outputs` and `Deep` selected. */
const SPEC: ApiWaitSpec = {
  call: { cloud: "alibaba", product: "ros", version: "2019-09-10", action: "GetStack", params: { StackId: "s-1", RegionId: "{{region}}" } },
  status: "Status",
  success: ["CREATE_COMPLETE"],
  pending: ["CREATE_IN_PROGRESS"],
  outputs: { deep: "Deep", size: "Size" },
  minDelay: 1,
  maxDelay: 1,
};

function wait(url: string, options: Partial<WaitForApiOptions> = {}): Promise<Result> {
  return waitForApi(SPEC, { region: "cn-hangzhou", endpoint: url, env: { ...EMULATOR_ENV }, timeout: "20s", ...options });
}

/** `{"a":{"a":...[1]...}}`: `levels` levels of objects and arrays. */
const nestedText = (levels: number) => `${'{"a":'.repeat(levels - 1)}[1]${"}".repeat(levels - 1)}`;
/** Levels of objects and arrays in `value` (a scalar has 0). */
const depthOf = (value: unknown): number => (typeof value !== "object" || value === null ? 0 : 1 + Math.max(0, ...Object.values(value).map(depthOf)));

test("an answer past the 10 MiB cap: ERROR ResponseTooLarge after one request, never read whole", async () => {
  const padding = "x".repeat(11 * 2 ** 20);
  const api = await serve((_req, res) => answer(res, 200, { RequestId: "r", Status: "CREATE_IN_PROGRESS", Padding: padding }));
  const result = await wait(api.url);
  expect(result).toMatchObject({ outcome: "ERROR", polls: 1, error: { code: "ResponseTooLarge" } });
  expect(api.requests()).toBe(1);
});

test.each([300, 100_000])("an answer nested %i deep: ERROR AnswerTooDeep at once, no stack overflow, no retry loop", async (levels) => {
  const api = await serve((_req, res) => answer(res, 200, `{"RequestId":"r","Status":"CREATE_COMPLETE","Deep":${nestedText(levels)}}`));
  const result = await wait(api.url);
  expect(result).toMatchObject({ outcome: "ERROR", polls: 1, error: { code: "AnswerTooDeep" } });
  expect(api.requests()).toBe(1);
});

test("an output selecting a value 200 deep: SUCCESS, the value kept 32 levels deep and the rest as its exact JSON text, with a note", async () => {
  const deep = nestedText(200);
  const api = await serve((_req, res) => answer(res, 200, `{"RequestId":"r","Status":"CREATE_COMPLETE","Deep":${deep}}`));
  const events: ProgressEvent[] = [];
  const result = await wait(api.url, { onProgress: (event) => events.push(event) });
  expect(result.outcome).toBe("SUCCESS");
  expect(depthOf(result.outputs)).toBe(MAX_RESULT_DEPTH);
  // outputs is level 1, deep level 2 ... 32; level 33 and below: their exact JSON text.
  const kept = MAX_RESULT_DEPTH - 1;
  expect(toJson(result.outputs.deep)).toBe(`${'{"a":'.repeat(kept)}${JSON.stringify(nestedText(200 - kept))}${"}".repeat(kept)}`);
  expect(events.at(-1)!.snapshot!.note).toContain(DEEP_VALUES_NOTE);
});

test("numbers no double holds keep their exact value: an integer beyond 2^53 as its decimal string (as expressions see it), 1e400 as the number it is", async () => {
  const api = await serve((_req, res) => answer(res, 200, `{"RequestId":"r","Status":"CREATE_COMPLETE","Size":12345678901234567891,"Deep":1e400}`));
  const result = await wait(api.url);
  expect(result.outcome).toBe("SUCCESS");
  expect(toJson(result.outputs)).toBe('{"deep":1e400,"size":"12345678901234567891"}');
});

test("HTTP 503 with Retry-After: 2147484 on every answer: the pause is capped by the deadline, not overflowed to 1 ms", async () => {
  const api = await serve((_req, res) => answer(res, 503, { Code: "ServiceUnavailable", Message: "come back much later" }, { "retry-after": "2147484" }));
  const { value: result, warnings } = await watchingWarnings(() => wait(api.url, { timeout: "3s" }));
  expect(result.outcome).toBe("TIMEOUT");
  // A poll at once and the last look before the deadline (one more on a busy machine, where the first answer comes
  // late): pauses of seconds, where an overflowed timer would poll every millisecond (hundreds of requests).
  expect(api.requests()).toBeLessThanOrEqual(3);
  expect(warnings.filter((warning) => warning.startsWith("TimeoutOverflowWarning"))).toEqual([]);
});
