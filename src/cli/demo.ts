/**
 * `opgate demo` (what `npm start` runs): starts the emulator in this process
 * with the built-in scenario, waits for one operation of each service side by
 * side with live progress, then prints what each wait returned. The
 * emulator's documented credentials reach the library through an env object,
 * never through process arguments or `process.env`.
 */
import type { EmulatorCredentials } from "../emulator/credentials";
import type { Result } from "../core/result";
import type { WaitForOperationOptions, WaitTuning } from "../wait";
import { DEMO_OPERATIONS, demoScenario } from "./demo-scenario";
import { interruptSignal, OUTCOME_EXIT_CODES } from "./exit";
import { createProgressView } from "./progress/view";
import { textSummary } from "./summary";
import { printableJson } from "./text";
import type { OutputFormat } from "./wait-flags";

/** Deadline of each demo wait: far beyond its ~13 s timeline. */
const DEMO_TIMEOUT = "2m";
/** Polls about once a second, so that the demo shows every step of the timelines. */
const DEMO_TUNING: WaitTuning = { minDelayMs: 1000, maxDelayMs: 2000 };

/** Runs the demo, printing the Results as `format` says, and returns the exit code: 0 when the four waits succeed. */
export async function runDemo(format: OutputFormat): Promise<number> {
  const { startEmulator, DEFAULT_CREDENTIALS } = require("../emulator") as typeof import("../emulator");
  const { waitForOperation } = require("../wait") as typeof import("../wait");
  const { stdout, stderr } = process;
  const emulator = await startEmulator({ port: 0, host: "127.0.0.1", scenario: demoScenario() });
  try {
    stderr.write(`opgate demo: emulator listening on ${emulator.url}; waiting for one operation of each service\n`);
    const env = emulatorEnv(DEFAULT_CREDENTIALS);
    const signal = interruptSignal();
    const view = createProgressView(stderr, DEMO_OPERATIONS.map((demo) => demo.service));
    const notes: (string | null)[] = DEMO_OPERATIONS.map(() => null);
    const results = await Promise.all(
      DEMO_OPERATIONS.map(async (demo, slot): Promise<Result> => {
        const result = await waitForOperation({
          ...demo.input,
          service: demo.service,
          endpoint: emulator.url,
          env,
          signal,
          timeout: DEMO_TIMEOUT,
          tuning: DEMO_TUNING,
          onProgress: (event) => {
            notes[slot] = event.snapshot?.note ?? null;
            view.update(slot, event);
          },
        } as WaitForOperationOptions);
        view.showEnd(slot, result);
        return result;
      }),
    );
    view.close();
    if (format === "json") stdout.write(`${printableJson(results)}\n`);
    else results.forEach((result, slot) => stdout.write(`\n${textSummary(result, notes[slot])}`));
    return results.map((result) => OUTCOME_EXIT_CODES[result.outcome]).find((code) => code !== 0) ?? 0;
  } finally {
    await emulator.close();
  }
}

/** The variables the library reads credentials from, set to the emulator's. */
function emulatorEnv(credentials: Readonly<EmulatorCredentials>): Record<string, string> {
  return {
    ALIBABA_CLOUD_ACCESS_KEY_ID: credentials.alibabaAccessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: credentials.alibabaAccessKeySecret,
    HW_ACCESS_KEY: credentials.huaweiAccessKey,
    HW_SECRET_KEY: credentials.huaweiSecretKey,
  };
}
