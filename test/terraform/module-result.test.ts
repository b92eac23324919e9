/**
 * How the HCL module keeps a Result, on the real terraform: large and deep
 * Results are kept as JSON text (the shape that keeps later plans linear in
 * the Result's size; bench/terraform measures them) and still read as typed
 * outputs; a Result kept by an earlier opgate, typed, still plans with no
 * change after an upgrade.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { MAX_RESULT_DEPTH } from "../../src/core/result-depth";
import type { ScenarioOperation } from "../../src/emulator";
import { emulatedTerraform } from "./support/emulated-terraform";
import { describeWithTerraform, newFolder, REPO, stateInstance, type TerraformState } from "./support/terraform";

jest.setTimeout(180_000);

const MODULE = path.join(REPO, "terraform/operation-wait");
const RESOURCES = 500;
const DEPTH = 200;

/** `Arguments` nesting `depth` objects, with a tag map at the bottom. */
function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { tagMap: { web: ["i-1", "i-2"] } };
  for (let level = 1; level < depth; level++) value = { nested: value };
  return value;
}

const OPERATIONS: ScenarioOperation[] = [
  { service: "oos", id: "exec-large", region: "cn-hangzhou", timeline: [{ count: RESOURCES, status: "Success" }] },
  { service: "bpstudio", id: "op_deep", timeline: [{ status: "SUCCESS", arguments: nested(DEPTH) }] },
  { service: "bpstudio", id: "op_tags", timeline: [{ status: "SUCCESS", arguments: { tagMap: { cadt: ["12x", "34x"], web: ["i-9"] } } }] },
];

/**
 * `value` with the JSON text a Result keeps below `MAX_RESULT_DEPTH` read
 * back, and the level at which that text was found.
 */
