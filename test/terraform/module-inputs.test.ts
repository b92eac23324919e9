/**
 * The HCL module's inputs on the real terraform: what the CLI would refuse at
 * apply is refused at plan naming the variable, the CLI's timeouts are taken,
 * a sensitive input keeps the preconditions' messages, and a wait's result
 * file goes with the wait.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DEFAULT_CREDENTIALS, startEmulator, type Emulator } from "../../src/emulator";
import { describeWithTerraform, errorText, newFolder, removeFolders, REPO, requireTerraform, Terraform, terraformEnvironment } from "./support/terraform";

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

/** The diagnostic of `stderr` about module `name`. */
function diagnosticOf(stderr: string, name: string): string | undefined {
  return errorText(stderr)
    .split(/(?=Error: )/)
    .find((diagnostic) => diagnostic.includes(`in module "${name}"`));
}

describeWithTerraform("the HCL module's inputs on the real terraform", () => {
  let emulator: Emulator;
  let home: string;
  beforeAll(async () => {
    requireTerraform();
    emulator = await startEmulator({ port: 0 });
    home = newFolder("home-");
  });
  beforeEach(() =>
    emulator.loadScenario({
      operations: ["op_sensitive", "op_one", "op_two"].map((id) => ({ service: "bpstudio", id, timeline: [{ status: "SUCCESS", arguments: { tagMap: { id: [id] } } }] })),
    }),
  );
  afterAll(async () => {
    await emulator?.close();
    removeFolders();
  });

  async function terraformIn(dir: string): Promise<Terraform> {
    const tf = new Terraform(
      dir,
      terraformEnvironment(home, {
        OPGATE_ENDPOINT: emulator.url,
        ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_CREDENTIALS.alibabaAccessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_CREDENTIALS.alibabaAccessKeySecret,
      }),
    );
    await tf.init();
    return tf;
  }

  test("values the CLI would refuse at apply are refused at plan, naming the variable; the CLI's own timeouts are taken", async () => {
    const refused: [string, Record<string, string>, string][] = [
      ["leading_space", { operation_id: '" op_one"' }, "operation_id must be 1 to 512 characters without control characters (newline, tab, ...) or white space at either end"],
      ["blank", { operation_id: '" "' }, "operation_id must be 1 to 512 characters"],
      ["trailing_nbsp", { operation_id: '"op_one\\u00a0"' }, "operation_id must be 1 to 512 characters"],
      ["group_space", { operation_id: '"op_one"', resource_group_id: '"rg-1 "' }, "resource_group_id must be 1 to 512 characters without control characters or white space at either end"],
      ["region_dash_end", { operation_id: '"op_one"', region: '"cn-"' }, "region must be a region ID"],
      ["region_flag", { operation_id: '"op_one"', region: '"--help"' }, "region must be a region ID"],
      ["endpoint_path", { operation_id: '"op_one"', endpoint: '"http://127.0.0.1:1/v1"' }, "endpoint must be an http:// or https:// URL without credentials, spaces, path, query or fragment"],
      ["endpoint_query", { operation_id: '"op_one"', endpoint: '"http://127.0.0.1:1?x=1"' }, "endpoint must be an http:// or https:// URL"],
      ["timeout_zero", { operation_id: '"op_one"', timeout: '"0"' }, "timeout must be a duration such as 90s, 10m or 1h30m, longer than zero and at most 7d"],
      ["timeout_over", { operation_id: '"op_one"', timeout: '"604801"' }, "timeout must be a duration"],
      ["timeout_unitless_tail", { operation_id: '"op_one"', timeout: '"1m30"' }, "timeout must be a duration"],
    ];
    const requests = emulator.requests.length;
    const bad = newFolder();
    writeRoot(bad, Object.fromEntries(refused.map(([name, args]) => [name, { service: '"bpstudio"', ...args }])));
    const plan = await (await terraformIn(bad)).run(["plan"]);
    expect(plan.exitCode).toBe(1);
    for (const [name, , message] of refused) expect(diagnosticOf(plan.stderr, name)).toContain(message);
    expect(emulator.requests.length).toBe(requests);

    // What parseDuration takes: plain seconds, decimals, any case, up to 7 days.
    const timeouts = ["90", "1.5h", "10M", "250ms", "7d", "168h"];
    const good = newFolder();
    writeRoot(good, Object.fromEntries(timeouts.map((timeout, i) => [`t${i}`, { service: '"bpstudio"', operation_id: '"op_one"', timeout: JSON.stringify(timeout) }])));
    const planned = await (await terraformIn(good)).plan();
    expect(planned.exitCode).toBe(2);
    expect(planned.stdout + planned.stderr).not.toMatch(/Error|Warning/);
  });

  test("a sensitive input: the preconditions' messages are still shown, no warning on any plan; the wait runs with it", async () => {
    const variable = 'variable "op" {\n  type      = string\n  sensitive = true\n  default   = "op_sensitive"\n}\n';
    const dir = newFolder();
    writeRoot(
      dir,
      {
        ok: { service: '"bpstudio"', operation_id: "var.op", timeout: '"90"' },
        foreign: { service: '"oos"', execution_id: '"exec-1"', blockchain_id: "var.op" },
        missing: { service: '"emr"', cluster_id: "var.op" },
      },
      variable,
    );
    const tf = await terraformIn(dir);
    const plan = await tf.run(["plan"]);
    expect(plan.exitCode).toBe(1);
    const text = errorText(plan.stderr);
    expect(text).toContain("The oos wait does not take blockchain_id: remove it from the module block.");
    expect(text).toContain("The emr wait needs operation_id: set operation_id in the module block.");
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
    expect(emulator.requests.map((request) => request.operationId)).toContain("op_sensitive");
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
