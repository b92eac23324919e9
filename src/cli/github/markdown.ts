/**
 * The Markdown written to `GITHUB_STEP_SUMMARY`: the outcome, the outputs,
 * and the step or resource table, with a Mermaid gantt chart of the sub-steps
 * that have start and end times. Text from the APIs is literal there: it
 * never becomes a link, an image or HTML.
 */
import type { Outcome, Result, Step } from "../../core/result";
import { clockText, stateText } from "../progress/describe";
import { reasonOf, subStepDetail } from "../summary";
import { oneLine, printableJson, valueText } from "../text";

/** The `outcome` written for a wait refused before any request (exit 2); not an outcome of a Result. */
export const USAGE_ERROR = "USAGE_ERROR";

/** ASCII punctuation, which CommonMark lets each be backslash-escaped. */
const MARKDOWN_PUNCTUATION = /[!-/:-@[-`{-~]/g;

/** Resources listed; a job summary is capped at 1 MiB. */
const MAX_RESOURCE_ROWS = 200;

const OUTCOME_ICONS: Readonly<Record<Outcome, string>> = {
  SUCCESS: "✅",
  FAILURE: "❌",
  CANCELLED: "⏹️",
  TIMEOUT: "⏱️",
  ERROR: "⚠️",
  INTERRUPTED: "✋",
};

/** The Markdown summary of `result`. */
export function markdownSummary(result: Result, note?: string | null): string {
  const out = [
    `### ${OUTCOME_ICONS[result.outcome]} opgate: ${result.service} ${cell(result.operationId)}: ${result.outcome}`,
    "",
    "| service | operation | outcome | last status | elapsed | polls |",
    "|---|---|---|---|---|---|",
    `| ${result.service} | ${cell(result.operationId)} | ${result.outcome} | ${cell(stateText(result.status, result.rawStatus))} | ${clockText(result.elapsedMs)} | ${result.polls} |`,
    "",
  ];
  const reason = reasonOf(result);
  if (reason.message) out.push(`**Message:** ${cell(reason.message)}`, "");
  if (reason.error) out.push(`**Error:** ${codeSpan(reason.error.code)} ${cell(reason.error.message)}`, "");
  if (note) out.push(`**Note:** ${cell(note)}`, "");
  if (Object.keys(result.outputs).length) out.push("<details><summary>Outputs</summary>", "", ...codeBlock("json", printableJson(result.outputs, 2)), "", "</details>", "");
  if (result.steps.length) out.push("#### Steps", "", ...stepTable(result.steps), "", ...gantt(result));
  if (result.resources.length) {
    out.push(`#### Resources (${result.resources.length})`, "", "| resource | status | execution time | outputs |", "|---|---|---|---|");
    const shown = result.resources.slice(0, MAX_RESOURCE_ROWS);
    for (const r of shown) out.push(`| ${cell(r.resourceId)} | ${cell(r.status)} | ${cell(r.executionTime ?? "-")} | ${cell(valueText(r.outputs, 120))} |`);
    const hidden = result.resources.length - shown.length;
    out.push(...(hidden > 0 ? ["", `… and ${hidden} more (\`--output json\` lists them all)`] : []), "");
  }
  return out.join("\n") + "\n";
}

/**
 * The Markdown summary of a wait that ended before any request (exit 2: bad
 * usage or input, missing credentials): `command` (`opgate wait emr`) and why.
 */
export function usageErrorMarkdown(command: string, reason: string): string {
  return [
    `### ⛔ ${cell(command)}: ${USAGE_ERROR} (exit 2)`,
    "",
    `**Error:** ${cell(reason)}`,
    "",
    `Nothing was sent to the cloud API: fix the flags, the environment or the credentials (${codeSpan(`${command} --help`)}).`,
    "",
  ].join("\n");
}

function stepTable(steps: readonly Step[]): string[] {
  const rows = ["| # | step | status | start | end | detail |", "|---|---|---|---|---|---|"];
  for (const step of steps) {
    rows.push(`| ${step.serialNum} | **${cell(step.name)}** | ${cell(step.status)} | | | ${cell(step.detail ?? "")} |`);
    for (const sub of step.subSteps) {
      rows.push(`| ${step.serialNum}.${sub.serialNum} | ${cell(sub.name)} | ${cell(sub.status)} | ${sub.startTime ?? "-"} | ${sub.endTime ?? "-"} | ${cell(subStepDetail(sub))} |`);
    }
  }
  return rows;
}

/** A Mermaid gantt of the sub-steps with both times, one section per step; nothing when no sub-step has times. */
function gantt(result: Result): string[] {
  const sections: string[] = [];
  for (const step of result.steps) {
    const tasks = step.subSteps
      .filter((sub) => sub.startTime && sub.endTime)
      .map((sub) => `  ${ganttText(sub.name)} :${ganttTag(sub.status)}, ${sub.startTime}, ${sub.endTime}`);
    if (tasks.length) sections.push(`  section ${ganttText(`${step.serialNum} ${step.name}`)}`, ...tasks);
  }
  if (!sections.length) return [];
  return [
    "```mermaid",
    "gantt",
    `  title ${ganttText(`${result.service} ${result.operationId}`)}`,
    "  dateFormat YYYY-MM-DDTHH:mm:ss.SSSZ",
    "  axisFormat %H:%M:%S",
    ...sections,
    "```",
    "",
  ];
}

/** Mermaid marks a task `crit` (failed), `done` or `active` from its raw status. */
function ganttTag(status: string): string {
  if (/fail|error|stop|cancel/i.test(status)) return "crit";
  return /success|finish|complete|done/i.test(status) ? "done" : "active";
}

/**
 * Text Mermaid reads as a plain task, section or title name: letters,
 * digits and `.` `_` `/` `-`; any other run (`:`, `#`, `;`, `%%` directives,
 * line breaks, invisible characters) becomes one space.
 */
function ganttText(text: string): string {
  return text.replace(/[^\p{L}\p{N}._/-]+/gu, " ").trim() || "-";
}

/**
 * API or user text as literal Markdown, in a table cell or a paragraph: every
 * ASCII punctuation mark backslash-escaped (CommonMark allows it for each),
 * so that no link, image, autolink, HTML, emphasis or table pipe comes of
 * it; control characters flattened and invisible ones shown (`oneLine`);
 * line breaks as `<br>`.
 */
function cell(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => oneLine(line).replace(MARKDOWN_PUNCTUATION, "\\$&"))
    .join("<br>");
}

/** API text as an inline code span (nothing inside is markup), on one line, fenced by more backticks than it holds. */
function codeSpan(text: string): string {
  const flat = oneLine(text);
  const fence = "`".repeat(Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced code block whose fence is longer than any backtick run in `text`. */
function codeBlock(lang: string, text: string): string[] {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return [fence + lang, text, fence];
}
