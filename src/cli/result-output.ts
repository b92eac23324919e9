/**
 * What a finished wait prints and writes besides progress: the Result on
 * stdout (a summary, or one JSON object) and the GitHub Actions files. The
 * wait is over when this runs: nothing that fails here changes its outcome
 * or its exit code (a SUCCESS never becomes an "internal error"); each
 * failure is one warning on stderr.
 */
import type { Result } from "../core/result";
import { causeOf } from "./failure-cause";
import { writeGitHubFiles } from "./github/outputs-file";
import { textSummary } from "./summary";
import { printableJson } from "./text";
import type { OutputFormat } from "./wait-flags";

/** Where the output goes. */
export interface ResultOutputTarget {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Where the GitHub Actions files are named (`GITHUB_OUTPUT`, `GITHUB_STEP_SUMMARY`). */
  env: Record<string, string | undefined>;
}

/**
 * Prints `result` on stdout as `format` says (`note`: the remark of the last
 * answer, for the summary) and writes the GitHub Actions files; a failure of
 * either is a warning on stderr.
 */
export function printResult(result: Result, format: OutputFormat, note: string | null, target: ResultOutputTarget): void {
  const { stdout, stderr, env } = target;
  const warn = (text: string) => stderr.write(`opgate: warning: ${text}\n`);
  const attempt = (what: string, step: () => void) => {
    try {
      step();
    } catch (err) {
      warn(`cannot ${what}: ${causeOf(err)}`);
    }
  };
  attempt("print the Result", () => stdout.write(format === "json" ? `${printableJson(result)}\n` : textSummary(result, note)));
  attempt("write the GitHub Actions files", () => writeGitHubFiles(result, env, note).forEach(warn));
}
