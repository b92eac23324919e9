/**
 * A small interpreter of the part of JSON Schema (draft-07) that the
 * generated API wait spec schema uses, so that every message is opgate's
 * own: it names the JSON path of the value at fault and says what would be
 * right (`call.version: "2014-5-26" does not match ^\d{4}-\d{2}-\d{2}$: An
 * API version as Alibaba Cloud writes it`). A union (`anyOf`) is resolved
 * the way a person reads it: by the JSON type of the value, then by the
 * discriminator every branch fixes with a `const` (`call.cloud`), then by the
 * one key that tells single-key branches apart (Smithy's matchers), then by
 * keys only one branch has (an Alibaba call with a `path` is ROA), and
 * otherwise by the branch the value fits best.
 */
import { isPlainObject } from "../../src/core/values";

/** The keywords of a schema node that this interpreter understands; a test checks that the shipped schema uses no other. */
export const SUPPORTED_KEYWORDS = [
  "$schema", "$ref", "$comment", "definitions", "description",
  "type", "properties", "required", "additionalProperties", "items", "anyOf", "const", "enum",
  "pattern", "minLength", "maxLength", "minimum", "maximum", "maxItems",
] as const;

/** A JSON Schema node, as far as `SUPPORTED_KEYWORDS` go. */
export interface JsonSchema {
  $ref?: string;
  definitions?: Record<string, JsonSchema>;
  description?: string;
  type?: "object" | "array" | "string" | "number" | "integer" | "boolean";
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
}

/** One thing wrong with a value: where it is (a JSON path such as `acceptors[2].matcher`) and what to do. */
export interface SchemaProblem {
  path: string;
  reason: string;
}

/** `base` extended by the property `key`: `a.b`, or `a["x y"]` when the key is not an identifier. */
export function childPath(base: string, key: string | number): string {
  if (typeof key === "number") return `${base}[${key}]`;
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) return base ? `${base}.${key}` : key;
  return `${base}[${JSON.stringify(key)}]`;
}

/**
 * The problems of `value` against `schema` (whose `$ref`s point into
 * `root.definitions`), in the order a person fixes them: the value's type,
 * unknown keys (a typo explains a missing key), missing keys, then the
 * values inside. Empty when the value fits.
 */
export function schemaProblems(root: JsonSchema, value: unknown, path = ""): SchemaProblem[] {
  return new Walker(root).check(root, value, path);
}

/** The JSON type of a value as a schema names it (`integer` is a kind of `number`). */
type JsonType = "object" | "array" | "string" | "number" | "boolean" | "null" | "other";

function jsonType(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (isJsonObject(value)) return "object";
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number" && Number.isFinite(value)) return "number";
  return "other";
}

/** A plain object from JSON or a literal (not a Date, a Map or a class instance). */
function isJsonObject(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** How a schema type is named in a message. */
const TYPE_NAMES: Readonly<Record<NonNullable<JsonSchema["type"]>, string>> = {
  object: "an object",
  array: "a list",
  string: "a string",
  number: "a number",
  integer: "a whole number",
  boolean: "true or false",
};

/** How a value is named in a message: its text when short, else its kind. */
function shown(value: unknown): string {
  const type = jsonType(value);
  if (type === "string") {
    const text = value as string;
    return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
  }
  if (type === "number" || type === "boolean" || type === "null") return String(value);
  return type === "other" ? `${typeof value} (not JSON)` : type === "array" ? "a list" : "an object";
}

/** The first sentence of a description, as a hint after a message. */
function hint(schema: JsonSchema): string {
  const first = schema.description?.split(/(?<=\.)\s+(?=[A-Z])/)[0]?.trim();
  return first ? `: ${first.replace(/\.$/, "")}` : "";
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length];
}

class Walker {
  constructor(private readonly root: JsonSchema) {}

  /** `schema` with its `$ref` followed; the referring node's own description wins. */
  private resolve(schema: JsonSchema): JsonSchema {
    if (schema.$ref === undefined) return schema;
    const name = /^#\/definitions\/(.+)$/.exec(schema.$ref)?.[1];
    const target = name === undefined ? undefined : this.root.definitions?.[name];
    if (!target) throw new Error(`unsupported $ref ${schema.$ref}`);
    const resolved = this.resolve(target);
    return schema.description === undefined ? resolved : { ...resolved, description: schema.description };
  }

