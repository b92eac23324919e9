/**
 * Text from APIs and users made safe for one line of a terminal or log:
 * control characters (newlines, escape sequences) become spaces, and long
 * text is clipped.
 */

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g;

/** `text` on one line, at most `max` characters (an ellipsis marks a cut). */
export function oneLine(text: string, max = Infinity): string {
  const flat = text.replace(CONTROL, " ").trim();
  return flat.length > max ? `${flat.slice(0, Math.max(0, max - 1))}…` : flat;
}
