/**
 * A Terraform JSON configuration as the executor sees it: its resources, data
 * sources and outputs as nodes of a dependency graph (references in any
 * expression, provisioners included, plus `depends_on`), its variables, and
 * the walk that visits the graph as Terraform does.
 */
import { referencesIn } from "./template";

/** One resource, data source or output of the configuration, with what it depends on. */
export interface Node {
  address: string;
  mode: "managed" | "data" | "output";
  type: string;
  config: Record<string, unknown>;
  dependencies: string[];
}

/** The managed resource types supported: their arguments, and those whose change forces a replacement. */
export const MANAGED_ARGUMENTS: Record<string, { arguments: string[]; replaceOn: string[] }> = {
  terraform_data: { arguments: ["input", "triggers_replace"], replaceOn: ["triggers_replace"] },
  null_resource: { arguments: ["triggers"], replaceOn: ["triggers"] },
};

const META_ARGUMENTS = new Set(["depends_on", "lifecycle", "provisioner", "//"]);

/** The resources, data sources and outputs of a Terraform JSON configuration. */
export function readNodes(config: Record<string, unknown>): Node[] {
  for (const key of Object.keys(config)) {
    if (!["//", "terraform", "resource", "data", "output", "variable"].includes(key)) throw new Error(`top-level block ${key} is not supported`);
  }
  const nodes: Node[] = [];
  const blocks = (value: unknown) => Object.entries((value ?? {}) as Record<string, Record<string, Record<string, unknown>>>);
  for (const [type, byName] of blocks(config.resource)) {
    if (!MANAGED_ARGUMENTS[type]) throw new Error(`resource type ${type} is not supported`);
    for (const [name, body] of Object.entries(byName)) nodes.push(node(`${type}.${name}`, "managed", type, body));
  }
  for (const [type, byName] of blocks(config.data)) {
    for (const [name, body] of Object.entries(byName)) nodes.push(node(`data.${type}.${name}`, "data", type, body));
  }
  for (const [name, body] of Object.entries((config.output ?? {}) as Record<string, Record<string, unknown>>)) {
    nodes.push(node(`output.${name}`, "output", "output", body));
  }
  return nodes;
}

/** Input variables: `TF_VAR_<name>` of Terraform's environment, else the default. */
export function readVariables(config: Record<string, unknown>, env: Record<string, string>): Record<string, unknown> {
  const declared = (config.variable ?? {}) as Record<string, { default?: unknown }>;
  return Object.fromEntries(
    Object.entries(declared).map(([name, spec]) => {
      const value = env[`TF_VAR_${name}`] ?? spec.default;
      if (value === undefined) throw new Error(`No value for required variable ${name}`);
      return [name, value];
    }),
  );
}

function node(address: string, mode: Node["mode"], type: string, config: Record<string, unknown>): Node {
  for (const key of ["count", "for_each", "provider"]) if (key in config) throw new Error(`${address}: ${key} is not supported`);
  const references = referencesIn(config)
    .filter((ref) => !["path", "self", "var"].includes(String(ref[0])))
    .map((ref) => ref.slice(0, ref[0] === "data" ? 3 : 2).join("."));
  const explicit = (config.depends_on as string[] | undefined) ?? [];
  return { address, mode, type, config, dependencies: [...new Set([...references, ...explicit])] };
}

/**
 * Runs `work` on every node once all its dependencies are done, independent
 * nodes concurrently (as Terraform walks its graph, -parallelism=10 being more
 * than these stacks need). A failure skips the nodes that depend on it; the
 * others finish, then the first failure is thrown.
 */
export async function walkGraph(nodes: readonly Node[], work: (node: Node) => Promise<void>): Promise<void> {
  const done = new Map<string, Promise<void>>();
  for (const n of nodes) {
    done.set(n.address, Promise.all(n.dependencies.map((dep) => done.get(dep))).then(() => work(n)));
  }
  const results = await Promise.allSettled(done.values());
  const failure = results.find((result): result is PromiseRejectedResult => result.status === "rejected");
  if (failure) throw failure.reason;
}

/** The nodes in dependency order; throws on a cycle or an undeclared dependency. */
export function order(nodes: Node[]): Node[] {
  const byAddress = new Map(nodes.map((n) => [n.address, n]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const sorted: Node[] = [];
  const visit = (n: Node) => {
    if (done.has(n.address)) return;
    if (visiting.has(n.address)) throw new Error(`dependency cycle at ${n.address}`);
    visiting.add(n.address);
    for (const dep of n.dependencies) {
      const target = byAddress.get(dep);
      if (!target) throw new Error(`${n.address}: reference to undeclared ${dep}`);
      visit(target);
    }
    visiting.delete(n.address);
    done.add(n.address);
    sorted.push(n);
  };
  nodes.forEach(visit);
  return sorted;
}

/** A node's arguments, meta-arguments left out. */
export function argumentsOf(node: Node): Record<string, unknown> {
  return Object.fromEntries(Object.entries(node.config).filter(([key]) => !META_ARGUMENTS.has(key)));
}

/** Every argument of a managed resource type, null. */
export function nullArguments(node: Node): Record<string, unknown> {
  return Object.fromEntries(MANAGED_ARGUMENTS[node.type].arguments.map((key) => [key, null]));
}

/** `lifecycle.ignore_changes`. */
export function ignored(node: Node): string[] {
  return ((node.config.lifecycle as { ignore_changes?: string[] } | undefined)?.ignore_changes ?? []).map(String);
}

/** The settings of each `local-exec` provisioner (other provisioners are not supported). */
export function provisioners(node: Node): Record<string, unknown>[] {
  const list = (node.config.provisioner as Record<string, Record<string, unknown>>[] | undefined) ?? [];
  return list.map((entry) => {
    const [type, settings] = Object.entries(entry)[0];
    if (type !== "local-exec") throw new Error(`${node.address}: provisioner ${type} is not supported`);
    return settings;
  });
}

/** `output.x` → `x`. */
export function outputName(node: Node): string {
  return node.address.slice("output.".length);
}
