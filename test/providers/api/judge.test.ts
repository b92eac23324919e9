/**
 * Reading one answer of an API wait into a Snapshot: the list form on the
 * status (scalars, lists, absent, objects), rawStatus, the message, the
 * outputs (only the projection, missing ones null, big integers exact),
 * progress, notes, runtime errors of expressions, and error answers met by
 * acceptors.
 */
import { ApiError, EndpointError } from "../../../src/core/errors";
import type { ApiWaitSpec } from "../../../providers/api/spec";
import { apiError, pollOnce, rpcSpec } from "./support";

const LISTS: ApiWaitSpec = rpcSpec({
  status: "Status",
  success: ["Success", "Skipped"],
  failure: ["Failed"],
  cancelled: ["Cancelled"],
  pending: ["Queued"],
  running: ["Running"],
  notes: { running: "the operation is under way" },
});

async function notFound(spec: ApiWaitSpec, answer: unknown): Promise<ApiError> {
  const err = await pollOnce(spec, answer).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw new Error("expected an ApiError");
  return err;
}

test.each<[string, unknown, string, string | null]>([
  ["a listed status, compared trimmed and case-insensitively", " SUCCESS\n", "SUCCESS", "SUCCESS"],
  ["failure", "Failed", "FAILURE", "Failed"],
  ["cancelled", "cancelled", "CANCELLED", "cancelled"],
  ["pending", "Queued", "PENDING", "Queued"],
  ["a number, read as its text", 7, "RUNNING", "7"],
  ["a list: any failed", ["Success", "Failed", "Running"], "FAILURE", "Success,Failed,Running"],
  ["a list: cancelled and none failed", ["Cancelled", "Success"], "CANCELLED", "Cancelled,Success"],
  ["a list: all succeeded, distinct values in rawStatus", ["Success", "Skipped", "Success"], "SUCCESS", "Success,Skipped"],
  ["a list: some still running", ["Success", "Running"], "RUNNING", "Success,Running"],
  ["a list: the rest pending", ["Success", "Queued"], "PENDING", "Success,Queued"],
  ["a list with an unknown value", ["Success", "Paused"], "RUNNING", "Success,Paused"],
])("%s", async (_, status, state, rawStatus) => {
  expect(await pollOnce(LISTS, { Status: status })).toMatchObject({ state, rawStatus });
});

test("an unknown status is RUNNING with a note that it is not treated as success", async () => {
  expect(await pollOnce(LISTS, { Status: "Paused" })).toMatchObject({ state: "RUNNING", note: 'unknown API status "Paused": not treated as success, still waiting' });
});

test("a note of the spec shows while its raw status is seen (compared as statuses are)", async () => {
  expect((await pollOnce(LISTS, { Status: "RUNNING" })).note).toBe("the operation is under way");
});

test("an object where the status should be keeps the wait going, and says why", async () => {
  expect(await pollOnce(LISTS, { Status: { Code: "x" } })).toMatchObject({ state: "RUNNING", rawStatus: null, note: expect.stringContaining('status "Status" gives an object, not a status') });
});

test.each([["null", { Status: null }], ["missing", {}], ["[]", { Status: [] }]])("a %s status is not found (the grace period, then ERROR)", async (_, answer) => {
  expect(await notFound(LISTS, answer)).toMatchObject({ kind: "notFound", code: "StatusNotFound", httpStatus: 200 });
});

test("a JMESPath runtime error reads as no value, with a note naming the expression", async () => {
  const spec = rpcSpec({ status: "length(Items)", success: ["3"], outputs: { n: "abs(Name)" } });
  const err = await notFound(spec, { Items: null });
  expect(err.message).toContain('status "length(Items)" failed (TypeError: length() expected argument 1 to be type string,array,object but received type null');
  const snapshot = await pollOnce(spec, { Items: [1, 2, 3], Name: "x" });
  expect(snapshot).toMatchObject({ state: "SUCCESS", outputs: { n: null } });
  expect(snapshot.note).toContain('outputs.n "abs(Name)" failed');
});

test("outputs: only the projection, a missing value as null, big integers as their exact digits", async () => {
  const spec = rpcSpec({ status: "s", success: ["ok"], outputs: { owner: "OwnerId", ip: "Ips[0]", gone: "Nothing.Here", all: "Tags" } });
  const snapshot = await pollOnce(spec, { s: "ok", OwnerId: 18446744073709551616n, Ips: ["192.0.2.1"], Tags: [{ k: 1n }], Secret: "never kept" });
  expect(snapshot.outputs).toEqual({ owner: "18446744073709551616", ip: "192.0.2.1", gone: null, all: [{ k: "1" }] });
  expect(JSON.stringify(snapshot)).not.toContain("never kept");
});

