/**
 * The life of the `--state-out` file, in isolation: which arguments name it,
 * what an earlier run left that is removed (or refused), how the Result is
 * written, and the ERROR Result, agreeing with exit 4, when it cannot be.
 * Through the real CLI: state-out-lifecycle.test.ts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { clearEarlierStateFiles, clearStateOut, STATE_OUT_ERROR, stateOutFiles, writeStateOut } from "../../src/cli/state-out";
import { Refusal } from "../../src/cli/refusal";
import { oosResult } from "../support/results";
import { temporaryFolder } from "../support/temporary-folder";

const RESULT = oosResult({ message: "all done" });

/** The module object itself (the `import * as` namespace above is read-only): what state-out.ts calls through. */
const nodeFs = require("node:fs") as typeof fs;

const takesValue = (flag: string) => ["--operation-id", "--region", "--timeout"].includes(flag);

let dir: string;
beforeEach(() => (dir = temporaryFolder("opgate-state-")));
afterEach(() => jest.restoreAllMocks());

describe("which arguments name the file", () => {
  test("both spellings, every occurrence, as commander reads them", () => {
    expect(stateOutFiles(["emr", "--state-out", "a", "--quiet", "--state-out=b", "--state-out="], takesValue)).toEqual(["a", "b", ""]);
    // The value of another flag is not a flag; nothing after `--` is one either.
    expect(stateOutFiles(["--operation-id", "--state-out", "--region=x", "--state-out", "c", "--", "--state-out", "d"], takesValue)).toEqual(["c"]);
    expect(stateOutFiles(["--state-out"], takesValue)).toEqual([]);
  });
});

describe("before anything else: what an earlier run left", () => {
  test("the file and a killed writer's temporary siblings are removed; other files stay", () => {
    const file = path.join(dir, "w.tfstate");
    const others = ["w.tfstate.backup", "w.tfstate.12345.tmp", "x.tfstate.0123456789ab.tmp", "w.tfstate.0123456789AB.tmp"];
    for (const name of ["w.tfstate", "w.tfstate.0123456789ab.tmp", "w.tfstate.fedcba987654.tmp", ...others]) fs.writeFileSync(path.join(dir, name), "{");
    expect(clearStateOut(file)).toBeNull();
    expect(fs.readdirSync(dir).sort()).toEqual([...others].sort());
  });

  test("a missing file or folder is nothing to remove; a link is removed, not what it points to", () => {
    expect(clearStateOut(path.join(dir, ".opgate", "new", "w.tfstate"))).toBeNull();
    fs.writeFileSync(path.join(dir, "target"), "keep");
    fs.symlinkSync(path.join(dir, "target"), path.join(dir, "link"));
    expect(clearStateOut(path.join(dir, "link"))).toBeNull();
    expect(fs.readdirSync(dir)).toEqual(["target"]);
  });

  /** Makes a FILE that must be refused, in `dir`. */
  const refused: [string, () => string, string][] = [
    ["an empty FILE", () => "", "--state-out must name a file: pass --state-out FILE"],
    ["a blank FILE", () => "  ", "--state-out must name a file: pass --state-out FILE"],
    ["a folder", () => folder(path.join(dir, "f")), "is a folder: name a file"],
    ["a FILE under a plain file", () => file(path.join(dir, "plain"), "sub", "w.tfstate"), "plain is a file, not a folder: name a file in a folder"],
  ];

  test.each(refused)("%s is refused, naming the flag", (_name, make, words) => {
    const stateOut = make();
    const problem = clearStateOut(stateOut);
    expect(problem).toMatch(/^--state-out/);
    expect(problem).toContain(words);
    expect(() => clearEarlierStateFiles(["--state-out", stateOut], takesValue)).toThrow(new Refusal(problem!, null));
  });
});

describe("after the wait", () => {
  test("SUCCESS is written with exact big integers and no temporary file left; the Result is unchanged", () => {
    const file = path.join(dir, ".opgate", "w.tfstate");
    expect(writeStateOut(file, RESULT)).toBe(RESULT);
    const text = fs.readFileSync(file, "utf8");
    expect(JSON.parse(text)).toMatchObject({ version: 4, serial: 1, resources: [], outputs: { status: { value: "SUCCESS", type: "string" } } });
    expect(text).toContain('\\"big\\":12345678901234567890');
    expect(fs.readdirSync(path.dirname(file))).toEqual(["w.tfstate"]);
  });

  test("any other outcome writes nothing", () => {
    const file = path.join(dir, "w.tfstate");
    for (const outcome of ["FAILURE", "CANCELLED", "TIMEOUT", "ERROR", "INTERRUPTED"] as const) {
      const result = { ...RESULT, outcome };
      expect(writeStateOut(file, result)).toBe(result);
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  const fullDisk = () => Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
  /** [case, what breaks the write and returns the FILE, the cause the message names]. */
  const failures: [string, () => string, string | RegExp][] = [
    ["a folder appeared at FILE", () => folder(path.join(dir, "w.tfstate")), "it is a folder: name a file (EISDIR)"],
    ["its folder cannot be made", () => file(path.join(dir, "sub"), "w.tfstate"), /a part of its path is a file, not a folder \(ENOTDIR\)|EEXIST/],
    ["the disk is full", () => failWrites(fullDisk()), "no space left on the device (ENOSPC)"],
    ["the Result is too large for a string", () => failWrites(new RangeError("Invalid string length")), "RangeError: Invalid string length"],
  ];

  test.each(failures)("a write that fails (%s) makes the Result an ERROR naming the file and the real cause; the status stays SUCCESS", (_name, breakIt, cause) => {
    const file = breakIt();
    const result = writeStateOut(file, RESULT);
    expect(result).toMatchObject({ outcome: "ERROR", status: "SUCCESS", rawStatus: "Success", outputs: RESULT.outputs, polls: 3, error: { code: STATE_OUT_ERROR } });
    expect(result.message).toBe(result.error!.message);
    expect(result.message).toMatch(new RegExp(`^cannot write --state-out ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: `));
    expect(result.message).toEqual(typeof cause === "string" ? expect.stringContaining(cause) : expect.stringMatching(cause));
    expect(result.message).not.toContain("check the folder exists");
    expect(fs.readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});

/** Makes the folder `at`; returns it. */
function folder(at: string): string {
  fs.mkdirSync(at, { recursive: true });
  return at;
}

/** Makes a plain file at `at`; returns the path `rest` under it (which can never be made). */
function file(at: string, ...rest: string[]): string {
  fs.writeFileSync(at, "");
  return path.join(at, ...rest);
}

/** Makes every file write throw `error`; returns a FILE in `dir`. */
function failWrites(error: Error): string {
  jest.spyOn(nodeFs, "writeFileSync").mockImplementation(() => {
    throw error;
  });
  return path.join(dir, "w.tfstate");
}
