/**
 * Small pieces the provider emulators share: required request parameters,
 * identifier checks against the scenario, and typed reads of scenario frames.
 */
import { InputError } from "../../src/core/errors";
import { isPlainObject } from "../../src/core/values";
import type { EmulatedOperation } from "../types";
import { integerOf } from "./api-answers";

/** The first of `names` that `params` lacks (absent or empty), if any. */
export function firstMissing(params: Record<string, string>, names: readonly string[]): string | undefined {
  return names.find((name) => (params[name] ?? "") === "");
}

/**
 * True when the request names an identifier (`requested`) that differs from
 * the one the scenario gives the operation in `op.attributes[attribute]`.
 * Either side left out means no constraint.
 */
export function identifierDiffers(op: EmulatedOperation, attribute: string, requested: string | undefined): boolean {
  const expected = op.attributes[attribute];
  if (expected === undefined || expected === null || requested === undefined || requested === "") return false;
  return String(expected) !== requested;
}

/** The string attribute `name` of `op`, or `fallback`. */
export function attributeText(op: EmulatedOperation, name: string, fallback: string): string {
  const value = op.attributes[name];
  return typeof value === "string" ? value : fallback;
}

/**
 * Typed reader of one scenario frame. A wrong type is the scenario author's
 * mistake and throws `InputError` naming the service and the key's path
 * (`bcs frame steps[0].subSteps[1].startTime`).
 */
export class FrameReader {
  constructor(
    private readonly service: string,
    private readonly frame: Record<string, unknown>,
    /** Where `frame` sits inside the whole frame, with a trailing dot (`steps[0].`). */
    private readonly path = "",
  ) {}

  /** True when the frame has `key` (even with a null value). */
  has(key: string): boolean {
    return key in this.frame;
  }

  /** The string at `key`, which the frame must have. */
  requiredText(key: string): string {
    const value = this.text(key);
    if (value === undefined) throw this.wrong(key, "a string (it is required)");
    return value;
  }

  /** The string at `key`, or `fallback` when it is absent. */
  text(key: string, fallback: string): string;
  text(key: string, fallback?: string): string | undefined;
  text(key: string, fallback?: string): string | undefined {
    const value = this.frame[key];
    if (value === undefined) return fallback;
    if (typeof value !== "string") throw this.wrong(key, "a string");
    return value;
  }

  /** The string or null at `key`, or `fallback` when it is absent. */
  nullableText(key: string, fallback: string | null): string | null {
    const value = this.frame[key];
    if (value === null) return null;
    return value === undefined ? fallback : this.requiredText(key);
  }

  /** The number at `key`, or `fallback` when it is absent. */
  number(key: string, fallback: number): number {
    const value = this.frame[key];
    if (value === undefined) return fallback;
    if (typeof value !== "number" || !Number.isFinite(value)) throw this.wrong(key, "a number");
    return value;
  }

  /** The whole number (0 or more) at `key`, or `fallback` when it is absent. */
  count(key: string, fallback: number): number {
    const value = this.number(key, fallback);
    if (!Number.isSafeInteger(value) || value < 0) throw this.wrong(key, "a whole number, 0 or more");
    return value;
  }

  /** The integer at `key` (a number, a bigint or a string of digits, converted exactly), or undefined when it is absent. */
  integer(key: string): bigint | undefined {
    const value = this.frame[key];
    if (value === undefined) return undefined;
    const integer = integerOf(value);
    if (integer === null) throw this.wrong(key, "an integer or a string of digits");
    return integer;
  }

  /** The array of strings at `key`; null when it is absent or null. */
  lines(key: string): string[] | null {
    const value = this.frame[key];
    if (value === undefined || value === null) return null;
    if (!Array.isArray(value) || !value.every((line) => typeof line === "string")) throw this.wrong(key, "an array of strings");
    return value;
  }

  /** The array at `key`, or undefined when it is absent. */
  list(key: string): unknown[] | undefined {
    const value = this.frame[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) throw this.wrong(key, "an array");
    return value;
  }

  /** The raw value at `key`. */
  raw(key: string): unknown {
    return this.frame[key];
  }

  /** A reader of the object `value`, which sits at `key` (`steps[0]`) inside this frame. */
  nested(key: string, value: unknown): FrameReader {
    if (!isPlainObject(value)) throw this.wrong(key, "an object");
    return new FrameReader(this.service, value, `${this.path}${key}.`);
  }

  private wrong(key: string, expected: string): InputError {
    return new InputError(`${this.service} frame ${this.path}${key}`, `must be ${expected}`);
  }
}
