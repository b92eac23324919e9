/**
 * Every face takes every field of every service, as the service declares it
 * (`providers/<service>/index.ts`) plus region, endpoint and timeout:
 * - the library's targets, the Pulumi args and the CDKTF props, at compile
 *   time (faces.check.ts, compiled here, since the tests themselves are only
 *   transpiled);
 * - the CLI's flags, the Pulumi provider's inputs and the CDKTF inputs, which
 *   are derived from the declarations at run time;
 * - the plain HCL module (terraform/operation-wait), written by hand: its
 *   variables and its per-service lists in main.tf, the generic waiter's
 *   (`api`, providers/api/index.ts) included;
 * - the GitHub action's inputs (action.yml), written by hand.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { parse } from "yaml";
import { PROVIDERS } from "../../providers";
import { apiProvider } from "../../providers/api";
import { allFields, ENDPOINT_FIELD, TIMEOUT_FIELD, waitFields } from "../../providers/params";
import type { FieldSpec } from "../../providers/types";
import { structuredOptions } from "../../src/cli/structured-flags";
import { commonOptions, fieldOptions } from "../../src/cli/wait-flags";
import { API_SERVICE, SERVICES } from "../../src/core/result";
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
  /** Every wait the module runs: the four services and the generic waiter, with their providers. */
  const MODULE_WAITS = [...SERVICES.map((service) => [service, PROVIDERS[service]] as const), [API_SERVICE, apiProvider] as const];
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

  test("has a variable for every field of every service and of api, and none they do not declare", () => {
    const declared = new Set(MODULE_WAITS.flatMap(([, provider]) => waitFields(provider).map((field) => snakeCase(field.name))));
    const found = [...variables.matchAll(/^variable "(\w+)"/gm)].map((m) => m[1]);
    for (const name of declared) expect(found).toContain(name);
    expect(found.filter((name) => !declared.has(name) && !MODULE_ONLY_VARIABLES.includes(name))).toEqual([]);
  });

  test("takes, per service and for api, exactly its fields (in locals.takes) and requires those it must", () => {
    const takes = listsOf("takes");
    const required = listsOf("required");
    const names = MODULE_WAITS.map(([name]) => name).sort();
    expect(Object.keys(takes).sort()).toEqual(names);
    expect(Object.keys(required).sort()).toEqual(names);
    for (const [service, provider] of MODULE_WAITS) {
      expect({ service, takes: [...takes[service]].sort() }).toEqual({ service, takes: waitFields(provider).map((field) => snakeCase(field.name)).sort() });
      const needed = allFields(provider).filter(mustBeGiven).map((field) => snakeCase(field.name));
      expect({ service, required: [...required[service]].sort() }).toEqual({ service, required: needed.sort() });
    }
  });

  test("passes every text field to the command by its flag and variable, every switch as its flag, and api's spec and vars by the CLI's JSON text flags", () => {
    const fields = new Map(MODULE_WAITS.flatMap(([, provider]) => waitFields(provider)).map((field) => [field.name, field]));
    expect([...fields.values()].map((field) => field.kind)).toEqual(expect.arrayContaining(["string", "boolean", "json", "map"]));
    for (const field of fields.values()) {
      const name = snakeCase(field.name);
      const variable = `var.${name}`;
      if (field.kind === "boolean") {
        expect(main).toContain(`${variable} ? ["${field.flag}"]`);
      } else if (field.kind === "json" || field.kind === "map") {
        // The form of the field's value as JSON text: --spec-json, --vars-json (the CLI's own option, src/cli/structured-flags.ts).
        const textFlag = structuredOptions(field, field.description).map((option) => option.long).find((flag) => flag?.endsWith("-json"));
        const value = field.kind === "json" ? variable : `local.given_names.${name} ? jsonencode(${variable}) : null`;
        expect(main).toContain(`{ flag = "${textFlag}", name = "OPGATE_ARG_${name.toUpperCase()}", value = ${value} }`);
        expect(main).toMatch(new RegExp(`\\n    ${name} += try\\(nonsensitive\\(${variable} != null\\), ${variable} != null\\)\\n`));
      } else {
        expect(main).toContain(`{ flag = "${field.flag}", name = "OPGATE_ARG_${name.toUpperCase()}", value = ${variable} }`);
        expect(main).toMatch(new RegExp(`\\n  values = \\{[^}]*\\n    ${name} += ${variable.replace(".", "\\.")}\\n`));
      }
    }
  });
});

describe("the GitHub action", () => {
  const action = parse(fs.readFileSync(path.join(ROOT, "action.yml"), "utf8")) as { inputs: Record<string, unknown> };
  /** Inputs that are no field of a wait: which wait, a preset instead of a spec, and how the action runs. */
  const ACTION_ONLY_INPUTS = ["service", "preset", "allow-insecure-http", "version", "node-version"];
  /** A field's input: its name in kebab-case (`operationId` → `operation-id`, `vars` as is). */
  const inputOf = (field: FieldSpec) => field.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

  test("has an input for every field of every wait, the generic waiter's included, and none the waits do not declare", () => {
    const declared = new Set([...SERVICES.map((service) => PROVIDERS[service]), apiProvider].flatMap((provider) => waitFields(provider).map(inputOf)));
    const inputs = Object.keys(action.inputs);
    for (const name of declared) expect(inputs).toContain(name);
    expect(inputs.filter((name) => !declared.has(name) && !ACTION_ONLY_INPUTS.includes(name))).toEqual([]);
  });
});
