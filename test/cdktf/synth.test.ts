/**
 * Synth tests: the Terraform JSON the four wait constructs produce, read with
 * CDKTF's matchers and as plain JSON.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, DataResource, Fn, Testing, TerraformOutput, TerraformProvider, TerraformStack, TerraformVariable } from "cdktf";
import { setupJest } from "cdktf/lib/testing/adapters/jest";
import { NullProvider } from "@cdktf/provider-null/lib/provider";
import type { Construct } from "constructs";
import { PROVIDERS } from "../../providers";
import { allFields, waitFields } from "../../providers/params";
import { BcsOperationWait, BpStudioOperationWait, EmrOperationWait, OosExecutionWait, type OperationWait } from "../../src/cdktf";
import { environmentName } from "../../src/cdktf/wait-command";
import { InputError } from "../../src/core/errors";
import { SERVICES, type ServiceName } from "../../src/core/result";
import { newProject, cleanUp, REPO, stackDirectory, synthesize, synthesizedText, STACK } from "./helpers";
import { localExec, waitBlocks, type Json } from "./synthesized";

setupJest();

type WaitClass = new (scope: Construct, id: string, props: any) => OperationWait;
const CONSTRUCTS: Record<ServiceName, WaitClass> = {
  bpstudio: BpStudioOperationWait,
  emr: EmrOperationWait,
  bcs: BcsOperationWait,
  oos: OosExecutionWait,
};
const ENDPOINT = "https://endpoint.example.com";

/** Every field of the service set: strings to `<name>-value`, booleans to true; plus endpoint and timeout. */
function fullProps(service: ServiceName): Record<string, unknown> {
  const props: Record<string, unknown> = { endpoint: ENDPOINT, timeout: "10m" };
  for (const field of allFields(PROVIDERS[service])) props[field.name] = field.kind === "boolean" ? true : `${field.name}-value`;
  return props;
}

/** The required fields only (those without an environment fallback or default). */
function minimalProps(service: ServiceName): Record<string, unknown> {
  const fields = allFields(PROVIDERS[service]).filter((field) => field.required && !field.env?.length && field.default === undefined);
  return Object.fromEntries(fields.map((field) => [field.name, `${field.name}-value`]));
}

/** A stack of an app whose outdir is a project folder removed after the tests (Testing.app() alone leaves one in the temp dir). */
function testStack(): TerraformStack {
  return new TerraformStack(Testing.app({ outdir: newProject() }), STACK);
}

function synthStack(define: (stack: TerraformStack) => void): Json {
  const stack = testStack();
  define(stack);
  return JSON.parse(Testing.synth(stack)) as Json;
}

afterAll(cleanUp);

