import fc from "fast-check";
import { parseJson } from "../../src/core/json";
import type { Snapshot } from "../../src/core/result";
import { boundedSnapshot, DEEP_VALUES_NOTE, MAX_RESULT_DEPTH } from "../../src/core/result-depth";
import { toJson } from "../../src/core/values";

const snap = (extra: Partial<Snapshot>): Snapshot => ({ state: "SUCCESS", rawStatus: "SUCCESS", message: null, outputs: {}, steps: [], resources: [], ...extra });

/** Levels of objects and arrays in `value` (a scalar has 0). */
function depthOf(value: unknown): number {
  if (typeof value !== "object" || value === null) return 0;
  return 1 + Math.max(0, ...Object.values(value).map(depthOf));
}

/** `{"a":{"a":...{"a":[1]}}}`, `levels` levels of objects around an array. */
function nested(levels: number): unknown {
  let value: unknown = [1, 12345678901234567891n];
  for (let i = 1; i < levels; i++) value = { a: value };
  return value;
}

describe("boundedSnapshot", () => {
  test("leaves a snapshot of at most MAX_RESULT_DEPTH levels alone (the same object)", () => {
    const shallow = snap({ outputs: { arguments: nested(MAX_RESULT_DEPTH - 1) }, note: "n" });
    expect(boundedSnapshot(shallow)).toBe(shallow);
  });

  test("keeps what is deeper as its exact JSON text at that level, and says so in the note", () => {
    const deep = snap({ outputs: { arguments: nested(200) }, note: "unknown status" });
    const bounded = boundedSnapshot(deep);
    expect(depthOf(bounded.outputs)).toBe(MAX_RESULT_DEPTH);
    expect(bounded.note).toBe(`unknown status; ${DEEP_VALUES_NOTE}`);
    // Nothing lost: the text at the cut reads back as the value it replaced.
    let inner: unknown = bounded.outputs.arguments;
    let original: unknown = deep.outputs.arguments;
    for (let level = 2; level <= MAX_RESULT_DEPTH; level++) {
      inner = (inner as { a: unknown }).a;
      original = (original as { a: unknown }).a;
    }
    expect(inner).toBe(toJson(original));
    expect(parseJson(inner as string)).toEqual(original);
  });

  test("bounds steps and resources too", () => {
    const resources = [{ resourceId: "i-1", status: "Success", outputs: nested(100), executionTime: null }];
    const bounded = boundedSnapshot(snap({ resources }));
    expect(depthOf(bounded.resources)).toBe(MAX_RESULT_DEPTH);
    expect(bounded.resources[0]!.resourceId).toBe("i-1");
    expect(bounded.note).toBe(DEEP_VALUES_NOTE);
  });

  test("any value: at most MAX_RESULT_DEPTH levels, and every cut reads back to what it replaced", () => {
    const small = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: "small" }, fc.integer(), fc.string(), fc.constant(null), tie("array"), tie("object")),
      array: fc.array(tie("value"), { maxLength: 3 }),
      object: fc.dictionary(fc.string(), tie("value"), { maxKeys: 3 }),
    })).value;
    // A small tree wrapped in up to 60 levels of arrays and objects, each with a small sibling.
    const wrapper = fc.record({ key: fc.option(fc.string(), { nil: undefined }), sibling: small });
    const tree = fc.tuple(small, fc.array(wrapper, { maxLength: 60 })).map(([core, wrappers]) =>
      wrappers.reduce<unknown>((inner, w) => (w.key === undefined ? [inner, w.sibling] : { other: w.sibling, [w.key]: inner }), core),
    );
    fc.assert(
      fc.property(tree, (value) => {
        const outputs = { value };
        const bounded = boundedSnapshot(snap({ outputs }));
        expect(depthOf(bounded.outputs)).toBeLessThanOrEqual(MAX_RESULT_DEPTH);
        if (depthOf(outputs) <= MAX_RESULT_DEPTH) expect(bounded.outputs).toBe(outputs);
        // Nothing lost: every container below the last kept level is its JSON text, everything else as it was.
        const same = (kept: unknown, original: unknown, level: number): void => {
          if (typeof original !== "object" || original === null) return expect(kept).toBe(original);
          if (level > MAX_RESULT_DEPTH) return expect(kept).toBe(toJson(original));
          expect(Object.keys(kept as object)).toEqual(Object.keys(original));
          for (const [key, item] of Object.entries(original)) same((kept as Record<string, unknown>)[key], item, level + 1);
        };
        same(bounded.outputs, outputs, 1);
      }),
      { numRuns: 300, seed: 20261207 },
    );
  });
});
