/**
 * A Terraform-semantics executor for the synthesized JSON of a CDKTF stack
 * (`cdktf.out/stacks/<stack>/cdk.tf.json`), for the resources opgate's waits
 * use: `terraform_data`, `null_resource` and `data "external"`, plus outputs.
 * It does what `terraform plan` / `terraform apply` do with them:
 * - dependency order from references and `depends_on`, independent nodes
 *   concurrently;
 * - managed resources: create, replace (tainted, or a change of
 *   `triggers_replace` / `triggers`), update, no-op; `lifecycle.ignore_changes`
 *   keeps the prior value on update but not on replacement (Terraform plans a
 *   replacement from the un-ignored configuration);
 * - create-time `local-exec` provisioners: `interpreter` (default
 *   `/bin/sh -c`) + `command` as one argument, `environment` merged over
 *   Terraform's own environment, `working_dir` resolved against the stack
 *   directory (Terraform's cwd), stdin from /dev/null (Go's nil Stdin); a
 *   non-zero exit fails the apply and taints the resource;
 * - `external`: the program run directly (no shell) from `working_dir`
 *   (default the stack directory) with the query's JSON on stdin; a non-zero
 *   exit or an answer that is not a flat object of strings fails. It is read
 *   during plan, or deferred to apply when its configuration is unknown or a
 *   dependency has planned changes;
 * - variables: `TF_VAR_<name>` of Terraform's environment, else the default;
 * - state carried between runs in the local backend's file (`path` relative
 *   to the stack directory).
 */
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { execute, type Execution } from "./processes";
import { evaluateValue, hasUnknown, TemplateError, UNKNOWN } from "./template";
import {
  argumentsOf,
  ignored,
  MANAGED_ARGUMENTS,
  nullArguments,
  order,
  outputName,
  provisioners,
  readNodes,
  readVariables,
  walkGraph,
  type Node,
} from "./terraform-config";

export type { Execution } from "./processes";

/** What a plan decided for one resource or data source. */
export type Action = "create" | "replace" | "update" | "no-op" | "read" | "defer";

/** One resource as the state keeps it. */
export interface ResourceState {
  attributes: Record<string, unknown>;
  tainted: boolean;
}

/** The state file's content. */
export interface State {
  resources: Record<string, ResourceState>;
  outputs: Record<string, unknown>;
}

/** What a plan or an apply did. */
export interface RunReport {
  actions: Record<string, Action>;
  /** Output values; UNKNOWN where only apply knows them. */
  outputs: Record<string, unknown>;
  executions: Execution[];
  /** Resources and data sources in the order their change or read finished. */
  completed: string[];
}

/** An apply that failed; the state written so far (with the tainted resource) is saved. */
export class ApplyError extends Error {
  constructor(
    message: string,
    readonly report: RunReport,
  ) {
    super(message);
  }
}

/** Runs `terraform plan` and `terraform apply` on one stack directory. */
export class TerraformExecutor {
  private readonly nodes: Node[];
  private readonly variables: Record<string, unknown>;
  private readonly statePath: string;

  /** `env` is Terraform's own process environment (what provisioners and programs inherit). */
  constructor(
    readonly stackDir: string,
    private readonly env: Record<string, string>,
  ) {
    const config = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")) as Record<string, unknown>;
    this.nodes = order(readNodes(config));
    this.variables = readVariables(config, env);
    const backend = (config.terraform as { backend?: { local?: { path?: string } } } | undefined)?.backend?.local?.path;
    this.statePath = path.resolve(stackDir, backend ?? "terraform.tfstate");
  }

  /** The state as saved by the last apply (empty when there is none). */
  state(): State {
    if (!fs.existsSync(this.statePath)) return { resources: {}, outputs: {} };
    return JSON.parse(fs.readFileSync(this.statePath, "utf8")) as State;
  }

  /** `terraform plan`: reads what can be read, changes nothing, runs no provisioner. */
  async plan(): Promise<RunReport> {
    return (await this.planWith(this.state())).report;
  }

