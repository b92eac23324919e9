/**
 * opgate as a user's project has it: installed in the project's node_modules
 * (here a link to this repository), used by a JavaScript program that passes
 * a secret input. The provider host, running in the project directory, loads
 * opgate from there; the outputs that may quote the secret stay secret.
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isSecretValue, ProviderHost, RpcError, withSecretsHidden, type Props } from "./harness/provider-host";
import { REPO, engineEnv } from "./harness/program";
import { startTestStack, type TestStack } from "./harness/stack";
import { urnOf } from "./harness/engine";
import { temporaryFolder } from "../support/temporary-folder";

const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const { EmrOperation } = require("opgate/pulumi");
const config = new pulumi.Config();
const op = new EmrOperation("scale-out", {
  region: "cn-hangzhou",
  clusterId: pulumi.secret("c-secret-cluster"),
  operationId: "op-user",
  endpoint: config.require("endpoint"),
});
exports.status = op.status;
`;

let project: string;
let stack: TestStack;

beforeAll(async () => {
  project = temporaryFolder("opgate-user-project-");
  writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "user-project", private: true, dependencies: { opgate: "*" } }));
  writeFileSync(path.join(project, "index.js"), PROGRAM);
  mkdirSync(path.join(project, "node_modules"));
  symlinkSync(REPO, path.join(project, "node_modules", "opgate"), "dir");
  symlinkSync(path.join(REPO, "node_modules", "@pulumi"), path.join(project, "node_modules", "@pulumi"), "dir");
  stack = await startTestStack({
    entryPoint: { pwd: project, program: "index.js" },
    scenario: {
      operations: [
        {
          service: "emr",
          id: "op-user",
          clusterId: "c-secret-cluster",
          timeline: [{ state: "COMPLETED", description: "scaled c-secret-cluster", stateChangeReason: { code: "OK", message: "c-secret-cluster is ready" } }],
        },
      ],
    },
  });
}, 30_000);

afterAll(async () => {
  await stack?.close();
  rmSync(project, { recursive: true, force: true });
});

/** `value` as the state shows it in plain text. */
const plainText = (value: unknown) => JSON.stringify(withSecretsHidden(value));

test("the program registers the secret input marked secret, and names it", () => {
  const reg = stack.registration("opgate:EmrOperation");
  expect(isSecretValue(reg.inputs.clusterId)).toBe(true);
  expect(reg.inputs.secretInputNames).toEqual(["clusterId"]);
  expect(plainText(reg.inputs)).not.toContain("c-secret-cluster");
});

test("the host in the project directory loads the installed opgate; outputs that may quote the secret stay secret", async () => {
  const created = await stack.engine.create(stack.registration("opgate:EmrOperation"));
  const outputs: Props = created.outputs;
  expect(outputs.status).toBe("SUCCESS");
  for (const name of ["clusterId", "outputs", "message", "steps", "resources", "error"]) expect(isSecretValue(outputs[name])).toBe(true);
  expect((outputs.outputs as { value: Props }).value).toMatchObject({ clusterId: "c-secret-cluster", description: "scaled c-secret-cluster" });
  expect(plainText(outputs)).not.toContain("c-secret-cluster");

  const refreshed = await stack.engine.refresh(created);
  expect(isSecretValue(refreshed.outputs.outputs)).toBe(true);
  expect(plainText(refreshed.outputs)).not.toContain("c-secret-cluster");
});

test("a host whose directory has no opgate fails with how to fix it", async () => {
  const empty = temporaryFolder("opgate-no-project-");
  const host = await ProviderHost.start({ cwd: empty, env: engineEnv(empty, {}) });
  try {
    const reg = stack.registration("opgate:EmrOperation");
    const error = await host.check(urnOf(reg), {}, reg.inputs).then(() => undefined, (err: RpcError) => err);
    expect(error).toBeInstanceOf(RpcError);
    expect(error?.message).toContain("opgate/pulumi cannot be loaded from the Pulumi program's directory");
    expect(error?.message).toContain("npm install opgate");
  } finally {
    await host.stop();
    rmSync(empty, { recursive: true, force: true });
  }
});