describe.each(SERVICES)("%s wait", (service) => {
  const provider = PROVIDERS[service];
  const fields = allFields(provider);

  test("synthesizes the wait (with the removal of its result file), the read of that file and the kept result", () => {
    const stack = testStack();
    new CONSTRUCTS[service](stack, "w", fullProps(service));
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(DataResource, { lifecycle: { ignore_changes: ["input"] } });

    const blocks = waitBlocks(JSON.parse(synthesized) as Json, "w");
    const identifying = Object.fromEntries(fields.filter((f) => f.identifying).map((f) => [f.name, `${f.name}-value`]));
    expect(blocks.wait.triggers_replace).toEqual({ service, ...identifying, endpoint: ENDPOINT });
    const file = `.opgate/\${${blocks.waitAddress}.id}.tfstate`;
    expect(blocks.read).toEqual({
      backend: "local",
      config: { path: expect.stringMatching(new RegExp(`^\\$\\{fileexists\\("${escapeRegExp(file)}"\\) \\? "${escapeRegExp(file)}" : "[./]+/terraform/operation-wait/empty-state\\.json"\\}$`)) },
      depends_on: [blocks.waitAddress],
    });
    expect(blocks.result).toEqual({
      input: `\${${blocks.readAddress}.outputs}`,
      triggers_replace: { wait: `\${${blocks.waitAddress}.id}` },
      lifecycle: { ignore_changes: ["input"] },
    });
    // The result file goes with the wait (destroy, or a replacement by a new operation), as in the HCL module.
    expect(blocks.wait.provisioner).toHaveLength(2);
    expect(blocks.wait.provisioner[1]).toEqual({
      "local-exec": { when: "destroy", command: 'rm -f -- "$OPGATE_STATE_OUT" || true', environment: { OPGATE_STATE_OUT: ".opgate/${self.id}.tfstate" } },
    });
  });

  test("passes every value through the provisioner's environment, never through the command", () => {
    const blocks = waitBlocks(synthStack((stack) => new CONSTRUCTS[service](stack, "w", fullProps(service))), "w");
    const { command, environment, interpreter } = localExec(blocks);
    expect(interpreter).toBeUndefined(); // Terraform's default, /bin/sh -c
    expect(command).toMatch(new RegExp(`^(set --.*; )?exec node "\\$OPGATE_CLI" wait ${service} `));
    expect(command).toContain('--state-out="$OPGATE_STATE_OUT"');
    expect(environment.OPGATE_STATE_OUT).toBe(".opgate/${self.id}.tfstate");
    expect(command).not.toContain("${");
    for (const field of waitFields(provider)) {
      const value = fullProps(service)[field.name];
      const variable = environmentName(field);
      expect(environment[variable]).toBe(String(value));
      expect(command).toContain(field.kind === "boolean" ? `if [ "$${variable}" = true ]; then set -- "$@" ${field.flag}; fi` : `${field.flag}="$${variable}"`);
      if (typeof value === "string") expect(command).not.toContain(value);
    }
    expect(Object.keys(environment).sort()).toEqual(["OPGATE_CLI", "OPGATE_STATE_OUT", ...waitFields(provider).map(environmentName)].sort());
    expect(environment.OPGATE_ARG_TIMEOUT).toBe("10m");
  });

  test("leaves out what is not given: no flag, no variable, no trigger (the apply-time environment decides)", () => {
    const blocks = waitBlocks(synthStack((stack) => new CONSTRUCTS[service](stack, "w", minimalProps(service))), "w");
    const { command, environment } = localExec(blocks);
    const given = Object.keys(minimalProps(service));
    expect(blocks.wait.triggers_replace).toEqual({ service, ...minimalProps(service) });
    expect(Object.keys(environment).sort()).toEqual(["OPGATE_CLI", "OPGATE_STATE_OUT", ...waitFields(provider).filter((f) => given.includes(f.name)).map(environmentName)].sort());
    for (const field of fields.filter((f) => !given.includes(f.name))) expect(command).not.toContain(field.flag);
    expect(command).not.toMatch(/--timeout|--endpoint/);
  });
});

