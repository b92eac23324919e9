/**
 * The human summary printed on stdout when a wait ends (text mode): the
 * outcome and its reason, then what the operation produced: outputs (e.g. the
 * BPStudio tagMap, the EMR state change reason), the step table with
 * sub-steps, the per-resource statuses.
 */
import type { Result, ResultError, Step, SubStep } from "../core/result";
import { clockText, pollCount, stateText } from "./progress/describe";
import { formatTable, oneLine, outputText, valueText } from "./text";

/** Resources listed in the summary; the outputs' `counts` and `--output json` cover the rest. */
const MAX_RESOURCE_ROWS = 10;

/**
 * The summary of `result`. `note` is the remark of the last answer (e.g. that
 * a human must act on an EMR operation), shown when present. When the wait
 * did not succeed, the note, error and message lines come last, the API's
 * message on the very last line.
 */
export function textSummary(result: Result, note?: string | null): string {
  const lines = [headline(result)];
  const reason: string[] = [];
  const { error, message } = reasonOf(result);
  if (note) reason.push(`note: ${oneLine(note)}`);
  if (error) reason.push(`error: ${oneLine(`${error.code}: ${error.message}`)}`);
  if (message) reason.push(`message: ${oneLine(message)}`);
  // A wait that did not succeed ends with its reason: the last line a CI log or Terraform shows.
  const failed = result.outcome !== "SUCCESS";
  if (!failed) lines.push(...reason);
  const outputs = Object.entries(result.outputs).filter(([, value]) => value !== null && value !== undefined);
  if (outputs.length) lines.push("outputs:", ...formatTable(["name", "value"], outputs.map(([name, value]) => [name, outputText(name, value)])));
  if (result.steps.length) lines.push(`steps (${result.steps.length}):`, ...stepTable(result.steps));
  if (result.resources.length) {
    const shown = result.resources.slice(0, MAX_RESOURCE_ROWS);
    const rows = shown.map((r) => [r.resourceId, r.status, r.executionTime ?? "-", valueText(r.outputs, 80)]);
    lines.push(`resources (${result.resources.length}):`, ...formatTable(["resource", "status", "execution time", "outputs"], rows));
    const hidden = result.resources.length - shown.length;
    if (hidden > 0) lines.push(`  … and ${hidden} more (--output json lists them all)`);
  }
  if (failed) lines.push(...reason);
  return lines.join("\n") + "\n";
}

/**
 * The Result's error and message, each text said once: an ERROR's message
 * is its error's text (only the error is kept, with its code), and a
 * TIMEOUT's message quotes the last error (only the message is kept).
 */
export function reasonOf(result: Result): { error: ResultError | null; message: string | null } {
  const { error, message } = result;
  if (!error || message === null) return { error, message };
  if (message === error.message) return { error, message: null };
  return message.includes(error.message) ? { error: null, message } : { error, message };
}

/** `SUCCESS: emr op-1 (last status SUCCESS (COMPLETED)) after 20s, 8 polls`. */
function headline(result: Result): string {
  const status = result.status ? `, last status ${stateText(result.status, result.rawStatus)}` : "";
  return `${result.outcome}: ${result.service} ${oneLine(result.operationId)}${status}, after ${clockText(result.elapsedMs)} and ${pollCount(result.polls)}`;
}

/** Steps and, indented under each, its sub-steps with their times. */
function stepTable(steps: readonly Step[]): string[] {
  const rows: string[][] = [];
  for (const step of steps) {
    rows.push([String(step.serialNum), step.name, step.status, "", "", step.detail ?? ""]);
    for (const sub of step.subSteps) {
      rows.push([`${step.serialNum}.${sub.serialNum}`, `  ${sub.name}`, sub.status, sub.startTime ?? "-", sub.endTime ?? "-", subStepDetail(sub)]);
    }
  }
  return formatTable(["#", "step", "status", "start", "end", "detail"], rows);
}

/** A sub-step's detail and messages, as one text: `no quota; retry later`. */
export function subStepDetail(sub: SubStep): string {
  return [sub.detail, ...(sub.message ?? [])].filter((text): text is string => !!text).join("; ");
}
