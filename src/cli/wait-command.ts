/**
 * The action of `opgate wait <service>`: runs `waitForOperation` with the
 * flags, shows progress on stderr, writes the `--state-out` file on SUCCESS
 * (a failure to write it makes the Result an ERROR before anything is
 * printed, so that every output agrees with the exit code), prints the
 * Result and writes the GitHub Actions files, and returns the exit code. The
 * library is loaded here, not at start-up, so that `--help` and `--version`
 * stay light.
 */
import { readWaitInputs } from "../../providers/params";
import type { WaitProvider } from "../../providers/types";
import { InputError } from "../core/errors";
import type { Result } from "../core/result";
import type { WaitForOperationOptions } from "../wait";
import { interruptSignal, OUTCOME_EXIT_CODES } from "./exit";
import { createProgressView } from "./progress/view";
import { printResult } from "./result-output";
import { writeStateOut } from "./state-out";
import { FLAG_SPELLER, fieldValues, inputErrorLine, isMissingField, type CommonOptions } from "./wait-flags";

/**
 * Refuses the run (exit 2) with `line`; `usageMistake` when a required flag
 * is missing (the usage line helps), not for a bad value or missing credentials.
 */
export type UsageFailure = (line: string, usageMistake: boolean) => never;

/**
 * Waits for the operation `options` describe and returns the exit code.
 * Calls `fail` for invalid input or missing credentials, before any request.
 */
export async function runWaitCommand(provider: WaitProvider, options: Record<string, unknown>, fail: UsageFailure): Promise<number> {
  const common = options as unknown as CommonOptions;
  const env = process.env;
  const signal = interruptSignal();
  const view = createProgressView(process.stderr, [provider.name], common.quiet);
  let note: string | null = null;
  const { waitForOperation } = require("../wait") as typeof import("../wait");
  let result: Result;
  try {
    const input = { ...fieldValues(provider, options), timeout: common.timeout, endpoint: common.endpoint };
    // The library checks the same again, but would ask for a missing value by its option's name.
    readWaitInputs(provider, input, { env, spell: FLAG_SPELLER });
    result = await waitForOperation({
      ...(input as Partial<WaitForOperationOptions>),
      service: provider.name,
      allowInsecureHttp: common.allowInsecureHttp,
      env,
      signal,
      onProgress: (event) => {
        note = event.snapshot?.note ?? null;
        view.update(0, event);
      },
    } as WaitForOperationOptions);
  } catch (err) {
    view.close();
    if (err instanceof InputError) fail(inputErrorLine(provider, err), isMissingField(provider, err, options, env));
    throw err;
  }
  // Terraform reads this file next: a Result that could not be written fails the apply, and says why.
  if (common.stateOut !== undefined) result = writeStateOut(common.stateOut, result);
  view.showEnd(0, result);
  view.close();
  printResult(result, common.output ?? "text", note, { stdout: process.stdout, stderr: process.stderr, env });
  return OUTCOME_EXIT_CODES[result.outcome];
}
