/**
 * What a spec check finds besides its shape, before any request: each
 * problem named by its JSON path, with the fix; sizes of hostile specs.
 */
import { checkApiWaitSpec, MAX_SPEC_BYTES } from "../../../providers/api/check";
import { InputError } from "../../../src/core/errors";
import { RPC_CALL } from "./support";

const OK = { call: { ...RPC_CALL }, status: "Status", success: ["Running"] };
const HUAWEI = { cloud: "huawei", service: "ecs", method: "GET" } as const;

function problem(spec: unknown): string {
  try {
    checkApiWaitSpec(spec);
    return "no problem";
  } catch (err) {
    if (err instanceof InputError) return err.message;
    throw err;
  }
}

test.each<[string, unknown, RegExp]>([
  ["a write action", { ...OK, call: { ...RPC_CALL, action: "RunInstances" } }, /^spec\.call\.action: "RunInstances" is not named like a read API: .* repeat its name in call\.allowAction/],
  ["a read verb without a capital after it", { ...OK, call: { ...RPC_CALL, action: "Getaway" } }, /^spec\.call\.action: "Getaway" is not named like a read API/],
  ["allowAction that does not repeat the action", { ...OK, call: { ...RPC_CALL, action: "SearchResources", allowAction: "Search" } }, /^spec\.call\.allowAction: must repeat call\.action exactly \("SearchResources"\)/],
  ["a signing field as a parameter, in any case", { ...OK, call: { ...RPC_CALL, params: { signaturenonce: "x" } } }, /^spec\.call\.params\.signaturenonce: is a field the request's signer sets/],
  ["an x-acs- header as a query parameter", { ...OK, call: { ...HUAWEI, path: "/v1/x", query: { "X-Acs-Action": "RunInstances" } } }, /^spec\.call\.query\["X-Acs-Action"\]: is a field the request's signer sets/],
  ["a parameter name with a control character", { ...OK, call: { ...RPC_CALL, params: { "a\nb": "x" } } }, /^spec\.call\.params\["a\\nb"\]: is not a parameter name/],
  ["a malformed placeholder", { ...OK, id: "ecs:{{ instance_id }}" }, /^spec\.id: "{{ instance_id }}" is not a placeholder: write {{name}}/],
  ["a malformed placeholder deep in a parameter", { ...OK, call: { ...RPC_CALL, params: { Tags: [{ Key: "{{k}" }] } } }, /^spec\.call\.params\.Tags\[0\]\.Key: "{{k}" is not a placeholder/],
  ["a path as the API reference writes it", { ...OK, call: { ...HUAWEI, path: "/v1/{project_id}/jobs/{{job_id}}" } }, /^spec\.call\.path: {project_id} is how the API reference writes a parameter: write {{project_id}}/],
  ["a path that climbs", { ...OK, call: { ...HUAWEI, path: "/v1/../admin" } }, /^spec\.call\.path: must not have a "\.\." segment/],
  ["a path with a query", { ...OK, call: { ...HUAWEI, path: "/v1/jobs?x=1" } }, /^spec\.call\.path: must not contain "\?"/],
  ["an empty path segment", { ...OK, call: { ...HUAWEI, path: "/v1//jobs" } }, /^spec\.call\.path: must not have an empty segment/],
  ["a placeholder in an expression", { ...OK, status: "Instances[?InstanceId=='{{instance_id}}'].Status" }, /^spec\.status: {{instance_id}}: placeholders are never filled into expressions/],
  ["a JMESPath syntax error, with the expression", { ...OK, outputs: { ip: "a[" } }, /^spec\.outputs\.ip: syntax error: .*\(in "a\["\)/],
  ["a Community-spec function", { ...OK, outputs: { tags: "items(Tags)" } }, /^spec\.outputs\.tags: unknown function items\(\): only the functions of the JMESPath specification exist/],
  ["a custom function of another library", { ...OK, message: "powertools_json(Body)" }, /^spec\.message: unknown function powertools_json\(\)/],
  ["a call with the wrong number of arguments", { ...OK, progress: { done: "length(a, b)", total: "`1`" } }, /^spec\.progress\.done: length\(\) takes 1 argument, got 2/],
  ["lists without status", { call: { ...RPC_CALL }, success: ["Running"], notes: { Running: "x" } }, /^spec\.status: is required with success, notes: the JMESPath of the raw status/],
  ["one status in two lists, compared as statuses are", { ...OK, failure: [" running "] }, /^spec\.success\[0\]: "Running" is also in failure \(compared trimmed and case-insensitively\)/],
  ["no way to succeed", { ...OK, success: [], failure: ["Stopped"] }, /^spec: has no way to succeed: give status and a success list, or an acceptor with state success/],
  ["an output name other faces cannot address", { ...OK, outputs: { "private-ip": "a" } }, /^spec\.outputs\["private-ip"\]: is not an output name/],
  ["minDelay above maxDelay", { ...OK, minDelay: 30, maxDelay: 10 }, /^spec\.minDelay: must not exceed maxDelay \(10\), got 30/],
])("%s", (_, spec, message) => {
  expect(problem(spec)).toMatch(message);
});

test("a read API with another verb passes when allowAction repeats its name", () => {
  expect(problem({ ...OK, call: { ...RPC_CALL, action: "SearchResources", allowAction: "SearchResources" } })).toBe("no problem");
});

test("ROA and Huawei calls need no read verb: GET is the rule", () => {
  expect(problem({ ...OK, call: { cloud: "alibaba", product: "cs", version: "2015-12-15", action: "ScaleCluster", method: "GET", path: "/clusters/{{id}}" } })).toBe("no problem");
});

test("hostile sizes are refused before anything else, by size and by depth", () => {
  const big = { ...OK, description: "x".repeat(2000), notes: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`s${i}`, "y".repeat(400)])) };
  expect(problem(big)).toMatch(new RegExp(`^spec: is \\d+ bytes of JSON; the limit is ${MAX_SPEC_BYTES}`));
  let deep: unknown = "x";
  for (let i = 0; i < 100_000; i++) deep = [deep];
  expect(problem({ ...OK, call: { ...RPC_CALL, params: { Deep: deep } } })).toBe("spec: is nested more than 16 levels deep");
  const cyclic: Record<string, unknown> = { ...OK };
  cyclic.self = { cyclic };
  expect(problem(cyclic)).toMatch(/^spec: (is nested more than 16 levels deep|must be JSON data)/);
  expect(problem({ ...OK, minDelay: 10n })).toBe("spec: must be JSON data (strings, numbers, booleans, lists and objects)");
});

test("a Date or a class instance is not a JSON object", () => {
  expect(problem({ ...OK, call: { ...RPC_CALL, params: { When: new Date(0) } } })).toMatch(/^spec\.call\.params\.When: must be a string, a number, true or false, a list or an object, got object \(not JSON\)/);
});