test("the outputs object keeps an answer's __proto__ key a plain key", async () => {
  const spec = rpcSpec({ status: "s", success: ["ok"], outputs: JSON.parse('{"__proto__":"p"}') as Record<string, string> });
  const snapshot = await pollOnce(spec, JSON.parse('{"s":"ok","p":{"__proto__":{"polluted":true}}}'));
  expect(Object.keys(snapshot.outputs)).toEqual(["__proto__"]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

test("the message: a string or a list of strings joined with '; ', blank reads as null; a failure acceptor's own message wins", async () => {
  const spec = rpcSpec({
    status: "status",
    success: ["SUCCESS"],
    failure: ["FAIL"],
    message: "join(': ', [error_code, fail_reason][?@])",
    acceptors: [{ state: "failure", matcher: { output: { path: "status", comparator: "stringEquals", expected: "ABORTED" } }, message: "[reason, detail]" }],
  });
  expect((await pollOnce(spec, { status: "FAIL", error_code: "Ecs.0013", fail_reason: "Insufficient EIP quota." })).message).toBe("Ecs.0013: Insufficient EIP quota.");
  expect((await pollOnce(spec, { status: "SUCCESS", error_code: null, fail_reason: null })).message).toBeNull();
  expect((await pollOnce(spec, { status: "ABORTED", reason: "stopped by user", detail: " " })).message).toBe("stopped by user");
  expect((await pollOnce(rpcSpec({ status: "s", success: ["x"], message: "m" }), { s: "x", m: "  " })).message).toBeNull();
});

test("progress: numbers or numeric strings; anything else leaves progress out", async () => {
  const spec = rpcSpec({ status: "s", success: ["done"], progress: { done: "p.done", total: "p.total", unit: "%" } });
  expect((await pollOnce(spec, { s: "busy", p: { done: 40, total: "100" } })).progress).toEqual({ done: 40, total: 100, unit: "%" });
  expect((await pollOnce(spec, { s: "busy", p: { done: "x", total: 100 } })).progress).toBeUndefined();
  expect((await pollOnce(spec, { s: "busy", p: { done: 1, total: 0 } })).progress).toBeUndefined();
});

test("no acceptor matched and no status: RUNNING (Smithy's implicit retry)", async () => {
  const spec = rpcSpec({ acceptors: [{ state: "success", matcher: { output: { path: "ok", comparator: "booleanEquals", expected: "true" } } }] });
  expect(await pollOnce(spec, { ok: false })).toMatchObject({ state: "RUNNING", rawStatus: null });
});

test("an acceptor's match is noted; the status still shows as rawStatus", async () => {
  const spec = rpcSpec({ status: "s", success: ["x"], acceptors: [{ state: "failure", matcher: { output: { path: "broken", comparator: "booleanEquals", expected: "true" } } }] });
  expect(await pollOnce(spec, { s: "Creating", broken: true })).toMatchObject({ state: "FAILURE", rawStatus: "Creating", note: "acceptors[0] matched (failure)" });
});

test("an error answer an errorType acceptor meets: its code as rawStatus, outputs all null, the API's message on failure", async () => {
  const spec = rpcSpec({
    status: "Status",
    success: ["DELETE_COMPLETE"],
    outputs: { stackId: "StackId" },
    acceptors: [
      { state: "success", matcher: { errorType: "StackNotFound" } },
      { state: "failure", matcher: { errorType: "Forbidden.RAM" } },
    ],
  });
  expect(await pollOnce(spec, apiError("StackNotFound", "permanent", 404))).toEqual({
    state: "SUCCESS",
    rawStatus: "StackNotFound",
    message: null,
    outputs: { stackId: null },
    steps: [],
    resources: [],
    note: "acceptors[0] matched error StackNotFound (success)",
  });
  expect(await pollOnce(spec, apiError("Forbidden.RAM", "permanent", 403, "You are not authorized"))).toMatchObject({ state: "FAILURE", message: "You are not authorized" });
});

test("errors that are not the API's answer never meet an acceptor", async () => {
  const spec = rpcSpec({ status: "s", success: ["x"], acceptors: [{ state: "failure", matcher: { success: false } }] });
  const notTheApi = new EndpointError({ kind: "permanent", code: "HTTP404", message: "not an Alibaba Cloud API answer" });
  await expect(pollOnce(spec, notTheApi)).rejects.toBe(notTheApi);
  const transient = apiError("ServiceUnavailable", "transient", 503);
  await expect(pollOnce(spec, transient)).rejects.toBe(transient);
});
