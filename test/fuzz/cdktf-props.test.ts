/**
 * The four CDKTF constructs with random props: synth either succeeds or
 * throws an InputError that names the prop and the construct, never another
 * exception. A literal that passes reaches the wait's command environment
 * and the read's query so that Terraform's template semantics give back
 * exactly the value (`${`, `%{` escaped); a reference stays a reference, and
 * a reference mixed with literal template syntax, or right after a `$`, is
 * refused.
 * test/cdktf/injection.test.ts runs chosen hostile IDs through Terraform.
 */
import fc from "fast-check";
import { Testing, TerraformStack, TerraformVariable, Token } from "cdktf";
import type { Construct } from "constructs";
import { PROVIDERS } from "../../providers";
import { allFields } from "../../providers/params";
import { BcsOperationWait, BpStudioOperationWait, EmrOperationWait, OosExecutionWait, type OperationWait } from "../../src/cdktf";
import { environmentName, waitFields } from "../../src/cdktf/fields";
import { InputError } from "../../src/core/errors";
import { SERVICES, type ServiceName } from "../../src/core/result";
import { localExec, waitBlocks, type Json } from "../cdktf/synthesized";
import { evaluateTemplate, TemplateError } from "../cdktf/template";
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

/** What synthesizing one wait with `props` gave: the JSON, or the error thrown. */
function synth(service: ServiceName, props: unknown): { json?: Json; error?: unknown } {
  const stack = new TerraformStack(Testing.app(), STACK);
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

/** Evaluates a synthesized string as Terraform would, variables resolving to `<var NAME>`. */
function asTerraform(text: string): unknown {
  return evaluateTemplate(text, (path) => {
    if (path[0] === "var") return `<var ${String(path[1])}>`;
    throw new TemplateError(`unexpected reference ${path.join(".")}`);
  });
}

/** What the wait's command and the read receive for `field`, evaluated as Terraform does. */
function delivered(json: Json, field: string): { command: unknown; query: unknown } {
  const blocks = waitBlocks(json, "w");
  const fieldSpec = { name: field } as Parameters<typeof environmentName>[0];
  const command = localExec(blocks).environment[environmentName(fieldSpec)];
  const query = blocks.read.query[field];
  return { command: command === undefined ? undefined : asTerraform(command), query: query === undefined ? undefined : asTerraform(query) };
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

test(`hostile literal IDs reach the command and the read exactly as given (seed ${SEED})`, () => {
  const hostile = fc.constantFrom(...SERVICES).chain((service) => {
    const free = allFields(PROVIDERS[service]).filter((field) => field.kind === "string" && !field.pattern && field.name !== "region");
    return fc.tuple(fc.constantFrom(...free.map((field) => field.name)), oddValue()).map(([name, value]) => ({ service, name, value }));
  });
  fc.assert(
    fc.property(hostile, ({ service, name, value }) => {
      const { json, error } = synth(service, { ...VALID[service], [name]: value });
      if (error) throw error;
      expect(delivered(json!, name)).toEqual({ command: value, query: value });
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
      const stack = new TerraformStack(Testing.app(), STACK);
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
      if (/[$%]\{/.test(before) || /[$%]\{/.test(after) || before.endsWith("$")) {
        expect(errorProblem(service, error)).toBeNull();
        expect((error as InputError).field).toBe(name);
      } else {
        if (error) throw error;
        expect(delivered(json!, name)).toEqual({ command: `${before}<var ref>${after}`, query: `${before}<var ref>${after}` });
      }
    }),
    { numRuns: 100, seed: SEED, examples: [[{ service: "bpstudio", name: "operationId", before: "$", after: "0" }]] },
  );
});
