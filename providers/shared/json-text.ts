/**
 * JSON carried inside string fields (BPStudio `Arguments` and `Message`, OOS
 * `Outputs`). Only text that looks like a JSON object, array or string is
 * decoded, so an ID such as `"12345"` or a word such as `"true"` stays text.
 */

/** Parses `text` when it is a JSON object, array or string. */
function parseStrict(text: string): { value: unknown } | undefined {
  const first = text.trimStart()[0];
  if (first !== "{" && first !== "[" && first !== '"') return undefined;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/**
 * One decoding step. Besides strict JSON it accepts what the BPStudio docs
 * show: a JSON object or array wrapped in quotes without escaping
 * (`"[{"a":1}]"`), which decodes to the text between the quotes.
 */
function decodeOnce(text: string): { value: unknown } | undefined {
  const strict = parseStrict(text);
  if (strict) return strict;
  const trimmed = text.trim();
  if (trimmed.length < 2 || !trimmed.startsWith('"') || !trimmed.endsWith('"')) return undefined;
  const inner = trimmed.slice(1, -1);
  const first = inner.trimStart()[0];
  return (first === "{" || first === "[") && parseStrict(inner) ? { value: inner } : undefined;
}

/** `text` parsed as JSON when it holds a JSON object, array or string, else `text` itself. */
export function parseJsonText(text: string): unknown {
  const decoded = parseStrict(text);
  return decoded ? decoded.value : text;
}

/**
 * Decodes `text` again and again while the result is still a string holding
 * JSON (the BPStudio docs show `Data.Message` wrapped in an extra pair of
 * quotes). Returns the final `value` and the last string of the chain as
 * `text`: for `"[1]"` (quotes included) the value is `[1]` (an array) and the
 * text is `[1]`.
 */
export function unwrapJsonText(text: string): { value: unknown; text: string } {
  let current = text;
  for (;;) {
    const decoded = decodeOnce(current);
    if (!decoded) return { value: current, text: current };
    if (typeof decoded.value !== "string") return { value: decoded.value, text: current };
    current = decoded.value;
  }
}

/**
 * The human text of a message field that may be JSON-encoded: the string
 * after unwrapping, null when that is blank (the docs show `"\" \""`) or when
 * `value` is not a string.
 */
export function messageText(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const { text } = unwrapJsonText(value);
  return text.trim() === "" ? null : text;
}
