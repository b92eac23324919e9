/**
 * The JMESPath engine as the generic waiter uses it: standard JMESPath (a
 * slice of the specification's behaviour, in cases of our own: literals,
 * projections, filters, slices, pipes, multi-selects, functions, falsy
 * values), runtime errors returned as text, the standard functions only and
 * with their numbers of arguments (anything else refused before any
 * request), and evaluations that never change the document (the next
 * expression of the same answer sees it as it came).
 */
import fc from "fast-check";
import { evaluate, expressionProblem, STANDARD_FUNCTIONS } from "../../../providers/api/jmespath";

const DATA = {
  Instances: {
    Instance: [
      { InstanceId: "i-1", Status: "Running", Cpu: 2, Tags: [{ Key: "env", Value: "prod" }] },
      { InstanceId: "i-2", Status: "Stopped", Cpu: 4, Tags: [] },
      { InstanceId: "i-3", Status: "Running", Cpu: 8 },
    ],
  },
  Outputs: [
    { OutputKey: "Url", OutputValue: "https://x" },
    { OutputKey: "Port", OutputValue: "80" },
  ],
  Numbers: [3, 1, 2],
  Names: ["b", "B", "a", "é"],
  Empty: [],
  Zero: 0,
  False: false,
  Blank: "",
  Nothing: null,
  "with space": "quoted",
};

test.each<[string, unknown]>([
  ["Instances.Instance[0].Status", "Running"],
  ["Instances.Instance[-1].InstanceId", "i-3"],
  ["Instances.Instance[].Status", ["Running", "Stopped", "Running"]],
  ["Instances.Instance[*].Tags[].Key", ["env"]],
  ["Instances.Instance[?Status=='Running'].InstanceId", ["i-1", "i-3"]],
  ["Instances.Instance[?Cpu > `2`] | length(@)", 2],
  ["Instances.Instance[1:].InstanceId", ["i-2", "i-3"]],
  ["Instances.Instance[::-1].InstanceId", ["i-3", "i-2", "i-1"]],
  ["Outputs[].{key: OutputKey, value: OutputValue}", [{ key: "Url", value: "https://x" }, { key: "Port", value: "80" }]],
  ["Outputs[].[OutputKey, OutputValue]", [["Url", "https://x"], ["Port", "80"]]],
  ['"with space"', "quoted"],
  ["Missing.Path", null],
  ["Nothing || 'fallback'", "fallback"],
  ["Empty || Zero", 0],
  ["!Empty", true],
  ["`[1, 2]`", [1, 2]],
  ["'raw'", "raw"],
  ["length(Instances.Instance[?Status=='Running']) == `2`", true],
  ["sort_by(Instances.Instance, &Cpu)[-1].InstanceId", "i-3"],
  ["max_by(Instances.Instance, &Cpu).InstanceId", "i-3"],
  ["join(', ', Instances.Instance[].InstanceId)", "i-1, i-2, i-3"],
  ["contains(Instances.Instance[].Status, 'Stopped')", true],
  ["starts_with(Outputs[0].OutputValue, 'https')", true],
  ["to_number(Outputs[1].OutputValue)", 80],
  ["type(Nothing)", "null"],
  ["keys(Outputs[0])", ["OutputKey", "OutputValue"]],
  ["not_null(Nothing, Zero)", 0],
  ["not_null(Nothing, False)", false],
  ["not_null(Nothing, Blank)", ""],
  ["sum(Instances.Instance[].Cpu)", 14],
  ["merge(`{\"a\": 1}`, `{\"b\": 2}`)", { a: 1, b: 2 }],
  ["map(&InstanceId, Instances.Instance)", ["i-1", "i-2", "i-3"]],
  ["sort(Numbers)", [1, 2, 3]],
  ["sort(Names)", ["B", "a", "b", "é"]],
  ["reverse(Numbers)", [2, 1, 3]],
  ["Instances.Instance[?contains(Tags[].Value || `[]`, 'prod')].InstanceId", ["i-1"]],
])("%s", (expression, expected) => {
  expect(expressionProblem(expression)).toBeUndefined();
  expect(evaluate(expression, DATA)).toEqual({ ok: true, value: expected });
});

test.each([
  ["length(Nothing)", "length() expected argument 1 to be type string,array,object but received type null"],
  ["abs(Outputs)", "abs() expected argument 1 to be type number"],
])("a runtime error (%s) is returned as text, not thrown", (expression, message) => {
  expect(expressionProblem(expression)).toBeUndefined();
  const result = evaluate(expression, DATA);
  expect(result.ok).toBe(false);
  expect(!result.ok && result.error).toContain(message);
});

test.each([
  ["items(@)", "unknown function items()"],
  ["from_items(Outputs[].[OutputKey, OutputValue])", "unknown function from_items()"],
  ["powertools_json(Body)", "unknown function powertools_json()"],
  ["Outputs[?OutputKey == 'x'] | foo(@)", "unknown function foo()"],
  ["Outputs[0].OutputKey.upper(@)", "unknown function upper()"],
  ["{a: lower(x)}", "unknown function lower()"],
  ["sort_by(Outputs, &own(@))", "unknown function own()"],
  ["length(a, b)", "length() takes 1 argument, got 2"],
  ["starts_with(a)", "starts_with() takes 2 arguments, got 1"],
  ["merge()", "merge() takes at least 1 argument, got 0"],
  ["let $x = 1 in $x", "syntax error"],
  ["a.b[", "syntax error"],
  ["", "syntax error"],
])("%s is refused before any request", (expression, reason) => {
  expect(expressionProblem(expression)).toContain(reason);
});

test("function names in strings, raw strings and literals are no calls", () => {
  expect(expressionProblem(`length(a) || "items(x)" || 'from_items(y)' || \`{"type": "Function", "name": "items", "children": []}\``)).toBeUndefined();
});

test("the specification's 26 functions, each called with its number of arguments, are accepted", () => {
  expect(STANDARD_FUNCTIONS.size).toBe(26);
  for (const [name, [min]] of STANDARD_FUNCTIONS) expect(expressionProblem(`${name}(${Array.from({ length: min }, () => "@").join(", ")})`)).toBeUndefined();
});

test("property: an evaluation never changes the document (each expression of an answer sees the answer as it came)", () => {
  const expressions = ["sort(Numbers)", "reverse(Numbers)", "sort_by(Instances.Instance, &Cpu)", "reverse(Names)", "merge(Outputs[0], `{\"x\": 1}`)", "to_array(Numbers)", "values(Outputs[0])"];
  fc.assert(
    fc.property(fc.subarray(expressions, { minLength: 1 }), (chosen) => {
      const document = structuredClone(DATA);
      for (const expression of chosen) evaluate(expression, document);
      expect(document).toEqual(DATA);
    }),
  );
});
