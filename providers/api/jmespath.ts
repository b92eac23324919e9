/**
 * Standard JMESPath (jmespath.org), through `jmespath`, jmespath.js 0.16
 * (docs/api-wait.md, "The JMESPath engine", says why this library and not
 * another). This is the only module that imports it, and it does so when an
 * expression is first compiled or evaluated: `require("opgate")` and
 * `opgate --help` never load it.
 *
 * Only the functions of the specification exist, each with its number of
 * arguments: an expression that calls another (`items(@)`, a Community-spec
 * function) or calls one wrongly is refused when the spec is checked, from
 * its syntax tree, before any request.
 */
/** A node of a compiled expression: a function call is `{ type: "Function", name, children }`. */
interface SyntaxNode {
  type: string;
  name?: string;
  /** Sub-expressions; a slice's are numbers or null. */
  children?: unknown[];
  /** A literal's data, or a multi-select hash pair's expression. */
  value?: unknown;
}

/** The part of the `jmespath` package (jmespath.js 0.16, which ships no types) that opgate uses. */
interface JmesPathLibrary {
  /** The syntax tree of `expression`; throws on a syntax error. */
  compile(expression: string): SyntaxNode;
  /** `expression` evaluated on `data`; throws on a syntax or runtime error. */
  search(data: unknown, expression: string): unknown;
}

let library: JmesPathLibrary | undefined;

/** The library, loaded on first use. */
function jmespath(): JmesPathLibrary {
  library ??= require("jmespath") as JmesPathLibrary;
  return library;
}

/**
 * The built-in functions of the JMESPath specification
 * (jmespath.org/specification.html#built-in-functions) and how many
 * arguments each takes (`merge` and `not_null` take one or more).
 */
export const STANDARD_FUNCTIONS: ReadonlyMap<string, readonly [min: number, max: number]> = new Map<string, readonly [number, number]>([
  ...["abs", "avg", "ceil", "floor", "keys", "length", "max", "min", "reverse", "sort", "sum", "to_array", "to_number", "to_string", "type", "values"].map(
    (name) => [name, [1, 1]] as const,
  ),
  ...["contains", "ends_with", "join", "map", "max_by", "min_by", "sort_by", "starts_with"].map((name) => [name, [2, 2]] as const),
  ...["merge", "not_null"].map((name) => [name, [1, Infinity]] as const),
]);

/** The library's message on one line. */
function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message || err.name : String(err);
  return message.replace(/\s+/g, " ").trim();
}

/** True for a syntax node (a slice's children are numbers or null). */
function isNode(value: unknown): value is SyntaxNode {
  return typeof value === "object" && value !== null && typeof (value as SyntaxNode).type === "string";
}

/** Every function call in a syntax tree: its name and number of arguments. */
function calls(node: SyntaxNode): { name: string; arity: number }[] {
  const found: { name: string; arity: number }[] = [];
  const stack = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.type === "Function" && current.name !== undefined) found.push({ name: current.name, arity: current.children?.length ?? 0 });
    stack.push(...(current.children ?? []).filter(isNode));
    // A pair of a multi-select hash holds its expression in `value`; a literal's `value` is data, never walked.
    if (current.type === "KeyValuePair" && isNode(current.value)) stack.push(current.value);
  }
  return found;
}

/**
 * Why `expression` cannot be used, or undefined when it can: a syntax
 * error, a function the specification does not have, or a call with a
 * wrong number of arguments.
 */
export function expressionProblem(expression: string): string | undefined {
  let tree: SyntaxNode;
  try {
    tree = jmespath().compile(expression);
  } catch (err) {
    return `syntax error: ${reasonOf(err)}`;
  }
  for (const { name, arity } of calls(tree)) {
    const range = STANDARD_FUNCTIONS.get(name);
    if (range === undefined) return `unknown function ${name}(): only the functions of the JMESPath specification exist (jmespath.org/specification.html)`;
    const [min, max] = range;
    if (arity < min || arity > max) {
      const expected = max === Infinity ? `at least ${min}` : `${min}`;
      return `${name}() takes ${expected} argument${min === 1 ? "" : "s"}, got ${arity}`;
    }
  }
  return undefined;
}

/** What an evaluation gave: the value, or the runtime error (`length(null)`) as text. */
export type Evaluation = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * `expression` evaluated on `document` (plain JSON: numbers are never
 * bigints here; see document.ts). A runtime error is returned, not thrown.
 */
export function evaluate(expression: string, document: unknown): Evaluation {
  try {
    return { ok: true, value: jmespath().search(document, expression) };
  } catch (err) {
    return { ok: false, error: reasonOf(err) };
  }
}
