/**
 * Bad input to waitForOperation rejects with an InputError naming the field,
 * and nothing reaches the API.
 */
import os from "node:os";
import { InputError } from "../../src/core/errors";
import type { Emulator } from "../../src/emulator";
import { readOperation, waitForOperation, type WaitForOperationOptions } from "../../src/wait";
import { emulatorFixture, EMULATOR_ENV } from "./helpers";

let emu: Emulator;
let opts: (o: WaitForOperationOptions) => WaitForOperationOptions;
beforeAll(async () => ({ emu, opts } = await emulatorFixture()));
afterAll(() => emu.close());

const cases: Array<[string, Record<string, unknown>, string]> = [
  ["unknown service", { service: "ecs", operationId: "op-1" }, "service"],
  ["missing service", { operationId: "op-1" }, "service"],
  ["missing operation ID", { service: "bpstudio" }, "operationId"],
  ["empty operation ID", { service: "bpstudio", operationId: "" }, "operationId"],
  ["blank operation ID", { service: "bpstudio", operationId: "   " }, "operationId"],
  ["operation ID with a newline", { service: "bpstudio", operationId: "op\n1" }, "operationId"],
  ["operation ID that is a number", { service: "bpstudio", operationId: 42 }, "operationId"],
  ["very long operation ID", { service: "bpstudio", operationId: "x".repeat(5000) }, "operationId"],
  ["EMR without cluster", { service: "emr", region: "cn-hangzhou", operationId: "op-1" }, "clusterId"],
  ["EMR without region", { service: "emr", clusterId: "c-1", operationId: "op-1" }, "region"],
  ["EMR allowPartial not a boolean", { service: "emr", region: "cn-hangzhou", clusterId: "c-1", operationId: "op-1", allowPartial: "yes" }, "allowPartial"],
  ["BCS without project", { service: "bcs", region: "cn-north-4", operationId: "op-1" }, "projectId"],
  ["BCS project with a slash", { service: "bcs", region: "cn-north-4", projectId: "../x", operationId: "op-1" }, "projectId"],
  ["OOS without execution", { service: "oos", region: "cn-hangzhou" }, "executionId"],
  ["region that is not a region", { service: "oos", region: "evil.example#", executionId: "exec-1" }, "region"],
  ["bad duration", { service: "bpstudio", operationId: "op-1", timeout: "soon" }, "timeout"],
  ["zero duration", { service: "bpstudio", operationId: "op-1", timeout: "0s" }, "timeout"],
  ["endpoint that is not a URL", { service: "bpstudio", operationId: "op-1", endpoint: "not a url" }, "endpoint"],
  ["endpoint with another scheme", { service: "bpstudio", operationId: "op-1", endpoint: "ftp://127.0.0.1/" }, "endpoint"],
];

test.each(cases)("%s is refused naming %s, before any request", async (_, input, field) => {
  const before = emu.requests.length;
  const options = { ...opts({} as WaitForOperationOptions), ...input } as WaitForOperationOptions;
  const error = await waitForOperation(options).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).field).toBe(field);
  expect((error as InputError).message.startsWith(`${field}: `)).toBe(true);
  await expect(readOperation(options)).rejects.toBeInstanceOf(InputError);
  expect(emu.requests.length).toBe(before);
});

test("missing credentials are refused naming credentials, before any request", async () => {
  const before = emu.requests.length;
  const env = { HOME: EMULATOR_ENV.HOME, ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true", ALIBABA_CLOUD_CREDENTIALS_URI: "http://127.0.0.1:9/" };
  const saved = { ...process.env };
  for (const k of Object.keys(process.env)) if (/^(ALIBABA_CLOUD_|ALICLOUD_|HW_)/.test(k)) delete process.env[k];
  Object.assign(process.env, env);
  // The credential chain looks for profile files under os.homedir(), which HOME does not move inside jest.
  const home = jest.spyOn(os, "homedir").mockReturnValue(EMULATOR_ENV.HOME);
  try {
    const error = await waitForOperation(opts({ service: "bpstudio", operationId: "op-1", env })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("credentials");
    const hw = await waitForOperation(opts({ service: "bcs", region: "cn-north-4", projectId: "p1", operationId: "op-1", env })).catch((e: unknown) => e);
    expect((hw as InputError).field).toBe("credentials");
  } finally {
    process.env = saved;
    home.mockRestore();
  }
  expect(emu.requests.length).toBe(before);
});
