/**
 * CDKTF at apply time, where test/cdktf/synth.test.ts stops (it shows that
 * the synthesized JSON holds no credential of the synthesizing machine):
 * canary credentials in the environment of the real `terraform apply` are
 * used by the waits, and reach neither the synthesized JSON, the state, the
 * `.opgate/` result files, any terraform command line nor what Terraform
 * printed, also when a wait fails with wrong credentials.
 */
import * as path from "node:path";
import { startEmulator, type Emulator } from "../../src/emulator";
import { OPERATIONS, waitsApp } from "../cdktf/fixtures";
import { cleanUp, newProject, synthesize, temporaryHome } from "../cdktf/helpers";
import { allText, commandLines, describeWithTerraform, requireTerraform, Terraform, terraformEnvironment } from "../terraform/support/terraform";
import { ALICLOUD_CHANNEL, ENV_CHANNEL, leakedCanaries, searchable } from "./support/canaries";

jest.setTimeout(120_000);

describeWithTerraform("canary credentials through the real terraform", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    requireTerraform();
    emulator = await startEmulator({ scenario: { operations: OPERATIONS }, credentials: ENV_CHANNEL.accepts });
  });
  afterAll(async () => {
    await emulator?.close();
    cleanUp();
  });

  function terraformIn(stackDir: string, credentials: Record<string, string>): Terraform {
    return new Terraform(stackDir, terraformEnvironment(temporaryHome(), { ...credentials, OPGATE_ENDPOINT: emulator.url, HW_PROJECT_ID: "proj-1" }));
  }

  test("no canary in the configuration, the state, the result files, the command lines or Terraform's output", async () => {
    const project = newProject();
    const tf = terraformIn(synthesize(project, waitsApp()), ENV_CHANNEL.env);
    const printed: string[] = [];
    const keep = (outcome: { stdout: string; stderr: string }) => printed.push(outcome.stdout, outcome.stderr);
    keep(await tf.init());
    keep(await tf.apply());
    expect((await tf.outputs()).bpStatus).toBe("SUCCESS");
    expect(allText(path.join(tf.dir, ".opgate"))).toContain('\\"outcome\\":\\"SUCCESS\\"');

    const failingProject = newProject();
    const failing = terraformIn(synthesize(failingProject, waitsApp({ twoServices: true })), ALICLOUD_CHANNEL.wrongEnv);
    keep(await failing.init());
    const failed = await failing.run(["apply", "-auto-approve"]);
    keep(failed);
    expect(failed.exitCode).toBe(1);
    expect(failed.stderr).toMatch(/exit status 4\./);
    expect(failed.stderr).toContain("InvalidAccessKeyId.NotFound");

    const everything = searchable(allText(project), allText(failingProject), commandLines, printed, emulator.requests);
    expect(everything).toContain("terraform_data");
    expect(leakedCanaries(everything)).toEqual([]);
  });
});
