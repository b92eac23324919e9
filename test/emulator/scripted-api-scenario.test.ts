/**
 * Scripted API operations in scenarios: what a valid one becomes, every
 * validation error naming the key at fault, and the JSON merge patch
 * (RFC 7386) that `patch` frames use.
 */
import fc from "fast-check";
import { mergePatch } from "../../providers/api/emulator";
import { parseScenario, planOperation } from "../../src/emulator/scenario";
import { startEmulator } from "../../src/emulator/index";
import { scenarioRefusal } from "./support/scenario-refusal";

const RPC = { cloud: "alibaba", product: "ros", action: "GetStack", version: "2019-09-10" };
const HUAWEI = { cloud: "huawei", path: "/v1/{project_id}/jobs/{job_id}" };
const op = (extra: Record<string, unknown> = {}) => ({ service: "api", id: "stack", call: RPC, timeline: [{ body: { Status: "CREATE_COMPLETE" } }], ...extra });
const withCall = (call: Record<string, unknown>) => op({ call });
const withFrame = (frame: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  op({ base: { Status: "CREATE_IN_PROGRESS" }, timeline: [frame, { body: {} }], ...extra });

test("a valid operation: frames become answers (patches merged over the base), with their timing", () => {
  const plan = planOperation(
    op({
      base: { Status: "CREATE_IN_PROGRESS", StackId: "s-1", Outputs: [{ OutputKey: "k" }] },
      timeline: [
        { polls: 1, error: { code: "StackNotFound", message: "The Stack (s-1) could not be found." } },
        { for: "2s", patch: {} },
        { polls: 2, patch: { Status: "CREATE_ROLLBACK_COMPLETE", StatusReason: "Resource CREATE failed", Outputs: null }, status: 200 },
        { body: [1, 2], status: 503 },
      ],
    }),
    "operations[0]",
  );
  expect(plan.kind).toBe("scripted");
  expect(plan.frames).toEqual([
    { lasts: { polls: 1 }, data: { kind: "error", status: 400, code: "StackNotFound", message: "The Stack (s-1) could not be found." } },
    { lasts: { ms: 2000 }, data: { kind: "body", status: 200, body: { Status: "CREATE_IN_PROGRESS", StackId: "s-1", Outputs: [{ OutputKey: "k" }] } } },
    { lasts: { polls: 2 }, data: { kind: "body", status: 200, body: { Status: "CREATE_ROLLBACK_COMPLETE", StackId: "s-1", StatusReason: "Resource CREATE failed" } } },
    { lasts: "forever", data: { kind: "body", status: 503, body: [1, 2] } },
  ]);
  expect(plan.operation).toMatchObject({ service: "api", id: "stack", unknown: { kind: "error", status: 404, code: "ResourceNotFound" } });
});

test("an operation's answers are copies: changing the scenario object afterwards changes nothing", () => {
  const base = { Status: "A", Nested: { List: [1] } };
  const plan = planOperation(op({ base, timeline: [{ patch: {} }] }), "o");
  base.Nested.List.push(2);
  base.Status = "B";
  expect(plan.frames[0].data).toEqual({ kind: "body", status: 200, body: { Status: "A", Nested: { List: [1] } } });
});

test("a scripted operation and a service's operation may share an ID; two scripted operations may not", () => {
  const emr = { service: "emr", id: "stack", timeline: [{ state: "COMPLETED" }] };
  expect(() => parseScenario({ operations: [op(), emr] })).not.toThrow();
  expect(scenarioRefusal({ operations: [op(), op()] }).field).toBe("operations[1].id");
});

test.each<[string, unknown, string, string]>([
  ["an unknown service names api too", op({ service: "ecs" }), "operations[1].service", "must be one of bpstudio, emr, bcs, oos, api (api: a scripted API)"],
  ["a service's key", op({ clusterId: "c-1" }), "operations[1].clusterId", "is not a key of a scripted API operation: use service, id, call, base, timeline, faults, unknown"],
  ["no call", op({ call: undefined }), "operations[1].call", "must be an object"],
  ["a cloud", withCall({ ...RPC, cloud: "aws" }), "operations[1].call.cloud", 'must be "alibaba" or "huawei"'],
  ["a product", withCall({ ...RPC, product: "ROS" }), "operations[1].call.product", 'must be a product code such as "ecs"'],
  ["an action", withCall({ ...RPC, action: "Get Stack" }), "operations[1].call.action", 'must be an API name such as "DescribeInstances"'],
  ["a version", withCall({ ...RPC, version: "" }), "operations[1].call.version", 'must be the API version, such as "2014-05-26"'],
  ["the spec's params", withCall({ ...RPC, params: { StackId: "s-1" } }), "operations[1].call.params", "is not a key of an Alibaba RPC call: use cloud, product, action, version, match"],
  ["a method on RPC", withCall({ ...RPC, method: "GET" }), "operations[1].call.method", "is not a key of an Alibaba RPC call"],
  ["a product on Huawei", withCall({ ...HUAWEI, service: "ecs" }), "operations[1].call.service", "is not a key of a Huawei call: use cloud, method, path, match"],
  ["a lower-case method", withCall({ ...HUAWEI, method: "get" }), "operations[1].call.method", "must be one of GET, POST, PUT, PATCH, DELETE (default GET)"],
  ["a relative path", withCall({ ...HUAWEI, path: "v1/jobs" }), "operations[1].call.path", "must be a path starting with /"],
  ["a query in the path", withCall({ ...HUAWEI, path: "/v1/jobs?limit=1" }), "operations[1].call.path", "is a path without query"],
  ["half a parameter", withCall({ ...HUAWEI, path: "/v1/{project_id/jobs" }), "operations[1].call.path", "a path parameter is a whole segment"],
  ["unbalanced braces", withCall({ ...HUAWEI, path: "/v1/{{project_id}/jobs" }), "operations[1].call.path", "a path parameter is a whole segment"],
  ["a parameter twice", withCall({ ...HUAWEI, path: "/v1/{id}/jobs/{id}" }), "operations[1].call.path", "names the path parameter id twice"],
  ["a ROA path at /", withCall({ ...RPC, path: "/" }), "operations[1].call.path", "/ is where RPC requests go"],
  ["a match list", withCall({ ...RPC, match: ["StackId"] }), "operations[1].call.match", "must be an object of parameters"],
  ["no answer", withFrame({ polls: 1 }), "operations[1].timeline[0]", "needs exactly one of body (the answer), patch (merged over base) and error"],
  ["two answers", withFrame({ polls: 1, body: {}, patch: {} }), "operations[1].timeline[0]", "needs exactly one of body"],
  ["a service's frame key", withFrame({ polls: 1, state: "RUNNING" }), "operations[1].timeline[0].state", "is not a key of a scripted answer"],
  ["a patch without base", op({ timeline: [{ patch: {} }] }), "operations[1].timeline[0].patch", "needs operations[1].base: a patch is merged over the operation's base"],
  ["a body status", withFrame({ polls: 1, body: {}, status: 99 }), "operations[1].timeline[0].status", "must be an HTTP status from 200 to 599"],
  ["a status beside an error", withFrame({ polls: 1, error: { code: "X", message: "" }, status: 404 }), "operations[1].timeline[0].status", "goes inside error"],
  ["an error status", withFrame({ polls: 1, error: { status: 200, code: "X", message: "" } }), "operations[1].timeline[0].error.status", "must be an HTTP status from 400 to 599"],
  ["an error without code", withFrame({ polls: 1, error: { message: "m" } }), "operations[1].timeline[0].error.code", "must be the error code"],
  ["an error without message", withFrame({ polls: 1, error: { code: "X" } }), "operations[1].timeline[0].error.message", "must be a string: the error message"],
  ["an error's extra key", withFrame({ polls: 1, error: { code: "X", message: "m", Recommend: "r" } }), "operations[1].timeline[0].error.Recommend", "is not a key of an error: use status, code, message"],
  ["an unknown answer's timing", op({ unknown: { polls: 1, body: {} } }), "operations[1].unknown.polls", "is not a key of a scripted answer"],
  ["an unknown answer that is not an object", op({ unknown: "gone" }), "operations[1].unknown", "must be an answer"],
  ["a base that is not JSON data", op({ base: { Count: Number.NaN } }), "operations[1].base.Count", "must be JSON data"],
])("%s is refused naming %s", (_name, operation, field, reason) => {
  const err = scenarioRefusal({ operations: [op(), operation] });
  expect(err.field).toBe(field);
  expect(err.reason).toContain(reason);
});

test("the emulator names the key of an invalid scripted operation it loads or adds", async () => {
  const emu = await startEmulator();
  try {
    expect(() => emu.loadScenario({ operations: [op({ timeline: [{ patch: {} }] }) as never] })).toThrow(
      "operations[0].timeline[0].patch: needs operations[0].base",
    );
    expect(() => emu.addOperation(withCall({ ...RPC, version: 1 }) as never)).toThrow("operation.call.version: must be the API version");
  } finally {
    await emu.close();
  }
});

describe("JSON merge patch (RFC 7386)", () => {
  test.each<[unknown, unknown, unknown]>([
    [{ a: "b" }, { a: "c" }, { a: "c" }],
    [{ a: "b" }, { b: "c" }, { a: "b", b: "c" }],
    [{ a: "b" }, { a: null }, {}],
    [{ a: "b", b: "c" }, { a: null }, { b: "c" }],
    [{ a: ["b"] }, { a: "c" }, { a: "c" }],
    [{ a: "c" }, { a: ["b"] }, { a: ["b"] }],
    [{ a: { b: "c" } }, { a: { b: "d", c: null } }, { a: { b: "d" } }],
    [{ a: [{ b: "c" }] }, { a: [1] }, { a: [1] }],
    [["a", "b"], ["c", "d"], ["c", "d"]],
    [{ a: "b" }, ["c"], ["c"]],
    [{ a: "foo" }, null, null],
    [{ a: "foo" }, "bar", "bar"],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: "b", c: null }, { a: "b" }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])("%j patched with %j is %j", (target, patch, expected) => {
    expect(mergePatch(target, patch)).toEqual(expected);
  });

  const json = fc.jsonValue();

  test("merging the same patch twice changes nothing more (idempotent)", () => {
    fc.assert(fc.property(json, json, (target, patch) => expect(mergePatch(mergePatch(target, patch), patch)).toEqual(mergePatch(target, patch))));
  });

  test("the target is left as it was", () => {
    fc.assert(
      fc.property(json, json, (target, patch) => {
        const before = structuredClone(target);
        mergePatch(target, patch);
        expect(target).toEqual(before);
      }),
    );
  });

  test("every key a patch object sets to null is absent from the result, every other key takes the patch's value when it is not an object", () => {
    fc.assert(
      fc.property(json, fc.dictionary(fc.string(), json), (target, patch) => {
        const merged = mergePatch(target, patch) as Record<string, unknown>;
        for (const [key, value] of Object.entries(patch)) {
          if (value === null) expect(Object.hasOwn(merged, key)).toBe(false);
          else if (typeof value !== "object" || Array.isArray(value)) expect(merged[key]).toEqual(value);
        }
      }),
    );
  });
});
