/**
 * `opgate api eval`: what one saved answer gives, read exactly as a wait
 * reads it on the wire (the HTTP status and an error body classed by the
 * client, then the spec's acceptors and lists): the state, the raw status,
 * the message, the outputs, or what an error answer does to the wait. For
 * finding the right expressions without a cloud. It sends nothing.
 */
import { readFileSync } from "node:fs";
import { readSavedAnswer } from "../clients/offline";
import { ApiError, InputError } from "../core/errors";
import type { Snapshot } from "../core/result";
import { toJson } from "../core/values";
import { preparedFromOptions } from "./api-input";
import { formatTable, valueText } from "./text";

/** What an error answer does to a wait, by its kind. */
const ERROR_EFFECT: Readonly<Record<ApiError["kind"], string>> = {
  transient: "transient: retried until the deadline (TIMEOUT, exit 3, if it lasts)",
  notFound: "not found: tolerated for the grace period (30 s), then ERROR (exit 4)",
  permanent: "the wait ends with ERROR (exit 4)",
};

/** The saved answer's text (`-`: standard input). */
function answerText(file: string): string {
  try {
    return readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (err) {
    throw new InputError("answer", `cannot read ${file === "-" ? "standard input" : JSON.stringify(file)} (${(err as NodeJS.ErrnoException).code ?? "error"}): give the saved answer's file`);
  }
}

/** The HTTP status the answer came with (default 200). */
function httpStatus(text: unknown): number {
  if (text === undefined) return 200;
  const status = Number(text);
  if (!/^\d{3}$/.test(String(text)) || status < 100 || status > 599) throw new InputError("status", `must be an HTTP status from 100 to 599, got ${JSON.stringify(text)}`);
  return status;
}

/** The text `opgate api eval` prints for the options (throws `InputError` for bad input). */
export async function apiEvalReport(options: Readonly<Record<string, unknown>>, env: Record<string, string | undefined>): Promise<string> {
  const wait = preparedFromOptions(options, env);
  const status = httpStatus(options.status);
  const text = answerText(options.answer as string);
  const saved = { call: async () => readSavedAnswer(wait.target.cloud, wait.request, status, text, wait.target.isNotFound) };
  let read: Snapshot | ApiError;
  try {
    read = await wait.poll(saved, new AbortController().signal);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    read = err;
  }
  if (options.output === "json") return `${toJson(read instanceof ApiError ? { error: { code: read.code, kind: read.kind, message: read.message, httpStatus: read.httpStatus } } : read)}\n`;
  if (read instanceof ApiError) return `error ${read.code} (HTTP ${read.httpStatus ?? status}): ${ERROR_EFFECT[read.kind]}\n  ${read.message}\n`;
  const lines = [`state: ${read.state}`, `rawStatus: ${valueText(read.rawStatus)}`, `message: ${valueText(read.message)}`];
  if (read.progress) lines.push(`progress: ${read.progress.done} of ${read.progress.total} ${read.progress.unit}`.trimEnd());
  if (read.note) lines.push(`note: ${read.note}`);
  const outputs = Object.entries(read.outputs);
  if (outputs.length === 0) lines.push("outputs: none (the spec selects none)");
  else lines.push("outputs:", ...formatTable(["name", "value"], outputs.map(([name, value]) => [name, valueText(value)])));
  return `${lines.join("\n")}\n`;
}
