/**
 * A test stack: an emulator, a program run under mocks with the engine's
 * environment, and the real provider host started for it, configured.
 */
import { startEmulator, type Emulator, type EmulatorCredentials, type Scenario } from "../../../src/emulator";
import { Engine } from "./engine";
import { engineEnv, exampleEntryPoint, runUnderMocks, temporaryHome, type ProgramRun, type RegisteredResource } from "./program";
import { ProviderHost } from "./provider-host";

/** The emulator's default credentials as stack config. */
export const EMULATOR_CONFIG: Readonly<Record<string, string>> = {
  "alicloud:accessKey": "opgate-emulator",
  "alicloud:secretKey": "opgate-emulator-secret",
  "huaweicloud:accessKey": "OPGATEEMULATORAK",
  "huaweicloud:secretKey": "opgate-emulator-sk",
};

/** How to set a test stack up. */
export interface TestStackOptions {
  scenario: Scenario;
  /** The program's directory and entry point (default: the example of the root Pulumi.yaml). */
  entryPoint?: { pwd: string; program: string };
  /** Stack config (default: the emulator's credentials); `<project>:endpoint` is set to the emulator's URL. */
  config?: Record<string, string>;
  /** More environment for the program and the host. */
  env?: Record<string, string>;
  /** Credentials the emulator accepts. */
  credentials?: Partial<EmulatorCredentials>;
  /** TypeScript programs: type-check as `pulumi up` does by default (slower) instead of transpiling only. */
  typeCheck?: boolean;
  /** Outputs the mocked engine answers per resource type. */
  mockOutputs?: Record<string, Record<string, unknown>>;
}

/** A running test stack. */
export interface TestStack {
  emulator: Emulator;
  run: ProgramRun;
  host: ProviderHost;
  /** What the host answered to the engine's first calls. */
  configured: Awaited<ReturnType<ProviderHost["configure"]>>;
  engine: Engine;
  /** The program's directory (the host's cwd). */
  pwd: string;
  /** The environment the host runs with. */
  env: Record<string, string>;
  /** The registration of the resource of `type` (e.g. `opgate:EmrOperation`), with `inputs` changed by `change`. */
  registration(type: string, change?: Record<string, unknown>): RegisteredResource;
  /** Starts another host like the stack's (e.g. to signal it). */
  startHost(env?: Record<string, string>): Promise<ProviderHost>;
  close(): Promise<void>;
}

/** Sets a test stack up; the program must have run without errors. */
export async function startTestStack(options: TestStackOptions): Promise<TestStack> {
  const emulator = await startEmulator({ scenario: options.scenario, credentials: options.credentials });
  const home = temporaryHome();
  const hosts: ProviderHost[] = [];
  try {
    const { pwd, program } = options.entryPoint ?? exampleEntryPoint();
    const config = { ...(options.config ?? EMULATOR_CONFIG), "opgate-example:endpoint": emulator.url };
    const env = engineEnv(home.home, config, options.env);
    const run = await runUnderMocks(pwd, program, {
      ...env,
      PULUMI_NODEJS_TYPESCRIPT: "true",
      ...(options.typeCheck ? {} : { PULUMI_NODEJS_TRANSPILE_ONLY: "true" }),
      OPGATE_TEST_MOCK_OUTPUTS: JSON.stringify(options.mockOutputs ?? {}),
    });
    if (run.errors.length) throw new Error(`the program failed: ${run.errors.join("\n")}`);
    const startHost = async (hostEnv: Record<string, string> = env) => {
      const host = await ProviderHost.start({ cwd: pwd, env: hostEnv });
      hosts.push(host);
      return { host, configured: await host.configure() };
    };
    const { host, configured } = await startHost();
    return {
      emulator,
      run,
      host,
      configured,
      engine: new Engine(host),
      pwd,
      env,
      registration(type, change = {}) {
        const found = run.resources.find((r) => r.type === `pulumi-nodejs:dynamic/${type}`);
        if (!found) throw new Error(`the program registered no ${type}`);
        return { ...found, inputs: { ...found.inputs, ...change } };
      },
      startHost: async (hostEnv) => (await startHost(hostEnv)).host,
      async close() {
        await Promise.all(hosts.map((h) => h.stop()));
        await emulator.close();
        home.cleanup();
      },
    };
  } catch (err) {
    await Promise.all(hosts.map((h) => h.stop()));
    await emulator.close();
    home.cleanup();
    throw err;
  }
}
