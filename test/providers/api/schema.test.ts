/**
 * The one source: the JSON Schema that ships (schema/api-wait.schema.json) is
 * what `npm run schema` makes of `ApiWaitSpec` now, it uses only what the
 * run-time interpreter understands, it documents every field, and the
 * interpreter's messages name the JSON path and the fix.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkApiWaitSpec, SPEC_SCHEMA } from "../../../providers/api/check";
import { schemaProblems, SUPPORTED_KEYWORDS, type JsonSchema } from "../../../providers/api/json-schema";
import { InputError } from "../../../src/core/errors";
import { RPC_CALL } from "./support";

const ROOT = join(__dirname, "..", "..", "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SCHEMA_FILE, generateSchemaText } = require(join(ROOT, "scripts", "api-schema.js")) as { SCHEMA_FILE: string; generateSchemaText(): string };

/** Every schema node of `schema`, with where it sits. */
function nodes(schema: JsonSchema, at = "#"): [string, JsonSchema][] {
  const children: [string, JsonSchema][] = [
    ...Object.entries(schema.definitions ?? {}).map(([k, v]): [string, JsonSchema] => [`${at}/definitions/${k}`, v]),
    ...Object.entries(schema.properties ?? {}).map(([k, v]): [string, JsonSchema] => [`${at}/properties/${k}`, v]),
    ...(schema.anyOf ?? []).map((v, i): [string, JsonSchema] => [`${at}/anyOf/${i}`, v]),
    ...(schema.items ? [[`${at}/items`, schema.items] as [string, JsonSchema]] : []),
    ...(typeof schema.additionalProperties === "object" ? [[`${at}/additionalProperties`, schema.additionalProperties] as [string, JsonSchema]] : []),
  ];
  return [[at, schema], ...children.flatMap(([where, child]) => nodes(child, where))];
}

test("the committed schema is what the type generates now (run npm run schema after changing providers/api/spec.ts)", () => {
  expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(generateSchemaText());
}, 60_000);

test("the run-time checks walk the committed schema", () => {
  expect(SPEC_SCHEMA).toEqual(JSON.parse(readFileSync(SCHEMA_FILE, "utf8")));
});

test("the schema uses only the keywords the interpreter understands", () => {
  const unknown = nodes(SPEC_SCHEMA).flatMap(([where, node]) => Object.keys(node).filter((k) => !(SUPPORTED_KEYWORDS as readonly string[]).includes(k)).map((k) => `${where}: ${k}`));
  expect(unknown).toEqual([]);
});

test("every field of the spec is documented (the JSDoc of the type reaches editors)", () => {
  const undocumented = nodes(SPEC_SCHEMA)
    .filter(([where]) => /\/properties\/[^/]+$/.test(where))
    .filter(([, node]) => !node.description?.trim())
    .map(([where]) => where);
  expect(undocumented).toEqual([]);
});

/** The first problem's field and reason, as `checkApiWaitSpec` reports it. */
function problem(spec: unknown): string {
  try {
    checkApiWaitSpec(spec);
  } catch (err) {
    if (err instanceof InputError) return err.message;
    throw err;
  }
  return "no problem";
}

const OK = { call: { ...RPC_CALL }, status: "Status", success: ["Running"] };

test.each<[string, unknown, RegExp]>([
  ["not an object", [], /^spec: must be an object, got a list/],
  ["a typo, with the field meant", { ...OK, stauts: "x" }, /^spec\.stauts: is not a field here \(did you mean status\?\)/],
  ["a missing call, with what it is", { status: "s", success: ["x"] }, /^spec\.call: is required: The request sent on every poll/],
  ["a wrong type", { ...OK, success: "Running" }, /^spec\.success: must be a list, got "Running"/],
  ["a wrong type inside a list", { ...OK, success: ["Running", 7] }, /^spec\.success\[1\]: must be a string, got 7/],
  ["an unknown cloud", { ...OK, call: { ...RPC_CALL, cloud: "aws" } }, /^spec\.call\.cloud: must be "alibaba" or "huawei", got "aws"/],
  ["no cloud", { ...OK, call: { product: "ecs" } }, /^spec\.call\.cloud: is required: "alibaba" or "huawei"/],
  ["a bad version, with the pattern and the hint", { ...OK, call: { ...RPC_CALL, version: "2014-5-26" } }, /^spec\.call\.version: "2014-5-26" does not match .*: The API version, e\.g\. `2014-05-26`/],
  ["a product that is no host label", { ...OK, call: { ...RPC_CALL, product: "ecs.evil.example#" } }, /^spec\.call\.product: "ecs\.evil\.example#" does not match/],
  ["an Alibaba call with a path is read as ROA", { ...OK, call: { ...RPC_CALL, path: "/x" } }, /^spec\.call\.method: is required: Only GET/],
  ["a method other than GET", { ...OK, call: { ...RPC_CALL, method: "POST", path: "/x" } }, /^spec\.call\.method: must be "GET", got "POST"/],
  ["a body", { ...OK, call: { cloud: "huawei", service: "ecs", method: "GET", path: "/v1/x", body: "{}" } }, /^spec\.call\.body: is not a field here/],
  ["an empty matcher", { ...OK, acceptors: [{ state: "success", matcher: {} }] }, /^spec\.acceptors\[0\]\.matcher: must have exactly one of output, inputOutput, success, errorType/],
  ["two matchers", { ...OK, acceptors: [{ state: "success", matcher: { success: true, errorType: "X" } }] }, /must have exactly one of output, inputOutput, success, errorType, not success and errorType/],
  ["a bad state", { ...OK, acceptors: [{ state: "ok", matcher: { success: true } }] }, /^spec\.acceptors\[0\]\.state: must be one of "success", "failure", "retry", got "ok"/],
  ["a bad comparator, deep", { ...OK, acceptors: [{ state: "success", matcher: { output: { path: "a", comparator: "equals", expected: "x" } } }] }, /^spec\.acceptors\[0\]\.matcher\.output\.comparator: must be one of "stringEquals"/],
  ["a fraction of a second", { ...OK, maxDelay: 1.5 }, /^spec\.maxDelay: must be a whole number, got 1\.5/],
  ["an expression too long", { ...OK, message: "a".repeat(2049) }, /^spec\.message: is 2049 characters long; the limit is 2048/],
  ["an empty status", { ...OK, status: "" }, /^spec\.status: must not be empty/],
  ["a null parameter", { ...OK, call: { ...RPC_CALL, params: { A: null } } }, /^spec\.call\.params\.A: must be a string, a number, true or false, a list or an object, got null/],
  ["a note key that is no identifier, quoted in the path", { ...OK, notes: { "a b": 1 } }, /^spec\.notes\["a b"\]: must be a string, got 1/],
])("%s", (_, spec, message) => {
  expect(problem(spec)).toMatch(message);
});

test("every problem is found, in the order a person fixes them (the first one is reported)", () => {
  const problems = schemaProblems(SPEC_SCHEMA, { stauts: "x", success: "Running" });
  expect(problems.map((p) => p.path)).toEqual(["stauts", "call", "success"]);
});
