/**
 * The HCL module's inputs on the real terraform: where Terraform rewrites a
 * string to Unicode NFC before a module sees it, a sensitive input keeps the
 * precondition's messages, and a wait's result file goes with the wait. What
 * the module refuses at plan, and in which words, is the table every face
 * follows (test/faces/refusals.test.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { emulatedTerraform } from "./support/emulated-terraform";
import { describeWithTerraform, errorText, newFolder, REPO, Terraform, terraformEnvironment } from "./support/terraform";

jest.setTimeout(120_000);

const MODULE = path.join(REPO, "terraform/operation-wait");

/** Module blocks in HCL, the source relative to `dir`; `extra` is appended as is. */
function writeRoot(dir: string, modules: Record<string, Record<string, string>>, extra = ""): void {
  const source = path.relative(dir, MODULE).split(path.sep).join("/");
  const blocks = Object.entries(modules).map(([name, args]) => {
    // Values are HCL expressions (JSON strings are HCL string literals without templates here).
    const lines = Object.entries({ source: JSON.stringify(source), ...args }).map(([key, value]) => `  ${key} = ${value}`);
    return `module "${name}" {\n${lines.join("\n")}\n}\n`;
  });
  fs.writeFileSync(path.join(dir, "main.tf"), `${extra}\n${blocks.join("\n")}`);
}

