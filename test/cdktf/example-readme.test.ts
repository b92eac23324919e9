/**
 * examples/cdktf/README.md, command by command, with the real terraform
 * against the emulator playing the example's scenario: the apply, each output
 * it lists (`terraform output emr_state_change_reason` included), a plan with
 * no changes, and, after deleting `cdktf.out` and synthesizing again, the
 * `terraform init` the new stack directory needs before a plan that still
 * reports no changes and keeps every output, with no credentials.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { App } from "cdktf";
import { OpgateExampleStack } from "../../examples/cdktf/main";
import { describeWithTerraform, Terraform } from "../terraform/support/terraform";
import { REPO } from "./helpers";
import { applyTestSetup } from "./fixtures";

jest.setTimeout(180_000);
const EXAMPLE = path.join(REPO, "examples/cdktf");

/** `node dist/main.js` in the project: the example app synthesized into `<project>/cdktf.out`. Returns the stack directory. */
function synth(project: string): string {
  const app = new App({ outdir: path.join(project, "cdktf.out") });
  new OpgateExampleStack(app, "opgate-example");
  app.synth();
  return path.join(project, "cdktf.out", "stacks", "opgate-example");
}

describeWithTerraform("examples/cdktf/README.md", () => {
  const setup = applyTestSetup();

  test("every output it lists exists, and a fresh cdktf.out plans no changes after terraform init", async () => {
    setup.emulator().loadScenario(JSON.parse(fs.readFileSync(path.join(EXAMPLE, "scenario.json"), "utf8")));
    const project = setup.project();
    const readme = fs.readFileSync(path.join(EXAMPLE, "README.md"), "utf8");

    const tf = await setup.terraform(synth(project));
    await tf.apply();
    const listed = [...readme.matchAll(/^- (.*)$/gm)].flatMap((m) => [...m[1].matchAll(/`([a-z]+(?:_[a-z]+)+)`/g)].map((name) => name[1]));
    expect(listed).toEqual(expect.arrayContaining(["bpstudio_tag_map", "emr_state_change_reason", "oos_resources"]));
    const outputs = await tf.outputs();
    expect(listed.filter((name) => !(name in outputs))).toEqual([]);
    expect(readme).toContain("`terraform output emr_state_change_reason`");
    expect((await tf.expect(["output", "emr_state_change_reason"])).stdout).toContain('"message" = "2 task nodes added"');
    expect((await tf.plan()).exitCode).toBe(0);

    // "delete `cdktf.out`, synthesize again, and run `terraform init`", with no credentials.
    expect(readme).toContain("rm -rf cdktf.out && node dist/main.js");
    fs.rmSync(path.join(project, "cdktf.out"), { recursive: true, force: true });
    const fresh = new Terraform(synth(project), setup.env({ credentials: false }));
    const withoutInit = await fresh.run(["plan"]);
    expect(withoutInit.exitCode).not.toBe(0);
    expect(withoutInit.stderr).toContain("terraform init");
    await fresh.init();
    expect((await fresh.plan()).exitCode).toBe(0);
    expect(await fresh.outputs()).toEqual(outputs);
  });
});
