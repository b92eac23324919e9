/**
 * The setup of a test file that applies with the real `terraform` against the
 * emulator: one emulator holding `operations` at the start of every test, a
 * temporary HOME, and Terraform initialized in a folder with the apply-time
 * environment (the emulator's endpoint and BCS project, its credentials unless
 * left out). Registers its own `beforeAll`/`beforeEach`/`afterAll`.
 */
import { DEFAULT_CREDENTIALS, startEmulator, type Emulator, type ScenarioOperation } from "../../../src/emulator";
import { newFolder, removeFolders, requireTerraform, Terraform, terraformEnvironment } from "./terraform";

/** What a test reaches through the setup. */
export interface EmulatedTerraform {
  emulator: () => Emulator;
  /** The HOME of the apply-time environment. */
  home: () => string;
  /** Terraform's environment: the emulator's endpoint and BCS project, and its credentials unless `credentials` is false. */
  env: (options?: { credentials?: boolean }) => Record<string, string>;
  /** Terraform in `dir`, initialized (with every provider download forbidden). */
  terraform: (dir: string, env?: Record<string, string>) => Promise<Terraform>;
}

/** Registers the setup of a test file whose emulator holds `operations` at the start of each test. */
export function emulatedTerraform(operations: ScenarioOperation[]): EmulatedTerraform {
  let emulator: Emulator;
  let home: string;
  beforeAll(async () => {
    requireTerraform();
    emulator = await startEmulator({ port: 0 });
    home = newFolder("home-");
  });
  beforeEach(() => emulator.loadScenario({ operations }));
  afterAll(async () => {
    await emulator?.close();
    removeFolders();
  });
  const env = (options: { credentials?: boolean } = {}) => {
    const credentials: Record<string, string> =
      options.credentials === false
        ? {}
        : {
            ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_CREDENTIALS.alibabaAccessKeyId,
            ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_CREDENTIALS.alibabaAccessKeySecret,
            HW_ACCESS_KEY: DEFAULT_CREDENTIALS.huaweiAccessKey,
            HW_SECRET_KEY: DEFAULT_CREDENTIALS.huaweiSecretKey,
          };
    return terraformEnvironment(home, { ...credentials, OPGATE_ENDPOINT: emulator.url, HW_PROJECT_ID: "proj-1" });
  };
  return {
    emulator: () => emulator,
    home: () => home,
    env,
    terraform: async (dir, given) => {
      const tf = new Terraform(dir, given ?? env());
      await tf.init();
      return tf;
    },
  };
}
