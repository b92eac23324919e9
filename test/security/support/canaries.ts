/**
 * Canary credentials: unique secrets and tokens that the security tests set
 * through every channel (environment, stack config, emulator options) and
 * then search for in every output. Each canary has a random core; finding
 * the core (whole, URL-encoded or cut short) anywhere is a leak.
 */
import { randomBytes } from "node:crypto";
import type { EmulatorCredentials } from "../../../src/emulator";

/**
 * A canary: `label`, then a random core holding the characters of real STS
 * tokens that encodings change (`+`, `/`, `=`).
 */
function canary(label: string): string {
  return `${label}-${randomBytes(12).toString("hex")}+/${randomBytes(6).toString("hex")}==`;
}

/** Every secret the security tests use, by what it stands for. */
export const CANARIES = {
  alibabaSecret: canary("alibaba-secret"),
  alibabaToken: canary("alibaba-sts"),
  alicloudSecret: canary("alicloud-secret"),
  alicloudToken: canary("alicloud-sts"),
  huaweiSecretKey: canary("huawei-sk"),
  huaweiSecurityToken: canary("huawei-sts"),
  huaweiAuthToken: canary("huawei-x-auth"),
  /** Wrong values, for waits that must fail with an authentication error. */
  wrongAlibabaSecret: canary("wrong-alibaba-secret"),
  wrongAlicloudToken: canary("wrong-alicloud-sts"),
  wrongHuaweiSecretKey: canary("wrong-huawei-sk"),
  wrongHuaweiAuthToken: canary("wrong-huawei-x-auth"),
} as const;

/** Access key IDs are not secret (they are printed); these only pair with the canaries. */
const KEY_ID_ENV = "canary-id-env";
const KEY_ID_ALICLOUD = "canary-id-alicloud";
const HUAWEI_AK = "CANARYHUAWEIAK";

/** One way to hand credentials to opgate, and the emulator that accepts exactly them. */
export interface CredentialChannel {
  name: string;
  /** The environment of the wait (the credential variables only). */
  env: Record<string, string>;
  /** The same, with the secret the emulator rejects: the wait ends with an authentication ERROR. */
  wrongEnv: Record<string, string>;
  /** What the emulator accepts. */
  accepts: Partial<EmulatorCredentials>;
  /** The error code of the wrong credentials, per cloud. */
  authErrorCode: { alibaba: string; huawei: string };
}

/**
 * `ALIBABA_CLOUD_*` with an STS token, and a Huawei AK/SK pair with a
 * security token (signed with SDK-HMAC-SHA256).
 */
export const ENV_CHANNEL: CredentialChannel = {
  name: "ALIBABA_CLOUD_* STS + HW_ACCESS_KEY/HW_SECRET_KEY/HW_SECURITY_TOKEN",
  env: {
    ALIBABA_CLOUD_ACCESS_KEY_ID: KEY_ID_ENV,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: CANARIES.alibabaSecret,
    ALIBABA_CLOUD_SECURITY_TOKEN: CANARIES.alibabaToken,
    HW_ACCESS_KEY: HUAWEI_AK,
    HW_SECRET_KEY: CANARIES.huaweiSecretKey,
    HW_SECURITY_TOKEN: CANARIES.huaweiSecurityToken,
  },
  wrongEnv: {
    ALIBABA_CLOUD_ACCESS_KEY_ID: KEY_ID_ENV,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: CANARIES.wrongAlibabaSecret,
    ALIBABA_CLOUD_SECURITY_TOKEN: CANARIES.alibabaToken,
    HW_ACCESS_KEY: HUAWEI_AK,
    HW_SECRET_KEY: CANARIES.wrongHuaweiSecretKey,
    HW_SECURITY_TOKEN: CANARIES.huaweiSecurityToken,
  },
  accepts: {
    alibabaAccessKeyId: KEY_ID_ENV,
    alibabaAccessKeySecret: CANARIES.alibabaSecret,
    alibabaSecurityToken: CANARIES.alibabaToken,
    huaweiAccessKey: HUAWEI_AK,
    huaweiSecretKey: CANARIES.huaweiSecretKey,
  },
  authErrorCode: { alibaba: "SignatureDoesNotMatch", huawei: "APIGW.0301" },
};

/** The Terraform provider's `ALICLOUD_*` with an STS token, and a Huawei IAM token sent as `X-Auth-Token`. */
export const ALICLOUD_CHANNEL: CredentialChannel = {
  name: "ALICLOUD_* STS + HW_AUTH_TOKEN",
  env: {
    ALICLOUD_ACCESS_KEY: KEY_ID_ALICLOUD,
    ALICLOUD_SECRET_KEY: CANARIES.alicloudSecret,
    ALICLOUD_SECURITY_TOKEN: CANARIES.alicloudToken,
    HW_AUTH_TOKEN: CANARIES.huaweiAuthToken,
  },
  wrongEnv: {
    ALICLOUD_ACCESS_KEY: KEY_ID_ALICLOUD,
    ALICLOUD_SECRET_KEY: CANARIES.alicloudSecret,
    ALICLOUD_SECURITY_TOKEN: CANARIES.wrongAlicloudToken,
    HW_AUTH_TOKEN: CANARIES.wrongHuaweiAuthToken,
  },
  accepts: {
    alibabaAccessKeyId: KEY_ID_ALICLOUD,
    alibabaAccessKeySecret: CANARIES.alicloudSecret,
    alibabaSecurityToken: CANARIES.alicloudToken,
    huaweiAuthToken: CANARIES.huaweiAuthToken,
  },
  authErrorCode: { alibaba: "InvalidSecurityToken.MismatchWithAccessKey", huawei: "BCS.4010401" },
};

/** Both channels. */
export const CHANNELS: readonly CredentialChannel[] = [ENV_CHANNEL, ALICLOUD_CHANNEL];

/** The random part of a canary (between the label and the end), which any echo of it must contain. */
function coreOf(value: string): string {
  return value.slice(value.lastIndexOf("-") + 1);
}

/** The first 12 characters of the core: a canary cut short is still a leak. */
function prefixOf(value: string): string {
  return coreOf(value).slice(0, 12);
}

/**
 * The names of the canaries found in `text`: whole, URL-encoded, or the first
 * characters of their random core. An empty list means no leak.
 */
export function leakedCanaries(text: string): string[] {
  return Object.entries(CANARIES)
    .filter(([, value]) => [value, encodeURIComponent(value), prefixOf(value)].some((form) => text.includes(form)))
    .map(([name]) => name);
}

/** Everything `values` hold as one searchable text (strings as they are, the rest as JSON). */
export function searchable(...values: unknown[]): string {
  return values.map((value) => (typeof value === "string" ? value : JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v)))).join("\n");
}
