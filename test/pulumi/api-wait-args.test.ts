/**
 * `new ApiWait(...)` checks the args known when it is constructed, in the
 * words of the provider's check, and registers nothing when one is wrong: a
 * spec error names its JSON path (so a unit test under
 * `pulumi.runtime.setMocks`, which never calls the provider, catches it).
 * Args known only later (an output of another resource, in the vars or as
 * the whole spec) are left to the check.
 */
import * as pulumi from "@pulumi/pulumi";
import { ApiWait, type AlibabaRpcCall, type ApiWaitArgs } from "../../src/pulumi";
import { checkInputs } from "../../src/pulumi/check";
import { specOf, THREE_EXAMPLES } from "../api/support";

const [ECS] = THREE_EXAMPLES;
const spec = specOf(ECS.source);
const VALID: ApiWaitArgs = { spec, vars: ECS.vars, region: ECS.region };

const registered: string[] = [];
beforeAll(() =>
  pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push(args.name);
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "opgate-api-wait",
    "test",
    false,
  ),
);
/** The lines of the error constructing `args` as `name` throws ([] when it is accepted). */
function constructionProblems(args: ApiWaitArgs, name = "web"): string[] {
  try {
    new ApiWait(name, args);
    return [];
  } catch (err) {
    if (!pulumi.ResourceError.isInstance(err)) throw err;
    return (err as Error).message.split("\n");
  }
}

/** What the provider's check says of the same args, as lines `property: reason`. */
function checkProblems(args: ApiWaitArgs): string[] {
  return checkInputs({ ...args, service: "api" }, () => ({})).map((failure) => `${failure.property}: ${failure.reason}`);
}

test.each<[string, ApiWaitArgs, string]>([
  ["a write action", { ...VALID, spec: { ...spec, call: { ...(spec.call as AlibabaRpcCall), action: "RunInstances" } } }, 'spec.call.action: "RunInstances" is not named like a read API'],
  ["a function the standard lacks", { ...VALID, spec: { ...spec, outputs: { all: "items(@)" } } }, "spec.outputs.all: unknown function items()"],
  ["a list that is not a list", { ...VALID, spec: { ...spec, success: "Running" as unknown as string[] } }, "spec.success: must be a list"],
  ["a var name that is not one", { ...VALID, vars: { "instance-id": "i-1" } }, "vars.instance-id: is not a valid name"],
  ["a var value with a control character", { ...VALID, vars: { instance_id: "i-1\u0007x" } }, "vars.instance_id: must not contain control characters"],
  ["a region that is not one", { ...VALID, region: "cn hangzhou" }, "region: is not valid"],
])("%s: refused at construction in the check's words, naming the path; nothing registered", async (title, args, problem) => {
  const lines = constructionProblems(args, title);
  expect(lines[0]).toBe(`ApiWait "${title}" has invalid arguments:`);
  expect(lines.slice(1).map((line) => line.trim())).toEqual(checkProblems(args));
  expect(lines[1]).toContain(problem);
  await new Promise((resolve) => setImmediate(resolve));
  expect(registered).not.toContain(title);
});

test("args known only later pass construction: a var that is an output, a spec that is an output", () => {
  expect(constructionProblems({ ...VALID, vars: { instance_id: pulumi.output("i-1") } })).toEqual([]);
  expect(constructionProblems({ ...VALID, spec: pulumi.output(spec) })).toEqual([]);
  expect(constructionProblems({ ...VALID, vars: pulumi.output({ instance_id: "i-1" }) })).toEqual([]);
});

test("a valid ApiWait is registered", async () => {
  expect(constructionProblems(VALID, "valid")).toEqual([]);
  await new Promise((resolve) => setImmediate(resolve));
  expect(registered).toContain("valid");
});
