/**
 * GitHub Actions files: step outputs (`GITHUB_OUTPUT`) and the job summary
 * (`GITHUB_STEP_SUMMARY`). Written only when the runner sets the variables.
 */
import { appendFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import type { Result } from "../../core/result";
import { printableJson } from "../text";
import { markdownSummary, USAGE_ERROR, usageErrorMarkdown } from "./markdown";

/**
 * Appends `status`, `outcome`, `outputs` (the Result's outputs as JSON) and,
 * when the Result has one, `error` (`CODE: message`) to `GITHUB_OUTPUT`, and
 * the Markdown summary to `GITHUB_STEP_SUMMARY`, when `env` sets them.
 * Returns the problems met (files that cannot be written).
 */
export function writeGitHubFiles(result: Result, env: Record<string, string | undefined>, note?: string | null): string[] {
  const problems: string[] = [];
  const error = result.error ? { error: `${result.error.code}: ${result.error.message}` } : {};
  const outputs = { status: result.status ?? "", outcome: result.outcome, outputs: printableJson(result.outputs), ...error };
  append(env.GITHUB_OUTPUT, "GITHUB_OUTPUT", () => Object.entries(outputs).map(([name, value]) => outputEntry(name, value)).join(""), problems);
  append(env.GITHUB_STEP_SUMMARY, "GITHUB_STEP_SUMMARY", () => markdownSummary(result, note), problems);
  return problems;
}

/**
 * For a wait refused before any request (exit 2: bad usage or input, missing
 * credentials): appends `status` (empty), `outcome` (`USAGE_ERROR`), `outputs`
 * (`{}`) and `error` (the reason) to `GITHUB_OUTPUT`, and a short summary to
 * `GITHUB_STEP_SUMMARY`, when `env` sets them. `command` is `opgate wait emr`.
 * Returns the problems met.
 */
export function writeGitHubUsageError(command: string, reason: string, env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const outputs = { status: "", outcome: USAGE_ERROR, outputs: "{}", error: reason };
  append(env.GITHUB_OUTPUT, "GITHUB_OUTPUT", () => Object.entries(outputs).map(([name, value]) => outputEntry(name, value)).join(""), problems);
  append(env.GITHUB_STEP_SUMMARY, "GITHUB_STEP_SUMMARY", () => usageErrorMarkdown(command, reason), problems);
  return problems;
}

/** `name<<DELIM\nvalue\nDELIM\n` with a random delimiter that `value` does not contain. */
export function outputEntry(name: string, value: string): string {
  let delimiter: string;
  do delimiter = `opgate_${randomBytes(12).toString("hex")}`;
  while (value.includes(delimiter));
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

function append(path: string | undefined, variable: string, text: () => string, problems: string[]): void {
  if (!path) return;
  try {
    appendFileSync(path, text(), "utf8");
  } catch (err) {
    problems.push(`cannot write ${variable} (${(err as NodeJS.ErrnoException).code ?? "error"})`);
  }
}
