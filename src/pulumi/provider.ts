/**
 * `opgate/pulumi/provider`: the one implementation behind the opgate Pulumi
 * resources (the four services' and `ApiWait`). It runs in Pulumi's
 * dynamic-provider host, loaded at call time by the provider that each
 * resource serializes into the state, and reads credentials at call time from
 * the environment and the stack config. Not for direct use: programs import
 * `opgate/pulumi`.
 *
 * @packageDocumentation
 */
import { randomUUID } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { InputError } from "../core/errors";
import type { Result } from "../core/result";
import { readOperation, waitForOperation, type WaitForOperationOptions } from "../wait";
import { checkInputs, preparedWait } from "./check";
import { diffInputs, echoInputs, SECRET_INPUT_NAMES, type Props } from "./inputs";
import { interruptible } from "./interrupt";
import { outputsOfResult, outputsOfSnapshot, outputsWithInputs } from "./outputs";
import { credentialsHint, waitEnv } from "./stack-config";

/** What the serialized provider calls, in Pulumi's provider host: Pulumi's `ResourceProvider` methods. */
export const providerImplementation: Required<Omit<pulumi.dynamic.ResourceProvider, "configure">> = {
  async check(_olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    return { inputs: news, failures: checkInputs(news, () => waitEnv()) };
  },

  async diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
    const { replaces, updates } = diffInputs(olds, news);
    return { changes: replaces.length + updates.length > 0, replaces, deleteBeforeReplace: false };
  },

  /** Waits; fails unless the operation succeeded (no `id` on the error, so nothing is recorded). */
  async create(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
    const result = await interruptible((signal) => waitForOperation({ ...waitOptions(inputs), signal })).catch(explainInputError(inputs));
    if (result.outcome !== "SUCCESS") throw new Error(failureMessage(result));
    return { id: randomUUID(), outs: outputsOfResult(inputs, result) };
  },

  /** Refreshes the outputs from the API; keeps the stored ones when it no longer knows the operation or fails. */
  async read(id: string, props: Props = {}): Promise<pulumi.dynamic.ReadResult> {
    try {
      const reading = await readOperation(waitOptions(props));
      if (reading.found) return { id, props: outputsOfSnapshot(props, reading.snapshot) };
    } catch {
      // Unreachable API, expired credentials, ...: the stored outputs stay true.
    }
    return { id, props };
  },

  /** Only `timeout`, `allowPartial` or the secret marks changed: no new wait, the outputs stay. */
  async update(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
    return { outs: outputsWithInputs(olds, news) };
  },

  /** The operation is history: nothing to undo in the cloud. */
  async delete(): Promise<void> {},
};

/** The wait's options from the resource's inputs (stored outputs echo them), with the call-time environment. */
function waitOptions(props: Props): WaitForOperationOptions {
  const { [SECRET_INPUT_NAMES]: _secretInputNames, ...inputs } = echoInputs(props);
  return { ...(inputs as unknown as WaitForOperationOptions), env: waitEnv() };
}

/** Missing credentials get a hint at the stack config keys; other input errors pass as they are. */
function explainInputError(inputs: Props): (err: unknown) => never {
  return (err) => {
    if (err instanceof InputError && err.field === "credentials") {
      // An API wait's credentials are those of its spec's cloud.
      throw new Error(`${err.message}, ${credentialsHint(preparedWait(inputs, waitEnv()).target.cloud)}`);
    }
    throw err instanceof InputError ? new Error(err.message) : err;
  };
}

/** Why the update fails, in the API's words. */
function failureMessage(result: Result): string {
  const code = result.outcome === "ERROR" && result.error ? ` ${result.error.code}` : "";
  const reason = result.message ?? result.error?.message ?? `last status ${result.rawStatus ?? "none"}`;
  return `waiting for the ${result.service} operation ended with ${result.outcome}${code}: ${reason} (nothing was recorded: the next \`pulumi up\` waits again)`;
}
