import fc from "fast-check";
import { isInteger, isSafeNumber, LosslessNumber, parse } from "lossless-json";
import { isExactNumber, JsonTooDeepError, MAX_JSON_DEPTH, parseJson } from "../../src/core/json";
import { toJson } from "../../src/core/values";

describe("parseJson", () => {
  test("returns integers beyond 2^53 as exact bigints and the rest as numbers", () => {
    const value = parseJson('{"t":1618219038464000000,"n":42,"f":1.5,"max":9007199254740991,"neg":-9007199254740993}');
    expect(value).toEqual({ t: 1618219038464000000n, n: 42, f: 1.5, max: 9007199254740991, neg: -9007199254740993n });
  });

  test.each(["1e400", "-1e400", "1e-400", "1e308", "0.1000000000000000055511151231257827", "12345678901234567891.5", `1${"0".repeat(150)}`])(
    "keeps %s, which no double holds, exactly: written back unchanged",
    (number) => {
      const value = parseJson(`{"a":${number},"b":[${number}]}`) as { a: unknown; b: unknown[] };
      expect(isExactNumber(value.a)).toBe(true);
      expect(String(value.a)).toBe(number);
      expect(toJson(value)).toBe(`{"a":${number},"b":[${number}]}`);
    },
  );

  test("numbers a double holds exactly stay numbers, however written", () => {
    expect(parseJson("[1e5, 1.50, -0, 0.30000000000000004, 2.5e-7, 123456789012345]")).toEqual([1e5, 1.5, -0, 0.30000000000000004, 2.5e-7, 123456789012345]);
  });

  test("digits inside strings are text, never numbers", () => {
    expect(parseJson('{"id":"12345678901234567891","e":"1e400","q":"a\\\\\\"1e400"}')).toEqual({ id: "12345678901234567891", e: "1e400", q: 'a\\"1e400' });
  });

  test("refuses text nested deeper than MAX_JSON_DEPTH before parsing it, and takes that depth itself", () => {
    const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
    expect(() => parseJson(nested(MAX_JSON_DEPTH + 1))).toThrow(JsonTooDeepError);
    expect(() => parseJson(`{"a":${nested(100_000)}}`)).toThrow(`JSON nested more than ${MAX_JSON_DEPTH} levels deep`);
    expect(() => parseJson(`{"a":${nested(MAX_JSON_DEPTH - 1)},"big":12345678901234567891}`)).not.toThrow();
    // Brackets inside strings are not nesting.
    expect(parseJson(JSON.stringify({ s: "[".repeat(10_000) }))).toEqual({ s: "[".repeat(10_000) });
  });

  test("text that is not JSON is a SyntaxError", () => {
    for (const text of ["", "{", '{"a":', "[1,]", "<html>", '"unterminated', "1-2", "--1"]) expect(() => parseJson(text)).toThrow(SyntaxError);
  });

  test("an integer of a million digits keeps its text, at once (a bigint of it takes seconds)", () => {
    const digits = "7".repeat(1_000_000);
    const value = parseJson(`[${digits}]`) as unknown[];
    expect(value[0]).toBeInstanceOf(LosslessNumber);
    expect(String(value[0])).toHaveLength(1_000_000);
  });

  test("whatever the numbers, the same values as the exact parser on every input (fast path or not)", () => {
    const exactOf = (text: string) =>
      parse(text, null, (t) => {
        const n = Number(t);
        if (isSafeNumber(t) && !(Number.isInteger(n) && !Number.isSafeInteger(n))) return n;
        return isInteger(t) && t.replace("-", "").length <= 100 ? BigInt(t) : new LosslessNumber(t);
      });
    /** Numbers as the text of their token, apart from strings. */
    const number = fc
      .oneof(
        fc.integer().map(String),
        fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
        fc.constantFrom("1e400", "-1e-400", "0.1000000000000000055511151231257827", "1.5e3", "-0", "1E5", "2.50"),
      )
      .map((raw) => ({ raw }));
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: "small" }, number, fc.string(), fc.boolean(), fc.constant(null), tie("array"), tie("object")),
      array: fc.array(tie("value"), { maxLength: 4 }),
      object: fc.dictionary(fc.string(), tie("value"), { maxKeys: 4 }),
    })).value;
    const text = (v: unknown): string => {
      if (Array.isArray(v)) return `[${v.map(text).join(",")}]`;
      if (v !== null && typeof v === "object") {
        if ("raw" in v && Object.keys(v).length === 1 && typeof v.raw === "string") return v.raw;
        return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${text(x)}`).join(",")}}`;
      }
      return JSON.stringify(v);
    };
    fc.assert(
      fc.property(json, (v) => {
        const t = text(v);
        expect(parseJson(t)).toEqual(exactOf(t));
      }),
      { numRuns: 500, seed: 20261207 },
    );
  });
});
