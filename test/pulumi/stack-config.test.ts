/**
 * Stack config → the environment a wait runs with. Stack config wins over the
 * environment; a credential pair travels as a whole.
 */
import { InputError } from "../../src/core/errors";
import { waitEnv } from "../../src/pulumi/stack-config";

const config = (values: Record<string, string>) => ({ PULUMI_CONFIG: JSON.stringify(values) });

test("without stack config the environment is used as it is", () => {
  const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: "id", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "secret", HW_REGION_NAME: "cn-north-4" };
  expect(waitEnv(env)).toEqual(env);
});

test("stack config credentials, region and project win over the environment's", () => {
  const env = waitEnv({
    ALIBABA_CLOUD_ACCESS_KEY_ID: "env-id",
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: "env-secret",
    ALIBABA_CLOUD_REGION_ID: "cn-beijing",
    HW_ACCESS_KEY: "env-ak",
    HW_SECRET_KEY: "env-sk",
    HW_REGION_NAME: "cn-east-3",
    HW_PROJECT_ID: "env-project",
    ...config({
      "alicloud:accessKey": "cfg-id",
      "alicloud:secretKey": "cfg-secret",
      "alicloud:region": "cn-shanghai",
      "huaweicloud:accessKey": "cfg-ak",
      "huaweicloud:secretKey": "cfg-sk",
      "huaweicloud:region": "cn-north-4",
      "huaweicloud:projectId": "cfg-project",
    }),
  });
  expect(env).toMatchObject({
    ALIBABA_CLOUD_ACCESS_KEY_ID: "cfg-id",
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: "cfg-secret",
    ALIBABA_CLOUD_REGION_ID: "cn-shanghai",
    HW_ACCESS_KEY: "cfg-ak",
    HW_SECRET_KEY: "cfg-sk",
    HW_REGION_NAME: "cn-north-4",
    HW_PROJECT_ID: "cfg-project",
  });
});

test("a stack config pair drops the environment's security token, which belongs to another pair", () => {
  const env = waitEnv({
    ALIBABA_CLOUD_SECURITY_TOKEN: "env-token",
    HW_SECURITY_TOKEN: "env-hw-token",
    ...config({ "alicloud:accessKey": "id", "alicloud:secretKey": "secret", "huaweicloud:accessKey": "ak", "huaweicloud:secretKey": "sk", "huaweicloud:securityToken": "cfg-hw-token" }),
  });
  expect(env.ALIBABA_CLOUD_SECURITY_TOKEN).toBeUndefined();
  expect(env.HW_SECURITY_TOKEN).toBe("cfg-hw-token");
});

test("keys written the old way (namespace:config:key) are read too; empty values are ignored", () => {
  const env = waitEnv(config({ "alicloud:config:region": "cn-hangzhou", "huaweicloud:region": "" }));
  expect(env.ALIBABA_CLOUD_REGION_ID).toBe("cn-hangzhou");
  expect(env.HW_REGION_NAME).toBeUndefined();
});

test("half a credential pair is refused, naming the missing key and never quoting the given one", () => {
  const run = () => waitEnv(config({ "alicloud:accessKey": "the-given-id" }));
  expect(run).toThrow(InputError);
  expect(run).toThrow(/alicloud:secretKey/);
  expect(run).not.toThrow(/the-given-id/);
  expect(() => waitEnv(config({ "huaweicloud:secretKey": "sk" }))).toThrow(/huaweicloud:accessKey/);
});

test("PULUMI_CONFIG that is not a JSON object is ignored", () => {
  expect(waitEnv({ PULUMI_CONFIG: "not json", HW_REGION_NAME: "r" })).toEqual({ PULUMI_CONFIG: "not json", HW_REGION_NAME: "r" });
  expect(waitEnv({ PULUMI_CONFIG: "[1]" })).toEqual({ PULUMI_CONFIG: "[1]" });
});
