/**
 * Huawei Cloud AK/SK signature `SDK-HMAC-SHA256`: pure functions, so the
 * client signs with them and the emulator verifies with the same code.
 */
import { createHmac } from "node:crypto";
import { canonicalRequest, sha256Hex, type SignableRequest } from "./canonical";

/** An access key pair (with a security token for temporary credentials). */
export interface HuaweiAccessKey {
  accessKey: string;
  secretKey: string;
  /** Set for temporary credentials; sent as `X-Security-Token`. */
  securityToken?: string;
}

/** The signature algorithm name, first line of the string to sign and of `Authorization`. */
export const HUAWEI_ALGORITHM = "SDK-HMAC-SHA256";

/**
 * The canonical request: method, encoded path ending with `/`, sorted encoded
 * query, one `name:value` line per signed header, the signed header names and
 * the hex SHA-256 of the body, joined with `\n`.
 * @param signedHeaders lower-case header names, sorted.
 */
export function huaweiCanonicalRequest(req: SignableRequest, signedHeaders: string[]): string {
  return canonicalRequest(req, signedHeaders, true);
}

/**
 * The hex HMAC-SHA256 (keyed with the SK) of
 * `SDK-HMAC-SHA256\n<sdkDate>\n<hex sha256 of the canonical request>`.
 * @param sdkDate the `x-sdk-date` value, e.g. `20191115T033655Z`.
 */
export function huaweiSignature(
  req: SignableRequest,
  signedHeaders: string[],
  secretKey: string,
  sdkDate: string,
): string {
  const stringToSign = `${HUAWEI_ALGORITHM}\n${sdkDate}\n${sha256Hex(huaweiCanonicalRequest(req, signedHeaders))}`;
  return createHmac("sha256", secretKey).update(stringToSign, "utf8").digest("hex");
}

/** `20191115T033655Z`: the compact UTC form `x-sdk-date` wants. */
export function huaweiSdkDate(now: Date): string {
  return now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}

/**
 * Signs `req` and returns every header to send: the request's own headers
 * (which must hold `host`) plus `x-sdk-date`, `x-security-token` (temporary
 * credentials only) and `authorization`. Every header sent is signed.
 */
export function signHuawei(req: SignableRequest, creds: HuaweiAccessKey, now: Date): Record<string, string> {
  const sdkDate = huaweiSdkDate(now);
  const headers: Record<string, string> = { ...req.headers, "x-sdk-date": sdkDate };
  if (creds.securityToken) headers["x-security-token"] = creds.securityToken;
  const signedHeaders = Object.keys(headers).sort();
  const signature = huaweiSignature({ ...req, headers }, signedHeaders, creds.secretKey, sdkDate);
  headers.authorization =
    `${HUAWEI_ALGORITHM} Access=${creds.accessKey}, ` +
    `SignedHeaders=${signedHeaders.join(";")}, Signature=${signature}`;
  return headers;
}