  check(node: JsonSchema, value: unknown, path: string): SchemaProblem[] {
    const schema = this.resolve(node);
    if (schema.anyOf) return this.checkUnion(schema, value, path);
    if (schema.const !== undefined && value !== schema.const) {
      return [{ path, reason: `must be ${JSON.stringify(schema.const)}, got ${shown(value)}${hint(schema)}` }];
    }
    if (schema.enum && !schema.enum.includes(value)) {
      return [{ path, reason: `must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}, got ${shown(value)}` }];
    }
    const typeProblem = this.typeProblem(schema, value, path);
    if (typeProblem) return [typeProblem];
    switch (jsonType(value)) {
      case "object":
        return this.checkObject(schema, value as Record<string, unknown>, path);
      case "array":
        return this.checkArray(schema, value as unknown[], path);
      case "string":
        return this.checkString(schema, value as string, path);
      case "number":
        return this.checkNumber(schema, value as number, path);
      default:
        return [];
    }
  }

  private typeProblem(schema: JsonSchema, value: unknown, path: string): SchemaProblem | undefined {
    if (schema.type === undefined) return undefined;
    const actual = jsonType(value);
    const fits = schema.type === actual || (schema.type === "integer" && actual === "number" && Number.isInteger(value));
    if (fits) return undefined;
    if (schema.type === "integer" && actual === "number") return { path, reason: `must be a whole number, got ${shown(value)}` };
    return { path, reason: `must be ${TYPE_NAMES[schema.type]}, got ${shown(value)}${hint(schema)}` };
  }

  private checkObject(schema: JsonSchema, value: Record<string, unknown>, path: string): SchemaProblem[] {
    const properties = schema.properties ?? {};
    const keys = Object.keys(value).filter((key) => value[key] !== undefined);
    const problems: SchemaProblem[] = [];
    if (schema.additionalProperties === false) {
      const known = Object.keys(properties);
      for (const key of keys.filter((k) => !Object.hasOwn(properties, k))) {
        const near = known.filter((name) => distance(key, name) <= 2).sort((a, b) => distance(key, a) - distance(key, b))[0];
        const suggestion = near === undefined ? "" : ` (did you mean ${near}?)`;
        problems.push({ path: childPath(path, key), reason: `is not a field here${suggestion}; the fields here are ${known.join(", ")}` });
      }
    }
    for (const name of schema.required ?? []) {
      if (!keys.includes(name)) problems.push({ path: childPath(path, name), reason: `is required${hint(this.resolve(properties[name] ?? {}))}` });
    }
    for (const key of keys) {
      const child = Object.hasOwn(properties, key)
        ? properties[key]
        : typeof schema.additionalProperties === "object"
          ? schema.additionalProperties
          : undefined;
      if (child) problems.push(...this.check(child, value[key], childPath(path, key)));
    }
    return problems;
  }

