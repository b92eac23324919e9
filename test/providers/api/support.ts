/**
 * Test helpers for the generic waiter: specs to start from, the real checks
 * and preparation of a wait, answers and API errors served by a caller
 * double, and whole waits on the real engine in virtual time.
 */
import { checkApiWaitSpec } from "../../../providers/api/check";
import { prepareApiWait, type ApiWaitInputs } from "../../../providers/api/prepare";
import type { ApiWaitSpec } from "../../../providers/api/spec";
import type { ApiCaller, ApiRequest, PreparedWait } from "../../../providers/types";
import { fakeApi } from "../helpers";
import { pollUntilDone } from "../../../src/core/engine";
import { ApiError, type ApiErrorKind } from "../../../src/core/errors";
import type { Result, Snapshot } from "../../../src/core/result";
import { VirtualClock } from "../../../src/testing";
import { temporaryFolder } from "../../support/temporary-folder";

/** An Alibaba RPC call of a read API. */
export const RPC_CALL = { cloud: "alibaba", product: "ecs", version: "2014-05-26", action: "DescribeInstances" } as const;

/** A spec on `RPC_CALL` with `extra`: by default no way to succeed, so each test says how. */
export function rpcSpec(extra: Partial<ApiWaitSpec> = {}): ApiWaitSpec {
  return { call: { ...RPC_CALL }, ...extra };
}

/** A wait of `spec` after the real checks and preparation (no environment: the region is given). */
export function prepared(spec: unknown, inputs: Partial<ApiWaitInputs> = {}): PreparedWait {
  return prepareApiWait(checkApiWaitSpec(spec), { vars: {}, region: "cn-hangzhou", ...inputs }, {});
}

/** An error answer of the API, as the client classes it. */
export function apiError(code: string, kind: ApiErrorKind = "permanent", httpStatus = 400, message = `${code} happened`): ApiError {
  return new ApiError({ kind, code, message, httpStatus });
}

/** A caller double answering `answer(request, index)` (an `Error` is thrown) and recording the requests. */
export function callerDouble(answer: (request: ApiRequest, index: number) => unknown): ApiCaller & { requests: ApiRequest[] } {
  return fakeApi((request, index) => {
    const value = answer(request, index);
    if (value instanceof Error) throw value;
    return value;
  });
}

const NEVER = new AbortController().signal;

/** One poll of `spec` on `answer` (an `ApiError` is the API's error answer): the Snapshot, or what the poll threw. */
export async function pollOnce(spec: unknown, answer: unknown, inputs: Partial<ApiWaitInputs> = {}): Promise<Snapshot> {
  return prepared(spec, inputs).poll(callerDouble(() => answer), NEVER);
}

/** A whole wait of `spec` on the real engine, in virtual time; `answerAt(ms)` is the answer at that time since the start. */
export async function waitInVirtualTime(spec: unknown, answerAt: (elapsedMs: number) => unknown, timeoutMs: number): Promise<Result> {
  const clock = new VirtualClock();
  const wait = prepared(spec);
  const api = callerDouble(() => answerAt(clock.now()));
  return pollUntilDone(
    { service: "api", operationId: wait.operationId, poll: (signal) => wait.poll(api, signal) },
    { timeoutMs, clock, random: () => 0, schedule: wait.schedule },
  );
}

/** Credentials and settings of a library wait in a test: explicit keys, no metadata lookup, a temporary HOME. */
export function testEnv(): Record<string, string> {
  return {
    ALIBABA_CLOUD_ACCESS_KEY_ID: "api-test-id",
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: "api-test-secret",
    HW_ACCESS_KEY: "APITESTAK",
    HW_SECRET_KEY: "api-test-sk",
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
    HOME: temporaryFolder("opgate-api-home-"),
  };
}
