/**
 * The four CDKTF constructs with random props: synth either succeeds or
 * throws an InputError that names the prop and the construct, never another
 * exception. A literal that passes reaches the wait's command environment
 * so that Terraform's template semantics give back exactly the value (`${`,
 * `%{` escaped): the real terraform binary evaluates every such string at the
 * end. A reference stays a reference, and a reference mixed with literal
 * template syntax, or right after a `$`, is refused.
 * test/cdktf/injection.test.ts runs chosen hostile IDs through Terraform.
 */
import fc from "fast-check";
import { Testing, TerraformStack, TerraformVariable, Token } from "cdktf";
import type { Construct } from "constructs";
import { PROVIDERS } from "../../providers";
import { allFields, waitFields } from "../../providers/params";
import { BcsOperationWait, BpStudioOperationWait, EmrOperationWait, OosExecutionWait, type OperationWait } from "../../src/cdktf";
import { environmentName } from "../../src/cdktf/wait-command";
import { InputError } from "../../src/core/errors";
import { SERVICES, type ServiceName } from "../../src/core/result";
import * as fs from "node:fs";
import * as path from "node:path";
import { cleanUp, newProject } from "../cdktf/helpers";
import { localExec, waitBlocks, type Json } from "../cdktf/synthesized";
import { describeWithTerraform, requireTerraform, Terraform, terraformEnvironment } from "../terraform/support/terraform";
import { notAString, oddValue } from "./support/hostile-text";

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const STACK = "fuzz";

type WaitClass = new (scope: Construct, id: string, props: any) => OperationWait;
const CONSTRUCTS: Record<ServiceName, WaitClass> = { bpstudio: BpStudioOperationWait, emr: EmrOperationWait, bcs: BcsOperationWait, oos: OosExecutionWait };

/** Valid props of each construct. */
const VALID: Readonly<Record<ServiceName, Record<string, unknown>>> = {
  bpstudio: { operationId: "op_1" },
  emr: { clusterId: "c-1", operationId: "op-1" },
  bcs: { operationId: "op-1" },
  oos: { executionId: "exec-1" },
};

/** Every prop name a construct of `service` takes (dependsOn included). */
function propNames(service: ServiceName): string[] {
  return [...waitFields(PROVIDERS[service]).map((field) => field.name), "dependsOn"];
}

afterAll(cleanUp);
let outdir: string | undefined;
/** A test app; `Testing.synth` writes nothing, the outdir is only a folder removed after the tests. */
function testApp() {
  return Testing.app({ outdir: (outdir ??= newProject()) });
}

/** What synthesizing one wait with `props` gave: the JSON, or the error thrown. */
function synth(service: ServiceName, props: unknown): { json?: Json; error?: unknown } {
  const stack = new TerraformStack(testApp(), STACK);
  new TerraformVariable(stack, "ref", { type: "string" });
  try {
    new CONSTRUCTS[service](stack, "w", props);
    return { json: JSON.parse(Testing.synth(stack)) as Json };
  } catch (error) {
    return { error };
  }
}