  private checkArray(schema: JsonSchema, value: unknown[], path: string): SchemaProblem[] {
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      return [{ path, reason: `has ${value.length} items; the limit is ${schema.maxItems}` }];
    }
    const items = schema.items;
    return items ? value.flatMap((item, i) => this.check(items, item, childPath(path, i))) : [];
  }

  private checkString(schema: JsonSchema, value: string, path: string): SchemaProblem[] {
    if (schema.minLength !== undefined && value.length < schema.minLength) {
      return [{ path, reason: schema.minLength === 1 ? `must not be empty${hint(schema)}` : `must be at least ${schema.minLength} characters long` }];
    }
    if (schema.maxLength !== undefined && value.length > schema.maxLength) {
      return [{ path, reason: `is ${value.length} characters long; the limit is ${schema.maxLength}` }];
    }
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) {
      return [{ path, reason: `${shown(value)} does not match ${schema.pattern}${hint(schema)}` }];
    }
    return [];
  }

  private checkNumber(schema: JsonSchema, value: number, path: string): SchemaProblem[] {
    if (schema.minimum !== undefined && value < schema.minimum) return [{ path, reason: `must be at least ${schema.minimum}, got ${value}` }];
    if (schema.maximum !== undefined && value > schema.maximum) return [{ path, reason: `must be at most ${schema.maximum}, got ${value}` }];
    return [];
  }

  /** A union: the branch the value is meant for (see the module's comment), and that branch's problems. */
  private checkUnion(schema: JsonSchema, value: unknown, path: string): SchemaProblem[] {
    const branches = schema.anyOf!.map((branch) => this.resolve(branch));
    const actual = jsonType(value);
    const typed = branches.filter((b) => b.type === undefined || b.type === actual || (b.type === "integer" && actual === "number"));
    if (typed.length === 0) {
      const kinds = [...new Set(branches.map((b) => (b.type ? TYPE_NAMES[b.type] : "a value")))];
      return [{ path, reason: `must be ${kinds.join(", ").replace(/, ([^,]*)$/, " or $1")}, got ${shown(value)}${hint(schema)}` }];
    }
    if (actual !== "object" || typed.length === 1) return this.fittest(typed, value, path);
    const object = value as Record<string, unknown>;
    const discriminated = this.byDiscriminator(typed, object, path);
    if (!Array.isArray(discriminated)) return [discriminated];
    const keyed = this.bySingleKey(discriminated, object, path, schema);
    if (!Array.isArray(keyed)) return [keyed];
    return this.fittest(this.byOwnKeys(keyed, object), value, path);
  }

  /**
   * The branches whose `const` discriminators the value has: a key every
   * branch fixes with a `const` (`cloud`). A problem when the value's is
   * missing or fits none.
   */
  private byDiscriminator(branches: JsonSchema[], value: Record<string, unknown>, path: string): JsonSchema[] | SchemaProblem {
    const constOf = (branch: JsonSchema, key: string) => (branch.properties?.[key] ? this.resolve(branch.properties[key]).const : undefined);
    const keys = Object.keys(branches[0].properties ?? {}).filter((key) => branches.every((b) => constOf(b, key) !== undefined));
    let candidates = branches;
    for (const key of keys) {
      const allowed = [...new Set(branches.map((b) => constOf(b, key)))];
      const fitting = candidates.filter((b) => constOf(b, key) === value[key]);
      if (fitting.length === 0) {
        const choices = allowed.map((v) => JSON.stringify(v)).join(" or ");
        const reason = value[key] === undefined ? `is required: ${choices}` : `must be ${choices}, got ${shown(value[key])}`;
        return { path: childPath(path, key), reason };
      }
      candidates = fitting;
    }
    return candidates;
  }

  /**
   * Branches that each have exactly one property, all different (Smithy's
   * matchers): the value must have exactly one of those keys.
   */
  private bySingleKey(branches: JsonSchema[], value: Record<string, unknown>, path: string, union: JsonSchema): JsonSchema[] | SchemaProblem {
    const keyOf = (b: JsonSchema) => {
      const names = Object.keys(b.properties ?? {});
      return names.length === 1 && b.required?.[0] === names[0] ? names[0] : undefined;
    };
    const keys = branches.map(keyOf);
    if (branches.length < 2 || keys.some((k) => k === undefined) || new Set(keys).size !== keys.length) return branches;
    const given = keys.filter((k) => value[k!] !== undefined);
    if (given.length !== 1) {
      const reason = `must have exactly one of ${keys.join(", ")}${given.length > 1 ? `, not ${given.join(" and ")}` : ""}${hint(union)}`;
      return { path, reason };
    }
    return [branches[keys.indexOf(given[0])]];
  }

  /**
   * The one branch that declares keys of the value no other branch declares
   * (an Alibaba call with `path` is ROA, one with `params` RPC), or all the
   * branches when no key, or keys of several branches, tell.
   */
  private byOwnKeys(branches: JsonSchema[], value: Record<string, unknown>): JsonSchema[] {
    const owners = new Set<JsonSchema>();
    for (const key of Object.keys(value)) {
      const declaring = branches.filter((b) => b.properties !== undefined && Object.hasOwn(b.properties, key));
      if (declaring.length === 1) owners.add(declaring[0]);
    }
    return owners.size === 1 ? [...owners] : branches;
  }

  /** The problems against the branch the value fits best (fewest problems; the first on a tie). */
  private fittest(branches: JsonSchema[], value: unknown, path: string): SchemaProblem[] {
    let best: SchemaProblem[] | undefined;
    for (const branch of branches) {
      const problems = this.check(branch, value, path);
      if (problems.length === 0) return [];
      if (best === undefined || problems.length < best.length) best = problems;
    }
    return best ?? [];
  }
}
