/** examples/cdktf: its app applies against the emulator playing its scenario.json. */
import * as fs from "node:fs";
import * as path from "node:path";
import { App } from "cdktf";
import { OpgateExampleStack } from "../../examples/cdktf/main";
import { REPO } from "./helpers";
import { applyTestSetup, executions } from "./fixtures";
import { TerraformExecutor } from "./terraform-executor";

const setup = applyTestSetup();
const EXAMPLE = path.join(REPO, "examples/cdktf");

test("cdktf.json runs the app that main.ts builds", () => {
  const config = JSON.parse(fs.readFileSync(path.join(EXAMPLE, "cdktf.json"), "utf8")) as { app: string; language: string };
  expect(config.language).toBe("typescript");
  expect(config.app).toBe("npx tsc -p . && node dist/main.js");
});

test("one wait per service, the outputs, and the release created after all of them", async () => {
  setup.emulator().loadScenario(JSON.parse(fs.readFileSync(path.join(EXAMPLE, "scenario.json"), "utf8")));
  const project = setup.project();
  const app = new App({ outdir: path.join(project, "cdktf.out") });
  new OpgateExampleStack(app, "opgate-example");
  app.synth();
  const stackDir = path.join(project, "cdktf.out", "stacks", "opgate-example");
  expect(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")).not.toContain(REPO);

  const tf = new TerraformExecutor(stackDir, setup.env());
  const applied = await tf.apply();
  expect(executions(applied, "local-exec").map((run) => run.exitCode)).toEqual([0, 0, 0, 0]);
  expect(applied.outputs).toMatchObject({
    bpstudio_tag_map: { cadt: ["12xxxxxxx", "34xxxxxxx"] },
    emr_raw_status: "COMPLETED",
    oos_status: "SUCCESS",
  });
  expect(JSON.parse(applied.outputs.bcs_outputs as string)).toMatchObject({ blockchainName: "cdktf-chain" });
  const release = Object.entries(tf.state().resources).find(([address]) => address.startsWith("terraform_data.release"))![1];
  expect(release.attributes.output).toEqual({ tags: { cadt: ["12xxxxxxx", "34xxxxxxx"] }, emr: "SUCCESS", chain: "SUCCESS", patch: "SUCCESS" });
  expect(fs.existsSync(path.join(project, "terraform.opgate-example.tfstate"))).toBe(true);
});
