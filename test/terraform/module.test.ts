/**
 * The plain HCL module `terraform/operation-wait`, used by a root module with
 * a relative source (as `./node_modules/opgate/terraform/operation-wait`
 * would be), run by the real `terraform` with every provider download
 * forbidden, against the emulator.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { waitForOperation, type WaitForOperationOptions } from "../../src";
import { startEmulator, type Emulator, type ScenarioOperation } from "../../src/emulator";
import { ENV_CHANNEL, leakedCanaries, searchable } from "../security/support/canaries";
import {
  allText,
  commandLines,
  describeWithTerraform,
  errorText,
  filesNamed,
  literal,
  newFolder,
  processArgumentsVisible,
  provisionerLines,
  recordProcessArguments,
  removeFolders,
  REPO,
  requireTerraform,
  stateInstance,
  Terraform,
  terraformEnvironment,
} from "./support/terraform";

jest.setTimeout(120_000);

const MODULE = path.join(REPO, "terraform/operation-wait");
const TAGS = { cadt: ["12xxxxxxx", "34xxxxxxx"] };

const OPERATIONS: ScenarioOperation[] = [
  { service: "bpstudio", id: "op_hcl", timeline: [{ polls: 1, status: "RUNNING" }, { status: "SUCCESS", arguments: { tagMap: TAGS } }] },
  { service: "bpstudio", id: "op_next", timeline: [{ status: "SUCCESS", arguments: { tagMap: { web: ["i-2"] } } }] },
  {
    service: "emr",
    id: "op-emr",
    clusterId: "c-1",
    region: "cn-hangzhou",
    timeline: [{ polls: 1, state: "IN_PROGRESS" }, { state: "COMPLETED", stateChangeReason: { code: "Success", message: "2 nodes added" } }],
  },
  { service: "bcs", id: "bcs-op", projectId: "proj-1", timeline: [{ status: "finished" }] },
  {
    service: "oos",
    id: "exec-1",
    region: "cn-hangzhou",
    timeline: [{ resources: [{ resourceId: "i-a", status: "Success", outputs: { port: 80 } }, { resourceId: "i-b", status: "Skipped" }] }],
  },
];

/** Runs `command` (no shell) and resolves with its stdout; rejects unless it exits 0. */
function run(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${command} ${args.join(" ")} exited ${code}: ${stderr}`))));
  });
}

/** A module block's arguments, by module name. */
type Modules = Record<string, Record<string, unknown>>;

/**
 * Writes a root module into `dir`: the given module blocks (source relative to
 * `dir` unless `absolute`), every output of each, and `terraform_data.gated`
 * after all of them.
 */
function writeRoot(dir: string, modules: Modules, options: { absolute?: boolean } = {}): void {
  const source = options.absolute ? MODULE : path.relative(dir, MODULE).split(path.sep).join("/");
  const names = Object.keys(modules);
  const outputs = ["status", "raw_status", "message", "outputs", "steps", "resources", "tag_map", "result"];
  const config = {
    module: Object.fromEntries(
      names.map((name) => [name, { source, ...Object.fromEntries(Object.entries(modules[name]).map(([k, v]) => [k, typeof v === "string" ? literal(v) : v])) }]),
    ),
    output: Object.fromEntries(names.flatMap((name) => outputs.map((output) => [`${name}_${output}`, { value: `\${module.${name}.${output}}` }]))),
    resource: { terraform_data: { gated: { input: "after", depends_on: names.map((name) => `module.${name}`) } } },
  };
  fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(config, null, 2));
}

describeWithTerraform("the HCL module on the real terraform", () => {
  let emulator: Emulator;
  let home: string;
  beforeAll(async () => {
    requireTerraform();
    // Each request arrives while the CLI that sent it waits: its command line (and its shell's) is recorded then.
    emulator = await startEmulator({ port: 0, credentials: ENV_CHANNEL.accepts, log: recordProcessArguments });
    home = newFolder("home-");
  });
  beforeEach(() => emulator.loadScenario({ operations: OPERATIONS }));
  afterAll(async () => {
    await emulator?.close();
    removeFolders();
  });

  function env(credentials = true): Record<string, string> {
    return terraformEnvironment(home, { ...(credentials ? ENV_CHANNEL.env : {}), OPGATE_ENDPOINT: emulator.url, HW_PROJECT_ID: "proj-1" });
  }

  async function terraformIn(dir: string, credentials = true): Promise<Terraform> {
    const tf = new Terraform(dir, env(credentials));
    await tf.init();
    return tf;
  }

  /** The library's Result for the same operation, from a fresh copy of the scenario, without polls and elapsed time. */
  async function libraryResult(options: WaitForOperationOptions) {
    emulator.loadScenario({ operations: OPERATIONS });
    const { polls: _polls, elapsedMs: _elapsed, ...result } = await waitForOperation({ endpoint: emulator.url, env: env(), ...options });
    return result;
  }

  const FOUR: Modules = {
    bp: { service: "bpstudio", operation_id: "op_hcl" },
    emr: { service: "emr", region: "cn-hangzhou", cluster_id: "c-1", operation_id: "op-emr" },
    bcs: { service: "bcs", region: "cn-north-4", operation_id: "bcs-op" },
    oos: { service: "oos", region: "cn-hangzhou", execution_id: "exec-1" },
  };

  test("init needs no provider (and cannot download one); apply waits and gives typed outputs equal to the library's Result; plan is empty; a fresh checkout plans 0 without credentials; destroy; no canary anywhere", async () => {
    // The CLI configuration of these runs forbids every download: a configuration needing a provider cannot init.
    const needsProvider = newFolder();
    fs.writeFileSync(path.join(needsProvider, "main.tf"), 'terraform {\n  required_providers {\n    null = { source = "hashicorp/null" }\n  }\n}\n');
    const refused = await new Terraform(needsProvider, env()).run(["init"]);
    expect(refused.exitCode).toBe(1);
    expect(errorText(refused.stderr)).toMatch(/provider registry\.terraform\.io\/hashicorp\/null was not found in any of the search locations/);

    const dir = newFolder();
    writeRoot(dir, FOUR);
    const seen = commandLines.length;
    const tf = await terraformIn(dir);
    const first = await tf.plan();
    expect(first.exitCode).toBe(2);
    expect(emulator.requests).toHaveLength(0);
    const applied = await tf.apply();
    const outputs = await tf.outputs();

    expect(outputs).toMatchObject({ bp_status: "SUCCESS", emr_status: "SUCCESS", bcs_status: "SUCCESS", oos_status: "SUCCESS", emr_raw_status: "COMPLETED", bp_tag_map: TAGS, oos_tag_map: {} });
    const results = {
      bp: await libraryResult({ service: "bpstudio", operationId: "op_hcl" }),
      emr: await libraryResult({ service: "emr", region: "cn-hangzhou", clusterId: "c-1", operationId: "op-emr" }),
      bcs: await libraryResult({ service: "bcs", region: "cn-north-4", projectId: "proj-1", operationId: "bcs-op" }),
      oos: await libraryResult({ service: "oos", region: "cn-hangzhou", executionId: "exec-1" }),
    };
    for (const [name, result] of Object.entries(results)) {
      expect(outputs[`${name}_outputs`]).toEqual(result.outputs);
      expect(outputs[`${name}_steps`]).toEqual(result.steps);
      expect(outputs[`${name}_resources`]).toEqual(result.resources);
      // terraform output -json leaves null outputs out.
      expect(outputs[`${name}_message`] ?? null).toEqual(result.message);
      expect(outputs[`${name}_result`]).toEqual({ ...result, polls: expect.any(Number), elapsedMs: expect.any(Number) });
    }
    expect((outputs.bcs_steps as unknown[]).length).toBeGreaterThan(1);
    expect(outputs.emr_outputs).toMatchObject({ stateChangeReason: { code: "Success", message: "2 nodes added" }, createTime: expect.any(Number) });

    const requests = emulator.requests.length;
    expect((await tf.plan()).exitCode).toBe(0);
    expect(emulator.requests.length).toBe(requests);

    // A fresh checkout: the configuration and the state only, the operations forgotten, no credentials.
    for (const op of OPERATIONS) emulator.forget(op.id);
    const fresh = newFolder();
    writeRoot(fresh, FOUR);
    fs.copyFileSync(path.join(dir, "terraform.tfstate"), path.join(fresh, "terraform.tfstate"));
    const later = await terraformIn(fresh, false);
    expect((await later.plan()).exitCode).toBe(0);
    expect(await later.outputs()).toEqual(outputs);
    expect(emulator.requests.length).toBe(requests);
    // The kept result removed from that state, where no result file is: the plan says how to wait again.
    await later.expect(["state", "rm", "module.bp.terraform_data.result"]);
    const lost = await later.run(["plan"]);
    expect(lost.exitCode).toBe(1);
    expect(errorText(lost.stderr)).toMatch(/No Result for this wait .* wait again with terraform apply -replace=module\.<name>\.terraform_data\.wait/);

    if (processArgumentsVisible) {
      // The CLI's own command line was seen: fixed flags, IDs, the result file; never a credential (below).
      const cli = commandLines.slice(seen).filter((argv) => argv.includes("wait") && argv.some((arg) => arg.startsWith("--state-out=.opgate/")));
      expect(cli.map((argv) => argv[argv.indexOf("wait") + 1]).sort()).toEqual(["bcs", "bpstudio", "emr", "oos"]);
      // node runs the CLI shipped beside the module, by a path relative to the working directory.
      for (const argv of cli) {
        expect(argv.slice(0, 2)).toEqual(["node", expect.not.stringMatching(/^\//)]);
        expect(path.resolve(dir, argv[1])).toBe(path.join(REPO, "dist/src/cli/main.js"));
      }
      expect(cli.find((argv) => argv.includes("emr"))).toEqual(expect.arrayContaining(["--region=cn-hangzhou", "--cluster-id=c-1", "--operation-id=op-emr"]));
    }
    const everything = searchable(allText(dir), commandLines, applied.stdout, applied.stderr, emulator.requests);
    expect(allText(path.join(dir, ".opgate"))).toContain('\\"outcome\\":\\"SUCCESS\\"');
    expect(leakedCanaries(everything)).toEqual([]);

    expect((await tf.destroy()).stdout).toMatch(/Destroy complete! Resources: 9 destroyed\./);
  });

  test("a new operation ID waits again, and -replace of the wait; a new timeout or allow_partial does not; FAILURE fails the apply with the reason last, and the next apply waits again", async () => {
    const dir = newFolder();
    writeRoot(dir, { bp: { service: "bpstudio", operation_id: "op_hcl" }, emr: FOUR.emr });
    const tf = await terraformIn(dir);
    await tf.apply();
    writeRoot(dir, { bp: { service: "bpstudio", operation_id: "op_hcl", timeout: "45m" }, emr: { ...FOUR.emr, allow_partial: true } });
    expect((await tf.plan()).exitCode).toBe(0);
    // Waiting again for the same operation, as the README says: -replace the wait.
    const before = emulator.requests.length;
    await tf.apply(["-replace=module.bp.terraform_data.wait"]);
    expect(new Set(emulator.requests.slice(before).map((request) => request.operationId))).toEqual(new Set(["op_hcl"]));
    expect((await tf.plan()).exitCode).toBe(0);

    writeRoot(dir, { bp: { service: "bpstudio", operation_id: "op_next" }, emr: FOUR.emr });
    const requests = emulator.requests.length;
    await tf.apply();
    expect(emulator.requests.slice(requests).map((request) => request.operationId)).toEqual(["op_next"]);
    expect((await tf.outputs()).bp_tag_map).toEqual({ web: ["i-2"] });

    const reason = "disk quota exceeded on node core-1";
    const failing = { service: "emr" as const, id: "op-fail", clusterId: "c-1", region: "cn-hangzhou" };
    emulator.addOperation({ ...failing, timeline: [{ state: "FAILED", stateChangeReason: { code: "DiskFull", message: reason } }] });
    writeRoot(dir, { bp: { service: "bpstudio", operation_id: "op_next" }, emr: { ...FOUR.emr, operation_id: "op-fail" } });
    const failed = await tf.run(["apply", "-auto-approve"]);
    expect(failed.exitCode).toBe(1);
    expect(errorText(failed.stderr)).toMatch(/exit status 1\. Output: /);
    expect(errorText(failed.stderr).endsWith(`message: ${reason}`)).toBe(true);
    expect(provisionerLines(failed.stdout, "module.emr.terraform_data.wait").at(-1)).toBe(`message: ${reason}`);
    // The failed wait is tainted (replaced, so waited for again, by the next apply) and left no result file.
    const tainted = stateInstance(tf.state(), "module.emr.terraform_data.wait");
    expect(tainted?.status).toBe("tainted");
    expect(fs.existsSync(path.join(dir, ".opgate", `${tainted?.attributes.id}.tfstate`))).toBe(false);
    expect(stateInstance(tf.state(), "module.emr.terraform_data.result")).toBeUndefined();

    emulator.addOperation({ ...failing, timeline: [{ state: "COMPLETED" }] });
    await tf.apply();
    expect((await tf.outputs()).emr_result).toMatchObject({ operationId: "op-fail", outcome: "SUCCESS" });
  });

  test("no credentials at apply: the failed apply's last line is the reason, with no usage line", async () => {
    const dir = newFolder();
    writeRoot(dir, { bp: { service: "bpstudio", operation_id: "op_hcl" } });
    const tf = await terraformIn(dir, false);
    const failed = await tf.run(["apply", "-auto-approve"]);
    expect(failed.exitCode).toBe(1);
    const text = errorText(failed.stderr);
    expect(text).toMatch(/exit status 2\. Output: /);
    expect(text).toMatch(/no Alibaba Cloud credentials found: set ALIBABA_CLOUD_ACCESS_KEY_ID[^│]*$/);
    expect(text).not.toContain("usage:");
    expect(provisionerLines(failed.stdout, "module.bp.terraform_data.wait").at(-1)).toMatch(/^opgate: error: no Alibaba Cloud credentials found: /);
  });

  test("hostile IDs reach the API verbatim and run nothing; bad variables fail at plan naming the variable", async () => {
    const hostile = [
      "op_$(touch pwned)`touch pwned`;touch pwned && touch pwned | touch pwned",
      "op_${path.module}%{ if true }x%{ endif }$${x}",
      `op_"'\\"'$HOME$(id)>pwned`,
      "--help",
    ];
    emulator.loadScenario({ operations: hostile.map((id) => ({ service: "bpstudio", id, timeline: [{ status: "SUCCESS", arguments: { tagMap: { id: [id] } } }] })) });
    const dir = newFolder();
    writeRoot(dir, Object.fromEntries(hostile.map((id, i) => [`bp${i}`, { service: "bpstudio", operation_id: id, resource_group_id: id }])));
    const tf = await terraformIn(dir);
    await tf.apply();
    const outputs = await tf.outputs();
    hostile.forEach((id, i) => expect(outputs[`bp${i}_tag_map`]).toEqual({ id: [id] }));
    const asked = new Set(emulator.requests.map((request) => request.operationId));
    for (const id of hostile) expect(asked).toContain(id);
    if (processArgumentsVisible) {
      // The shell expanded each "$OPGATE_ARG_..." into exactly one argument of the CLI, unchanged.
      for (const id of hostile) expect(commandLines).toContainEqual(expect.arrayContaining([`--operation-id=${id}`, `--resource-group-id=${id}`]));
    }
    expect(filesNamed("pwned", [dir, home, REPO])).toEqual([]);

    const refused: [Modules[string], RegExp][] = [
      [{ service: "lambda", operation_id: "x" }, /service "lambda" is unknown: use one of bpstudio, emr, bcs, oos/],
      [{ service: "emr", cluster_id: "c-1" }, /operation_id is required for the emr wait: set operation_id/],
      [{ service: "oos", execution_id: "exec-1", cluster_id: "c-1" }, /cluster_id does not apply to the oos wait: remove it/],
      [{ service: "bpstudio", operation_id: "op\ntouch pwned" }, /operation_id must not contain control characters/],
      [{ service: "bpstudio", operation_id: "op_1", region: "cn-hangzhou;touch pwned" }, /region is not valid: a region ID is letters, digits and dashes/],
      [{ service: "bpstudio", operation_id: "op_1", timeout: "soon" }, /timeout is not a duration: use e.g. 90s, 10m, 1h30m/],
      [{ service: "bpstudio", operation_id: "op_1", timeout: "8d" }, /timeout must be at most 7d/],
      [{ service: null, operation_id: "op_1" }, /module\.w\.var\.service .* required variable may not be set to null/],
      [{ service: "bpstudio", operation_id: "op_1", endpoint: "ftp://h" }, /endpoint must start with http:\/\/ or https:\/\//],
      [{ service: "bpstudio", operation_id: "op_1", command: "opgate\ntouch pwned" }, /command must be a command line without control characters/],
    ];
    for (const [args, message] of refused) {
      const bad = newFolder();
      writeRoot(bad, { w: args });
      const plan = await (await terraformIn(bad)).run(["plan"]);
      expect(plan.exitCode).toBe(1);
      expect(errorText(plan.stderr)).toMatch(message);
    }
    expect(emulator.requests.filter((request) => request.operationId === "op_1")).toEqual([]);
    expect(filesNamed("pwned", [dir, home, REPO])).toEqual([]);
  });

  test("as npm installs it: the packed files in node_modules/opgate and the README's relative source; the CLI of that copy waits", async () => {
    const project = newFolder();
    // The files `npm pack` ships (package.json "files"), where `npm install opgate` puts them. The CLI's
    // dependencies resolve upwards, from this repository's node_modules.
    const npm = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], REPO, {
      PATH: env(false).PATH,
      HOME: home,
      TMPDIR: env(false).TMPDIR,
      npm_config_cache: path.join(home, ".npm"),
      npm_config_update_notifier: "false",
    });
    const files = (JSON.parse(npm) as { files: { path: string }[] }[])[0].files.map((file) => file.path);
    expect(files).toEqual(expect.arrayContaining(["terraform/operation-wait/main.tf", "terraform/operation-wait/empty-state.json", "dist/src/cli/main.js"]));
    const installed = path.join(project, "node_modules", "opgate");
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(installed, file)), { recursive: true });
      fs.copyFileSync(path.join(REPO, file), path.join(installed, file));
    }
    fs.writeFileSync(
      path.join(project, "main.tf"),
      ['module "deploy" {', '  source       = "./node_modules/opgate/terraform/operation-wait"', '  service      = "bpstudio"', '  operation_id = "op_hcl"', "}", 'output "tag_map" {', "  value = module.deploy.tag_map", "}", ""].join("\n"),
    );
    const tf = await terraformIn(project);
    await tf.apply();
    expect(await tf.outputs()).toEqual({ tag_map: TAGS });
    expect(fs.readdirSync(path.join(project, ".opgate"))).toHaveLength(1);
    if (processArgumentsVisible) {
      const cli = commandLines.find((argv) => argv.includes("--operation-id=op_hcl") && argv.some((arg) => arg.startsWith("node_modules/opgate/")));
      expect(path.resolve(project, cli?.[1] ?? "")).toBe(path.join(installed, "dist/src/cli/main.js"));
    }
    expect((await tf.plan()).exitCode).toBe(0);
  });

  test("an absolute source is copied without the CLI: plan fails saying what to do; with command set it waits; a command that writes no Result fails the apply", async () => {
    const dir = newFolder();
    writeRoot(dir, { bp: { service: "bpstudio", operation_id: "op_hcl" } }, { absolute: true });
    const plan = await (await terraformIn(dir)).run(["plan"]);
    expect(plan.exitCode).toBe(1);
    expect(errorText(plan.stderr)).toMatch(/opgate's CLI is not beside this module .* Use a relative source such as \.\/node_modules\/opgate\/terraform\/operation-wait, or set command/);

    // A command that exits 0 without writing the Result (not opgate, or one without --state-out) fails the apply, saying so.
    const notOpgate = newFolder();
    writeRoot(notOpgate, { bp: { service: "bpstudio", operation_id: "op_hcl", command: "true" } }, { absolute: true });
    const silent = await (await terraformIn(notOpgate)).run(["apply", "-auto-approve"]);
    expect(silent.exitCode).toBe(1);
    expect(errorText(silent.stderr)).toMatch(/No Result for this wait in \.opgate\/[-0-9a-f]+\.tfstate\. If this apply ran the wait, command did not run an opgate whose wait has --state-out/);

    const withCommand = newFolder();
    writeRoot(withCommand, { bp: { service: "bpstudio", operation_id: "op_hcl", command: `node ${path.join(REPO, "dist/src/cli/main.js")}` } }, { absolute: true });
    const tf = await terraformIn(withCommand);
    await tf.apply();
    expect((await tf.outputs()).bp_tag_map).toEqual(TAGS);
  });
});

test("the module declares every variable the contract lists, and nothing downloads a provider", () => {
  const variables = fs.readFileSync(path.join(MODULE, "variables.tf"), "utf8");
  const names = [...variables.matchAll(/^variable "(\w+)"/gm)].map((match) => match[1]);
  expect(names.sort()).toEqual(
    ["service", "operation_id", "resource_group_id", "region", "cluster_id", "project_id", "blockchain_id", "execution_id", "spec", "vars", "allow_partial", "timeout", "endpoint", "command"].sort(),
  );
  const all = ["versions.tf", "variables.tf", "main.tf", "outputs.tf"].map((file) => fs.readFileSync(path.join(MODULE, file), "utf8")).join("\n");
  expect(all).not.toMatch(/required_providers|^provider /m);
});