describe("attributes", () => {
  test("refer to the kept result, decoding its JSON text where they are used: usable in outputs and other resources without jsondecode", () => {
    const json = synthStack((stack) => {
      const bp = new BpStudioOperationWait(stack, "bp", { operationId: "op_1" });
      const bcs = new BcsOperationWait(stack, "bcs", { region: "cn-north-4", projectId: "p", operationId: "b" });
      const attributes = { status: bp.status, rawStatus: bp.rawStatus, message: bp.message, outputs: bp.outputs, steps: bp.steps, resources: bp.resources, result: bp.result, outputsJson: bp.outputsJson, tagMap: bp.tagMap, arguments: bp.arguments };
      for (const [name, value] of Object.entries(attributes)) new TerraformOutput(stack, name, { value });
      new TerraformOutput(stack, "firstStep", { value: Fn.element(bcs.steps, 0) });
      new TerraformOutput(stack, "chain", { value: Fn.lookup(bcs.outputs, "blockchainName", "") });
      new DataResource(stack, "uses", { input: { tags: bp.tagMap, status: bp.status, steps: bcs.steps } });
    });
    const kept = `${waitBlocks(json, "bp").resultAddress}.output`;
    const bcsKept = `${waitBlocks(json, "bcs").resultAddress}.output`;
    const value = (name: string): string => json.output[name].value;
    // The status strings are kept typed; everything else is decoded from the kept text.
    for (const name of ["status", "rawStatus", "message", "outputsJson"]) expect(value(name)).toBe(`\${${kept}.${name}}`);
    expect(value("outputs")).toBe(`\${jsondecode(${kept}.outputsJson)}`);
    const steps = `try(tolist(jsondecode(${kept}.stepsJson)), jsondecode(${kept}.stepsJson), ${kept}.steps)`;
    const resources = `try(jsondecode(${kept}.resourcesJson), ${kept}.resources)`;
    expect(value("steps")).toBe(`\${${steps}}`);
    expect(value("resources")).toBe(`\${${resources}}`);
    expect(value("result")).toBe(
      `\${try(merge(jsondecode(${kept}.fieldsJson), {"outputs" = jsondecode(${kept}.outputsJson), "steps" = ${steps}, "resources" = ${resources}}), ${kept}.result)}`,
    );
    expect(value("arguments")).toBe(`\${jsondecode(${kept}.outputsJson).arguments}`);
    expect(value("tagMap")).toBe(`\${try(tomap({ for key, val in jsondecode(${kept}.outputsJson).tagMap: key => tolist(val) }), {})}`);
    expect(value("firstStep")).toBe(`\${element(try(tolist(jsondecode(${bcsKept}.stepsJson)), jsondecode(${bcsKept}.stepsJson), ${bcsKept}.steps), 0)}`);
    expect(value("chain")).toBe(`\${jsondecode(${bcsKept}.outputsJson).blockchainName}`);
    expect(json.resource.terraform_data.uses.input).toEqual({ tags: value("tagMap"), status: value("status"), steps: value("firstStep").replace(/^\$\{element\((.*), 0\)\}$/, "${$1}") });
  });

  test("depending on the construct depends on the kept result; dependsOn orders the wait itself", () => {
    const json = synthStack((stack) => {
      const before = new DataResource(stack, "before", {});
      const wait = new OosExecutionWait(stack, "oos", { region: "cn-hangzhou", executionId: "exec-1", dependsOn: [before] });
      new DataResource(stack, "after", { dependsOn: [wait] });
    });
    const blocks = waitBlocks(json, "oos");
    expect(json.resource.terraform_data.after.depends_on).toEqual([blocks.resultAddress]);
    expect(blocks.wait.depends_on).toEqual(["terraform_data.before"]);
  });
});

