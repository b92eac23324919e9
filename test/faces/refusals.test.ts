/**
 * Every face refuses the same inputs with the same words (test/faces/refusal-table.ts):
 * the library, the built CLI, the Pulumi resources under `setMocks` and the
 * provider's check, the CDKTF constructs at synth, and the HCL module at
 * `terraform plan` on the real binary. A refused input names the field in the
 * face's own spelling and sends nothing; an accepted one runs (the library and
 * the CLI wait against the emulator and the API gets the value verbatim;
 * Terraform plans it and keeps it verbatim, but for what the table says).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { Testing, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { InputError } from "../../src/core/errors";
import type { WaitServiceName } from "../../src/core/result";
import { isPlainObject } from "../../src/core/values";
import { startEmulator, type Emulator, type ServiceScenarioOperation } from "../../src/emulator";
import { ApiWait as ApiWaitConstruct, BcsOperationWait, BpStudioOperationWait, EmrOperationWait, OosExecutionWait, type OperationWait } from "../../src/cdktf";
import { ApiWait, BcsOperation, BpStudioOperation, EmrOperation, OosExecution } from "../../src/pulumi";
import { checkInputs } from "../../src/pulumi/check";
import { waitForOperation } from "../../src/wait";
import { SERVICE_SCRIPTS, timeline } from "../../bench/lib/emulated-services";
import { cliEnv, runCli } from "../cli/support/run-cli";
import { EMULATOR_ENV, FAST } from "../integration/helpers";
import { describeWithTerraform, literal, newFolder, removeFolders, REPO, requireTerraform, Terraform, terraformEnvironment } from "../terraform/support/terraform";
import { CASES, FACES, type Exception, type Face, type FaceCase } from "./refusal-table";

jest.setTimeout(120_000);

type WaitClass = new (scope: Construct, id: string, props: any) => OperationWait;
const CONSTRUCTS: Record<WaitServiceName, WaitClass> = { bpstudio: BpStudioOperationWait, emr: EmrOperationWait, bcs: BcsOperationWait, oos: OosExecutionWait, api: ApiWaitConstruct };
type ResourceClass = new (name: string, args: any) => pulumi.CustomResource;
const RESOURCES: Record<WaitServiceName, ResourceClass> = { bpstudio: BpStudioOperation, emr: EmrOperation, bcs: BcsOperation, oos: OosExecution, api: ApiWait };

/** What a face did with a row's input: refused it, one line per problem (and how many requests went out), or took it. */
type Outcome = { refused: string[]; requests?: number } | { accepted: true; sent?: unknown };

/** The row's exception for `face`, if any. */
function exceptionOf(row: FaceCase, face: Face): Exception | undefined {
  return row.except?.[face];
}

/** The rows a face can be given. */
function rowsFor(face: Face): FaceCase[] {
  return CASES.filter((row) => !(exceptionOf(row, face) && "cannot" in exceptionOf(row, face)!));
}

/** `clusterId` → `--cluster-id` (the CLI) and `cluster_id` (the HCL module). */
const kebab = (name: string) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** How each face writes the field in front of the words. */
const SPELLING: Record<Face, (field: string) => string> = {
  library: (field) => `${field}: `,
  // A flag's own value by the flag; a part of a spec or of the vars by its JSON path, as the library does.
  cli: (field) => (/[.[]/.test(field) ? `${field}: ` : `${kebab(field)} `),
  pulumi: (field) => `${field}: `,
  "pulumi check": (field) => `${field}: `,
  cdktf: (field) => `${field}: `,
  hcl: (field) => `${snake(field)} `,
};

/** The host and port of the emulator for the faces that send nothing: a closed loopback port. */
const NOWHERE = "127.0.0.1:1";

/** `{emulator}` in the input's values replaced by `host`. */
function pointed(input: Readonly<Record<string, unknown>>, host: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).map(([key, value]) => [key, typeof value === "string" ? value.replace("{emulator}", host) : value]));
}

/** The fields of the input, without the service. */
function fieldsOf(input: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { service: _service, ...fields } = input;
  return fields;
}

/** The ID the API is asked about. */
function operationIdOf(input: Readonly<Record<string, unknown>>): unknown {
  return input.operationId ?? input.executionId;
}

