/**
 * Terraform's template language, as much of it as a CDKTF stack of opgate
 * waits uses: `${ reference }`, `${ function(args) }`, the escapes `$${` and
 * `%%{`, and unknown values. Everything else (a `%{ directive }`, an
 * operator, an undeclared reference) throws, as `terraform plan` would fail:
 * an unescaped template in a literal shows up as an error, not as a silent
 * pass.
 */

/** A value Terraform only knows after apply. */
export const UNKNOWN: unique symbol = Symbol("unknown");

/** Thrown for syntax or evaluation errors (Terraform: "Invalid expression", "Unsupported attribute", ...). */
export class TemplateError extends Error {}

/** An expression inside `${ }`. */
export type Expression =
  | { kind: "literal"; value: unknown }
  | { kind: "reference"; path: (string | number)[] }
  | { kind: "call"; name: string; args: Expression[] };

/** A parsed template: literal text and interpolations. */
export type Part = string | Expression;

/** Resolves a reference path (`["terraform_data", "w", "id"]`) to a value, or throws. */
export type Resolver = (path: (string | number)[]) => unknown;

const FUNCTIONS: Record<string, (...args: unknown[]) => unknown> = {
  jsondecode: (text) => {
    if (typeof text !== "string") throw new TemplateError("jsondecode: argument must be a string");
    return JSON.parse(text) as unknown;
  },
  jsonencode: (value) => JSON.stringify(value),
  tostring: (value) => toText(value),
};

/** Parses one JSON string as Terraform does. */
export function parseTemplate(text: string): Part[] {
  const parts: Part[] = [];
  let literal = "";
  let i = 0;
  while (i < text.length) {
    if (text.startsWith("$${", i) || text.startsWith("%%{", i)) {
      literal += text[i] + "{";
      i += 3;
    } else if (text.startsWith("${", i)) {
      if (literal) parts.push(literal);
      literal = "";
      const parser = new ExpressionParser(text, i + 2);
      parts.push(parser.expression());
      i = parser.close();
    } else if (text.startsWith("%{", i)) {
      throw new TemplateError(`template directive at ${i} in ${JSON.stringify(text)} is not supported`);
    } else {
      literal += text[i++];
    }
  }
  if (literal || parts.length === 0) parts.push(literal);
  return parts;
}

/** Evaluates a string: one lone interpolation keeps its type, anything else is a string (or UNKNOWN). */
export function evaluateTemplate(text: string, resolve: Resolver): unknown {
  const parts = parseTemplate(text);
  if (parts.length === 1 && typeof parts[0] !== "string") return evaluate(parts[0], resolve);
  let out = "";
  for (const part of parts) {
    const value = typeof part === "string" ? part : evaluate(part, resolve);
    if (value === UNKNOWN) return UNKNOWN;
    out += toText(value);
  }
  return out;
}

/** Every reference path in the templates of `value` (a JSON value). */
export function referencesIn(value: unknown): (string | number)[][] {
  if (typeof value === "string") return parseTemplate(value).flatMap((part) => (typeof part === "string" ? [] : expressionReferences(part)));
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(referencesIn);
  return [];
}

/** Evaluates every string of a JSON value as a template. */
export function evaluateValue(value: unknown, resolve: Resolver): unknown {
  if (typeof value === "string") return evaluateTemplate(value, resolve);
  if (Array.isArray(value)) return value.map((item) => evaluateValue(item, resolve));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, evaluateValue(item, resolve)]));
  }
  return value;
}

/** True when `value` is or holds UNKNOWN. */
export function hasUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(hasUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(hasUnknown);
  return false;
}

function evaluate(expr: Expression, resolve: Resolver): unknown {
  switch (expr.kind) {
    case "literal":
      return expr.value;
    case "reference":
      return resolve(expr.path);
    case "call": {
      const fn = FUNCTIONS[expr.name];
      if (!fn) throw new TemplateError(`call to unknown function ${expr.name}`);
      const args = expr.args.map((arg) => evaluate(arg, resolve));
      return args.some(hasUnknown) ? UNKNOWN : fn(...args);
    }
  }
}

function expressionReferences(expr: Expression): (string | number)[][] {
  if (expr.kind === "reference") return [expr.path];
  if (expr.kind === "call") return expr.args.flatMap(expressionReferences);
  return [];
}

function toText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new TemplateError(`cannot include ${value === null ? "null" : typeof value} in a string template`);
}

/** Recursive descent over the inside of `${ ... }`. */
class ExpressionParser {
  constructor(
    private readonly text: string,
    private at: number,
  ) {}

  expression(): Expression {
    this.space();
    const c = this.text[this.at];
    if (c === '"') return { kind: "literal", value: this.quoted() };
    if (c !== undefined && /[0-9]/.test(c)) return { kind: "literal", value: Number(this.match(/[0-9.]+/y)) };
    const name = this.match(/[A-Za-z_][A-Za-z0-9_-]*/y);
    if (name === undefined) throw this.error("expected an expression");
    this.space();
    if (this.text[this.at] === "(") return this.call(name);
    const path: (string | number)[] = [name];
    for (;;) {
      if (this.text[this.at] === ".") {
        this.at++;
        const key = this.match(/[A-Za-z_][A-Za-z0-9_-]*|[0-9]+/y);
        if (key === undefined) throw this.error("expected an attribute name");
        path.push(/^[0-9]+$/.test(key) ? Number(key) : key);
      } else if (this.text[this.at] === "[") {
        this.at++;
        const index = this.expression();
        if (index.kind !== "literal" || (typeof index.value !== "string" && typeof index.value !== "number")) throw this.error("only literal indexes");
        this.space();
        this.expect("]");
        path.push(index.value);
      } else {
        return { kind: "reference", path };
      }
    }
  }

  /** Checks that the expression is followed by `}` and returns the index after it. */
  close(): number {
    this.space();
    this.expect("}");
    return this.at;
  }

  private call(name: string): Expression {
    this.expect("(");
    const args: Expression[] = [];
    this.space();
    while (this.text[this.at] !== ")") {
      args.push(this.expression());
      this.space();
      if (this.text[this.at] === ",") this.at++;
      else if (this.text[this.at] !== ")") throw this.error("expected , or )");
      this.space();
    }
    this.at++;
    return { kind: "call", name, args };
  }

  private quoted(): string {
    const literal = this.match(/"(?:[^"\\$%]|\\.)*"/y);
    if (literal === undefined) throw this.error("unsupported string literal");
    return JSON.parse(literal) as string;
  }

  private match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.at;
    const found = pattern.exec(this.text);
    if (!found) return undefined;
    this.at += found[0].length;
    return found[0];
  }

  private space(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at])) this.at++;
  }

  private expect(c: string): void {
    if (this.text[this.at] !== c) throw this.error(`expected ${c}`);
    this.at++;
  }

  private error(what: string): TemplateError {
    return new TemplateError(`${what} at ${this.at} in ${JSON.stringify(this.text)}`);
  }
}