describe("values", () => {
  test("escape Terraform template syntax in literals so that they arrive verbatim", () => {
    const id = "op_${path.module}%{ if true }x%{ endif }$${already}";
    const escaped = "op_$${path.module}%%{ if true }x%%{ endif }$$${already}";
    const blocks = waitBlocks(synthStack((stack) => new BpStudioOperationWait(stack, "bp", { operationId: id })), "bp");
    expect(localExec(blocks).environment.OPGATE_ARG_OPERATION_ID).toBe(escaped);
    expect(blocks.wait.triggers_replace.operationId).toBe(escaped);
  });

  test("pass references (tokens) through unvalidated, booleans included", () => {
    const json = synthStack((stack) => {
      const op = new TerraformVariable(stack, "op", { type: "string" });
      const partial = new TerraformVariable(stack, "partial", { type: "bool" });
      new EmrOperationWait(stack, "emr", { region: "cn-hangzhou", clusterId: `c-${op.stringValue}`, operationId: op.stringValue, allowPartial: partial.booleanValue });
    });
    const blocks = waitBlocks(json, "emr");
    const { command, environment } = localExec(blocks);
    expect(environment).toMatchObject({ OPGATE_ARG_OPERATION_ID: "${var.op}", OPGATE_ARG_CLUSTER_ID: "c-${var.op}", OPGATE_ARG_ALLOW_PARTIAL: "${var.partial}" });
    expect(blocks.wait.triggers_replace).toMatchObject({ operationId: "${var.op}", clusterId: "c-${var.op}" });
    expect(command).toContain('if [ "$OPGATE_ARG_ALLOW_PARTIAL" = true ]; then set -- "$@" --allow-partial; fi');
  });

  test("refuse a reference mixed with literal template syntax", () => {
    const stack = testStack();
    const op = new TerraformVariable(stack, "op", { type: "string" });
    expect(() => new BpStudioOperationWait(stack, "bp", { operationId: `\${path.module}-${op.stringValue}` })).toThrow(
      expect.objectContaining({ field: "operationId", message: expect.stringContaining("mixes a reference") }),
    );
  });

  test.each<[string, Record<string, unknown>, string, RegExp]>([
    ["a missing required ID", { region: "cn-hangzhou", clusterId: "c-1" }, "operationId", /is required/],
    ["an empty ID", { region: "cn-hangzhou", clusterId: "c-1", operationId: "" }, "operationId", /must not be empty/],
    ["a newline in an ID", { region: "cn-hangzhou", clusterId: "c-1\nrm -rf /", operationId: "op-1" }, "clusterId", /control characters/],
    ["white space around the region", { region: " cn-hangzhou", clusterId: "c-1", operationId: "op-1" }, "region", /white space/],
    ["an ID of 513 characters", { region: "cn-hangzhou", clusterId: "c".repeat(513), operationId: "op-1" }, "clusterId", /is longer than 512 characters \(Unicode code points\)/],
    ["a timeout that is no duration", { region: "r", clusterId: "c", operationId: "o", timeout: "soon" }, "timeout", /not a duration/],
    ["a zero timeout", { region: "r", clusterId: "c", operationId: "o", timeout: "0s" }, "timeout", /must be at least 1ms/],
    ["a timeout beyond 7 days", { region: "r", clusterId: "c", operationId: "o", timeout: "8d" }, "timeout", /at most 7d/],
    ["an ftp endpoint", { region: "r", clusterId: "c", operationId: "o", endpoint: "ftp://h" }, "endpoint", /http/],
    ["an endpoint holding a password", { region: "r", clusterId: "c", operationId: "o", endpoint: "https://u:secret-pw@h" }, "endpoint", /credentials/],
    ["allowPartial that is no boolean", { region: "r", clusterId: "c", operationId: "o", allowPartial: "yes" }, "allowPartial", /true or false/],
    ["a misspelt prop", { region: "r", clusterId: "c", operationID: "o" }, "operationID", /does not apply to the emr wait: did you mean operationId\?/],
  ])("refuse %s at synth, naming the prop and the construct", (_name, props, field, reason) => {
    const stack = testStack();
    let error: unknown;
    try {
      new EmrOperationWait(stack, "scale-out", props as never);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe(field);
    expect((error as InputError).message).toMatch(reason);
    expect((error as InputError).message).toContain(`${STACK}/scale-out`);
    expect((error as InputError).message).not.toContain("secret-pw");
  });
});

describe("providers", () => {
  test("none: only Terraform's built-ins, no provider block, no required_providers entry", () => {
    const json = synthStack((stack) => new OosExecutionWait(stack, "oos", { region: "cn-hangzhou", executionId: "exec-1" }));
    expect(json.provider).toBeUndefined();
    expect(json.terraform?.required_providers).toBeUndefined();
    expect(Object.keys(json.resource)).toEqual(["terraform_data"]);
    expect(Object.keys(json.data)).toEqual(["terraform_remote_state"]);
  });

  test("leave the user's own provider blocks and version constraints alone", () => {
    class UserExternalProvider extends TerraformProvider {
      constructor(scope: Construct) {
        super(scope, "external", {
          terraformResourceType: "external",
          terraformGeneratorMetadata: { providerName: "external", providerVersionConstraint: "~> 2.3" },
          terraformProviderSource: "hashicorp/external",
        });
      }
    }
    const json = synthStack((stack) => {
      new NullProvider(stack, "null");
      new UserExternalProvider(stack);
      new BpStudioOperationWait(stack, "bp", { operationId: "op_1" });
      new BcsOperationWait(stack, "bcs", { region: "cn-north-4", projectId: "p", operationId: "b" });
    });
    expect(Object.keys(json.provider).sort()).toEqual(["external", "null"]);
    expect(json.provider.external).toEqual([{}]);
    expect(json.terraform.required_providers.external).toEqual({ source: "hashicorp/external", version: "~> 2.3" });
    expect(Object.keys(json.terraform.required_providers).sort()).toEqual(["external", "null"]);
    expect(json.terraform.required_providers.null).toBeDefined();
  });
});

describe("the synthesized files", () => {
  const CANARIES: Record<string, string> = {
    ALIBABA_CLOUD_ACCESS_KEY_ID: "CANARY-AK-ID-7f3a",
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: "CANARY-AK-SECRET-7f3a",
    ALIBABA_CLOUD_SECURITY_TOKEN: "CANARY-STS-TOKEN-7f3a",
    ALICLOUD_ACCESS_KEY: "CANARY-ALICLOUD-AK-7f3a",
    ALICLOUD_SECRET_KEY: "CANARY-ALICLOUD-SK-7f3a",
    ALICLOUD_SECURITY_TOKEN: "CANARY-ALICLOUD-TOKEN-7f3a",
    HW_ACCESS_KEY: "CANARY-HW-AK-7f3a",
    HW_SECRET_KEY: "CANARY-HW-SK-7f3a",
    HW_SECURITY_TOKEN: "CANARY-HW-TOKEN-7f3a",
    HW_AUTH_TOKEN: "CANARY-HW-AUTH-7f3a",
    ALIBABA_CLOUD_REGION_ID: "canary-region-7f3a",
    HW_PROJECT_ID: "canary-project-7f3a",
    OPGATE_ENDPOINT: "https://canary-endpoint-7f3a.example.com",
  };

  function synthesizeAll(project: string): void {
    synthesize(project, (stack) => {
      new BpStudioOperationWait(stack, "bp", { operationId: "op_1" });
      new EmrOperationWait(stack, "emr", { clusterId: "c-1", operationId: "op-1" });
      new BcsOperationWait(stack, "bcs", { operationId: "b-1" });
      new OosExecutionWait(stack, "oos", { executionId: "exec-1" });
    });
  }

  test("hold no credential (nor any other value) of the synthesizing machine's environment", () => {
    const saved = { ...process.env };
    Object.assign(process.env, CANARIES);
    const project = newProject();
    try {
      synthesizeAll(project);
    } finally {
      for (const name of Object.keys(CANARIES)) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    }
    const text = fs.readdirSync(stackDirectory(project)).map((file) => fs.readFileSync(path.join(stackDirectory(project), file), "utf8")).join("\n");
    for (const canary of Object.values(CANARIES)) expect(text).not.toContain(canary);
    expect(text).not.toContain("7f3a");
  });

  test("hold no absolute path and find the CLI and the empty state by paths relative to the stack directory", () => {
    const project = newProject();
    synthesizeAll(project);
    const text = synthesizedText(project);
    for (const absolute of [REPO, project, os.homedir(), os.tmpdir(), process.cwd()]) expect(text).not.toContain(absolute);
    const blocks = waitBlocks(JSON.parse(text) as Json, "emr");
    const cli = localExec(blocks).environment.OPGATE_CLI;
    expect(path.isAbsolute(cli)).toBe(false);
    expect(path.resolve(stackDirectory(project), cli)).toBe(path.join(REPO, "dist/src/cli/main.js"));
    expect(fs.existsSync(path.resolve(stackDirectory(project), cli))).toBe(true);
    const empty = /: "([^"]+)"\}$/.exec(blocks.read.config.path)![1];
    expect(path.isAbsolute(empty)).toBe(false);
    expect(path.resolve(stackDirectory(project), empty)).toBe(path.join(REPO, "terraform/operation-wait/empty-state.json"));
  });

  test("with CDKTF's default local backend, only the backend's own state path is absolute", () => {
    const project = newProject();
    const app = new App({ outdir: path.join(project, "cdktf.out") });
    new EmrOperationWait(new TerraformStack(app, STACK), "emr", { clusterId: "c-1", operationId: "op-1" });
    app.synth();
    const json = JSON.parse(synthesizedText(project)) as Json;
    expect(path.isAbsolute(json.terraform.backend.local.path)).toBe(true);
    delete json.terraform.backend;
    expect(JSON.stringify(json)).not.toContain(REPO);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
