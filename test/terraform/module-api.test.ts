/**
 * The plain HCL module waiting on any read API (`service = "api"`), on the
 * real terraform against the emulator playing examples/api/scenario.json:
 * the three examples (the spec by `file(...)` of the example file, a preset by
 * its path in the package), vars given by references and hostile vars reaching
 * the API verbatim, nothing of the answer but the spec's outputs and no
 * credential in state, files, output or process arguments, later plans, and
 * the refusals of one plan. Two roots apply side by side: the waits that
 * succeed, and those that fail.
 */
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { ApiWaitSpec } from "../../providers/api/spec";
import { startEmulator, type Emulator, type ScenarioOperation } from "../../src/emulator";
import { apiScenario, PRESET_SUCCESSES, PROJECT_ID, ROOT, specOf, specPath, THREE_EXAMPLES, withAnswerCanary } from "../api/support";
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
  Terraform,
  terraformEnvironment,
} from "./support/terraform";

jest.setTimeout(120_000);

const MODULE = path.join(REPO, "terraform/operation-wait");
const ANSWER_CANARY = `answer-canary-${randomUUID()}`;
const [ECS, ROS, HUAWEI_JOB] = THREE_EXAMPLES;
const HUAWEI_RESIZE = PRESET_SUCCESSES.find((example) => example.operation === "huawei-resize-server")!;

/** Values that are template, shell or JSON syntax elsewhere: each must reach the API as it is written here. */
const HOSTILE = [
  "${path.module}",
  "%{ if true }x%{ endif }$${x}",
  `say "hi" 'there'`,
  "back\\slash\\\\",
  "$(touch pwned)",
  "`touch pwned`",
  "a;touch pwned && touch pwned | touch pwned",
  "$HOME --help",
  "日本語 ☃ é 😀 \u200b x",
];
/** The hostile vars by name; the first comes from a local. */
const HOSTILE_VARS = Object.fromEntries(HOSTILE.map((value, i) => [`v${i}`, value]));

/** A read call with one parameter per hostile var, and its operation in the emulator, which answers only when each parameter is exactly the value. */
const HOSTILE_SPEC: ApiWaitSpec = {
  id: "hostile:{{v0}}",
  call: {
    cloud: "alibaba",
    product: "ecs",
    version: "2014-05-26",
    action: "DescribeInstances",
    params: { RegionId: "{{region}}", InstanceIds: ["{{v0}}"], ...Object.fromEntries(HOSTILE.slice(1).map((_, i) => [`Tag${i + 1}`, `{{v${i + 1}}}`])) },
  },
  status: "Instances.Instance[0].Status",
  success: ["Running"],
  outputs: { name: "Instances.Instance[0].InstanceName" },
};
const HOSTILE_OPERATION: ScenarioOperation = {
  service: "api",
  id: "hostile",
  call: {
    cloud: "alibaba",
    product: "ecs",
    action: "DescribeInstances",
    version: "2014-05-26",
    match: { RegionId: "cn-hangzhou", InstanceIds: [HOSTILE[0]], ...Object.fromEntries(HOSTILE.slice(1).map((value, i) => [`Tag${i + 1}`, value])) },
  },
  base: { Instances: { Instance: [{ InstanceName: "hostile-1", Status: "Running" }] }, Canary: ANSWER_CANARY },
  timeline: [{ patch: {} }],
};

/** The ECS example with one more output: the private IP addresses as a list. */
const ECS_SPEC: ApiWaitSpec = { ...specOf(ECS.source), outputs: { ...specOf(ECS.source).outputs, privateIps: "Instances.Instance[0].VpcAttributes.PrivateIpAddress.IpAddress" } };

/** A spec the plan takes (JSON text of an object) but the CLI refuses at apply, and the reason it gives. */
const BAD_SPECS: Record<string, { spec: ApiWaitSpec; reason: string }> = {
  message_on_success: {
    spec: { ...ECS_SPEC, acceptors: [{ state: "success", message: "done", matcher: { output: { path: "Instances.Instance[0].Status", expected: "Running", comparator: "stringEquals" } } }] },
    reason: "opgate: error: spec.acceptors[0].message: only a failure acceptor has a message (Smithy), and this one's state is success",
  },
  no_success: {
    spec: { call: ECS_SPEC.call, acceptors: [{ state: "retry", matcher: { output: { path: "Instances.Instance[0].Status", expected: "Pending", comparator: "stringEquals" } } }] },
    reason: "opgate: error: --spec has no way to succeed: give status and a success list, or an acceptor with state success (Smithy asks for one)",
  },
};