describeWithTerraform("the HCL module's inputs on the real terraform", () => {
  const setup = emulatedTerraform(
    ["op_sensitive", "op_one", "op_two"].map((id) => ({ service: "bpstudio", id, timeline: [{ status: "SUCCESS", arguments: { tagMap: { id: [id] } } }] })),
  );
  const terraformIn = (dir: string) => setup.terraform(dir);

  test("Terraform rewrites every string to NFC wherever it comes from, before a module sees it: only the bytes of a file show the original", async () => {
    const decomposed = "op-e\u0301";
    const composed = decomposed.normalize("NFC");
    const dir = newFolder();
    const base64 = (name: string, value: string) => `output "${name}" {\n  value = base64encode(${value})\n}\n`;
    const config = [
      ...["cli_var", "tfvars", "tfvars_json", "environment"].map((name) => `variable "${name}" {\n  type = string\n}\n`),
      // The escape and the raw bytes in a literal; functions that build a string; a resource's output, as another resource would pass it.
      'resource "terraform_data" "source" {\n  input = "op-e\\u0301"\n}\n',
      ...["cli_var", "tfvars", "tfvars_json", "environment"].map((name) => base64(name, `var.${name}`)),
      base64("literal_escape", '"op-e\\u0301"'),
      base64("literal_bytes", `"${decomposed}"`),
      base64("jsondecode", 'jsondecode("\\"op-e\\\\u0301\\"")'),
      base64("base64decode", `base64decode("${Buffer.from(decomposed).toString("base64")}")`),
      base64("join", 'join("", ["op-e", "\\u0301"])'),
      base64("file", 'file("id.txt")'),
      base64("resource_output", "terraform_data.source.output"),
      'output "file_bytes" {\n  value = filebase64("id.txt")\n}\n',
    ].join("\n");
    fs.writeFileSync(path.join(dir, "main.tf"), config);
    fs.writeFileSync(path.join(dir, "id.txt"), decomposed);
    fs.writeFileSync(path.join(dir, "ids.tfvars"), `tfvars = "${decomposed}"\n`);
    fs.writeFileSync(path.join(dir, "ids.tfvars.json"), JSON.stringify({ tfvars_json: decomposed }).replace("\u0301", "\\u0301"));
    const tf = new Terraform(dir, { ...terraformEnvironment(setup.home()), TF_VAR_environment: decomposed });
    await tf.init();
    await tf.apply([`-var=cli_var=${decomposed}`, "-var-file=ids.tfvars", "-var-file=ids.tfvars.json"]);
    const seen = Object.fromEntries(Object.entries(await tf.outputs()).map(([name, value]) => [name, Buffer.from(String(value), "base64").toString()]));
    const { file_bytes: fileBytes, ...strings } = seen;
    expect(strings).toEqual(Object.fromEntries(Object.keys(strings).map((name) => [name, composed])));
    expect(Object.keys(strings)).toHaveLength(11);
    expect(fileBytes).toBe(decomposed);
  });

  test("a sensitive input: the preconditions' messages are still shown, no warning on any plan; the wait runs with it", async () => {
    const variable = 'variable "op" {\n  type      = string\n  sensitive = true\n  default   = "op_sensitive"\n}\n';
    const padded = 'variable "padded" {\n  type      = string\n  sensitive = true\n  default   = " op_padded_secret"\n}\n';
    const dir = newFolder();
    writeRoot(
      dir,
      {
        ok: { service: '"bpstudio"', operation_id: "var.op", timeout: '"90"' },
        foreign: { service: '"oos"', execution_id: '"exec-1"', blockchain_id: "var.op" },
        missing: { service: '"emr"', cluster_id: "var.op" },
        padded: { service: '"bpstudio"', operation_id: "var.padded" },
      },
      variable + padded,
    );
    const tf = await terraformIn(dir);
    const plan = await tf.run(["plan"]);
    expect(plan.exitCode).toBe(1);
    const text = errorText(plan.stderr);
    expect(text).toContain("blockchain_id does not apply to the oos wait: remove it from the module block.");
    expect(text).toContain("operation_id is required for the emr wait: set operation_id in the module block.");
    // Which rule a sensitive value breaks is said; the value is not.
    expect(text).toContain("operation_id must not start or end with white space.");
    expect(plan.stdout + plan.stderr).not.toContain("op_padded_secret");
    expect(text).not.toMatch(/refers to sensitive values|invalid error message/);

    writeRoot(dir, { ok: { service: '"bpstudio"', operation_id: "var.op", timeout: '"90"' } }, variable);
    const planned = await tf.plan();
    expect(planned.exitCode).toBe(2);
    expect(planned.stdout + planned.stderr).not.toMatch(/Warning/);
    await tf.apply();
    const result = tf.state().resources.find((r) => r.module === "module.ok" && r.name === "result");
    const kept = (result?.instances[0].attributes.output as { value: { status: string; outputsJson: string } }).value;
    expect(kept.status).toBe("SUCCESS");
    expect(JSON.parse(kept.outputsJson)).toMatchObject({ tagMap: { id: ["op_sensitive"] } });
    expect(setup.emulator().requests.map((request) => request.operationId)).toContain("op_sensitive");
  });

  test("a wait's result file goes with the wait: replaced by a new operation, or destroyed", async () => {
    const dir = newFolder();
    const files = () => (fs.existsSync(path.join(dir, ".opgate")) ? fs.readdirSync(path.join(dir, ".opgate")) : []);
    const waitId = (tf: Terraform) => tf.state().resources.find((r) => r.module === "module.bp" && r.name === "wait")?.instances[0].attributes.id;
    writeRoot(dir, { bp: { service: '"bpstudio"', operation_id: '"op_one"' } }, 'output "tags" {\n  value = module.bp.tag_map\n}\n');
    const tf = await terraformIn(dir);
    await tf.apply();
    const first = waitId(tf);
    expect(files()).toEqual([`${first}.tfstate`]);

    writeRoot(dir, { bp: { service: '"bpstudio"', operation_id: '"op_two"' } }, 'output "tags" {\n  value = module.bp.tag_map\n}\n');
    await tf.apply();
    const second = waitId(tf);
    expect(second).not.toBe(first);
    expect(files()).toEqual([`${second}.tfstate`]);
    expect((await tf.outputs()).tags).toEqual({ id: ["op_two"] });
    expect((await tf.plan()).exitCode).toBe(0);

    await tf.destroy();
    expect(files()).toEqual([]);
  });
});
