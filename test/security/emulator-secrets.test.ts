/**
 * `opgate emulator` with every credential overridden through the
 * `OPGATE_EMULATOR_*` variables (STS token and X-Auth-Token included) as
 * canaries: real waits that succeed with them and fail with wrong ones, and
 * no canary in any stdout line (the variables to export, the request lines)
 * nor in the request log. test/emulator/command.test.ts covers the hints
 * with raw signed requests.
 */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SERVICES, type ServiceName } from "../../src/core/result";
import { CREDENTIAL_ENV, type EmulatorCredentials } from "../../src/emulator";
import { runEmulatorCommand } from "../../src/emulator/command";
import { waitForOperation, type OperationTarget } from "../../src/wait";
import { SERVICE_SCRIPTS, timeline } from "../../bench/lib/emulated-services";
import { FAST } from "../integration/helpers";
import { CHANNELS, leakedCanaries, searchable } from "./support/canaries";
import { temporaryFolder } from "../support/temporary-folder";

function scriptOf(service: ServiceName) {
  return SERVICE_SCRIPTS.find((s) => s.service === service)!;
}

const directory = temporaryFolder("opgate-emulator-secrets-");
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** A scenario file with one successful operation per service. */
function scenarioFile(): string {
  const operations = SERVICES.map((service) => scriptOf(service).operation("op-1", timeline(scriptOf(service), ["running"], ["success"])));
  const file = join(directory, "scenario.json");
  writeFileSync(file, JSON.stringify({ operations }));
  return file;
}

/** `OPGATE_EMULATOR_*` variables setting `credentials`. */
function overrides(credentials: Partial<EmulatorCredentials>): Record<string, string> {
  return Object.fromEntries(Object.entries(credentials).map(([key, value]) => [CREDENTIAL_ENV[key as keyof EmulatorCredentials], value!]));
}

test.each(CHANNELS.map((channel) => [channel.name, channel] as const))(
  "credentials overridden for %s: accepted, never printed nor logged",
  async (_name, channel) => {
    const lines: string[] = [];
    const emulator = await runEmulatorCommand({ port: 0, scenarioFile: scenarioFile(), env: overrides(channel.accepts), stdout: (line) => lines.push(line) });
    try {
      const wait = (service: ServiceName, env: Record<string, string>) =>
        waitForOperation({
          ...(scriptOf(service).wait("op-1") as OperationTarget),
          endpoint: emulator.url,
          env: { ...env, ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" },
          timeout: "5s",
          tuning: FAST,
        });
      const results = await Promise.all(SERVICES.flatMap((service) => [wait(service, channel.env), wait(service, channel.wrongEnv)]));
      expect(results.map((r) => r.outcome)).toEqual(SERVICES.flatMap(() => ["SUCCESS", "ERROR"]));

      expect(lines.filter((line) => line.includes(" -> 200")).length).toBeGreaterThanOrEqual(SERVICES.length * 2);
      expect(lines.some((line) => line.includes("<the value of OPGATE_EMULATOR_"))).toBe(true);
      expect(leakedCanaries(searchable(lines, emulator.requests, results))).toEqual([]);
    } finally {
      await emulator.close();
    }
  },
);
