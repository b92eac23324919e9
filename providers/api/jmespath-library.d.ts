/**
 * The part of the `jmespath` package (jmespath.js 0.16, the reference
 * implementation for JavaScript, which ships no types) that
 * providers/api/jmespath.ts uses.
 */
declare module "jmespath" {
  /** A node of a compiled expression: a function call is `{ type: "Function", name, children }`. */
  export interface JmesPathNode {
    type: string;
    name?: string;
    children?: JmesPathNode[];
    /** A literal's data, or a multi-select hash pair's expression. */
    value?: unknown;
  }
  /** The syntax tree of `expression`; throws on a syntax error. */
  export function compile(expression: string): JmesPathNode;
  /** `expression` evaluated on `data`; throws on a syntax or runtime error. */
  export function search(data: unknown, expression: string): unknown;
}