  /** `terraform apply -auto-approve`: plans, then applies in dependency order. Throws `ApplyError`. */
  async apply(): Promise<RunReport> {
    const state = this.state();
    const { report, data } = await this.planWith(state);
    const values = new Map<string, unknown>(data);
    for (const [address, resource] of Object.entries(state.resources)) if (!values.has(address)) values.set(address, resource.attributes);
    const resolve = resolver(values, this.stackDir, this.variables);
    try {
      await walkGraph(this.nodes, async (node) => {
        const action = report.actions[node.address];
        if (node.mode === "output") {
          report.outputs[outputName(node)] = evaluateValue(node.config.value, resolve);
        } else if (node.mode === "data" && action === "defer") {
          values.set(node.address, await this.read(node, evaluateValue(node.config, resolve), report));
          report.completed.push(node.address);
        } else if (node.mode === "managed" && action !== "no-op") {
          values.set(node.address, await this.applyManaged(node, action, state, resolve, report));
          report.completed.push(node.address);
        }
      });
    } catch (err) {
      this.save(state);
      throw err instanceof ApplyError ? err : new ApplyError((err as Error).message, report);
    }
    state.outputs = report.outputs;
    this.save(state);
    return report;
  }

  private async planWith(state: State): Promise<{ report: RunReport; data: Map<string, unknown> }> {
    const report: RunReport = { actions: {}, outputs: {}, executions: [], completed: [] };
    const values = new Map<string, unknown>();
    const resolve = resolver(values, this.stackDir, this.variables);
    await walkGraph(this.nodes, async (node) => {
      if (node.mode === "output") {
        report.outputs[outputName(node)] = evaluateValue(node.config.value, resolve);
        return;
      }
      const config = evaluateValue(argumentsOf(node), resolve) as Record<string, unknown>;
      if (node.mode === "data") {
        const changed = node.dependencies.some((dep) => !["no-op", "read"].includes(report.actions[dep]));
        if (changed || hasUnknown(config)) {
          report.actions[node.address] = "defer";
          values.set(node.address, UNKNOWN);
        } else {
          report.actions[node.address] = "read";
          values.set(node.address, await this.read(node, config, report));
          report.completed.push(node.address);
        }
        return;
      }
      const prior = state.resources[node.address];
      const action = planManaged(node, config, prior);
      report.actions[node.address] = action;
      values.set(node.address, plannedAttributes(node, action, config, prior));
    });
    const data = new Map([...values].filter(([address]) => address.startsWith("data.")));
    return { report, data };
  }

  private async applyManaged(node: Node, action: Action, state: State, resolve: (p: (string | number)[]) => unknown, report: RunReport) {
    const config = evaluateValue(argumentsOf(node), resolve) as Record<string, unknown>;
    if (hasUnknown(config)) throw new Error(`${node.address}: configuration still unknown during apply`);
    const prior = state.resources[node.address];
    if (action === "update") {
      const kept = ignored(node);
      const attributes = { ...prior.attributes };
      for (const [key, value] of Object.entries(config)) if (!kept.includes(key)) attributes[key] = value;
      if (node.type === "terraform_data") attributes.output = attributes.input ?? null;
      state.resources[node.address] = { attributes, tainted: false };
      return attributes;
    }
    // create, or replace (delete then create): provisioners run on the new object.
    const attributes: Record<string, unknown> = { ...nullArguments(node), ...config, id: randomUUID() };
    if (node.type === "terraform_data") attributes.output = config.input ?? null;
    state.resources[node.address] = { attributes, tainted: false };
    const self = resolver(new Map([["self", attributes]]), this.stackDir, this.variables);
    for (const provisioner of provisioners(node)) {
      const settings = evaluateValue(provisioner, (p) => (p[0] === "self" ? self(p) : resolve(p))) as Record<string, unknown>;
      if (settings.when === "destroy") continue;
      const run = await this.localExec(node.address, settings, report);
      if (run.exitCode !== 0) {
        state.resources[node.address].tainted = true;
        throw new ApplyError(
          `${node.address}: local-exec provisioner error: Error running command '${String(settings.command)}': exit status ${run.exitCode}. Output: ${run.stdout}${run.stderr}`,
          report,
        );
      }
    }
    return attributes;
  }

  private async localExec(address: string, settings: Record<string, unknown>, report: RunReport): Promise<Execution> {
    const interpreter = (settings.interpreter as string[] | undefined) ?? ["/bin/sh", "-c"];
    const environment = Object.fromEntries(Object.entries((settings.environment as Record<string, unknown>) ?? {}).map(([k, v]) => [k, stringOf(v)]));
    const cwd = path.resolve(this.stackDir, (settings.working_dir as string | undefined) ?? ".");
    const run = await execute({
      kind: "local-exec",
      address,
      argv: [...interpreter, stringOf(settings.command)],
      cwd,
      env: { ...this.env, ...environment },
      stdin: null,
    });
    report.executions.push(run);
    return run;
  }