function restored(value: unknown, level = 1): { value: unknown; textAt?: number } {
  if (typeof value === "string" && /^[[{]/.test(value)) return { value: JSON.parse(value), textAt: level };
  if (typeof value !== "object" || value === null) return { value };
  let textAt: number | undefined;
  const entries = Object.entries(value).map(([key, item]) => {
    const inner = restored(item, level + 1);
    textAt ??= inner.textAt;
    return [key, inner.value];
  });
  return { value: Array.isArray(value) ? entries.map(([, item]) => item) : Object.fromEntries(entries), textAt };
}

/** A root module with the given module blocks (relative source) and outputs (HCL expressions by name). */
function writeRoot(dir: string, modules: Record<string, Record<string, string>>, outputs: Record<string, string>): void {
  const source = path.relative(dir, MODULE).split(path.sep).join("/");
  const config = {
    module: Object.fromEntries(Object.entries(modules).map(([name, args]) => [name, { source, ...args }])),
    output: Object.fromEntries(Object.entries(outputs).map(([name, expression]) => [name, { value: `\${${expression}}` }])),
  };
  fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(config, null, 2));
}

/** Every value of a kept result's attribute (a dynamic value in state: `{ value, type }`). */
function keptValue(state: TerraformState, address: string, attribute: "input" | "output"): { value: Record<string, unknown>; type: unknown } {
  return stateInstance(state, address)?.attributes[attribute] as { value: Record<string, unknown>; type: unknown };
}

describeWithTerraform("the HCL module's kept Result on the real terraform", () => {
  const setup = emulatedTerraform(OPERATIONS);
  const terraformIn = (dir: string) => setup.terraform(dir);

  test("a large and a deep Result are kept as JSON text, never as typed lists or objects, and read as typed outputs; the next plan and a fresh checkout's are empty", async () => {
    const dir = newFolder();
    writeRoot(
      dir,
      { oos: { service: "oos", region: "cn-hangzhou", execution_id: "exec-large" }, deep: { service: "bpstudio", operation_id: "op_deep" } },
      {
        counts: "module.oos.outputs.counts",
        first: "module.oos.resources[0].status",
        resourceIds: "module.oos.resources[*].resourceId",
        service: "module.oos.result.service",
        arguments: "module.deep.outputs.arguments",
        deepTags: "module.deep.tag_map",
      },
    );
    const tf = await terraformIn(dir);
    await tf.apply();
    const outputs = await tf.outputs();
    expect(outputs.counts).toEqual({ Success: RESOURCES });
    expect(outputs.first).toBe("Success");
    expect(outputs.resourceIds).toHaveLength(RESOURCES);
    expect(outputs.service).toBe("oos");
    // Deeper than the Result's bound, Arguments is kept as its JSON text at that level: nothing is lost.
    const deepArguments = restored(outputs.arguments, 2);
    expect(deepArguments.value).toEqual(nested(DEPTH));
    expect(deepArguments.textAt).toBe(MAX_RESULT_DEPTH + 1);
    // The tag map is BPStudio's arguments.tagMap, which this operation nests deeper: none at the top.
    expect(outputs.deepTags).toEqual({});

    // What Terraform keeps and reads: strings only, so that no plan compares typed lists element by element.
    const state = tf.state();
    for (const address of ["module.oos.terraform_data.result", "module.deep.terraform_data.result"]) {
      for (const attribute of ["input", "output"] as const) {
        const kept = keptValue(state, address, attribute);
        expect(Object.keys(kept.value).sort()).toEqual(["fieldsJson", "message", "outputsJson", "rawStatus", "resourcesJson", "status", "stepsJson"]);
        expect(Object.values(kept.value).every((value) => value === null || typeof value === "string")).toBe(true);
      }
    }
    const files = fs.readdirSync(path.join(dir, ".opgate")).map((name) => fs.readFileSync(path.join(dir, ".opgate", name), "utf8"));
    for (const text of files) expect(text.trimEnd()).not.toContain("\n");

    expect((await tf.plan()).exitCode).toBe(0);
    const fresh = newFolder();
    fs.copyFileSync(path.join(dir, "main.tf.json"), path.join(fresh, "main.tf.json"));
    fs.copyFileSync(path.join(dir, "terraform.tfstate"), path.join(fresh, "terraform.tfstate"));
    const later = await terraformIn(fresh);
    expect((await later.plan()).exitCode).toBe(0);
    expect(await later.outputs()).toEqual(outputs);
  });

  test("the outputs' types: tag_map a map of lists of strings and steps a list, as before; outputs and result objects", async () => {
    const dir = newFolder();
    writeRoot(dir, { tags: { service: "bpstudio", operation_id: "op_tags" } }, { tagMap: "module.tags.tag_map", steps: "module.tags.steps", outputs: "module.tags.outputs", result: "module.tags.result", cadt: 'module.tags.tag_map["cadt"]' });
    const tf = await terraformIn(dir);
    await tf.apply();
    const shown = JSON.parse((await tf.expect(["show", "-json"])).stdout) as { values: { outputs: Record<string, { type: unknown; value: unknown }> } };
    const outputs = shown.values.outputs;
    expect(outputs.tagMap).toEqual({ sensitive: false, type: ["map", ["list", "string"]], value: { cadt: ["12x", "34x"], web: ["i-9"] } });
    expect(outputs.cadt.type).toEqual(["list", "string"]);
    expect(outputs.steps).toEqual({ sensitive: false, type: ["list", "dynamic"], value: [] });
    expect(outputs.outputs.type).toEqual(["object", expect.objectContaining({ tagMap: expect.anything(), arguments: expect.anything() })]);
    expect(outputs.result.type).toEqual(["object", expect.objectContaining({ service: "string", operationId: "string", polls: "number", outputs: expect.anything() })]);
  });

  test("a Result kept typed by an earlier opgate plans with no change to any resource after the upgrade, every output read from it", async () => {
    const dir = newFolder();
    const outputs = { tags: "module.bp.tag_map", outputs: "module.bp.outputs", first: "module.oos.resources[0].resourceId", result: "module.oos.result", steps: "module.oos.steps" };
    writeRoot(dir, { bp: { service: "bpstudio", operation_id: "op_tags" }, oos: { service: "oos", region: "cn-hangzhou", execution_id: "exec-large" } }, outputs);
    const tf = await terraformIn(dir);
    await tf.apply();
    const expected = await tf.outputs();

    // What an earlier opgate kept: the Result's parts as typed values (Terraform types them from a literal here),
    // with outputsJson its only text.
    const state = tf.state();
    const earlier = newFolder();
    const inputs: Record<string, unknown> = {};
    for (const name of ["bp", "oos"]) {
      const kept = keptValue(state, `module.${name}.terraform_data.result`, "output").value as Record<string, string>;
      const result = { ...JSON.parse(kept.fieldsJson), outputs: JSON.parse(kept.outputsJson), steps: JSON.parse(kept.stepsJson), resources: JSON.parse(kept.resourcesJson) };
      inputs[name] = { status: kept.status, rawStatus: kept.rawStatus, message: kept.message, outputs: result.outputs, steps: result.steps, resources: result.resources, result, outputsJson: kept.outputsJson, tagMap: result.outputs.tagMap ?? {}, arguments: result.outputs.arguments ?? null };
    }
    fs.writeFileSync(path.join(earlier, "main.tf.json"), JSON.stringify({ resource: { terraform_data: Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, { input }])) } }));
    const typed = await terraformIn(earlier);
    await typed.apply();
    const earlierState = typed.state();
    for (const name of ["bp", "oos"]) {
      const instance = stateInstance(state, `module.${name}.terraform_data.result`)!;
      const value = keptValue(earlierState, `terraform_data.${name}`, "input");
      expect(Array.isArray(value.type)).toBe(true);
      instance.attributes.input = value;
      instance.attributes.output = value;
    }
    fs.writeFileSync(path.join(dir, "terraform.tfstate"), JSON.stringify({ ...state, serial: (state as unknown as { serial: number }).serial + 1 }));
    fs.rmSync(path.join(dir, ".opgate"), { recursive: true });

    // No change to any resource, and the same output values, read from the typed values (only their Terraform
    // types may differ from the new version's: tuples where this literal has them).
    const upgraded = await tf.plan();
    expect(upgraded.stdout).toContain("No changes.");
    await tf.apply();
    expect(await tf.outputs()).toEqual(expected);
    expect((await tf.plan()).exitCode).toBe(0);
  });
});
