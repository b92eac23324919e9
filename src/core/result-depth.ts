/**
 * How deep a Result's values may nest. An API may answer a few kilobytes
 * nested hundreds of levels deep (a BPStudio `Arguments` of 700 levels made
 * a 17.9 MB Terraform state file and minutes-long plans), and everything
 * that walks a Result (JSON writers, Terraform types, Pulumi's wire values,
 * the CLI's text) recurses once per level. So every Snapshot is bounded once,
 * where the engine receives it: an object or array nested deeper than
 * `MAX_RESULT_DEPTH` is kept as its exact compact JSON text at that level
 * (nothing is lost; `parseJson` reads it back), and the Snapshot's note says so.
 */
import { isExactNumber } from "./json";
import type { Snapshot } from "./result";
import { toJson } from "./values";

/**
 * The most levels of objects and arrays `outputs`, `steps` and `resources`
 * keep each, counting the field itself as the first: deeper values become
 * their JSON text.
 */
export const MAX_RESULT_DEPTH = 32;

/** The note of a Snapshot whose values were cut at `MAX_RESULT_DEPTH`. */
export const DEEP_VALUES_NOTE = `values nested deeper than ${MAX_RESULT_DEPTH} levels are kept as their JSON text at that level`;

/** True for an object or an array that is not a number kept as its text. */
function isContainer(value: unknown): value is object {
  return typeof value === "object" && value !== null && !isExactNumber(value);
}

/** True when `value` has an object or array `levels` levels below it (itself at level 0). */
function nestsBeyond(value: unknown, levels: number): boolean {
  if (!isContainer(value)) return false;
  if (levels === 0) return true;
  return Object.values(value).some((item) => nestsBeyond(item, levels - 1));
}

/** `value` with every object or array `levels` levels below it replaced by its JSON text. */
function cut(value: unknown, levels: number): unknown {
  if (!isContainer(value)) return value;
  if (levels === 0) return toJson(value);
  if (Array.isArray(value)) return value.map((item) => cut(item, levels - 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cut(item, levels - 1)]));
}

/**
 * `snapshot` with its `outputs`, `steps` and `resources` nested at most
 * `MAX_RESULT_DEPTH` levels deep, deeper objects and arrays kept as their
 * JSON text and `DEEP_VALUES_NOTE` added to its note; `snapshot` itself when
 * nothing is that deep.
 */
export function boundedSnapshot(snapshot: Snapshot): Snapshot {
  const { outputs, steps, resources } = snapshot;
  if (![outputs, steps, resources].some((value) => nestsBeyond(value, MAX_RESULT_DEPTH))) return snapshot;
  return {
    ...snapshot,
    outputs: cut(outputs, MAX_RESULT_DEPTH) as Snapshot["outputs"],
    steps: cut(steps, MAX_RESULT_DEPTH) as Snapshot["steps"],
    resources: cut(resources, MAX_RESULT_DEPTH) as Snapshot["resources"],
    note: snapshot.note ? `${snapshot.note}; ${DEEP_VALUES_NOTE}` : DEEP_VALUES_NOTE,
  };
}
