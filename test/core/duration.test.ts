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

  test.each(["", "abc", "10x", "-5s", "1h-30m", "0s", "0", "8d", null, {}, "s", NaN])("%p is refused naming the field", (bad) => {
    expect(() => parseDuration(bad, "timeout")).toThrow(InputError);
    expect(() => parseDuration(bad, "timeout")).toThrow(/^timeout: /);
  });

  test("formats for humans", () => {
    expect(formatDuration(5_400_000)).toBe("1h30m");
    expect(formatDuration(1500)).toBe("1.5s");
    expect(formatDuration(61_000)).toBe("1m1s");
  });
});
