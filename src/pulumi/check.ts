/**
 * `check`: validates a resource's inputs before anything runs (preview
 * included) with the rules every face shares, and names the field at fault.
 * Inputs not known yet during preview are taken as valid.
 */
import type * as pulumi from "@pulumi/pulumi";
import { getProvider } from "../../providers";
import { allFields, readParams } from "../../providers/params";
import type { FieldSpec, ServiceProvider } from "../../providers/types";
import { parseEndpoint } from "../clients/endpoint";
import { parseDuration } from "../core/duration";
import { InputError } from "../core/errors";
import { knownInputs, type Props } from "./inputs";
import { stackConfigKeyFor, type WaitEnv } from "./stack-config";

/** The failures of `news` (empty when valid), one per field at fault. */
export function checkInputs(news: Props, env: () => WaitEnv): pulumi.dynamic.CheckFailure[] {
  let provider: ServiceProvider;
  try {
    provider = getProvider(news.service);
  } catch (err) {
    return [failure(err)];
  }
  const known = knownInputs(provider, news);
  const checks = [
    () => checkFields(provider, known, env()),
    () => known.timeout === undefined || known.timeout === null || parseDuration(known.timeout, "timeout"),
    () => known.endpoint === undefined || known.endpoint === null || parseEndpoint(stringInput("endpoint", known.endpoint)),
  ];
  const failures: pulumi.dynamic.CheckFailure[] = [];
  for (const check of checks) {
    try {
      check();
    } catch (err) {
      failures.push(failure(err));
    }
  }
  return failures;
}

/** The service's fields, with a Pulumi-worded message for a missing one. */
function checkFields(provider: ServiceProvider, known: Props, env: WaitEnv): void {
  for (const field of allFields(provider)) {
    if (field.required && isAbsent(known[field.name]) && !hasFallback(field, env)) {
      throw new InputError(field.name, `is required: set the ${field.name} argument${fallbackHint(field)}`);
    }
  }
  readParams(provider, known, env);
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

function hasFallback(field: FieldSpec, env: WaitEnv): boolean {
  return field.default !== undefined || (field.env ?? []).some((name) => env[name] !== undefined && env[name] !== "");
}

/** ` (or stack config huaweicloud:projectId, or HW_PROJECT_ID)`, or nothing for a field without fallback. */
function fallbackHint(field: FieldSpec): string {
  const envNames = field.env ?? [];
  const configKeys = envNames.map(stackConfigKeyFor).filter((key) => key !== undefined);
  const options = [...configKeys.map((key) => `stack config ${key}`), ...envNames];
  return options.length ? ` (or ${options.join(", or ")})` : "";
}

function stringInput(name: string, value: unknown): string {
  if (typeof value !== "string") throw new InputError(name, `must be a string, got ${typeof value}`);
  return value;
}

/** An `InputError` as a check failure; anything else is a defect and propagates. */
function failure(err: unknown): pulumi.dynamic.CheckFailure {
  if (err instanceof InputError) return { property: err.field, reason: err.reason };
  throw err;
}