/**
 * Checks what `face` did with `row`, as the table says: a refusal has a line
 * that starts with the field in the face's spelling and holds the row's words
 * and the face's fix (or a line in the face's own words), and sent nothing; an
 * acceptance took the input.
 */
function expectAsTheTableSays(face: Face, row: FaceCase, outcome: Outcome): void {
  const exception = exceptionOf(row, face);
  const context = `${face}, ${row.title}: ${JSON.stringify(outcome)}`;
  if (!row.refused || (exception && "accepts" in exception)) {
    expect({ context, accepted: "accepted" in outcome }).toEqual({ context, accepted: true });
    return;
  }
  expect({ context, refused: "refused" in outcome }).toEqual({ context, refused: true });
  const { refused: lines, requests = 0 } = outcome as { refused: string[]; requests?: number };
  const { field, words } = row.refused;
  const fix = row.fix?.[face] ?? "";
  const named = exception && "words" in exception
    ? lines.some((line) => line.includes(exception.words))
    : lines.some((line) => line.startsWith(SPELLING[face](field)) && line.includes(words) && line.includes(fix));
  expect({ context, named, requests }).toEqual({ context, named: true, requests: 0 });
}

let emulator: Emulator;
beforeAll(async () => {
  // The operation of every accepted row succeeds at the first poll (one per service and ID).
  const operations = new Map<string, ServiceScenarioOperation>();
  for (const row of CASES.filter((r) => !r.refused)) {
    const script = SERVICE_SCRIPTS.find((s: { service: string }) => s.service === String(row.input.service).toLowerCase());
    const id = operationIdOf(row.input);
    if (script && typeof id === "string") {
      const operation = script.operation(id, timeline(script, ["success"])) as ServiceScenarioOperation;
      operations.set(`${script.service} ${id}`, { ...operation, blockchainId: row.input.blockchainId });
    }
  }
  emulator = await startEmulator({ scenario: { operations: [...operations.values()] } });
});
afterAll(async () => {
  await emulator?.close();
  removeFolders();
});

const host = () => new URL(emulator.url).host;

describe("the library", () => {
  test.each(rowsFor("library").map((row) => [row.title, row] as const))("%s", async (_, row) => {
    const before = emulator.requests.length;
    const input = pointed(row.input, host());
    const options = { endpoint: input.endpoint ?? emulator.url, ...input, env: { ...EMULATOR_ENV }, tuning: FAST, signal: AbortSignal.timeout(5000) };
    const outcome: Outcome = await waitForOperation(options as never).then(
      (result) => ({ accepted: true, sent: result.outcome === "SUCCESS" && emulator.requests.slice(before).some((request) => request.operationId === operationIdOf(row.input)) }),
      (err: unknown) => {
        if (!(err instanceof InputError)) throw err;
        return { refused: [err.message], requests: emulator.requests.length - before };
      },
    );
    expectAsTheTableSays("library", row, outcome);
    // The API was asked about the ID as given (a 1 ms deadline ends before).
    if ("sent" in outcome && row.input.timeout !== "1ms") expect({ row: row.title, sent: outcome.sent }).toEqual({ row: row.title, sent: true });
  });
});

