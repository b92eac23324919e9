/**
 * The action of `opgate wait <service>`: runs `waitForOperation` with the
 * flags, shows progress on stderr, prints the Result (a summary, or one JSON
 * object) on stdout, writes the GitHub Actions files and, with `--state-out`,
 * the Terraform state file, and returns the exit code. The library is loaded here, not at start-up, so that `--help` and
 * `--version` stay light.
 */
import type { WaitProvider } from "../../providers/types";
import { InputError } from "../core/errors";
import type { Result } from "../core/result";
import type { WaitForOperationOptions } from "../wait";
import { toJson } from "../core/values";
import { interruptSignal, OUTCOME_EXIT_CODES } from "./exit";
import { writeGitHubFiles } from "./github/outputs-file";
import { createProgressView } from "./progress/view";
import { oneLine } from "./text";
import { textSummary } from "./summary";
import { writeStateFile } from "./terraform-state";
import { fieldValues, inputErrorLine, type CommonOptions } from "./wait-flags";

/** Reports bad input the way commander reports bad usage (one line, the usage line, exit 2). */
export type UsageFailure = (line: string) => never;

/**
 * Waits for the operation `options` describe and returns the exit code.
 * Calls `fail` for invalid input or missing credentials, before any request.
 */
export async function runWaitCommand(provider: WaitProvider, options: Record<string, unknown>, fail: UsageFailure): Promise<number> {
  const common = options as unknown as CommonOptions;
  const env = process.env;
  const stderr = process.stderr;
  const signal = interruptSignal();
  const view = createProgressView(stderr, [provider.name], common.quiet);
  let note: string | null = null;
  const { waitForOperation } = require("../wait") as typeof import("../wait");
  let result: Result;
  try {
    result = await waitForOperation({
      ...(fieldValues(provider, options) as Partial<WaitForOperationOptions>),
      service: provider.name,
      timeout: common.timeout,
      endpoint: common.endpoint,
      allowInsecureHttp: common.allowInsecureHttp,
      env,
      signal,
      onProgress: (event) => {
        note = event.snapshot?.note ?? null;
        view.update(0, event);
      },
    } as WaitForOperationOptions);
    view.showEnd(0, result);
  } catch (err) {
    if (err instanceof InputError) fail(inputErrorLine(provider, err));
    throw err;
  } finally {
    view.close();
  }
  process.stdout.write(common.output === "json" ? `${toJson(result)}\n` : textSummary(result, note));
  for (const problem of writeGitHubFiles(result, env, note)) stderr.write(`opgate: warning: ${problem}\n`);
  if (common.stateOut !== undefined) {
    try {
      writeStateFile(common.stateOut, result);
    } catch (err) {
      // Terraform reads this file next: an unwritten result must fail the apply, not pass it empty.
      stderr.write(`opgate: error: cannot write --state-out ${oneLine(common.stateOut)} (${(err as NodeJS.ErrnoException).code ?? "error"}): check the folder exists or can be created\n`);
      return OUTCOME_EXIT_CODES.ERROR;
    }
  }
  return OUTCOME_EXIT_CODES[result.outcome];
}
