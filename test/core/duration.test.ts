import { formatDuration, parseDuration } from "../../src/core/duration";
import { InputError } from "../../src/core/errors";

describe("parseDuration", () => {
  test.each([
    ["90s", 90_000],
    ["10m", 600_000],
    ["1h30m", 5_400_000],
    ["250ms", 250],
    ["90", 90_000],
    [90, 90_000],
    ["1.5h", 5_400_000],
    ["2d", 172_800_000],
  ])("%p is %d ms", (text, ms) => {
    expect(parseDuration(text, "timeout")).toBe(ms);
  });

  test.each(["", "abc", "10x", "-5s", "1h-30m", "0s", "0", "8d", null, {}, "s", NaN, " 90s", "1h1h", "0.5ms"])("%p is refused naming the field", (bad) => {
    expect(() => parseDuration(bad, "timeout")).toThrow(InputError);
    expect(() => parseDuration(bad, "timeout")).toThrow(/^timeout: /);
  });

  test.each([
    ["1h1h", "gives a unit twice: give each unit once, e.g. 1h30m"],
    ["1h30m1h", "gives a unit twice"],
    ["30s30s", "gives a unit twice"],
    ["0.5ms", "must be at least 1ms"],
    ["0.0001", "must be at least 1ms"],
    [0.0005, "must be at least 1ms"],
    ["0", "must be at least 1ms"],
    [-1, "must be at least 1ms"],
    ["8d", "must be at most 7d"],
    [Infinity, "is not a duration"],
    ["5 minutes", "is not a duration: use e.g. 90s, 10m, 1h30m or a number of seconds"],
    [10n, "must be a duration text or a number of seconds, got bigint"],
  ])("%p: %s (one number with one unit each; at least 1ms)", (bad, reason) => {
    expect(() => parseDuration(bad, "timeout")).toThrow(`timeout: ${reason}`);
  });

  test.each([
    ["1m1ms", 60_001],
    ["1ms", 1],
    ["0.001", 1],
    ["1d1h1m1s1ms", 90_061_001],
    ["7d", 604_800_000],
  ])("%p is %d ms: each unit once, ms and m apart", (text, ms) => {
    expect(parseDuration(text, "timeout")).toBe(ms);
  });

  test("formats for humans", () => {
    expect(formatDuration(5_400_000)).toBe("1h30m");
    expect(formatDuration(1500)).toBe("1.5s");
    expect(formatDuration(61_000)).toBe("1m1s");
  });
});
