/**
 * Every face takes every field of every service, as the service declares it
 * (`providers/<service>/index.ts`) plus region, endpoint and timeout:
 * - the library's targets, the Pulumi args and the CDKTF props, at compile
 *   time (faces.check.ts, compiled here, since the tests themselves are only
 *   transpiled);
 * - the CLI's flags, the Pulumi provider's inputs and the CDKTF inputs, which
 *   are derived from the declarations at run time;
 * - the plain HCL module (terraform/operation-wait), written by hand: its
 *   variables and its per-service lists in main.tf.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { PROVIDERS } from "../../providers";
import { allFields, ENDPOINT_FIELD, TIMEOUT_FIELD, waitFields } from "../../providers/params";
import type { FieldSpec } from "../../providers/types";
import { commonOptions, fieldOptions } from "../../src/cli/wait-flags";
import { SERVICES } from "../../src/core/result";
import { inputNames } from "../../src/pulumi/inputs";

const ROOT = path.resolve(__dirname, "../..");
const MODULE = path.join(ROOT, "terraform/operation-wait");
/** Module variables that are no field of a service. */
const MODULE_ONLY_VARIABLES = ["service", "command"];

/** `operationId` → `operation_id`. */
function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** A field an input must give: required, with neither environment fallback nor default. */
function mustBeGiven(field: FieldSpec): boolean {
  return field.required && !field.env?.length && field.default === undefined;
}

/** The fields a wait of `service` takes: its own (region first), then endpoint and timeout. */
const fieldsOf = (service: (typeof SERVICES)[number]) => waitFields(PROVIDERS[service]);

test("the library, Pulumi and CDKTF types match the declared fields (faces.check.ts compiles)", () => {
  const configFile = path.join(ROOT, "tsconfig.test.json");
  const config = ts.getParsedCommandLineOfConfigFile(configFile, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error(`cannot read ${configFile}`);
  const program = ts.createProgram([path.join(__dirname, "faces.check.ts")], { ...config.options, noEmit: true });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  expect(diagnostics).toEqual([]);
}, 120_000);

describe.each(SERVICES)("%s", (service) => {
  const provider = PROVIDERS[service];

  test("the CLI has a flag for every field", () => {
    const flags = [...fieldOptions(provider), ...commonOptions()].map((option) => option.long);
    for (const field of fieldsOf(service)) expect(flags).toContain(field.flag);
  });

  test("the Pulumi provider knows every field, identifying ones as replacing", () => {
    const names = inputNames(service);
    for (const field of fieldsOf(service)) {
      expect(names.all).toContain(field.name);
      expect(field.identifying ? names.identifying : names.tuning).toContain(field.name);
    }
  });

  test("the CDKTF constructs take endpoint and timeout besides the service's fields", () => {
    expect(fieldsOf(service).map((field) => field.name)).toEqual([...allFields(provider).map((field) => field.name), ENDPOINT_FIELD.name, TIMEOUT_FIELD.name]);
  });
});

describe("the plain HCL module", () => {
  const variables = fs.readFileSync(path.join(MODULE, "variables.tf"), "utf8");
  const main = fs.readFileSync(path.join(MODULE, "main.tf"), "utf8");

  /** The lists of a map of lists in main.tf's locals: `name = { svc = ["a", "b"] ... }`. */
  function listsOf(local: string): Record<string, string[]> {
    const block = new RegExp(`\\n  ${local} = \\{\\n([\\s\\S]*?)\\n  \\}`).exec(main);
    if (!block) throw new Error(`main.tf has no local ${local}`);
    return Object.fromEntries(
      [...block[1].matchAll(/^\s*(\w+)\s*=\s*\[([^\]]*)\]/gm)].map(([, service, list]) => [service, [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1])]),
    );
  }

  test("has a variable for every field of every service, and none the services do not declare", () => {
    const declared = new Set(SERVICES.flatMap((service) => fieldsOf(service).map((field) => snakeCase(field.name))));
    const found = [...variables.matchAll(/^variable "(\w+)"/gm)].map((m) => m[1]);
    for (const name of declared) expect(found).toContain(name);
    expect(found.filter((name) => !declared.has(name) && !MODULE_ONLY_VARIABLES.includes(name))).toEqual([]);
  });

  test("takes, per service, exactly the service's fields (in locals.takes) and requires those it must", () => {
    const takes = listsOf("takes");
    const required = listsOf("required");
    expect(Object.keys(takes).sort()).toEqual([...SERVICES].sort());
    expect(Object.keys(required).sort()).toEqual([...SERVICES].sort());
    for (const service of SERVICES) {
      expect({ service, takes: [...takes[service]].sort() }).toEqual({ service, takes: fieldsOf(service).map((field) => snakeCase(field.name)).sort() });
      const needed = allFields(PROVIDERS[service]).filter(mustBeGiven).map((field) => snakeCase(field.name));
      expect({ service, required: [...required[service]].sort() }).toEqual({ service, required: needed.sort() });
    }
  });

  test("passes every string field to the command by its flag and variable, and every switch as its flag", () => {
    const fields = new Map(SERVICES.flatMap((service) => fieldsOf(service)).map((field) => [field.name, field]));
    for (const field of fields.values()) {
      const variable = `var.${snakeCase(field.name)}`;
      if (field.kind === "boolean") {
        expect(main).toContain(`${variable} ? ["${field.flag}"]`);
      } else {
        expect(main).toContain(`{ flag = "${field.flag}", name = "OPGATE_ARG_${snakeCase(field.name).toUpperCase()}", value = ${variable} }`);
        expect(main).toMatch(new RegExp(`\\n  values = \\{[^}]*\\n    ${snakeCase(field.name)} += var\\.${snakeCase(field.name)}\\n`));
      }
    }
  });
});
