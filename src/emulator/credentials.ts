/**
 * The credentials the emulator accepts. The defaults are public (documented in
 * the README), so the emulator works with no setup; flags, options and the
 * `OPGATE_EMULATOR_*` environment variables override them.
 */

/** Credentials the emulator accepts; secrets never leave this object. */
export interface EmulatorCredentials {
  alibabaAccessKeyId: string;
  alibabaAccessKeySecret: string;
  /** When set, Alibaba requests must carry this STS security token. */
  alibabaSecurityToken?: string;
  huaweiAccessKey: string;
  huaweiSecretKey: string;
  /** The IAM token accepted as `X-Auth-Token`. */
  huaweiAuthToken: string;
}

/** The documented default credentials. */
export const DEFAULT_CREDENTIALS: Readonly<EmulatorCredentials> = Object.freeze({
  alibabaAccessKeyId: "opgate-emulator",
  alibabaAccessKeySecret: "opgate-emulator-secret",
  huaweiAccessKey: "OPGATEEMULATORAK",
  huaweiSecretKey: "opgate-emulator-sk",
  huaweiAuthToken: "opgate-emulator-token",
});

/** Which environment variable overrides which credential. */
export const CREDENTIAL_ENV: Readonly<Record<keyof EmulatorCredentials, string>> = Object.freeze({
  alibabaAccessKeyId: "OPGATE_EMULATOR_ALIBABA_ACCESS_KEY_ID",
  alibabaAccessKeySecret: "OPGATE_EMULATOR_ALIBABA_ACCESS_KEY_SECRET",
  alibabaSecurityToken: "OPGATE_EMULATOR_ALIBABA_SECURITY_TOKEN",
  huaweiAccessKey: "OPGATE_EMULATOR_HUAWEI_ACCESS_KEY",
  huaweiSecretKey: "OPGATE_EMULATOR_HUAWEI_SECRET_KEY",
  huaweiAuthToken: "OPGATE_EMULATOR_HUAWEI_AUTH_TOKEN",
});

/** The credentials set (non-empty) in `env` through `OPGATE_EMULATOR_*` variables. */
export function credentialsFromEnv(env: Record<string, string | undefined>): Partial<EmulatorCredentials> {
  const found: Partial<EmulatorCredentials> = {};
  for (const [key, name] of Object.entries(CREDENTIAL_ENV) as [keyof EmulatorCredentials, string][]) {
    const value = env[name];
    if (value) found[key] = value;
  }
  return found;
}

/** The defaults with `overrides` applied (undefined and empty values are ignored). */
export function resolveCredentials(overrides: Partial<EmulatorCredentials> = {}): EmulatorCredentials {
  const resolved: EmulatorCredentials = { ...DEFAULT_CREDENTIALS };
  for (const [key, value] of Object.entries(overrides) as [keyof EmulatorCredentials, string | undefined][]) {
    if (value) resolved[key] = value;
  }
  return resolved;
}
