/**
 * `opgate emulator`: the first stdout line, the credential hints (secrets only
 * when they are the public defaults), per-request log lines and SIGTERM.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../../src/core/errors";
import { runEmulatorCommand } from "../../src/emulator/command";
import type { Emulator } from "../../src/emulator/server";
import { send } from "./support/http";
import { acs3Request, tokenRequest } from "./support/signed-requests";
import { temporaryFolder } from "../support/temporary-folder";

let emu: Emulator | undefined;
let lines: string[];
const stdout = (line: string) => lines.push(line);

beforeEach(() => {
  lines = [];
});
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const EMR_PARAMS = { RegionId: "cn-hangzhou", ClusterId: "c-1", OperationId: "op-1" };
const emrCall = (port: number, secret?: string) =>
  acs3Request({ port, action: "GetOperation", version: "2021-03-20", params: EMR_PARAMS, at: Date.now(), secret, ak: secret && "custom-id" });

test("the first line names the URL; the defaults are printed as variables to export", async () => {
  emu = await runEmulatorCommand({ port: 0, env: {}, stdout });
  expect(lines[0]).toBe(`opgate emulator listening on http://127.0.0.1:${emu.port}`);
  expect(lines).toEqual(
    expect.arrayContaining([
      `  export OPGATE_ENDPOINT=http://127.0.0.1:${emu.port}`,
      "  export ALIBABA_CLOUD_ACCESS_KEY_ID=opgate-emulator",
      "  export ALIBABA_CLOUD_ACCESS_KEY_SECRET=opgate-emulator-secret",
      "  export HW_ACCESS_KEY=OPGATEEMULATORAK",
      "  export HW_SECRET_KEY=opgate-emulator-sk",
    ]),
  );
  expect(lines.join("\n")).toContain("HW_AUTH_TOKEN=opgate-emulator-token");
});

test("overridden secrets are accepted but never printed, not even in request lines", async () => {
  const env = {
    OPGATE_EMULATOR_ALIBABA_ACCESS_KEY_ID: "custom-id",
    OPGATE_EMULATOR_ALIBABA_ACCESS_KEY_SECRET: "private-alibaba-secret",
    OPGATE_EMULATOR_HUAWEI_SECRET_KEY: "private-huawei-sk",
    OPGATE_EMULATOR_HUAWEI_AUTH_TOKEN: "private-huawei-token",
  };
  emu = await runEmulatorCommand({ env, stdout });
  expect(lines).toContain("  export ALIBABA_CLOUD_ACCESS_KEY_ID=custom-id");
  expect(lines).toContain("  export ALIBABA_CLOUD_ACCESS_KEY_SECRET=<the value of OPGATE_EMULATOR_ALIBABA_ACCESS_KEY_SECRET>");

  const accepted = await send(emu.port, emrCall(emu.port, "private-alibaba-secret"));
  expect(accepted.status).toBe(404); // authenticated; the operation is not scripted
  expect(JSON.parse(accepted.text).Code).toBe("ResourceNotFound");
  expect(JSON.parse((await send(emu.port, emrCall(emu.port))).text).Code).toBe("InvalidAccessKeyId.NotFound");
  expect((await send(emu.port, tokenRequest(emu.port, "/v2/p/operation/record", { operation_id: "x" }, "private-huawei-token"))).status).toBe(200);

  const requestLines = lines.filter((l) => l.includes(" -> "));
  expect(requestLines).toHaveLength(3);
  for (const secret of Object.values(env).filter((v) => v.startsWith("private"))) expect(lines.join("\n")).not.toContain(secret);
});

test("a scenario file is played; a bad one fails before listening", async () => {
  const dir = temporaryFolder("opgate-emulator-cmd-");
  const good = join(dir, "good.json");
  writeFileSync(good, JSON.stringify({ operations: [{ service: "emr", id: "op-1", clusterId: "c-1", timeline: [{ state: "COMPLETED" }] }] }));
  emu = await runEmulatorCommand({ scenarioFile: good, env: {}, stdout });
  const res = await send(emu.port, emrCall(emu.port));
  expect(JSON.parse(res.text).Operation.OperationState).toBe("COMPLETED");

  const bad = join(dir, "bad.json");
  writeFileSync(bad, JSON.stringify({ operations: [{ service: "emr", id: "op-1", timeline: [{ state: 5 }] }] }));
  const before = lines.length;
  await expect(runEmulatorCommand({ scenarioFile: bad, env: {}, stdout })).rejects.toThrow(/operations\[0\]\.timeline\[0\]/);
  await expect(runEmulatorCommand({ port: 70000, env: {}, stdout })).rejects.toBeInstanceOf(InputError);
  await expect(runEmulatorCommand({ port: emu.port, env: {}, stdout })).rejects.toThrow(/cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\)/);
  expect(lines.length).toBe(before);
});

test("SIGTERM stops it and removes its signal handlers", async () => {
  const beforeTerm = new Set(process.listeners("SIGTERM"));
  const beforeInt = new Set(process.listeners("SIGINT"));
  const started = await runEmulatorCommand({ env: {}, stdout });
  const added = process.listeners("SIGTERM").filter((l) => !beforeTerm.has(l));
  expect(added).toHaveLength(1);
  expect(process.listeners("SIGINT").filter((l) => !beforeInt.has(l))).toHaveLength(1);
  (added[0] as () => void)();
  for (let i = 0; i < 100 && lines[lines.length - 1] !== "opgate emulator stopped"; i++) await new Promise((r) => setTimeout(r, 20));
  expect(lines[lines.length - 1]).toBe("opgate emulator stopped");
  await expect(send(started.port, emrCall(started.port))).rejects.toThrow(/ECONNREFUSED/);
  expect(process.listeners("SIGTERM").filter((l) => !beforeTerm.has(l))).toHaveLength(0);
  expect(process.listeners("SIGINT").filter((l) => !beforeInt.has(l))).toHaveLength(0);
});
