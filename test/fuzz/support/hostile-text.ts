/**
 * fast-check arbitraries of hostile text: shell metacharacters that would run
 * `touch pwned` if a value ever reached a shell, Terraform templates, unicode,
 * control characters, white space, very long strings. Shared by the fuzz tests
 * of every face.
 */
import fc from "fast-check";

/** The file a shell would create if a value were ever executed. */
export const SENTINEL = "pwned";

/** Pieces that run `touch pwned` in a shell, or look like a reference to Terraform. */
const HOSTILE_PIECES = [
  `$(touch ${SENTINEL})`,
  `\`touch ${SENTINEL}\``,
  `;touch ${SENTINEL}`,
  `&& touch ${SENTINEL}`,
  `| touch ${SENTINEL}`,
  `> ${SENTINEL}`,
  "${path.module}",
  '${file("/etc/passwd")}',
  "$${escaped}",
  "%{ if true }x%{ endif }",
  "%%{y}",
  "$HOME",
  "'\"\\",
  "*?[a]~",
  "#!",
  "<!-- -->",
  "..%2f..%2f",
  "&amp;",
  "--help",
  "-V",
];

/** A piece of hostile text: metacharacters, templates, or any unicode grapheme. */
const hostilePiece: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_PIECES), weight: 3 },
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 8 }),
  fc.constantFrom("é", "ü", "😀", "中文", "ـ", "\u200b", "\u202e", "\u0085", "\ufeff", "𝔘"),
  fc.constantFrom("0", "42", "-1", "1e9", "NaN", "true", "null", "[]", "{}"),
);

/**
 * A value every face must pass verbatim: non-empty, no white space at either
 * end (what JavaScript's trim() or Terraform's trimspace would remove), no
 * control character (C0, DEL or C1), in Unicode NFC, at most `max` code points.
 */
export function oddValue(max = 512): fc.Arbitrary<string> {
  return fc
    .array(hostilePiece, { minLength: 1, maxLength: 6 })
    .map((pieces) => pieces.join(""))
    .filter((value) => value !== "" && !EDGE_SPACE.test(value) && !CONTROL.test(value) && value.normalize("NFC") === value && [...value].length <= max);
}

/** White space at either end: JavaScript's `\s` (what trim() removes) and U+0085 (which Go's unicode.IsSpace adds). */
const EDGE_SPACE = /^[\s\u0085]|[\s\u0085]$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A C0 control character or DEL, but not NUL (a process argument cannot hold it). */
export const controlCharacter: fc.Arbitrary<string> = fc
  .integer({ min: 1, max: 0x20 })
  .map((code) => String.fromCharCode(code === 0x20 ? 0x7f : code));

/** Text with a control character somewhere in it. */
export const withControlCharacter: fc.Arbitrary<string> = fc
  .tuple(fc.string({ maxLength: 10 }), controlCharacter, fc.string({ maxLength: 10 }))
  .map(([before, control, after]) => `op${before}${control}${after}x`);

/** Blank text: empty, or white space only. */
export const blank: fc.Arbitrary<string> = fc.constantFrom("", " ", "   ", "\u00a0", "\u3000");

/** A value with white space at one end. */
export const padded: fc.Arbitrary<string> = fc.tuple(oddValue(40), fc.constantFrom(" ", "  ", "\u00a0")).chain(([value, space]) =>
  fc.constantFrom(`${space}${value}`, `${value}${space}`),
);

/** A value longer than the 512 characters an ID may have. */
export const tooLong: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 513, max: 4000 }), fc.constantFrom("x", "é", "$(id)", "${a}", "9"))
  .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

/** Any JSON-like or JavaScript value of the wrong kind for a string field. */
export const notAString: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.bigInt(),
  fc.constant(Number.NaN),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
  fc.constant(Symbol("x")),
  fc.constant(() => "op-1"),
  fc.constant(new Date(0)),
  fc.constant(Object.create(null) as object),
  fc.constant(["op-1"]),
  fc.constant(["https://127.0.0.1:1"]),
);
