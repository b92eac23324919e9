/**
 * Typed access to validated `Params` (see providers/params.ts).
 */
import { InputError } from "../../src/core/errors";
import type { Params } from "../types";

/** The non-empty string field `name`; throws `InputError` when it is missing. */
export function requiredText(params: Params, name: string): string {
  const value = params[name];
  if (typeof value === "string" && value !== "") return value;
  throw new InputError(name, "is required");
}

/** The string field `name`, or undefined when it is not set. */
export function optionalText(params: Params, name: string): string | undefined {
  const value = params[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The boolean field `name` (false when it is not set). */
export function flag(params: Params, name: string): boolean {
  return params[name] === true;
}
