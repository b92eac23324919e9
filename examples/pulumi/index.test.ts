/**
 * Unit tests of the example program, without the pulumi binary: Pulumi's own
 * convention (`pulumi.runtime.setMocks` stands in for the engine, and the
 * program runs in the test), with jest. Copy this file and jest.config.js
 * into your project, point the import at your program, and run `npx jest`.
 *
 * Under mocks the engine never calls opgate's provider, so no wait runs and
 * no credential is needed; the mocks answer for it (here: SUCCESS). What the
 * provider's check would refuse at `pulumi preview` is refused already when a
 * resource is constructed, as far as its arguments are known then: plain
 * values, not outputs of other resources.
 */
import { describe, expect, test } from "@jest/globals";
import * as pulumi from "@pulumi/pulumi";
import { EmrOperation } from "opgate/pulumi";
import type * as Program from "./index";

/** What the mocked engine answers for a wait besides its inputs, by resource type: one that succeeded, with outputs. */
const WAIT_OUTPUTS: Record<string, Record<string, unknown>> = {
  "pulumi-nodejs:dynamic/opgate:BpStudioOperation": { status: "SUCCESS", tagMap: { app: ["i-123"] } },
  "pulumi-nodejs:dynamic/opgate:EmrOperation": { status: "SUCCESS" },
};

pulumi.runtime.setMocks(
  {
    newResource: (args) => ({ id: `${args.name}-id`, state: { ...args.inputs, ...WAIT_OUTPUTS[args.type] } }),
    call: (args) => args.inputs,
  },
  "opgate-example",
  "test",
  false,
);

/** The value of an output once the program has run under the mocks. */
function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

describe("the program", () => {
  test("constructs its waits with arguments opgate takes, and gates the release on them", async () => {
    // Loaded only now, once the mocks are set: loading the program runs it (a wait with a bad argument throws here).
    const program: typeof Program = require("./index");
    expect(await valueOf(program.results.emr.status)).toBe("SUCCESS");
    expect(await valueOf(program.releasedTagMap)).toEqual({ app: ["i-123"] });
  });
});

describe("opgate's resources, constructed with bad arguments", () => {
  test("throw, naming each argument at fault in the words of the provider's check", () => {
    const construct = () => new EmrOperation("bad", { region: "cn_hangzhou", clusterId: "c-1", operationId: "op-1", timeout: "10min" });
    expect(construct).toThrow(pulumi.ResourceError);
    expect(construct).toThrow(/region: is not valid: a region ID is letters, digits and dashes/);
    expect(construct).toThrow(/timeout: is not a duration: use e\.g\. 90s, 10m, 1h30m/);
  });

  test("leave what is only known later (an output of another resource) to the check at preview", async () => {
    const later = new EmrOperation("later", { region: pulumi.output("cn_hangzhou"), clusterId: "c-1", operationId: "op-1" });
    // Registered with the mocked engine all the same.
    expect(await valueOf(later.urn)).toContain("later");
  });
});