describe("the CLI", () => {
  /**
   * `opgate wait <service> --flag value ...`, or `--flag=value` for a value that starts with `-`; an API wait's spec as
   * `--spec-json JSON` and its vars as `--var NAME=VALUE` each.
   */
  function argumentsOf(input: Readonly<Record<string, unknown>>): string[] {
    const flags = Object.entries(fieldsOf(input)).flatMap(([name, value]) => {
      if (name === "vars") return Object.entries(value as Record<string, string>).flatMap(([key, item]) => ["--var", `${key}=${item}`]);
      if (isPlainObject(value)) return [`${kebab(name)}-json`, JSON.stringify(value)];
      return value === true ? [kebab(name)] : String(value).startsWith("-") ? [`${kebab(name)}=${String(value)}`] : [kebab(name), String(value)];
    });
    return ["wait", String(input.service), ...flags];
  }

  async function outcomeOf(row: FaceCase): Promise<Outcome> {
    const run = await runCli(argumentsOf(pointed(row.input, host())), cliEnv({ OPGATE_ENDPOINT: emulator.url }));
    const errorLine = run.stderr.split("\n").find((line) => line.startsWith("opgate: error: "));
    if (run.code !== 2 || !errorLine) return { accepted: true };
    expect(run.stdout).toBe("");
    return { refused: [errorLine.slice("opgate: error: ".length)] };
  }

  /** Runs the rows four at a time (each run is a node process), and checks each outcome against the table. */
  async function expectRows(rows: FaceCase[]): Promise<void> {
    for (let start = 0; start < rows.length; start += 4) {
      const batch = rows.slice(start, start + 4);
      const before = emulator.requests.length;
      const outcomes = await Promise.all(batch.map(outcomeOf));
      // A batch of refusals sends nothing at all.
      const requests = batch.every((row) => row.refused) ? emulator.requests.length - before : 0;
      batch.forEach((row, i) => expectAsTheTableSays("cli", row, { ...outcomes[i], requests } as Outcome));
    }
  }

  test("the rows it refuses", () => expectRows(rowsFor("cli").filter((row) => row.refused)));
  test("the rows every face takes", () => expectRows(rowsFor("cli").filter((row) => !row.refused)));
});

describe("Pulumi", () => {
  beforeAll(() =>
    pulumi.runtime.setMocks({ newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }), call: (args) => args.inputs }, "opgate-table", "test", false),
  );

  test.each(rowsFor("pulumi").map((row) => [row.title, row] as const))("constructing a resource: %s", (_, row) => {
    let outcome: Outcome;
    try {
      new RESOURCES[row.input.service as WaitServiceName](`w${CASES.indexOf(row)}`, fieldsOf(pointed(row.input, NOWHERE)));
      outcome = { accepted: true };
    } catch (err) {
      if (!pulumi.ResourceError.isInstance(err)) throw err;
      outcome = { refused: (err as Error).message.split("\n").map((line) => line.trim()) };
    }
    expectAsTheTableSays("pulumi", row, outcome);
  });

  test.each(rowsFor("pulumi check").map((row) => [row.title, row] as const))("the provider's check: %s", (_, row) => {
    const failures = checkInputs(pointed(row.input, NOWHERE), () => ({}));
    const outcome: Outcome = failures.length === 0 ? { accepted: true } : { refused: failures.map((f) => `${f.property}: ${f.reason}`) };
    expectAsTheTableSays("pulumi check", row, outcome);
  });
});

describe("the CDKTF constructs at synth", () => {
  test.each(rowsFor("cdktf").map((row) => [row.title, row] as const))("%s", (_, row) => {
    const stack = new TerraformStack(Testing.app({ outdir: newFolder("cdktf-") }), "table");
    let outcome: Outcome;
    try {
      new CONSTRUCTS[row.input.service as WaitServiceName](stack, "w", fieldsOf(pointed(row.input, NOWHERE)));
      Testing.synth(stack);
      outcome = { accepted: true };
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      expect(err.message).toMatch(/ \(in table\/w\)$/);
      outcome = { refused: [err.message] };
    }
    expectAsTheTableSays("cdktf", row, outcome);
  });
});

