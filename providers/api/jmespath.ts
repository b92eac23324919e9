/**
 * Standard JMESPath (jmespath.org), through `@aws-lambda-powertools/jmespath`
 * (docs/api-wait.md, "The JMESPath engine", says why this library). This is
 * the only module that imports it, and it does so when an expression is
 * first compiled or evaluated: `require("opgate")` and `opgate --help` never
 * load it.
 *
 * Only the functions of the specification exist: no custom function is ever
 * passed to the library, and an expression that names another
 * (`items(@)`, a Community-spec function) is refused when the spec is checked.
 */
import type * as Library from "@aws-lambda-powertools/jmespath";

let library: typeof Library | undefined;

/** The library, loaded on first use. */
function jmespath(): typeof Library {
  library ??= require("@aws-lambda-powertools/jmespath") as typeof Library;
  return library;
}

/** The built-in functions of the JMESPath specification (jmespath.org/specification.html#built-in-functions). */
export const STANDARD_FUNCTIONS: ReadonlySet<string> = new Set([
  "abs", "avg", "ceil", "contains", "ends_with", "floor", "join", "keys", "length", "map", "max", "max_by",
  "merge", "min", "min_by", "not_null", "reverse", "sort", "sort_by", "starts_with", "sum", "to_array",
  "to_number", "to_string", "type", "values",
]);

/** The library's message without its own prefix and the expression it repeats. */
function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message
    .replace(/ in expression: [\s\S]*$/, "")
    .replace(/^(?:Invalid|Bad) jmespath expression: /, "");
}

/** True for errors that depend on the expression alone (its syntax or a call's number of arguments), never on the data. */
function isStaticError(err: unknown, lib: typeof Library): boolean {
  return err instanceof lib.LexerError || err instanceof lib.ParseError || err instanceof lib.EmptyExpressionError || err instanceof lib.ArityError;
}

/**
 * Why `expression` cannot be used, or undefined when it can: a syntax error,
 * a function the specification does not have, or a call with a wrong number
 * of arguments (when the probe reaches it).
 */
export function expressionProblem(expression: string): string | undefined {
  const lib = jmespath();
  try {
    lib.search(expression, {});
  } catch (err) {
    // The probe document is empty: an error of another kind depends on the data, and is the answer's business.
    if (isStaticError(err, lib)) return reasonOf(err);
  }
  const unknown = calledFunctions(expression).find((name) => !STANDARD_FUNCTIONS.has(name));
  if (unknown !== undefined) {
    return `unknown function ${unknown}(): only the functions of the JMESPath specification exist (jmespath.org/specification.html)`;
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
    return { ok: true, value: jmespath().search(expression, document as Parameters<typeof Library.search>[1]) };
  } catch (err) {
    return { ok: false, error: reasonOf(err) };
  }
}

/**
 * The names of the functions an expression calls: every unquoted identifier
 * followed by `(`, outside quoted identifiers, raw strings and literals.
 * Only for an expression the library has parsed, so its tokens are
 * well-formed (in JMESPath an identifier before `(` is always a call).
 */
export function calledFunctions(expression: string): string[] {
  const names: string[] = [];
  const identifier = /[A-Za-z_][A-Za-z0-9_]*/y;
  for (let i = 0; i < expression.length; ) {
    const c = expression[i];
    if (c === '"' || c === "'" || c === "`") {
      i = afterQuoted(expression, i);
      continue;
    }
    identifier.lastIndex = i;
    const match = identifier.exec(expression);
    if (!match) {
      i += 1;
      continue;
    }
    i += match[0].length;
    if (expression.slice(i).trimStart().startsWith("(")) names.push(match[0]);
  }
  return names;
}

/** The index after the quoted token that starts at `start` (a backslash always takes the next character with it, as the lexer reads it). */
function afterQuoted(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i += 1;
    else if (text[i] === quote) return i + 1;
  }
  return text.length;
}
