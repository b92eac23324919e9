/** examples/cdktf: its app, applied by the real terraform against the emulator playing its scenario.json. */
import * as fs from "node:fs";
import * as path from "node:path";
import { App } from "cdktf";
import { OpgateExampleStack } from "../../examples/cdktf/main";
import { describeWithTerraform } from "../terraform/support/terraform";
import { REPO } from "./helpers";
import { applyTestSetup } from "./fixtures";

jest.setTimeout(120_000);
const EXAMPLE = path.join(REPO, "examples/cdktf");

test("cdktf.json runs the app that main.ts builds", () => {
  const config = JSON.parse(fs.readFileSync(path.join(EXAMPLE, "cdktf.json"), "utf8")) as { app: string; language: string; terraformProviders: unknown[] };
  expect(config.language).toBe("typescript");
  expect(config.app).toBe("npx tsc -p . && node dist/main.js");
  expect(config.terraformProviders).toEqual([]);
});

describeWithTerraform("the example app", () => {
  const setup = applyTestSetup();

  test("one wait per service and an ApiWait, typed outputs (BCS steps and OOS resources as lists of objects), the release created after all of them", async () => {
    setup.emulator().loadScenario(JSON.parse(fs.readFileSync(path.join(EXAMPLE, "scenario.json"), "utf8")));
    const project = setup.project();
    const app = new App({ outdir: path.join(project, "cdktf.out") });
    new OpgateExampleStack(app, "opgate-example");
    app.synth();
    const stackDir = path.join(project, "cdktf.out", "stacks", "opgate-example");
    expect(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")).not.toContain(REPO);

    const tf = await setup.terraform(stackDir);
    await tf.apply();
    const outputs = await tf.outputs();
    expect(outputs).toMatchObject({
      bpstudio_tag_map: { cadt: ["12xxxxxxx", "34xxxxxxx"] },
      bpstudio_arguments: { tagMap: { cadt: ["12xxxxxxx", "34xxxxxxx"] } },
      emr_raw_status: "COMPLETED",
      bcs_blockchain_name: "cdktf-chain",
      oos_status: "SUCCESS",
      oos_resources: [
        { resourceId: "i-web-1", status: "Success", outputs: { patched: true } },
        { resourceId: "i-web-2", status: "Skipped" },
      ],
      api_server_ids: ["7c1a7b3e-2f41-4b8a-9c55-0d6a3e9f1b22"],
    });
    const steps = outputs.bcs_steps as { name: string; subSteps: unknown[] }[];
    expect(steps.length).toBeGreaterThan(1);
    expect(steps[0]).toEqual(expect.objectContaining({ name: expect.any(String), subSteps: expect.any(Array) }));
    const state = JSON.parse(fs.readFileSync(path.join(project, "terraform.opgate-example.tfstate"), "utf8"));
    const release = state.resources.find((resource: { name: string }) => resource.name.startsWith("release"));
    expect(release.instances[0].attributes.output.value).toEqual({
      tags: { cadt: ["12xxxxxxx", "34xxxxxxx"] },
      emr: "SUCCESS",
      chain: "SUCCESS",
      patch: "SUCCESS",
      patched: 2,
      resized: "SUCCESS",
    });
  });
});
