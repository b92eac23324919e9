/**
 * `{{name}}` placeholders: where they may stand (the spec's `id`, `call.path`,
 * and the string values of `call.params` / `call.query`, nested ones
 * included), how they are filled from the wait's vars and the built-ins
 * `region` and `project_id`, and the rule for a value filled into a path:
 * it stays one segment. Values travel as data, never as code: expressions
 * are constants of the spec and are never filled.
 */
import { InputError } from "../../src/core/errors";

/** A well-formed placeholder; its name is a var name. */
const PLACEHOLDER = /\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g;
/** What a var name looks like. */
export const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A UTF-16 surrogate without its pair: no URL or signature can carry it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot travel in a request (a lone surrogate), or undefined. */
export function textProblem(text: string): string | undefined {
  return LONE_SURROGATE.test(text) ? "is not well-formed text (it holds a lone UTF-16 surrogate)" : undefined;
}

/** The vars every wait has: the region and the Huawei project of the wait. */
export const BUILT_IN_VARS = ["region", "project_id"] as const;

/** The names of the placeholders in `text` (repeats included). */
export function placeholderNames(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/**
 * Why `text` has a `{{` that starts no well-formed placeholder, or
 * undefined. (`{{ id }}` and `{{id}` are mistakes; a single brace is text.)
 */
export function malformedPlaceholder(text: string): string | undefined {
  const rest = text.replace(PLACEHOLDER, "");
  const at = rest.indexOf("{{");
  if (at < 0) return undefined;
  const shown = rest.slice(at, at + 24);
  return `${JSON.stringify(shown)} is not a placeholder: write {{name}}, a name of letters, digits and _ between double braces, without spaces`;
}

/** What fills the placeholders of one wait: var name → value, and how to supply each missing one. */
export interface PlaceholderValues {
  values: Readonly<Record<string, string>>;
  /** The fix for a placeholder without a value (`give the region, or set ...`). */
  howToGive(name: string): string;
}

/**
 * `text` with each placeholder replaced by its value. Throws `InputError` on
 * `field` (the JSON path of the text) for a placeholder without one.
 */
export function fillText(text: string, fill: PlaceholderValues, field: string): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = fill.values[name];
    if (value === undefined) throw new InputError(field, `{{${name}}} has no value: ${fill.howToGive(name)}`);
    return value;
  });
}

/**
 * Why a filled path is not a plain path of segments, or undefined: every
 * value filled in must stay inside its segment, so no segment may be empty,
 * `.` or `..`, and no `?`, `#`, `\` or control character may appear. The
 * client percent-encodes each segment when it sends the request.
 */
export function pathProblem(path: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const bad = /[?#\\\u0000-\u001f\u007f]/.exec(path);
  if (bad) return `must not contain ${bad[0] < " " || bad[0] === "\u007f" ? "control characters" : JSON.stringify(bad[0])}`;
  const segments = path.split("/").slice(1);
  if (segments.some((s, i) => s === "" && i < segments.length - 1)) return "must not have an empty segment (//)";
  const dots = segments.find((s) => s === "." || s === "..");
  if (dots !== undefined) return `must not have a ${JSON.stringify(dots)} segment`;
  return undefined;
}

/**
 * Why a value cannot fill a path placeholder (it must stay one segment), or
 * undefined.
 */
export function pathValueProblem(value: string): string | undefined {
  if (value === "") return "is empty, and a path segment cannot be";
  if (value === "." || value === "..") return `is ${JSON.stringify(value)}, which would move along the path`;
  // eslint-disable-next-line no-control-regex
  const bad = /[/\\?#\u0000-\u001f\u007f]/.exec(value);
  if (bad) return `contains ${bad[0] < " " || bad[0] === "\u007f" ? "a control character" : JSON.stringify(bad[0])}, which would leave its path segment`;
  return undefined;
}
