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
    expect(md).toContain("**Message:** quota \\| exceeded &lt;b&gt;now&lt;/b&gt;");
    expect(md).toContain("| 1.1 | Install #1; peer | failed | 2024-01-01T00:00:00.000Z | 2024-01-01T00:00:05.000Z | no quota; retry later |");
    expect(md).toContain("  section 1 Deploy peers\n  Install 1 peer :crit, 2024-01-01T00:00:00.000Z, 2024-01-01T00:00:05.000Z\n```");
    expect(md).not.toMatch(/Join channel :/);
    expect(md).toContain('"nodes": 12345678901234567890');
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
