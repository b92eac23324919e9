/**
 * `--state-out`: the Result as a Terraform state file. How Terraform reads it
 * is checked against the real `terraform` binary by the CDKTF and module tests
 * (test/cdktf, test/terraform); these pin the outputs and the one-line text.
 * The file's life: state-out.test.ts and state-out-lifecycle.test.ts.
 */
import { parse } from "lossless-json";
import type { Result } from "../../src/core/result";
import { stateFileText, stateOutputs } from "../../src/cli/terraform-state";
import { oosResult } from "../support/results";

const RESULT = oosResult({
  resources: [
    { resourceId: "i-1", status: "Success", outputs: { port: 80 }, executionTime: null },
    { resourceId: "i-2", status: "Success", outputs: "plain text", executionTime: "2024-01-01T00:00:00Z" },
  ],
});

/** A BPStudio Result whose `arguments` nests `depth` objects. */
function deepResult(depth: number): Result {
  let value: unknown = { tagMap: { web: ["i-1"] } };
  for (let level = 1; level < depth; level++) value = { nested: value };
  return { ...RESULT, service: "bpstudio", operationId: "op_deep", rawStatus: "SUCCESS", outputs: { arguments: value, tagMap: null, message: null }, resources: [] };
}

test("outputs: the status strings typed, every open-ended part as JSON text (no typed list or object for Terraform to compare)", () => {
  const outputs = stateOutputs(RESULT);
  expect(Object.keys(outputs)).toEqual(["status", "rawStatus", "message", "outputsJson", "stepsJson", "resourcesJson", "fieldsJson"]);
  for (const output of Object.values(outputs)) expect(output.type).toBe("string");
  expect(outputs.status.value).toBe("SUCCESS");
  expect(outputs.message).toEqual({ value: null, type: "string" });
  // Integers beyond 2^53 keep their digits (Terraform's jsondecode reads them exactly).
  expect(outputs.outputsJson.value).toBe('{"counts":{"Success":2},"big":12345678901234567890}');
  expect(JSON.parse(outputs.resourcesJson.value!)).toEqual(RESULT.resources);
  expect(outputs.stepsJson.value).toBe("[]");
  // The Result is rebuilt from the parts: merge(jsondecode(fieldsJson), { outputs, steps, resources }).
  const { outputs: _outputs, steps: _steps, resources: _resources, ...fields } = RESULT;
  expect(JSON.parse(outputs.fieldsJson.value!)).toEqual(fields);
});

test("the text is one line whose size follows the Result's, however deep its answer (pretty printing made it grow with the square of the depth)", () => {
  for (const depth of [1, 64, 700]) {
    const result = deepResult(depth);
    const text = stateFileText(result);
    expect(text.indexOf("\n")).toBe(text.length - 1);
    // The Result's own JSON, escaped once inside a JSON string, plus a constant.
    expect(text.length).toBeLessThan(2 * JSON.stringify(result).length + 1000);
    const state = parse(text) as { outputs: Record<string, { value: string }> };
    expect(parse(state.outputs.outputsJson.value)).toEqual(result.outputs);
  }
});