describeWithTerraform("the HCL module at plan, on the real terraform", () => {
  const MODULE = path.join(REPO, "terraform/operation-wait");
  let home: string;
  beforeAll(() => {
    requireTerraform();
    home = newFolder("home-");
  });

  /** A field's value as a module argument (strings as Terraform JSON literals): a spec as its JSON text, the vars as a map of strings. */
  const argument = (name: string, value: unknown): unknown => {
    if (name === "spec") return literal(JSON.stringify(value));
    if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, literal(String(item))]));
    return typeof value === "string" ? literal(value) : value;
  };

  /** A root module of one module block per row (`c<row index>`), in Terraform JSON. */
  async function planOf(rows: FaceCase[], args: string[]): Promise<{ tf: Terraform; exitCode: number; stdout: string }> {
    const dir = newFolder();
    const source = path.relative(dir, MODULE).split(path.sep).join("/");
    const modules = Object.fromEntries(
      rows.map((row) => {
        const input = pointed(row.input, NOWHERE);
        return [`c${CASES.indexOf(row)}`, { source, ...Object.fromEntries(Object.entries(input).map(([name, value]) => [snake(name), argument(name, value)])) }];
      }),
    );
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify({ module: modules }, null, 2));
    const tf = new Terraform(dir, terraformEnvironment(home));
    await tf.init();
    const plan = await tf.run(["plan", "-json", ...args]);
    return { tf, exitCode: plan.exitCode, stdout: plan.stdout };
  }

  /** The details of the plan's error diagnostics. */
  function errorsOf(stdout: string): string[] {
    return stdout
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { type: string; diagnostic?: { severity: string; detail: string } })
      .filter((message) => message.type === "diagnostic" && message.diagnostic?.severity === "error")
      .map((message) => message.diagnostic!.detail);
  }

  test("refused rows: one plan reports every module block's problems, in the table's words", async () => {
    // A precondition's message does not say which module block it is about: within one plan, no two rows may
    // expect the same line, so the rows are spread over as many plans as needed.
    const plans: FaceCase[][] = [];
    for (const row of rowsFor("hcl").filter((r) => r.refused && !("accepts" in (exceptionOf(r, "hcl") ?? {})))) {
      const line = `${snake(row.refused!.field)} ${row.refused!.words}`;
      const plan = plans.find((rows) => !rows.some((r) => `${snake(r.refused!.field)} ${r.refused!.words}` === line));
      if (plan) plan.push(row);
      else plans.push([row]);
    }
    for (const [rows, { exitCode, stdout }] of await Promise.all(plans.map(async (rows) => [rows, await planOf(rows, [])] as const))) {
      expect(exitCode).toBe(1);
      const errors = errorsOf(stdout);
      for (const row of rows) {
        const lines = errors.flatMap((detail) => detail.split("\n"));
        const exception = exceptionOf(row, "hcl");
        const found = lines.filter((line) =>
          exception && "words" in exception ? line.includes(exception.words) : line.startsWith(SPELLING.hcl(row.refused!.field)) && line.includes(row.refused!.words),
        );
        expectAsTheTableSays("hcl", row, found.length === 1 ? { refused: found } : { accepted: true });
      }
      expect(errors).toHaveLength(rows.length);
    }
  });

  test("accepted rows: planned, each value kept as given (Terraform's NFC aside)", async () => {
    const rows = rowsFor("hcl").filter((row) => !row.refused || "accepts" in (exceptionOf(row, "hcl") ?? {}));
    const { tf, exitCode, stdout } = await planOf(rows, ["-out=table.tfplan"]);
    expect({ exitCode, errors: errorsOf(stdout) }).toEqual({ exitCode: 0, errors: [] });
    const shown = JSON.parse((await tf.expect(["show", "-json", "table.tfplan"])).stdout) as {
      resource_changes: { address: string; change: { after: { triggers_replace?: Record<string, unknown> } } }[];
    };
    for (const row of rows) {
      expectAsTheTableSays("hcl", row, { accepted: true });
      const wait = shown.resource_changes.find((change) => change.address === `module.c${CASES.indexOf(row)}.terraform_data.wait`);
      const triggers = wait?.change.after.triggers_replace;
      if (row.input.service === "api") {
        // An API wait's spec is kept as its JSON text.
        expect({ row: row.title, kept: JSON.parse(String(triggers?.spec)) }).toEqual({ row: row.title, kept: row.input.spec });
        continue;
      }
      const id = String(operationIdOf(row.input));
      const kept = triggers?.[row.input.operationId === undefined ? "execution_id" : "operation_id"];
      // What Terraform does to a string before the module sees it: NFC.
      expect({ row: row.title, kept }).toEqual({ row: row.title, kept: id.normalize("NFC") });
    }
  });
});

test("the table covers every face, and every exception says why", () => {
  for (const face of FACES) expect(rowsFor(face).length).toBeGreaterThan(CASES.length / 2);
  for (const row of CASES) {
    for (const exception of Object.values(row.except ?? {})) expect(Object.values(exception!)[0]).toMatch(/\w{3,}/);
  }
});