/** The problem with an error thrown at synth, or null when it is an InputError naming a prop of the construct. */
function errorProblem(service: ServiceName, error: unknown, unknownProps: string[] = []): string | null {
  if (!(error instanceof InputError)) return `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  if (![...propNames(service), "props", ...unknownProps].includes(error.field)) return `InputError names ${JSON.stringify(error.field)}`;
  if (!error.message.endsWith(`(in ${STACK}/w)`)) return `the message does not name the construct: ${error.message}`;
  return null;
}

/** The value of the `ref` variable in the evaluation below. */
const REF_VALUE = "<var ref>";
/** Synthesized strings and what Terraform must make of them, checked by the real binary at the end. */
const delivered: { text: string; expected: string }[] = [];

/** Records what the wait's command receives for `field` (a Terraform JSON string) and the value it must evaluate to. */
function expectDelivered(json: Json, field: string, expected: string): void {
  const fieldSpec = { name: field } as Parameters<typeof environmentName>[0];
  const text = localExec(waitBlocks(json, "w")).environment[environmentName(fieldSpec)];
  expect(typeof text).toBe("string");
  delivered.push({ text, expected });
}

test(`random props: an InputError naming the prop and the construct, or a synthesized wait (seed ${SEED})`, () => {
  const anyValue = fc.anything({ withBigInt: true, withDate: true, withMap: true, withNullPrototype: true, maxDepth: 2 });
  const input = fc.constantFrom(...SERVICES).chain((service) =>
    fc.oneof(
      // An unknown prop is named by its own key.
      { arbitrary: anyValue.map((props) => ({ service, props, extra: props !== null && typeof props === "object" ? Object.keys(props) : [] })), weight: 1 },
      {
        arbitrary: fc
          .dictionary(fc.constantFrom(...propNames(service), "unknownProp", "operationID"), fc.oneof(anyValue, oddValue(), fc.constantFrom("90s", "cn-hangzhou", "https://127.0.0.1:1", true)))
          .map((props) => ({ service, props: { ...VALID[service], ...props }, extra: ["unknownProp", "operationID"] })),
        weight: 4,
      },
    ),
  );
  fc.assert(
    fc.property(input, ({ service, props, extra }) => {
      const { error } = synth(service, props);
      const found = error === undefined ? null : errorProblem(service, error, extra);
      if (found) throw new Error(found);
    }),
    { numRuns: 300, seed: SEED, examples: [[{ service: "emr", props: undefined, extra: [] }], [{ service: "bpstudio", props: null, extra: [] }]] },
  );
});

test(`a value of the wrong type for a prop is refused naming it (seed ${SEED})`, () => {
  const wrong = fc.constantFrom(...SERVICES).chain((service) => {
    const fields = waitFields(PROVIDERS[service]);
    return fc.constantFrom(...fields.map((field) => field.name), "dependsOn").chain((name) => {
      const kind = fields.find((field) => field.name === name)?.kind;
      const value =
        name === "dependsOn"
          ? fc.oneof(fc.string(), fc.integer(), fc.constant({}), fc.array(fc.oneof(fc.integer(), fc.string(), fc.constant({})), { minLength: 1, maxLength: 3 }))
          : kind === "boolean"
            ? notAString.filter((v) => typeof v !== "boolean")
            : name === "timeout"
              ? notAString.filter((v) => typeof v !== "number" || !(v > 0 && v <= 7 * 86400))
              : notAString;
      return value.map((v) => ({ service, name, value: v }));
    });
  });
  fc.assert(
    fc.property(wrong, ({ service, name, value }) => {
      const { error } = synth(service, { ...VALID[service], [name]: value });
      const found = errorProblem(service, error) ?? ((error as InputError).field === name ? null : `expected InputError(${name}), got ${String(error)}`);
      if (found) throw new Error(found);
    }),
    {
      numRuns: 200,
      seed: SEED,
      // Always tried: values that once slipped through or crashed the synth.
      examples: [
        [{ service: "emr", name: "endpoint", value: ["https://127.0.0.1:1"] }],
        [{ service: "bpstudio", name: "timeout", value: 10n }],
        [{ service: "oos", name: "endpoint", value: Object.create(null) }],
        [{ service: "bcs", name: "dependsOn", value: "other-resource" }],
      ],
    },
  );
});

test(`hostile literal IDs reach the command exactly as given (seed ${SEED})`, () => {
  const hostile = fc.constantFrom(...SERVICES).chain((service) => {
    const free = allFields(PROVIDERS[service]).filter((field) => field.kind === "string" && !field.pattern && field.name !== "region");
    return fc.tuple(fc.constantFrom(...free.map((field) => field.name)), oddValue()).map(([name, value]) => ({ service, name, value }));
  });
  fc.assert(
    fc.property(hostile, ({ service, name, value }) => {
      const { json, error } = synth(service, { ...VALID[service], [name]: value });
      if (error) throw error;
      expectDelivered(json!, name, value);
      // The command is fixed text: the same whatever the value.
      const plain = synth(service, { ...VALID[service], [name]: "plain-value" }).json!;
      expect(localExec(waitBlocks(json!, "w")).command).toBe(localExec(waitBlocks(plain, "w")).command);
    }),
    { numRuns: 120, seed: SEED },
  );
});

test(`a reference inside literal text: kept as a reference, or refused when the text holds template syntax (seed ${SEED})`, () => {
  const mixed = fc.constantFrom(...SERVICES).chain((service) =>
    fc.tuple(fc.constantFrom(...Object.keys(VALID[service])), oddValue(40), oddValue(40)).map(([name, before, after]) => ({ service, name, before, after })),
  );
  fc.assert(
    fc.property(mixed, ({ service, name, before, after }) => {
      const stack = new TerraformStack(testApp(), STACK);
      const variable = new TerraformVariable(stack, "ref", { type: "string" });
      let json: Json | undefined;
      let error: unknown;
      try {
        new CONSTRUCTS[service](stack, "w", { ...VALID[service], [name]: `${before}${Token.asString(variable.value)}${after}` });
        json = JSON.parse(Testing.synth(stack)) as Json;
      } catch (err) {
        error = err;
      }
      // Refused: literal template syntax, or a `$` that would turn the reference's `${` into the escape `$${`.
      // Refused too: text Terraform would rewrite to Unicode NFC.
      if (/[$%]\{/.test(before) || /[$%]\{/.test(after) || before.endsWith("$") || !isNfc(before + after)) {
        expect(errorProblem(service, error)).toBeNull();
        expect((error as InputError).field).toBe(name);
      } else {
        if (error) throw error;
        expectDelivered(json!, name, `${before}${REF_VALUE}${after}`);
      }
    }),
    { numRuns: 100, seed: SEED, examples: [[{ service: "bpstudio", name: "operationId", before: "$", after: "0" }]] },
  );
});

test("a value that is not in Unicode NFC is refused naming the prop (Terraform would rewrite it)", () => {
  const decomposed = "op_e\u0301";
  const { error } = synth("bpstudio", { operationId: decomposed });
  expect(errorProblem("bpstudio", error)).toBeNull();
  expect((error as InputError).message).toMatch(/^operationId: must be in Unicode normalization form C \(NFC\)/);
  expect(synth("bpstudio", { operationId: decomposed.normalize("NFC") }).error).toBeUndefined();
});

function isNfc(text: string): boolean {
  return text.normalize("NFC") === text;
}

describeWithTerraform("the real terraform", () => {
  test("evaluates every string delivered above to exactly the value given", async () => {
    requireTerraform();
    expect(delivered.length).toBeGreaterThan(100);
    const dir = newProject();
    const output = Object.fromEntries(delivered.map(({ text }, i) => [`o${i}`, { value: text }]));
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify({ variable: { ref: { type: "string", default: REF_VALUE } }, output }));
    const tf = new Terraform(dir, terraformEnvironment(newProject()));
    await tf.apply();
    const values = await tf.outputs();
    expect(delivered.map((_, i) => values[`o${i}`])).toEqual(delivered.map(({ expected }) => expected));
  }, 120_000);
});
