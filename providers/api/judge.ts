/**
 * Reading the answers of an API wait (docs/contract.md, "Any read API"):
 * - a successful answer: the spec's acceptors, in order, the first match
 *   wins (Smithy); else the lists on the value of `status` (trimmed,
 *   case-insensitive; a list status by the whole-set rule; null, missing or
 *   `[]` is not found); no acceptor and no `status` reads RUNNING;
 * - an error answer of the API: the `errorType` and `success: false`
 *   acceptors; unmatched, it stays the error the client classed (not found,
 *   or permanent: ERROR, never FAILURE, unlike Smithy).
 * A JMESPath runtime error (`length(null)`) counts as no match, or no value,
 * with a note naming the expression. Only the `outputs` projection of the
 * answer is kept.
 */
import { ApiError } from "../../src/core/errors";
import type { OperationState, Snapshot } from "../../src/core/result";
import { isPlainObject, toJson } from "../../src/core/values";
import { numberOf, textOf } from "../shared/api-answers";
import { normalizeStatus, StatusTable, type StatusReading } from "../shared/status-table";
import { jmespathDocument } from "./document";
import { evaluate } from "./jmespath";
import type { AcceptorState, ApiWaitSpec, PathMatcher, WaitAcceptor } from "./spec";

/** The state each Smithy acceptor state moves the wait to. */
const ACCEPTOR_STATES: Readonly<Record<AcceptorState, OperationState>> = { success: "SUCCESS", failure: "FAILURE", retry: "RUNNING" };

/** The code of the not-found error of an answer without a status. */
const STATUS_NOT_FOUND = "StatusNotFound";

/** Evaluates an expression of the spec, noting a runtime error (which reads as no value). */
type Run = (where: string, expression: string, root: unknown) => unknown;

/** True for what the list form reads as "not found": null, a missing value or an empty list. */
function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

/** A status value as text: a string, number or boolean (trimmed); anything else as JSON. */
function statusText(value: unknown): string {
  return (typeof value === "boolean" ? String(value) : (textOf(value) ?? toJson(value))).trim();
}

/** Smithy's comparators. */
function compares(value: unknown, matcher: PathMatcher): boolean {
  const { comparator, expected } = matcher;
  switch (comparator) {
    case "stringEquals":
      return value === expected;
    case "booleanEquals":
      return typeof value === "boolean" && String(value) === expected;
    case "allStringEquals":
      return Array.isArray(value) && value.length > 0 && value.every((item) => item === expected);
    case "anyStringEquals":
      return Array.isArray(value) && value.some((item) => item === expected);
  }
}

/** The name part of an absolute Smithy shape ID (`ns#StackNotFound` → `StackNotFound`). */
function errorName(errorType: string): string {
  return errorType.slice(errorType.lastIndexOf("#") + 1);
}

/** A message value as text: a string, or the non-blank strings of a list joined with "; "; blank reads as null. */
function messageOf(value: unknown): string | null {
  const parts = (Array.isArray(value) ? value : [value]).map((part) => (typeof part === "boolean" ? String(part) : textOf(part))?.trim() ?? "");
  const text = parts.filter((part) => part !== "").join("; ");
  return text === "" ? null : text;
}

/** Reads the answers of one wait. */
export class AnswerJudge {
  private readonly table: StatusTable;
  private readonly acceptors: readonly WaitAcceptor[];

  constructor(
    private readonly spec: ApiWaitSpec,
    /** What `inputOutput` matchers see as `input`. */
    private readonly input: unknown,
  ) {
    this.acceptors = spec.acceptors ?? [];
    this.table = new StatusTable("API", {
      FAILURE: spec.failure ?? [],
      CANCELLED: spec.cancelled ?? [],
      SUCCESS: spec.success ?? [],
      PENDING: spec.pending ?? [],
      RUNNING: spec.running ?? [],
    });
  }

