import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { CHAIN_LOOKUP_TIMEOUT_MS, resolveAlibabaCredentials } from "../../src/clients/alibaba-credentials";
import { resolveHuaweiCredentials } from "../../src/clients/huawei-client";
import { InputError } from "../../src/core/errors";
import { answer, startServer } from "./local-server";
import { rejection } from "./rejection";
import { temporaryFolder } from "../support/temporary-folder";

const CANARY = "CANARY-SECRET-7f3a9c";


describe("resolveAlibabaCredentials", () => {
  const saved = { ...process.env };
  let home: string;

  beforeEach(() => {
    // The default chain reads process.env and HOME itself: isolate it.
    for (const name of Object.keys(process.env)) {
      if (name.startsWith("ALIBABA_CLOUD_") || name.startsWith("ALICLOUD_")) delete process.env[name];
    }
    home = temporaryFolder("opgate-creds-");
    process.env.HOME = home;
    // Jest gives each test file its own copy of process.env, which os.homedir() does not see.
    jest.spyOn(os, "homedir").mockReturnValue(home);
    process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";
  });
  afterEach(() => {
    // Restore in place: os.homedir() reads the real environment, not a replaced process.env object.
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
    jest.restoreAllMocks();
    rmSync(home, { recursive: true, force: true });
  });

  it("prefers ALIBABA_CLOUD_* over ALICLOUD_*", async () => {
    const get = await resolveAlibabaCredentials({
      ALIBABA_CLOUD_ACCESS_KEY_ID: "id-1",
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: "secret-1",
      ALICLOUD_ACCESS_KEY: "id-2",
      ALICLOUD_SECRET_KEY: "secret-2",
      ALICLOUD_SECURITY_TOKEN: "token-2",
    });
    expect(await get()).toEqual({ accessKeyId: "id-1", accessKeySecret: "secret-1" });
  });

  it("reads the STS token of the same source", async () => {
    const get = await resolveAlibabaCredentials({
      ALIBABA_CLOUD_ACCESS_KEY_ID: "id-1",
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: "secret-1",
      ALIBABA_CLOUD_SECURITY_TOKEN: "token-1",
    });
    expect(await get()).toEqual({ accessKeyId: "id-1", accessKeySecret: "secret-1", securityToken: "token-1" });
  });

  it("falls back to Terraform's ALICLOUD_* variables", async () => {
    const get = await resolveAlibabaCredentials({
      ALIBABA_CLOUD_ACCESS_KEY_ID: "half-a-pair",
      ALICLOUD_ACCESS_KEY: "id-2",
      ALICLOUD_SECRET_KEY: "secret-2",
      ALICLOUD_SECURITY_TOKEN: "token-2",
    });
    expect(await get()).toEqual({ accessKeyId: "id-2", accessKeySecret: "secret-2", securityToken: "token-2" });
  });

  it("falls back to the default chain (a profile file)", async () => {
    mkdirSync(join(home, ".alibabacloud"));
    writeFileSync(
      join(home, ".alibabacloud", "credentials"),
      "[default]\ntype = access_key\naccess_key_id = profile-id\naccess_key_secret = profile-secret\n",
    );
    const get = await resolveAlibabaCredentials({});
    expect(await get()).toEqual({ accessKeyId: "profile-id", accessKeySecret: "profile-secret" });
  });

  it("fails with InputError('credentials') when nothing is found, without any secret in it", async () => {
    // A broken CLI config: the chain's own error quotes the file, secret included.
    mkdirSync(join(home, ".aliyun"));
    writeFileSync(join(home, ".aliyun", "config.json"), `{"access_key_secret": "${CANARY}"`);
    // A credentials URI answering an error that quotes a secret (and no lookup of the chain's default URI).
    const server = await startServer((_req, res) => answer(res, 500, `{"AccessKeySecret":"${CANARY}"}`));
    process.env.ALIBABA_CLOUD_CREDENTIALS_URI = server.url;
    const err = await rejection(
      resolveAlibabaCredentials({ ALIBABA_CLOUD_ACCESS_KEY_SECRET: CANARY, ALICLOUD_SECRET_KEY: CANARY }),
    ).finally(() => server.close());
    expect(err).toBeInstanceOf(InputError);
    const { field, message, stack } = err as InputError;
    expect(field).toBe("credentials");
    expect(message).toMatch(/^credentials: no Alibaba Cloud credentials found: set ALIBABA_CLOUD_ACCESS_KEY_ID/);
    expect(message).not.toContain("\n");
    expect(message).not.toContain(CANARY);
    expect(stack ?? "").not.toContain(CANARY);
  });
});

describe("resolveAlibabaCredentials: the default chain's bound", () => {
  // Stub chains only: nothing here may reach the ECS metadata address.
  it("counts a chain that has found nothing within the bound as missing credentials, naming the switch", async () => {
    const never = { getCredential: () => new Promise<never>(() => undefined) };
    const err = await rejection(resolveAlibabaCredentials({}, { chain: never, lookupTimeoutMs: 50 }));
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).field).toBe("credentials");
    expect((err as Error).message).toMatch(/found none within 50ms .*ALIBABA_CLOUD_ECS_METADATA_DISABLED=true/);
    expect((err as Error).message).not.toContain("\n");
  });

  it("takes what the chain finds within the bound", async () => {
    const chain = { getCredential: async () => ({ accessKeyId: "chain-id", accessKeySecret: "chain-secret" }) };
    const get = await resolveAlibabaCredentials({}, { chain, lookupTimeoutMs: 60_000 });
    expect(await get()).toEqual({ accessKeyId: "chain-id", accessKeySecret: "chain-secret" });
  });

  it("bounds the real chain at 5 s by default", () => {
    expect(CHAIN_LOOKUP_TIMEOUT_MS).toBe(5000);
  });
});

describe("resolveHuaweiCredentials", () => {
  it("prefers AK/SK over the token", () => {
    expect(resolveHuaweiCredentials({ HW_ACCESS_KEY: "AK", HW_SECRET_KEY: "SK", HW_AUTH_TOKEN: "tok" })).toEqual({
      kind: "aksk",
      accessKey: "AK",
      secretKey: "SK",
    });
  });

  it("keeps the security token of temporary AK/SK", () => {
    expect(resolveHuaweiCredentials({ HW_ACCESS_KEY: "AK", HW_SECRET_KEY: "SK", HW_SECURITY_TOKEN: "st" })).toEqual({
      kind: "aksk",
      accessKey: "AK",
      secretKey: "SK",
      securityToken: "st",
    });
  });

  it("uses HW_AUTH_TOKEN when no complete AK/SK pair is set", () => {
    expect(resolveHuaweiCredentials({ HW_ACCESS_KEY: "AK", HW_AUTH_TOKEN: "tok" })).toEqual({ kind: "token", token: "tok" });
  });

  it("fails with InputError('credentials') naming the variables, without any secret", () => {
    let err: unknown;
    try {
      resolveHuaweiCredentials({ HW_SECRET_KEY: CANARY, HW_SECURITY_TOKEN: CANARY });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).field).toBe("credentials");
    for (const name of ["HW_ACCESS_KEY", "HW_SECRET_KEY", "HW_AUTH_TOKEN"]) expect((err as Error).message).toContain(name);
    expect((err as Error).message).not.toContain(CANARY);
  });
});
