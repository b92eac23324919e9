/** examples/terraform: its root module, applied by the real terraform against the emulator playing its scenario.json. */
import * as fs from "node:fs";
import * as path from "node:path";
import { DEFAULT_CREDENTIALS, startEmulator, type Emulator } from "../../src/emulator";
import { describeWithTerraform, newFolder, removeFolders, REPO, requireTerraform, Terraform, terraformEnvironment } from "./support/terraform";

jest.setTimeout(120_000);
const EXAMPLE = path.join(REPO, "examples/terraform");

describeWithTerraform("the HCL example", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    requireTerraform();
    emulator = await startEmulator({ port: 0, scenario: JSON.parse(fs.readFileSync(path.join(EXAMPLE, "scenario.json"), "utf8")) });
  });
  afterAll(async () => {
    await emulator?.close();
    removeFolders();
  });

  test("waits for the four operations and a Huawei job (any read API, by a preset) and shows typed outputs; the release comes after them", async () => {
    const dir = newFolder();
    // The example names the module relative to examples/terraform; the copy names it relative to its own folder.
    const source = path.relative(dir, path.join(REPO, "terraform/operation-wait")).split(path.sep).join("/");
    const text = fs.readFileSync(path.join(EXAMPLE, "main.tf"), "utf8");
    expect(text).toContain('source       = "../../terraform/operation-wait"');
    expect(text).toContain('file("../../presets/huawei-ecs-job.json")');
    const preset = path.relative(dir, path.join(REPO, "presets/huawei-ecs-job.json")).split(path.sep).join("/");
    fs.writeFileSync(
      path.join(dir, "main.tf"),
      text.replaceAll('"../../terraform/operation-wait"', JSON.stringify(source)).replaceAll('"../../presets/huawei-ecs-job.json"', JSON.stringify(preset)),
    );
    const tf = new Terraform(
      dir,
      terraformEnvironment(newFolder("home-"), {
        OPGATE_ENDPOINT: emulator.url,
        ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_CREDENTIALS.alibabaAccessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_CREDENTIALS.alibabaAccessKeySecret,
        HW_ACCESS_KEY: DEFAULT_CREDENTIALS.huaweiAccessKey,
        HW_SECRET_KEY: DEFAULT_CREDENTIALS.huaweiSecretKey,
      }),
    );
    await tf.init();
    await tf.apply();
    const outputs = await tf.outputs();
    expect(outputs).toMatchObject({
      bpstudio_tag_map: { cadt: ["12xxxxxxx", "34xxxxxxx"] },
      emr_state_change_reason: { code: "Success", message: "2 task nodes added" },
      oos_resources: [
        { resourceId: "i-web-1", status: "Success", outputs: { patched: true } },
        { resourceId: "i-web-2", status: "Skipped", outputs: {} },
      ],
      resized_servers: ["7c1a7b3e-2f41-4b8a-9c55-0d6a3e9f1b22"],
      release: { chain: "hcl-chain", emr: "SUCCESS", patched: 2, servers: ["7c1a7b3e-2f41-4b8a-9c55-0d6a3e9f1b22"], tags: { cadt: ["12xxxxxxx", "34xxxxxxx"] } },
    });
    expect((outputs.bcs_steps as { name: string }[]).map((step) => step.name)).toEqual(["Preparation", "Create Other Dependent Resource"]);
    expect((await tf.plan()).exitCode).toBe(0);
  });
});