/** `file("<path from dir>")` as a Terraform JSON expression. */
function fileOf(dir: string, file: string): string {
  return `\${file("${path.relative(dir, file).split(path.sep).join("/")}")}`;
}

/**
 * A preset's file as a root module in `dir` names it: `${path.root}/node_modules/opgate/presets/<name>.json` for a
 * user, the path from `dir` to this package's presets here.
 */
function presetOf(dir: string, name: string): string {
  return `\${file("\${path.root}/${path.relative(dir, path.join(ROOT, "presets", `${name}.json`)).split(path.sep).join("/")}")}`;
}

/** Writes `main.tf.json` into `dir`: the module blocks (relative source), and `extra` blocks merged in. */
function writeRoot(dir: string, modules: Record<string, Record<string, unknown>>, extra: Record<string, unknown> = {}): void {
  const source = path.relative(dir, MODULE).split(path.sep).join("/");
  const config = { ...extra, module: Object.fromEntries(Object.entries(modules).map(([name, args]) => [name, { source, ...args }])) };
  fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(config, null, 2));
}

/** The error diagnostics of `stderr`, each on one line (errorText), by the resource address it names. */
function diagnostics(stderr: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const block of stderr.split(/^[│╷]?\s*Error: /m).slice(1)) {
    const address = /with (module\.\w+\.terraform_data\.wait)/.exec(block)?.[1];
    if (address) found.set(address, errorText(block));
  }
  return found;
}

