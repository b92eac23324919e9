/**
 * The checks of a resource's inputs, with the rules and words every face
 * shares (providers/params.ts), naming the argument at fault:
 * - `checkInputs`, the provider's `check`, before anything runs (preview
 *   included); inputs not known yet during preview are taken as valid; once
 *   every input is known, the wait is also prepared as create prepares it
 *   (an API wait spec's placeholders filled from its vars), sending nothing;
 * - `checkArgs`, when a resource is constructed in the program: the args
 *   already known then (plain values, not outputs; an API wait's vars by
 *   their names), so that a unit test under `pulumi.runtime.setMocks`, which
 *   never calls the provider, still refuses what a preview would.
 */
import * as pulumi from "@pulumi/pulumi";
import { unknownValue } from "@pulumi/pulumi/runtime";
import { getWaitProvider, prepareWait } from "../../providers";
import { apiProvider, checkVarNames } from "../../providers/api";
import type { ApiWaitSpec } from "../../providers/api/spec";
import { foreignInputProblems, readWaitInputs, waitFields, waitInputProblems, type Speller } from "../../providers/params";
import type { PreparedWait, WaitProvider } from "../../providers/types";
import { InputError } from "../core/errors";
import type { WaitServiceName } from "../core/result";
import { isPlainObject } from "../core/values";
import { inputNames, type Props } from "./inputs";
import { stackConfigKeyFor, type WaitEnv } from "./stack-config";

/** The input in which `pulumi.dynamic.Resource` hands the serialized provider to the engine. */
const DYNAMIC_PROVIDER_INPUT = "__provider";

/** How Pulumi asks for a missing value: `set the projectId argument or stack config huaweicloud:projectId`. */
const ARGUMENT_SPELLER: Speller = (field) => {
  const configKeys = (field.env ?? []).map(stackConfigKeyFor).filter((key) => key !== undefined);
  return [`set the ${field.name} argument`, ...configKeys.map((key) => `stack config ${key}`)].join(" or ");
};

/** The failures of `news` (empty when valid), one per input at fault. */
export function checkInputs(news: Props, env: () => WaitEnv): pulumi.dynamic.CheckFailure[] {
  let provider: WaitProvider;
  try {
    provider = getWaitProvider(news.service);
  } catch (err) {
    return [failure(err)];
  }
  const context = { env: env(), spell: ARGUMENT_SPELLER, isUnknown: (value: unknown) => value === unknownValue };
  const problems = [...foreignInputProblems(news, [...inputNames(provider.name).all, DYNAMIC_PROVIDER_INPUT], provider.name), ...waitInputProblems(provider, news, context)];
  if (problems.length === 0 && !holdsUnknown(news)) problems.push(...preparationProblems(news, context.env));
  return problems.map(failure);
}

/** The wait `inputs` describe, prepared as create prepares it (nothing is sent). Throws `InputError`. */
export function preparedWait(inputs: Props, env: WaitEnv): PreparedWait {
  const provider = getWaitProvider(inputs.service);
  return prepareWait(provider, readWaitInputs(provider, inputs, { env }).params, env);
}

/** What preparing the wait of valid `news` refuses (an API wait's placeholder without a value, a var no placeholder uses), as create would. */
function preparationProblems(news: Props, env: WaitEnv): InputError[] {
  try {
    preparedWait(news, env);
    return [];
  } catch (err) {
    if (err instanceof InputError) return [err];
    throw err;
  }
}

/** True when a value inside `value` is not known yet (a preview of inputs that depend on other resources). */
function holdsUnknown(value: unknown): boolean {
  if (value === unknownValue) return true;
  if (Array.isArray(value)) return value.some(holdsUnknown);
  return isPlainObject(value) && Object.values(value).some(holdsUnknown);
}

/**
 * Throws a `pulumi.ResourceError` (as Pulumi's own resources do for bad
 * arguments, before anything is registered) naming every argument of `args`
 * that is known now and that `check` would refuse, in `check`'s words, and
 * every argument the resource does not take. Fields left out that may come
 * from stack config or the environment are left to `check`, which runs where
 * those are known.
 */
export function checkArgs(service: WaitServiceName, type: string, name: string, args: object, parent?: pulumi.Resource): void {
  const provider = getWaitProvider(service);
  const input = args as Readonly<Record<string, unknown>>;
  const problems = [
    ...foreignInputProblems(input, waitFields(provider).map((field) => field.name), service),
    ...waitInputProblems(provider, input, { fallbacksLater: true, spell: ARGUMENT_SPELLER, isUnknown: isPending }),
  ];
  if (problems.length === 0 && provider === apiProvider) problems.push(...varNameProblems(input));
  if (problems.length > 0) {
    const lines = problems.map((problem) => `  ${problem.message}`);
    throw new pulumi.ResourceError([`${type} "${name}" has invalid arguments:`, ...lines].join("\n"), parent);
  }
}

/**
 * An API wait's vars whose names do not fit its spec's placeholders (unused,
 * built in, or missing for a placeholder), once the spec and the vars' names
 * are known: as the constructs check them at synth, the values may be outputs.
 */
function varNameProblems(input: Readonly<Record<string, unknown>>): InputError[] {
  const { spec, vars } = input;
  if (spec === undefined || isPending(spec) || isPending(vars)) return [];
  try {
    checkVarNames(spec as ApiWaitSpec, Object.keys((vars as object | undefined) ?? {}));
    return [];
  } catch (err) {
    if (err instanceof InputError) return [err];
    throw err;
  }
}

/** An output or a promise: its value is known only once the program runs against the engine. */
function isPending(value: unknown): boolean {
  return pulumi.Output.isInstance(value) || (typeof value === "object" && value !== null && typeof (value as PromiseLike<unknown>).then === "function");
}

/** An `InputError` as a check failure; anything else is a defect and propagates. */
function failure(err: unknown): pulumi.dynamic.CheckFailure {
  if (err instanceof InputError) return { property: err.field, reason: err.reason };
  throw err;
}
