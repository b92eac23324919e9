/**
 * Pulumi, where test/pulumi/example-program.test.ts stops: it shows that
 * canary secret keys from stack config and the environment never reach
 * `__provider`, the registered inputs, the outputs or the host's log when
 * every wait succeeds. Here the canaries are security tokens (stack config
 * `huaweicloud:securityToken`, and `ALIBABA_CLOUD_SECURITY_TOKEN`,
 * `HW_SECURITY_TOKEN`, `HW_AUTH_TOKEN` in the environment) and a wrong
 * `alicloud:secretKey`, so that the Alibaba Cloud creates fail with an
 * authentication error and a refresh fails quietly: no canary in the errors
 * the engine receives, the host's log, the registrations or the state.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { plainOutputs } from "../pulumi/harness/engine";
import { exampleEntryPoint } from "../pulumi/harness/program";
import { RpcError } from "../pulumi/harness/provider-host";
import { startTestStack, type TestStack } from "../pulumi/harness/stack";
import { CANARIES, ENV_CHANNEL, leakedCanaries, searchable } from "./support/canaries";

const { pwd } = exampleEntryPoint();
const scenario = JSON.parse(readFileSync(path.join(pwd, "scenario.json"), "utf8"));
const ALIBABA_WAITS = ["opgate:BpStudioOperation", "opgate:EmrOperation", "opgate:OosExecution"];

let stack: TestStack;
const seen: unknown[] = [];

beforeAll(async () => {
  stack = await startTestStack({
    scenario,
    // The emulator knows the stack config's Alibaba key ID with another secret than the configured one.
    credentials: { alibabaAccessKeyId: "canary-id-config", alibabaAccessKeySecret: CANARIES.alibabaSecret, huaweiAccessKey: "CANARYCONFIGAK", huaweiSecretKey: CANARIES.huaweiSecretKey },
    config: {
      "alicloud:accessKey": "canary-id-config",
      "alicloud:secretKey": CANARIES.wrongAlibabaSecret,
      "huaweicloud:accessKey": "CANARYCONFIGAK",
      "huaweicloud:secretKey": CANARIES.huaweiSecretKey,
      "huaweicloud:securityToken": CANARIES.huaweiSecurityToken,
    },
    env: { ...ENV_CHANNEL.env, HW_AUTH_TOKEN: CANARIES.huaweiAuthToken },
  });
  seen.push(stack.run);
}, 30_000);

afterAll(async () => {
  await stack?.close();
});

test("Create fails with the API's authentication error, quoting no secret", async () => {
  const errors = await Promise.all(
    ALIBABA_WAITS.map((type) => stack.engine.create(stack.registration(type)).then(() => undefined, (err: unknown) => err)),
  );
  for (const error of errors) {
    expect(error).toBeInstanceOf(RpcError);
    expect((error as RpcError).message).toContain("ended with ERROR SignatureDoesNotMatch");
  }
  seen.push(errors.map((error) => `${(error as Error).message}\n${(error as Error).stack}`));
});

test("Create and a failing refresh of the BCS wait, with the stack config's security token", async () => {
  const created = await stack.engine.create(stack.registration("opgate:BcsOperation"));
  expect(plainOutputs(created)).toMatchObject({ status: "SUCCESS" });
  const refreshed = await stack.startHost({ ...stack.env, PULUMI_CONFIG: JSON.stringify({ "huaweicloud:accessKey": "CANARYCONFIGAK", "huaweicloud:secretKey": CANARIES.wrongHuaweiSecretKey }) });
  const kept = await refreshed.read(created.urn, created.id, created.outputs, created.inputs);
  expect(plainOutputs({ ...created, outputs: kept.properties })).toEqual(plainOutputs(created));
  expect(stack.emulator.requests.some((r) => r.service === "bcs" && r.code === "APIGW.0301")).toBe(true);
  seen.push(created, kept, refreshed.stderr);
});

test("no canary in the registrations (with __provider), the state, the engine's errors or the hosts' logs", () => {
  expect(stack.emulator.requests.some((r) => r.code === "SignatureDoesNotMatch")).toBe(true);
  expect(leakedCanaries(searchable(seen, stack.host.stderr, stack.emulator.requests))).toEqual([]);
});