describeWithTerraform("the HCL module waits on any API (service = \"api\") on the real terraform", () => {
  let emulator: Emulator;
  let home: string;
  beforeAll(async () => {
    requireTerraform();
    // Every answer carries a canary outside what the specs select; each request is logged while its CLI waits, with the command lines.
    const scenario = withAnswerCanary(ANSWER_CANARY)(apiScenario());
    emulator = await startEmulator({ port: 0, scenario: { ...scenario, operations: [...scenario.operations, HOSTILE_OPERATION] }, credentials: ENV_CHANNEL.accepts, log: recordProcessArguments });
    home = newFolder("home-");
  });
  afterAll(async () => {
    await emulator?.close();
    removeFolders();
  });

  async function terraformIn(dir: string): Promise<Terraform> {
    const tf = new Terraform(dir, terraformEnvironment(home, { ...ENV_CHANNEL.env, OPGATE_ENDPOINT: emulator.url }));
    await tf.init();
    return tf;
  }

  test("the three examples, a preset by its package path, vars by reference, sensitive and hostile: typed outputs, the API's reason last, nothing else of the answer kept, later plans", async () => {
    // The waits that succeed: the ECS example (its spec in the project's waits/, a var from another resource), a preset
    // with a sensitive var, and the hostile vars (one from a local).
    const ok = newFolder();
    fs.mkdirSync(path.join(ok, "waits"));
    const ecsFile = path.join(ok, "waits", "ecs.json");
    fs.writeFileSync(ecsFile, JSON.stringify(ECS_SPEC, null, 2));
    fs.writeFileSync(path.join(ok, "waits", "hostile.json"), JSON.stringify(HOSTILE_SPEC, null, 2));
    writeRoot(
      ok,
      {
        ecs: { service: "api", spec: fileOf(ok, ecsFile), vars: { instance_id: "${terraform_data.ids.output.ecs}" }, region: ECS.region },
        resize: { service: "api", spec: presetOf(ok, "huawei-ecs-job"), vars: { job_id: "${var.job}" }, region: HUAWEI_RESIZE.region, project_id: PROJECT_ID },
        hostile: {
          service: "api",
          spec: fileOf(ok, path.join(ok, "waits", "hostile.json")),
          vars: { ...Object.fromEntries(Object.entries(HOSTILE_VARS).map(([name, value]) => [name, literal(value)])), v0: "${local.first}" },
          region: "cn-hangzhou",
        },
      },
      {
        variable: { job: { type: "string", sensitive: true, default: HUAWEI_RESIZE.vars.job_id } },
        locals: { first: literal(HOSTILE_VARS.v0) },
        resource: { terraform_data: { ids: { input: { ecs: ECS.vars.instance_id } } } },
        output: {
          ecs_outputs: { value: "${module.ecs.outputs}" },
          first_private_ip: { value: "${module.ecs.outputs.privateIps[0]}" },
          ecs_result: { value: "${module.ecs.result}" },
          resize_outputs: { value: "${module.resize.outputs}" },
          hostile_result: { value: "${module.hostile.result}" },
        },
      },
    );
    // The waits that fail: the ROS example (its file, a var from a local), the Huawei job (the preset), and specs the CLI refuses.
    const failing = newFolder();
    for (const [name, { spec }] of Object.entries(BAD_SPECS)) fs.writeFileSync(path.join(failing, `${name}.json`), JSON.stringify(spec));
    writeRoot(
      failing,
      {
        ros: { service: "api", spec: fileOf(failing, specPath(ROS.source)), vars: { stack_id: "${local.stack}" }, region: ROS.region },
        job: { service: "api", spec: presetOf(failing, "huawei-ecs-job"), vars: HUAWEI_JOB.vars, region: HUAWEI_JOB.region, project_id: PROJECT_ID },
        ...Object.fromEntries(Object.keys(BAD_SPECS).map((name) => [name, { service: "api", spec: fileOf(failing, path.join(failing, `${name}.json`)), vars: ECS.vars }])),
      },
      { locals: { stack: ROS.vars.stack_id } },
    );
    const seen = commandLines.length;
    const [tf, tfFailing] = await Promise.all([terraformIn(ok), terraformIn(failing)]);
    const [applied, failed] = await Promise.all([tf.apply(), tfFailing.run(["apply", "-auto-approve"])]);

    const outputs = await tf.outputs();
    expect(outputs.ecs_outputs).toEqual({ ...ECS.expected.outputs, privateIps: ["192.0.2.15"] });
    expect(outputs.first_private_ip).toBe("192.0.2.15");
    expect(outputs.ecs_result).toMatchObject({ service: "api", outcome: "SUCCESS", operationId: ECS.expected.operationId, rawStatus: "Running", steps: [], resources: [] });
    expect(outputs.resize_outputs).toMatchObject(HUAWEI_RESIZE.expected.outputs);
    // Each hostile var reached the API verbatim: the emulator answers only a request whose parameters are exactly the values.
    expect(outputs.hostile_result).toMatchObject({ outcome: "SUCCESS", operationId: `hostile:${HOSTILE[0]}`, outputs: { name: "hostile-1" } });
    expect(emulator.requests.filter((request) => request.operationId === "hostile")).toHaveLength(1);
    expect(filesNamed("pwned", [ok, home, REPO])).toEqual([]);

    // A failed wait fails the apply, the API's reason (or the CLI's, for a spec it refuses) the last line.
    expect(failed.exitCode).toBe(1);
    const errors = diagnostics(failed.stderr);
    const reasons = {
      ros: `message: ${ROS.expected.message}`,
      job: `message: ${HUAWEI_JOB.expected.message}`,
      ...Object.fromEntries(Object.entries(BAD_SPECS).map(([name, { reason }]) => [name, reason])),
    };
    for (const [name, reason] of Object.entries(reasons)) {
      const address = `module.${name}.terraform_data.wait`;
      expect({ address, endsWithReason: errors.get(address)?.endsWith(reason) }).toEqual({ address, endsWithReason: true });
      expect(provisionerLines(failed.stdout, address).at(-1)).toBe(reason);
    }
    expect(errors.size).toBe(Object.keys(reasons).length);

    // Nothing of the answers but the spec's outputs in state, the result files or terraform's output; no credential anywhere.
    const everything = searchable(allText(ok), allText(failing), applied.stdout, applied.stderr, failed.stdout, failed.stderr, outputs, commandLines);
    expect(allText(path.join(ok, ".opgate"))).toContain("192.0.2.15");
    expect(everything).not.toContain(ANSWER_CANARY);
    expect(leakedCanaries(everything)).toEqual([]);
    if (processArgumentsVisible) {
      // The CLI got the spec's and the vars' JSON text, each one argument, unchanged by the shell.
      const waits = commandLines.slice(seen).filter((argv) => argv.includes("api") && argv.some((arg) => arg.startsWith("--state-out=")));
      const varsOf = (argv: string[]) => JSON.parse(argv.find((arg) => arg.startsWith("--vars-json="))!.slice("--vars-json=".length)) as unknown;
      expect(waits.map(varsOf)).toContainEqual(HOSTILE_VARS);
      expect(waits.find((argv) => argv.includes(`--spec-json=${fs.readFileSync(ecsFile, "utf8")}`))).toBeDefined();
    }

    // Later plans ask nothing: the same configuration, the spec file written anew (indented otherwise, keys in
    // another order), are no change; a new var value is a new wait.
    const requests = emulator.requests.length;
    expect((await tf.plan()).exitCode).toBe(0);
    const { outputs: ecsOutputs, ...rest } = ECS_SPEC;
    fs.writeFileSync(ecsFile, JSON.stringify({ outputs: ecsOutputs, ...rest }, null, "\t"));
    expect((await tf.plan()).exitCode).toBe(0);
    const replaced = await tf.plan(["-var=job=2c9eb2c15bd1da1b015bd1dd1ebc002b"]);
    expect(replaced.exitCode).toBe(2);
    expect(replaced.stdout).toMatch(/# module\.resize\.terraform_data\.wait must be replaced/);
    expect(replaced.stdout).toMatch(/Plan: 2 to add, 0 to change, 2 to destroy\./);
    expect(emulator.requests.length).toBe(requests);
  });

  test("one plan refuses every module block's problems with spec and vars, a sensitive value's problem shown without the value", async () => {
    const dir = newFolder();
    const spec = fileOf(dir, specPath(ECS.source));
    writeRoot(
      dir,
      {
        no_spec: { service: "api", vars: ECS.vars },
        not_json: { service: "api", spec: "{ \"call\": ", region: "cn-hangzhou" },
        list: { service: "api", spec: "[]" },
        bad_name: { service: "api", spec, vars: { "1st": "i-1" } },
        padded: { service: "api", spec, vars: { instance_id: "${var.padded}" } },
        sensitive_map: { service: "api", spec, vars: "${var.secret_vars}" },
        too_many: { service: "api", spec, vars: Object.fromEntries(Array.from({ length: 257 }, (_, i) => [`v${i}`, "x"])) },
        on_emr: { service: "emr", region: "cn-hangzhou", cluster_id: "c-1", operation_id: "op-1", spec },
        vars_on_oos: { service: "oos", region: "cn-hangzhou", execution_id: "exec-1", vars: ECS.vars },
        operation_on_api: { service: "api", spec, vars: ECS.vars, operation_id: "op-1" },
        unused_var: { service: "api", spec, vars: { ...ECS.vars, stack_id: "s-1" } },
        built_in_var: { service: "api", spec, vars: { ...ECS.vars, region: "cn-hangzhou" } },
        missing_var: { service: "api", spec, region: "cn-hangzhou" },
      },
      {
        variable: {
          padded: { type: "string", sensitive: true, default: " i-padded-secret" },
          secret_vars: { type: "map(string)", sensitive: true, default: { "secret-name": "x" } },
        },
      },
    );
    const tf = await terraformIn(dir);
    const requests = emulator.requests.length;
    const plan = await tf.run(["plan"]);
    expect(plan.exitCode).toBe(1);
    const text = errorText(plan.stderr);
    const lines = [
      "spec is required for the api wait: set spec in the module block.",
      'spec must be JSON text of an object, the API wait spec: e.g. file("waits/ecs.json").',
      "vars.1st is not a valid name: a var name is letters, digits and _, not starting with a digit.",
      "vars.instance_id must not start or end with white space.",
      "vars.secret-name is not a valid name: a var name is letters, digits and _, not starting with a digit.",
      "vars has 257 entries; the limit is 256.",
      "spec does not apply to the emr wait: remove it from the module block.",
      "vars does not apply to the oos wait: remove it from the module block.",
      "operation_id does not apply to the api wait: remove it from the module block.",
      "vars.stack_id is not used: no {{stack_id}} in the spec's id, call.path, call.params or call.query.",
      "vars.region is built in: give the region instead of a var.",
      "spec {{instance_id}} has no value: give a var named instance_id in vars.",
    ];
    for (const line of lines) expect(text).toContain(line);
    // Two blocks give a spec that is no JSON object; every other block one problem.
    expect(text.split("spec must be JSON text of an object").length - 1).toBe(2);
    expect(text.match(/Resource precondition failed/g)).toHaveLength(13);
    expect(plan.stdout + plan.stderr).not.toContain("i-padded-secret");
    expect(text).not.toMatch(/refers to sensitive values|invalid error message|Warning/);
    expect(emulator.requests.length).toBe(requests);
  });
});