  private async read(node: Node, config: unknown, report: RunReport): Promise<Record<string, unknown>> {
    if (node.type !== "external") throw new Error(`data source ${node.type} is not supported`);
    const { program, query, working_dir } = config as { program: unknown[]; query?: Record<string, unknown>; working_dir?: string };
    const queryText = JSON.stringify(Object.fromEntries(Object.entries(query ?? {}).map(([k, v]) => [k, stringOf(v)])));
    const run = await execute({
      kind: "external",
      address: node.address,
      argv: program.map(stringOf),
      cwd: path.resolve(this.stackDir, working_dir ?? "."),
      env: { ...this.env },
      stdin: queryText,
    });
    report.executions.push(run);
    if (run.exitCode !== 0) throw new ApplyError(`${node.address}: External Program Execution Failed: ${run.stderr}`, report);
    let result: unknown;
    try {
      result = JSON.parse(run.stdout);
    } catch {
      throw new ApplyError(`${node.address}: Unexpected External Program Results: ${run.stdout}`, report);
    }
    const flat = result !== null && typeof result === "object" && !Array.isArray(result) && Object.values(result).every((v) => typeof v === "string");
    if (!flat) throw new ApplyError(`${node.address}: Unexpected External Program Results: not a JSON object of strings`, report);
    return { id: "-", program, query: query ?? {}, result };
  }

  private save(state: State): void {
    fs.writeFileSync(this.statePath, JSON.stringify(state, null, 2));
  }
}

function planManaged(node: Node, config: Record<string, unknown>, prior: ResourceState | undefined): Action {
  if (!prior) return "create";
  if (prior.tainted) return "replace";
  const spec = MANAGED_ARGUMENTS[node.type];
  if (spec.replaceOn.some((key) => hasUnknown(config[key]) || !same(config[key] ?? null, prior.attributes[key] ?? null))) return "replace";
  const kept = ignored(node);
  const changed = spec.arguments.some((key) => !kept.includes(key) && (hasUnknown(config[key]) || !same(config[key] ?? null, prior.attributes[key] ?? null)));
  return changed ? "update" : "no-op";
}

function plannedAttributes(node: Node, action: Action, config: Record<string, unknown>, prior: ResourceState | undefined): unknown {
  if (action === "no-op") return prior!.attributes;
  if (action === "update") {
    const kept = ignored(node);
    const attributes = { ...prior!.attributes };
    for (const [key, value] of Object.entries(config)) if (!kept.includes(key)) attributes[key] = value;
    if (node.type === "terraform_data") attributes.output = attributes.input ?? null;
    return attributes;
  }
  return { ...nullArguments(node), ...config, id: UNKNOWN, ...(node.type === "terraform_data" ? { output: config.input ?? null } : {}) };
}

/** Resolves references against the values of resources, data sources and `self`. */
function resolver(values: Map<string, unknown>, stackDir: string, variables: Record<string, unknown>): (p: (string | number)[]) => unknown {
  return (ref) => {
    const [root, ...rest] = ref;
    if (root === "var") {
      if (!Object.hasOwn(variables, rest[0])) throw new TemplateError(`reference to undeclared input variable ${String(rest[0])}`);
      return traverse(variables[rest[0]], rest.slice(1), ref);
    }
    if (root === "path") {
      if (rest[0] === "module" || rest[0] === "root") return traverse(".", rest.slice(1), ref);
      if (rest[0] === "cwd") return traverse(stackDir, rest.slice(1), ref);
    }
    const size = root === "data" ? 3 : root === "self" ? 1 : 2;
    const address = ref.slice(0, size).join(".");
    if (!values.has(address)) throw new TemplateError(`reference to undeclared or unplanned ${address}`);
    return traverse(values.get(address), ref.slice(size), ref);
  };
}

function traverse(value: unknown, keys: (string | number)[], ref: (string | number)[]): unknown {
  let current = value;
  for (const key of keys) {
    if (current === UNKNOWN) return UNKNOWN;
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) {
      throw new TemplateError(`Unsupported attribute: ${ref.join(".")} has no ${String(key)}`);
    }
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function stringOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new Error(`expected a string, got ${JSON.stringify(value)}`);
}

function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