  /**
   * The Snapshot of a successful answer. Throws a notFound `ApiError` when
   * no acceptor matches and `status` gives no value.
   */
  read(answer: unknown): Snapshot {
    const output = jmespathDocument(answer);
    const problems: string[] = [];
    const run: Run = (where, expression, root) => {
      const result = evaluate(expression, root);
      if (result.ok) return result.value;
      problems.push(`${where} ${JSON.stringify(expression)} failed (${result.error}): read as no value`);
      return undefined;
    };
    const index = this.acceptors.findIndex((acceptor, i) => this.matchesAnswer(acceptor, i, output, run));
    const acceptor = this.acceptors[index];
    const status = this.spec.status === undefined ? undefined : run("status", this.spec.status, output);
    let reading: StatusReading;
    if (acceptor) reading = { state: ACCEPTOR_STATES[acceptor.state], note: `acceptors[${index}] matched (${acceptor.state})` };
    else if (this.spec.status === undefined) reading = { state: "RUNNING" };
    else if (isAbsent(status)) throw this.notFound(problems);
    else reading = this.readStatus(status);
    const texts = isAbsent(status) ? [] : [...new Set((Array.isArray(status) ? status : [status]).map(statusText))];
    const rawStatus = texts.length === 0 || isPlainObject(status) ? null : texts.join(",");
    const messageAt: [string, string] | undefined =
      acceptor?.state === "failure" && acceptor.message !== undefined
        ? [`acceptors[${index}].message`, acceptor.message]
        : this.spec.message === undefined
          ? undefined
          : ["message", this.spec.message];
    const message = messageAt ? messageOf(run(messageAt[0], messageAt[1], output)) : null;
    const outputs = this.outputs((name, expression) => run(`outputs.${name}`, expression, output));
    const progress = this.progress(run, output);
    const remarks = texts.map((text) => this.remark(text)).filter((remark) => remark !== undefined);
    const note = [...remarks, reading.note, ...problems].filter((part) => part !== undefined).join("; ");
    return { state: reading.state, rawStatus, message, outputs, steps: [], resources: [], ...(progress ? { progress } : {}), ...(note ? { note } : {}) };
  }

  /**
   * The Snapshot of an error answer of the API that an `errorType` or
   * `success: false` acceptor matches, or undefined when none does.
   */
  readError(error: ApiError): Snapshot | undefined {
    const index = this.acceptors.findIndex(({ matcher }) =>
      "errorType" in matcher ? errorName(matcher.errorType) === error.code : "success" in matcher && !matcher.success,
    );
    if (index < 0) return undefined;
    const { state } = this.acceptors[index];
    return {
      state: ACCEPTOR_STATES[state],
      rawStatus: error.code,
      message: state === "failure" ? error.message : null,
      outputs: this.outputs(() => null),
      steps: [],
      resources: [],
      note: `acceptors[${index}] matched error ${error.code} (${state})`,
    };
  }

  private matchesAnswer(acceptor: WaitAcceptor, index: number, output: unknown, run: Run): boolean {
    const matcher = acceptor.matcher;
    if ("success" in matcher) return matcher.success;
    if ("output" in matcher) return compares(run(`acceptors[${index}].matcher.output.path`, matcher.output.path, output), matcher.output);
    if ("inputOutput" in matcher) {
      const value = run(`acceptors[${index}].matcher.inputOutput.path`, matcher.inputOutput.path, { input: this.input, output });
      return compares(value, matcher.inputOutput);
    }
    // An errorType matcher looks at error answers only.
    return false;
  }

  /** The list form on a status value that is not absent. */
  private readStatus(status: unknown): StatusReading {
    if (Array.isArray(status)) return this.table.readSet(status.map(statusText));
    if (isPlainObject(status)) {
      return { state: "RUNNING", note: `status ${JSON.stringify(this.spec.status)} gives an object, not a status: not treated as success, still waiting` };
    }
    return this.table.read(statusText(status));
  }

  private notFound(problems: string[]): ApiError {
    const why = problems.length > 0 ? ` (${problems.join("; ")})` : "";
    return new ApiError({
      kind: "notFound",
      code: STATUS_NOT_FOUND,
      message: `the answer has no status at ${JSON.stringify(this.spec.status)} (null, missing or [])${why}: what the wait is about is not visible (yet)`,
      httpStatus: 200,
    });
  }

  /** Each output by name: its value, or null (a missing value too, so the shape stays the same). */
  private outputs(value: (name: string, expression: string) => unknown): Record<string, unknown> {
    return Object.fromEntries(Object.entries(this.spec.outputs ?? {}).map(([name, expression]) => [name, value(name, expression) ?? null]));
  }

  private progress(run: Run, output: unknown): Snapshot["progress"] {
    const expressions = this.spec.progress;
    if (!expressions) return undefined;
    const done = numberOf(run("progress.done", expressions.done, output));
    const total = numberOf(run("progress.total", expressions.total, output));
    return done === null || total === null || total <= 0 ? undefined : { done, total, unit: expressions.unit ?? "" };
  }

  /** The spec's remark for a raw status (`notes`, compared as statuses are). */
  private remark(raw: string): string | undefined {
    const key = normalizeStatus(raw);
    return Object.entries(this.spec.notes ?? {}).find(([status]) => normalizeStatus(status) === key)?.[1];
  }
}
