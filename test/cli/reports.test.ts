/**
 * What the CLI writes besides progress: the GitHub step outputs and Markdown
 * summary, JSON with big integers, and the last-resort error report.
 */
import type { Result } from "../../src/core/result";
import { describeFatal, redactSecrets } from "../../src/cli/exit";
import { markdownSummary } from "../../src/cli/github/markdown";
import { outputEntry } from "../../src/cli/github/outputs-file";
import { toJson } from "../../src/core/values";
import { textSummary } from "../../src/cli/summary";

const BASE: Result = {
  service: "bcs",
  operationId: "rec-1",
  outcome: "FAILURE",
  status: "FAILURE",
  rawStatus: "failed",
  message: "quota | exceeded <b>now</b>",
  outputs: { clusterInfo: { nodes: 12345678901234567890n } },
  steps: [
    {
      name: "Deploy: peers",
      status: "failed",
      detail: null,
      serialNum: 1,
      subSteps: [
        { name: "Install #1; peer", status: "failed", detail: "no quota", message: ["retry later"], startTime: "2024-01-01T00:00:00.000Z", endTime: "2024-01-01T00:00:05.000Z", serialNum: 1 },
        { name: "Join channel", status: "", detail: "waiting", message: null, startTime: null, endTime: null, serialNum: 2 },
      ],
    },
  ],
  resources: [],
  polls: 4,
  elapsedMs: 20_000,
  error: null,
};

test("JSON keeps integers beyond 2^53 exact", () => {
  expect(toJson({ n: 12345678901234567890n })).toBe('{"n":12345678901234567890}');
});

test("a step output entry uses a random delimiter that the value does not contain", () => {
  const entry = outputEntry("outputs", '{"a":"opgate_"}\nline two');
  const match = /^outputs<<(opgate_[0-9a-f]{24})\n([\s\S]*)\n\1\n$/.exec(entry);
  expect(match?.[2]).toBe('{"a":"opgate_"}\nline two');
  expect(outputEntry("x", "v")).not.toBe(outputEntry("x", "v"));
});

