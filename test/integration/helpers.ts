/**
 * Shared set-up for tests that run real waits against the emulator over HTTP.
 */
import { startEmulator, type Emulator } from "../../src/emulator";
import type { WaitForOperationOptions } from "../../src/wait";
import { temporaryFolder } from "../support/temporary-folder";

/** The emulator's default credentials, as a user would export them. */
export const EMULATOR_ENV = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: "opgate-emulator",
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: "opgate-emulator-secret",
  HW_ACCESS_KEY: "OPGATEEMULATORAK",
  HW_SECRET_KEY: "opgate-emulator-sk",
  ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
  HOME: temporaryFolder("opgate-home-"),
};

/** Fast schedule for tests whose timelines advance by polls. */
export const FAST = { minDelayMs: 5, maxDelayMs: 20, notFoundGraceMs: 300 };

/** Starts an emulator and returns it with a helper that fills in endpoint, env and tuning. */
export async function emulatorFixture(): Promise<{ emu: Emulator; opts: (o: WaitForOperationOptions) => WaitForOperationOptions }> {
  const emu = await startEmulator({ port: 0 });
  const opts = (o: WaitForOperationOptions): WaitForOperationOptions => ({
    endpoint: emu.url,
    env: { ...EMULATOR_ENV },
    timeout: "30s",
    tuning: FAST,
    ...o,
  });
  return { emu, opts };
}
