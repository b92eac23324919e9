/**
 * `--state-out`: the Result as a Terraform state file. The cty types here are
 * checked against the real `terraform` binary by the CDKTF and module tests
 * (test/cdktf, test/terraform); these pin the typing rules. The file's life:
 * state-out.test.ts and state-out-lifecycle.test.ts.
 */
import type { Result } from "../../src/core/result";
import { stateOutputs, typeOf } from "../../src/cli/terraform-state";

const RESULT: Result = {
  service: "oos",
  operationId: "exec-1",
  outcome: "SUCCESS",
  status: "SUCCESS",
  rawStatus: "Success",
  message: null,
  outputs: { counts: { Success: 2 }, big: 12345678901234567890n },
  steps: [],
  resources: [
    { resourceId: "i-1", status: "Success", outputs: { port: 80 }, executionTime: null },
    { resourceId: "i-2", status: "Success", outputs: { port: 8080 }, executionTime: "2024-01-01T00:00:00Z" },
  ],
  polls: 3,
  elapsedMs: 1200,
  error: null,
};

test("types: arrays of one shape are lists (nulls fit any type), others tuples; objects are objects", () => {
  expect(typeOf([{ a: 1, b: null }, { a: 2, b: "x" }])).toEqual(["list", ["object", { a: "number", b: "string" }]]);
  expect(typeOf([1, "x"])).toEqual(["tuple", ["number", "string"]]);
  expect(typeOf([{ a: 1 }, { b: 1 }])).toEqual(["tuple", [["object", { a: "number" }], ["object", { b: "number" }]]]);
  expect(typeOf([])).toEqual(["list", "dynamic"]);
  expect(typeOf(null)).toBe("dynamic");
  expect(typeOf(10n ** 30n)).toBe("number");
});

test("outputs: typed resources, an empty tag map, strings that may be null, the whole Result", () => {
  const outputs = stateOutputs(RESULT);
  expect(Object.keys(outputs)).toEqual(["status", "rawStatus", "message", "outputs", "steps", "resources", "result", "outputsJson", "tagMap", "arguments"]);
  expect(outputs.message).toEqual({ value: null, type: "string" });
  expect(outputs.resources.type).toEqual(["list", ["object", { resourceId: "string", status: "string", outputs: ["object", { port: "number" }], executionTime: "string" }]]);
  expect(outputs.tagMap).toEqual({ value: {}, type: ["map", ["list", "string"]] });
  expect(outputs.arguments).toEqual({ value: null, type: "dynamic" });
  expect(outputs.outputsJson.value).toBe('{"counts":{"Success":2},"big":12345678901234567890}');
  expect(stateOutputs({ ...RESULT, outputs: { tagMap: { web: ["i-1"] } } }).tagMap).toEqual({ value: { web: ["i-1"] }, type: ["map", ["list", "string"]] });
});