describe("Markdown summary", () => {
  test("escapes table cells, lists sub-steps and draws only timed sub-steps in the gantt, with names Mermaid accepts", () => {
    const md = markdownSummary(BASE);
    expect(md).toContain("**Message:** quota \\| exceeded \\<b\\>now\\<\\/b\\>");
    expect(md).toContain("| 1.1 | Install \\#1\\; peer | failed | 2024-01-01T00:00:00.000Z | 2024-01-01T00:00:05.000Z | no quota\\; retry later |");
    expect(md).toContain("  section 1 Deploy peers\n  Install 1 peer :crit, 2024-01-01T00:00:00.000Z, 2024-01-01T00:00:05.000Z\n```");
    expect(md).not.toMatch(/Join channel :/);
    expect(md).toContain('"nodes": 12345678901234567890');
  });

  test("API text never becomes a link, an image, an autolink, HTML or a Mermaid directive", () => {
    const hostile = "see [docs](https://evil.example/x) ![pixel](https://evil.example/p.png) www.evil.example <img src=x> **bold** &amp; a\\b";
    const step = { ...BASE.steps[0], name: "%%{init: {'theme':'dark'}}%% click", subSteps: [{ ...BASE.steps[0].subSteps[0], name: hostile }] };
    const resources = [{ resourceId: hostile, status: "Success", outputs: hostile, executionTime: null }];
    const md = markdownSummary({ ...BASE, operationId: hostile, message: hostile, error: { code: "Bad`Code", message: "denied" }, steps: [step], resources });
    const escaped = "see \\[docs\\]\\(https\\:\\/\\/evil\\.example\\/x\\) \\!\\[pixel\\]\\(https\\:\\/\\/evil\\.example\\/p\\.png\\) www\\.evil\\.example \\<img src\\=x\\> \\*\\*bold\\*\\* \\&amp\\; a\\\\b";
    // The heading, the table, the message, the step table and the resource table: each time escaped.
    expect(md.split(escaped).length - 1).toBe(6);
    const outsideCode = md.replace(/```[\s\S]*?```/g, "");
    expect(outsideCode).not.toMatch(/(?<!\\)(\[docs|!\[|\(https|<img|\*\*bold|&amp)/);
    expect(md).toContain("**Error:** ``Bad`Code``");
    const gantt = /```mermaid\n([\s\S]*?)```/.exec(md)![1];
    expect(gantt.replace("axisFormat %H:%M:%S", "")).not.toMatch(/%|\{|'|:\/\/|<|\[|!|\*|&/);
    expect(gantt).toContain("section 1 init theme dark click");
  });

  test("bidi controls and other invisible characters are shown, in cells, code and the outputs' JSON", () => {
    const rlo = "invoice\u202Efdp.exe\u200B";
    const md = markdownSummary({ ...BASE, message: rlo, error: { code: "X\u2066", message: "m" }, outputs: { file: rlo } });
    expect(md).not.toMatch(/[\u202E\u200B\u2066]/);
    expect(md).toContain("invoice\\<U\\+202E\\>fdp\\.exe\\<U\\+200B\\>");
    expect(md).toContain("`X<U+2066>`");
    expect(md).toContain('"file": "invoice\\u202efdp.exe\\u200b"');
  });

  test("an ERROR says its text once, with its code", () => {
    const error = { code: "NetworkError", message: "127.0.0.1:1: ECONNREFUSED (no answer from the API in 3 polls over 7s: is the endpoint right?)" };
    const md = markdownSummary({ ...BASE, outcome: "ERROR", message: error.message, error });
    expect(md.split("ECONNREFUSED")).toHaveLength(2);
    expect(md).toContain("**Error:** `NetworkError` 127\\.0\\.0\\.1\\:1\\: ECONNREFUSED");
  });

  test("no gantt when no sub-step has times; the note of the last answer is shown", () => {
    const md = markdownSummary({ ...BASE, steps: [{ ...BASE.steps[0], subSteps: [BASE.steps[0].subSteps[1]] }] }, "someone must act");
    expect(md).not.toContain("mermaid");
    expect(md).toContain("**Note:** someone must act");
  });
});

test("the text summary: headline, outputs with exact big integers, step table, and a failure's reason last", () => {
  const text = textSummary(BASE);
  const lines = text.trimEnd().split("\n");
  expect(lines[0]).toBe("FAILURE: bcs rec-1, last status FAILURE (failed), after 20s and 4 polls");
  expect(lines.at(-1)).toBe("message: quota | exceeded <b>now</b>");
  expect(textSummary({ ...BASE, outcome: "SUCCESS" }).split("\n")[1]).toBe("message: quota | exceeded <b>now</b>");
  expect(text).toMatch(/^ {2}clusterInfo +\{"nodes":12345678901234567890\}$/m);
  expect(text).toMatch(/^ {2}1\.1 +Install #1; peer +failed +2024-01-01T00:00:00\.000Z +2024-01-01T00:00:05\.000Z +no quota; retry later$/m);
});

describe("unexpected errors", () => {
  const env = { OPGATE_TEST_SECRET_KEY: "s3cr3t-value", PATH: "/bin" };

  test("one line without a stack trace, secrets blanked", () => {
    const text = describeFatal(new Error("boom with s3cr3t-value"), env);
    expect(text).toBe("opgate: internal error: boom with ***\nopgate: set OPGATE_DEBUG=1 for details\n");
  });

  test("OPGATE_DEBUG=1 adds the stack, still without secrets", () => {
    const text = describeFatal(new Error("boom s3cr3t-value"), { ...env, OPGATE_DEBUG: "1" });
    expect(text).toMatch(/^\s+at /m);
    expect(text).not.toContain("s3cr3t-value");
  });

  test("only secret-looking variables are blanked", () => {
    expect(redactSecrets("/bin and s3cr3t-value", env)).toBe("/bin and ***");
  });
});

describe("each reason said once (text summary)", () => {
  const error = { code: "NetworkError", message: "127.0.0.1:1: ECONNREFUSED (no answer from the API in 3 polls over 7s: is the endpoint right?)" };

  test("an ERROR ends with its error, code included, and says it once", () => {
    const text = textSummary({ ...BASE, outcome: "ERROR", message: error.message, error });
    expect(text.split("ECONNREFUSED")).toHaveLength(2);
    expect(text.trimEnd().split("\n").at(-1)).toBe(`error: NetworkError: ${error.message}`);
  });

  test("a TIMEOUT's message quotes its last error: only the message is printed", () => {
    const message = `the operation did not end within 20s (last status none); last error NetworkError: ${error.message}`;
    const text = textSummary({ ...BASE, outcome: "TIMEOUT", message, error });
    expect(text.split("ECONNREFUSED")).toHaveLength(2);
    expect(text.trimEnd().split("\n").at(-1)).toBe(`message: ${message}`);
  });

  test("an error and a message that say different things are both printed, the message last", () => {
    const lines = textSummary({ ...BASE, outcome: "ERROR", message: "the cluster is gone", error: { code: "E", message: "boom" } }).trimEnd().split("\n");
    expect(lines.slice(-2)).toEqual(["error: E: boom", "message: the cluster is gone"]);
  });
});

test("terminal text: bidi controls and invisible characters from an API are shown, never obeyed", () => {
  const text = textSummary({ ...BASE, operationId: "rec\u202E1", message: "a\u2067b\u200Dc\u2028d", outputs: { name: "x\u202Ey" } });
  expect(text).not.toMatch(/\u202E|\u2067|\u200D|\u2028/);
  expect(text).toContain("rec<U+202E>1");
  expect(text).toContain("message: a<U+2067>b<U+200D>c d");
  expect(text).toMatch(/^ {2}name +x<U\+202E>y$/m);
});
