/**
 * Huawei Cloud credentials from the environment: an AK/SK pair (optionally
 * temporary, with a security token) or an IAM token sent as `X-Auth-Token`.
 */
import { InputError } from "../core/errors";
import type { HuaweiAccessKey } from "../signing/huawei";

/** An access key pair, signed with SDK-HMAC-SHA256. */
export interface HuaweiAkSk extends HuaweiAccessKey {
  kind: "aksk";
}

/** An IAM token, sent as `X-Auth-Token`. */
export interface HuaweiToken {
  kind: "token";
  token: string;
}

/** What Huawei Cloud requests are authenticated with. */
export type HuaweiCredentials = HuaweiAkSk | HuaweiToken;

/**
 * Reads `HW_ACCESS_KEY` + `HW_SECRET_KEY` (+ `HW_SECURITY_TOKEN`), which win,
 * else `HW_AUTH_TOKEN`. Throws `InputError("credentials")` when neither is set.
 */
export function resolveHuaweiCredentials(env: Record<string, string | undefined>): HuaweiCredentials {
  const { HW_ACCESS_KEY: accessKey, HW_SECRET_KEY: secretKey, HW_SECURITY_TOKEN: securityToken } = env;
  if (accessKey && secretKey) {
    return securityToken ? { kind: "aksk", accessKey, secretKey, securityToken } : { kind: "aksk", accessKey, secretKey };
  }
  if (env.HW_AUTH_TOKEN) return { kind: "token", token: env.HW_AUTH_TOKEN };
  throw new InputError(
    "credentials",
    "no Huawei Cloud credentials found: set HW_ACCESS_KEY and HW_SECRET_KEY (and HW_SECURITY_TOKEN for temporary credentials), or HW_AUTH_TOKEN",
  );
}
