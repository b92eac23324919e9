/**
 * Canary credentials through the library's `env` option, against an emulator
 * that accepts exactly them: no canary in any Result, progress event, error
 * message or stack (InputError, and the ApiError `readOperation` throws), nor
 * in the emulator's request log and log lines. The outcomes prove the
 * canaries were used.
 */
import type { ServiceName } from "../../src/core/result";
import { SERVICES } from "../../src/core/result";
import { startEmulator, type Emulator, type ScenarioOperation } from "../../src/emulator";
import { readOperation, waitForOperation, type WaitForOperationOptions } from "../../src/wait";
import { SERVICE_SCRIPTS, timeline } from "../../bench/lib/emulated-services";
import { FAST } from "../integration/helpers";
import { CHANNELS, leakedCanaries, searchable, type CredentialChannel } from "./support/canaries";

/** Everything the tests saw: Results, progress events, errors with their stacks, log lines. */
const seen: unknown[] = [];
const logLines: string[] = [];
const emulators = new Map<CredentialChannel, Emulator>();

function scriptOf(service: ServiceName) {
  return SERVICE_SCRIPTS.find((s) => s.service === service)!;
}

function operations(): ScenarioOperation[] {
  return SERVICES.flatMap((service) => {
    const script = scriptOf(service);
    return [
      script.operation("op-ok", timeline(script, ["running"], ["success"])),
      script.operation("op-failed", timeline(script, ["failure"])),
      script.operation("op-flaky", timeline(script, ["success"]), [{ from: 1, kind: "server-error" }]),
    ] as ScenarioOperation[];
  });
}

beforeAll(async () => {
  for (const channel of CHANNELS) {
    emulators.set(channel, await startEmulator({ scenario: { operations: operations() }, credentials: channel.accepts, log: (line) => logLines.push(line) }));
  }
});
afterAll(async () => {
  for (const emulator of emulators.values()) await emulator.close();
  const log = emulators.size ? [...emulators.values()].flatMap((e) => e.requests) : [];
  expect(leakedCanaries(searchable(log, logLines))).toEqual([]);
});

/**
 * The options of operation `id` of `service` through `channel`, recording progress events. The deadline is short for
 * the wait that must reach it, and long enough for the others to end by themselves on a busy machine.
 */
function options(channel: CredentialChannel, service: ServiceName, id: string, env = channel.env): WaitForOperationOptions {
  return {
    ...(scriptOf(service).wait(id) as WaitForOperationOptions),
    endpoint: emulators.get(channel)!.url,
    env: { ...env, ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" },
    timeout: id === "op-flaky" ? "400ms" : "15s",
    tuning: { ...FAST, retryDelayMs: 20 },
    onProgress: (event) => seen.push(event),
  };
}

/** The error's message and stack, for the search. */
function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}\n${err.stack}` : String(err);
}

describe.each(CHANNELS.map((channel) => [channel.name, channel] as const))("via %s", (_name, channel) => {
  test.each(SERVICES)("%s: success, failure, transient faults until the deadline, wrong credentials", async (service) => {
    const cloud = scriptOf(service).cloud as "alibaba" | "huawei";
    const [ok, failed, flaky, wrong] = await Promise.all([
      waitForOperation(options(channel, service, "op-ok")),
      waitForOperation(options(channel, service, "op-failed")),
      waitForOperation(options(channel, service, "op-flaky")),
      waitForOperation(options(channel, service, "op-ok", channel.wrongEnv)),
    ]);
    expect([ok.outcome, failed.outcome, flaky.outcome, wrong.outcome]).toEqual(["SUCCESS", "FAILURE", "TIMEOUT", "ERROR"]);
    expect(flaky.error).not.toBeNull();
    expect(wrong.error?.code).toBe(channel.authErrorCode[cloud]);
    seen.push(ok, failed, flaky, wrong);

    const rejected = await readOperation(options(channel, service, "op-ok", channel.wrongEnv)).catch((err: unknown) => err);
    expect(rejected).toMatchObject({ name: "ApiError", code: channel.authErrorCode[cloud] });
    const found = await readOperation(options(channel, service, "op-ok"));
    expect(found.found).toBe(true);
    seen.push(errorText(rejected), found);

    const badInput = await waitForOperation({ ...options(channel, service, "op-ok"), timeout: "soon" }).catch((err: unknown) => err);
    expect(badInput).toMatchObject({ name: "InputError", field: "timeout" });
    seen.push(errorText(badInput));

    expect(leakedCanaries(searchable(seen))).toEqual([]);
  });
});
