/**
 * The words of a progress line, shared by the live terminal view and the
 * plain CI log: `emr op-1 | RUNNING (IN_PROGRESS) | 2/5 steps done | elapsed 12s | next poll in 3s`.
 * Nothing here is clipped: the live view clips its lines to the terminal's
 * width, and a CI log keeps them whole.
 */
import { formatDuration } from "../../core/duration";
import type { ProgressEvent } from "../../core/progress";
import type { Result } from "../../core/result";
import { oneLine } from "../text";

/**
 * What one wait is doing, `ageMs` after `event` arrived: the elapsed time and
 * the countdown to the next poll move on by `ageMs` while the wait goes on.
 */
export function describeProgress(event: ProgressEvent, ageMs = 0): string {
  const ongoing = event.nextPollInMs !== null;
  const parts = [describeState(event), `elapsed ${clockText(event.elapsedMs + (ongoing ? ageMs : 0))}`];
  if (ongoing) parts.push(`next poll in ${countdownText(event.nextPollInMs! - ageMs)}`);
  return parts.join(" | ");
}

/**
 * What an event says about the wait, without its times: two events that
 * describe the same are the same line to a reader (`emr op-1 | no answer yet
 * | not found yet (ResourceNotFound)`).
 */
export function describeState(event: ProgressEvent): string {
  const parts = [`${event.service} ${oneLine(event.operationId)}`, stateText(event.state, event.rawStatus)];
  const progress = event.snapshot?.progress;
  if (progress) parts.push(`${progress.done}/${progress.total} ${progress.unit} done`);
  if (event.snapshot?.note) parts.push(oneLine(event.snapshot.note));
  if (event.error && event.kind === "retry") parts.push(`retrying after ${oneLine(`${event.error.code}: ${event.error.message}`)}`);
  if (event.error && event.kind === "not-found") parts.push(`not found yet (${oneLine(event.error.code)})`);
  return parts.join(" | ");
}

/**
 * How a wait ended, with its reason when it has one:
 * `emr op-1 | FAILURE | last status FAILURE (FAILED) | 8 polls | elapsed 20s | OutOfStock: sold out`.
 */
export function describeEnd(result: Result): string {
  const status = result.status ? ` | last status ${stateText(result.status, result.rawStatus)}` : "";
  const line = `${result.service} ${oneLine(result.operationId)} | ${result.outcome}${status} | ${pollCount(result.polls)} | elapsed ${clockText(result.elapsedMs)}`;
  const reason = result.message ?? (result.error ? `${result.error.code}: ${result.error.message}` : null);
  return reason ? `${line} | ${oneLine(reason)}` : line;
}

/** `1 poll`, `8 polls`. */
export function pollCount(polls: number): string {
  return `${polls} ${polls === 1 ? "poll" : "polls"}`;
}

/** `RUNNING (IN_PROGRESS)`, or just `SUCCESS` when the raw status says the same. */
export function stateText(state: string | null, rawStatus: string | null): string {
  if (state === null) return "no answer yet";
  if (rawStatus === null || rawStatus.toUpperCase() === state) return state;
  return `${state} (${oneLine(rawStatus, 60)})`;
}

/** Time left: `450ms` under a second, then whole seconds. */
function countdownText(ms: number): string {
  return ms < 1000 ? formatDuration(Math.max(0, ms)) : clockText(ms);
}

/** Whole seconds, as `12s` or `1m20s`. */
export function clockText(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return seconds === 0 ? "0s" : formatDuration(seconds * 1000);
}
