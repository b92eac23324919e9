/**
 * JSON text to values, exactly and within bounds. Every number keeps its
 * exact value: a number a double holds exactly is a `number`; an integer
 * beyond 2^53 (BCS nanosecond times) a `bigint`; any other number a double
 * cannot hold (`1e400`, `0.1000000000000000055511151231257827`, an integer
 * of more than 100 digits) keeps its text as a `LosslessNumber`, which
 * `toJson` writes back unchanged. Text nested deeper than `MAX_JSON_DEPTH`
 * is refused before it is parsed, so no parser, and nothing that walks the
 * values later, runs out of stack.
 *
 * Most answers hold no such number: one linear scan finds out, and those are
 * parsed by the engine's own `JSON.parse` (a 13 MiB page: about 100 ms of
 * CPU instead of 700 ms with the exact parser, docs/reliability.md).
 */
import { isInteger, isLosslessNumber, isSafeNumber, LosslessNumber, parse } from "lossless-json";

/** The deepest nesting of objects and arrays a JSON text may have. */
export const MAX_JSON_DEPTH = 256;

/** An integer with more digits than this keeps its text (a `bigint` of a million digits takes seconds to build). */
const MAX_BIGINT_DIGITS = 100;

/** A number no double holds exactly, kept as its text (`value`); `toJson` writes it back unchanged. */
export type ExactNumber = LosslessNumber;

/** JSON text nested deeper than `MAX_JSON_DEPTH`. */
export class JsonTooDeepError extends Error {
  override readonly name = "JsonTooDeepError";
  constructor() {
    super(`JSON nested more than ${MAX_JSON_DEPTH} levels deep`);
  }
}

/** True for a number kept as its text because no double holds it exactly. */
export function isExactNumber(value: unknown): value is ExactNumber {
  return isLosslessNumber(value);
}

/**
 * Parses JSON text, every number exactly (see above). Throws `SyntaxError`
 * when it is not JSON and `JsonTooDeepError` when it nests deeper than
 * `MAX_JSON_DEPTH`.
 */
export function parseJson(text: string): unknown {
  return needsExactNumbers(text) ? parse(text, null, exactNumber) : JSON.parse(text);
}

/** A number token as the value that holds it exactly. */
function exactNumber(text: string): number | bigint | ExactNumber {
  if (holdsExactly(text)) return Number(text);
  if (isInteger(text) && text.replace("-", "").length <= MAX_BIGINT_DIGITS) return BigInt(text);
  return new LosslessNumber(text);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
/** A token of up to this many characters without an exponent is a number a double holds exactly (15 significant digits). */
const SAFE_TOKEN_LENGTH = 15;

/**
 * One pass over `text`, strings skipped: true when a number token outside
 * the strings is one a double cannot hold exactly. Throws `JsonTooDeepError`
 * past `MAX_JSON_DEPTH`. Text that is not JSON passes; the parser refuses it.
 */
function needsExactNumbers(text: string): boolean {
  let depth = 0;
  let exact = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = endOfString(text, i);
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > MAX_JSON_DEPTH) throw new JsonTooDeepError();
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    } else if (c === MINUS || (c >= ZERO && c <= NINE)) {
      const end = endOfNumber(text, i);
      const token = text.slice(i, end);
      if (!exact && (token.length > SAFE_TOKEN_LENGTH || /[eE]/.test(token))) exact = !holdsExactly(token);
      i = end - 1;
    }
  }
  return exact;
}

/**
 * True when a double holds the number `token` exactly: never an integer
 * beyond 2^53, else when the double's own text is `token` (the cheap common
 * case) or has the same significant digits.
 */
function holdsExactly(token: string): boolean {
  const n = Number(token);
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) return false;
  return String(n) === token || isSafeNumber(token);
}

/** The index of the quote that closes the string opened at `start` (the text's length when none does). */
function endOfString(text: string, start: number): number {
  let i = start;
  for (;;) {
    i = text.indexOf('"', i + 1);
    if (i < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(i - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return i;
  }
}

/** The index after the number token starting at `start`: digits, signs, `.`, `e` and `E`. */
function endOfNumber(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && NUMBER_CHARS.has(text.charCodeAt(i))) i++;
  return i;
}

const NUMBER_CHARS = new Set([..."0123456789+-.eE"].map((c) => c.charCodeAt(0)));
